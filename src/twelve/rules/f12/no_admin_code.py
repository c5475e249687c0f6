"""The app keeps state, but no admin code was found (F12-NE)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import production, service_name
from twelve.appmodel.admin import admin_code
from twelve.facts import AppFacts
from twelve.model import Effect
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F12-NE", factor=12, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE, ecosystems=("any",))
def state_without_admin_code(facts: AppFacts) -> Iterator[Hit]:
    """The app keeps state in a backing service, but no migration or script was found.

    Why it matters: XII. Admin processes — an app with state has admin work (schema changes,
    clean-ups); when none is in the repository, it may be done elsewhere, and the tool says it
    cannot tell rather than guess.
    Fires on: a client of PostgreSQL, Redis or MongoDB in production code with no migrations,
    management commands, scripts or CLI commands.
    Near miss: Alembic migrations next to the client (F12-S01).
    Fix: commit schema changes and maintenance scripts with the app (Alembic migrations) and run
    them as one-off processes.
    """
    stateful = production(facts.of("client"))
    if stateful and not admin_code(facts):
        yield hit(stateful[0], service=service_name(stateful[0].data.service))
