"""XI. Logs: treat logs as event streams.

A process writes its event stream, unbuffered, to stdout (stderr is captured just as well); it
never writes, rotates or ships log files itself. The rules read logging handlers (code and
``LOGGING`` dictionaries), gunicorn's log settings, and the container's buffering.

Log files are judged per language: F11-S1 here for Python, F11-S2/S3/S4/S5 in the stack modules
for Node.js, Go, the JVM and Ruby. Rotation (F11-S6), routing (F11-S8) and direct writes to
stdout/stderr (F11-S10) read the handlers of every language, except that the stream handlers of
Go, Ruby and the JVM are left to their stack rules (F11-S3b, F11-S5b, F11-S11j), which also know
those frameworks' defaults and profiles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.springconfig import is_dev_profile
from twelve.model import Effect, Finding, Location, Scope
from twelve.knowledge import programs
from twelve import appmodel
from twelve.appmodel import (
    Start,
    docker_heads,
    gunicorn_configs,
    head_script,
    running_starts,
)
from twelve.rules.registry import (
    AGAINST,
    FOR,
    MODERATE,
    NEUTRAL,
    STRONG,
    WEAK,
    Hit,
    hit,
    rule,
)

FILE_HANDLERS = frozenset({"FileHandler", "RotatingFileHandler", "TimedRotatingFileHandler", "WatchedFileHandler",
                           "ConcurrentRotatingFileHandler", "basicConfig(filename)", "loguru(file)"})
#: handlers that send records to a network destination chosen by the app
ROUTING_HANDLERS = frozenset({"SysLogHandler", "SocketHandler", "DatagramHandler", "HTTPHandler", "SMTPHandler"})
_ROUTING_VENDOR = re.compile(r"Logstash|Fluent|CloudWatch|Loggly|Graylog|GELF")
_ROTATION_KEYS = frozenset({"maxBytes", "backupCount", "when", "interval", "rotation", "retention"})
#: servers that log to stderr unless told otherwise
STDERR_SERVERS = frozenset(n for p in programs.PROGRAMS if p.logs_to == "stderr" for n in (p.name, *p.aliases))
#: servers whose own logs go through `logging`, whose stream handler flushes every record
LOGGING_SERVERS = frozenset(n for p in programs.PROGRAMS if p.logs_through_logging for n in (p.name, *p.aliases))
_PY_PROGRAMS = appmodel.PY_WEB_SERVERS | {"celery", "rq", "rqworker", "dramatiq", "huey_consumer", "arq", "faust",
                                        "flask", "django-admin"}
_GUNICORN_LOG_FLAGS = ("--access-logfile", "--error-logfile", "--log-file")
_LOG_DIR = re.compile(r"(^|/)(var/log|logs?)(/|$)", re.IGNORECASE)
#: languages (and JVM configuration formats) whose stack module reports stream logging itself
_STACK_STREAM_LANGS = frozenset({"go", "ruby", "java", "kotlin", "spring"})
_JVM_FORMATS = frozenset({"logback", "log4j", "log4j2", "spring"})
#: transports of other languages that ship records to a network destination (winston.Http,
#: pino-elasticsearch, log4js logstash appenders...): their facts say `stream: other`
_NETWORK_TRANSPORT = re.compile(r"(?i)http|syslog|loggly|papertrail|mongo|cloudwatch|logstash|elastic|logtail|datadog|"
                                r"loki|splunk|gelf|graylog|fluent|newrelic|logdna|sumo|sentry|tcp|udp|socket|kafka|amqp")


def _python(fact: Fact) -> bool:
    """A Python fact (older Python facts carry no `lang`; JVM configuration files carry a `format`)."""
    return fact.get("lang") in (None, "python") and fact.get("format") is None


def _jvm_config_only_in_dev(fact: Fact) -> bool:
    """A JVM appender that only development profiles use (`<springProfile name="dev">`)."""
    if is_dev_profile(fact.get("profile")):
        return True
    if fact.get("format") in ("logback", "log4j", "log4j2"):
        return not any(p is None or not is_dev_profile(p) for p in fact.get("ref_profiles") or [])
    return False


def _writes_file(fact: Fact) -> bool:
    handler = str(fact.get("handler") or "")
    return bool(fact.get("file")) or fact.get("family") == "file" or handler in FILE_HANDLERS or handler.endswith("(file)")


def _class_name(value: object) -> str:
    return str(value).rsplit(".", 1)[-1]


def _is_routing(name: str) -> bool:
    return name in ROUTING_HANDLERS or bool(_ROUTING_VENDOR.search(name)) and name.endswith("Handler")


def _handler_code(fact: Fact) -> str:
    """How the code names a log.handler fact's handler (`logging.FileHandler`, `logger.add`)."""
    handler = fact.get("handler")
    if handler == "basicConfig(filename)":
        return "logging.basicConfig(filename=…)"
    if fact.get("format") == "spring":  # a Spring Boot property (logging.file.name)
        return str(handler)
    if fact.get("format") in _JVM_FORMATS:  # an appender of a configuration file: its class and its name
        name = fact.get("name")
        return f"{str(handler).rsplit('.', 1)[-1]} ({name})" if name else str(handler).rsplit(".", 1)[-1]
    return str(fact.get("api") or handler)



# --- LOGGING / dictConfig dictionaries ------------------------------------------------------------

_DICT_HANDLER = re.compile(r"^(?P<prefix>.*\.handlers\.[^.]+)\.(?P<key>[^.]+)$")


@dataclass(slots=True)
class DictHandler:
    """One handler of a logging dictionary: its `class` entry and its other settings."""

    cls: Fact | None = None
    settings: dict[str, Fact] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return _class_name(self.cls.get("value")) if self.cls is not None else ""

    def setting(self, key: str) -> str | None:
        fact = self.settings.get(key)
        return None if fact is None or fact.get("source") != "literal" else str(fact.get("value"))


def dict_handlers(facts: AppFacts) -> list[DictHandler]:
    found: dict[tuple[str, str], DictHandler] = {}
    for fact in facts.of("config.assign"):
        match = _DICT_HANDLER.match(str(fact.get("path", "")))
        if fact.get("container") != "dict" or match is None or not _python(fact):
            continue
        handler = found.setdefault((fact.path, match.group("prefix")), DictHandler())
        if match.group("key") == "class" and fact.get("source") == "literal":
            handler.cls = fact
        else:
            handler.settings[match.group("key")] = fact
    return [h for _, h in sorted(found.items(), key=lambda kv: kv[0]) if h.cls is not None]


# --- gunicorn's log settings ----------------------------------------------------------------------


def _gunicorn_starts(facts: AppFacts) -> list[Start]:
    return [s for s in running_starts(facts) if s.program in ("gunicorn", "gunicorn3")]


def _gunicorn_flags(facts: AppFacts) -> Iterator[tuple[Start, str, str]]:
    """(start, flag, value) for each log destination a gunicorn start command sets."""
    for start in _gunicorn_starts(facts):
        command = start.command()
        for flag in _GUNICORN_LOG_FLAGS:
            value = command.flag_value(flag)
            if value:
                yield start, flag, value


def _gunicorn_log_settings(facts: AppFacts) -> list[Fact]:
    """`accesslog` / `errorlog` set to a literal in gunicorn configuration files."""
    return [f for f in gunicorn_configs(facts) if f.get("name") in ("accesslog", "errorlog")
            and f.get("source") == "literal" and isinstance(f.get("value"), str)]


def _logs_to_file(value: str) -> bool:
    return value not in ("-", "/dev/stdout", "/dev/stderr")


# --- rules: files, rotation, routing ------------------------------------------------------------


@rule("F11-S1", factor=11, polarity=AGAINST, strength=STRONG, ecosystems=("py",))
def log_files(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("log.handler"):
        if _python(fact) and fact.get("handler") in FILE_HANDLERS:
            yield hit(fact, handler=_handler_code(fact), target=appmodel.value_text(fact.get("target")), path=fact.path)
    for handler in dict_handlers(facts):
        if handler.name in FILE_HANDLERS:
            yield hit(handler.cls, handler=handler.cls.get("value"), target=handler.setting("filename") or "…",
                      path=handler.cls.path)
    for start, flag, value in _gunicorn_flags(facts):
        if _logs_to_file(value):
            yield hit(start.fact, handler=f"gunicorn {flag}", target=value, path=start.fact.path)
    for fact in _gunicorn_log_settings(facts):
        if _logs_to_file(fact.get("value")):
            yield hit(fact, handler=f"gunicorn {fact.get('name')}", target=fact.get("value"), path=fact.path)


def _log_volumes(facts: AppFacts) -> Iterator[Hit]:
    """VOLUME declarations of log directories, with the RUN mkdir that creates them."""
    runs = appmodel.production(facts.of("docker.run"))
    for volume in appmodel.production(facts.of("docker.volume")):
        for path in volume.get("paths", ()):
            path = str(path).strip("\"'")
            if not _LOG_DIR.search(path):
                continue
            made = [r for r in runs if r.path == volume.path and re.search(r"\bmkdir\b", r.get("command", ""))
                    and path.rstrip("/") in r.get("command", "")]
            yield hit(volume, *made, what=f"VOLUME {path}", path=volume.path)


@rule("F11-S6", factor=11, polarity=AGAINST, strength=MODERATE)
def log_rotation(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("log.handler"):
        if fact.get("rotation") and not _jvm_config_only_in_dev(fact):
            yield hit(fact, what=_handler_code(fact), path=fact.path)
    for handler in dict_handlers(facts):
        keys = sorted(k for k in handler.settings if k in _ROTATION_KEYS)
        if keys or handler.name.startswith(("Rotating", "TimedRotating", "ConcurrentRotating")):
            yield hit(handler.cls, *(handler.settings[k] for k in keys), what=handler.cls.get("value"), path=handler.cls.path)
    yield from _log_volumes(facts)


def _routes(fact: Fact) -> bool:
    """A handler of any language that sends records to a network destination itself."""
    handler = str(fact.get("handler") or "")
    if fact.get("family") == "network" or _is_routing(handler):
        return True
    return not _python(fact) and fact.get("stream") == "other" and bool(_NETWORK_TRANSPORT.search(handler))


@rule("F11-S8", factor=11, polarity=AGAINST, strength=MODERATE)
def log_routing(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("log.handler"):
        if _routes(fact) and not _jvm_config_only_in_dev(fact):
            yield hit(fact, handler=_handler_code(fact), path=fact.path)
    for handler in dict_handlers(facts):
        if _is_routing(handler.name):
            yield hit(handler.cls, handler=handler.cls.get("value"), path=handler.cls.path)


# --- rules: buffering -----------------------------------------------------------------------------


def _stage_env(facts: AppFacts, dockerfile: str) -> list[Fact]:
    """ENV facts in effect in the final stage of *dockerfile* (its own and its parent stages')."""
    froms = {f.get("stage"): f for f in facts.of("docker.from") if f.path == dockerfile}
    names = {f.get("name"): f.get("stage") for f in froms.values() if f.get("name")}
    final = max(froms, default=None)
    stages: set[int] = set()
    stage = final
    while stage is not None and stage not in stages:
        stages.add(stage)
        parent = froms[stage]
        stage = names.get(parent.get("image")) if parent.get("stage_ref") else None
    return [f for f in facts.of("docker.env") if f.path == dockerfile and f.get("stage") in stages]


def unbuffered_env(facts: AppFacts, dockerfile: str) -> Fact | None:
    for fact in reversed(_stage_env(facts, dockerfile)):
        if fact.get("key") == "PYTHONUNBUFFERED":
            return fact if str(fact.get("value", "")).strip("\"' ") else None
    return None


def _is_python(start: Start) -> bool:
    first = appmodel.basename(start.argv[0]) if start.argv else ""
    return bool(re.fullmatch(r"python[\d.]*", first)) or start.program in _PY_PROGRAMS


def _python_u(start: Start) -> bool:
    """`python -u ...` (the -u flag may be combined with others: -Bu)."""
    for word in start.argv[1:]:
        if not word.startswith("-") or word.startswith("--"):
            return False
        for letter in word[1:]:
            if letter == "u":
                return True
            if letter in "WXmc":  # the rest of the word (or the next word) is this option's value
                return False
    return False


def _docker_starts(facts: AppFacts) -> dict[str, list[Start]]:
    """The effective start commands of each production Dockerfile (entrypoint scripts resolved)."""
    script_owner: dict[str, str] = {}
    heads = docker_heads(facts)
    for head in heads:
        script = head_script(facts, head)
        if script is not None:
            script_owner[script.path] = head.path
    owned: dict[str, list[Start]] = {h.path: [] for h in heads}
    docker = {h.path for h in heads}
    for start in running_starts(facts):
        if start.via not in ("dockerfile", "entrypoint"):
            continue
        path = start.fact.path if start.fact.path in docker else script_owner.get(start.fact.path)
        if path is not None:
            owned[path].append(start)
    return owned


@rule("F11-S9", factor=11, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "deploy"))
def buffered_python_output(facts: AppFacts) -> Iterator[Hit]:
    heads = {h.path: h for h in docker_heads(facts)}
    for dockerfile, started in _docker_starts(facts).items():
        if unbuffered_env(facts, dockerfile) is not None:
            continue
        for start in started:
            if not _is_python(start) or _python_u(start):
                continue
            strength = WEAK if start.program in LOGGING_SERVERS else MODERATE
            yield hit(heads[dockerfile].head, start.fact, strength=strength, dockerfile=dockerfile,
                      program=start.program)


# --- rules: stdout ------------------------------------------------------------------------------


def _left_to_stack_rule(fact: Fact) -> bool:
    """Stream handlers of Go, Ruby and the JVM: F11-S3b, F11-S5b and F11-S11j report them."""
    return fact.get("lang") in _STACK_STREAM_LANGS or fact.get("format") in _JVM_FORMATS


def _stream_handlers(facts: AppFacts) -> Iterator[Hit]:
    """Handlers of any language that write to stdout/stderr and to no file (StreamHandler, pino,
    winston Console, log4js stdout, Nest's Logger...)."""
    for fact in appmodel.production(facts.of("log.handler")):
        if fact.get("stream") in ("stdout", "stderr") and not _writes_file(fact) and not _left_to_stack_rule(fact):
            yield hit(fact, evidence=f"{fact.get('api') or fact.get('handler')} → {fact.get('stream')}")
    for handler in dict_handlers(facts):
        if handler.cls.scope is Scope.PRODUCTION and handler.name == "StreamHandler":
            stream = handler.setting("stream") or "stderr"
            yield hit(handler.cls, evidence=f"{handler.cls.get('value')} → {stream.removeprefix('ext://sys.')}")
    for start, flag, value in _gunicorn_flags(facts):
        if not _logs_to_file(value):
            yield hit(start.fact, evidence=f"gunicorn {flag} {value}")
    for fact in _gunicorn_log_settings(facts):
        if fact.scope is Scope.PRODUCTION and not _logs_to_file(fact.get("value")):
            yield hit(fact, evidence=f"{fact.get('name')} = \"{fact.get('value')}\"")


def _print_evidence(fact: Fact) -> str:
    """How a direct write to a stream reads: `print()` in Python, the call itself elsewhere."""
    if _python(fact) or not fact.get("api"):
        return "print()" if fact.get("stream") == "stdout" else "print(file=sys.stderr)"
    return str(fact.get("api"))


def _server_defaults(facts: AppFacts) -> Iterator[Hit]:
    """Servers that log to stderr by default, unless the start command sends their logs to a file."""
    to_file = {(s.fact.path, s.fact.line) for s, _flag, value in _gunicorn_flags(facts) if _logs_to_file(value)}
    seen: set[tuple[str, int | None]] = set()
    for start in running_starts(facts):
        key = (start.fact.path, start.fact.line)
        if start.program in STDERR_SERVERS and key not in to_file and key not in seen:
            seen.add(key)
            yield hit(start.fact, strength=MODERATE, evidence=start.program)


@rule("F11-S10", factor=11, polarity=FOR, strength=STRONG)
def stdout_logging(facts: AppFacts) -> Iterator[Hit]:
    yield from _stream_handlers(facts)
    for dockerfile in sorted({f.path for f in appmodel.production(facts.of("docker.file"))}):
        env = unbuffered_env(facts, dockerfile)
        if env is not None:
            yield hit(env, strength=MODERATE, evidence=env.excerpt)
    yield from _server_defaults(facts)
    for fact in appmodel.production(facts.of("log.print")):
        yield hit(fact, strength=WEAK, variant="print", evidence=_print_evidence(fact), stream=fact.get("stream") or "stdout")


# --- no evidence --------------------------------------------------------------------------------

#: rules of this factor that say nothing about where the event stream goes
_NOT_DESTINATION = frozenset({"F11-NE", "F11-S9"})


@rule("F11-NE", factor=11, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE, closing=True)
def no_logging_evidence(facts: AppFacts, found_here: tuple[Finding, ...]) -> Iterator[Hit]:
    """No rule of this factor found, in production, where the event stream goes."""
    if not any(f.rule not in _NOT_DESTINATION and f.scope is Scope.PRODUCTION for f in found_here):
        yield hit(Location(facts.app.path))
