"""Logging configuration files of the JVM: logback (``logback*.xml``), log4j2 (``log4j2*.xml``,
``log4j2.properties``) and log4j 1 (``log4j.xml``, ``log4j.properties``).

Each appender becomes a ``log.handler`` fact: file appenders (logback ``FileAppender`` /
``RollingFileAppender``, log4j2 ``<File>`` / ``<RollingFile>`` / ``<RollingRandomAccessFile>`` ...)
with their file target (a value description: literal path or ``${VAR}``) and whether they rotate;
console appenders with the stream they write (``stdout``/``stderr``); network appenders with
``stream: other``. ``referenced`` says whether a logger uses the appender, ``profile`` names the
enclosing ``<springProfile>``. Spring Boot's own includes count: ``base.xml`` writes a rolling
file besides the console, ``console-appender.xml`` / ``file-appender.xml`` define one each.

The Application Insights Java agent's ``applicationinsights*.json`` becomes a ``log.capture`` fact:
whether the agent captures the app's log records (it does at INFO unless `instrumentation.logging`
switches it off).

XML goes through :func:`twelve.facts.jvmmanifests.parse_xml`, which refuses DOCTYPE and ENTITY
declarations (entity-expansion bombs) as a parse error and never resolves external entities.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.jvmmanifests import Element, parse_xml
from twelve.facts.springconfig import describe_value, parse_properties, placeholders
from twelve.knowledge import logs

#: appender class (last segment) -> family
_FILE_CLASSES = re.compile(
    r"(^|\.)(\w*FileAppender|RollingFileAppender|DailyRollingFileAppender|RollingRandomAccessFileAppender|"
    r"RandomAccessFileAppender|MemoryMappedFileAppender)$"
)
_CONSOLE_CLASSES = re.compile(r"(^|\.)ConsoleAppender$")
_NETWORK_CLASSES = re.compile(
    r"(?i)(Socket|Syslog|SMTP|Logstash|Gelf|Loki|Fluent|Kafka|Http|Splunk|Datadog|CloudWatch|"
    r"Loggly|Papertrail|Logtail|JMS|DB|JDBC|Mongo)\w*Appender$"
)
#: log4j2 element (or strict `type`) -> family
_L2_FILE = {"File", "RollingFile", "RollingRandomAccessFile", "RandomAccessFile", "MemoryMappedFile"}
_L2_CONSOLE = {"Console"}
_L2_NETWORK = {"Socket", "Syslog", "SMTP", "JDBC", "JMS", "Kafka", "Http", "NoSql", "Flume", "ZeroMQ", "JeroMQ", "Gelf"}
#: Spring Boot's logback includes -> appenders they define (name, class, stream, target)
_SPRING_INCLUDES: dict[str, list[tuple[str, str, str | None, str | None]]] = {
    "base.xml": [
        ("CONSOLE", "ch.qos.logback.core.ConsoleAppender", "stdout", None),
        (
            "FILE",
            "ch.qos.logback.core.rolling.RollingFileAppender",
            None,
            "${LOG_FILE:-${LOG_PATH:-${LOG_TEMP:-/tmp}}/spring.log}",
        ),
    ],
    "console-appender.xml": [("CONSOLE", "ch.qos.logback.core.ConsoleAppender", "stdout", None)],
    "file-appender.xml": [("FILE", "ch.qos.logback.core.rolling.RollingFileAppender", None, "${LOG_FILE}")],
}


def _family(cls: str) -> str | None:
    name = cls.rsplit(".", 1)[-1]
    if _CONSOLE_CLASSES.search(cls):
        return "console"
    if _FILE_CLASSES.search(cls):
        return "file"
    if _NETWORK_CLASSES.search(name):
        return "network"
    return None


def _substitute(text: str, props: dict[str, str]) -> str:
    """Resolve ``${name}`` from properties the file declares itself (environment names stay)."""
    for _ in range(5):
        found = [p for p in placeholders(text) if p[0] in props]
        if not found:
            return text
        name, _default, start, end = found[0]
        text = text[:start] + props[name] + text[end:]
    return text


def _target(text: str | None, props: dict[str, str]) -> dict[str, Any]:
    if not text:
        return {"source": "none"}
    return describe_value("file", _substitute(text.strip(), props))


def _stream(text: str | None) -> str:
    value = (text or "").replace("_", "").replace(".", "").lower()
    return "stderr" if value in ("systemerr", "err", "stderr") else "stdout"


def _handler(
    source: Source,
    line: int,
    *,
    handler: str,
    family: str,
    fmt: str,
    name: str,
    target: dict[str, Any] | None,
    rotation: bool,
    stream: str | None,
    referenced: bool,
    profile: str | None,
    ref_profiles: list[str | None] | None = None,
) -> Fact:
    """One appender; *ref_profiles* lists the <springProfile> of each reference (None: any profile)."""
    return source.fact(
        "log.handler",
        line,
        handler=handler,
        api=fmt,
        target=target or {"source": "none"},
        rotation=rotation,
        stream=stream if family != "network" else "other",
        family=family,
        name=name,
        referenced=referenced,
        profile=profile,
        format=fmt,
        ref_profiles=ref_profiles if ref_profiles is not None else ([None] if referenced else []),
    )


# --- logback / log4j 1 XML ---------------------------------------------------------------------------


def _profiles(root: Element) -> dict[int, str]:
    """id(element) -> enclosing <springProfile name>, for every element under one."""
    out: dict[int, str] = {}

    def walk(node: Element, profile: str | None) -> None:
        if node.tag == "springProfile":
            profile = node.attrs.get("name", "")
        if profile is not None:
            out[id(node)] = profile
        for child in node.children:
            walk(child, profile)

    walk(root, None)
    return out


def _logback(source: Source, root: Element) -> list[Fact]:
    nodes = root.iter()
    props = {
        e.attrs["name"]: e.attrs["value"]
        for e in nodes
        if e.tag in ("property", "variable") and "name" in e.attrs and "value" in e.attrs
    }
    profiles = _profiles(root)
    refs: dict[str, list[str | None]] = {}
    for e in nodes:
        if e.tag in ("appender-ref", "appenderRef"):
            refs.setdefault(e.attrs.get("ref", ""), []).append(profiles.get(id(e)))
    log4j1 = any(e.tag == "appender" and e.attrs.get("class", "").startswith("org.apache.log4j") for e in nodes)
    fmt = "log4j" if log4j1 else "logback"
    facts: list[Fact] = []
    for element in nodes:
        profile = profiles.get(id(element))
        if element.tag == "appender":
            cls = element.attrs.get("class", "")
            family = _family(cls)
            if family is None:
                continue
            params = {p.attrs.get("name", "").lower(): p.attrs.get("value") for p in element.all("param")}
            file_text = element.child_text("file") or params.get("file")
            rolling = element.child("rollingPolicy") or element.child("triggeringPolicy")
            if not file_text and rolling is not None:
                file_text = rolling.child_text("fileNamePattern")
            rotation = family == "file" and (
                "Rolling" in cls
                or rolling is not None
                or any(k in params for k in ("maxfilesize", "maxbackupindex", "datepattern"))
            )
            stream = _stream(element.child_text("target") or params.get("target")) if family == "console" else None
            name = element.attrs.get("name", "")
            facts.append(
                _handler(
                    source,
                    element.line,
                    handler=cls,
                    family=family,
                    fmt=fmt,
                    name=name,
                    target=_target(file_text, props) if family == "file" else None,
                    rotation=rotation,
                    stream=stream,
                    referenced=name in refs,
                    profile=profile,
                    ref_profiles=refs.get(name, []),
                )
            )
        elif element.tag == "include":
            resource = posixpath.basename(element.attrs.get("resource", "") or element.attrs.get("file", ""))
            if "springframework/boot" not in element.attrs.get("resource", "") and resource != "base.xml":
                continue
            for name, cls, stream, target in _SPRING_INCLUDES.get(resource, []):
                family = "console" if stream else "file"
                referenced = resource == "base.xml" or name in refs
                facts.append(
                    _handler(
                        source,
                        element.line,
                        handler=cls,
                        family=family,
                        fmt="logback",
                        name=name,
                        target={"source": "other", "text": target} if target else None,
                        rotation=family == "file",
                        stream=stream,
                        referenced=referenced,
                        profile=profile,
                        ref_profiles=[profile] if resource == "base.xml" else refs.get(name, []),
                    )
                )
    return facts


# --- log4j2 XML --------------------------------------------------------------------------------------


def _log4j2(source: Source, root: Element) -> list[Fact]:
    nodes = root.iter()
    props = {e.attrs["name"]: e.text for e in nodes if e.tag == "Property" and "name" in e.attrs}
    refs = {e.attrs.get("ref", "") for e in nodes if e.tag == "AppenderRef"}
    facts: list[Fact] = []
    for section in (e for e in nodes if e.tag == "Appenders"):
        for element in section.children:
            kind = element.attrs.get("type", "") if element.tag == "Appender" else element.tag
            family = (
                "file"
                if kind in _L2_FILE
                else "console"
                if kind in _L2_CONSOLE
                else "network"
                if kind in _L2_NETWORK
                else None
            )
            if family is None:
                continue
            name = element.attrs.get("name", "")
            target = element.attrs.get("fileName") or element.attrs.get("filePattern")
            rotation = kind.startswith("Rolling") or element.child("Policies") is not None
            facts.append(
                _handler(
                    source,
                    element.line,
                    handler=kind,
                    family=family,
                    fmt="log4j2",
                    name=name,
                    target=_target(target, props) if family == "file" else None,
                    rotation=rotation,
                    stream=_stream(element.attrs.get("target")) if family == "console" else None,
                    referenced=name in refs,
                    profile=None,
                )
            )
    return facts


# --- properties ----------------------------------------------------------------------------------------


def _log4j_properties(source: Source, pairs: list[tuple[str, str, int]]) -> list[Fact]:
    values = {k: v for k, v, _l in pairs}
    refs: set[str] = set()
    for key, value, _line in pairs:
        if key in ("log4j.rootLogger", "log4j.rootCategory") or key.startswith(("log4j.logger.", "log4j.category.")):
            refs.update(p.strip() for p in value.split(",")[1:])
    facts: list[Fact] = []
    for key, value, line in pairs:
        match = re.fullmatch(r"log4j\.appender\.([^.]+)", key)
        if not match:
            continue
        family = _family(value.strip())
        if family is None:
            continue
        name = match.group(1)
        option = {k.rsplit(".", 1)[-1].lower(): v for k, v in values.items() if k.startswith(f"log4j.appender.{name}.")}
        rotation = family == "file" and (
            "Rolling" in value or any(k in option for k in ("maxfilesize", "maxbackupindex", "datepattern"))
        )
        facts.append(
            _handler(
                source,
                line,
                handler=value.strip(),
                family=family,
                fmt="log4j",
                name=name,
                target=_target(option.get("file"), {}) if family == "file" else None,
                rotation=rotation,
                stream=_stream(option.get("target")) if family == "console" else None,
                referenced=name in refs,
                profile=None,
            )
        )
    return facts


def _log4j2_properties(source: Source, pairs: list[tuple[str, str, int]]) -> list[Fact]:
    props = {k[len("property.") :]: v for k, v, _l in pairs if k.startswith("property.")}
    appenders: dict[str, dict[str, tuple[str, int]]] = {}
    refs: set[str] = set()
    for key, value, line in pairs:
        match = re.fullmatch(r"appender\.([^.]+)\.(.+)", key)
        if match:
            appenders.setdefault(match.group(1), {})[match.group(2)] = (value.strip(), line)
        elif re.fullmatch(r"(rootLogger|logger\.[^.]+)\.appenderRefs?\.[^.]+\.ref", key):
            refs.add(value.strip())
        elif key in ("rootLogger",) or re.fullmatch(r"logger\.[^.]+", key):
            refs.update(p.strip() for p in value.split(",")[1:])
    facts: list[Fact] = []
    for ident, options in appenders.items():
        kind, line = options.get("type", ("", 0))
        family = (
            "file"
            if kind in _L2_FILE
            else "console"
            if kind in _L2_CONSOLE
            else "network"
            if kind in _L2_NETWORK
            else None
        )
        if family is None:
            continue
        name = options.get("name", (ident, 0))[0]
        target = (options.get("fileName") or options.get("filePattern") or (None, 0))[0]
        rotation = kind.startswith("Rolling") or any(k.startswith("policies") for k in options)
        facts.append(
            _handler(
                source,
                line or 1,
                handler=kind,
                family=family,
                fmt="log4j2",
                name=name,
                target=_target(target, props) if family == "file" else None,
                rotation=rotation,
                stream=_stream(options.get("target", ("", 0))[0]) if family == "console" else None,
                referenced=name in refs or ident in refs,
                profile=None,
            )
        )
    return facts


def _agent_config(source: Source) -> list[Fact]:
    """An Application Insights Java agent's `applicationinsights.json`: whether it captures log
    records (`instrumentation.logging`: captured at INFO unless `enabled` is false or `level` OFF)."""
    try:
        document = json.loads(source.text)
    except ValueError:
        return []
    if not isinstance(document, dict):
        return []
    instrumentation = document.get("instrumentation")
    logging = instrumentation.get("logging") if isinstance(instrumentation, dict) else None
    logging = logging if isinstance(logging, dict) else {}
    enabled = logging.get("enabled")
    level = logging.get("level")
    level = str(level) if isinstance(level, (str, int)) else None
    off = enabled is False or (level or "").strip().upper() == "OFF"
    key = '"logging"' if logging else '"instrumentation"' if isinstance(instrumentation, dict) else None
    line = next((n for n, text in enumerate(source.lines, start=1) if key and key in text), 1)
    return [
        source.fact("log.capture", line, agent=logs.AGENT_CONFIG_FILES[0][1], enabled=not off, level=level, lang="java")
    ]


def extract(source: Source) -> list[Fact]:
    if not source.text.strip():
        return []
    name = posixpath.basename(source.path)
    if source.kind == "log_agent_config":
        return _agent_config(source)
    if source.kind == "log_config_properties" or name.endswith(".properties"):
        pairs = [p for doc in parse_properties(source.text) for p in doc]
        return _log4j2_properties(source, pairs) if "log4j2" in name else _log4j_properties(source, pairs)
    root = parse_xml(source.text)
    if root.tag == "Configuration" or name.startswith("log4j2"):
        return _log4j2(source, root)
    return _logback(source, root)


__all__ = ["extract"]
