"""Migrations run at every start of a process (F12-S08)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import admin_code, schema_autosync, start_migrations, start_tasks
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F12-S08", factor=12, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F12-S8",))
def admin_task_in_every_start(facts: AppFacts) -> Iterator[Hit]:
    """The app applies its migrations (or another admin task) at every start of a process.

    Why it matters: XII. Admin processes — an admin task is a one-off process of a release; run in
    every start, it slows start-up, races between replicas that start together and changes the
    schema whenever any process restarts.
    Fires on: an entrypoint script of the Dockerfile or Procfile (or a script it runs) that runs
    `flask db upgrade`, `python manage.py migrate`, `rails db:prepare` or `npx prisma migrate deploy`
    before `exec gunicorn`; Spring Boot with Flyway or Liquibase on the classpath and migrations
    committed, not switched off (`framework`); a deploy that switches the app's own migrate-at-start
    option on (`RUN_MIGRATIONS=1`, `switch`); sinatra-sequel `migration "create users" do` blocks in
    a file the app loads at boot (`boot`); a schema synced from the models at start beside committed
    migrations (`autosync`).
    Near miss: the same task in a Procfile `release:` line or a Kubernetes Job; `spring.flyway.enabled:
    false` with a Job that runs Flyway once per release; generated migrations (`makemigrations`: F12-S09).
    Fix: run the task once per release (a release step, a Job, `docker compose run --rm app <task>`)
    and remove it from the start path.
    """
    for found in start_tasks(facts):
        if not found.generates:
            yield hit(found.fact, task=found.task, file=found.fact.path)
    for migration in start_migrations(facts):
        yield hit(
            migration.fact,
            scope=Scope.PRODUCTION,
            variant=migration.variant,
            task=migration.how,
            file=migration.fact.path,
        )
    if admin_code(facts):
        for autosync in schema_autosync(facts)[:1]:
            yield hit(autosync.fact, variant="autosync", task=autosync.api, file=autosync.fact.path)
