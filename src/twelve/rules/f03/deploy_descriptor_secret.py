"""III. Config: credentials written as literal values in compose files and deploy manifests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from twelve.appmodel.config import compose_credentials, manifest_credentials
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.model import Location
from twelve.rules.registry import AGAINST, MODERATE, WEAK, Hit, hit, rule


@rule("F03-S08", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F03-S8", "F03-S8k"))
def literal_secret_in_deploy_descriptor(facts: AppFacts) -> Iterator[Hit]:
    """A compose file or a deploy manifest writes credentials as literal values.

    Compose files keep the plain wording (weak for a development compose file or a trivial
    value); Kubernetes workloads and Secrets, Helm values, Kustomize secret generators and
    platform descriptors (render.yaml, fly.toml...) use the `manifest` wording (weak when every
    value is trivial).

    Why it matters: III. Config — deploy descriptors reference secrets held by a secret store or the
    environment; written in plain text they are part of the codebase, which must be publishable
    without compromising any credential.
    Fires on: `SECRET_KEY: Kd8f…` under `environment:` of a deploy compose file; `value: s3cr3t`
    for `DB_PASSWORD` in a Deployment; `stringData:` of a Secret; `password:` in Helm values;
    `literals: [API_KEY=…]` in a secretGenerator; a literal credential in render.yaml.
    Near miss: `${SECRET_KEY}` substitution; `valueFrom.secretKeyRef`; `env_file:`; user names
    such as `app` in a Secret.
    Fix: keep the values in the environment or a secret store and reference them (`${VAR}`,
    `secretKeyRef`, `existingSecret`, Sealed or External Secrets), and rotate what was committed.
    """
    yield from _compose(facts)
    yield from _manifests(facts)


def _compose(facts: AppFacts) -> Iterator[Hit]:
    local: dict[str, list[tuple[Fact, dict[str, Any]]]] = {}
    for fact, entry, grade in compose_credentials(facts):
        key = entry.get("key", "")
        if fact.data.role == "deploy" and grade == "secret":
            yield hit(
                Location(fact.path, entry.get("line"), f"{key}=…"),
                scope=fact.scope,
                keys=key,
                file=fact.path,
                role=fact.data.role,
            )
        else:
            local.setdefault(fact.path, []).append((fact, entry))
    for path, entries in sorted(local.items()):
        fact = entries[0][0]
        keys = sorted({entry.get("key", "") for _f, entry in entries})
        yield hit(
            *(Location(path, entry.get("line"), f"{entry.get('key')}=…") for _f, entry in entries),
            strength=WEAK,
            scope=fact.scope,
            keys=keys,
            file=path,
            role=fact.data.role,
        )


def _manifests(facts: AppFacts) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for fact, where, found in manifest_credentials(facts):
        if (fact.path, where) in seen:
            continue
        seen.add((fact.path, where))
        real = [f for f in found if f[2] == "secret"]
        shown = real or found
        locations = [Location(fact.path, line or fact.line, f"{key}: …") for key, line, _grade in shown[:4]]
        yield hit(
            *locations,
            strength=None if real else WEAK,
            scope=fact.scope,
            variant="manifest",
            file=fact.path,
            where=where,
            keys=sorted({key for key, _line, _grade in shown}),
        )
