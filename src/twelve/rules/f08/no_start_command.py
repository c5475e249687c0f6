"""F08-NE: nothing says how the app's processes start."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes
from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F08-NE", factor=8, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def no_start_command(facts: AppFacts) -> Iterator[Hit]:
    """No start command was found, so the process types cannot be judged.

    Why it matters: VIII. Concurrency — the factor is judged from the declared process types;
    without any start command there is nothing to judge, and the tool says so.
    Fires on: a repository with no Procfile, no Dockerfile CMD/ENTRYPOINT, no compose command, no
    Kubernetes workload and no platform service.
    Near miss: any of those, even a single Dockerfile CMD.
    Fix: declare the process formation (a Procfile, or a Dockerfile CMD that starts the server).
    """
    if not processes.declares_processes(facts):
        yield hit(Location("."))
