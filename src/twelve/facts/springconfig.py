"""Spring Boot configuration files: ``application*.yml|yaml|properties``.

Every key becomes a ``config.assign`` fact (container ``file``) named by its full dotted key, with
the Spring profile it belongs to (from the file name ``application-<profile>.*`` or from the
document's ``spring.config.activate.on-profile``) and a value description: ``${ENV_VAR}`` and
``${ENV_VAR:default}`` placeholders read the environment, anything else is a literal (graded and
masked when it looks like a secret).

A few keys say more than a setting and also yield the generic fact of what they configure:
``spring.datasource.url`` and the other service locators (``client``), ``logging.file.name`` /
``logging.file.path`` (``log.handler`` to a file), ``server.shutdown: graceful`` (``shutdown.hook``),
``spring.session.store-type`` (``session.store``) and ``spring.profiles.active`` (``config.select``).

The helpers :func:`describe_value`, :func:`placeholders` and :func:`parse_properties` are shared with
the other JVM extractors (``@Value`` in code, logback/log4j properties).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.secrets import grade_value, mask, redact

#: an environment-variable name (Spring's relaxed binding maps other keys too, but an upper-case
#: placeholder is the convention for "this comes from the environment")
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
SECRET_KEY = re.compile(
    r"(?i)(password|passwd|pwd|secret|token|api[-_.]?key|apikey|private[-_.]?key|client[-_.]?secret|"
    r"credentials?|signing[-_.]?key|encryption[-_.]?key|access[-_.]?key)"
)
MAX_KEYS = 20_000
_FILE_PROFILE = re.compile(r"^application-(?P<profile>[\w.-]+)\.(ya?ml|properties)$")
_DEV_PROFILE = re.compile(r"(?i)^(dev|develop|development|local|test|tests|testing|it|integration|ci|h2|embedded)$")

#: service locator keys -> (service, argument key)
_LOCATORS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^spring\.datasource\.(url|jdbc-url|hikari\.jdbc-url)$"), "sql", "url"),
    # several named datasources: baomidou's `spring.datasource.dynamic.datasource.<name>.url`, Druid,
    # `spring.datasource.<name>.jdbc-url`
    (
        re.compile(r"^spring\.datasource\.(dynamic\.datasource\.[\w-]+|druid(\.[\w-]+)?|[\w-]+)\.(url|jdbc-url)$"),
        "sql",
        "url",
    ),
    (re.compile(r"^spring\.r2dbc\.url$"), "sql", "url"),
    (re.compile(r"^spring\.(data\.)?redis\.url$"), "redis", "url"),
    (re.compile(r"^spring\.(data\.)?redis\.host$"), "redis", "host"),
    (re.compile(r"^spring\.rabbitmq\.(addresses|uri)$"), "amqp", "url"),
    (re.compile(r"^spring\.rabbitmq\.host$"), "amqp", "host"),
    (re.compile(r"^spring\.data\.mongodb\.uri$"), "mongodb", "url"),
    (re.compile(r"^spring\.data\.mongodb\.host$"), "mongodb", "host"),
    (re.compile(r"^spring\.kafka\.bootstrap-servers$"), "kafka", "url"),
    (re.compile(r"^spring\.mail\.host$"), "smtp", "host"),
    (re.compile(r"^spring\.elasticsearch\.uris$"), "elasticsearch", "url"),
)
#: JDBC/R2DBC sub-protocol -> service
JDBC_ENGINES = {
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "pgsql": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
    "h2": "h2",
    "hsqldb": "hsqldb",
    "derby": "derby",
    "sqlserver": "mssql",
    "oracle": "oracle",
    "sqlite": "sqlite",
    "db2": "db2",
    "tc": "testcontainers",
}
_DRIVER_ENGINES = {
    "org.postgresql.Driver": "postgresql",
    "com.mysql.cj.jdbc.Driver": "mysql",
    "com.mysql.jdbc.Driver": "mysql",
    "org.mariadb.jdbc.Driver": "mysql",
    "org.h2.Driver": "h2",
    "org.hsqldb.jdbc.JDBCDriver": "hsqldb",
    "org.hsqldb.jdbcDriver": "hsqldb",
    "org.apache.derby.jdbc.EmbeddedDriver": "derby",
    "com.microsoft.sqlserver.jdbc.SQLServerDriver": "mssql",
    "oracle.jdbc.OracleDriver": "oracle",
}
_SESSION_STORES = {"redis": "redis", "jdbc": "db", "mongodb": "mongodb", "hazelcast": "hazelcast", "none": "memory"}
_LOG_FILE_KEYS = ("logging.file.name", "logging.file.path", "logging.file", "logging.path")
_ROTATION_KEY = re.compile(
    r"^logging\.(logback\.rollingpolicy\.|file\.(max-size|max-history|total-size-cap|clean-history-on-start))"
)


class ConfigError(ValueError):
    """A configuration file that cannot be read (the file goes to coverage as a parse error)."""


# --- values -------------------------------------------------------------------------------------


def placeholders(text: str) -> list[tuple[str, str | None, int, int]]:
    """(name, default, start, end) of each top-level ``${name}`` / ``${name:default}`` in *text*.

    Braces nest (``${A:${B:c}}``); ``:-`` (logback, log4j2) separates a default as well as ``:``."""
    found: list[tuple[str, str | None, int, int]] = []
    i = 0
    while True:
        start = text.find("${", i)
        if start < 0:
            return found
        depth, j = 0, start
        while j < len(text):
            if text.startswith("${", j):
                depth += 1
                j += 2
                continue
            if text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if depth:
            return found  # unterminated: not a placeholder
        inner = text[start + 2 : j]
        name, sep, default = inner.partition(":")
        if sep and default.startswith("-"):
            default = default[1:]
        found.append((name.strip(), default if sep else None, start, j + 1))
        i = j + 1


def env_name_of(name: str) -> str | None:
    """The environment variable a placeholder names (``DB_URL``, log4j2 ``env:DB_URL``), if any."""
    name = name.removeprefix("env:")
    return name if ENV_NAME.match(name) else None


def last_segment(key: str) -> str:
    return re.split(r"[.\[\]]", key.rstrip("]"))[-1] or key


def shown(name: str, value: str) -> str:
    """A literal as a fact may carry it: URL passwords and secret-looking values masked."""
    if "://" in value:
        return redact(value)
    if SECRET_KEY.search(name) and grade_value(last_segment(name), value):
        return mask(value)
    return value


def describe_value(name: str, raw: Any) -> dict[str, Any]:
    """The value description (docs/facts.md) of a configuration value written as *raw*."""
    if not isinstance(raw, str):
        return {"source": "literal", "value": raw, "value_kind": type(raw).__name__}
    found = placeholders(raw)
    if not found:
        text = raw.strip()
        if text.startswith("#{"):
            return {"source": "other", "text": text[:120]}
        return {
            "source": "literal",
            "value": shown(name, text),
            "value_kind": "str",
            "grade": grade_value(last_segment(name), text),
        }
    envs = [(env_name_of(n), d) for n, d, _s, _e in found if env_name_of(n)]
    whole = len(found) == 1 and found[0][2] == 0 and found[0][3] == len(raw)
    if not envs:
        info: dict[str, Any] = {"source": "other", "text": raw[:120], "property": found[0][0]}
        if whole and found[0][1] is not None:
            info["property_default"] = shown(name, found[0][1])
        return info
    info = {"source": "env", "env_name": envs[0][0], "env_has_default": all(d is not None for _n, d in envs)}
    if whole:
        default = envs[0][1]
    else:
        info["env_names"] = [n for n, _d in envs]
        info["template"] = redact(raw[:200])
        default = _substitute(raw, found) if info["env_has_default"] else None
    info["env_default"] = shown(name, default) if isinstance(default, str) else None
    if isinstance(default, str):
        info["default_grade"] = grade_value(last_segment(name), default)
    return info


def _substitute(raw: str, found: list[tuple[str, str | None, int, int]]) -> str | None:
    out, pos = [], 0
    for _name, default, start, end in found:
        if default is None:
            return None
        out.append(raw[pos:start])
        out.append(default)
        pos = end
    out.append(raw[pos:])
    return "".join(out)


def jdbc_engine(value: str | None) -> str | None:
    """The engine a JDBC/R2DBC URL names: ``jdbc:postgresql://...`` -> postgresql."""
    if not value:
        return None
    match = re.match(r"^\s*(?:jdbc|r2dbc)(?::tc)?:(?:log4jdbc:|p6spy:)?([a-z0-9]+)[:/]", value, re.I)
    return JDBC_ENGINES.get(match.group(1).lower()) if match else None


# --- .properties (java.util.Properties) ----------------------------------------------------------

_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}


def _unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "\\" or i + 1 >= len(text):
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6]):
            out.append(chr(int(text[i + 2 : i + 6], 16)))
            i += 6
            continue
        out.append(_ESCAPES.get(nxt, nxt))
        i += 2
    return "".join(out)


def _split_pair(line: str) -> tuple[str, str]:
    """Key and value of one logical line: the key ends at the first unescaped `=`, `:` or blank."""
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "=: \t\f":
            break
        i += 1
    key = line[:i]
    rest = line[i:].lstrip(" \t\f")
    if rest[:1] in ("=", ":"):
        rest = rest[1:].lstrip(" \t\f")
    return _unescape(key), _unescape(rest)


def parse_properties(text: str) -> list[list[tuple[str, str, int]]]:
    """The documents of a ``.properties`` file (``#---`` separates them), each a list of
    (key, value, line) in file order. Comments and blank lines are skipped; a line ending in an odd
    number of backslashes continues on the next one."""
    documents: list[list[tuple[str, str, int]]] = [[]]
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        raw = lines[i]
        start = i + 1
        stripped = raw.lstrip(" \t\f")
        i += 1
        if stripped.rstrip() in ("#---", "!---"):
            documents.append([])
            continue
        if not stripped or stripped[0] in "#!":
            continue
        logical = stripped
        while _continues(logical) and i < len(lines):
            logical = logical[:-1] + lines[i].lstrip(" \t\f")
            i += 1
        if _continues(logical):
            logical = logical[:-1]
        key, value = _split_pair(logical)
        if key:
            documents[-1].append((key, value, start))
    return [d for d in documents if d] or [[]]


def _continues(line: str) -> bool:
    count = len(line) - len(line.rstrip("\\"))
    return count % 2 == 1


# --- YAML -----------------------------------------------------------------------------------------


def _flatten(node: Any, prefix: str, line: int, out: list[tuple[str, Any, int]]) -> None:
    from twelve.facts.yamlio import LDict, LList

    if len(out) > MAX_KEYS:
        raise ConfigError(f"more than {MAX_KEYS} keys (alias expansion bounded)")
    if isinstance(node, LDict):
        if not node and prefix:
            out.append((prefix, None, line))
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            _flatten(value, name, node.line_of(key) or line, out)
    elif isinstance(node, LList):
        if not node and prefix:
            out.append((prefix, "", line))
        for index, item in enumerate(node):
            _flatten(item, f"{prefix}[{index}]", node.line_of(index), out)
    elif prefix:
        out.append((prefix, node, line))


def _yaml_documents(text: str) -> list[list[tuple[str, Any, int]]]:
    from twelve.facts.yamlio import LDict, load_all

    documents = []
    for doc in load_all(text):
        pairs: list[tuple[str, Any, int]] = []
        if isinstance(doc, LDict):
            _flatten(doc, "", doc.line, pairs)
        documents.append(pairs)
    return documents or [[]]


# --- facts ----------------------------------------------------------------------------------------


def file_profile(path: str) -> str | None:
    match = _FILE_PROFILE.match(posixpath.basename(path))
    return match.group("profile") if match else None


def is_dev_profile(profile: str | None) -> bool:
    """Whether a profile name (or comma-separated list) is a development or test profile."""
    if not profile:
        return False
    names = [p.strip().lstrip("!") for p in re.split(r"[,|&\s]+", profile) if p.strip()]
    return bool(names) and all(_DEV_PROFILE.match(n) for n in names)


def _document_profile(pairs: list[tuple[str, Any, int]], default: str | None) -> str | None:
    for key, value, _line in pairs:
        if key in ("spring.config.activate.on-profile", "spring.profiles") and isinstance(value, str) and value.strip():
            return value.strip()
    return default


def _service_of(key_service: str, info: dict[str, Any], pairs: dict[str, Any]) -> str:
    if key_service != "sql":
        return key_service
    value = info.get("value") if info.get("source") == "literal" else info.get("env_default")
    engine = jdbc_engine(value if isinstance(value, str) else None)
    if engine is None:
        driver = pairs.get("spring.datasource.driver-class-name") or pairs.get("spring.datasource.driverClassName")
        engine = _DRIVER_ENGINES.get(str(driver)) if driver else None
    return engine or "sql"


def _document_facts(source: Source, pairs: list[tuple[str, Any, int]], profile: str | None) -> Iterator[Fact]:
    values = {key: value for key, value, _line in pairs}
    rotation = any(_ROTATION_KEY.match(key) for key in values)
    for key, value, line in pairs:
        info = describe_value(key, value)
        yield source.fact(
            "config.assign", line, name=key, path=key, container="file", profile=profile, framework="spring", **info
        )
        text = value.strip().lower() if isinstance(value, str) else ""
        if key == "server.shutdown" and text == "graceful":
            yield source.fact("shutdown.hook", line, api="server.shutdown=graceful", profile=profile, lang="spring")
        elif key in _LOG_FILE_KEYS and value not in (None, ""):
            yield source.fact(
                "log.handler",
                line,
                handler=key,
                api="spring-boot",
                target=info,
                rotation=rotation,
                stream=None,
                profile=profile,
                format="spring",
                referenced=True,
            )
        elif key == "spring.session.store-type" and text:
            yield source.fact(
                "session.store",
                line,
                library="spring-session",
                store=_SESSION_STORES.get(text, text),
                api=key,
                profile=profile,
                lang="spring",
            )
        elif key in ("spring.profiles.active", "spring.profiles.include"):
            yield source.fact("config.select", line, api=key, profile=profile, **info)
        if is_dev_profile(profile):
            continue  # a development profile's services are factor X evidence, read from config.assign
        for pattern, service, arg in _LOCATORS:
            if pattern.match(key) and value not in (None, ""):
                yield source.fact(
                    "client",
                    line,
                    service=_service_of(service, info, values),
                    api=key,
                    args=[{"key": arg, **info}],
                    profile=profile,
                    lang="spring",
                )
                break


def extract(source: Source) -> list[Fact]:
    text = source.text
    if not text.strip():
        return []
    if source.path.endswith(".properties"):
        documents = parse_properties(text)
    else:
        try:
            documents = _yaml_documents(text)
        except RecursionError:
            raise ConfigError("document too deeply nested") from None
    base = file_profile(source.path)
    facts: list[Fact] = []
    for pairs in documents:
        facts.extend(_document_facts(source, pairs, _document_profile(pairs, base)))
    return facts


__all__ = [
    "ConfigError",
    "describe_value",
    "env_name_of",
    "extract",
    "file_profile",
    "is_dev_profile",
    "jdbc_engine",
    "parse_properties",
    "placeholders",
    "shown",
]
