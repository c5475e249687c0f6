"""F06-S13: several replicas run, and nothing pins clients to one of them."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes, state
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, WEAK, Hit, hit, rule


@rule("F06-S13", factor=6, polarity=FOR, strength=WEAK, ecosystems=("deploy",))
def replicas_without_affinity(facts: AppFacts) -> Iterator[Hit]:
    """Several replicas of the app run with no session affinity.

    Why it matters: VI. Processes — running more than one copy with requests spread over them
    exercises statelessness in practice: state kept in one process would be missed at once.
    Fires on: `replicas: 3`, an HPA with `maxReplicas` above one, Helm `replicaCount: 2`, Kustomize
    replicas, several platform instances — with no sticky-session setting anywhere.
    Near miss: one replica; any session affinity (F06-S01 reports it).
    Fix: nothing to change.
    """
    if state.session_affinities(facts):
        return
    found = processes.replicated(facts)
    if found:
        where, scope, what, knob = found[0]
        yield hit(where, scope=scope, what=what, knob=knob)
