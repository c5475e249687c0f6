"""Which backing services the app reaches: drivers among its dependencies, service images,
URLs and their hosts, and how a value that locates a service reads in a message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.knowledge.services import (
    DB_IMAGES,
    DRIVER_ENGINES,
    LOCAL_HOSTS,
    OTHER_DRIVER_ENGINES,
    SERVICE_NAMES,
    URL_SCHEMES,
)
from twelve.model import Scope


def driver_engine(dependency: Fact) -> str | None:
    """The backing service a declared dependency of any ecosystem is the driver or client of
    (`sql` for ORMs that say no more), or None."""
    ecosystem, name = str(dependency.get("ecosystem")), str(dependency.get("name") or "")
    if ecosystem == "python":
        return DRIVER_ENGINES.get(name)
    table = OTHER_DRIVER_ENGINES.get(ecosystem, {})
    return table.get(_GO_MAJOR.sub("", name) if ecosystem == "go" else name)


_GO_MAJOR = re.compile(r"/v\d+$")


def service_dependencies(facts: AppFacts) -> list[Fact]:
    """Declared dependencies (any ecosystem) that are clients of a backing service."""
    return [
        fact
        for fact in facts.of("dep.declared")
        if fact.scope in (Scope.PRODUCTION, Scope.DEV)
        and fact.get("group") in (None, "main")
        and driver_engine(fact) is not None
    ]


def value_text(value: dict | None, *, show_default: bool = False, absent: str = "…") -> str:
    """How a value description (facts/base.py: env, literal, other) reads in a message: `$NAME`
    (with its default in parentheses when *show_default*), the literal, the expression; *absent*
    for a value the code leaves to the framework."""
    value = value or {}
    source = value.get("source")
    if source == "env":
        default = value.get("env_default") if show_default else None
        return f"${value.get('env_name') or '…'}" + (f" ({default})" if default else "")
    if source == "literal":
        return str(value.get("value"))
    if source == "other":
        return str(value.get("text") or "…")
    return absent


def service_name(service: str | None) -> str:
    return SERVICE_NAMES.get(service or "", service or "service")


def image_engine(image: dict | None) -> tuple[str, str | None] | None:
    """(engine, major version) of a backing-service image reference."""
    if not image or image.get("variable"):
        return None
    tag = image.get("tag") or ""
    return _image_engine(str(image.get("image", "")), tag if isinstance(tag, str) else str(tag))


@lru_cache(maxsize=4096)
def _image_engine(name: str, tag: str) -> tuple[str, str | None] | None:
    """(engine, major version) of the image *name* at *tag*: asked of every container of every
    workload by a dozen rules, each image answered once."""
    name = name.lower()
    if "{{" in name or "${" in name or "$(" in name:  # a template or variable decides the image
        return None
    for prefix in ("docker.io/library/", "docker.io/", "library/"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    engine = DB_IMAGES.get(name)
    if engine is None:
        return None
    match = re.match(r"(\d+)", tag)
    return engine, match.group(1) if match else None


def _strip_jdbc(value: str) -> str:
    """`jdbc:postgresql://h/db` -> `postgresql://h/db` (JDBC and R2DBC URLs wrap an ordinary one)."""
    for prefix in ("jdbc:", "r2dbc:"):
        if value.lower().startswith(prefix):
            return value[len(prefix) :]
    return value


def url_engine(value: str) -> str | None:
    value = _strip_jdbc(value)
    scheme = value.split(":", 1)[0].split("+", 1)[0].lower() if "://" in value or value.startswith("sqlite:") else ""
    return URL_SCHEMES.get(scheme)


def url_host(value: str) -> str | None:
    value = _strip_jdbc(value)
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]*)", value, re.I)
    return match.group(1) if match else None


def is_local_host(host: str | None) -> bool:
    return bool(host) and bool(LOCAL_HOSTS.match(host or ""))


#: a URL with a user and a password, the password written or masked by the facts stage
_URL_CREDENTIALS = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@\s]+:(?:[^/@\s]*…\[\d+ chars, #[0-9a-f]+\]|[^/@\s]+)@", re.I)
#: a URL whose password the facts stage masked (it masks real-looking passwords, not placeholders)
_MASKED_URL_PASSWORD = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@\s:]+:[^@]*…\[\d+ chars, #[0-9a-f]+\]@", re.IGNORECASE)


def url_has_credentials(value: str | None) -> bool:
    """Whether *value* is a URL with a user and a password (`postgres://app:pw@db/app`)."""
    return bool(_URL_CREDENTIALS.match(value or ""))


def url_has_masked_password(value: str) -> bool:
    """Whether *value* is a URL whose password the facts stage masked as a real-looking secret."""
    return bool(_MASKED_URL_PASSWORD.match(value))


def declared_drivers(facts: AppFacts) -> list[tuple[Fact, str]]:
    """(dependency, engine) for every driver the app declares, in any ecosystem, outside test
    groups; found once per app."""
    return list(facts.derive("services.declared_drivers", lambda: _declared_drivers(facts)))


def _declared_drivers(facts: AppFacts) -> list[tuple[Fact, str]]:
    found: list[tuple[Fact, str]] = []
    drivers = facts.facts_where("services.declared_drivers", "dep.declared", _is_declared_driver)
    for fact in sorted(drivers, key=lambda f: (f.path, f.line or 0)):
        engine = driver_engine(fact)
        if engine is not None:  # always: the filter kept drivers only
            found.append((fact, engine))
    return found


def _is_declared_driver(fact: Fact) -> bool:
    """A dependency on a database driver, outside test groups."""
    return (
        fact.scope in (Scope.PRODUCTION, Scope.DEV)
        and fact.get("group") != "test"
        and fact.get("scope") != "test"
        and driver_engine(fact) is not None
    )


# --- services chosen by an environment variable, with a local fallback -------------------------------


@dataclass(frozen=True, slots=True)
class LocalFallback:
    """A backing service the app uses only when an environment variable is set, falling back to an
    in-process or local-disk implementation when it is not: sessions in memory unless `REDIS_URL`
    is set (`if (process.env.REDIS_URL) options.store = new RedisStore(...)`), Active Storage on the
    local disk unless `ACTIVE_STORAGE_SERVICE` names another service (`ENV.fetch("ACTIVE_STORAGE_SERVICE",
    "local")`), Flask-Session's `SESSION_TYPE = os.getenv("SESSION_TYPE", "filesystem")`.

    A deploy that sets the variable shares the state; one that leaves it unset (the default path, a
    developer's machine) keeps it in the process. VI reads it as a softer violation than an
    unconditional local store, X as a divergence between the default and the configured production."""

    fact: Fact
    what: str  # "sessions", "uploads (Active Storage)"
    fallback: str  # "memory", "disk", "filesystem"
    alternative: str | None  # the service the variable selects (`redis`), when known
    variable: str  # the environment variable (`REDIS_URL`)


def local_fallbacks(facts: AppFacts) -> list[LocalFallback]:
    def compute() -> list[LocalFallback]:
        out: list[LocalFallback] = []
        for fact in facts.of("session.store"):
            if (
                fact.scope is Scope.PRODUCTION
                and fact.data.alternative
                and fact.data.store in ("memory", "file")
                and fact.data.alternative not in ("memory", "file")
                and fact.data.alternative_env not in _MODE_VARIABLES
            ):
                out.append(
                    LocalFallback(
                        fact, "sessions", str(fact.data.store), fact.data.alternative, str(fact.data.alternative_env)
                    )
                )
        disk = {
            str(f.data.path).rsplit(".", 1)[0]
            for f in facts.of("config.assign")
            if f.get("file") == "storage.yml"
            and f.data.name == "service"
            and f.get("source") == "literal"
            and str(f.get("value")).lower() == "disk"
        }
        for fact in facts.of("config.assign"):
            if fact.scope is not Scope.PRODUCTION or fact.get("source") != "env":
                continue
            default = str(fact.get("env_default") or "")
            if (
                fact.data.path == "config.active_storage.service"
                and (default in disk or default == "local")
                and not _DEV_ENVIRONMENT.match(str(fact.get("environment") or fact.get("class") or ""))
            ):
                out.append(LocalFallback(fact, "uploads (Active Storage)", "disk", None, str(fact.get("env_name"))))
            elif fact.data.name == "SESSION_TYPE" and default.lower() in ("filesystem", "null", "cachelib"):
                out.append(LocalFallback(fact, "sessions", default.lower(), None, str(fact.get("env_name"))))
        return out

    return list(facts.derive("services.local_fallbacks", compute))


#: variables that say which environment runs, not which service: a store chosen by NODE_ENV is a
#: development/production switch, judged as such
_MODE_VARIABLES = frozenset(
    {"NODE_ENV", "RAILS_ENV", "RACK_ENV", "APP_ENV", "ENV", "ENVIRONMENT", "FLASK_ENV", "DEBUG", "?"}
)
_DEV_ENVIRONMENT = re.compile(r"(?i)^(development|dev|test)$")
