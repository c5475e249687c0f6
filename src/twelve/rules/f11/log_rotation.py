"""The app manages its own log files: rotation, retention, a log volume (F11-S06)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.knowledge import logs
from twelve.rules.f11._shared import handler_code
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F11-S06", factor=11, polarity=AGAINST, strength=MODERATE, replaces=("F11-S6",))
def log_rotation(facts: AppFacts) -> Iterator[Hit]:
    """Log files the app rotates or keeps itself, or a log directory declared as a volume.

    Read from log sinks of every stack (`rotates`; a JVM appender only a development profile
    uses does not count), Python logging dictionaries, and production Dockerfiles' VOLUMEs.

    Why it matters: XI. Logs — rotation, retention and archival belong to the execution
    environment; an app that manages them is writing and storing log files.
    Fires on: `RotatingFileHandler("a.log", maxBytes=..., backupCount=3)`, a `LOGGING` handler with
    `backupCount`, winston `DailyRotateFile`, logback `RollingFileAppender`, loguru
    `rotation="10 MB"`, `VOLUME ["/var/log/app"]` with the `RUN mkdir` that creates it.
    Near miss: a plain `FileHandler` (F11-S01's); `VOLUME ["/data"]`; a rolling appender only a
    `dev` profile uses.
    Fix: remove the rotation and retention settings and the log volume; log to stdout and set
    retention in the platform or the log aggregator.
    """
    for sink in appmodel.log_sinks(facts):
        if sink.rotates and sink.in_production_profile:
            yield hit(sink.fact, what=handler_code(sink.fact), path=sink.fact.path)
    for handler in appmodel.dict_handlers(facts):
        keys = handler.rotation_settings
        if handler.cls is not None and (keys or handler.name.startswith(logs.PY_ROTATING_PREFIXES)):
            yield hit(
                handler.cls, *(handler.settings[k] for k in keys), what=handler.cls.get("value"), path=handler.cls.path
            )
    for volume, path, made in appmodel.log_volumes(facts):
        yield hit(volume, *made, what=f"VOLUME {path}", path=volume.path)
