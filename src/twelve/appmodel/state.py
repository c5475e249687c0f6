"""Where the app keeps state: its sessions, the files it writes, the databases it opens, the
volumes mounted on its processes, data kept in process memory, and the load balancing in front
of it (sticky sessions). Factor VI reads these; the answers are computed once per app.

Everything here reads facts and the knowledge tables (``twelve.knowledge.state``); whether a
finding is for or against the factor is the rules' business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from twelve.appmodel.deploy import LONG_RUNNING_KINDS, STATELESS_KINDS, app_containers, deployed, deployed_workloads
from twelve.appmodel.services import declared_drivers, image_engine, url_engine
from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.springconfig import is_dev_profile
from twelve.knowledge import state as known
from twelve.knowledge.frameworks import JVM_UNBUNDLED_SCOPES
from twelve.knowledge.logs import is_browser_code
from twelve.model import Location, Scope

# --- settings that reach production -----------------------------------------------------------------


def _dev_class(fact: Fact) -> bool:
    """Whether the setting sits in a class named for development or tests (DevelopmentConfig)."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", fact.get("class") or "")
    return any(word.lower() in known.DEV_CLASS_WORDS for word in words)


def settings(facts: AppFacts) -> list[Fact]:
    """Configuration assignments that can reach production: production files, no dev/test class."""
    return list(
        facts.derive("state.settings", lambda: [f for f in production(facts.of("config.assign")) if not _dev_class(f)])
    )


def literal(fact: Fact) -> str | None:
    """The literal string a setting is given, if it is one."""
    value = fact.get("value")
    return value if fact.get("source") == "literal" and isinstance(value, str) else None


def named(found: list[Fact], name: str) -> list[Fact]:
    """The settings called *name* among *found* that are given a literal string."""
    return [f for f in found if f.get("name") == name and literal(f) is not None]


def development_only(fact: Fact) -> bool:
    """A fact that applies to a development or test environment only (Rails environment, Spring profile)."""
    return bool(known.DEV_ENVIRONMENT.match(str(fact.get("environment") or ""))) or is_dev_profile(fact.get("profile"))


def is_one_off(path: str) -> bool:
    """Whether *path* is code run as a one-off or at build time (scripts, migrations, rake tasks)."""
    return bool(known.ONE_OFF_CODE.search(path))


def app_code(facts: AppFacts, kind: str) -> list[Fact]:
    """Facts of *kind* in the app's long-running production code (browser scripts it serves as
    static assets aside: they run in the visitor's browser, not in the app's processes)."""
    return [f for f in production(facts.of(kind)) if not is_one_off(f.path) and not is_browser_code(f.path)]


# --- sessions ----------------------------------------------------------------------------------------


def session_cache(found: list[Fact]) -> tuple[str | None, Fact | None]:
    """(backend class, fact) of the cache Django sessions use; ("LocMemCache", None) when CACHES
    is never assigned (Django's default), (None, None) when it is set in a way we cannot read."""
    alias = next((literal(f) for f in named(found, "SESSION_CACHE_ALIAS")), None) or "default"
    caches = [f for f in found if str(f.get("path", "")).startswith("CACHES")]
    if not caches:
        return "LocMemCache", None
    backend = next((f for f in caches if f.get("path") == f"CACHES.{alias}.BACKEND"), None)
    if backend is None or literal(backend) is None:
        return None, None
    return str(literal(backend)).rsplit(".", 1)[-1], backend


@dataclass(frozen=True, slots=True)
class LocalSessions:
    """Sessions kept in the process's memory or on its disk, and the evidence."""

    where: tuple[Fact, ...]
    lang: str  # python, node, java
    setting: str  # the setting, library or API that chooses the store
    store: str  # filesystem, LocMemCache, MemoryStore, memorystore, HttpSession
    value: str = ""  # the value the setting is given
    memorystore: bool = False  # Node's memorystore package (it prunes, but stays in memory)
    #: the environment variable that switches sessions to a shared store: the local store is then
    #: only the fallback (a deploy that sets it keeps no sessions in the process)
    fallback_env: str | None = None
    alternative: str = ""  # the shared store that variable selects (`RedisStore (connect-redis)`)

    @property
    def path(self) -> str:
        return self.where[0].path

    @property
    def in_memory(self) -> bool:
        """Sessions held in the process's memory (not on its disk): a restart of the process drops them."""
        return self.store not in ("filesystem", "file", "FileBasedCache")


def _python_local_sessions(facts: AppFacts) -> Iterator[LocalSessions]:
    """Flask-Session on the filesystem, Django file sessions or cache sessions over a local cache."""
    found = [f for f in settings(facts) if f.get("lang") in (None, "python")]
    for fact in named(found, "SESSION_TYPE"):
        if str(literal(fact)).lower() == "filesystem":
            yield LocalSessions((fact,), "python", "SESSION_TYPE", "filesystem", str(literal(fact)))
    for fact in named(found, "SESSION_ENGINE"):
        engine = str(literal(fact))
        if engine.endswith("backends.file"):
            yield LocalSessions((fact,), "python", "SESSION_ENGINE", "filesystem", engine)
        elif engine.endswith("backends.cache"):
            backend, cache = session_cache(found)
            if backend in known.LOCAL_CACHES:
                where = (fact, cache) if cache is not None else (fact,)
                yield LocalSessions(where, "python", "SESSION_ENGINE", str(backend), engine)


def _node_local_sessions(facts: AppFacts) -> Iterator[LocalSessions]:
    """express-session (and its kin) with the default MemoryStore or memorystore; with the store a
    variable of the environment switches to when it is set."""
    for fact in production(facts.of("session.store")):
        data = fact.data
        if (
            data.lang in ("javascript", "typescript", "prisma")
            and data.library in known.NODE_SERVER_SESSIONS
            and data.store == "memory"
        ):
            yield LocalSessions(
                (fact,),
                "node",
                str(data.library),
                data.store_api or "MemoryStore",
                memorystore="memorystore" in str(data.store_api or "").lower(),
                fallback_env=data.alternative_env if data.alternative in known.BACKED_SESSION_STORES else None,
                alternative=str(data.alternative_api or data.alternative or ""),
            )


def _ruby_local_sessions(facts: AppFacts) -> Iterator[LocalSessions]:
    """Rack's in-process session pool (`use Rack::Session::Pool`) and Rails' `:memory_store`."""
    for fact in production(facts.of("session.store")):
        if fact.get("lang") == "ruby" and fact.get("store") == "memory" and not development_only(fact):
            yield LocalSessions((fact,), "ruby", str(fact.get("api")), "memory")


def _go_local_sessions(facts: AppFacts) -> Iterator[LocalSessions]:
    """gorilla/sessions (or gin-contrib/sessions) stores in memory or on the process's disk."""
    for fact in production(facts.of("session.store")):
        if fact.get("lang") == "go" and fact.get("store") in ("memory", "file"):
            yield LocalSessions(
                (fact,), "go", str(fact.get("api")), "memory" if fact.get("store") == "memory" else "file"
            )


def _spring_session(facts: AppFacts) -> bool:
    """Whether sessions live in a backing service through Spring Session (declared or configured)."""
    declared = [d for d in jvm_runtime_dependencies(facts) if str(d.get("name")).startswith(known.SPRING_SESSION_GROUP)]
    configured = [
        f for f in facts.of("session.store") if f.get("library") == "spring-session" and f.get("store") != "memory"
    ]
    return bool(declared or configured)


def _shiro_shared_only(facts: AppFacts) -> bool:
    """Whether Shiro keeps sessions in a shared store and never builds an in-memory session DAO."""
    daos = [f for f in production(facts.of("session.store")) if f.get("library") == "shiro"]
    return bool(daos) and all(f.get("store") != "memory" for f in daos)


def _jvm_local_sessions(facts: AppFacts) -> Iterator[LocalSessions]:
    """HttpSession used by servlet code, or Shiro's in-memory session DAO, with no Spring Session
    store and no Shiro DAO on a shared store alone: one finding per file."""
    uses = [
        f
        for f in production(facts.of("session.store"))
        if f.get("store") == "memory" and f.get("library") in known.JVM_SESSION_LIBRARIES
    ]
    if not uses or _spring_session(facts) or _shiro_shared_only(facts):
        return
    by_file: dict[str, list[Fact]] = {}
    for fact in uses:
        by_file.setdefault(fact.path, []).append(fact)
    for path in sorted(by_file):
        found = by_file[path]
        shiro = found[0].get("library") == "shiro"
        yield LocalSessions(
            tuple(found[:3]), "java", str(found[0].get("api")), "Shiro's memory" if shiro else "HttpSession"
        )


def local_sessions(facts: AppFacts) -> list[LocalSessions]:
    """Sessions kept in the process (memory) or on its disk, in every language: Python's session
    settings, Node's session middleware without a store, the JVM's HttpSession without Spring Session."""
    return list(
        facts.derive(
            "state.local_sessions",
            lambda: [
                *_node_local_sessions(facts),
                *_python_local_sessions(facts),
                *_ruby_local_sessions(facts),
                *_go_local_sessions(facts),
                *_jvm_local_sessions(facts),
            ],
        )
    )


def sessions_lost_on_restart(facts: AppFacts) -> list[LocalSessions]:
    """The production session stores held in the process's memory in every deploy (not only as
    the fallback of an unset variable): a restart or a deploy logs every user out."""
    return [found for found in local_sessions(facts) if found.in_memory and found.fallback_env is None]


@dataclass(frozen=True, slots=True)
class BackedSessions:
    """Sessions kept in a backing service or in the client, and the evidence."""

    where: Fact
    setting: str
    value: str
    store: str
    api: str | None = None
    kind: str | None = None  # "store" (a service), "db", "cookie"; None: a Python session setting
    declared_only: bool = False  # a Spring Session module on the classpath, nothing configured


def _store_kind(store: str) -> str:
    return store if store in ("db", "cookie") else "store"


def backed_sessions(facts: AppFacts) -> list[BackedSessions]:
    """Session stores of any language backed by a service or the client (connect-redis, Spring
    Session, Rails cookie/Redis/ActiveRecord stores, gorilla/sessions), and Python's session
    settings that name a service."""
    found: list[BackedSessions] = []
    # a server-side store declared next to a cookie store is the one that keeps the sessions
    # (`enable :sessions` then `use Rack::Session::Pool`)
    server_side = {
        "javascript" if s.lang == "node" else s.lang for s in local_sessions(facts) if s.fallback_env is None
    }
    for fact in production(facts.of("session.store")):
        store = str(fact.get("store"))
        if store == "cookie" and fact.get("lang") in server_side:
            continue
        if store in known.BACKED_SESSION_STORES and not development_only(fact):
            found.append(
                BackedSessions(
                    fact,
                    fact.get("library"),
                    store,
                    known.BACKED_SESSION_STORES[store],
                    fact.get("store_api") or fact.get("api"),
                    _store_kind(store),
                )
            )
    for dep in facts.of("dep.declared"):
        module_store = known.SPRING_SESSION_MODULES.get(str(dep.get("name")))
        if module_store and dep.scope is Scope.PRODUCTION and dep.get("group") != "test":
            found.append(
                BackedSessions(
                    dep,
                    "spring-session",
                    module_store,
                    known.BACKED_SESSION_STORES[module_store],
                    dep.get("name"),
                    _store_kind(module_store),
                    declared_only=True,
                )
            )
    current = settings(facts)
    for fact in named(current, "SESSION_TYPE"):
        if str(literal(fact)).lower() in known.SERVICE_SESSION_TYPES:
            found.append(BackedSessions(fact, "SESSION_TYPE", str(literal(fact)), str(literal(fact))))
    for fact in named(current, "SESSION_ENGINE"):
        engine = str(literal(fact))
        engine_store: str | None = None
        if engine.endswith(known.SERVICE_SESSION_ENGINES) or known.SERVICE_STORE_NAME.search(engine):
            engine_store = engine.rsplit(".", 1)[-1] if "contrib.sessions" in engine else engine
        elif engine.endswith("backends.cache"):
            backend, _cache = session_cache(current)
            if backend and known.SERVICE_STORE_NAME.search(backend):
                engine_store = backend
        if engine_store:
            found.append(BackedSessions(fact, "SESSION_ENGINE", engine, engine_store))
    return found


def _annotation_affinities(fact: Fact, kind: str) -> Iterator[tuple[Location, Scope, str]]:
    lines = fact.get("annotation_lines") or {}
    for key, value in sorted((fact.get("annotations") or {}).items()):
        value = str(value).strip()
        where = Location(fact.path, lines.get(key) or fact.line, f"{key}: {value}")
        if known.AFFINITY_KEY.search(key) and (
            known.AFFINITY_ON.search(value) or ("cookie-persistence" in key and value)
        ):
            yield where, fact.scope, f"{kind} {fact.get('name')}: {key}={value}"
        elif known.AFFINITY_ON.search(value) and "stickiness.enabled=true" in value:
            yield where, fact.scope, f"{kind} {fact.get('name')}: {key}"


def session_affinities(facts: AppFacts) -> list[tuple[Location, Scope, str]]:
    """(where, scope, how) of every load-balancing setting that pins a client to one process:
    Service `sessionAffinity: ClientIP`, affinity annotations of Services and Ingresses, mesh
    traffic policies, Helm values."""

    def compute() -> list[tuple[Location, Scope, str]]:
        found: list[tuple[Location, Scope, str]] = []
        for service in deployed(facts, "k8s.service"):
            if str(service.get("session_affinity") or "").lower() == "clientip":
                found.append(
                    (
                        Location(
                            service.path, service.get("affinity_line") or service.line, "sessionAffinity: ClientIP"
                        ),
                        service.scope,
                        f"Service {service.get('name')}: sessionAffinity ClientIP",
                    )
                )
            found.extend(_annotation_affinities(service, "Service"))
        for ingress in deployed(facts, "k8s.ingress"):
            found.extend(_annotation_affinities(ingress, "Ingress"))
        for policy in deployed(facts, "k8s.traffic_policy"):
            affinity = str(policy.get("affinity") or "")
            if affinity and affinity.upper() not in ("NONE", ""):
                found.append(
                    (
                        Location(policy.path, policy.get("affinity_line") or policy.line, affinity),
                        policy.scope,
                        f"{policy.get('kind')} {policy.get('name')}: {affinity}",
                    )
                )
        for values in deployed(facts, "k8s.helm_values"):
            for entry in values.get("affinity") or []:
                if known.AFFINITY_ON.search(str(entry.get("value") or "")):
                    found.append(
                        (
                            Location(values.path, entry.get("line"), f"{entry.get('path')}: {entry.get('value')}"),
                            values.scope,
                            f"{entry.get('path')}: {entry.get('value')}",
                        )
                    )
        return found

    return list(facts.derive("state.session_affinities", compute))


# --- files and databases on local disk ------------------------------------------------------------------


def write_target(fact: Fact) -> str:
    """What a file write names as its target: the literal path, the expression, or the variable."""
    target = fact.get("target") or {}
    value = target.get("value") if target.get("source") == "literal" else target.get("text")
    return str(value if value is not None else target.get("env_name") or "")


def data_writes(facts: AppFacts) -> list[tuple[Fact, bool]]:
    """(write, user data) for the files the app's processes write outside /tmp, logs and PID
    files: an upload or a write in a request handler keeps user data."""
    found: list[tuple[Fact, bool]] = []
    for fact in app_code(facts, "file.write"):
        target = write_target(fact)
        if fact.get("tmp") or known.NOT_DATA.search(target) or known.NOT_DATA.search(fact.excerpt):
            continue
        found.append((fact, bool(fact.get("upload") or fact.get("in_route"))))
    return found


def storage_settings(facts: AppFacts) -> list[Fact]:
    """Django storage settings that send files elsewhere than the local disk (or read it from env)."""
    found = []
    for fact in settings(facts):
        name, path = fact.get("name"), str(fact.get("path", ""))
        if name != known.STORAGE_SETTING and not path.startswith(known.STORAGES_PREFIX):
            continue
        value = literal(fact)
        if fact.get("source") == "env" or (value and known.OBJECT_STORAGE.search(value)):
            found.append(fact)
    return found


def client_target(fact: Fact) -> str:
    """The first literal argument of a client call (not Go's driver name: `sql.Open("sqlite3", path)`);
    the excerpt is read when the fact masked it."""
    args = [a for a in fact.get("args") or [] if a.get("key") != "driver"]
    value = str(args[0].get("value", "")) if args and args[0].get("source") == "literal" else ""
    if "…[" in value:
        quoted = known.FIRST_QUOTED.search(fact.excerpt)
        value = quoted.group(1) if quoted else ""
    return value or "?"


def _is_s3(fact: Fact) -> bool:
    return client_target(fact).lower() == "s3" or bool(known.S3_LITERAL.search(fact.excerpt))


def object_storage_clients(facts: AppFacts) -> list[Fact]:
    """Clients of object storage (an S3 client of the AWS SDK counts)."""
    return [
        f
        for f in production(facts.of("client"))
        if f.get("service") == "object_storage" or (f.get("service") == "aws" and _is_s3(f))
    ]


def disk_upload_fields(facts: AppFacts) -> list[Fact]:
    """Django FileField/ImageField with the default FileSystemStorage (uploads land in MEDIA_ROOT),
    when no storage setting or object-storage client sends files elsewhere."""
    if storage_settings(facts) or object_storage_clients(facts):
        return []
    return [f for f in app_code(facts, "upload.field") if not f.get("storage")]


def _other_database_configured(found: list[Fact], facts: AppFacts) -> bool:
    """Whether production configuration points at a database other than SQLite (then a SQLite
    value is a development fallback, a parity question for factor X, not the production store)."""
    for fact in found:
        name, path, value = str(fact.get("name")), str(fact.get("path", "")), literal(fact) or ""
        if not (path.startswith("DATABASES") or known.DB_URL_SETTING.search(name)):
            continue
        if fact.get("source") == "env":
            return True
        if name == "ENGINE" and value and "sqlite" not in value:
            return True
        if "://" in value and not value.startswith("sqlite"):
            return True
    return any(
        known.DB_ENV.search(str(f.get("name") or "")) or str(f.get("api", "")).startswith("dj_database_url")
        for f in production(facts.of("env.read"))
    )


def _spring_fallback(fact: Fact, clients: list[Fact]) -> bool:
    """A datasource of Spring's default profile while a named profile configures another database:
    the named profile is what production activates, the default a development fallback."""
    if fact.get("lang") != "spring" or fact.get("profile"):
        return False
    return any(
        c.get("lang") == "spring"
        and c.get("profile")
        and c.get("service") not in ("sqlite", None)
        and c.get("api") == fact.get("api")
        for c in clients
    )


def sqlite_databases(facts: AppFacts) -> list[tuple[Fact, str | None, str | None]]:
    """(evidence, api, target) of SQLite as the production database: a file on the process's
    disk. Code of every language, Spring datasources of production profiles and Rails
    database.yml production blocks, then Python settings (unless another database is configured)."""
    found: list[tuple[Fact, str | None, str | None]] = []
    clients = app_code(facts, "client")
    for fact in clients:
        if fact.get("service") != "sqlite" or development_only(fact) or _spring_fallback(fact, clients):
            continue
        target = client_target(fact)
        if target != ":memory:" and not known.TEST_DATABASE.search(target):
            found.append((fact, fact.get("api"), target))
    current = settings(facts)
    configured = [
        f
        for f in current
        if (known.DB_URL_SETTING.search(str(f.get("name"))) and str(literal(f) or "").startswith("sqlite:"))
        or (
            str(f.get("path", "")).startswith("DATABASES.")
            and f.get("name") == "ENGINE"
            and str(literal(f) or "").endswith("sqlite3")
        )
    ]
    if configured and not _other_database_configured(current, facts):
        found.extend((fact, fact.get("path"), literal(fact)) for fact in configured)
    return found


def _rails_settings(facts: AppFacts, path: str) -> list[Fact]:
    skip = (Scope.EXAMPLE, Scope.VENDORED, Scope.GENERATED)
    return [
        f
        for f in facts.of("config.assign")
        if f.get("lang") == "ruby" and f.get("path") == path and f.scope not in skip
    ]


def rails_production_setting(fact: Fact) -> bool:
    """A Rails setting that applies to a deployed environment (production, staging...), not development or test."""
    env = fact.get("environment")
    return fact.scope is Scope.PRODUCTION and not (env and known.DEV_ENVIRONMENT.match(str(env)))


def active_storage_on_disk(facts: AppFacts) -> list[tuple[Fact, Fact | None, str, str | None]]:
    """(setting, storage.yml definition, service name, variable) for each deployed Rails
    environment whose ActiveStorage service keeps files on the local disk (a Disk service, or the
    default `:local` left undefined). A service read from the environment counts by its default
    (`ENV.fetch("ACTIVE_STORAGE_SERVICE", "local")`): the variable is then named, since a deploy
    that sets it may store files elsewhere."""
    services = {
        str(f.get("path")).rsplit(".", 1)[0]: f
        for f in facts.of("config.assign")
        if f.get("file") == "storage.yml" and f.get("name") == "service" and f.get("source") == "literal"
    }
    found: list[tuple[Fact, Fact | None, str, str | None]] = []
    for fact in _rails_settings(facts, known.ACTIVE_STORAGE_SETTING):
        if not rails_production_setting(fact):
            continue
        if fact.get("source") == "literal":
            name, variable = str(fact.get("value")), None
        elif fact.get("source") == "env" and isinstance(fact.get("env_default"), str):
            name, variable = str(fact.get("env_default")).lstrip(":"), str(fact.get("env_name") or "?")
        else:
            continue
        defined = services.get(name)
        if defined is not None and str(defined.get("value")).lower() == known.DISK_SERVICE:
            found.append((fact, defined, name, variable))
        elif defined is None and name == known.DEFAULT_DISK_SERVICE:
            found.append((fact, None, name, variable))
    return found


def runtime_asset_compilation(facts: AppFacts) -> list[Fact]:
    """Deployed Rails environments that compile assets on demand (`config.assets.compile = true`)."""
    return [
        f
        for f in _rails_settings(facts, known.ASSETS_COMPILE_SETTING)
        if rails_production_setting(f) and f.get("source") == "literal" and f.get("value") is True
    ]


def embedded_stores(facts: AppFacts) -> list[tuple[Fact, str, str]]:
    """(evidence, library, path) of the datastores the app's long-running code keeps in files on
    its own disk: embedded databases (shelve, TinyDB, lowdb, NeDB, LevelDB, BoltDB, PStore...) and
    files it loads and writes back at the same path (also through a temporary file renamed onto
    it). Logs, PID files and scratch files are not data."""
    found: list[tuple[Fact, str, str]] = []
    for fact in app_code(facts, "state.embedded_store"):
        target = write_target(fact)
        if known.NOT_DATA.search(target) or known.NOT_DATA.search(fact.excerpt) or known.SCRATCH_PATH.search(target):
            continue
        found.append((fact, str(fact.get("library") or "file"), target or "?"))
    return found


def random_secrets(facts: AppFacts) -> list[Fact]:
    """The signing or encryption keys the app's long-running code draws at random as a process
    starts (always, or when none is configured): each process has its own, by accident."""
    return [f for f in app_code(facts, "state.random_secret") if not development_only(f)]


@dataclass(frozen=True, slots=True)
class LocalState:
    """Persistent state the app keeps inside one process (its memory or its local disk): what a
    second copy of the process would not see and a restart or a new host would lose."""

    where: tuple[Fact | Location, ...]
    kind: str  # sessions, uploads, files, sqlite, store, active_storage
    what: str  # how a message names it: `Rack::Session::Pool`, `SQLite ./app.db`, `data/prefs.json`
    path: str
    #: the environment variable that moves it to a backing service when set: then the local
    #: state is only a fallback (moderate for VI, a parity question for X, not a bar to scaling)
    fallback_env: str | None = None


def local_state(facts: AppFacts) -> list[LocalState]:
    """Every piece of persistent state the app keeps in its processes, from the other answers of
    this module: in-process sessions, uploads and user data written to the local disk, Django
    file fields on the default storage, SQLite databases, embedded and read-back file stores,
    ActiveStorage on a Disk service. Writes that may be scratch (not uploads, not in a request
    handler) are left out."""

    def compute() -> list[LocalState]:
        found: list[LocalState] = []
        for sessions in local_sessions(facts):
            store = (
                sessions.setting
                if sessions.store in ("memory", sessions.setting)
                else f"{sessions.setting}, {sessions.store}"
            )
            found.append(
                LocalState(sessions.where, "sessions", f"sessions in {store}", sessions.path, sessions.fallback_env)
            )
        for fact, user_data in data_writes(facts):
            if user_data:
                found.append(
                    LocalState(
                        (fact,),
                        "uploads" if fact.get("upload") else "files",
                        f"{fact.get('api')} → {write_target(fact) or '?'}",
                        fact.path,
                    )
                )
        for fact in disk_upload_fields(facts):
            found.append(
                LocalState(
                    (fact,), "uploads", f"{fact.get('api')} → {fact.get('upload_to') or 'MEDIA_ROOT'}", fact.path
                )
            )
        for fact, api, target in sqlite_databases(facts):
            found.append(LocalState((fact,), "sqlite", f"SQLite {target or '?'} ({api})", fact.path))
        for fact, library, target in embedded_stores(facts):
            what = f"{target} (read back and rewritten)" if library == "file" else f"{library} {target}"
            found.append(LocalState((fact,), "store", what, fact.path))
        for setting, defined, name, variable in active_storage_on_disk(facts):
            where: tuple[Fact | Location, ...] = (setting, defined) if defined is not None else (setting,)
            found.append(LocalState(where, "active_storage", f"ActiveStorage :{name} (Disk)", setting.path, variable))
        return found

    return list(facts.derive("state.local_state", compute))


def persistent_local_state(facts: AppFacts) -> list[LocalState]:
    """The local state every deploy keeps (no variable moves it to a backing service): a second
    instance of the process would not see it. Factor VIII reads this."""
    return [s for s in local_state(facts) if s.fallback_env is None]


def env_selected_stores(facts: AppFacts) -> list[LocalState]:
    """Local state that is only the fallback of a backing service chosen by an environment
    variable (`if (process.env.REDIS_URL) opts.store = new RedisStore(...)`, `ENV.fetch(
    "ACTIVE_STORAGE_SERVICE", "local")`): a deploy that sets the variable keeps nothing in the
    process, one that does not (and every development run) does. Factor X reads this: the default
    and development paths use another store type than the configured production."""
    return [s for s in local_state(facts) if s.fallback_env is not None]


# --- volumes ---------------------------------------------------------------------------------------------


def is_state_path(path: str) -> bool:
    """Whether a Docker or compose mount point may hold app data (not scratch, logs, caches, assets)."""
    return bool(path) and not path.startswith("$") and not known.NOT_STATE_PATH.search(path.rstrip("/") + "/")


def is_state_mount(path: str) -> bool:
    """The same for a Kubernetes or platform mount (certificates, secrets and configuration excluded too)."""
    return bool(path) and not path.startswith("$") and not known.NOT_STATE_MOUNT.search(path.rstrip("/") + "/")


def _backing_image(facts: AppFacts, dockerfile: str) -> bool:
    """Whether a Dockerfile builds a backing service (FROM postgres...), whose volume is its job."""
    return any(f.path == dockerfile and f.get("final") and image_engine(f.data) for f in facts.of("docker.from"))


@dataclass(frozen=True, slots=True)
class AppVolume:
    """A persistent volume mounted on one of the app's own processes at a path that may hold data."""

    where: tuple[Fact | Location, ...]
    scope: Scope
    target: str  # the mount point
    via: str  # how it is mounted: `VOLUME`, `web: data`, `PVC data`, `hostPath /srv`
    path: str  # the file that mounts it
    workload: str | None = None  # the Kubernetes workload or platform service (None: Docker, compose)


def app_volumes(facts: AppFacts) -> list[AppVolume]:
    """Persistent volumes on the app's processes: a Dockerfile VOLUME of the final stage (not of a
    backing-service image), named read-write volumes of deploy compose services built here, PVCs
    and hostPath volumes of stateless workloads, and platform service volumes."""
    found: list[AppVolume] = []
    for fact in production(facts.of("docker.volume")):
        if not fact.get("final") or _backing_image(facts, fact.path):
            continue
        for target in fact.get("paths") or []:
            if is_state_path(str(target)):
                found.append(AppVolume((fact,), fact.scope, target, "VOLUME", fact.path))
    for fact in production(facts.of("compose.service")):
        if fact.get("role") != "deploy" or not fact.get("build") or image_engine(fact.get("image")):
            continue
        for volume in fact.get("volumes") or []:
            target = str(volume.get("target") or "")
            if volume.get("kind") == "named" and not volume.get("read_only") and is_state_path(target):
                where = Location(fact.path, volume.get("line"), f"{volume.get('source')}:{target}")
                found.append(
                    AppVolume((where,), fact.scope, target, f"{fact.get('name')}: {volume.get('source')}", fact.path)
                )
    for workload in deployed_workloads(facts, STATELESS_KINDS):
        volumes = {
            v.get("name"): v for v in workload.get("volumes") or [] if v.get("type") in known.PERSISTENT_VOLUME_TYPES
        }
        label = f"{workload.get('kind')} {workload.get('name')}".strip()
        for container in app_containers(workload):
            for mount in container.get("volume_mounts") or []:
                volume = volumes.get(mount.get("name"))
                if volume is None or mount.get("read_only") or not is_state_mount(str(mount.get("mount_path") or "")):
                    continue
                what = f"PVC {volume.get('claim')}" if volume.get("type") == "pvc" else f"hostPath {volume.get('path')}"
                mounted = (
                    Location(
                        workload.path, mount.get("line") or workload.line, f"mountPath: {mount.get('mount_path')}"
                    ),
                    Location(workload.path, volume.get("line") or workload.line, what),
                )
                found.append(AppVolume(mounted, workload.scope, mount.get("mount_path"), what, workload.path, label))
    for service in deployed(facts, "platform.service"):
        for volume in service.get("volumes") or []:
            if is_state_mount(str(volume.get("target") or "")):
                where = Location(
                    service.path, volume.get("line") or service.line, f"{volume.get('source')}:{volume.get('target')}"
                )
                found.append(
                    AppVolume(
                        (where,),
                        service.scope,
                        volume.get("target"),
                        str(volume.get("source")),
                        service.path,
                        f"{service.get('platform')} {service.get('name')}",
                    )
                )
    return found


def read_only_roots(facts: AppFacts) -> list[tuple[Fact | Location, Scope, str, str]]:
    """(where, scope, workload, file) of the app's long-running workloads and deploy compose
    services that run with a read-only root filesystem."""
    found: list[tuple[Fact | Location, Scope, str, str]] = []
    for workload in deployed_workloads(facts, LONG_RUNNING_KINDS):
        containers = app_containers(workload)
        if containers and all(c.get("read_only_root") is True for c in containers):
            found.append(
                (
                    Location(
                        workload.path,
                        containers[0].get("read_only_line") or workload.line,
                        "readOnlyRootFilesystem: true",
                    ),
                    workload.scope,
                    f"{workload.get('kind')} {workload.get('name')}".strip(),
                    workload.path,
                )
            )
    for service in production(facts.of("compose.service")):
        if service.get("role") == "deploy" and service.get("build") and service.get("read_only"):
            found.append((service, service.scope, f"compose {service.get('name')}", service.path))
    return found


# --- the app's data store ------------------------------------------------------------------------------------


def _named_sql(facts: AppFacts) -> str | None:
    """The SQL engine the declared drivers name, when a client only says "SQL" (an ORM, a URL from
    the environment): `pg`, `org.postgresql:postgresql`, `mysql2`..."""
    return next((e for _dep, e in declared_drivers(facts) if e in known.SQL_ENGINE_NAMES and e != "postgis"), None)


def _client_stores(facts: AppFacts) -> list[tuple[Fact, str, str]]:
    """(evidence, service, api) for the data stores the app's clients open, of every language:
    code, Spring datasources and Rails database.yml production blocks."""
    found: list[tuple[tuple[bool, int, str, int], Fact, str, str]] = []
    for fact in production(facts.of("client")):
        service = str(fact.get("service"))
        if service not in known.DATA_SERVICES or development_only(fact):
            continue
        # the app's own processes before one-off scripts, databases of record before caches
        key = (is_one_off(fact.path), known.DATA_SERVICE_RANK.get(service, 3), fact.path, fact.line or 0)
        if service == "sql":
            service = _named_sql(facts) or service
        api = str(fact.get("api"))
        if fact.get("environment"):
            api = f"{api} ({fact.get('environment')})"
        elif fact.get("lang") == "spring" and fact.get("profile"):
            api = f"{api} (profile {fact.get('profile')})"
        found.append((key, fact, known.DATA_SERVICES[service], api))
    return [(fact, service, api) for _key, fact, service, api in sorted(found, key=lambda t: t[0])]


def data_store(facts: AppFacts) -> tuple[Fact, str, str] | None:
    """(evidence, service, api) of the first backing service that holds the app's data: a client
    the app opens, else a Django ENGINE or a database URL setting."""
    stores = _client_stores(facts)
    if stores:
        return stores[0]
    for fact in settings(facts):
        name, value = str(fact.get("name")), literal(fact) or ""
        if str(fact.get("path", "")).startswith("DATABASES.") and name == "ENGINE":
            engine = value.rsplit(".", 1)[-1]
            if engine in known.SQL_ENGINE_NAMES:
                return fact, known.SQL_ENGINE_NAMES[engine], str(fact.get("path"))
        elif known.DB_URL_SETTING.search(name):
            url_kind = url_engine(value) if value else None
            if url_kind and url_kind != "sqlite":
                return fact, known.DATA_SERVICES.get(url_kind, url_kind), name
            if fact.get("source") == "env":
                return fact, str(fact.get("env_name") or name), name
    return None


# --- the JVM's runtime classpath ---------------------------------------------------------------------------


def jvm_runtime_dependencies(facts: AppFacts) -> list[Fact]:
    """JVM dependencies that end up in the running artifact (not test, not provided by a container);
    picked once per app (a monorepo's apps each read the dependencies of the builds they share)."""
    return list(facts.derive("state.jvm_runtime_dependencies", lambda: _jvm_runtime_dependencies(facts)))


def _jvm_runtime_dependencies(facts: AppFacts) -> list[Fact]:
    return facts.facts_where("state.jvm_runtime_dependencies", "dep.declared", _jvm_runtime)


def _jvm_runtime(d: Fact) -> bool:
    return (
        d.get("ecosystem") == "java"
        and d.scope is Scope.PRODUCTION
        and d.get("group") != "test"
        and d.get("scope") not in JVM_UNBUNDLED_SCOPES
    )


__all__ = [
    "AppVolume",
    "BackedSessions",
    "LocalSessions",
    "LocalState",
    "active_storage_on_disk",
    "app_code",
    "app_volumes",
    "backed_sessions",
    "client_target",
    "data_store",
    "data_writes",
    "development_only",
    "disk_upload_fields",
    "embedded_stores",
    "env_selected_stores",
    "local_state",
    "persistent_local_state",
    "random_secrets",
    "is_one_off",
    "is_state_mount",
    "is_state_path",
    "jvm_runtime_dependencies",
    "literal",
    "local_sessions",
    "named",
    "object_storage_clients",
    "rails_production_setting",
    "read_only_roots",
    "runtime_asset_compilation",
    "session_affinities",
    "sessions_lost_on_restart",
    "session_cache",
    "settings",
    "sqlite_databases",
    "storage_settings",
    "write_target",
]
