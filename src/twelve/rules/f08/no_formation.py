"""F08-AP02: the repository declares no formation: the app runs as one process, or says nothing."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import advice_stack, conventional_starts, long_running_starts, processes
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F08-AP02", factor=8, polarity=AGAINST, strength=MODERATE, replaces=("F08-NE",))
def no_formation(facts: AppFacts) -> Iterator[Hit]:
    """No formation is declared: nothing says which process types run or how many of each.

    The app may start as one process (a Dockerfile CMD, one compose service, one workload with one
    replica), or the repository may not say how it starts at all (variant `nostart`). Either way
    the rubric's "stateless single process with no declared formation" is partial.
    Why it matters: VIII. Concurrency — the app scales out through the process model: process
    types (web, worker, clock) and the number of processes of each are the formation the platform
    runs; one process whose copies nobody declares scales only by hand or vertically.
    Fires on: a Dockerfile `CMD gunicorn app:app` and nothing else; a compose file with the app,
    a one-off migration service and a database; a Deployment with `replicas: 1`; no Procfile,
    Dockerfile, compose command, workload or platform service at all.
    Near miss: a Procfile; two long-running process types of the app's image; `replicas: 3`, an
    HPA or Helm `replicaCount: 2`; `gunicorn --workers $WEB_CONCURRENCY`; pm2 `instances: "max"`.
    Fix: declare the formation: a Procfile with the app's process types, or a deploy definition
    with the number of replicas (or a worker count read from the environment).
    """
    if processes.declared_formation(facts):
        return
    starts = long_running_starts(facts) or conventional_starts(facts)
    stack = advice_stack(facts)
    if processes.declares_processes(facts) and starts:
        _program, shown = processes.running(starts[0])
        yield hit(starts[0].fact, variant=stack, command=shown, path=starts[0].fact.path)
    elif processes.declares_processes(facts):
        workloads = processes.workloads(facts)
        where = workloads[0] if workloads else Location(".")
        yield hit(where, variant=stack, command="(image CMD)", path=getattr(where, "path", "."))
    elif facts.app.stacks:  # an app twelve cannot read at all (no supported stack) says nothing here
        yield hit(Location("."), variant="nostart", command="", path=".")
