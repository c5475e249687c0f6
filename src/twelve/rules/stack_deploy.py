"""Rules specific to deploy descriptors (Kubernetes, Helm, Kustomize, platforms, CI): the catalogue's per-ecosystem signals, all factors.

The generic factor modules already read Dockerfiles, compose files, Procfiles and CI steps; this
module reads what orchestrators and platforms declare (facts `k8s.*` and `platform.*`): how the

In a repository with several apps, manifests kept outside every app root (a shared k8s/ folder)
are attributed to the app whose name their workload or image names; a manifest that names no app
is shared by all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.kubernetes import SECRET_NAME
from twelve.model import Location
from twelve import appmodel
from twelve.rules.registry import AGAINST, FOR, MODERATE, WEAK, Hit, hit, rule

#: workloads that run long-lived copies of a process (scaled by replicas)
LONG_RUNNING = appmodel.LONG_RUNNING_KINDS


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




def _process(container: dict[str, Any]) -> str:
    words = (container.get("command") or []) + (container.get("args") or [])
    return " ".join(words) if words else "(image CMD)"


