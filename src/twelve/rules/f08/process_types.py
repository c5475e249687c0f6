"""F08-S01: the app declares its process types."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import compose_starts, processes, start_commands
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, STRONG, WEAK, Hit, hit, rule


def _formation(facts: AppFacts) -> Iterator[Hit]:
    """Procfiles and compose formations; else the workloads and platform services a deploy runs
    (each a type; one alone is weak), unless some of them run one image (the `workloads` hits say
    so); else the single process of the Dockerfile or compose service (weak: one process is not a
    formation)."""
    found = False
    for formation in processes.procfile_formations(facts) + processes.compose_formations(facts):
        found = True
        yield hit(
            *formation.where,
            scope=formation.scope,
            source=formation.source,
            count=formation.count,
            types=formation.types,
            formation=formation.formation,
        )
    if found:
        return
    deployed = [d for d in processes.deployed_processes(facts) if not processes.one_off(facts, d[2].split())]
    if deployed and not processes.workload_formations(facts):
        yield hit(
            *(where for where, _name, _command in deployed[:6]),
            strength=WEAK if len(deployed) == 1 else None,
            variant="single" if len(deployed) == 1 else None,
            source=", ".join(sorted({w.path for w, _n, _c in deployed})),
            count=len(deployed),
            types=[name for _w, name, _c in deployed],
            formation="; ".join(f"{name}: {command}" for _w, name, command in deployed[:8]),
        )
        return
    docker = [s for s in start_commands(facts) if s.via in ("dockerfile", "entrypoint")]
    for start in docker or compose_starts(facts, roles=("deploy", "dev")):
        # `npm start` is shown with the command its package.json script runs; shells and `bundle exec` are looked through
        program, shown = processes.running(start)
        yield hit(
            start.fact, strength=WEAK, variant="single", source=start.fact.path, count=1, types=program, formation=shown
        )


@rule("F08-S01", factor=8, polarity=FOR, strength=STRONG, ecosystems=("any", "deploy"), replaces=("F08-S1", "F08-S1k"))
def process_types(facts: AppFacts) -> Iterator[Hit]:
    """The app's process formation is declared: the types of work and the command of each.

    Several long-running workloads of one image with different commands (and the processes of
    one fly.io app) have the `workloads` sentences.
    Why it matters: VIII. Concurrency — the app scales out by running more processes of each
    declared type (web, worker, clock); the platform can only run and multiply what is declared.
    A single process (one Dockerfile CMD, one compose service, one workload) has the `single`
    sentences and is weak: it says how the process starts, not how the app scales out.
    Fires on: a Procfile (`web:`, `worker:`, `clock:`); compose services built from one context
    with different commands; Deployments of one image with different `command`/`args`; a
    Dockerfile CMD as the only process (weak).
    Near miss: compose services of different images; workloads of one image all running its CMD;
    a compose service or workload that runs a one-off admin command (`alembic upgrade head`) next
    to the app; a Procfile's `release` line.
    Fix: nothing to change.
    """
    yield from _formation(facts)
    for formation in processes.workload_formations(facts):
        yield hit(
            *formation.where,
            scope=formation.scope,
            variant="workloads",
            image=formation.source,
            count=formation.count,
            types=formation.formation,
        )
