"""Requests allowed to run for minutes (F09-S14)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.rules.f09._shared import literal_number
from twelve.rules.registry import AGAINST, WEAK, Hit, hit, rule

#: seconds from which a request timeout is long
_LONG_TIMEOUT = 120


@rule("F09-S14", factor=9, polarity=AGAINST, strength=WEAK)
def long_request_timeout(facts: AppFacts) -> Iterator[Hit]:
    """A web server allowed to keep a request running for two minutes or more.

    Why it matters: IX. Disposability — short requests let a process stop within seconds; long
    ones make every graceful shutdown slow or cut, and point to work that belongs to a worker.
    Fires on: `gunicorn --timeout 300 app:app`; `timeout = 600` in gunicorn.conf.py.
    Near miss: `--timeout 30`; `timeout = int(os.environ["TIMEOUT"])` (not a literal).
    Fix: lower the timeout to a few tens of seconds and move long work to a worker fed by a queue.
    """
    for start, flag, value in appmodel.timeout_flags(facts):
        if value.isdigit() and int(value) >= _LONG_TIMEOUT:
            yield hit(start.fact, timeout=value, setting=flag, path=start.fact.path)
    for fact in appmodel.timeout_settings(facts):
        seconds = literal_number(fact)
        if seconds is not None and seconds >= _LONG_TIMEOUT:
            yield hit(fact, timeout=fact.get("value"), setting=fact.data.name, path=fact.path)
