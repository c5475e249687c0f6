"""A relational schema with no migrations shipped with the app (F12-AP02)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import advice_stack, service_name
from twelve.appmodel.admin import admin_code, relational_stores, schema_autosync, sql_dumps
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule


@rule("F12-AP02", factor=12, polarity=AGAINST, strength=STRONG, ecosystems=("any",), replaces=("F12-NE",))
def schema_without_migrations(facts: AppFacts) -> Iterator[Hit]:
    """The app keeps data in a relational store, but no migration or admin command manages its schema.

    Strong when the schema is synced from the models at every start (`autosync`) or comes from an
    SQL dump imported by hand (`sqldump`); moderate when no schema source is found at all (`none`:
    it may live outside the repository).

    Why it matters: XII. Admin processes — schema changes are admin code that ships with the
    release and runs once as a one-off process; an ORM that alters tables whenever a process starts,
    or a dump someone imports by hand, changes production outside any release.
    Fires on: `db.AutoMigrate(&User{})` in `main()` (GORM), `sequelize.sync()`, TypeORM `synchronize:
    true`, `Base.metadata.create_all(engine)` at import, `spring.jpa.hibernate.ddl-auto: update`; a
    Navicat or mysqldump export `sql/init.sql` (CREATE TABLE and INSERT) with no migration tool; a
    PostgreSQL client and no schema source at all.
    Near miss: the same app with `migrations/` or `db/migrate/` (F12-S01); `create_all()` inside a
    `flask init-db` command (an admin command); a MongoDB-only app (not applicable, F12-NA).
    Fix: generate migrations from the models (Alembic, golang-migrate, Flyway, Sequelize or TypeORM
    migrations), commit them and run them as a one-off process of each release.
    """
    stores = relational_stores(facts)
    autosync = schema_autosync(facts)
    dumps = sql_dumps(facts)
    if admin_code(facts) or not (stores or autosync or dumps):
        return
    service = service_name(stores[0].engine) if stores else "SQL database"
    if autosync:
        yield hit(
            *(a.fact for a in autosync[:3]),
            variant="autosync",
            service=service,
            what=sorted({a.api for a in autosync})[:3],
            file=autosync[0].fact.path,
        )
    elif dumps:
        stack = advice_stack(facts)
        yield hit(
            *dumps[:3],
            variant=f"sqldump_{stack}" if stack else "sqldump",
            service=service,
            what=[d.path for d in dumps[:3]],
            file=dumps[0].path,
        )
    else:
        stack = advice_stack(facts)
        yield hit(
            stores[0].fact,
            strength=MODERATE,
            variant=f"none_{stack}" if stack else "none",
            service=service,
            what="",
            file=stores[0].fact.path,
        )
