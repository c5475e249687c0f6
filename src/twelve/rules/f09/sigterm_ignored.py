"""SIGTERM ignored, or handled by exiting at once (F09-S13)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.rules.f09._shared import handler_text
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F09-S13", factor=9, polarity=AGAINST, strength=STRONG)
def sigterm_ignored(facts: AppFacts) -> Iterator[Hit]:
    """A SIGTERM handler or shell trap that ignores the signal or ends the process at once.

    Read in every language and in every scope (the finding keeps the scope of its file).

    Why it matters: IX. Disposability — the process manager asks a process to stop with SIGTERM
    and expects a graceful exit; ignoring the signal ends in SIGKILL, and exiting at once drops
    the work in flight.
    Fires on: `signal.signal(SIGTERM, SIG_IGN)`, `process.on("SIGTERM", () => process.exit(0))`,
    `Signal.trap("TERM", "IGNORE")`, `signal.Ignore(syscall.SIGTERM)`, `trap '' TERM` in a script.
    Near miss: a handler that closes the server and then exits; `trap 'kill $PID' TERM` (forwards
    the signal); a handler of SIGINT only.
    Fix: let the handler stop taking new work and finish or return what is in progress before it
    exits, or remove it and let a server that drains on SIGTERM handle the signal.
    """
    for fact in appmodel.abrupt_handlers(facts):
        yield hit(fact, handler=handler_text(fact))
    for fact in appmodel.ignoring_traps(facts):
        yield hit(fact, handler=fact.excerpt)
