"""F08-S09: a workload pinned to one replica because it must not scale."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes
from twelve.facts import AppFacts
from twelve.rules.registry import ADVICE, AGAINST, WEAK, Hit, hit, rule


@rule("F08-S09", factor=8, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=("deploy",), replaces=("F08-S9",))
def singleton_replica(facts: AppFacts) -> Iterator[Hit]:
    """A deploy forces a workload to one replica with a note that it must not be scaled.

    Why it matters: VIII. Concurrency — advice: a process that must never run twice hides state or
    singleton work (a scheduler, a local file) that the process model should make explicit.
    Fires on: `replicas: 1  # do not scale: runs the cron jobs`, Helm `replicaCount: 1  # singleton`,
    a Kustomize replica count of one with such a note.
    Near miss: `replicas: 1` with no note, or a note that says nothing about scaling.
    Fix: move what the workload keeps to itself to a backing service or a process type of its own,
    or guard it with a lock or lease.
    """
    for where, scope, what, note in processes.pinned_to_one(facts):
        yield hit(where, scope=scope, workload=what, note=note[:120], file=where.path)
