"""How a release names the artifact it runs: immutably (F05-S02) or by a moving reference
(F05-S10), the two polarities of one concept.

Both read CI deploy steps and platform descriptors (no variant), and the image references of
Kubernetes workloads, Helm values and Kustomize overrides (``manifest``, formerly F05-S2k and
F05-S10k), from ``twelve.appmodel.deploy``; F05-S10 also reads deploy compose files.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from twelve.appmodel.deploy import WORKFLOW_OUTPUT, deploy_steps, image_references, moving_own_images, platform_files
from twelve.facts import AppFacts
from twelve.model import Location, Scope
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, Hit, hit, rule


def _manifest_references(facts: AppFacts, state: str) -> Iterator[Hit]:
    """One hit per manifest line whose image reference is in *state* (a moving one names its file)."""
    seen: set[tuple[str, int | None]] = set()
    for found in image_references(facts):
        where = found.where
        if found.state == state and (where.path, where.line) not in seen:
            seen.add((where.path, where.line))
            extra: dict[str, Any] = {"file": where.path} if state == "moving" else {}
            yield hit(where, scope=found.scope, variant="manifest", image=found.image, how=found.how, **extra)


@rule("F05-S02", factor=5, polarity=FOR, strength=STRONG, ecosystems=("deploy",), replaces=("F05-S2", "F05-S2k"))
def release_references_artifact(facts: AppFacts) -> Iterator[Hit]:
    """A release names the artifact it runs by an immutable reference.

    Moderate when the only evidence is a platform descriptor whose platform builds and records
    each release (Procfile, app.json, fly.toml, render.yaml).

    Why it matters: V. Build, release, run — every release is one build combined with one deploy's
    configuration, under an identity of its own; naming that build immutably is what makes a
    rollback return to exactly the code that ran.
    Fires on: `kubectl set image deploy/app app=app:${{ github.sha }}` in a deploy job, `helm
    upgrade --set image.tag=$CI_COMMIT_SHA`, a Procfile or fly.toml; a Deployment whose image is
    `app@sha256:…` or `app:1.4.2`, a Helm template resolved to a version tag, a Kustomize `newTag`
    set to a commit.
    Near miss: `kubectl apply` of a manifest that says `image: app:latest` (F05-S10); a deploy step
    that names no reference.
    Fix: nothing to fix.
    """
    done = False
    for step in deploy_steps(facts):
        if step.ref:
            found = WORKFLOW_OUTPUT.search(step.ref)
            if found is None:
                yield hit(step.fact, how=f"{step.fact.path} ({step.ref})")
            else:  # a workflow expression is named as a person would: the output of a step or a job
                scope, name, output = found.groups()
                variant = "step" if scope == "steps" else "job"
                yield hit(step.fact, variant=variant, how=step.ref, file=step.fact.path, owner=name, output=output)
            done = True
            break
    if not done:
        for entry in platform_files(facts)[:1]:
            yield hit(Location(entry.path), strength=MODERATE, how=entry.path)
    yield from _manifest_references(facts, "immutable")


@rule("F05-S10", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F05-S10k",))
def mutable_artifact_reference(facts: AppFacts) -> Iterator[Hit]:
    """A deploy runs a moving image reference: `latest`, no tag, or a reused tag pulled again.

    Why it matters: V. Build, release, run — a release must name exactly one build; a tag that
    points at a new build tomorrow makes rollbacks and audits impossible and lets a restart run
    code that was never released.
    Fires on: a deploy compose service built from the app with `image: app` or `app:latest`, a
    deploy step that names `:latest`; a Deployment with `image: app:latest` or no tag, a Helm value
    `tag: latest`, a reused tag with `imagePullPolicy: Always`; the app's own published image
    (one the pipeline pushes, or named after the app) run at `latest`, `stable` or no tag as a
    literal by a compose service of the documented deploy (a self-hosting `compose.example.yml`
    included) or by a guide's deploy section (`docker run ghcr.io/acme/app`).
    Near miss: `image: app:${GIT_SHA}`, `app@sha256:…`, `app:1.4.2`; `postgres:latest` (a backing
    service's image, not the app's); `${APP_IMAGE:-ghcr.io/acme/app:latest}` (set per deploy); a
    Helm `tag: latest` that the deploying pipeline overrides (`helm upgrade --set image.tag=…`).
    Fix: deploy the commit-SHA or version tag the build produced, or the image digest, set by the
    pipeline at deploy time.
    """
    for fact in facts.of("compose.service"):
        image = fact.data.image
        if fact.data.role != "deploy" or not image or not fact.data.build:
            continue
        if not image.get("digest") and (not image.get("tag") or image.get("tag") == "latest"):
            yield hit(fact, image=f"{image.get('image')}:{image.get('tag') or 'latest'}", file=fact.path)
    for step in deploy_steps(facts):
        if step.latest:
            yield hit(step.fact, image=":latest", file=step.fact.path)
    for found in moving_own_images(facts):
        yield hit(found.where, scope=Scope.PRODUCTION, image=found.image, file=found.file)
    yield from _manifest_references(facts, "moving")
