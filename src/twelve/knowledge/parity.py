"""What dev/prod parity compares: the backing-service engines that environment definitions name
(images, Helm charts, platform add-ons and databases), how environments are named in files,
classes and profiles, and the settings whose values pick an engine (databases, caches, mail,
task queues) with the values that mean a local stand-in or a real server."""

from __future__ import annotations

import re

#: how an engine reads in a message
ENGINE_NAMES = {
    "postgresql": "PostgreSQL",
    "mysql": "MySQL",
    "sqlite": "SQLite",
    "redis": "Redis",
    "mongodb": "MongoDB",
    "amqp": "RabbitMQ (AMQP)",
    "kafka": "Kafka",
    "elasticsearch": "Elasticsearch",
    "memcached": "Memcached",
    "mssql": "SQL Server",
    "oracle": "Oracle",
    "db2": "Db2",
    "h2": "H2",
    "hsqldb": "HSQLDB",
    "derby": "Derby",
}
#: databases that run inside the app's process (a file or memory), stand-ins for a server in development
EMBEDDED = frozenset({"sqlite", "h2", "hsqldb", "derby"})
#: engines a definition can name precisely (drivers such as SQLAlchemy only say "some SQL")
CONCRETE = frozenset(ENGINE_NAMES) - EMBEDDED
#: database servers (what an embedded database stands in for)
SERVER_DATABASES = frozenset({"postgresql", "mysql", "mssql", "oracle", "db2"})
#: Heroku add-ons (by name prefix) and the engine each provides
ADDONS = (
    ("heroku-postgresql", "postgresql"),
    ("heroku-redis", "redis"),
    ("jawsdb", "mysql"),
    ("cleardb", "mysql"),
    ("memcachier", "memcached"),
    ("cloudamqp", "amqp"),
    ("mongolab", "mongodb"),
    ("heroku-kafka", "kafka"),
)
#: CI convenience images of backing services (CircleCI) that `knowledge.services.DB_IMAGES` does not list
CI_IMAGES = {
    "cimg/postgres": "postgresql",
    "circleci/postgres": "postgresql",
    "cimg/redis": "redis",
    "circleci/redis": "redis",
    "cimg/mysql": "mysql",
    "circleci/mysql": "mysql",
    "cimg/mariadb": "mysql",
    "circleci/mariadb": "mysql",
    "circleci/mongo": "mongodb",
    "cimg/mongo": "mongodb",
}
#: Kubernetes kinds that run a long-lived service (a Job with a postgres image runs a client tool)
SERVING_KINDS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod", "Rollout", "DeploymentConfig"}
)
#: Helm chart dependencies that install a backing service (their chart version is not the engine's)
CHART_ENGINES = {
    "postgresql": "postgresql",
    "postgresql-ha": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
    "mariadb-galera": "mysql",
    "redis": "redis",
    "redis-cluster": "redis",
    "valkey": "redis",
    "mongodb": "mongodb",
    "mongodb-sharded": "mongodb",
    "rabbitmq": "amqp",
    "memcached": "memcached",
    "kafka": "kafka",
    "elasticsearch": "elasticsearch",
}
#: engines of platform descriptors' databases (render.yaml, fly.toml)
PLATFORM_ENGINES = {
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "mysql": "mysql",
    "redis": "redis",
    "valkey": "redis",
    "keyvalue": "redis",
    "mongodb": "mongodb",
}
#: engines an `env.branch` fact names, and the engine each is
BRANCH_ENGINES = {
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "mysql": "mysql",
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
}
#: the dependency of Testcontainers (the tests run the real engine in a container)
TESTCONTAINERS = re.compile(r"(?i)(^|[/:@.])testcontainers")

# --- how environments are named ----------------------------------------------------------------------

#: compose files (by name) that describe a deploy rather than development
PROD_COMPOSE = re.compile(r"(?i)(^|[._-])(prod|production|deploy|stack|swarm|release)([._-]|$)")
#: words that name an environment, most specific first ("TestingConfig", "settings_prod", "values-local")
ENVIRONMENT_WORDS = (
    ("test", r"tests?|testing"),
    ("dev", r"dev|develop|development|local"),
    ("prod", r"prod|production|live|staging|stage"),
)
#: a build context that is a remote repository, not this one
REMOTE_CONTEXT = re.compile(r"^[a-z]+://|^git@")
#: a development stage of a Dockerfile that compose builds (another image than production's)
DEV_TARGET = re.compile(r"(?i)dev|debug|test")
#: Rails environments that are not a deploy, and those that are development
RAILS_NOT_DEPLOYED = re.compile(r"(?i)^(dev|development|local|test|testing|ci)$")
RAILS_DEVELOPMENT = re.compile(r"(?i)^(dev|development|local)$")

# --- settings that pick an engine ---------------------------------------------------------------------

#: Spring properties that locate a service
SPRING_LOCATOR = re.compile(r"(^|\.)(url|uri|jdbc-url|addresses)$")
#: settings of a database connection (names and roots), in any language
DB_SETTING = re.compile(
    r"(?i)DATABASE|SQLALCHEMY|\bDB_|_DB\b|^DB$|DSN|^ENGINE$|_URI$|_URL$|"
    r"(^|\.)(datasource(\.hikari)?\.(jdbc-)?url|r2dbc\.url)$"
)
#: a Django ENGINE value and its database
DJANGO_BACKEND = re.compile(r"\.backends\.(sqlite3|postgresql\w*|postgis|mysql|oracle)$")
#: JDBC and R2DBC URLs
JDBC_URL = re.compile(r"(?i)\s*(jdbc|r2dbc):")
#: cache backends: the settings, the local stand-ins and the servers
CACHE_SETTING = re.compile(r"(?i)^(BACKEND|CACHE_TYPE)$")
LOCAL_CACHE = re.compile(r"(?i)LocMemCache|DummyCache|^simple(cache)?$|^null(cache)?$")
SERVER_CACHE = re.compile(r"(?i)redis|memcache|PyLibMC|PyMemcache")
#: Celery told to run tasks inline, in the caller
EAGER_TASKS = re.compile(r"(?i)^(CELERY_TASK_ALWAYS_EAGER|CELERY_ALWAYS_EAGER|task_always_eager|always_eager)$")
#: mail backends: the settings, the local stand-ins and the real transport
EMAIL_SETTING = re.compile(r"^(EMAIL_BACKEND|MAIL_BACKEND)$")
LOCAL_EMAIL = re.compile(r"(?i)console|filebased|locmem|dummy")
SERVER_EMAIL = re.compile(r"(?i)smtp")
#: Rails settings of a backing service per environment (the setting and what it is), their local
#: stand-ins and their servers
RAILS_SERVICE_SETTINGS = (("config.cache_store", "cache"), ("config.active_job.queue_adapter", "queue"))
RAILS_LOCAL_STORES = re.compile(r"^(memory_store|null_store|file_store|async|inline|test)$")
RAILS_SERVER_STORES = re.compile(
    r"^(redis_cache_store|mem_cache_store|solid_cache_store|sidekiq|resque|good_job|solid_queue|"
    r"delayed_job|sneakers|que|shoryuken|redis|solid_cable)$"
)

__all__ = [
    "ADDONS",
    "BRANCH_ENGINES",
    "CACHE_SETTING",
    "CHART_ENGINES",
    "CI_IMAGES",
    "CONCRETE",
    "DB_SETTING",
    "DEV_TARGET",
    "DJANGO_BACKEND",
    "EAGER_TASKS",
    "EMAIL_SETTING",
    "EMBEDDED",
    "ENGINE_NAMES",
    "ENVIRONMENT_WORDS",
    "JDBC_URL",
    "LOCAL_CACHE",
    "LOCAL_EMAIL",
    "PLATFORM_ENGINES",
    "PROD_COMPOSE",
    "RAILS_DEVELOPMENT",
    "RAILS_LOCAL_STORES",
    "RAILS_NOT_DEPLOYED",
    "RAILS_SERVER_STORES",
    "RAILS_SERVICE_SETTINGS",
    "REMOTE_CONTEXT",
    "SERVER_CACHE",
    "SERVER_DATABASES",
    "SERVER_EMAIL",
    "SERVING_KINDS",
    "SPRING_LOCATOR",
    "TESTCONTAINERS",
]
