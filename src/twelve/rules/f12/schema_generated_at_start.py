"""Schema changes generated when the app starts (F12-S09)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import start_tasks
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F12-S09", factor=12, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",))
def schema_generated_at_start(facts: AppFacts) -> Iterator[Hit]:
    """The start path generates schema changes from the models instead of applying committed migrations.

    Why it matters: XII. Admin processes — migrations are admin code written, reviewed and committed
    with a release, then run once against it; generating them in a starting container changes the
    production schema with code that exists nowhere in the repository.
    Fires on: an entrypoint (or a script it runs) with `python manage.py makemigrations`, `alembic
    revision --autogenerate`, `npx prisma migrate dev` or `npx prisma db push` before the server.
    Near miss: `python manage.py migrate` at start (F12-S08, moderate); `makemigrations` in a
    developer's guide or a CI check.
    Fix: run `makemigrations` (or its equivalent) on a developer's machine, commit the migrations,
    and apply them once per release as a one-off process.
    """
    for found in start_tasks(facts):
        if found.generates:
            yield hit(found.fact, task=found.task, file=found.fact.path)
