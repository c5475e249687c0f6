"""Rules specific to deploy descriptors (Kubernetes, Helm, Kustomize, platforms, CI): the catalogue's per-ecosystem signals, all factors.

The generic factor modules already read Dockerfiles, compose files, Procfiles and CI steps; this
module reads what orchestrators and platforms declare (facts `k8s.*` and `platform.*`): how the
release is referenced (V), where secrets come from (III), affinity and volumes (VI), replicas and
process types (VIII), probes and grace periods (IX), and one-off Jobs (XII). Where the catalogue id
already names a generic rule, the deploy variant carries a `k` suffix (F03-S8k, F05-S2k...).

In a repository with several apps, manifests kept outside every app root (a shared k8s/ folder)
are attributed to the app whose name their workload or image names; a manifest that names no app
is shared by all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.kubernetes import SECRET_NAME
from twelve.model import Location, Scope
from twelve import appmodel
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

#: workloads that run long-lived copies of a process (scaled by replicas)
LONG_RUNNING = appmodel.LONG_RUNNING_KINDS
#: workloads whose pods are interchangeable copies (a volume there is shared state of the app)
STATELESS = appmodel.STATELESS_KINDS
_NOT_STATE_PATH = re.compile(r"(?i)^(/tmp|/var/tmp|/run|/var/run|/dev/shm)(/|$)|(^|/)(logs?|tmp|cache|\.cache|"
                             r"static|staticfiles|node_modules|\.venv|venv|__pycache__|certs?|tls|ssl|secrets?|config)(/|$)")
_SINGLETON = re.compile(r"(?i)(must|should|do|does|can|could)\s*(not|n't)\s+(be\s+)?scal|(cannot|can't|won't)\s+(be\s+)?scal|"
                        r"never\s+scale|dont\s+scale|"
                        r"singleton|only\s+one\s+(instance|replica|pod|copy|process)|single\s+(instance|replica|pod)|"
                        r"one\s+(replica|instance)\s+only|not\s+safe\s+to\s+scale|leader\s+(only|election)|exactly\s+one")
_AFFINITY_KEY = re.compile(r"(?i)affinity|sticky|stickiness|session-cookie|cookie-persistence")
_AFFINITY_ON = re.compile(r"(?i)^(cookie|clientip|client_ip|true|on|enabled|generated_cookie|http_cookie|balanced|persistent)$|"
                          r"stickiness\.enabled=true")


# --- facts of this app ----------------------------------------------------------------------------


def _where(fact: Fact, line: int | None, excerpt: str = "") -> Location:
    return Location(fact.path, line or fact.line, excerpt)


def _label(fact: Fact) -> str:
    return f"{fact.get('kind')} {fact.get('name')}".strip()


# --- F03: config ----------------------------------------------------------------------------------


def _credential(key: str, grade: str | None) -> bool:
    """A value of a Secret or secret generator that is a credential: any real-looking value, or a
    trivial one under a credential's name (a user name such as `app` is not a leaked credential)."""
    return grade == "secret" or (grade == "trivial" and bool(SECRET_NAME.search(key)))


def _literal_credentials(facts: AppFacts) -> Iterator[tuple[Fact, str, list[tuple[str, int | None, str]]]]:
    """(fact, where, [(key, line, grade)]) of credentials written as literal values in manifests."""
    for workload in appmodel.deployed(facts, "k8s.workload"):
        for container in workload.get("containers") or []:
            found = [(e["name"], e.get("value_line") or e.get("line"), e["grade"]) for e in container.get("env") or []
                     if e.get("source") == "literal" and e.get("grade") and (e.get("secret_name") or e.get("credentials_url"))]
            if found:
                yield workload, f"{_label(workload)} env ({container.get('name')})", found
    for secret in appmodel.deployed(facts, "k8s.secret"):
        found = [(v["key"], v.get("line"), v["grade"]) for v in secret.get("values") or [] if _credential(v["key"], v.get("grade"))]
        if found:
            fields = sorted({v.get("field") for v in secret.get("values") or [] if v.get("grade")})
            yield secret, f"Secret {secret.get('name')} {'/'.join(fields)}", found
    for values in appmodel.deployed(facts, "k8s.helm_values"):
        found = [(c["path"], c.get("line"), c["grade"]) for c in values.get("credentials") or []]
        found += [(e["name"], e.get("line"), e["grade"]) for e in values.get("env") or []
                  if e.get("source") == "literal" and e.get("grade") and not any(e.get("line") == f[1] for f in found)]
        if found:
            yield values, "Helm values", found
    for kustomization in appmodel.deployed(facts, "k8s.kustomization"):
        for generator in kustomization.get("secret_generators") or []:
            found = [(lit["key"], lit.get("line"), lit["grade"]) for lit in generator.get("literals") or []
                     if _credential(lit["key"], lit.get("grade"))]
            if found:
                yield kustomization, f"secretGenerator {generator.get('name')}", found
    for service in appmodel.deployed(facts, "platform.service"):
        found = [(e["key"], e.get("line"), e["grade"]) for e in service.get("env") or []
                 if e.get("source") == "literal" and e.get("grade") and e.get("secret_name")]
        if found:
            yield service, f"{service.get('platform')} {service.get('name')} env", found


@rule("F03-S8k", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def literal_secret_in_manifest(facts: AppFacts) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for fact, where, found in _literal_credentials(facts):
        if (fact.path, where) in seen:
            continue
        seen.add((fact.path, where))
        real = [f for f in found if f[2] == "secret"]
        shown = real or found
        locations = [_where(fact, line, f"{key}: …") for key, line, _grade in shown[:4]]
        yield hit(*locations, strength=None if real else WEAK, scope=fact.scope, file=fact.path, where=where,
                  keys=sorted({key for key, _line, _grade in shown}))


def _injected(facts: AppFacts) -> Iterator[tuple[Fact, int | None, str]]:
    for workload in appmodel.deployed(facts, "k8s.workload"):
        for container in workload.get("containers") or []:
            for entry in container.get("env_from") or []:
                yield workload, entry.get("line"), f"envFrom {entry.get('source')}Ref {entry.get('name')}"
            for entry in container.get("env") or []:
                if entry.get("source") in ("secret", "configmap"):
                    key = "secretKeyRef" if entry["source"] == "secret" else "configMapKeyRef"
                    yield workload, entry.get("line"), f"{entry.get('name')} from {key} {entry.get('ref')}"
    for secret in appmodel.deployed(facts, "k8s.secret"):
        if secret.get("managed"):
            yield secret, secret.line, f"{secret.get('kind')} {secret.get('name')}"
    for values in appmodel.deployed(facts, "k8s.helm_values"):
        for ref in values.get("secret_refs") or []:
            yield values, ref.get("line"), f"{ref.get('path')}: {ref.get('value')}"
    for service in appmodel.deployed(facts, "platform.service"):
        for entry in service.get("env") or []:
            if entry.get("source") in ("database", "service", "generated", "unsynced", "group"):
                yield service, entry.get("line"), f"{entry.get('key')} ({entry.get('source')})"


@rule("F03-S22k", factor=3, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def config_injected_by_manifest(facts: AppFacts) -> Iterator[Hit]:
    found = list(_injected(facts))
    if found:
        fact = found[0][0]
        yield hit(*(_where(f, line, how) for f, line, how in found[:4]), scope=fact.scope, file=fact.path,
                  how="; ".join(dict.fromkeys(how for _f, _line, how in found[:4])))


# --- F06: processes ---------------------------------------------------------------------------------


def _affinities(facts: AppFacts) -> Iterator[tuple[Location, Scope, str]]:
    for service in appmodel.deployed(facts, "k8s.service"):
        if str(service.get("session_affinity") or "").lower() == "clientip":
            yield _where(service, service.get("affinity_line"), "sessionAffinity: ClientIP"), service.scope, \
                f"Service {service.get('name')}: sessionAffinity ClientIP"
        yield from _annotation_affinities(service, "Service")
    for ingress in appmodel.deployed(facts, "k8s.ingress"):
        yield from _annotation_affinities(ingress, "Ingress")
    for policy in appmodel.deployed(facts, "k8s.traffic_policy"):
        affinity = str(policy.get("affinity") or "")
        if affinity and affinity.upper() not in ("NONE", ""):
            yield _where(policy, policy.get("affinity_line"), affinity), policy.scope, f"{policy.get('kind')} {policy.get('name')}: {affinity}"
    for values in appmodel.deployed(facts, "k8s.helm_values"):
        for entry in values.get("affinity") or []:
            if _AFFINITY_ON.search(str(entry.get("value") or "")):
                yield Location(values.path, entry.get("line"), f"{entry.get('path')}: {entry.get('value')}"), values.scope, \
                    f"{entry.get('path')}: {entry.get('value')}"


def _annotation_affinities(fact: Fact, kind: str) -> Iterator[tuple[Location, Scope, str]]:
    lines = fact.get("annotation_lines") or {}
    for key, value in sorted((fact.get("annotations") or {}).items()):
        value = str(value).strip()
        if _AFFINITY_KEY.search(key) and (_AFFINITY_ON.search(value) or ("cookie-persistence" in key and value)):
            yield _where(fact, lines.get(key), f"{key}: {value}"), fact.scope, f"{kind} {fact.get('name')}: {key}={value}"
        elif _AFFINITY_ON.search(value) and "stickiness.enabled=true" in value:
            yield _where(fact, lines.get(key), f"{key}: {value}"), fact.scope, f"{kind} {fact.get('name')}: {key}"


@rule("F06-S1", factor=6, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",))
def sticky_sessions(facts: AppFacts) -> Iterator[Hit]:
    for where, scope, how in _affinities(facts):
        yield hit(where, scope=scope, how=how, file=where.path)


def _state_path(path: str) -> bool:
    return bool(path) and not path.startswith("$") and not _NOT_STATE_PATH.search(path.rstrip("/") + "/")


def _app_volumes(workload: Fact) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(volume, mount) pairs of persistent volumes mounted by the app's containers at data paths."""
    volumes = {v.get("name"): v for v in workload.get("volumes") or [] if v.get("type") in ("pvc", "hostPath")}
    for container in appmodel.app_containers(workload):
        for mount in container.get("volume_mounts") or []:
            volume = volumes.get(mount.get("name"))
            if volume is not None and not mount.get("read_only") and _state_path(str(mount.get("mount_path") or "")):
                yield volume, mount


@rule("F06-S7k", factor=6, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def persistent_volume_on_stateless_workload(facts: AppFacts) -> Iterator[Hit]:
    for workload in appmodel.deployed_workloads(facts, STATELESS):
        for volume, mount in _app_volumes(workload):
            what = f"PVC {volume.get('claim')}" if volume.get("type") == "pvc" else f"hostPath {volume.get('path')}"
            yield hit(_where(workload, mount.get("line"), f"mountPath: {mount.get('mount_path')}"),
                      _where(workload, volume.get("line"), what), scope=workload.scope, workload=_label(workload),
                      volume=what, target=mount.get("mount_path"), file=workload.path)
    for service in appmodel.deployed(facts, "platform.service"):
        for volume in service.get("volumes") or []:
            if _state_path(str(volume.get("target") or "")):
                yield hit(_where(service, volume.get("line"), f"{volume.get('source')}:{volume.get('target')}"), scope=service.scope,
                          workload=f"{service.get('platform')} {service.get('name')}", volume=str(volume.get("source")),
                          target=volume.get("target"), file=service.path)


@rule("F06-S12", factor=6, polarity=FOR, strength=MODERATE, basis=ADVICE, ecosystems=("deploy",))
def read_only_root_filesystem(facts: AppFacts) -> Iterator[Hit]:
    for workload in appmodel.deployed_workloads(facts, LONG_RUNNING):
        containers = appmodel.app_containers(workload)
        if containers and all(c.get("read_only_root") is True for c in containers):
            yield hit(_where(workload, containers[0].get("read_only_line"), "readOnlyRootFilesystem: true"), scope=workload.scope,
                      workload=_label(workload), file=workload.path)
    for service in appmodel.production(facts.of("compose.service")):
        if service.get("role") == "deploy" and service.get("build") and service.get("read_only"):
            yield hit(service, workload=f"compose {service.get('name')}", file=service.path)


def _replicated(facts: AppFacts) -> Iterator[tuple[Location, Scope, str, str]]:
    """(where, scope, what, knob) of every way the app runs (or may run) several copies."""
    for workload in appmodel.deployed_workloads(facts, LONG_RUNNING):
        if (workload.get("replicas") or 0) > 1:
            yield _where(workload, workload.get("replicas_line"), f"replicas: {workload.get('replicas')}"), workload.scope, \
                _label(workload), f"replicas: {workload.get('replicas')}"
    for scaler in appmodel.deployed(facts, "k8s.autoscaler"):
        if (scaler.get("max") or 0) > 1:
            yield _where(scaler, None, scaler.excerpt), scaler.scope, f"{scaler.get('kind')} {scaler.get('name')}", \
                f"{scaler.get('kind')} → {scaler.get('target')} ({scaler.get('min') if scaler.get('min') is not None else '?'}–{scaler.get('max')})"
    for values in appmodel.deployed(facts, "k8s.helm_values"):
        for entry in values.get("replicas") or []:
            if (entry.get("value") or 0) > 1:
                yield Location(values.path, entry.get("line"), f"{entry.get('path')}: {entry.get('value')}"), values.scope, \
                    values.path, f"{entry.get('path')}: {entry.get('value')}"
        for entry in values.get("autoscaling") or []:
            if entry.get("enabled") and (entry.get("max") or 0) > 1:
                yield Location(values.path, entry.get("line"), f"{entry.get('path')}.enabled: true"), values.scope, values.path, \
                    f"{entry.get('path')} ({entry.get('min')}–{entry.get('max')})"
    for kustomization in appmodel.deployed(facts, "k8s.kustomization"):
        for entry in kustomization.get("replicas") or []:
            if (entry.get("count") or 0) > 1:
                yield Location(kustomization.path, entry.get("line"), f"{entry.get('name')}: {entry.get('count')}"), \
                    kustomization.scope, kustomization.path, f"replicas {entry.get('name')}: {entry.get('count')}"
    for service in appmodel.deployed(facts, "platform.service"):
        count = max(service.get("instances") or 0, service.get("min_instances") or 0, service.get("max_instances") or 0)
        if count > 1:
            yield _where(service, None, service.excerpt), service.scope, f"{service.get('platform')} {service.get('name')}", \
                f"{service.get('platform')} {service.get('name')}: {count} instances"


@rule("F06-S13", factor=6, polarity=FOR, strength=WEAK, ecosystems=("deploy",))
def replicas_without_affinity(facts: AppFacts) -> Iterator[Hit]:
    if any(True for _ in _affinities(facts)):
        return
    found = list(_replicated(facts))
    if found:
        where, scope, what, knob = found[0]
        yield hit(where, scope=scope, what=what, knob=knob)


# --- F08: concurrency -------------------------------------------------------------------------------


def _image_key(container: dict[str, Any]) -> str:
    image = container.get("image") or {}
    return str(image.get("ref") if image.get("templated") else image.get("image"))


def _process(container: dict[str, Any]) -> str:
    words = (container.get("command") or []) + (container.get("args") or [])
    return " ".join(words) if words else "(image CMD)"


@rule("F08-S1k", factor=8, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def process_types_as_workloads(facts: AppFacts) -> Iterator[Hit]:
    groups: dict[str, list[tuple[Fact, dict[str, Any]]]] = {}
    for workload in appmodel.deployed_workloads(facts, LONG_RUNNING):
        for container in appmodel.app_containers(workload)[:1]:
            groups.setdefault(_image_key(container), []).append((workload, container))
    for image, members in sorted(groups.items()):
        commands = {_process(c) for _w, c in members}
        if len(members) > 1 and len(commands) > 1:
            first = members[0][0]
            yield hit(*(_where(w, c.get("command_line") or c.get("line"), f"{w.get('name')}: {_process(c)}") for w, c in members[:4]),
                      scope=first.scope, image=image, count=len(members),
                      types="; ".join(f"{w.get('name')}: {_process(c)}" for w, c in members[:6]))
    by_app: dict[tuple[str, str], list[Fact]] = {}
    for service in appmodel.deployed(facts, "platform.service"):
        if service.get("start"):
            by_app.setdefault((service.path, str(service.get("app"))), []).append(service)
    for (_path, app), services in sorted(by_app.items()):
        if len(services) > 1 and services[0].get("platform") == "fly":
            yield hit(*services[:4], image=app, count=len(services),
                      types="; ".join(f"{s.get('name')}: {s.get('start')}" for s in services[:6]))


@rule("F08-S2k", factor=8, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def replicas_and_autoscaling(facts: AppFacts) -> Iterator[Hit]:
    seen: set[tuple[str, int | None]] = set()
    for where, scope, _what, knob in _replicated(facts):
        if (where.path, where.line) not in seen:
            seen.add((where.path, where.line))
            yield hit(where, scope=scope, knob=knob, file=where.path)


def _singletons(facts: AppFacts) -> Iterator[tuple[Location, Scope, str, str]]:
    for workload in appmodel.deployed_workloads(facts, LONG_RUNNING):
        note = str(workload.get("replicas_note") or "")
        if workload.get("replicas") == 1 and _SINGLETON.search(note):
            yield _where(workload, workload.get("replicas_line"), "replicas: 1"), workload.scope, _label(workload), note
    for values in appmodel.deployed(facts, "k8s.helm_values"):
        for entry in values.get("replicas") or []:
            if entry.get("value") == 1 and _SINGLETON.search(str(entry.get("note") or "")):
                yield Location(values.path, entry.get("line"), f"{entry.get('path')}: 1"), values.scope, values.path, str(entry.get("note"))
    for kustomization in appmodel.deployed(facts, "k8s.kustomization"):
        for entry in kustomization.get("replicas") or []:
            if entry.get("count") == 1 and _SINGLETON.search(str(entry.get("note") or "")):
                yield Location(kustomization.path, entry.get("line"), f"{entry.get('name')}: 1"), kustomization.scope, \
                    f"replicas {entry.get('name')}", str(entry.get("note"))


@rule("F08-S9", factor=8, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=("deploy",))
def singleton_replica(facts: AppFacts) -> Iterator[Hit]:
    for where, scope, what, note in _singletons(facts):
        yield hit(where, scope=scope, workload=what, note=note[:120], file=where.path)


# --- F09: disposability -----------------------------------------------------------------------------


@rule("F09-S8", factor=9, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def orchestrated_graceful_stop(facts: AppFacts) -> Iterator[Hit]:
    for workload in appmodel.deployed_workloads(facts, LONG_RUNNING):
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
        grace = workload.get("termination_grace")
        if grace is not None and grace > 0:
            present.append(f"terminationGracePeriodSeconds {grace}")
            where.append(_where(workload, workload.get("termination_grace_line"), f"terminationGracePeriodSeconds: {grace}"))
        if present:
            yield hit(*where[:4], scope=workload.scope, workload=_label(workload), what=", ".join(dict.fromkeys(present)))
    for service in appmodel.deployed(facts, "platform.service"):
        present = (["health check"] if service.get("health_check") else []) + \
            ([f"kill_timeout {service.get('kill_timeout')}"] if service.get("kill_timeout") not in (None, "0") else [])
        if present:
            yield hit(service, workload=f"{service.get('platform')} {service.get('name')}", what=", ".join(present))


def _drain_seconds(facts: AppFacts) -> tuple[float, Fact] | None:
    """The longest graceful-shutdown timeout the app's server is configured with (gunicorn)."""
    found: list[tuple[float, Fact]] = []
    for start in appmodel.start_commands(facts):
        if start.program in ("gunicorn", "gunicorn3"):
            value = start.command().flag_value("--graceful-timeout")
            if value and value.isdigit():
                found.append((float(value), start.fact))
    for fact in appmodel.gunicorn_configs(facts):
        value = fact.get("value")
        if fact.get("name") == "graceful_timeout" and fact.get("source") == "literal" and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            found.append((float(value), fact))
    return max(found, key=lambda item: item[0]) if found else None


@rule("F09-S15", factor=9, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=("deploy",))
def short_grace_period(facts: AppFacts) -> Iterator[Hit]:
    drain = _drain_seconds(facts)
    for workload in appmodel.deployed_workloads(facts, LONG_RUNNING):
        grace = workload.get("termination_grace")
        if grace is None:
            continue
        where = _where(workload, workload.get("termination_grace_line"), f"terminationGracePeriodSeconds: {grace}")
        if grace == 0:
            yield hit(where, scope=workload.scope, workload=_label(workload), grace=grace, drain="0", file=workload.path)
        elif drain is not None and grace < drain[0]:
            yield hit(where, drain[1], scope=workload.scope, workload=_label(workload), grace=grace,
                      drain=f"{drain[0]:g}", file=workload.path, variant="drain")
