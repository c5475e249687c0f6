"""Admin code ships with the app (F12-S01)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import admin_code, admin_code_names
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, STRONG, Hit, hit, rule


@rule("F12-S01", factor=12, polarity=FOR, strength=STRONG, ecosystems=("py",), replaces=("F12-S1",))
def admin_code_ships_with_app(facts: AppFacts) -> Iterator[Hit]:
    """Migrations, management commands, CLI commands or scripts live in the repository with the app.

    Why it matters: XII. Admin processes — admin code ships with the application code, so that a
    task always runs the code of the release it maintains.
    Fires on: `migrations/versions/*.py`, `db/migrate/*.rb`, `management/commands/*.py`,
    `manage.py`, `alembic.ini`, `scripts/seed.py`, a Flask `@app.cli.command("init-db")`, a Go flag
    `-migrate` or Cobra command, a `migrations.rb` of Sequel migration blocks.
    Near miss: migrations only under `tests/` or `examples/`; CI and build tooling
    (`scripts/coverage.sh`, `scripts/lint.sh`); a chat bot's `@commands.command()`.
    Fix: nothing to fix.
    """
    found = admin_code(facts)
    if found:
        shown = [code for code in found if code.kind != "config"][:3] or found[:3]
        yield hit(*(code.where for code in shown), what=admin_code_names(found)[:5], count=len(found))
