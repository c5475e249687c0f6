"""Which backing services the app reaches: drivers among its dependencies, service images,
URLs and their hosts, and how a value that locates a service reads in a message."""

from __future__ import annotations

import re

from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.knowledge.services import (
    DB_IMAGES, DRIVER_ENGINES, LOCAL_HOSTS, OTHER_DRIVER_ENGINES, SERVICE_NAMES, URL_SCHEMES,
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
    return [fact for fact in facts.of("dep.declared")
            if fact.scope in (Scope.PRODUCTION, Scope.DEV) and fact.get("group") in (None, "main")
            and driver_engine(fact) is not None]


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
    name = str(image.get("image", "")).lower()
    if "{{" in name or "${" in name or "$(" in name:  # a template or variable decides the image
        return None
    for prefix in ("docker.io/library/", "docker.io/", "library/"):
        if name.startswith(prefix):
            name = name[len(prefix):]
    engine = DB_IMAGES.get(name)
    if engine is None:
        return None
    tag = image.get("tag") or ""
    match = re.match(r"(\d+)", tag)
    return engine, match.group(1) if match else None


def _strip_jdbc(value: str) -> str:
    """`jdbc:postgresql://h/db` -> `postgresql://h/db` (JDBC and R2DBC URLs wrap an ordinary one)."""
    for prefix in ("jdbc:", "r2dbc:"):
        if value.lower().startswith(prefix):
            return value[len(prefix):]
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
    """(dependency, engine) for every driver the app declares, in any ecosystem, outside test groups."""
    found: list[tuple[Fact, str]] = []
    for fact in sorted(facts.of("dep.declared"), key=lambda f: (f.path, f.line or 0)):
        if fact.scope not in (Scope.PRODUCTION, Scope.DEV) or fact.get("group") == "test" or fact.get("scope") == "test":
            continue
        engine = driver_engine(fact)
        if engine is not None:
            found.append((fact, engine))
    return found
