"""Alembic's entry point for twelve's portfolio database.

twelve runs it itself (``store.upgrade``), on a connection it has opened and locked, so nobody
needs an alembic.ini. A developer adding a revision writes it by hand in versions/ (see
docs/scan.md); script.py.mako is its template.
"""

from __future__ import annotations

from alembic import context

from twelve.portfolio.tables import METADATA, VERSION_TABLE

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - twelve always hands a connection over
    raise RuntimeError("twelve's migrations run through twelve.portfolio.store.upgrade()")
context.configure(
    connection=connection,
    target_metadata=METADATA,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
