"""Nothing in the repository builds, releases or runs the app, or only a packaging definition does
(F05-AP03)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import release_definitions
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule


@rule("F05-AP03", factor=5, polarity=AGAINST, strength=STRONG, ecosystems=("any",), replaces=("F05-NE",))
def no_release_definition(facts: AppFacts) -> Iterator[Hit]:
    """Nothing in the repository builds the app into an artifact, releases it or runs it.

    Moderate (variant `packaging`) when the only definition is a packaging one: the build makes a
    runnable artifact (a Spring Boot jar, a shaded jar, GoReleaser archives) but nothing releases
    or runs it.

    Why it matters: V. Build, release, run — a codebase becomes a deploy through a build that makes
    an artifact, a release that adds the deploy's configuration under an identity, and a run
    stage that starts that release; with none of them defined, the app can only run from a
    checkout, where code and configuration change in place.
    Fires on: a repository with no Dockerfile, compose service of the app, Kubernetes or Helm
    definition, Procfile or platform descriptor, pipeline that publishes or deploys a build, or
    documented deploy; a pom.xml whose only definition is `spring-boot-maven-plugin` (variant
    `packaging`).
    Near miss: a deploy descriptor twelve does not read (`vercel.json`, `serverless.yml`,
    `project.toml`, Kamal's `config/deploy.yml`) is a definition; git tags alone, a README
    "Development" section (`go build`, `python app.py`), a CI workflow that only lints or tests, a
    Makefile `build` target: none of them is a release.
    Fix: add a build and a release definition: a Dockerfile plus a pipeline that builds the image
    once per commit, tags it with the commit SHA or a version and deploys that tag (or a Procfile
    for a platform that builds each release).
    """
    if not facts.app.stacks:
        return  # an app twelve cannot read (no supported stack): its verdict is inconclusive
    found = release_definitions(facts)
    if not found:
        yield hit(Location("."))
    elif all(d.kind == "packaging" for d in found):
        first = found[0]
        yield hit(first.where, strength=MODERATE, variant="packaging", how=first.label)
