"""F08-S02: the number of processes is a deploy setting."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, MODERATE, WEAK, Hit, hit, rule


@rule(
    "F08-S02", factor=8, polarity=FOR, strength=MODERATE, ecosystems=("any", "deploy"), replaces=("F08-S2", "F08-S2k")
)
def scaling(facts: AppFacts) -> Iterator[Hit]:
    """How many processes run can be changed per deploy, without touching the code.

    Worker counts have the plain sentences; replicas and autoscalers of the deploy the `deploy` ones.
    Why it matters: VIII. Concurrency — scaling out means changing how many processes of each
    type run; a worker count from the environment, a replica count or an autoscaler makes that a
    deploy decision.
    Fires on: `gunicorn --workers $WEB_CONCURRENCY`; `workers = int(os.environ["WORKERS"])` in
    gunicorn.conf.py; compose `replicas: 3`; Kubernetes `replicas: 3`, an HPA, Helm `replicaCount: 2`;
    gunicorn or uvicorn with no worker count at all (they read WEB_CONCURRENCY: weak).
    Near miss: `gunicorn --workers 4` (fixed in the code); `replicas: 1`; replicas of a database image.
    Fix: nothing to change.
    """
    for fact, knob in processes.concurrency_knobs(facts):
        yield hit(fact, knob=knob, path=fact.path)
    for fact, knob in processes.default_concurrency(facts):
        yield hit(fact, strength=WEAK, knob=knob, path=fact.path)
    seen: set[tuple[str, int | None]] = set()
    for where, scope, _what, knob in processes.replicated(facts):
        if (where.path, where.line) not in seen:
            seen.add((where.path, where.line))
            yield hit(where, scope=scope, variant="deploy", knob=knob, file=where.path)
