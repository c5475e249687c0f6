"""A different artifact is built per environment (F05-S11)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import environment_builds
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F05-S11", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def per_environment_build(facts: AppFacts) -> Iterator[Hit]:
    """The build bakes one environment into the artifact.

    Why it matters: V. Build, release, run — one build is promoted through every deploy and only
    the configuration of each release differs; a build per environment means staging never ran
    what production runs.
    Fires on: `docker build --build-arg NODE_ENV=production` in CI, a compose `build.args`
    entry `ENVIRONMENT` or `APP_ENV`.
    Near miss: `--build-arg VERSION=1.2.0`; `NODE_ENV` set at run time (`docker run -e`).
    Fix: build one artifact for all environments and move the differences into run-time configuration.
    """
    for found in environment_builds(facts):
        yield hit(found.fact, how=found.how, file=found.fact.path)
