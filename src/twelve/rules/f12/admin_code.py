"""Admin code ships with the app (F12-S01)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import admin_code
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, STRONG, Hit, hit, rule


@rule("F12-S01", factor=12, polarity=FOR, strength=STRONG, ecosystems=("py",), replaces=("F12-S1",))
def admin_code_ships_with_app(facts: AppFacts) -> Iterator[Hit]:
    """Migrations, management commands, CLI commands or scripts live in the repository with the app.

    Why it matters: XII. Admin processes — admin code ships with the application code, so that a
    task always runs the code of the release it maintains.
    Fires on: `migrations/versions/*.py`, `db/migrate/*.rb`, `management/commands/*.py`,
    `manage.py`, `alembic.ini`, `scripts/*.py`, a Flask `@app.cli.command("init-db")`.
    Near miss: migrations only under `tests/` or `examples/`.
    Fix: nothing to fix.
    """
    found = admin_code(facts)
    if found:
        names = sorted({code.name for code in found})
        yield hit(*(code.where for code in found[:3]), what=names[:5], count=len(found))
