"""Nothing says where the event stream goes (F11-NE), judged from the factor's findings."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.model import Effect, Finding, Location, Scope
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule

#: rules of this factor that say nothing about where the event stream goes
_NOT_DESTINATION = frozenset({"F11-NE", "F11-S09"})


@rule("F11-NE", factor=11, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE, closing=True)
def no_logging_evidence(facts: AppFacts, found_here: tuple[Finding, ...]) -> Iterator[Hit]:
    """No rule of this factor found, in production, where the event stream goes.

    A closing rule: it reads the findings of the factor's other rules (buffering, F11-S09, says
    nothing about the destination) instead of looking again.

    Why it matters: XI. Logs — without any logging evidence the tool cannot tell whether the
    event stream goes to stdout; it says so instead of guessing.
    Fires on: an app with no logging handler, configuration, server log setting, PYTHONUNBUFFERED
    or direct write to stdout/stderr in production code.
    Near miss: a single `print()` or `console.log` in production code; a Go app whose only
    logger writes a file (F11-S01 found where the stream goes).
    Fix: configure the app's logger to write to stdout at start-up.
    """
    if not any(f.rule not in _NOT_DESTINATION and f.scope is Scope.PRODUCTION for f in found_here):
        yield hit(Location(facts.app.path))
