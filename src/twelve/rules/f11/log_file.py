"""Log records written to a file by the app itself (F11-S01), in every stack, each with its own
wording (the hit's variant): Python (none), Node.js (`node`), Go (`go`), the JVM (`java`, and
`java_spring` for Spring Boot's `logging.file.*`), Ruby (`ruby`, and `ruby_default` for Rails'
default production log file)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.knowledge import frameworks
from twelve.model import Location
from twelve.rules.f11._shared import handler_code
from twelve.rules.registry import AGAINST, MODERATE, STRONG, WEAK, Hit, hit, rule


def _jvm_target(fact: Fact) -> str:
    """How a JVM appender's file reads: the literal, `${VAR}` or the template, the expression."""
    target = fact.data.target
    if target is None:
        return "…"
    if target.source == "literal":
        return str(target.value)
    if target.source == "env":
        return str(target.template or f"${{{target.env_name}}}")
    return str(target.text or "…")


def _python(facts: AppFacts) -> Iterator[Hit]:
    """File handlers (every scope), logging dictionaries, and servers' log flags and settings."""
    for sink in appmodel.log_sinks(facts):
        if sink.language == "python" and sink.writes_file:
            fact = sink.fact
            yield hit(fact, handler=handler_code(fact), target=appmodel.value_text(fact.data.target), path=fact.path)
    for handler in appmodel.dict_handlers(facts):
        if handler.writes_file and handler.cls is not None:
            yield hit(
                handler.cls,
                handler=handler.cls.get("value"),
                target=handler.setting("filename") or "…",
                path=handler.cls.path,
            )
    for log in appmodel.server_log_flags(facts) + appmodel.server_log_settings(facts):
        if not log.to_stream:
            yield hit(log.fact, handler=f"{log.server} {log.setting}", target=log.value, path=log.fact.path)


def _node(facts: AppFacts) -> Iterator[Hit]:
    """File transports of production JavaScript/TypeScript code."""
    for sink in appmodel.log_sinks(facts):
        if sink.language == "node" and sink.production and sink.writes_file:
            fact = sink.fact
            yield hit(
                fact,
                variant="node",
                handler=fact.data.handler,
                target=appmodel.value_text(fact.data.target),
                path=fact.path,
            )


def _go(facts: AppFacts) -> Iterator[Hit]:
    """Go loggers writing to a file (every scope)."""
    for sink in appmodel.log_sinks(facts):
        if sink.language == "go" and sink.writes_file:
            fact = sink.fact
            yield hit(
                fact,
                variant="go",
                handler=fact.data.handler,
                target=appmodel.value_text(fact.data.target),
                path=fact.path,
            )


def _jvm(facts: AppFacts) -> Iterator[Hit]:
    """File appenders and Spring Boot log files that a production profile uses."""
    for sink in appmodel.log_sinks(facts):
        if sink.language != "jvm" or not (sink.production and sink.writes_file and sink.in_production_profile):
            continue
        fact = sink.fact
        handler = str(fact.data.handler)
        spring = fact.data.format == "spring"
        yield hit(
            fact,
            variant="java_spring" if spring else "java",
            handler=handler.rsplit(".", 1)[-1] if "." in handler and not spring else handler,
            target=_jvm_target(fact),
            path=fact.path,
        )


def _ruby(facts: AppFacts) -> Iterator[Hit]:
    """Ruby loggers opened on a file (every scope; weak when RAILS_LOG_TO_STDOUT switches them off
    and the app reads it), and Rails' default production log file."""
    switched = bool(appmodel.rails_stdout_switches(facts))
    for sink in appmodel.log_sinks(facts):
        if sink.language != "ruby" or not sink.writes_file:
            continue
        fact = sink.fact
        conditional = frameworks.RAILS_LOG_TO_STDOUT in str(fact.data.condition or "")
        yield hit(
            fact,
            strength=WEAK if conditional and switched else None,
            variant="ruby",
            handler=fact.data.api,
            target=appmodel.value_text(fact.data.target),
            path=fact.path,
        )
    production_rb = appmodel.rails_default_log_file(facts)
    if production_rb is not None:
        yield hit(
            Location(production_rb),
            strength=MODERATE,
            variant="ruby_default",
            handler="Rails.logger",
            target=frameworks.RAILS_DEFAULT_LOG,
            path=production_rb,
        )


@rule(
    "F11-S01",
    factor=11,
    polarity=AGAINST,
    strength=STRONG,
    ecosystems=("py", "node", "go", "java", "rb"),
    replaces=("F11-S1", "F11-S2", "F11-S3", "F11-S4", "F11-S5"),
)
def log_files(facts: AppFacts) -> Iterator[Hit]:
    """Log records written to a file by the app itself.

    Read from the app model's log sinks (`writes_file` answers, once for every stack, whether a
    handler writes a file), Python logging dictionaries, a server's log flags and settings, and
    Rails' default production logger (moderate: a framework default). A Ruby file logger the app
    switches off with RAILS_LOG_TO_STDOUT is weak evidence; a JVM appender only a development
    profile uses does not count.

    Why it matters: XI. Logs — a twelve-factor app writes its event stream, unbuffered, to
    stdout and never routes or stores it; files fill disks, vanish with the container and
    cannot be collated across processes.
    Fires on: `logging.FileHandler("app.log")`, winston `transports.File`, `log.SetOutput(f)` on an
    opened file, lumberjack, logback `FileAppender`, `logging.file.name`,
    `Logger.new("log/production.log")`, `gunicorn --access-logfile app.log`, a Rails app whose
    production.rb sets no logger.
    Near miss: a `StreamHandler(sys.stdout)`; a file appender only a `dev` profile uses;
    `--access-logfile -`; a Rails app that reads RAILS_LOG_TO_STDOUT or sets `config.logger` to STDOUT.
    Fix: log to stdout/stderr and let the platform collect the stream.
    """
    yield from _python(facts)
    yield from _node(facts)
    yield from _go(facts)
    yield from _jvm(facts)
    yield from _ruby(facts)
