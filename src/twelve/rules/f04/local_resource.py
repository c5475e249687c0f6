"""A resource bound to the local machine standing in for a backing service (F04-S08)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.locators import local_resources
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F04-S08", factor=4, polarity=AGAINST, strength=MODERATE, ecosystems=("py",), replaces=("F04-S8",))
def local_resource_as_service(facts: AppFacts) -> Iterator[Hit]:
    """A resource that exists only on the local machine (SQLite, a Unix socket) used as a service.

    Why it matters: IV. Backing services — an attached resource can be detached and replaced at
    will and shared by every process; a file or a socket on one host can be neither.
    Fires on: `sqlite3.connect("app.db")`, `DATABASE_URL = "sqlite:///app.db"` in production
    settings, Django `ENGINE: django.db.backends.sqlite3`, `psycopg2.connect(host="/var/run/postgresql")`.
    Near miss: SQLite in a `DevelopmentConfig` or `TestConfig` class; `postgres://db:5432/app`.
    Fix: use a networked service reached through a URL in configuration (PostgreSQL via DATABASE_URL).
    """
    for found in local_resources(facts):
        yield hit(found.fact, what=found.what)
