"""III. Config: the deploy tooling injects configuration per deploy."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from twelve.appmodel.config import ci_secret_step, manifest_injections
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F03-S22", factor=3, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F03-S22k",))
def injected_per_deploy(facts: AppFacts) -> Iterator[Hit]:
    """Configuration arrives at deploy time from the deploy's own stores.

    Compose files and CI keep the plain wording; Kubernetes, Helm and platform descriptors use
    the `manifest` wording.

    Why it matters: III. Config — config injected by the deploy tooling varies per deploy without
    touching the code or the image.
    Fires on: compose `env_file: .env` with .env ignored by git; a CI step using `${{ secrets.X }}`;
    `envFrom.secretRef`, `valueFrom.secretKeyRef`/`configMapKeyRef`; a SealedSecret or
    ExternalSecret; Helm `existingSecret`; platform variables linked to a database or generated.
    Near miss: `env_file: .env` with the file committed; manifests whose env holds only literals.
    Fix: nothing to fix.
    """
    for fact in facts.of("compose.service"):
        for env_file in fact.data.env_file or []:
            if facts.ignored(posixpath.basename(env_file)):
                yield hit(fact, where=f"{fact.path} (env_file {env_file})")
    step = ci_secret_step(facts)
    if step is not None:
        yield hit(step, where=step.path)
    found = manifest_injections(facts)
    if found:
        fact = found[0][0]
        yield hit(
            *(Location(f.path, line or f.line, how) for f, line, how in found[:4]),
            scope=fact.scope,
            variant="manifest",
            file=fact.path,
            how="; ".join(dict.fromkeys(how for _f, _line, how in found[:4])),
        )
