"""Deploys documented as a manual procedure (F10-S10)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import manual_deploys_in_use
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F10-S10", factor=10, polarity=AGAINST, strength=MODERATE)
def manual_deployment(facts: AppFacts) -> Iterator[Hit]:
    """A guide deploys by hand: a person fetches the code on the server, installs it and starts it.

    Why it matters: X. Dev/prod parity — deploys run by hand widen the time gap (code waits for
    someone to deploy it) and the personnel gap (those who deploy are not those who wrote it).
    Fires on: a README or docs/ section about production, deploys or servers that runs `git clone`
    or `git pull`, then installs dependencies or starts the server.
    Near miss: a guide for local development; a guide kept with an example.
    Fix: replace the procedure by a pipeline that builds a release on every merge to the main
    branch and deploys it; keep the guide for emergencies.
    """
    for deploy in manual_deploys_in_use(facts):
        steps = [f for f in (deploy.remote, deploy.fetch, deploy.install, deploy.start) if f is not None]
        # the guide is how production is deployed wherever it is kept (README or docs/)
        yield hit(
            *steps,
            scope=Scope.PRODUCTION,
            doc=deploy.doc,
            section=deploy.section.rsplit(" / ", 1)[-1],
            steps=[" ".join(f.data.argv or []) for f in steps],
        )
