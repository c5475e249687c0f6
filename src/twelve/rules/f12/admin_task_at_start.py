"""An admin task runs at every start of a process (F12-S08)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import start_tasks
from twelve.facts import AppFacts
from twelve.rules.registry import ADVICE, AGAINST, WEAK, Hit, hit, rule


@rule("F12-S08", factor=12, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=("deploy",), replaces=("F12-S8",))
def admin_task_in_every_start(facts: AppFacts) -> Iterator[Hit]:
    """The start path runs an admin task (a migration, a seed) before the server, at every start.

    Why it matters: XII. Admin processes — an admin task is a one-off process of a release; run in
    every start, it slows start-up and races between replicas that start together (advice).
    Fires on: an entrypoint script of the Dockerfile or Procfile that runs `flask db upgrade`,
    `python manage.py migrate`, `rake db:migrate` or `npx prisma migrate deploy` before `exec gunicorn`.
    Near miss: the same task in a Procfile `release:` line or a Kubernetes Job.
    Fix: run the task once per release (a release step, a Job, `docker compose run --rm app <task>`)
    and remove it from the start path.
    """
    for found in start_tasks(facts):
        yield hit(found.fact, task=found.task, file=found.fact.path)
