"""No admin code and no schema to administer: the factor does not apply (F12-NA)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import admin_code, relational_stores, schema_autosync, sql_dumps
from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F12-NA", factor=12, polarity=NEUTRAL, strength=WEAK, effect=Effect.NOT_APPLICABLE, ecosystems=("any",))
def no_admin_tasks(facts: AppFacts) -> Iterator[Hit]:
    """No administrative task and no schema to administer: there is nothing to run as a one-off process.

    Why it matters: XII. Admin processes — the factor governs how one-off admin work runs; an app
    with no admin code whose stores are schemaless or ephemeral (MongoDB, Redis, Memcached,
    Elasticsearch, object storage) or that keeps no data has none.
    Fires on: an app with dependencies or a Dockerfile, no migration, script or CLI command, and no
    relational store: a MongoDB or Redis client only (even one that creates an index at start), or
    no client at all.
    Near miss: a PostgreSQL driver or an SQL ORM (F12-AP02); `migrate-mongo` migrations next to a
    MongoDB client (admin code: F12-S01); a `scripts/` folder of admin scripts.
    Fix: if admin tasks are kept elsewhere, commit them to this repository.
    """
    if admin_code(facts) or relational_stores(facts) or schema_autosync(facts) or sql_dumps(facts):
        return
    if facts.of("dep.declared") or facts.of("docker.file"):
        yield hit(Location("."))
