"""Schema changes made by hand, outside the release (F12-S05)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import schema_changes_by_hand
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F12-S05", factor=12, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",), replaces=("F12-S5",))
def out_of_band_schema_changes(facts: AppFacts) -> Iterator[Hit]:
    """A guide has people change the production schema by hand with a database shell.

    Why it matters: XII. Admin processes — admin work is code that ships with the release and runs
    against it; SQL typed into a production shell drifts from the code it maintains and is never
    reviewed or repeated.
    Fires on: `psql $PROD_URL -c "ALTER TABLE ..."`, `mysql < schema.sql` in a production, deploy or
    server section of a README or docs/ guide.
    Near miss: the same command in a "Local development" section; `flask db upgrade`.
    Fix: turn the SQL into a migration committed with the app (Alembic, Flask-Migrate) and run it
    as a one-off process of the release.
    """
    for fact in schema_changes_by_hand(facts):
        yield hit(fact, scope=Scope.PRODUCTION, tool=fact.data.program, doc=fact.path)
