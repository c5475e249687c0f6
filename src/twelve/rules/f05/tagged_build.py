"""The pipeline builds one artifact per commit, tagged immutably (F05-S01)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import WORKFLOW_OUTPUT, build_steps
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, STRONG, Hit, hit, rule


@rule("F05-S01", factor=5, polarity=FOR, strength=STRONG, ecosystems=("deploy",), replaces=("F05-S1",))
def build_tagged_per_commit(facts: AppFacts) -> Iterator[Hit]:
    """A CI step builds the image and tags it with the commit SHA, a version or a build number.

    Why it matters: V. Build, release, run — the build stage turns one commit into one artifact;
    an identity taken from the commit lets a release name exactly the build it runs.
    Fires on: `docker build -t app:${{ github.sha }} .`, `docker/build-push-action` with tags
    from `docker/metadata-action`, `docker push app:$CI_COMMIT_SHA`.
    Near miss: `docker build -t app:latest .`; a build with no tag at all.
    Fix: nothing to fix.
    """
    for step in build_steps(facts)[:1]:
        if step.ref is None:
            yield hit(step.fact, variant="metadata", file=step.fact.path, ref="metadata-action")
        elif found := WORKFLOW_OUTPUT.search(step.ref):
            # a workflow expression is named as a person would: the output of a step or of a job
            scope, name, output = found.groups()
            if scope == "steps":
                yield hit(step.fact, variant="step", file=step.fact.path, ref=step.ref, output=output, step=name)
            else:
                yield hit(step.fact, variant="job", file=step.fact.path, ref=step.ref, output=output, job=name)
        else:
            yield hit(step.fact, file=step.fact.path, ref=step.ref)
