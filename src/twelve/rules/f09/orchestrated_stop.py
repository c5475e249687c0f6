"""The orchestrator's part of a graceful stop: probes, preStop hooks, grace periods (F09-S08)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.model import Location
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


def _where(fact: Fact, line: int | None, excerpt: str = "") -> Location:
    return Location(fact.path, line or fact.line, excerpt)


def _label(fact: Fact) -> str:
    return f"{fact.data.kind} {fact.data.name}".strip()


@rule("F09-S08", factor=9, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F09-S8",))
def orchestrated_graceful_stop(facts: AppFacts) -> Iterator[Hit]:
    """The orchestrator takes the process out of traffic and gives it time to stop.

    Read from the app's long-running Kubernetes workloads (probes, preStop hooks, a positive
    terminationGracePeriodSeconds) and platform services (a health check, a kill timeout).

    Why it matters: IX. Disposability — a graceful stop needs the orchestrator's help: a readiness
    probe takes the pod out of the load balancer, and the preStop hook and the grace period give
    requests in flight time to finish before SIGKILL.
    Fires on: a Deployment container with `readinessProbe`, `livenessProbe` or `preStop`, or
    `terminationGracePeriodSeconds: 60`; fly.toml `kill_timeout`, a render.yaml `healthCheckPath`.
    Near miss: a Deployment with none of them; `terminationGracePeriodSeconds: 0`; a Job.
    Fix: nothing to fix.
    """
    for workload in appmodel.deployed_workloads(facts, appmodel.LONG_RUNNING_KINDS):
        containers = appmodel.app_containers(workload)
        present: list[str] = []
        where: list[Location] = []
        for container in containers:
            for probe, line in sorted((container.get("probe_lines") or {}).items()):
                present.append(f"{probe}Probe")
                where.append(_where(workload, line, f"{probe}Probe"))
            if container.get("pre_stop"):
                present.append("preStop")
                where.append(_where(workload, container["pre_stop"].get("line"), "preStop"))
        grace = workload.data.termination_grace
        if grace is not None and grace > 0:
            present.append(f"terminationGracePeriodSeconds {grace}")
            where.append(
                _where(workload, workload.data.termination_grace_line, f"terminationGracePeriodSeconds: {grace}")
            )
        if present:
            yield hit(
                *where[:4], scope=workload.scope, workload=_label(workload), what=", ".join(dict.fromkeys(present))
            )
    for service in appmodel.deployed(facts, "platform.service"):
        data = service.data
        present = (["health check"] if data.health_check else []) + (
            [f"kill_timeout {data.kill_timeout}"] if data.kill_timeout not in (None, "0") else []
        )
        if present:
            yield hit(service, workload=f"{data.platform} {data.name}", what=", ".join(present))
