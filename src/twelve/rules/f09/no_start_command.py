"""No start command, so nothing to judge (F09-NE)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F09-NE", factor=9, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def no_start_command(facts: AppFacts) -> Iterator[Hit]:
    """No production start command and no deployed process: shutdown and start-up cannot be judged.

    Why it matters: IX. Disposability — start-up time and signal handling follow from the
    command that starts each process; without one the tool says so instead of guessing.
    Fires on: a repository with code but no Procfile, Dockerfile CMD/ENTRYPOINT, deploy compose
    command, Kubernetes workload or platform service.
    Near miss: a Procfile `web:` line; a Kubernetes Deployment of the app (its image's CMD starts it).
    Fix: declare how the app starts (a Procfile line or a Dockerfile CMD).
    """
    if (
        appmodel.lasting_starts(facts)
        or appmodel.deployed_workloads(facts, appmodel.LONG_RUNNING_KINDS)
        or appmodel.deployed(facts, "platform.service")
    ):
        return
    yield hit(Location(facts.app.path), variant=appmodel.advice_stack(facts))
