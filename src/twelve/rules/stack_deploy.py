"""Rules specific to deploy descriptors (Kubernetes, Helm, Kustomize, platforms, CI): the catalogue's per-ecosystem signals, all factors.

The generic factor modules already read Dockerfiles, compose files, Procfiles and CI steps; this
module reads what orchestrators and platforms declare (facts `k8s.*` and `platform.*`): how the

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
from twelve.facts.kubernetes import SECRET_NAME
from twelve.model import Location, Scope
from twelve import appmodel
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

#: workloads that run long-lived copies of a process (scaled by replicas)
LONG_RUNNING = appmodel.LONG_RUNNING_KINDS
_VERSION_TAG = re.compile(r"^v?\d+\.\d+\.\d+([-+][\w.-]+)?$|^v?\d+\.\d+\.\d+\.\d+$|^(sha|git|commit|rev)?[-_]?[0-9a-f]{7,40}$|"
                          r"^\d{8,14}(-[0-9a-f]{7,40})?$|^v?\d+\.\d+\.\d+-[0-9a-f]{7,40}$", re.I)
_CI_REF = re.compile(r"(?i)\$\{?\(?[\w.]*(SHA|COMMIT|REVISION|VERSION|TAG|BUILD_?(ID|NUMBER)|BuildId|SourceVersion|RUN_NUMBER)[\w.]*\)?\}?")
_ADMIN = re.compile(r"(?i)(^|[\s/:_-])(migrat\w*|manage\.py|alembic|flyway|liquibase|db:(migrate|setup|prepare|seed)|seed\w*|"
                    r"upgrade|init-?db|prisma|knex|sequelize|typeorm|goose|dbmate|atlas|rake)([\s:_-]|$)")
_TOOL_IMAGES = re.compile(r"(?i)(^|/)(flyway|liquibase|migrate|dbmate|atlas|goose|sqitch|schemahero)$")


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


# --- the command of a container (F12) -----------------------------------------------------------------


def _process(container: dict[str, Any]) -> str:
    words = (container.get("command") or []) + (container.get("args") or [])
    return " ".join(words) if words else "(image CMD)"




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

