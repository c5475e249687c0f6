"""Where each process's log records go.

One answer per question, whatever the language:

- `log_sinks`: every handler, transport or appender (Python `FileHandler`, winston transports,
  Go `SetOutput`/lumberjack/zap, logback and log4j appenders, Spring Boot's `logging.file.*`,
  Ruby `Logger.new`) with its language and what it does: writes a file (`writes_file`, the one
  place that knows how each stack's facts say so), ships records over the network (`routes`),
  writes to a standard stream (`stream`), rotates files (`rotates`), and whether a production
  profile uses it (`in_production_profile`, JVM configuration files);
- Python `LOGGING`/`dictConfig` dictionaries (`dict_handlers`);
- servers' own log destinations: start-command flags and configuration-file settings
  (`server_log_flags`, `server_log_settings`), and servers that log to stderr by default
  (`stderr_by_default`);
- records shipped from inside the process (`log_shippers`): routing handlers, log vendors' SDKs and
  Java agents (unless their configuration switches the capture off), whether each is an opt-in
  of the deploy (`opt_in`) or a copy of what other loggers write, and whether it is the only
  place the records go (`only_sink`, against the app's stream loggers: `stream_sinks`);
- framework defaults: Rails' production log file (`rails_default_log_file`), Spring Boot's
  console logging (`spring_console_default`), Flask's default handler (`python_framework_stream`);
- direct writes to a stream by the process, browser code aside (`process_prints`);
- whether Python output is buffered in a container (`unbuffered_env`, `python_unbuffered_flag`,
  `dockerfile_processes`), and log directories declared as volumes (`log_volumes`).

Each list is computed once per app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from twelve.appmodel.packages import declared, jvm_builds
from twelve.appmodel.starts import Start, docker_heads, gunicorn_configs, head_script, production, running_starts
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.springconfig import is_dev_profile
from twelve.knowledge import frameworks, logs, programs
from twelve.model import Scope

#: languages of the facts, as the log sinks name them
_NODE_LANGS = frozenset({"javascript", "typescript", "prisma"})
_JVM_LANGS = frozenset({"java", "kotlin"})
#: servers that log to stderr unless told otherwise
STDERR_SERVERS = frozenset(n for p in programs.PROGRAMS if p.logs_to == "stderr" for n in (p.name, *p.aliases))
#: servers whose own logs go through `logging`, whose stream handler flushes every record
LOGGING_SERVERS = frozenset(n for p in programs.PROGRAMS if p.logs_through_logging for n in (p.name, *p.aliases))
#: the server whose configuration files `gunicorn_configs` reads
_GUNICORN: programs.Program = programs.program("gunicorn")  # type: ignore[assignment]


def log_language(fact: Fact) -> str:
    """The stack of a log fact: "jvm" (Java/Kotlin code, logback/log4j files, Spring properties),
    "python" (Python facts carry no `lang` in older caches), "node", "go", "ruby", or its `lang`."""
    lang = fact.get("lang")
    if fact.get("format") in logs.JVM_LOG_FORMATS or lang in _JVM_LANGS or lang == "spring":
        return "jvm"
    if lang in (None, "python"):
        return "python"
    if lang in _NODE_LANGS:
        return "node"
    return str(lang)


def writes_file(fact: Fact) -> bool:
    """Whether a log handler writes its records to a file, however its stack's facts say it: a
    `file` flag (JavaScript), a `file` family (JVM appenders), a Python file handler, a `(file)`
    suffix (Go and Ruby writers opened on a file), lumberjack, a Spring `logging.file.*` setting."""
    handler = str(fact.get("handler") or "")
    return (
        bool(fact.get("file"))
        or fact.get("family") == "file"
        or handler in logs.PY_FILE_HANDLERS
        or handler.endswith("(file)")
        or handler in logs.GO_FILE_WRITERS
        or fact.get("format") == "spring"
    )


def py_routing_handler(name: str) -> bool:
    """Whether a Python handler class sends records to a network destination the app chooses."""
    return name in logs.PY_ROUTING_HANDLERS or (bool(logs.PY_ROUTING_VENDORS.search(name)) and name.endswith("Handler"))


def routes(fact: Fact) -> bool:
    """Whether a handler of any language sends records to a network destination itself (an error
    tracker reports exceptions, it does not route the stream)."""
    handler = str(fact.get("handler") or "")
    if logs.ERROR_TRACKERS.search(handler):
        return False
    if fact.get("family") == "network" or py_routing_handler(handler):
        return True
    return (
        log_language(fact) != "python"
        and fact.get("stream") == "other"
        and bool(logs.NETWORK_TRANSPORTS.search(handler))
    )


def in_production_profile(fact: Fact) -> bool:
    """Whether a production profile uses the handler: not one of a development profile, and, for
    an appender of a logback/log4j file, referenced by a logger of a non-development profile."""
    if is_dev_profile(fact.get("profile")):
        return False
    if fact.get("format") in logs.JVM_CONFIG_FORMATS:
        return any(p is None or not is_dev_profile(p) for p in fact.get("ref_profiles") or [])
    return True


@dataclass(frozen=True, slots=True)
class LogSink:
    """One place log records go, as one `log.handler` fact states it."""

    fact: Fact
    language: str  # python, node, go, jvm, ruby
    writes_file: bool
    routes: bool
    stream: str | None  # stdout, stderr, other (None: not a stream)
    rotates: bool
    in_production_profile: bool

    @property
    def production(self) -> bool:
        return self.fact.scope is Scope.PRODUCTION


def log_sinks(facts: AppFacts) -> list[LogSink]:
    """Every log handler, transport and appender of the app (every scope), each judged once."""
    return list(
        facts.derive(
            "logging.sinks",
            lambda: [
                LogSink(
                    f,
                    log_language(f),
                    writes_file(f),
                    routes(f),
                    f.get("stream"),
                    bool(f.get("rotation")),
                    in_production_profile(f),
                )
                for f in facts.of("log.handler")
            ],
        )
    )


def process_prints(facts: AppFacts) -> list[Fact]:
    """Production writes straight to stdout/stderr (`print`, `console.log`, `puts`), browser code aside
    (a static asset's `console.log` writes to the visitor's console, not to the process's stream)."""
    return [
        f
        for f in production(facts.of("log.print"))
        if not (f.get("lang") in logs.BROWSER_LANGS and logs.BROWSER_CODE.search(f.path))
    ]


# --- log records shipped from inside the process ------------------------------------------------------


_DEV_CONFIG = re.compile(r"(?i)[._-](dev|development|local|test|testing|ci)([._-]|$)")


def capture_switched_off(facts: AppFacts, fact: Fact) -> bool:
    """Whether the configuration of the agent *fact* attaches switches its log capture off: every
    production configuration file of that agent (development ones aside: `applicationinsights.dev.json`)
    says so; with none, the agent captures by default."""
    agent = fact.get("handler")
    configs = [
        c
        for c in production(facts.of("log.capture"))
        if c.get("agent") == agent and not _DEV_CONFIG.search(c.path.rsplit("/", 1)[-1])
    ]
    return bool(configs) and all(c.get("enabled") is False for c in configs)


def opt_in(condition: str | None) -> bool:
    """Whether a condition makes a handler an opt-in of the deploy: it tests whether a variable or
    setting is given (`if os.environ.get("SYSLOG_HOST")`, `if (process.env.AI_CONN)`), not the
    environment's name or debug mode (`if not DEBUG`, `if Rails.env.production?`)."""
    text = condition or ""
    return bool(logs.OPT_IN_CONDITION.search(text)) and not logs.ENVIRONMENT_NAME_CONDITION.search(text)


@dataclass(frozen=True, slots=True)
class Shipper:
    """A handler, transport, appender, SDK or agent that sends the app's log records to a log
    service from inside the process: `fact` states it, `handler` is how it reads; `optional` when
    only a deploy that gives a variable or setting enables it; `copies` when it captures what the
    app's other loggers write (their stream still goes where they send it)."""

    fact: Fact
    handler: str
    optional: bool
    copies: bool
    condition: str | None = None


def log_shippers(facts: AppFacts) -> list[Shipper]:
    """Every production place the app ships log records from: handlers, transports and appenders
    that route (a production profile uses them), Java agents whose capture is not switched off, and
    the handlers of Python logging dictionaries that route."""

    def compute() -> list[Shipper]:
        found: list[Shipper] = []
        for sink in log_sinks(facts):
            fact = sink.fact
            if not (sink.production and sink.routes and sink.in_production_profile):
                continue
            handler = str(fact.get("handler") or "")
            if handler in logs.LOG_SHIPPING_AGENTS.values() and capture_switched_off(facts, fact):
                continue
            condition = fact.get("condition")
            profile = fact.get("profile")
            optional = opt_in(condition) or (
                bool(profile) and not is_dev_profile(profile) and profile not in ("prod", "production")
            )
            copies = handler in logs.CAPTURING_SHIPPERS or handler.startswith(logs.CAPTURING_PREFIXES)
            found.append(Shipper(fact, handler, optional, copies, condition))
        for dict_handler in dict_handlers(facts):
            if dict_handler.routes and dict_handler.cls is not None and dict_handler.cls.scope is Scope.PRODUCTION:
                found.append(Shipper(dict_handler.cls, str(dict_handler.cls.get("value")), False, False))
        return found

    return list(facts.derive("logging.shippers", compute))


def stream_sinks(facts: AppFacts) -> list[Fact]:
    """Production evidence that the app's own loggers write the event stream to stdout or stderr:
    stream handlers, transports and appenders (a production profile uses them), logging
    dictionaries' StreamHandlers, Spring Boot's console default, Rails' RAILS_LOG_TO_STDOUT switch."""
    found = [
        s.fact
        for s in log_sinks(facts)
        if s.production and s.stream in ("stdout", "stderr") and not s.writes_file and s.in_production_profile
    ]
    found += [
        h.cls
        for h in dict_handlers(facts)
        if h.cls is not None and h.cls.scope is Scope.PRODUCTION and h.name == logs.PY_STREAM_HANDLER
    ]
    boot = spring_console_default(facts)
    return found + ([boot] if boot is not None else []) + rails_stdout_switches(facts)


def only_sink(facts: AppFacts, shipper: Shipper) -> bool:
    """Whether *shipper* is where the app's records go, always and nowhere else: it is not an opt-in
    and not a copy, and no logger of the app writes the stream to stdout/stderr."""
    return not shipper.optional and not shipper.copies and not stream_sinks(facts)


# --- Python logging dictionaries ------------------------------------------------------------------

_DICT_HANDLER = re.compile(r"^(?P<prefix>.*\.handlers\.[^.]+)\.(?P<key>[^.]+)$")


@dataclass(slots=True)
class DictHandler:
    """One handler of a Python logging dictionary: its `class` entry and its other settings."""

    cls: Fact | None = None
    settings: dict[str, Fact] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.cls.get("value")).rsplit(".", 1)[-1] if self.cls is not None else ""

    def setting(self, key: str) -> str | None:
        fact = self.settings.get(key)
        return None if fact is None or fact.get("source") != "literal" else str(fact.get("value"))

    @property
    def writes_file(self) -> bool:
        return self.name in logs.PY_FILE_HANDLERS

    @property
    def routes(self) -> bool:
        return py_routing_handler(self.name)

    @property
    def rotation_settings(self) -> list[str]:
        return sorted(k for k in self.settings if k in logs.PY_ROTATION_SETTINGS)


def dict_handlers(facts: AppFacts) -> list[DictHandler]:
    """The handlers of the app's `LOGGING` / `dictConfig` dictionaries (every scope)."""

    def compute() -> list[DictHandler]:
        found: dict[tuple[str, str], DictHandler] = {}
        for fact in facts.of("config.assign"):
            match = _DICT_HANDLER.match(str(fact.get("path", "")))
            if fact.get("container") != "dict" or match is None or log_language(fact) != "python":
                continue
            handler = found.setdefault((fact.path, match.group("prefix")), DictHandler())
            if match.group("key") == "class" and fact.get("source") == "literal":
                handler.cls = fact
            else:
                handler.settings[match.group("key")] = fact
        return [h for _, h in sorted(found.items(), key=lambda kv: kv[0]) if h.cls is not None]

    return list(facts.derive("logging.dict_handlers", compute))


# --- servers' own log destinations ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServerLog:
    """Where a server's own log lines go, as a flag of its start command (`start`) or a setting
    of its configuration file says: `gunicorn --access-logfile -`, `errorlog = "/var/log/e.log"`."""

    fact: Fact
    server: str  # the server's name in the programs table
    setting: str  # the flag or the setting
    value: str
    start: Start | None = None

    @property
    def to_stream(self) -> bool:
        """Whether the destination is a standard stream (`-`, `/dev/stdout`), not a file."""
        row = programs.program(self.server)
        return row is not None and self.value in row.log_stream_values


def server_log_flags(facts: AppFacts) -> list[ServerLog]:
    """Each log destination a server's start command sets (`gunicorn --access-logfile -`)."""
    found: list[ServerLog] = []
    for start in running_starts(facts):
        row = programs.program(start.program)
        if row is None or not row.log_flags:
            continue
        command = start.command()
        for flag in row.log_flags:
            value = command.flag_value(flag)
            if value:
                found.append(ServerLog(start.fact, row.name, flag, value, start))
    return found


def server_log_settings(facts: AppFacts) -> list[ServerLog]:
    """Log destinations set to a literal in a server's configuration file (`errorlog = "-"`)."""
    return [
        ServerLog(f, _GUNICORN.name, str(f.get("name")), f.get("value"))
        for f in gunicorn_configs(facts)
        if f.get("name") in _GUNICORN.log_settings and f.get("source") == "literal" and isinstance(f.get("value"), str)
    ]


def stderr_by_default(facts: AppFacts) -> list[Start]:
    """Start commands of servers that log to stderr by default and whose command does not send
    their logs to a file (one per start line)."""
    to_file = {(log.fact.path, log.fact.line) for log in server_log_flags(facts) if not log.to_stream}
    seen: set[tuple[str, int | None]] = set()
    found: list[Start] = []
    for start in running_starts(facts):
        key = (start.fact.path, start.fact.line)
        if start.program in STDERR_SERVERS and key not in to_file and key not in seen:
            seen.add(key)
            found.append(start)
    return found


# --- framework defaults ---------------------------------------------------------------------------


def _ruby(facts: AppFacts, kind: str) -> list[Fact]:
    return [f for f in production(facts.of(kind)) if f.get("lang") == "ruby"]


def rails_stdout_switches(facts: AppFacts) -> list[Fact]:
    """Production reads of RAILS_LOG_TO_STDOUT: the app sends Rails' log to STDOUT when it is set."""
    return [f for f in _ruby(facts, "env.read") if f.get("name") == frameworks.RAILS_LOG_TO_STDOUT]


def rails_default_log_file(facts: AppFacts) -> str | None:
    """The path of config/environments/production.rb when Rails' default logger writes the
    production log to a file: a Rails app whose production settings set no logger, log nowhere
    else, and never switch to STDOUT."""
    gems = {name for name, fact in declared(facts, "ruby").items() if fact.get("group") != "dev"}
    if "rails" not in gems and not any(f.get("framework") == "rails" for f in _ruby(facts, "web.app")):
        return None
    production_rb = next(
        (
            f
            for f in facts.files
            if f.path == frameworks.RAILS_PRODUCTION_CONFIG or f.path.endswith("/" + frameworks.RAILS_PRODUCTION_CONFIG)
        ),
        None,
    )
    handlers = _ruby(facts, "log.handler")
    if (
        production_rb is None
        or rails_stdout_switches(facts)
        or any(f.get("stream") in ("stdout", "stderr") for f in handlers)
    ):
        return None
    if any(f.get("path") == frameworks.RAILS_LOGGER_SETTING for f in _ruby(facts, "config.assign")):
        return None
    if any(writes_file(f) for f in handlers):
        return None  # the explicit file logger is the evidence already
    return production_rb.path


def python_framework_stream(facts: AppFacts) -> tuple[Fact, str] | None:
    """A Python web app whose framework logs to a standard stream by default (Flask's default
    handler on stderr...): the framework's fact and the stream."""
    for fact in production(facts.of("web.app")):
        stream = logs.PY_FRAMEWORK_STREAMS.get(str(fact.get("framework")))
        if stream and fact.get("lang") in (None, "python"):
            return fact, stream
    return None


def spring_boot_app(facts: AppFacts) -> Fact | None:
    """Evidence that the app is a Spring Boot app (the annotation, the parent, the plugin or a starter)."""
    for fact in production(facts.of("web.app")):
        if fact.get("framework") == "spring-boot":
            return fact
    for manifest in jvm_builds(facts):
        if manifest.get("spring_boot_version"):
            return manifest
    return next(
        (
            d
            for d in facts.of("dep.declared")
            if d.get("ecosystem") == "java"
            and d.scope is Scope.PRODUCTION
            and str(d.get("name")).startswith(frameworks.SPRING_STARTER_PREFIX)
        ),
        None,
    )


def spring_console_default(facts: AppFacts) -> Fact | None:
    """The evidence of a Spring Boot app that logs to the console by Spring Boot's default: no
    logging configuration file and no log file used by a production profile."""
    configured = [f for f in facts.files if f.kind in logs.JVM_CONFIG_KINDS and f.scope is Scope.PRODUCTION]
    boot = spring_boot_app(facts)
    if boot is None or configured:
        return None
    if any(
        s.language == "jvm" and s.production and s.writes_file and s.in_production_profile for s in log_sinks(facts)
    ):
        return None
    return boot


# --- buffering of Python output in containers -------------------------------------------------------


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
    """The `ENV PYTHONUNBUFFERED=<non-empty>` in effect in the final stage of *dockerfile*, if any."""
    for fact in reversed(_stage_env(facts, dockerfile)):
        if fact.get("key") == "PYTHONUNBUFFERED":
            return fact if str(fact.get("value", "")).strip("\"' ") else None
    return None


def python_output(start: Start) -> bool:
    """Whether *start* runs a Python process whose stdout Python buffers: an interpreter, or a
    Python server, worker or development server (`gunicorn`, `celery`, `flask`, `manage.py`)."""
    row = programs.program(start.program)
    return (bool(start.argv) and programs.python_interpreter(start.argv[0])) or (
        row is not None
        and row.ecosystem == "python"
        and bool(row.roles & {programs.WEB_SERVER, programs.WORKER, programs.DEV_SERVER})
    )


def python_unbuffered_flag(start: Start) -> bool:
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


def dockerfile_processes(facts: AppFacts) -> dict[str, list[Start]]:
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


# --- log directories ------------------------------------------------------------------------------

_LOG_DIR = re.compile(r"(^|/)(var/log|logs?)(/|$)", re.IGNORECASE)
_MKDIR = re.compile(r"\bmkdir\b")


def log_volumes(facts: AppFacts) -> list[tuple[Fact, str, list[Fact]]]:
    """(VOLUME fact, path, RUN facts that create it) for each log directory a production
    Dockerfile declares as a volume."""
    runs = production(facts.of("docker.run"))
    found: list[tuple[Fact, str, list[Fact]]] = []
    for volume in production(facts.of("docker.volume")):
        for path in volume.get("paths", ()):
            path = str(path).strip("\"'")
            if not _LOG_DIR.search(path):
                continue
            made = [
                r
                for r in runs
                if r.path == volume.path
                and _MKDIR.search(r.get("command", ""))
                and path.rstrip("/") in r.get("command", "")
            ]
            found.append((volume, path, made))
    return found


__all__ = [
    "LOGGING_SERVERS",
    "STDERR_SERVERS",
    "DictHandler",
    "LogSink",
    "Shipper",
    "capture_switched_off",
    "dict_handlers",
    "dockerfile_processes",
    "in_production_profile",
    "log_language",
    "log_shippers",
    "log_sinks",
    "log_volumes",
    "only_sink",
    "opt_in",
    "process_prints",
    "py_routing_handler",
    "python_framework_stream",
    "python_output",
    "python_unbuffered_flag",
    "stream_sinks",
    "rails_default_log_file",
    "rails_stdout_switches",
    "routes",
    "ServerLog",
    "server_log_flags",
    "server_log_settings",
    "spring_boot_app",
    "spring_console_default",
    "stderr_by_default",
    "unbuffered_env",
    "writes_file",
]
