"""Drivers declared, but no connection set-up found (F04-NE)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import advice_stack, production, service_dependencies
from twelve.appmodel.locators import database_url_reads, locator_reads, locator_settings, spring_locators
from twelve.facts import AppFacts
from twelve.model import Effect
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F04-NE", factor=4, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE, ecosystems=("any",))
def client_setup_not_found(facts: AppFacts) -> Iterator[Hit]:
    """A service's driver is declared, but no connection set-up was found to judge.

    Why it matters: IV. Backing services — whether a service is attached through configuration is
    read where the connection is built; when that place cannot be seen, the tool says so rather
    than guess.
    Fires on: `psycopg2` or `gorm.io/gorm` in the manifest with no recognised client call and no
    locator setting.
    Near miss: `create_engine(os.environ["DATABASE_URL"])` next to the driver (F04-S01); Django's
    `DATABASES = {"default": dj_database_url.config()}`, a Spring datasource or a `REDIS_URL` read
    from the environment (each a connection F04-S01 reads).
    Fix: build the connection from one environment variable (`create_engine(os.environ["DATABASE_URL"])`)
    so that the locator is visibly configuration.
    """
    if (
        production(facts.of("client"))
        or locator_settings(facts)
        or database_url_reads(facts)
        or spring_locators(facts)
        or locator_reads(facts)
    ):
        return  # a connection or its locator was found (F04-S01 reads it): never "none was found" beside it
    deps = service_dependencies(facts)
    if deps:
        yield hit(
            *deps[:3], variant=advice_stack(facts), libraries=sorted({d.data.display or d.data.name for d in deps})
        )
