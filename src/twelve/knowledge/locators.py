"""How a backing service's location shows in code and descriptors: the argument names of client
calls that say where the service is, the variable names that hold a locator, local sockets, and
the settings classes of development (see also `knowledge.services.LOCATOR_NAME`)."""

from __future__ import annotations

import re

#: client-call arguments that locate a service (positional 0, host, url, dsn, database path...)
LOCATOR_ARG = re.compile(
    r"(?i)^(0|host|hostname|server|servers|url|uri|dsn|conninfo|connection_?string|broker|brokers|"
    r"backend|hosts|node|nodes|addr|address|bootstrap_servers|endpoint_url|endpoint|unix_socket|"
    r"socket_?path|database|dbname|db|path)$"
)
#: the arguments that say *where* a service is: a literal among them hard-codes the endpoint
#: (a literal database or user name next to a configured host does not)
ENDPOINT_ARG = re.compile(
    r"(?i)^(0|host|hostname|server|servers|url|uri|dsn|conninfo|connection_?string|broker|brokers|"
    r"backend|hosts|node|nodes|addr|address|bootstrap_servers|endpoint_url|endpoint|unix_socket|"
    r"socket_?path)$"
)
#: the separators of an expression that reaches a setting (`settings.DATABASE_URL`, `config['REDIS']`)
EXPRESSION_PARTS = re.compile(r"[.\[\]'\"]+")
#: Unix sockets and other paths that exist only on the local machine
SOCKET = re.compile(r"(/var/run/[\w./-]+|/tmp/[\w.-]+\.sock|\.s\.PGSQL\.\d+|mysqld?\.sock)")
#: environment variables that hold a service locator, and those that name the app's own public URLs
LOCATOR_ENV = re.compile(
    r"(?i)(_URL|_URI|_DSN|_HOST|_ENDPOINT|_ADDR|_ADDRESS|^DATABASE_\w+|^REDIS_\w+|^AMQP_\w+|^KAFKA_\w+)$"
)
NOT_A_SERVICE_ENV = re.compile(r"(?i)^(PUBLIC_|NEXT_PUBLIC_|VITE_)|CALLBACK|REDIRECT|SITE_URL|BASE_URL|APP_URL")
#: environment variables a deploy descriptor hands the app to locate a service
DESCRIPTOR_LOCATOR_KEY = re.compile(r"(?i)(_URL|_URI|_HOST|_DSN|DATABASE|BROKER)$")
#: helpers that build a connection from the environment (`dj_database_url.config()`, `env.db()`)
DATABASE_URL_API_PREFIX = "dj_database_url"
DATABASE_URL_API_SUFFIXES = (".db", ".db_url", ".cache_url", ".cache")
#: settings classes of development and tests (`DevelopmentConfig`, `TestConfig`, `LocalSettings`)
DEV_CLASS = re.compile(r"(?i)dev|test|local")
#: storage kinds an `env.branch` names that live on the local machine
LOCAL_STORAGE = ("local", "disk", "filesystem")
#: Django's SQLite engine
SQLITE_ENGINE_SUFFIX = "sqlite3"
#: an in-memory SQLite database: no file, nothing kept (`:memory:`, `sqlite://`, `sqlite:///:memory:`, `file::memory:`)
SQLITE_MEMORY = re.compile(
    r"(?i)^\s*(:memory:|sqlite3?://?|sqlite3?:///:memory:|file::memory:.*|(jdbc:)?sqlite::memory:)\s*$"
)
#: embedded databases kept in a file (the `format` of a `state.file_store` fact) and how a message names them
EMBEDDED_DB_NAMES = {
    "shelve": "shelve",
    "dbm": "dbm",
    "tinydb": "TinyDB",
    "pickledb": "pickleDB",
    "sqlitedict": "SqliteDict",
    "persistentdict": "PersistentDict",
    "lowdb": "lowdb",
    "nedb": "NeDB",
    "leveldb": "LevelDB",
    "jsondb": "node-json-db",
    "lokijs": "LokiJS",
    "node-persist": "node-persist",
    "bolt": "Bolt",
    "badger": "Badger",
    "buntdb": "BuntDB",
    "pebble": "Pebble",
    "storm": "Storm",
    "nutsdb": "NutsDB",
}
#: client services that are no networked datastore of the app (an embedded database, mail delivery)
NOT_NETWORKED = frozenset({"sqlite", "smtp"})

#: code files that are configuration modules: settings and config modules of the scripting stacks
#: (`settings.py`, `settings/production.py`, `config.py`, `config/default.js`, `config/initializers/redis.rb`,
#: `internal/config/config.go`); a literal locator there is committed configuration, not a code constant
#: (Java and Kotlin `@Configuration` classes build clients in code and are not listed)
CONFIG_MODULE_PATH = re.compile(
    r"(?i)(^|/)(config|configs|conf|settings|configuration)/([^/]+/)*[^/]+\.(py|[cm]?[jt]s|rb|go)$|"
    r"(^|/)(config|configs|conf|settings|configuration)([._-][\w-]+)?\.(py|[cm]?[jt]s|rb|go)$"
)
#: settings classes that are configuration (`ProductionConfig`, `Settings`)
CONFIG_CLASS = re.compile(r"(?i)(config|settings|conf)$")
#: host names of a private network: an HTTP locator there is a per-deploy service, not a public API
PRIVATE_HOST = re.compile(
    r"(?i)(^|\.)(internal|local|localdomain|lan|intranet|corp|home|svc|cluster\.local|consul)$|"
    r"^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\])$|^[^.]+$"
)

__all__ = [
    "CONFIG_CLASS",
    "CONFIG_MODULE_PATH",
    "EMBEDDED_DB_NAMES",
    "PRIVATE_HOST",
    "DATABASE_URL_API_PREFIX",
    "DATABASE_URL_API_SUFFIXES",
    "DESCRIPTOR_LOCATOR_KEY",
    "DEV_CLASS",
    "ENDPOINT_ARG",
    "EXPRESSION_PARTS",
    "LOCAL_STORAGE",
    "LOCATOR_ARG",
    "LOCATOR_ENV",
    "NOT_A_SERVICE_ENV",
    "NOT_NETWORKED",
    "SOCKET",
    "SQLITE_ENGINE_SUFFIX",
    "SQLITE_MEMORY",
]
