"""Where the app's backing services are located: each client construction classified by where its
endpoint comes from (configuration, a literal, an untraced expression, the library's default),
the settings and environment variables that hold a locator, Spring locators of deployed profiles,
the locators deploy descriptors hand the app, and resources that exist only on the local machine.

(`appmodel.services` says *which* services the app reaches; this module says *how it finds them*.)
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace

from twelve.appmodel.services import is_local_host, url_engine, url_host
from twelve.appmodel.state import is_one_off
from twelve.facts import AppFacts
from twelve.facts.model import Fact, Value
from twelve.facts.secrets import is_placeholder
from twelve.facts.springconfig import is_dev_profile
from twelve.knowledge import locators
from twelve.knowledge.services import LOCATOR_NAME
from twelve.model import Scope
from twelve.repository.kinds import CODE_KINDS, kind_of


def _production(found: list[Fact]) -> list[Fact]:
    return [f for f in found if f.scope is Scope.PRODUCTION]


def _env_config_names(facts: AppFacts) -> set[str]:
    """Setting names (anywhere in the app) whose value comes from the environment."""
    return {f.get("name") for f in facts.of("config.assign") if f.get("source") == "env"} | {
        f.data.name for f in facts.of("env.read") if f.data.name
    }


def _expression_setting(arg: Value) -> str | None:
    """The setting an expression ends in (`DATABASE_URL` of `settings.DATABASE_URL`, `mongodb` of
    `config.mongodb`)."""
    parts = locators.EXPRESSION_PARTS.split((arg.text or "").strip("[]'\" "))
    names = [p for p in parts if p]
    return names[-1] if names else None


def _arg_source(arg: Value, env_names: set[str], config_literals: dict[str, Fact] | None = None) -> str:
    """Where an argument's value comes from; an expression that ends in a setting read from the
    environment (`settings.DATABASE_URL`) counts as the environment, one that ends in a literal of
    a configuration file or module (`config.mongodb` with `mongodb: 'mongodb://...'` in
    `config/default.js`) as that committed configuration ("config")."""
    source = arg.source
    if source == "other":
        name = _expression_setting(arg)
        if name and name in env_names:
            return "env"
        if name and config_literals and name in config_literals:
            return "config"
    return source or "none"


def in_config(fact: Fact) -> bool:
    """Whether a fact sits in configuration rather than in the app's code: a configuration file
    (Spring properties, `database.yml`, YAML, JSON), a configuration module (`settings.py`,
    `config/default.js`, `config/initializers/*.rb`) or a settings class (`ProductionConfig`)."""
    if kind_of(fact.path) not in CODE_KINDS:
        return True
    if locators.CONFIG_MODULE_PATH.search(fact.path):
        return True
    owner = fact.get("class") if fact.kind == "config.assign" else None
    return bool(owner and locators.CONFIG_CLASS.search(owner))


def _config_literals(facts: AppFacts) -> dict[str, Fact]:
    """Settings of configuration files and modules that hold a literal locator, by name."""
    out: dict[str, Fact] = {}
    for fact in locator_settings(facts):
        value = fact.get("value")
        if fact.get("source") == "literal" and isinstance(value, str) and in_config(fact) and not in_dev_settings(fact):
            out.setdefault(str(fact.data.name), fact)
    return out


@dataclass(frozen=True, slots=True)
class ClientLocator:
    """A client of a backing service in production code and where its endpoint comes from:
    "env" (configuration), "literal" (written where the client is built), "config" (a literal of a
    committed configuration file or module that the client's argument names: `setting`), "other"
    (an expression not traced) or "default" (no locating argument: the library's localhost default)."""

    fact: Fact
    source: str
    args: tuple[Value, ...]  # the arguments that locate it (all its arguments when none is named so)
    setting: Fact | None = None  # the configuration literal it reads (source "config")


def client_locators(facts: AppFacts) -> list[ClientLocator]:
    def compute() -> list[ClientLocator]:
        env_names = _env_config_names(facts)
        literals = _config_literals(facts)
        out: list[ClientLocator] = []
        for fact in _production(facts.of("client")):
            every = list(fact.data.args or [])
            args = [a for a in every if locators.LOCATOR_ARG.match(str(a.key or ""))] or every
            sources = {_arg_source(a, env_names, literals) for a in args}
            endpoint_literal = any(
                _arg_source(a, env_names) == "literal" for a in args if locators.ENDPOINT_ARG.match(str(a.key or ""))
            )
            setting = None
            if endpoint_literal or ("literal" in sources and "env" not in sources):
                source = "literal"
            elif "env" in sources:
                source = "env"
            elif "config" in sources:
                source = "config"
                named = next(_expression_setting(a) for a in args if _arg_source(a, env_names, literals) == "config")
                setting = literals.get(named or "")
            elif args:
                source = "other"
            else:
                source = "default"  # e.g. redis.Redis() with no arguments: the library's localhost default
            out.append(ClientLocator(fact, source, tuple(args), setting))
        return out

    return list(facts.derive("locators.clients", compute))


def locator_settings(facts: AppFacts) -> list[Fact]:
    """Production settings that hold a service locator (`DATABASE_URL = ...`, `REDIS_HOST`), from
    the environment or written as a URL or host."""

    def compute() -> list[Fact]:
        out: list[Fact] = []
        for fact in _production(facts.of("config.assign")):
            name = fact.data.name or ""
            if fact.data.container == "function" or fact.data.in_function:
                continue  # an object built inside a function (a request's options), not a setting
            value = fact.get("value")
            by_value = fact.get("source") == "literal" and isinstance(value, str) and url_engine(value) is not None
            if not LOCATOR_NAME.search(name) and not by_value:
                continue
            if fact.get("source") == "literal" and not (
                isinstance(value, str) and ("://" in value or name.lower().endswith("host"))
            ):
                continue
            if fact.get("source") == "literal" and is_public_api(str(value)):
                continue  # a public SaaS API (https://api.github.com/...) is the same for every deploy
            out.append(fact)
        return out

    return list(facts.derive("locators.settings", compute))


def is_public_api(value: str) -> bool:
    """An HTTP(S) URL on a public domain (`https://graph.microsoft.com/v1.0/me`, `https://api.stripe.com`):
    a third-party API that every deploy reaches at the same address, not a per-deploy locator."""
    if not value.lower().startswith(("http://", "https://")):
        return False
    host = url_host(value) or ""
    return bool(host) and not is_local_host(host) and not locators.PRIVATE_HOST.search(host)


def setting_locator(fact: Fact) -> object:
    """The locator a setting holds: its literal, or the default of the variable it reads."""
    return fact.get("value") if fact.get("source") == "literal" else fact.get("env_default")


def in_dev_settings(fact: Fact) -> bool:
    """A setting of a development or test settings class (`DevelopmentConfig.DATABASE_URI`)."""
    owner = fact.get("class")
    return bool(owner) and bool(locators.DEV_CLASS.search(owner))


def endpoint_host(value: str) -> str | None:
    """The host of a URL, or the value itself when it is no URL (a bare host name)."""
    return url_host(value) if "://" in value else value


def locator_reads(facts: AppFacts) -> list[Fact]:
    """Production reads of environment variables that hold a service locator (`REDIS_URL`,
    `DB_HOST`), not the app's own public URLs."""
    return [
        r
        for r in _production(facts.of("env.read"))
        if r.data.name
        and locators.LOCATOR_ENV.search(r.data.name)
        and not locators.NOT_A_SERVICE_ENV.search(r.data.name)
    ]


def database_url_reads(facts: AppFacts) -> list[Fact]:
    """Helpers that build the database or cache connection from the environment
    (`dj_database_url.config()`, django-environ's `env.db()`)."""
    return [
        f
        for f in _production(facts.of("env.read"))
        if (f.data.api or "").startswith(locators.DATABASE_URL_API_PREFIX)
        or (f.data.api or "").endswith(locators.DATABASE_URL_API_SUFFIXES)
    ]


@dataclass(frozen=True, slots=True)
class LiteralLocator:
    """A service locator written as a value instead of read from the environment.

    ``committed`` says where: in a configuration file or module of the repository (Spring
    properties, `database.yml`, `settings.py`, `config/default.js`: the locator can be changed
    without touching code, but only by editing or overriding a committed file), or, when False,
    in the code that builds the client (a handle as a code constant)."""

    fact: Fact  # where the value is written
    value: str
    service: str | None  # the engine of a URL or the client's service; None when only the setting's name says it
    committed: bool
    local: bool  # it points at the developer's machine (localhost, a compose service name)
    client: Fact | None = None  # the client that reads it, when the value sits in a configuration module


def shown_locator(value: str) -> str:
    """A locator as a message shows it: without its query string (JDBC options), at most 80 characters."""
    head = value.split("?", 1)[0] if "://" in value else value
    return head if len(head) <= 80 else head[:79] + "…"


def _dev_client(fact: Fact) -> bool:
    return is_dev_profile(fact.data.profile) or str(fact.data.environment or "") in ("development", "test")


def literal_locators(facts: AppFacts) -> list[LiteralLocator]:
    """Service locators written as literals in production: at a client's construction (code, or a
    framework configuration file such as Spring properties and `database.yml`), in a configuration
    module a client reads (`config.mongodb`), and in locator settings (`DATABASE_URL = "postgres://..."`,
    `'HOST': 'db'`). Local files (SQLite) and public SaaS APIs are not locators here."""

    def compute() -> list[LiteralLocator]:
        out: list[LiteralLocator] = []
        seen: set[tuple[str, int | None]] = set()
        for found in client_locators(facts):
            fact = found.fact
            if fact.data.service == "sqlite" or _dev_client(fact):
                continue
            if found.source == "literal":
                literals = [
                    str(a.value)
                    for a in found.args
                    if a.source == "literal" and (locators.ENDPOINT_ARG.match(str(a.key or "")) or not a.key)
                ]
                literals = [v for v in literals if not is_public_api(v)] or [
                    str(a.value) for a in found.args if a.source == "literal" and not is_public_api(str(a.value))
                ]
                if not literals:
                    continue
                host = endpoint_host(literals[0])
                out.append(
                    LiteralLocator(
                        fact,
                        ", ".join(shown_locator(v) for v in literals[:2]),
                        fact.data.service,
                        in_config(fact),
                        is_local_host(host),
                    )
                )
                seen.add((fact.path, fact.line))
            elif found.source == "config" and found.setting is not None:
                setting = found.setting
                value = str(setting.get("value"))
                out.append(
                    LiteralLocator(
                        setting,
                        shown_locator(value),
                        fact.data.service,
                        True,
                        is_local_host(endpoint_host(value)),
                        fact,
                    )
                )
                seen.add((setting.path, setting.line))
        for fact in locator_settings(facts):
            value = fact.get("value")
            if fact.get("source") != "literal" or not isinstance(value, str) or not value or in_dev_settings(fact):
                continue
            if url_engine(value) == "sqlite" or (fact.path, fact.line) in seen:
                continue
            out.append(
                LiteralLocator(
                    fact, shown_locator(value), url_engine(value), in_config(fact), is_local_host(endpoint_host(value))
                )
            )
            seen.add((fact.path, fact.line))
        return out

    return list(facts.derive("locators.literals", compute))


def code_constant_locators(facts: AppFacts) -> list[LiteralLocator]:
    """Resource handles written as code constants: a client built in the app's code with a literal
    endpoint and no environment override (`redis.Redis(host="cache.internal")`), or a locator
    setting assigned a literal outside any configuration module. Factor III reads them too (a
    resource handle committed as code)."""
    return [found for found in literal_locators(facts) if not found.committed]


@dataclass(frozen=True, slots=True)
class DefaultLocator:
    """The literal fallback of an environment read that locates a service
    (`os.getenv("REDIS_URL", "redis://cache.internal:6379")`)."""

    fact: Fact
    value: str
    service: str | None
    local: bool
    #: the settings of the same file that hold this fallback (Rails' `url:` or `host:` line of the
    #: client's `adapter:` entry): one endpoint, shown once with every line that writes it
    settings: tuple[Fact, ...] = ()


def default_locators(facts: AppFacts) -> list[DefaultLocator]:
    """Fallbacks of environment reads that name an endpoint. Placeholders (`change-me`), values
    that are no endpoint (a database name, a user, a port), SQLite files and public APIs are left out."""

    def keep(value: str | None) -> bool:
        return (
            bool(value)
            and not is_placeholder(str(value))
            and url_engine(str(value)) != "sqlite"
            and not is_public_api(str(value))
        )

    out: list[DefaultLocator] = []
    seen: set[tuple[str, int | None]] = set()
    #: the fallbacks already read from a client, by file: the setting that holds the same fallback
    #: in that file is the same endpoint (Rails' `adapter:` and `url:`/`host:` of one database.yml entry)
    shown: dict[tuple[str, str], int] = {}
    for found in client_locators(facts):
        fact = found.fact
        if found.source != "env" or fact.data.service == "sqlite" or _dev_client(fact):
            continue
        for arg in found.args:
            default = arg.env_default
            if default and keep(default) and locators.ENDPOINT_ARG.match(str(arg.key or "0")):
                out.append(
                    DefaultLocator(
                        fact, shown_locator(default), fact.data.service, is_local_host(endpoint_host(default))
                    )
                )
                seen.add((fact.path, fact.line))
                shown.setdefault((fact.path, shown_locator(default)), len(out) - 1)
    for fact in locator_settings(facts):
        value = fact.data.value
        if value is None or value.source != "env" or in_dev_settings(fact) or (fact.path, fact.line) in seen:
            continue
        default = value.env_default
        if not default or not keep(default):
            continue
        same = shown.get((fact.path, shown_locator(default)))
        if same is not None:
            out[same] = replace(out[same], settings=(*out[same].settings, fact))
        else:
            out.append(
                DefaultLocator(fact, shown_locator(default), url_engine(default), is_local_host(endpoint_host(default)))
            )
    return out


@dataclass(frozen=True, slots=True)
class CommittedEnvLocators:
    """A committed env file that a deploy definition loads into the app (compose `env_file:`), with
    the service locators it sets."""

    service: Fact  # the compose service
    file: str
    entries: tuple[Fact, ...]  # its `envfile.entry` facts that locate a service


def committed_env_locators(facts: AppFacts) -> list[CommittedEnvLocators]:
    """Env files of the repository (the walk reads only tracked or unignored files) that a
    deploy-role compose service built from the app loads with `env_file:`, when they set where a
    backing service is (`POSTGRES_HOST=db`, `DATABASE_URL=...`): the locators then come from a
    committed file rather than from each deploy."""
    entries: dict[str, list[Fact]] = {}
    for entry in facts.of("envfile.entry"):
        key = entry.data.key or ""
        if (
            entry.data.empty
            or entry.data.placeholder
            or not locators.LOCATOR_ENV.search(key)
            or locators.NOT_A_SERVICE_ENV.search(key)
        ):
            continue
        entries.setdefault(entry.path, []).append(entry)
    out: list[CommittedEnvLocators] = []
    for fact in facts.of("compose.service"):
        if not fact.data.build or fact.data.role != "deploy" or fact.scope is not Scope.PRODUCTION:
            continue
        base = posixpath.dirname(fact.path)
        for name in fact.data.env_file or []:
            path = posixpath.normpath(posixpath.join(base, str(name)))
            if path in entries:
                out.append(CommittedEnvLocators(fact, path, tuple(entries[path])))
    return out


@dataclass(frozen=True, slots=True)
class SpringLocator:
    """A Spring connection property of a deployed profile whose value comes from the environment."""

    fact: Fact
    names: tuple[str, ...]  # the variables it reads


def spring_locators(facts: AppFacts) -> list[SpringLocator]:
    out: list[SpringLocator] = []
    for fact in _production(facts.of("client")):
        if fact.data.lang != "spring" or is_dev_profile(fact.data.profile):
            continue
        envs = [a for a in fact.data.args or [] if a.source == "env"]
        if envs:
            names = sorted({n for a in envs for n in (a.env_names or [a.env_name]) if n})
            out.append(SpringLocator(fact, tuple(names)))
    return out


@dataclass(frozen=True, slots=True)
class DescriptorLocators:
    """A service of a deploy descriptor (compose) that hands the app service locators as variables."""

    fact: Fact
    entries: tuple[dict, ...]  # the environment entries ({key, value, line})


def descriptor_locators(facts: AppFacts) -> list[DescriptorLocators]:
    out: list[DescriptorLocators] = []
    for fact in facts.of("compose.service"):
        if not fact.data.build:
            continue
        keys = [e for e in fact.data.environment or [] if locators.DESCRIPTOR_LOCATOR_KEY.search(e.get("key", ""))]
        if keys:
            out.append(DescriptorLocators(fact, tuple(keys)))
    return out


@dataclass(frozen=True, slots=True)
class LocalResource:
    """A resource bound to the local machine used as a backing service: SQLite, a Unix socket, or a
    data file the code loads and writes back (`state.file_store`). *source* says where its location
    comes from: "literal" (written in the code or a committed setting), "env" (an environment
    variable names the file) or "other"."""

    fact: Fact
    what: str
    kind: str = "sqlite"  # "sqlite", "socket", "file_store"
    source: str = "literal"
    one_off: bool = False  # in code run as a one-off or at build time (scripts, migrations, tasks)

    @property
    def datastore(self) -> bool:
        """An embedded datastore (SQLite, a data file), not a socket to a server."""
        return self.kind != "socket"


def local_resources(facts: AppFacts) -> list[LocalResource]:
    """Resources of production code bound to the local machine. A SQLite URL that is only the
    default of an environment variable (`os.getenv("DATABASE_URL", "sqlite:///dev.db")`) is not one:
    the variable attaches the deploy's database."""

    def compute() -> list[LocalResource]:
        out: list[LocalResource] = []
        sources = {id(c.fact): c.source for c in client_locators(facts)}
        for fact in _production(facts.of("client")):
            if fact.data.service == "sqlite" and not _in_memory(fact):
                source = sources.get(id(fact), "other")
                out.append(
                    LocalResource(
                        fact,
                        "SQLite",
                        "sqlite",
                        "env"
                        if source == "env"
                        else "literal"
                        if source in ("literal", "config", "default")
                        else "other",
                        is_one_off(fact.path),
                    )
                )
            for arg in fact.data.args or []:
                value = arg.value
                if isinstance(value, str) and locators.SOCKET.search(value):
                    out.append(LocalResource(fact, value, "socket"))
        for fact in locator_settings(facts):
            value = fact.get("value")
            if (
                fact.get("source") == "literal"
                and isinstance(value, str)
                and url_engine(value) == "sqlite"
                and not in_dev_settings(fact)
                and not locators.SQLITE_MEMORY.search(value)
            ):
                out.append(LocalResource(fact, "SQLite"))
        for fact in _production(facts.of("config.assign")):
            if (
                fact.data.name == "ENGINE"
                and str(fact.get("value", "")).endswith(locators.SQLITE_ENGINE_SUFFIX)
                and (fact.data.path or "").startswith("DATABASES")
            ):
                out.append(LocalResource(fact, "SQLite"))
        for fact in _production(facts.of("state.file_store")):
            if is_one_off(fact.path):
                continue  # a script's or a task's data file is no datastore of the running app
            fmt = str(fact.data.format or "")
            if fmt in locators.EMBEDDED_DB_NAMES:  # an embedded database library
                what = f"a {locators.EMBEDDED_DB_NAMES[fmt]} database file ({fact.data.target})"
            else:
                owner = f" that {fact.data.owner} loads and rewrites" if fact.data.owner else " loaded and rewritten"
                what = f"a {fmt.upper() or 'data'} file{owner} ({fact.data.target})"
            out.append(LocalResource(fact, what, "file_store"))
        return out

    return list(facts.derive("locators.local", compute))


def _in_memory(fact: Fact) -> bool:
    """An in-memory SQLite database (`sqlite3.connect(":memory:")`, `sqlite://`): no file at all."""
    return any(isinstance(a.value, str) and locators.SQLITE_MEMORY.search(a.value) for a in fact.data.args or [])


def networked_stores(facts: AppFacts) -> list[Fact]:
    """Clients and locator settings of production code that attach a networked service (a database
    server, a cache, a queue, object storage), whatever their locator: beside them, an embedded
    store is one datastore among others."""
    out = [
        f for f in _production(facts.of("client")) if f.data.service and f.data.service not in locators.NOT_NETWORKED
    ]
    for fact in locator_settings(facts):
        value = setting_locator(fact)
        if (fact.get("source") == "env" and not (isinstance(value, str) and url_engine(value) == "sqlite")) or (
            fact.get("source") == "literal" and isinstance(value, str) and url_engine(value) not in (None, "sqlite")
        ):
            out.append(fact)
    return out
