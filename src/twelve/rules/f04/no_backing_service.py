"""The app reaches no backing service: the factor does not apply (F04-NA)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import service_dependencies
from twelve.appmodel.locators import local_resources, locator_reads, locator_settings
from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.repository.kinds import CODE_KINDS
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F04-NA", factor=4, polarity=NEUTRAL, strength=WEAK, effect=Effect.NOT_APPLICABLE, ecosystems=("any",))
def no_backing_service(facts: AppFacts) -> Iterator[Hit]:
    """No database, cache, queue or other network service is used: the factor does not apply.

    Why it matters: IV. Backing services — the factor governs how an app reaches the services it
    consumes; an app that consumes none has nothing to attach.
    Fires on: code and dependencies with no client, no driver, no locator setting and no locator
    variable of any service.
    Near miss: a declared driver with no client seen (F04-NE); a data file the code loads and writes
    back (F04-S08); a repository with no code and no dependencies at all (inconclusive, not "not applicable").
    Fix: if the app does reach a service, its library may not be recognised yet: report it.
    """
    if (
        facts.of("client")
        or locator_settings(facts)
        or service_dependencies(facts)
        or locator_reads(facts)
        or local_resources(facts)
    ):
        return
    if not facts.of("dep.declared") and not [f for f in facts.files if f.kind in CODE_KINDS]:
        return  # nothing to judge from: inconclusive, not "not applicable"
    yield hit(Location("."))
