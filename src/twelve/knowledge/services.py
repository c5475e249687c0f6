"""Backing services: the images that run them, the drivers and clients that reach them in each
ecosystem, the URL schemes that name them, and how a person calls them."""

from __future__ import annotations

import re

DB_IMAGES = {"postgres": "postgresql", "postgis/postgis": "postgresql", "bitnami/postgresql": "postgresql",
             "cimg/postgres": "postgresql", "circleci/postgres": "postgresql", "cimg/mysql": "mysql", "cimg/mariadb": "mysql",
             "circleci/mysql": "mysql", "cimg/redis": "redis", "circleci/redis": "redis", "circleci/mongo": "mongodb",
             "mysql": "mysql", "mariadb": "mysql", "bitnami/mysql": "mysql", "redis": "redis", "bitnami/redis": "redis",
             "valkey/valkey": "redis", "mongo": "mongodb", "bitnami/mongodb": "mongodb", "rabbitmq": "amqp",
             "memcached": "memcached", "elasticsearch": "elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch": "elasticsearch",
             "opensearchproject/opensearch": "elasticsearch", "bitnami/kafka": "kafka", "confluentinc/cp-kafka": "kafka",
             "apache/kafka": "kafka", "minio/minio": "object_storage", "mcr.microsoft.com/mssql/server": "mssql"}
DRIVER_ENGINES = {"psycopg2": "postgresql", "psycopg2-binary": "postgresql", "psycopg": "postgresql", "psycopg-binary": "postgresql",
                  "asyncpg": "postgresql", "pg8000": "postgresql", "mysqlclient": "mysql", "pymysql": "mysql",
                  "mysql-connector-python": "mysql", "aiomysql": "mysql", "redis": "redis", "aioredis": "redis",
                  "pymongo": "mongodb", "motor": "mongodb", "mongoengine": "mongodb", "pika": "amqp", "aio-pika": "amqp",
                  "kafka-python": "kafka", "aiokafka": "kafka", "confluent-kafka": "kafka", "elasticsearch": "elasticsearch",
                  "pymemcache": "memcached", "python-memcached": "memcached", "pylibmc": "memcached", "celery": "broker",
                  "boto3": "aws", "sqlalchemy": "sql", "django": "sql", "flask-sqlalchemy": "sql", "peewee": "sql",
                  "tortoise-orm": "sql", "dj-database-url": "sql", "databases": "sql", "sqlmodel": "sql"}


SERVICE_NAMES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "sqlite": "SQLite", "sql": "SQL database", "redis": "Redis",
                 "mongodb": "MongoDB", "amqp": "AMQP broker", "kafka": "Kafka", "smtp": "SMTP", "aws": "AWS",
                 "elasticsearch": "Elasticsearch", "memcached": "Memcached", "celery": "Celery broker",
                 "object_storage": "object storage", "h2": "H2", "hsqldb": "HSQLDB", "derby": "Derby",
                 "mssql": "SQL Server", "oracle": "Oracle", "nats": "NATS"}


#: drivers and clients of backing services in the manifests of the other ecosystems
#: drivers and clients of backing services in the other ecosystems (`sql` for ORMs that say no
#: more); Go modules are listed without their major-version suffix (github.com/jackc/pgx/v5 is
#: looked up as github.com/jackc/pgx)
OTHER_DRIVER_ENGINES: dict[str, dict[str, str]] = {
    "node": {"pg": "postgresql", "postgres": "postgresql", "pg-promise": "postgresql", "mysql": "mysql",
             "mysql2": "mysql", "mariadb": "mysql", "mongoose": "mongodb", "mongolass": "mongodb", "mongodb": "mongodb", "redis": "redis",
             "ioredis": "redis", "amqplib": "amqp", "kafkajs": "kafka", "knex": "sql", "sequelize": "sql",
             "typeorm": "sql", "prisma": "sql", "@prisma/client": "sql", "sqlite3": "sqlite",
             "better-sqlite3": "sqlite", "nodemailer": "smtp", "@aws-sdk/client-s3": "aws", "aws-sdk": "aws",
             "bull": "redis", "bullmq": "redis", "memjs": "memcached", "@redis/client": "redis",
             "amqp-connection-manager": "amqp", "memcached": "memcached", "@elastic/elasticsearch": "elasticsearch",
             "mssql": "mssql", "tedious": "mssql", "oracledb": "oracle"},
    "go": {"github.com/lib/pq": "postgresql", "github.com/jackc/pgx": "postgresql",
           "github.com/go-sql-driver/mysql": "mysql", "github.com/redis/go-redis": "redis",
           "github.com/go-redis/redis": "redis", "go.mongodb.org/mongo-driver": "mongodb",
           "github.com/rabbitmq/amqp091-go": "amqp", "github.com/streadway/amqp": "amqp", "gorm.io/gorm": "sql",
           "github.com/jmoiron/sqlx": "sql", "github.com/mattn/go-sqlite3": "sqlite",
           "github.com/segmentio/kafka-go": "kafka", "github.com/nats-io/nats.go": "nats",
           "github.com/go-pg/pg": "postgresql", "gorm.io/driver/postgres": "postgresql",
           "gorm.io/driver/mysql": "mysql", "github.com/gomodule/redigo": "redis",
           "github.com/confluentinc/confluent-kafka-go": "kafka", "github.com/IBM/sarama": "kafka",
           "github.com/Shopify/sarama": "kafka", "github.com/bradfitz/gomemcache": "memcached",
           "github.com/elastic/go-elasticsearch": "elasticsearch", "modernc.org/sqlite": "sqlite",
           "gorm.io/driver/sqlite": "sqlite"},
    "java": {"org.postgresql:postgresql": "postgresql", "mysql:mysql-connector-java": "mysql",
             "com.mysql:mysql-connector-j": "mysql", "org.mariadb.jdbc:mariadb-java-client": "mysql",
             "redis.clients:jedis": "redis", "io.lettuce:lettuce-core": "redis",
             "org.springframework.boot:spring-boot-starter-data-redis": "redis",
             "org.springframework.boot:spring-boot-starter-data-jpa": "sql",
             "org.springframework.boot:spring-boot-starter-jdbc": "sql",
             "org.springframework.boot:spring-boot-starter-data-mongodb": "mongodb",
             "org.mongodb:mongodb-driver-sync": "mongodb",
             "org.springframework.boot:spring-boot-starter-amqp": "amqp",
             "org.springframework.kafka:spring-kafka": "kafka", "com.h2database:h2": "h2",
             "org.hsqldb:hsqldb": "hsqldb", "org.apache.derby:derby": "derby",
             "org.postgresql:r2dbc-postgresql": "postgresql", "io.r2dbc:r2dbc-postgresql": "postgresql",
             "com.microsoft.sqlserver:mssql-jdbc": "mssql", "com.oracle.database.jdbc:ojdbc8": "oracle",
             "com.oracle.database.jdbc:ojdbc11": "oracle", "com.ibm.db2:jcc": "db2",
             "org.redisson:redisson": "redis",
             "org.springframework.boot:spring-boot-starter-data-redis-reactive": "redis",
             "org.springframework.boot:spring-boot-starter-data-mongodb-reactive": "mongodb",
             "com.rabbitmq:amqp-client": "amqp", "org.apache.kafka:kafka-clients": "kafka",
             "io.r2dbc:r2dbc-h2": "h2", "org.xerial:sqlite-jdbc": "sqlite"},
    "ruby": {"pg": "postgresql", "mysql2": "mysql", "sqlite3": "sqlite", "redis": "redis", "sidekiq": "redis",
             "mongoid": "mongodb", "bunny": "amqp", "dalli": "memcached", "activerecord": "sql", "sequel": "sql",
             "aws-sdk-s3": "aws", "trilogy": "mysql", "redis-client": "redis", "hiredis": "redis",
             "mongo": "mongodb", "ruby-kafka": "kafka", "rdkafka": "kafka"},
}

#: URL schemes and the engine they name
URL_SCHEMES = {"postgres": "postgresql", "postgresql": "postgresql", "postgis": "postgresql", "mysql": "mysql",
               "mariadb": "mysql", "sqlite": "sqlite", "sqlite3": "sqlite", "redis": "redis", "rediss": "redis",
               "mongodb": "mongodb", "amqp": "amqp", "amqps": "amqp", "memcache": "memcached"}
#: host names that only ever point at the developer's machine or a compose service of that name
LOCAL_HOSTS = re.compile(r"^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1|\[::1\]|host\.docker\.internal|db|database|postgres|mysql|redis|mongo|rabbitmq)$", re.I)
#: setting and variable names that hold the locator of a backing service (a URL, a DSN, a host)
LOCATOR_NAME = re.compile(r"(?i)(database_ur[il]|_ur[il]$|^ur[il]$|_dsn$|^dsn$|broker(_url)?$|result_backend$|^location$|_host$|^host$|_endpoint$)")
#: web frameworks of Python (a declared one means the app serves HTTP)
PY_WEB_DISTS = frozenset({"flask", "django", "fastapi", "starlette", "quart", "sanic", "bottle", "falcon", "pyramid",
                          "aiohttp", "tornado", "litestar", "connexion", "flask-restx", "djangorestframework"})


__all__ = ["DB_IMAGES", "DRIVER_ENGINES", "LOCAL_HOSTS", "LOCATOR_NAME", "OTHER_DRIVER_ENGINES", "PY_WEB_DISTS", "SERVICE_NAMES",
           "URL_SCHEMES"]
