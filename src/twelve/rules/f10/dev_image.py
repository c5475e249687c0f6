"""Development builds the production Dockerfile (F10-S03)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.environments import production_image_in_development
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F10-S03", factor=10, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F10-S3",))
def dev_builds_production_image(facts: AppFacts) -> Iterator[Hit]:
    """A development compose service is built from the Dockerfile production uses.

    Why it matters: X. Dev/prod parity — running the production image in development keeps the
    tools gap small: the system, runtime and libraries a developer tests with are the ones that ship.
    Fires on: `build: .` in docker-compose.yml next to the production Dockerfile.
    Near miss: `build: {target: dev}` (a development stage); a build from a remote context.
    Fix: nothing to fix.
    """
    for found in production_image_in_development(facts):
        yield hit(
            found.service,
            found.dockerfile,
            scope=Scope.PRODUCTION,
            service=found.service.data.name,
            compose=found.service.path,
            dockerfile=found.path,
        )
