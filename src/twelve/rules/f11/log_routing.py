"""The app routes its own log records to a destination it chooses (F11-S08)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.rules.f11._shared import handler_code
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F11-S08", factor=11, polarity=AGAINST, strength=MODERATE, replaces=("F11-S8",))
def log_routing(facts: AppFacts) -> Iterator[Hit]:
    """A handler, transport or appender that ships log records over the network itself.

    Read from log sinks of every stack (`routes`; a JVM appender only a development profile uses
    does not count) and Python logging dictionaries.

    Why it matters: XI. Logs — the app is not concerned with routing or storing its output; the
    environment decides where the stream goes, and can change it without a code change.
    Fires on: `SysLogHandler(address=("logs.example.com", 514))`, a `LOGGING` handler of class
    `logstash.TCPLogstashHandler`, winston `transports.Http`, logback `SyslogAppender`.
    Near miss: a `StreamHandler`; a Logstash appender only a `dev` profile uses.
    Fix: log to stdout and forward the stream with the platform's log router or a collector
    configured outside the app.
    """
    for sink in appmodel.log_sinks(facts):
        if sink.routes and sink.in_production_profile:
            yield hit(sink.fact, handler=handler_code(sink.fact), path=sink.fact.path)
    for handler in appmodel.dict_handlers(facts):
        if handler.routes and handler.cls is not None:
            yield hit(handler.cls, handler=handler.cls.get("value"), path=handler.cls.path)
