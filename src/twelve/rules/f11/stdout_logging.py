"""The event stream goes to stdout/stderr (F11-S10), in every stack, each with its own wording
(the hit's variant): stream handlers, server defaults and unbuffered output (none), direct writes
(`print`), Go loggers (`go`), Ruby loggers and RAILS_LOG_TO_STDOUT (`ruby`), JVM console appenders
(`java`) and Spring Boot's default console logging (`java_default`)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.knowledge import frameworks, logs, programs
from twelve.model import Scope
from twelve.rules.registry import FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

_STREAMS = ("stdout", "stderr")
#: stacks whose stream loggers have their own reading (and wording) below
_OWN_READING = frozenset({"go", "ruby", "jvm"})


def _print_evidence(fact: Fact) -> str:
    """How a direct write to a stream reads: `print()` in Python, the call itself elsewhere."""
    if fact.data.lang in (None, "python") or not fact.data.api:
        return "print()" if fact.data.stream == "stdout" else "print(file=sys.stderr)"
    return str(fact.data.api)


def _every_stack(facts: AppFacts) -> Iterator[Hit]:
    """Stream handlers that write no file, logging dictionaries' StreamHandlers, server log flags
    and settings on a stream, PYTHONUNBUFFERED, servers that log to stderr by default, direct writes."""
    for sink in appmodel.log_sinks(facts):
        if sink.production and sink.stream in _STREAMS and not sink.writes_file and sink.language not in _OWN_READING:
            fact = sink.fact
            yield hit(fact, evidence=f"{fact.data.api or fact.data.handler} → {sink.stream}")
    for handler in appmodel.dict_handlers(facts):
        if handler.cls is not None and handler.cls.scope is Scope.PRODUCTION and handler.name == logs.PY_STREAM_HANDLER:
            stream = handler.setting("stream") or logs.PY_STREAM_DEFAULT
            yield hit(handler.cls, evidence=f"{handler.cls.get('value')} → {stream.removeprefix('ext://sys.')}")
    for log in appmodel.server_log_flags(facts):
        if log.to_stream:
            yield hit(log.fact, evidence=f"{log.server} {log.setting} {log.value}")
    for log in appmodel.server_log_settings(facts):
        if log.fact.scope is Scope.PRODUCTION and log.to_stream:
            yield hit(log.fact, evidence=f'{log.setting} = "{log.value}"')
    for dockerfile in sorted({f.path for f in appmodel.production(facts.of("docker.file"))}):
        env = appmodel.unbuffered_env(facts, dockerfile)
        if env is not None:
            yield hit(env, strength=MODERATE, evidence=env.excerpt)
    for start in appmodel.stderr_by_default(facts):
        yield hit(start.fact, strength=MODERATE, evidence=start.program)
    for start in appmodel.running_starts(facts):
        if start.argv and programs.python_interpreter(start.argv[0]) and appmodel.python_unbuffered_flag(start):
            yield hit(start.fact, strength=MODERATE, evidence=" ".join(start.argv[:3]))
    default = appmodel.python_framework_stream(facts)
    if default is not None:
        fact, stream = default
        yield hit(fact, strength=WEAK, evidence=f"{fact.data.api} default handler → {stream}")
    for fact in appmodel.process_prints(facts):
        yield hit(
            fact, strength=WEAK, variant="print", evidence=_print_evidence(fact), stream=fact.data.stream or "stdout"
        )


def _go(facts: AppFacts) -> Iterator[Hit]:
    for sink in appmodel.log_sinks(facts):
        if sink.language == "go" and sink.production and sink.stream in _STREAMS:
            yield hit(sink.fact, variant="go", evidence=f"{sink.fact.data.api} → {sink.stream}")


def _ruby(facts: AppFacts) -> Iterator[Hit]:
    for sink in appmodel.log_sinks(facts):
        if sink.language == "ruby" and sink.production and sink.stream in _STREAMS:
            yield hit(sink.fact, variant="ruby", evidence=f"{sink.fact.data.api}({str(sink.stream).upper()})")
    for fact in appmodel.rails_stdout_switches(facts)[:1]:
        yield hit(fact, variant="ruby", evidence=frameworks.RAILS_LOG_TO_STDOUT)


def _jvm(facts: AppFacts) -> Iterator[Hit]:
    """Console appenders a production profile uses (one finding, two locations at most), or else
    Spring Boot's default console logging."""
    consoles = [
        s.fact
        for s in appmodel.log_sinks(facts)
        if s.language == "jvm"
        and s.production
        and s.fact.data.family == "console"
        and s.stream in _STREAMS
        and s.in_production_profile
    ]
    if consoles:
        shown = sorted({f"{str(f.data.handler).rsplit('.', 1)[-1]} → {f.data.stream}" for f in consoles})
        yield hit(*consoles[:2], variant="java", evidence=", ".join(shown))
        return
    boot = appmodel.spring_console_default(facts)
    if boot is not None:
        yield hit(boot, variant="java_default", evidence="Spring Boot")


@rule(
    "F11-S10",
    factor=11,
    polarity=FOR,
    strength=STRONG,
    ecosystems=("py", "node", "go", "java", "rb"),
    replaces=("F11-S3b", "F11-S5b", "F11-S11j", "F11-S11"),
)
def stdout_logging(facts: AppFacts) -> Iterator[Hit]:
    """The event stream goes to stdout or stderr.

    Strong for a logger configured for a stream (a handler, transport, appender or server flag);
    moderate for unbuffered output set in the image or by `python -u`, and for servers that log to stderr by
    default; weak for direct writes (`print`, `console.log`) and Flask's default handler. Go, Ruby and JVM loggers are read
    with their stacks' knowledge (RAILS_LOG_TO_STDOUT, logback profiles, Spring Boot's default
    console logging when nothing configures a file).

    Why it matters: XI. Logs — each process writes its event stream, unbuffered, to stdout and
    lets the environment capture and route it; stderr is captured by every mainstream platform
    just the same.
    Fires on: `logging.basicConfig(stream=sys.stdout)`, `pino()`, winston `transports.Console`,
    `log.SetOutput(os.Stdout)`, `Logger.new($stdout)`, logback `ConsoleAppender`,
    `gunicorn --access-logfile -`, `ENV PYTHONUNBUFFERED=1`, `CMD ["python", "-u", "worker.py"]`,
    `CMD ["gunicorn", ...]`, `celery -A app worker`, logrus' or zerolog's global logger (stderr), `Flask(__name__)`,
    NestJS's default logger (`NestFactory.create(AppModule)`), `fastify({ logger: true })`, `print()`.
    Near miss: a `FileHandler`; a stream handler in a test file; a console appender only a dev
    profile uses; `gunicorn --error-logfile /var/log/err.log` (no server default then);
    `console.log` in browser code (`static/js/app.js`, `public/`, `app/javascript/`); `fastify()` with no
    logger; `NestFactory.create(AppModule, { bufferLogs: true })` (a custom logger takes over);
    `celery worker --logfile=/var/log/celery.log`.
    Fix: nothing to fix.
    """
    yield from _every_stack(facts)
    yield from _go(facts)
    yield from _ruby(facts)
    yield from _jvm(facts)
