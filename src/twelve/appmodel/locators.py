"""Where the app's backing services are located: each client construction classified by where its
endpoint comes from (configuration, a literal, an untraced expression, the library's default),
the settings and environment variables that hold a locator, Spring locators of deployed profiles,
the locators deploy descriptors hand the app, and resources that exist only on the local machine.

(`appmodel.services` says *which* services the app reaches; this module says *how it finds them*.)
"""

from __future__ import annotations

from dataclasses import dataclass

from twelve.facts import AppFacts
from twelve.facts.model import Fact, Value
from twelve.facts.springconfig import is_dev_profile
from twelve.appmodel.services import url_engine, url_host
from twelve.knowledge import locators
from twelve.knowledge.services import LOCATOR_NAME
from twelve.model import Scope


def _production(found: list[Fact]) -> list[Fact]:
    return [f for f in found if f.scope is Scope.PRODUCTION]


def _env_config_names(facts: AppFacts) -> set[str]:
    """Setting names (anywhere in the app) whose value comes from the environment."""
    return {f.get("name") for f in facts.of("config.assign") if f.get("source") == "env"} | \
           {f.data.name for f in facts.of("env.read") if f.data.name}


def _arg_source(arg: Value, env_names: set[str]) -> str:
    """Where an argument's value comes from; an expression that ends in a setting read from the
    environment (`settings.DATABASE_URL`) counts as the environment."""
    source = arg.source
    if source == "other":
        parts = locators.EXPRESSION_PARTS.split((arg.text or "").strip("[]'\" "))
        names = [p for p in parts if p]
        if names and names[-1] in env_names:
            return "env"
    return source or "none"


@dataclass(frozen=True, slots=True)
class ClientLocator:
    """A client of a backing service in production code and where its endpoint comes from:
    "env" (configuration), "literal" (written in the code), "other" (an expression not traced)
    or "default" (no locating argument: the library's localhost default)."""

    fact: Fact
    source: str
    args: tuple[Value, ...]  # the arguments that locate it (all its arguments when none is named so)


def client_locators(facts: AppFacts) -> list[ClientLocator]:
    def compute() -> list[ClientLocator]:
        env_names = _env_config_names(facts)
        out: list[ClientLocator] = []
        for fact in _production(facts.of("client")):
            every = list(fact.data.args or [])
            args = [a for a in every if locators.LOCATOR_ARG.match(str(a.key or ""))] or every
            sources = {_arg_source(a, env_names) for a in args}
            endpoint_literal = any(_arg_source(a, env_names) == "literal" for a in args
                                   if locators.ENDPOINT_ARG.match(str(a.key or "")))
            if endpoint_literal or ("literal" in sources and "env" not in sources):
                source = "literal"
            elif "env" in sources:
                source = "env"
            elif args:
                source = "other"
            else:
                source = "default"  # e.g. redis.Redis() with no arguments: the library's localhost default
            out.append(ClientLocator(fact, source, tuple(args)))
        return out

    return list(facts.derive("locators.clients", compute))


def locator_settings(facts: AppFacts) -> list[Fact]:
    """Production settings that hold a service locator (`DATABASE_URL = ...`, `REDIS_HOST`), from
    the environment or written as a URL or host."""
    def compute() -> list[Fact]:
        out: list[Fact] = []
        for fact in _production(facts.of("config.assign")):
            name = fact.data.name or ""
            if not LOCATOR_NAME.search(name) or fact.data.container == "function":
                continue
            value = fact.get("value")
            if fact.get("source") == "literal" and not (isinstance(value, str) and ("://" in value or name.lower().endswith("host"))):
                continue
            out.append(fact)
        return out

    return list(facts.derive("locators.settings", compute))


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
    return [r for r in _production(facts.of("env.read")) if r.data.name and locators.LOCATOR_ENV.search(r.data.name)
            and not locators.NOT_A_SERVICE_ENV.search(r.data.name)]


def database_url_reads(facts: AppFacts) -> list[Fact]:
    """Helpers that build the database or cache connection from the environment
    (`dj_database_url.config()`, django-environ's `env.db()`)."""
    return [f for f in _production(facts.of("env.read"))
            if (f.data.api or "").startswith(locators.DATABASE_URL_API_PREFIX)
            or (f.data.api or "").endswith(locators.DATABASE_URL_API_SUFFIXES)]


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
    """A resource bound to the local machine used as a backing service: SQLite, a Unix socket."""

    fact: Fact
    what: str


def local_resources(facts: AppFacts) -> list[LocalResource]:
    out: list[LocalResource] = []
    for fact in _production(facts.of("client")):
        if fact.data.service == "sqlite":
            out.append(LocalResource(fact, "SQLite"))
        for arg in fact.data.args or []:
            value = arg.value
            if isinstance(value, str) and locators.SOCKET.search(value):
                out.append(LocalResource(fact, value))
    for fact in locator_settings(facts):
        value = setting_locator(fact)
        if isinstance(value, str) and url_engine(value) == "sqlite" and not in_dev_settings(fact):
            out.append(LocalResource(fact, "SQLite"))
    for fact in _production(facts.of("config.assign")):
        if fact.data.name == "ENGINE" and str(fact.get("value", "")).endswith(locators.SQLITE_ENGINE_SUFFIX) \
                and (fact.data.path or "").startswith("DATABASES"):
            out.append(LocalResource(fact, "SQLite"))
    return out
