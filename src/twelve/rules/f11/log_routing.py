"""The app routes its own log records to a destination it chooses (F11-S08)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.knowledge import logs
from twelve.rules.f11._shared import handler_code
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule


def _shown(shipper: appmodel.Shipper) -> str:
    """How a shipper reads: the handler's code, an agent's name with the option that attaches it."""
    fact = shipper.fact
    if fact.kind != "log.handler":  # a logging dictionary's `class`
        return str(fact.get("value"))
    if shipper.handler in logs.LOG_SHIPPING_AGENTS.values():
        return f"{shipper.handler} ({fact.get('api')})"
    return handler_code(fact)


@rule("F11-S08", factor=11, polarity=AGAINST, strength=MODERATE, replaces=("F11-S8",))
def log_routing(facts: AppFacts) -> Iterator[Hit]:
    """The app ships its log records to a log host or service from inside the process.

    Read from the app model's shippers (`log_shippers`): handlers, transports and appenders of every
    stack that send records over the network (a JVM appender only a development profile uses does
    not count), log vendors' SDKs (Application Insights' console capture, Better Stack), Java agents
    that capture the logging framework's records (unless their configuration switches the capture
    off), and Python logging dictionaries. Strong when the shipper is the only place the records go
    (no logger of the app writes the stream to stdout/stderr, and no deploy setting enables it);
    moderate beside a stream, when only a deploy that gives a variable enables it, or when it
    ships a copy of what the app's other loggers write.

    Why it matters: XI. Logs — the app is not concerned with routing or storing its output; the
    environment decides where the stream goes, and can change it without a code change.
    Fires on: `SysLogHandler(address=("logs.example.com", 514))` as the root logger's only handler
    (strong); a `LOGGING` handler of class `logstash.TCPLogstashHandler` beside a console handler,
    winston `transports.Http`, logback `LogstashTcpSocketAppender`, `Logtail::Logger` when
    LOGTAIL_API_KEY is set, `appInsights.setup(...).setAutoCollectConsole(true)`,
    `ENTRYPOINT ["java", "-javaagent:/app/applicationinsights-agent.jar", ...]`.
    Near miss: a `StreamHandler`; `sentry_sdk.init(...)` or a Sentry appender (an error tracker);
    a Logstash appender only a `dev` profile uses; the Application Insights agent with
    `"instrumentation": {"logging": {"level": "OFF"}}`.
    Fix: log to stdout and forward the stream with the platform's log router or a collector
    configured outside the app.
    """
    for shipper in appmodel.log_shippers(facts):
        fact = shipper.fact
        shown = _shown(shipper)
        if shipper.copies:
            yield hit(fact, variant="copy", handler=shown, path=fact.path)
        elif shipper.optional:
            yield hit(fact, variant="optional", handler=shown, condition=shipper.condition, path=fact.path)
        elif appmodel.only_sink(facts, shipper):
            yield hit(fact, strength=STRONG, variant="only", handler=shown, path=fact.path)
        else:
            yield hit(fact, handler=shown, path=fact.path)
