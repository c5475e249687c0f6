"""F06-S12: the app's containers run with a read-only root filesystem."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import ADVICE, FOR, MODERATE, Hit, hit, rule


@rule("F06-S12", factor=6, polarity=FOR, strength=MODERATE, basis=ADVICE, ecosystems=("deploy",))
def read_only_root(facts: AppFacts) -> Iterator[Hit]:
    """The app runs with a read-only root filesystem.

    Why it matters: VI. Processes — advice: a root filesystem the process cannot write turns
    statelessness from a convention into something the platform enforces.
    Fires on: `readOnlyRootFilesystem: true` on every app container of a long-running workload;
    `read_only: true` on a deploy compose service built here.
    Near miss: one container of the pod left writable; the setting on a Job.
    Fix: nothing to change.
    """
    for where, scope, workload, path in state.read_only_roots(facts):
        yield hit(where, scope=scope, workload=workload, file=path)
