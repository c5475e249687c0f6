"""An embedded database stands in for the production database server (F10-S07)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import ELSEWHERE
from twelve.appmodel.environments import (
    Server,
    database_servers,
    databases,
    definitions,
    describe,
    display,
    embedded_dependencies,
)
from twelve.facts import AppFacts
from twelve.knowledge import parity
from twelve.model import Scope
from twelve.rules.f10._shared import production_scope
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule(
    "F10-S07",
    factor=10,
    polarity=AGAINST,
    strength=MODERATE,
    ecosystems=("py", "rb", "java", "node"),
    replaces=("F10-S7",),
)
def different_database_engine(facts: AppFacts) -> Iterator[Hit]:
    """Development or tests run on an embedded database (SQLite, H2) while production runs a server.

    Moderate: the verdict rubric calls a documented divergence of backing-service type (SQLite in
    development, PostgreSQL in production) partial; variant `dependency` when only the build
    declares the embedded database. Test settings on an embedded database are not reported when CI
    runs the tests against a service container of the server engine (the SQLite default is then
    only a local fallback).

    Why it matters: X. Dev/prod parity — the methodology names SQLite in development and PostgreSQL
    in production as the gap to avoid: adapters hide the syntax, not the behaviour, so bugs that
    only the production engine shows escape development and tests.
    Fires on: `DevelopmentConfig.SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"` next to a PostgreSQL
    production URL, a Rails `development: adapter: sqlite3` block next to a PostgreSQL `production:`
    one, a Spring `application-dev.yml` on `jdbc:h2:mem:`, a branch on the environment that picks
    SQLite or MySQL; `com.h2database:h2` declared while production uses PostgreSQL.
    Near miss: every environment on PostgreSQL; an embedded database with Testcontainers in the
    tests; a `sqlite://` default in tests/conftest.py while CI runs the tests with a `postgres`
    service; SQLite as the only database.
    Fix: use the production engine in every environment, run locally and in CI as a container of
    the production version, with its URL read from the environment.
    """
    database = databases(facts)
    servers = database_servers(facts, database)
    reported: set[str] = set()
    if servers:
        server = servers[0]
        ci_engines = {d.engine for d in definitions(facts) if d.side == "ci"}
        done: set[tuple[str, int | None, str]] = set()
        for lite, engine in ((s, e) for s, e in database if e in parity.EMBEDDED):
            key = (lite.fact.path, lite.fact.line, lite.describe())
            if key in done:
                continue
            if lite.env == "test" and server.engine in ci_engines:
                continue  # CI runs the tests on the server engine: the embedded default is a local fallback
            done.add(key)
            reported.add(lite.fact.path)
            yield hit(
                lite.fact,
                server.where,
                scope=production_scope(lite.fact, server),
                lite=lite.describe(),
                value=lite.value,
                embedded=display(engine),
                engine=display(server.engine),
                other=server.text,
            )
        if not done:
            yield from _embedded_dependency_hits(facts, server)
    for branch in facts.of("env.branch"):
        engines = {parity.BRANCH_ENGINES.get(str(e).lower(), str(e).lower()) for e in branch.data.engines or []}
        others = sorted(engines & parity.SERVER_DATABASES)
        if "sqlite" not in engines or not others or branch.scope in ELSEWHERE or branch.path in reported:
            continue
        value = next((v for v in branch.data.values or [] if v.lower().startswith("sqlite")), "sqlite")
        yield hit(
            branch,
            scope=Scope.PRODUCTION,
            lite=describe(branch),
            value=value,
            embedded=display("sqlite"),
            engine=display(others[0]),
            other=describe(branch, branch.data.condition or ""),
        )


def _embedded_dependency_hits(facts: AppFacts, server: Server) -> Iterator[Hit]:
    """No configuration names the embedded database, but the build declares one: development or
    tests can run on it (Spring Boot even swaps it in for slice tests)."""
    for dep, engine in embedded_dependencies(facts):
        group = dep.data.scope or dep.data.group or "main"
        yield hit(
            dep,
            server.where,
            strength=MODERATE,
            scope=Scope.PRODUCTION,
            variant="dependency",
            lite=describe(dep, f"{dep.data.display or dep.data.name} ({group})"),
            value=str(dep.data.name),
            embedded=display(engine),
            engine=display(server.engine),
            other=server.text,
        )


@rule("F10-S11", factor=10, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "rb", "java", "node", "go"))
def embedded_database_everywhere(facts: AppFacts) -> Iterator[Hit]:
    """An embedded database (SQLite, H2) is the app's only database, in every environment.

    Why it matters: X. Dev/prod parity — the rubric calls a development-grade store used everywhere
    partial: the environments agree, but on a store no production deploy can scale or share,
    so production either runs it as it is or swaps in another engine that development never sees.
    Fires on: `sqlite3.connect("app.db")`, `SQLALCHEMY_DATABASE_URI = "sqlite:///app.db"`, a
    Spring datasource `jdbc:h2:file:./data`, with no database server named anywhere (settings,
    drivers, compose, CI, manifests).
    Near miss: SQLite in the tests or in a development settings class beside a PostgreSQL one
    (F10-S07); `sqlite:///:memory:`; a SQLite default of `DATABASE_URL` that production sets.
    Fix: run a database server (PostgreSQL, MySQL) in every environment, its URL read from the
    environment, with the same version locally (compose), in CI and in production.
    """
    database = databases(facts)
    if database_servers(facts, database):
        return  # F10-S07 compares the embedded database with the server
    for lite, engine in database:
        if engine not in parity.EMBEDDED or lite.env in ("test", "dev") or lite.fact.scope is not Scope.PRODUCTION:
            continue
        if (
            ":memory:" in lite.value
            or "mem:" in lite.value
            or lite.fact.get("source") == "env"
            or lite.fact.kind == "env.read"
        ):
            continue
        yield hit(lite.fact, scope=Scope.PRODUCTION, lite=lite.describe(), value=lite.value, embedded=display(engine))
        return
    for client in facts.of("client"):
        if client.scope is Scope.PRODUCTION and client.data.service in parity.EMBEDDED:
            text = client.excerpt
            if ":memory:" in text:
                continue
            yield hit(
                client,
                scope=Scope.PRODUCTION,
                lite=describe(client),
                value=text.strip()[:80],
                embedded=display(str(client.data.service)),
            )
            return
