"""Nothing in the repository builds or deploys the app (F05-NE)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import manual_deploys, platform_files
from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F05-NE", factor=5, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE, ecosystems=("deploy",))
def no_deploy_definition(facts: AppFacts) -> Iterator[Hit]:
    """No build, release or deploy definition is in the repository.

    Why it matters: V. Build, release, run — whether the stages are separate is read from how the
    app is built and deployed; with none of it in the repository, the tool says so rather than guess.
    Fires on: a repository with no Dockerfile, Procfile, CI workflow, compose file, platform
    descriptor or deploy guide.
    Near miss: any one of them.
    Fix: describe the build and release in the repository (a Dockerfile and a pipeline that tags
    each build).
    """
    if facts.of("docker.file") or facts.of("procfile.process") or facts.of("ci.workflow") or facts.of("compose.service") \
            or platform_files(facts) or manual_deploys(facts):
        return
    yield hit(Location("."))
