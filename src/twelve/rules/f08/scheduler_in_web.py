"""F08-S07: a scheduler runs inside the web process."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import advice_stack, processes, serving
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F08-S07", factor=8, polarity=AGAINST, strength=MODERATE, replaces=("F08-S7",))
def scheduler_in_web(facts: AppFacts) -> Iterator[Hit]:
    """Recurring background work is started inside the app that serves HTTP.

    Why it matters: VIII. Concurrency — each type of work gets its own process type; a scheduler
    inside the web process runs once per web copy and cannot be scaled or stopped on its own.
    Fires on: APScheduler `BackgroundScheduler().start()` in a Flask app, `node-cron` in the
    Express server, `@Scheduled` in the Spring web app, rufus-scheduler in a Rails initializer.
    Near miss: the scheduler in a file a separate non-web process type runs (`clock: python
    clock.py`); scripts and management commands; an app that serves no HTTP.
    Fix: move the jobs to their own process type (a `clock:` line, a scheduler service, Celery beat).
    """
    web = serving.web_evidence(facts)
    if web is None:
        return
    stack = advice_stack(facts)
    for fact in processes.in_process_schedulers(facts):
        yield hit(fact, variant=stack, api=fact.data.api, web=web[0], web_path=web[1], path=fact.path)
