"""Many repositories: ``twelve scan``, the database that keeps every scan, and what is read back
from it (the latest matrix, a repository's history, exports and a static dashboard).

- ``targets``: the repositories a list file or a folder of checkouts names;
- ``task``: one repository assessed (cloned first when it is a URL) into plain data, in whatever
  process or cluster worker runs it; the input digest that decides whether a stored result can
  be reused;
- ``scan``: the orchestration (in this process, a local process pool or a Dask cluster), the
  progress bar, Ctrl-C;
- ``tables``, ``store``, ``migrations/``: the schema (SQLAlchemy Core, Alembic migrations run on
  first use) and every read and write, on SQLite or PostgreSQL;
- ``export``, ``dashboard``, ``history``: what is shown from the database.

Nothing here is imported by ``twelve check``; the command line imports these modules (and
SQLAlchemy, Alembic, Dask) only when a portfolio command runs.
"""
