"""F06-AP01: nothing keeps state in the process (a closing rule)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.model import Finding, Location, Polarity, Scope, Strength
from twelve.rules.registry import FOR, MODERATE, WEAK, Hit, hit, rule


@rule("F06-AP01", factor=6, polarity=FOR, strength=WEAK, closing=True, replaces=("F06-AP1",))
def no_local_state(facts: AppFacts, found_here: tuple[Finding, ...]) -> Iterator[Hit]:
    """No local state was found: the other rules of the factor found nothing against it.

    A closing rule: it reads the findings of factor VI's other rules. With a data store in use it
    names it (moderate); with none it only records that nothing was found (weak).
    Why it matters: VI. Processes — the factor is met when persistent data lives only in backing
    services; this records that none of the local-state patterns the tool knows was found.
    Fires on: an app whose rules found no moderate or strong finding against the factor in
    production, e.g. a Flask app that writes to PostgreSQL through SQLAlchemy.
    Near miss: any moderate or strong finding against the factor in production scope (a weak one,
    such as a module-level cache, does not count).
    Fix: nothing to change.
    """
    if any(
        f.polarity is Polarity.AGAINST and f.strength is not Strength.WEAK and f.scope is Scope.PRODUCTION
        for f in found_here
    ):
        return
    found = state.data_store(facts)
    if found is not None:
        fact, service, api = found
        yield hit(fact, strength=MODERATE, service=service, api=api, store=f"{service} via {api}")
    else:
        yield hit(Location("."), scope=Scope.PRODUCTION, variant="nostore", service="", api="", store="")
