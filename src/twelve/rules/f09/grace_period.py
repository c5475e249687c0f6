"""A grace period too short for the process to stop gracefully (F09-S15)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import ADVICE, AGAINST, WEAK, Hit, hit, rule


@rule("F09-S15", factor=9, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=("deploy",))
def short_grace_period(facts: AppFacts) -> Iterator[Hit]:
    """A Kubernetes grace period of zero, or shorter than the time the server drains.

    Advice: the methodology asks for a graceful stop; the grace period is how long the
    orchestrator waits for it before SIGKILL.

    Why it matters: IX. Disposability — SIGTERM gives the process the grace period to finish its
    requests and jobs; zero, or less than the server's own drain timeout, cuts them.
    Fires on: `terminationGracePeriodSeconds: 0`; `terminationGracePeriodSeconds: 10` with
    `gunicorn --graceful-timeout 30` or `graceful_timeout = 30` in gunicorn.conf.py.
    Near miss: no terminationGracePeriodSeconds (Kubernetes' 30 s default); a grace period at
    least as long as the drain timeout.
    Fix: set terminationGracePeriodSeconds to at least the time the app needs to drain, and keep
    the server's graceful timeout below it.
    """
    drain = appmodel.drain_timeout(facts)
    for workload in appmodel.deployed_workloads(facts, appmodel.LONG_RUNNING_KINDS):
        grace = workload.data.termination_grace
        if grace is None:
            continue
        where = Location(
            workload.path,
            workload.data.termination_grace_line or workload.line,
            f"terminationGracePeriodSeconds: {grace}",
        )
        label = f"{workload.data.kind} {workload.data.name}".strip()
        if grace == 0:
            yield hit(where, scope=workload.scope, workload=label, grace=grace, drain="0", file=workload.path)
        elif drain is not None and grace < drain[0]:
            yield hit(
                where,
                drain[1],
                scope=workload.scope,
                workload=label,
                grace=grace,
                drain=f"{drain[0]:g}",
                file=workload.path,
                variant="drain",
            )
