"""Deploy descriptors that hand the app its service locators (F04-S09)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.locators import descriptor_locators
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F04-S09", factor=4, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F04-S9",))
def attached_by_deploy_config(facts: AppFacts) -> Iterator[Hit]:
    """A deploy descriptor passes the app its service locators as environment variables.

    Why it matters: IV. Backing services — when each deploy states where its resources are, the
    same build attaches another database or cache by a change of that deploy's configuration.
    Fires on: a compose service built from the app with `environment: DATABASE_URL: ...`,
    `REDIS_HOST`, `CELERY_BROKER`.
    Near miss: a compose service that only runs an image (not the app); `DEBUG=1`.
    Fix: nothing to fix.
    """
    for found in descriptor_locators(facts):
        fact = found.fact
        yield hit(
            Location(fact.path, found.entries[0].get("line"), ""),
            scope=fact.scope,
            file=fact.path,
            names=[e.get("key") for e in found.entries],
        )
