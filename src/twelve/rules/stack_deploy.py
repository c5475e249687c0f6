"""Rules specific to deploy descriptors (Kubernetes, Helm, Kustomize, platforms, CI): the catalogue's per-ecosystem signals, all factors.

The generic factor modules already read Dockerfiles, compose files, Procfiles and CI steps; this
module reads what orchestrators and platforms declare (facts `k8s.*` and `platform.*`): how the
release is referenced (V), affinity and volumes (VI), replicas and
process types (VIII), probes and grace periods (IX), and one-off Jobs (XII). Where the catalogue id
already names a generic rule, the deploy variant carries a `k` suffix (F05-S2k...).

In a repository with several apps, manifests kept outside every app root (a shared k8s/ folder)
are attributed to the app whose name their workload or image names; a manifest that names no app
is shared by all of them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.model import Location, Scope
from twelve import appmodel
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

#: workloads that run long-lived copies of a process (scaled by replicas)
LONG_RUNNING = appmodel.LONG_RUNNING_KINDS
#: workloads whose pods are interchangeable copies (a volume there is shared state of the app)
STATELESS = appmodel.STATELESS_KINDS
_VERSION_TAG = re.compile(r"^v?\d+\.\d+\.\d+([-+][\w.-]+)?$|^v?\d+\.\d+\.\d+\.\d+$|^(sha|git|commit|rev)?[-_]?[0-9a-f]{7,40}$|"
                          r"^\d{8,14}(-[0-9a-f]{7,40})?$|^v?\d+\.\d+\.\d+-[0-9a-f]{7,40}$", re.I)
_CI_REF = re.compile(r"(?i)\$\{?\(?[\w.]*(SHA|COMMIT|REVISION|VERSION|TAG|BUILD_?(ID|NUMBER)|BuildId|SourceVersion|RUN_NUMBER)[\w.]*\)?\}?")
_NOT_STATE_PATH = re.compile(r"(?i)^(/tmp|/var/tmp|/run|/var/run|/dev/shm)(/|$)|(^|/)(logs?|tmp|cache|\.cache|"
                             r"static|staticfiles|node_modules|\.venv|venv|__pycache__|certs?|tls|ssl|secrets?|config)(/|$)")
_SINGLETON = re.compile(r"(?i)(must|should|do|does|can|could)\s*(not|n't)\s+(be\s+)?scal|(cannot|can't|won't)\s+(be\s+)?scal|"
                        r"never\s+scale|dont\s+scale|"
                        r"singleton|only\s+one\s+(instance|replica|pod|copy|process)|single\s+(instance|replica|pod)|"
                        r"one\s+(replica|instance)\s+only|not\s+safe\s+to\s+scale|leader\s+(only|election)|exactly\s+one")
_ADMIN = re.compile(r"(?i)(^|[\s/:_-])(migrat\w*|manage\.py|alembic|flyway|liquibase|db:(migrate|setup|prepare|seed)|seed\w*|"
                    r"upgrade|init-?db|prisma|knex|sequelize|typeorm|goose|dbmate|atlas|rake)([\s:_-]|$)")
_TOOL_IMAGES = re.compile(r"(?i)(^|/)(flyway|liquibase|migrate|dbmate|atlas|goose|sqitch|schemahero)$")
_AFFINITY_KEY = re.compile(r"(?i)affinity|sticky|stickiness|session-cookie|cookie-persistence")
_AFFINITY_ON = re.compile(r"(?i)^(cookie|clientip|client_ip|true|on|enabled|generated_cookie|http_cookie|balanced|persistent)$|"
                          r"stickiness\.enabled=true")


# --- facts of this app ----------------------------------------------------------------------------


def _where(fact: Fact, line: int | None, excerpt: str = "") -> Location:
    return Location(fact.path, line or fact.line, excerpt)


def _label(fact: Fact) -> str:
    return f"{fact.get('kind')} {fact.get('name')}".strip()


# --- image references -------------------------------------------------------------------------------


def immutable_tag(tag: str | None) -> bool:
    return bool(tag) and (bool(_VERSION_TAG.match(tag or "")) or bool(_CI_REF.search(tag or "")))


def _shown(image: dict[str, Any]) -> str:
    return str(image.get("ref") or image.get("image"))


def _chart_dir(path: str) -> str:
    """The chart of a template (`chart/templates/x.yaml` -> `chart`)."""
    parts = path.split("/")
    if "templates" in parts:
        return "/".join(parts[:len(parts) - 1 - parts[::-1].index("templates")]) or "."
    return posixpath.dirname(path) or "."


def _values_paths(image: dict[str, Any]) -> list[str]:
    return [m.group(1) for ref in image.get("template_refs") or [] for m in re.finditer(r"\.Values\.([\w.]+)", ref)]


@dataclass(frozen=True, slots=True)
class Resolved:
    """How a templated image reference is filled in: from Helm values or the chart's appVersion."""

    where: Location
    tag: str | None
    digest: str | None
    how: str
    scope: Scope


def resolve_helm(facts: AppFacts, workload: Fact, image: dict[str, Any]) -> Resolved | None:
    chart = _chart_dir(workload.path)
    values = [v for v in facts.of("k8s.helm_values") if (v.get("chart_dir") or ".") == chart and v.scope is Scope.PRODUCTION]
    paths = _values_paths(image)
    for value in values:
        for entry in value.get("images") or []:
            named = any(p == entry.get("path") or p.rsplit(".", 1)[0] == entry.get("path") for p in paths)
            if named and (entry.get("tag") or entry.get("digest")):
                return Resolved(Location(value.path, entry.get("tag_line") or entry.get("line"), f"tag: {entry.get('tag')}"),
                                entry.get("tag"), entry.get("digest"), f"{value.path} ({entry.get('path')})", value.scope)
    if any(".Chart.AppVersion" in ref for ref in image.get("template_refs") or []):
        for fact in facts.of("k8s.helm_chart"):
            if (fact.get("chart_dir") or ".") == chart and fact.get("app_version"):
                return Resolved(Location(fact.path, fact.get("app_version_line") or fact.line, f"appVersion: {fact.get('app_version')}"),
                                fact.get("app_version"), None, f"{fact.path} (appVersion)", fact.scope)
    return None


def _kustomized(facts: AppFacts, image: dict[str, Any]) -> list[tuple[Fact, dict[str, Any]]]:
    """Kustomize `images:` entries that rewrite this image reference."""
    name = str(image.get("image") or "")
    return [(k, entry) for k in facts.of("k8s.kustomization") for entry in k.get("images") or [] if entry.get("name") == name]


# --- F05: build, release, run -----------------------------------------------------------------------


def _image_verdicts(facts: AppFacts) -> Iterator[tuple[str, Location, Scope, str, str]]:
    """("immutable"|"moving", where, scope, image, how) for every app image reference."""
    for workload in appmodel.deployed_workloads(facts):
        for container in appmodel.app_containers(workload):
            image = container["image"]
            where = _where(workload, container.get("image_line"), f"image: {_shown(image)}")
            if image.get("templated"):
                resolved = resolve_helm(facts, workload, image)
                if resolved is not None:
                    state = "immutable" if resolved.digest or immutable_tag(resolved.tag) else \
                        "moving" if (resolved.tag or "latest") == "latest" else "other"
                    yield state, resolved.where, resolved.scope, _shown(image), resolved.how
                continue
            # kustomize rewrites the tag (or digest) of every reference to that image name
            rewrites = [(k, e) for k, e in _kustomized(facts, image) if e.get("new_tag") or e.get("digest")]
            if not rewrites and not image.get("tag") and not image.get("digest"):
                rewrites = _kustomized(facts, image)
            if rewrites:
                for kustomization, entry in rewrites:
                    tag = entry.get("new_tag")
                    state = "immutable" if entry.get("digest") or immutable_tag(tag) else "moving" if not tag or tag == "latest" else "other"
                    yield state, Location(kustomization.path, entry.get("line"), f"newTag: {tag}"), kustomization.scope, \
                        f"{entry.get('new_name') or entry.get('name')}:{tag or entry.get('digest') or 'latest'}", kustomization.path
                continue
            tag, digest = image.get("tag"), image.get("digest")
            if digest:
                yield "immutable", where, workload.scope, _shown(image), "digest"
            elif image.get("variable"):
                if _CI_REF.search(_shown(image)):
                    yield "immutable", where, workload.scope, _shown(image), "CI variable"
            elif not tag or tag == "latest":
                yield "moving", where, workload.scope, _shown(image), "latest" if tag else "untagged"
            elif immutable_tag(tag):
                yield "immutable", where, workload.scope, _shown(image), "version tag"
            elif container.get("pull_policy") == "Always":
                pull = _where(workload, container.get("pull_policy_line"), "imagePullPolicy: Always")
                yield "moving", pull, workload.scope, _shown(image), f"imagePullPolicy: Always with the tag {tag}"
    for values in appmodel.deployed(facts, "k8s.helm_values"):
        for entry in values.get("images") or []:
            if entry.get("tag") == "latest" and not entry.get("digest") and not appmodel.image_engine(entry):
                yield "moving", Location(values.path, entry.get("tag_line") or entry.get("line"), "tag: latest"), values.scope, \
                    f"{entry.get('image')}:latest", f"{values.path} ({entry.get('path')})"


@rule("F05-S2k", factor=5, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def manifest_references_immutable_image(facts: AppFacts) -> Iterator[Hit]:
    seen: set[tuple[str, int | None]] = set()
    for state, where, scope, image, how in _image_verdicts(facts):
        if state == "immutable" and (where.path, where.line) not in seen:
            seen.add((where.path, where.line))
            yield hit(where, scope=scope, image=image, how=how)


@rule("F05-S10k", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def manifest_references_moving_image(facts: AppFacts) -> Iterator[Hit]:
    seen: set[tuple[str, int | None]] = set()
    for state, where, scope, image, how in _image_verdicts(facts):
        if state == "moving" and (where.path, where.line) not in seen:
            seen.add((where.path, where.line))
            yield hit(where, scope=scope, image=image, how=how, file=where.path)


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


# --- F12: admin processes ---------------------------------------------------------------------------


def _hook(job: Fact) -> str:
    if job.get("helm_hook"):
        return f"Helm hook {job.get('helm_hook')}"
    if job.get("argo_hook"):
        return f"Argo CD hook {job.get('argo_hook')}"
    return "Job"


def _is_admin(job: Fact, container: dict[str, Any]) -> bool:
    hook = str(job.get("helm_hook") or "") + " " + str(job.get("argo_hook") or "")
    return bool(re.search(r"(?i)pre-?(install|upgrade|sync)|presync|sync", hook)) or bool(_ADMIN.search(_process(container)))


def _same_ref(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("templated") or b.get("templated"):
        return a.get("ref") == b.get("ref")
    return (a.get("image"), a.get("tag") or "latest", a.get("digest")) == (b.get("image"), b.get("tag") or "latest", b.get("digest"))


def _config_refs(workload: Fact) -> set[str]:
    refs: set[str] = set()
    for container in appmodel.app_containers(workload):
        refs.update(f"{e.get('source')}/{e.get('name')}" for e in container.get("env_from") or [])
        refs.update(f"{e.get('source')}/{e.get('ref')}" for e in container.get("env") or [] if e.get("source") in ("secret", "configmap"))
    return refs


@dataclass(frozen=True, slots=True)
class _Pair:
    job: Fact
    container: dict[str, Any]
    deployment: Fact
    reference: dict[str, Any]


def _jobs(facts: AppFacts) -> list[tuple[Fact, dict[str, Any]]]:
    return [(w, c) for w in appmodel.deployed_workloads(facts, frozenset({"Job"})) for c in appmodel.app_containers(w)[:1]]


def _pairs(facts: AppFacts) -> Iterator[_Pair]:
    """Each Job with the long-running workload whose image it should share (same repository)."""
    deployments = [(w, c) for w in appmodel.deployed_workloads(facts, LONG_RUNNING) for c in appmodel.app_containers(w)[:1]]
    for job, container in _jobs(facts):
        image = container["image"]
        same = [(w, c) for w, c in deployments if _same_ref(c["image"], image)]
        related = same or [(w, c) for w, c in deployments if not image.get("templated") and c["image"].get("image") == image.get("image")]
        if not related and _is_admin(job, container) and deployments:
            related = deployments[:1]
        for workload, reference in related[:1]:
            yield _Pair(job, container, workload, reference)


@rule("F12-S2k", factor=12, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def admin_job_on_release_image(facts: AppFacts) -> Iterator[Hit]:
    for pair in _pairs(facts):
        if _same_ref(pair.container["image"], pair.reference["image"]):
            yield hit(_where(pair.job, pair.container.get("image_line"), f"image: {_shown(pair.container['image'])}"),
                      _where(pair.deployment, pair.reference.get("image_line"), f"image: {_shown(pair.reference['image'])}"),
                      scope=pair.job.scope, job=_label(pair.job), how=_hook(pair.job), image=_shown(pair.container["image"]),
                      workload=_label(pair.deployment), command=_process(pair.container))
    for service in appmodel.deployed(facts, "platform.service"):
        if service.get("release"):
            yield hit(_where(service, service.get("release_line"), str(service.get("release"))), scope=service.scope,
                      job=str(service.get("release")), how=f"{service.get('platform')} release command",
                      image=f"{service.get('platform')} {service.get('app')}", workload=f"{service.get('platform')} {service.get('name')}",
                      command=str(service.get("release")))
            return


@rule("F12-S6", factor=12, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def admin_job_differs_from_release(facts: AppFacts) -> Iterator[Hit]:
    for pair in _pairs(facts):
        image, reference = pair.container["image"], pair.reference["image"]
        job_where = _where(pair.job, pair.container.get("image_line"), f"image: {_shown(image)}")
        ref_where = _where(pair.deployment, pair.reference.get("image_line"), f"image: {_shown(reference)}")
        params = {"job": _label(pair.job), "workload": _label(pair.deployment), "image": _shown(image),
                  "reference": _shown(reference), "file": pair.job.path}
        if not _same_ref(image, reference):
            tool = bool(_TOOL_IMAGES.search(str(image.get("image") or "")))
            variant = "tool" if tool else ("tag" if image.get("image") == reference.get("image") else "image")
            yield hit(job_where, ref_where, strength=WEAK if tool else None, scope=pair.job.scope, variant=variant,
                      missing="", **params)
            continue
        missing = sorted(_config_refs(pair.deployment) - _config_refs(pair.job))
        if missing:
            yield hit(job_where, ref_where, scope=pair.job.scope, variant="config", missing=missing, **params)

