"""F06-S07: a persistent volume mounted on the app's own processes."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule(
    "F06-S07",
    factor=6,
    polarity=AGAINST,
    strength=MODERATE,
    ecosystems=("any", "deploy"),
    replaces=("F06-S7", "F06-S7k"),
)
def persistent_volume(facts: AppFacts) -> Iterator[Hit]:
    """A persistent volume attached to the app's containers at a path that may hold app data.

    Docker and compose volumes have the plain sentences; Kubernetes workloads and platform
    services the `workload` variant.
    Why it matters: VI. Processes — app processes are stateless and disposable; a volume holding
    app data ties a process to one machine (or makes replicas share state behind the platform's back).
    Fires on: `VOLUME /app/data` in the final stage; a named read-write volume on a deploy compose
    service built here; a Deployment mounting a PersistentVolumeClaim or hostPath at a data path; a
    fly.toml `[mounts]` destination.
    Near miss: volumes of backing-service images (postgres); scratch, log, cache, static and
    certificate paths; read-only mounts; `emptyDir`; StatefulSets, which run stateful services.
    Fix: keep that data in a backing service (a database, object storage for files); keep volumes
    for scratch space only.
    """
    for volume in state.app_volumes(facts):
        if volume.workload is None:
            yield hit(*volume.where, scope=volume.scope, target=volume.target, via=volume.via, path=volume.path)
        else:
            yield hit(
                *volume.where,
                scope=volume.scope,
                variant="workload",
                workload=volume.workload,
                volume=volume.via,
                target=volume.target,
                file=volume.path,
            )
