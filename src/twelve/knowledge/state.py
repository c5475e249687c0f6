"""Where apps keep state: session libraries and their stores, the settings that choose them,
the data stores of record, object storage, and the paths that hold no app data."""

from __future__ import annotations

import re

#: words of a settings class name that mark it as a non-production configuration (DevelopmentConfig)
DEV_CLASS_WORDS = frozenset({"dev", "develop", "development", "local", "test", "tests", "testing", "debug", "ci"})
#: environments (Rails) and profiles that are development or test only
DEV_ENVIRONMENT = re.compile(r"(?i)^(dev|development|local|test|testing|ci)$")

# --- sessions -----------------------------------------------------------------------------------

#: Django cache backends that live in the process (memory) or on its disk
LOCAL_CACHES = ("LocMemCache", "FileBasedCache")
#: Flask-Session SESSION_TYPE values kept in a backing service
SERVICE_SESSION_TYPES = frozenset({"redis", "memcached", "sqlalchemy", "mongodb", "dynamodb"})
#: Django SESSION_ENGINE values kept outside the process (the database, a signed cookie)
SERVICE_SESSION_ENGINES = ("backends.db", "backends.cached_db", "backends.signed_cookies")
#: names of session engines and cache backends held by a backing service
SERVICE_STORE_NAME = re.compile(r"(?i)redis|memcache")
#: session stores (fact `store`) that keep sessions outside the process, and their names: the app's
#: database and the client's cookie have their own sentences
BACKED_SESSION_STORES = {
    "redis": "Redis",
    "memcached": "Memcached",
    "db": "database",
    "cookie": "cookie",
    "mongodb": "MongoDB",
    "dynamodb": "DynamoDB",
    "hazelcast": "Hazelcast",
}
#: Spring Session modules: on the classpath, Spring Boot stores HTTP sessions in that service
SPRING_SESSION_MODULES = {
    "org.springframework.session:spring-session-data-redis": "redis",
    "org.springframework.session:spring-session-jdbc": "db",
    "org.springframework.session:spring-session-data-mongodb": "mongodb",
    "org.springframework.session:spring-session-hazelcast": "hazelcast",
}
#: the group of every Spring Session module (any of them moves HttpSession out of the container)
SPRING_SESSION_GROUP = "org.springframework.session:"
#: Node.js session middleware that keeps sessions on the server (its default store is memory)
NODE_SERVER_SESSIONS = frozenset({"express-session", "@fastify/session", "koa-generic-session"})
#: session libraries of the JVM (the servlet HttpSession, Spring Session, Apache Shiro's session DAOs)
JVM_SESSION_LIBRARIES = ("servlet", "spring-session", "shiro")

# --- files and databases --------------------------------------------------------------------------

#: code that runs as a one-off or at build time, not as the app's long-running processes (XII):
#: scripts, management commands, migrations and seeds, rake tasks
ONE_OFF_CODE = re.compile(
    r"(^|/)(scripts?|tools|bin|management/commands|migrations|alembic|lib/tasks|db/migrate|"
    r"db/migration|db/seeds)/|(^|/)(setup|noxfile|fabfile|dodo|manage|conftest)\.py$|"
    r"\.rake$|(^|/)db/seeds\.rb$"
)
#: local writes that belong to other factors (logs: XI, PID files: VIII) or go nowhere
NOT_DATA = re.compile(r"(?i)\.log\b|(^|[/'\"])logs?/|log_?file|\.pid\b|pid_?file|devnull|/dev/")
#: scratch locations: a store kept there is a cache, not the app's data
SCRATCH_PATH = re.compile(
    r"(?i)^(/tmp|/var/tmp|/dev/shm)(/|$)|(^|[/'\"(])(tmp|temp|cache|\.cache)(/|$)|tmpdir|gettempdir"
)
#: a SQLite file named for the tests (`gorm_test.db`, `test.sqlite3`): not the production database
TEST_DATABASE = re.compile(r"(?i)(^|[/_.-])tests?([_.-][\w.-]*)?\.(db|sqlite3?)$")
#: storage backends that send files to object storage
OBJECT_STORAGE = re.compile(r"(?i)storages\.backends|s3|gcs|gcloud|google|azure|cloudinary|minio|object")
#: an S3 service named as a quoted literal (`boto3.client("s3")`)
S3_LITERAL = re.compile(r"""['"]s3['"]""")
#: the first quoted argument of a call, read when the facts stage masked the value
FIRST_QUOTED = re.compile(r"""\(\s*['"]([^'"]*)['"]""")
#: settings that hold the URL of the app's database
DB_URL_SETTING = re.compile(r"(DATABASE_URI|DATABASE_URL|DB_URI|DB_URL)$")
#: environment variables that name a database
DB_ENV = re.compile(r"(?i)DATABASE|(^|_)DB(_|$)|POSTGRES|MYSQL|MARIADB|MONGO")
#: the Django storage settings (their value says where uploaded files go)
STORAGE_SETTING, STORAGES_PREFIX = "DEFAULT_FILE_STORAGE", "STORAGES"

#: backing services that hold the app's data, and their names
DATA_SERVICES = {
    "postgresql": "PostgreSQL",
    "mysql": "MySQL",
    "sql": "SQL",
    "mssql": "SQL Server",
    "oracle": "Oracle",
    "db2": "Db2",
    "redis": "Redis",
    "mongodb": "MongoDB",
    "memcached": "Memcached",
    "elasticsearch": "Elasticsearch",
    "dynamodb": "DynamoDB",
}
#: databases of record first, then caches and search indexes
DATA_SERVICE_RANK = {
    "postgresql": 0,
    "mysql": 0,
    "mssql": 0,
    "oracle": 0,
    "db2": 0,
    "mongodb": 0,
    "dynamodb": 0,
    "sql": 1,
    "redis": 2,
    "memcached": 2,
    "elasticsearch": 2,
}
#: SQL engines, by the last word of a Django ENGINE or the engine a declared driver names
SQL_ENGINE_NAMES = {
    "postgresql": "PostgreSQL",
    "postgis": "PostgreSQL",
    "mysql": "MySQL",
    "oracle": "Oracle",
    "mssql": "SQL Server",
    "sql_server": "SQL Server",
}

# --- volumes ---------------------------------------------------------------------------------------

#: mount points that hold scratch space, logs (XI), caches or built assets, not app data
NOT_STATE_PATH = re.compile(
    r"(?i)^(/tmp|/var/tmp|/run|/var/run|/dev/shm)(/|$)|(^|/)(logs?|tmp|cache|\.cache|"
    r"static|staticfiles|node_modules|\.venv|venv|__pycache__)(/|$)"
)
#: the same for a Kubernetes or platform mount, where certificates, secrets and configuration are
#: mounted too
NOT_STATE_MOUNT = re.compile(
    r"(?i)^(/tmp|/var/tmp|/run|/var/run|/dev/shm)(/|$)|(^|/)(logs?|tmp|cache|\.cache|"
    r"static|staticfiles|node_modules|\.venv|venv|__pycache__|certs?|tls|ssl|secrets?|config)(/|$)"
)
#: Kubernetes volume types that persist data beyond the pod
PERSISTENT_VOLUME_TYPES = ("pvc", "hostPath")

# --- load balancing -------------------------------------------------------------------------------

#: annotation keys and values that pin a client to one process (ingress-nginx, Traefik, cloud LBs)
AFFINITY_KEY = re.compile(r"(?i)affinity|sticky|stickiness|session-cookie|cookie-persistence")
AFFINITY_ON = re.compile(
    r"(?i)^(cookie|clientip|client_ip|true|on|enabled|generated_cookie|http_cookie|balanced|persistent)$|"
    r"stickiness\.enabled=true"
)

# --- Rails ---------------------------------------------------------------------------------------

#: the Rails settings of ActiveStorage's service and of run-time asset compilation
ACTIVE_STORAGE_SETTING, ASSETS_COMPILE_SETTING = "config.active_storage.service", "config.assets.compile"
#: the ActiveStorage service kind that keeps files on the local disk, and the default name of one
DISK_SERVICE, DEFAULT_DISK_SERVICE = "disk", "local"


__all__ = [
    "ACTIVE_STORAGE_SETTING",
    "AFFINITY_KEY",
    "AFFINITY_ON",
    "ASSETS_COMPILE_SETTING",
    "BACKED_SESSION_STORES",
    "DATA_SERVICES",
    "DATA_SERVICE_RANK",
    "DB_ENV",
    "DB_URL_SETTING",
    "DEFAULT_DISK_SERVICE",
    "DEV_CLASS_WORDS",
    "DEV_ENVIRONMENT",
    "DISK_SERVICE",
    "FIRST_QUOTED",
    "JVM_SESSION_LIBRARIES",
    "LOCAL_CACHES",
    "NODE_SERVER_SESSIONS",
    "NOT_DATA",
    "NOT_STATE_MOUNT",
    "NOT_STATE_PATH",
    "OBJECT_STORAGE",
    "ONE_OFF_CODE",
    "PERSISTENT_VOLUME_TYPES",
    "S3_LITERAL",
    "SCRATCH_PATH",
    "SERVICE_SESSION_ENGINES",
    "SERVICE_SESSION_TYPES",
    "SERVICE_STORE_NAME",
    "SPRING_SESSION_GROUP",
    "SPRING_SESSION_MODULES",
    "SQL_ENGINE_NAMES",
    "TEST_DATABASE",
    "STORAGES_PREFIX",
    "STORAGE_SETTING",
]
