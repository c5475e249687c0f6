"""VI. Processes: execute the app as one or more stateless, share-nothing processes.

Anything that must outlive a request (sessions, uploads, the database) belongs in a backing
service; the process's memory and local disk are only a short-lived cache. The rules look for
state kept on the process's disk or in its memory, and for the backing services that hold it
instead.

The generic rules read the facts of every language (file writes, SQLite clients of code and of
Spring/Rails configuration, session stores held by backing services). What only one stack says is
judged in the stack modules and left alone here: in-memory sessions of Node.js (F06-S2) and of
servlets (F06-S4), ActiveStorage on disk (F06-S6r), sticky sessions and volumes in Kubernetes
(F06-S1, F06-S7k); F06-S3 reads Python's session settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.springconfig import is_dev_profile
from twelve.model import Finding, Location, Polarity, Scope, Strength
from twelve import appmodel
from twelve.rules.registry import (
    ADVICE,
    AGAINST,
    FOR,
    MODERATE,
    STRONG,
    WEAK,
    Hit,
    hit,
    rule,
)

# --- settings ----------------------------------------------------------------------------------

#: words of a settings class name that mark it as a non-production configuration
_DEV_WORDS = frozenset({"dev", "develop", "development", "local", "test", "tests", "testing", "debug", "ci"})
_LOCAL_CACHES = ("LocMemCache", "FileBasedCache")
_SERVICE_SESSION_TYPES = frozenset({"redis", "memcached", "sqlalchemy", "mongodb", "dynamodb"})
_SERVICE_SESSION_ENGINES = ("backends.db", "backends.cached_db", "backends.signed_cookies")


def _dev_class(fact: Fact) -> bool:
    """Whether the setting sits in a class named for development or tests (DevelopmentConfig)."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", fact.get("class") or "")
    return any(word.lower() in _DEV_WORDS for word in words)


def _settings(facts: AppFacts) -> list[Fact]:
    """Configuration assignments that can reach production: production files, no dev/test class."""
    return [f for f in appmodel.production(facts.of("config.assign")) if not _dev_class(f)]


def _literal(fact: Fact) -> str | None:
    value = fact.get("value")
    return value if fact.get("source") == "literal" and isinstance(value, str) else None


def _named(settings: list[Fact], name: str) -> list[Fact]:
    return [f for f in settings if f.get("name") == name and _literal(f) is not None]


def _session_cache(settings: list[Fact]) -> tuple[str | None, Fact | None]:
    """(backend class, fact) of the cache Django sessions use; ("LocMemCache", None) when CACHES
    is never assigned (Django's default), (None, None) when it is set in a way we cannot read."""
    alias = next((_literal(f) for f in _named(settings, "SESSION_CACHE_ALIAS")), None) or "default"
    caches = [f for f in settings if str(f.get("path", "")).startswith("CACHES")]
    if not caches:
        return "LocMemCache", None
    backend = next((f for f in caches if f.get("path") == f"CACHES.{alias}.BACKEND"), None)
    if backend is None or _literal(backend) is None:
        return None, None
    return str(_literal(backend)).rsplit(".", 1)[-1], backend


@rule("F06-S3", factor=6, polarity=AGAINST, strength=STRONG, ecosystems=("py",))
def sessions_in_local_state(facts: AppFacts) -> Iterator[Hit]:
    # Python's session settings only: Node.js and servlet sessions are F06-S2 and F06-S4
    settings = [f for f in _settings(facts) if f.get("lang") in (None, "python")]
    for fact in _named(settings, "SESSION_TYPE"):
        if str(_literal(fact)).lower() == "filesystem":
            yield hit(fact, setting="SESSION_TYPE", value=_literal(fact), store="filesystem", path=fact.path)
    for fact in _named(settings, "SESSION_ENGINE"):
        engine = str(_literal(fact))
        if engine.endswith("backends.file"):
            yield hit(fact, setting="SESSION_ENGINE", value=engine, store="filesystem", path=fact.path)
        elif engine.endswith("backends.cache"):
            backend, cache = _session_cache(settings)
            if backend in _LOCAL_CACHES:
                where = (fact, cache) if cache is not None else (fact,)
                yield hit(*where, setting="SESSION_ENGINE", value=engine, store=backend, path=fact.path)


#: session stores (fact `store`) that keep sessions outside the process: services by name; the
#: app's database and the client's cookie have their own sentences (variants `db`, `cookie`)
_BACKED_STORES = {"redis": "Redis", "memcached": "Memcached", "db": "database", "cookie": "cookie",
                  "mongodb": "MongoDB", "dynamodb": "DynamoDB", "hazelcast": "Hazelcast"}
#: Spring Session modules: on the classpath, Spring Boot stores HTTP sessions in that service
_SPRING_SESSION_MODULES = {"org.springframework.session:spring-session-data-redis": "redis",
                           "org.springframework.session:spring-session-jdbc": "db",
                           "org.springframework.session:spring-session-data-mongodb": "mongodb",
                           "org.springframework.session:spring-session-hazelcast": "hazelcast"}
_DEV_ENVIRONMENT = re.compile(r"(?i)^(dev|development|local|test|testing|ci)$")


def _development_only(fact: Fact) -> bool:
    """A fact that applies to a development or test environment only (Rails environment, Spring profile)."""
    return bool(_DEV_ENVIRONMENT.match(str(fact.get("environment") or ""))) or is_dev_profile(fact.get("profile"))


def _stored_sessions(facts: AppFacts) -> Iterator[Hit]:
    """Session stores of any language backed by a service or the client: connect-redis, Spring
    Session, Rails cookie/Redis/ActiveRecord stores, gorilla/sessions Redis or cookie stores."""
    for fact in appmodel.production(facts.of("session.store")):
        store = str(fact.get("store"))
        if store in _BACKED_STORES and not _development_only(fact):
            yield hit(fact, variant=_store_variant(store), api=fact.get("store_api") or fact.get("api"),
                      setting=fact.get("library"), value=store, store=_BACKED_STORES[store])
    for dep in facts.of("dep.declared"):
        store = _SPRING_SESSION_MODULES.get(str(dep.get("name")))
        if store and dep.scope is Scope.PRODUCTION and dep.get("group") != "test":
            yield hit(dep, strength=MODERATE, variant=_store_variant(store), api=dep.get("name"), setting="spring-session",
                      value=store, store=_BACKED_STORES[store])


def _store_variant(store: str) -> str:
    return store if store in ("db", "cookie") else "store"


@rule("F06-S10", factor=6, polarity=FOR, strength=STRONG)
def sessions_in_backing_service(facts: AppFacts) -> Iterator[Hit]:
    yield from _stored_sessions(facts)
    settings = _settings(facts)
    for fact in _named(settings, "SESSION_TYPE"):
        if str(_literal(fact)).lower() in _SERVICE_SESSION_TYPES:
            yield hit(fact, setting="SESSION_TYPE", value=_literal(fact), store=_literal(fact))
    for fact in _named(settings, "SESSION_ENGINE"):
        engine = str(_literal(fact))
        store: str | None = None
        if engine.endswith(_SERVICE_SESSION_ENGINES) or re.search(r"(?i)redis|memcache", engine):
            store = engine.rsplit(".", 1)[-1] if "contrib.sessions" in engine else engine
        elif engine.endswith("backends.cache"):
            backend, _cache = _session_cache(settings)
            if backend and re.search(r"(?i)redis|memcache", backend):
                store = backend
        if store:
            yield hit(fact, setting="SESSION_ENGINE", value=engine, store=store)


# --- files and databases on local disk --------------------------------------------------------

#: code that runs as a one-off or at build time, not as the app's long-running processes (F12):
#: scripts, management commands, migrations and seeds, rake tasks
_ONE_OFF = re.compile(r"(^|/)(scripts?|tools|bin|management/commands|migrations|alembic|lib/tasks|db/migrate|"
                      r"db/migration|db/seeds)/|(^|/)(setup|noxfile|fabfile|dodo|manage|conftest)\.py$|"
                      r"\.rake$|(^|/)db/seeds\.rb$")
#: local writes that belong to other factors (logs: XI, PID files: VIII) or go nowhere
_NOT_DATA = re.compile(r"(?i)\.log\b|(^|[/'\"])logs?/|log_?file|\.pid\b|pid_?file|devnull|/dev/")
_OBJECT_STORAGE = re.compile(r"(?i)storages\.backends|s3|gcs|gcloud|google|azure|cloudinary|minio|object")
_DB_URL_SETTING = re.compile(r"(DATABASE_URI|DATABASE_URL|DB_URI|DB_URL)$")
_DB_ENV = re.compile(r"(?i)DATABASE|(^|_)DB(_|$)|POSTGRES|MYSQL|MARIADB|MONGO")


def _code(facts: AppFacts, kind: str) -> list[Fact]:
    """Facts of *kind* in the app's long-running production code."""
    return [f for f in appmodel.production(facts.of(kind)) if not _ONE_OFF.search(f.path)]


def _target_text(fact: Fact) -> str:
    target = fact.get("target") or {}
    value = target.get("value") if target.get("source") == "literal" else target.get("text")
    return str(value if value is not None else target.get("env_name") or "")


def _local_writes(facts: AppFacts) -> Iterator[Hit]:
    """Files written by the app's processes: uploads and request handlers keep user data (strong);
    other writes outside /tmp may (moderate)."""
    for fact in _code(facts, "file.write"):
        target = _target_text(fact)
        if fact.get("tmp") or _NOT_DATA.search(target) or _NOT_DATA.search(fact.excerpt):
            continue
        user_data = bool(fact.get("upload") or fact.get("in_route"))
        yield hit(fact, strength=None if user_data else MODERATE, api=fact.get("api"),
                  target=target or "?", path=fact.path)


def _storage_settings(facts: AppFacts) -> list[Fact]:
    """Django storage settings that send files elsewhere than the local disk (or read it from env)."""
    found = []
    for fact in _settings(facts):
        name, path = fact.get("name"), str(fact.get("path", ""))
        if name != "DEFAULT_FILE_STORAGE" and not path.startswith("STORAGES"):
            continue
        value = _literal(fact)
        if fact.get("source") == "env" or (value and _OBJECT_STORAGE.search(value)):
            found.append(fact)
    return found


def _is_s3(fact: Fact) -> bool:
    return _client_target(fact).lower() == "s3" or bool(re.search(r"""['"]s3['"]""", fact.excerpt))


def _object_storage_clients(facts: AppFacts) -> list[Fact]:
    return [f for f in appmodel.production(facts.of("client"))
            if f.get("service") == "object_storage" or f.get("service") == "aws" and _is_s3(f)]


def _file_fields_on_disk(facts: AppFacts) -> Iterator[Hit]:
    """Django FileField/ImageField with the default FileSystemStorage: uploads land in MEDIA_ROOT."""
    if _storage_settings(facts) or _object_storage_clients(facts):
        return
    for fact in _code(facts, "upload.field"):
        if not fact.get("storage"):
            yield hit(fact, api=fact.get("api"), target=fact.get("upload_to") or "MEDIA_ROOT", path=fact.path)


def _other_database_configured(settings: list[Fact], facts: AppFacts) -> bool:
    """Whether production configuration points at a database other than SQLite (then a SQLite
    value is a development fallback, a parity question for factor X, not the production store)."""
    for fact in settings:
        name, path, value = str(fact.get("name")), str(fact.get("path", "")), _literal(fact) or ""
        if not (path.startswith("DATABASES") or _DB_URL_SETTING.search(name)):
            continue
        if fact.get("source") == "env":
            return True
        if name == "ENGINE" and value and "sqlite" not in value:
            return True
        if "://" in value and not value.startswith("sqlite"):
            return True
    return any(_DB_ENV.search(str(f.get("name") or "")) or str(f.get("api", "")).startswith("dj_database_url")
               for f in appmodel.production(facts.of("env.read")))


def _client_target(fact: Fact) -> str:
    """The first literal argument of a client call (not Go's driver name: `sql.Open("sqlite3", path)`);
    the excerpt is read when the fact masked it."""
    args = [a for a in fact.get("args") or [] if a.get("key") != "driver"]
    value = str(args[0].get("value", "")) if args and args[0].get("source") == "literal" else ""
    if "…[" in value:
        quoted = re.search(r"""\(\s*['"]([^'"]*)['"]""", fact.excerpt)
        value = quoted.group(1) if quoted else ""
    return value or "?"


def _spring_fallback(fact: Fact, clients: list[Fact]) -> bool:
    """A datasource of Spring's default profile while a named profile configures another database:
    the named profile is what production activates, the default a development fallback."""
    if fact.get("lang") != "spring" or fact.get("profile"):
        return False
    return any(c.get("lang") == "spring" and c.get("profile") and c.get("service") not in ("sqlite", None)
               and c.get("api") == fact.get("api") for c in clients)


def _sqlite(facts: AppFacts) -> Iterator[Hit]:
    """SQLite as the production database: a file on the process's disk. Code of every language,
    Spring datasources of production profiles and Rails database.yml production blocks (their
    development and test blocks, and Spring's development profiles, are not production facts)."""
    clients = _code(facts, "client")
    for fact in clients:
        if fact.get("service") != "sqlite" or _development_only(fact) or _spring_fallback(fact, clients):
            continue
        target = _client_target(fact)
        if target != ":memory:":
            yield hit(fact, api=fact.get("api"), target=target, path=fact.path)
    settings = _settings(facts)
    configured = [f for f in settings if (_DB_URL_SETTING.search(str(f.get("name"))) and
                                          str(_literal(f) or "").startswith("sqlite:"))
                  or (str(f.get("path", "")).startswith("DATABASES.") and f.get("name") == "ENGINE"
                      and str(_literal(f) or "").endswith("sqlite3"))]
    if configured and not _other_database_configured(settings, facts):
        for fact in configured:
            yield hit(fact, api=fact.get("path"), target=_literal(fact), path=fact.path)


@rule("F06-S6", factor=6, polarity=AGAINST, strength=STRONG)
def persistent_data_on_local_disk(facts: AppFacts) -> Iterator[Hit]:
    yield from _local_writes(facts)
    yield from _file_fields_on_disk(facts)
    yield from _sqlite(facts)


@rule("F06-S11", factor=6, polarity=FOR, strength=MODERATE)
def files_in_object_storage(facts: AppFacts) -> Iterator[Hit]:
    for fact in _object_storage_clients(facts):
        yield hit(fact, api=fact.get("api"))
    for fact in _storage_settings(facts):
        if fact.get("source") == "literal":
            yield hit(fact, api=f"{fact.get('path')} = {_literal(fact)}")


# --- volumes ------------------------------------------------------------------------------------

#: mount points that hold scratch space, logs (factor XI), caches or built assets, not app data
_NOT_STATE_PATH = re.compile(r"(?i)^(/tmp|/var/tmp|/run|/var/run|/dev/shm)(/|$)|(^|/)(logs?|tmp|cache|\.cache|"
                             r"static|staticfiles|node_modules|\.venv|venv|__pycache__)(/|$)")


def _state_path(path: str) -> bool:
    return bool(path) and not path.startswith("$") and not _NOT_STATE_PATH.search(path.rstrip("/") + "/")


def _backing_image(facts: AppFacts, dockerfile: str) -> bool:
    """Whether a Dockerfile builds a backing service (FROM postgres...), whose volume is its job."""
    return any(f.path == dockerfile and f.get("final") and appmodel.image_engine(f.data)
               for f in facts.of("docker.from"))


def _volume_hits(facts: AppFacts) -> Iterator[Hit]:
    for fact in appmodel.production(facts.of("docker.volume")):
        if not fact.get("final") or _backing_image(facts, fact.path):
            continue
        for target in fact.get("paths") or []:
            if _state_path(str(target)):
                yield hit(fact, target=target, via="VOLUME", path=fact.path)
    for fact in appmodel.production(facts.of("compose.service")):
        if fact.get("role") != "deploy" or not fact.get("build") or appmodel.image_engine(fact.get("image")):
            continue
        for volume in fact.get("volumes") or []:
            target = str(volume.get("target") or "")
            if volume.get("kind") == "named" and not volume.get("read_only") and _state_path(target):
                where = Location(fact.path, volume.get("line"), f"{volume.get('source')}:{target}")
                yield hit(where, scope=fact.scope, target=target, via=f"{fact.get('name')}: {volume.get('source')}",
                          path=fact.path)


@rule("F06-S7", factor=6, polarity=AGAINST, strength=MODERATE)
def persistent_volume_on_app(facts: AppFacts) -> Iterator[Hit]:
    yield from _volume_hits(facts)


# --- memory -------------------------------------------------------------------------------------


@rule("F06-S8", factor=6, polarity=AGAINST, strength=WEAK, basis=ADVICE)
def state_in_process_memory(facts: AppFacts) -> Iterator[Hit]:
    for fact in _code(facts, "state.global"):
        yield hit(fact, name=fact.get("name"), path=fact.path)


# --- checked and clean ----------------------------------------------------------------------

_DATA_SERVICES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "sql": "SQL", "mssql": "SQL Server",
                  "oracle": "Oracle", "db2": "Db2", "redis": "Redis", "mongodb": "MongoDB", "memcached": "Memcached",
                  "elasticsearch": "Elasticsearch", "dynamodb": "DynamoDB"}
#: databases of record first, then caches and search indexes
_RANK = {"postgresql": 0, "mysql": 0, "mssql": 0, "oracle": 0, "db2": 0, "mongodb": 0, "dynamodb": 0, "sql": 1,
         "redis": 2, "memcached": 2, "elasticsearch": 2}
_ENGINE_NAMES = {"postgresql": "PostgreSQL", "postgis": "PostgreSQL", "mysql": "MySQL", "oracle": "Oracle",
                 "mssql": "SQL Server", "sql_server": "SQL Server"}


def _named_sql(facts: AppFacts) -> str | None:
    """The SQL engine the declared drivers name, when a client only says "SQL" (an ORM, a URL from
    the environment): `pg`, `org.postgresql:postgresql`, `mysql2`..."""
    return next((e for _dep, e in appmodel.declared_drivers(facts) if e in _ENGINE_NAMES and e != "postgis"), None)


def _client_stores(facts: AppFacts) -> list[tuple[Fact, str, str]]:
    """(evidence, service, api) for the data stores the app's clients open, of every language:
    code, Spring datasources and Rails database.yml production blocks."""
    found: list[tuple[tuple[bool, int, str, int], Fact, str, str]] = []
    for fact in appmodel.production(facts.of("client")):
        service = str(fact.get("service"))
        if service not in _DATA_SERVICES or _development_only(fact):
            continue
        # the app's own processes before one-off scripts, databases of record before caches
        key = (bool(_ONE_OFF.search(fact.path)), _RANK.get(service, 3), fact.path, fact.line or 0)
        if service == "sql":
            service = _named_sql(facts) or service
        api = str(fact.get("api"))
        if fact.get("environment"):
            api = f"{api} ({fact.get('environment')})"
        elif fact.get("lang") == "spring" and fact.get("profile"):
            api = f"{api} (profile {fact.get('profile')})"
        found.append((key, fact, _DATA_SERVICES[service], api))
    return [(fact, service, api) for _key, fact, service, api in sorted(found, key=lambda t: t[0])]


def _data_service(facts: AppFacts) -> tuple[Fact, str, str] | None:
    """(evidence, service, api) of the first backing service that holds the app's data."""
    stores = _client_stores(facts)
    if stores:
        return stores[0]
    for fact in _settings(facts):
        name, value = str(fact.get("name")), _literal(fact) or ""
        if str(fact.get("path", "")).startswith("DATABASES.") and name == "ENGINE":
            engine = value.rsplit(".", 1)[-1]
            if engine in _ENGINE_NAMES:
                return fact, _ENGINE_NAMES[engine], str(fact.get("path"))
        elif _DB_URL_SETTING.search(name):
            engine = appmodel.url_engine(value) if value else None
            if engine and engine != "sqlite":
                return fact, _DATA_SERVICES.get(engine, engine), name
            if fact.get("source") == "env":
                return fact, str(fact.get("env_name") or name), name
    return None


@rule("F06-AP1", factor=6, polarity=FOR, strength=WEAK, closing=True)
def no_local_state_found(facts: AppFacts, found_here: tuple[Finding, ...]) -> Iterator[Hit]:
    """No local state was found (no moderate or strong finding against this factor, in production)."""
    if any(f.polarity is Polarity.AGAINST and f.strength is not Strength.WEAK and f.scope is Scope.PRODUCTION
           for f in found_here):
        return
    found = _data_service(facts)
    if found is not None:
        fact, service, api = found
        yield hit(fact, strength=MODERATE, service=service, api=api, store=f"{service} via {api}")
    else:
        yield hit(Location("."), scope=Scope.PRODUCTION, variant="nostore", service="", api="", store="")
