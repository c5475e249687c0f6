"""Merged code is deployed automatically (F10-S04), or nothing deploys it so (F10-AP01): the two
polarities of one concept, read from ``twelve.appmodel.deploy``."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import production
from twelve.appmodel.deploy import ELSEWHERE, continuous_deploys, manual_deploys_in_use, triggered_elsewhere
from twelve.facts import AppFacts
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, WEAK, Hit, hit, rule


@rule("F10-S04", factor=10, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F10-S4",))
def continuous_deployment(facts: AppFacts) -> Iterator[Hit]:
    """A CI job deploys automatically when code reaches the main branch or a release is tagged.

    Why it matters: X. Dev/prod parity — continuous deployment keeps the time gap to hours and lets
    the people who wrote the code deploy it.
    Fires on: a job triggered by `push: branches: [main]`, tags or a release that runs `kubectl
    apply`, `helm upgrade`, `fly deploy`, a deploy action, or is named for a deploy (`deploy`,
    `production`).
    Near miss: a deploy job run by hand (`workflow_dispatch`, `when: manual`); a `release` job that
    publishes a package or the docs site.
    Fix: nothing to fix.
    """
    for delivery in continuous_deploys(facts):
        where = [delivery.job] + ([delivery.step] if delivery.step else [])
        yield hit(
            *where,
            workflow=delivery.job.data.workflow,
            job=delivery.job.data.job,
            trigger=delivery.trigger,
            path=delivery.job.path,
        )


@rule("F10-AP01", factor=10, polarity=AGAINST, strength=WEAK, basis=ADVICE, replaces=("F10-AP1",))
def no_continuous_deployment(facts: AppFacts) -> Iterator[Hit]:
    """Nothing deploys merged code automatically.

    Advice: a product that others deploy (an image or package it publishes) has no deploy
    pipeline of its own, and the time gap itself is not visible in a repository; the finding
    lowers confidence and suggests a pipeline, but does not move the verdict.

    Why it matters: X. Dev/prod parity — the app is built for continuous deployment, with code in
    production hours after it is written, deployed by its authors; without an automatic deploy,
    nothing keeps the time and personnel gaps small.
    Fires on: CI workflows, a Dockerfile, a Procfile or a compose build, with no job that deploys
    on a merge or a tag and no documented manual deploy.
    Near miss: a job deploying on `push: branches: [main]` (F10-S04); a documented manual deploy
    (F10-S10 counts it); Cloud Build pipelines whose triggers live outside the repository.
    Fix: add a workflow triggered by pushes to the main branch or by tags, with a job that deploys
    the built release.
    """
    if continuous_deploys(facts) or manual_deploys_in_use(facts):
        return  # F10-S04 says it is there; F10-S10 already counts the manual process
    if triggered_elsewhere(facts):
        return
    workflows = production(facts.of("ci.workflow"))
    definitions = production(facts.of("docker.file", "procfile.process", "heroku.app")) + [
        f for f in facts.of("compose.service") if f.data.build and f.scope not in ELSEWHERE
    ]
    evidence = workflows or definitions[:1]
    if evidence:
        yield hit(*evidence, checked=sorted({f.path for f in workflows + definitions}))
