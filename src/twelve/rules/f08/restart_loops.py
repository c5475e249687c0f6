"""F08-S06: a shell loop keeps restarting the app."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes, production
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F08-S06", factor=8, polarity=AGAINST, strength=MODERATE, replaces=("F08-S6",))
def restart_loops(facts: AppFacts) -> Iterator[Hit]:
    """An endless shell loop re-runs the app's server or worker: a home-made supervisor.

    Why it matters: VIII. Concurrency — restarting crashed processes is the process manager's
    job; a loop inside the container or host script hides crashes and the formation from it.
    Fires on: `while true; do gunicorn app:app; sleep 1; done`; `until node server.js; do ...; done`.
    Near miss: a bounded retry loop; `while ! pg_isready; do sleep 1; done` (it waits, it does not
    supervise); a loop over utilities only.
    Fix: run the program once, in the foreground, and let the platform restart it.
    """
    for loop in production(facts.of("shell.loop")):
        restarted = processes.restarted_programs(loop)
        if restarted:
            yield hit(loop, programs=sorted(set(restarted)), path=loop.path)
