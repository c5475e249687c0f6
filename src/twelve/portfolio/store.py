"""The portfolio database: SQLite (a file, the default) or PostgreSQL, through SQLAlchemy Core.

The schema is created and upgraded by the Alembic migrations shipped in ``migrations/``, run by
:func:`upgrade` the first time a store is opened (and whenever the package brings a newer
revision), under a lock, so two scans starting together on a new database do not race:
PostgreSQL takes a transaction-scoped advisory lock, SQLite a write transaction
(``BEGIN IMMEDIATE``).

Concurrent writers lose nothing: every write is one short transaction; repositories are inserted
with ``ON CONFLICT DO NOTHING`` and read back, so two scans naming the same repository share its
row; on SQLite every write transaction starts with ``BEGIN IMMEDIATE`` (it takes the write lock
first instead of failing half-way when another writer holds it) and waits up to a minute for it
(the ``timeout`` of the driver); the file is in WAL mode, so readers never block writers.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from twelve.portfolio import tables as t

DEFAULT_DB = "twelve-scan.db"
#: PostgreSQL advisory lock key of the migrations ("twelve" in ASCII)
_LOCK_KEY = 0x7477656C7665
_CHUNK = 500  # ids per IN (...) list
SQLITE_TIMEOUT = 60.0  # seconds a writer waits for the lock
#: seconds between two tries to open a SQLite database another process holds locked
_LOCKED_RETRY = 0.05


def _sqlite_locked(url: sa.engine.URL, reason: str) -> bool:
    """Whether opening the SQLite database at *url* failed only because another process held it."""
    return url.get_backend_name() == "sqlite" and "database is locked" in reason


class StoreError(Exception):
    """A database that cannot be used: *key* names the sentence (``portfolio.<key>``)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(f"{key}: {params}")
        self.key = key
        self.params = {k: str(v) for k, v in params.items()}


def database_url(value: str | None) -> sa.engine.URL:
    """The SQLAlchemy URL of *value*: a URL (``postgresql://…`` uses psycopg 3, ``sqlite:///…``)
    or a plain file path, which is a SQLite database (default ``./twelve-scan.db``)."""
    text = (value or DEFAULT_DB).strip()
    if "://" not in text:
        return sa.engine.URL.create("sqlite", database=os.path.abspath(os.path.expanduser(text)))
    try:
        url = sa.engine.make_url(text)
    except sa.exc.ArgumentError:
        raise StoreError("bad_url", url=_masked_text(text)) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError("unsupported", url=url.render_as_string(hide_password=True))
    return url


def _masked_text(text: str) -> str:
    from twelve.repository.remote import mask_text

    return mask_text(text)


def shown_url(url: sa.engine.URL) -> str:
    """The URL as messages show it: the password masked."""
    return url.render_as_string(hide_password=True)


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def _utc(value: _dt.datetime | None) -> _dt.datetime | None:
    """SQLite gives naive datetimes back: they were written in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=_dt.timezone.utc)


def _utc_set(value: _dt.datetime) -> _dt.datetime:
    """_utc of a column that is never null."""
    stamped = _utc(value)
    assert stamped is not None
    return stamped


def _sqlite_setup(engine: sa.engine.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver's own BEGIN handling is off: ours below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: sa.engine.Connection) -> None:
        write = connection.get_execution_options().get("twelve_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_engine(url: sa.engine.URL) -> sa.engine.Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            folder = os.path.dirname(os.path.abspath(url.database))
            if not os.path.isdir(folder):
                raise StoreError("no_folder", path=folder)
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_TIMEOUT})
        _sqlite_setup(engine)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise StoreError("driver_missing", module=exc.name or "psycopg") from None


def upgrade(engine: sa.engine.Engine) -> None:
    """Bring the schema to the newest revision shipped with the package (no-op when it is)."""
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "twelve.portfolio:migrations")
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection, opts={"version_table": t.VERSION_TABLE}).get_current_revision()
    if current == head:
        return
    from alembic import command

    with engine.execution_options(twelve_write=True).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


# --- what is read back ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    factor: int
    status: str
    confidence: str
    justification: str


@dataclass(frozen=True, slots=True)
class App:
    index: int
    path: str
    name: str
    stacks: tuple[str, ...]
    verdicts: tuple[Verdict, ...]


@dataclass(frozen=True, slots=True)
class Result:
    """The latest state of one repository: its latest assessment (None if every attempt
    failed) and its latest attempt (which may have failed after an earlier success)."""

    repository_id: int
    location: str
    name: str
    kind: str
    assessment_id: int | None
    commit: str | None
    tool_version: str | None
    assessed_at: _dt.datetime | None
    exit_code: int | None
    apps: tuple[App, ...]
    last_scan: int
    last_outcome: str
    last_at: _dt.datetime
    error_kind: str | None
    error: str | None

    @property
    def main(self) -> App | None:
        return self.apps[0] if self.apps else None

    @property
    def stacks(self) -> tuple[str, ...]:
        return tuple(sorted({s for app in self.apps for s in app.stacks}))


@dataclass(frozen=True, slots=True)
class Scan:
    id: int
    started_at: _dt.datetime
    finished_at: _dt.datetime | None
    state: str
    tool_version: str
    lang: str
    source: str
    executor: str
    total: int
    assessed: int
    reused: int
    failed: int


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    scan: Scan
    outcome: str
    assessment_id: int | None
    commit: str | None
    statuses: tuple[str, ...] | None  # the main app's twelve statuses
    error: str | None


@dataclass(frozen=True, slots=True)
class Recorded:
    outcome: str  # assessed, reused or failed
    assessment_id: int | None
    assessed_at: _dt.datetime | None = None  # when the assessment (the one reused) was made


class Store:
    """One portfolio database. Open with :meth:`open` (it runs the migrations)."""

    def __init__(self, engine: sa.engine.Engine, url: sa.engine.URL) -> None:
        self.engine = engine
        self.url = url
        self._writer = engine.execution_options(twelve_write=True)

    @classmethod
    def open(cls, value: str | None) -> Store:
        url = database_url(value)
        engine = create_engine(url)
        # two scans opening a new SQLite database at once race to set its journal mode and to
        # migrate it: SQLite may answer "locked" at once (a lock upgrade that would deadlock does
        # not wait for the busy timeout); the loser tries again until SQLITE_TIMEOUT has passed
        deadline = time.monotonic() + SQLITE_TIMEOUT
        while True:
            try:
                upgrade(engine)
                break
            except ModuleNotFoundError as exc:  # the driver is imported at the first connection
                engine.dispose()
                raise StoreError("driver_missing", module=exc.name or "psycopg") from None
            except sa.exc.OperationalError as exc:
                engine.dispose()  # on a retry, a fresh connection runs its setup (the journal mode) again
                reason = str(exc.orig or exc)
                if _sqlite_locked(url, reason) and time.monotonic() < deadline:
                    time.sleep(_LOCKED_RETRY)
                    continue
                raise StoreError(
                    "unreachable", url=shown_url(url), reason=_masked_text(reason).split(" (Background")[0]
                ) from None
        return cls(engine, url)

    @property
    def shown(self) -> str:
        return shown_url(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sa.engine.Connection]:
        with self._writer.begin() as connection:
            yield connection

    def _insert(self, connection: sa.engine.Connection, table: sa.Table) -> Any:
        if connection.dialect.name == "postgresql":
            from sqlalchemy.dialects import postgresql

            return postgresql.insert(table)
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)

    # --- writes ---------------------------------------------------------------------------------

    def start_scan(
        self, *, tool_version: str, tool_digest: str, lang: str, source: str, executor: str, total: int
    ) -> int:
        with self._write() as connection:
            return int(
                connection.execute(  # type: ignore[index]  # sqlalchemy: inserted_primary_key is set after an insert
                    t.scans.insert().values(
                        started_at=_now(),
                        state="running",
                        tool_version=tool_version,
                        tool_digest=tool_digest,
                        lang=lang,
                        source=source,
                        executor=executor,
                        total=total,
                    )
                ).inserted_primary_key[0]
            )

    def finish_scan(self, scan_id: int, state: str) -> Scan:
        """Close the scan with *state* (finished, interrupted, crashed) and its counts."""
        with self._write() as connection:
            counts: dict[str, int] = dict(
                connection.execute(
                    sa.select(t.scan_items.c.outcome, sa.func.count())
                    .where(t.scan_items.c.scan_id == scan_id)
                    .group_by(t.scan_items.c.outcome)
                ).all()
            )
            connection.execute(
                t.scans.update()
                .where(t.scans.c.id == scan_id)
                .values(
                    finished_at=_now(),
                    state=state,
                    assessed=counts.get("assessed", 0),
                    reused=counts.get("reused", 0),
                    failed=counts.get("failed", 0),
                )
            )
        return next(s for s in self.scans() if s.id == scan_id)

    def known_digests(self, locations: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The input digests of the clean assessments (exit code 0) stored for *locations*."""
        wanted = list(dict.fromkeys(locations))
        found: dict[str, list[str]] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                rows = connection.execute(
                    sa.select(t.repositories.c.location, t.assessments.c.input_digest)
                    .join(t.assessments, t.assessments.c.repository_id == t.repositories.c.id)
                    .where(t.repositories.c.location.in_(chunk), t.assessments.c.exit_code == 0)
                    .distinct()
                )
                for location, digest in rows:
                    found.setdefault(location, []).append(digest)
        return {k: tuple(sorted(v)) for k, v in found.items()}

    def _repository(self, connection: sa.engine.Connection, location: str, name: str, kind: str) -> int:
        connection.execute(
            self._insert(connection, t.repositories)
            .values(location=location, name=name, kind=kind, created_at=_now())
            .on_conflict_do_nothing(index_elements=["location"])
        )
        return int(
            connection.execute(sa.select(t.repositories.c.id).where(t.repositories.c.location == location)).scalar_one()
        )

    def record(self, scan_id: int, outcome: Any) -> Recorded:
        """Keep what a scan did with one repository (a ``task.Outcome``), in one transaction."""
        with self._write() as connection:
            repository_id = self._repository(connection, outcome.location, outcome.name, outcome.kind)
            assessment_id: int | None = None
            assessed_at: _dt.datetime | None = None
            kind, error_kind, error = outcome.outcome, outcome.error_kind, outcome.error
            if kind == "reused":
                found = connection.execute(
                    sa.select(t.assessments.c.id, t.assessments.c.created_at)
                    .where(
                        t.assessments.c.repository_id == repository_id,
                        t.assessments.c.input_digest == outcome.digest,
                        t.assessments.c.exit_code == 0,
                    )
                    .order_by(t.assessments.c.id.desc())
                    .limit(1)
                ).first()
                if found is None:  # deleted since the scan started: nothing to reuse
                    kind, error_kind, error = "failed", "internal", "the stored result to reuse is gone"
                else:
                    assessment_id, assessed_at = found.id, _utc(found.created_at)
            elif kind == "assessed":
                assessment_id = self._assessment(connection, repository_id, outcome)
                assessed_at = _now()
            connection.execute(
                self._insert(connection, t.scan_items)
                .values(
                    scan_id=scan_id,
                    repository_id=repository_id,
                    outcome=kind,
                    assessment_id=assessment_id,
                    error_kind=error_kind,
                    error=error,
                    duration_s=outcome.duration,
                    finished_at=_now(),
                )
                .on_conflict_do_nothing(index_elements=["scan_id", "repository_id"])
            )
        return Recorded(kind, assessment_id, assessed_at)

    def _assessment(self, connection: sa.engine.Connection, repository_id: int, outcome: Any) -> int:
        assessment_id = int(
            connection.execute(  # type: ignore[index]  # sqlalchemy: inserted_primary_key is set after an insert
                t.assessments.insert().values(
                    repository_id=repository_id,
                    input_digest=outcome.digest,
                    commit=outcome.commit,
                    is_repository=outcome.is_repository,
                    tool_version=outcome.tool_version,
                    tool_digest=outcome.tool_digest,
                    lang=outcome.lang,
                    created_at=_now(),
                    duration_s=outcome.duration,
                    exit_code=outcome.exit_code,
                    files_seen=outcome.files_seen,
                    files_analyzed=outcome.files_analyzed,
                    report=outcome.report,
                )
            ).inserted_primary_key[0]
        )
        connection.execute(
            t.apps.insert(),
            [
                {
                    "assessment_id": assessment_id,
                    "app_index": app.index,
                    "path": app.path,
                    "name": app.name,
                    "stacks": ",".join(app.stacks),
                }
                for app in outcome.apps
            ],
        )
        connection.execute(
            t.verdicts.insert(),
            [
                {
                    "assessment_id": assessment_id,
                    "app_index": app.index,
                    "factor": v.factor,
                    "status": v.status,
                    "confidence": v.confidence,
                    "justification": v.justification,
                }
                for app in outcome.apps
                for v in app.verdicts
            ],
        )
        return assessment_id

    # --- reads ----------------------------------------------------------------------------------

    def scans(self) -> list[Scan]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(t.scans).order_by(t.scans.c.id)).mappings().all()
        return [
            Scan(
                r["id"],
                _utc_set(r["started_at"]),
                _utc(r["finished_at"]),
                r["state"],
                r["tool_version"],
                r["lang"],
                r["source"],
                r["executor"],
                r["total"],
                r["assessed"],
                r["reused"],
                r["failed"],
            )
            for r in rows
        ]

    def _apps(self, connection: sa.engine.Connection, ids: Sequence[int]) -> dict[int, tuple[App, ...]]:
        """The apps (with their verdicts) of the assessments *ids*."""
        heads: dict[tuple[int, int], tuple[str, str, tuple[str, ...]]] = {}
        found: dict[tuple[int, int], list[Verdict]] = {}
        unique = sorted(set(ids))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            for row in connection.execute(sa.select(t.apps).where(t.apps.c.assessment_id.in_(chunk))):
                stacks = tuple(s for s in row.stacks.split(",") if s)
                heads[(row.assessment_id, row.app_index)] = (row.path, row.name, stacks)
            for row in connection.execute(
                sa.select(t.verdicts).where(t.verdicts.c.assessment_id.in_(chunk)).order_by(t.verdicts.c.factor)
            ):
                found.setdefault((row.assessment_id, row.app_index), []).append(
                    Verdict(row.factor, row.status, row.confidence, row.justification)
                )
        out: dict[int, list[App]] = {}
        for (assessment_id, index), (path, name, stacks) in sorted(heads.items()):
            out.setdefault(assessment_id, []).append(
                App(index, path, name, stacks, tuple(found.get((assessment_id, index), ())))
            )
        return {k: tuple(v) for k, v in out.items()}

    def _items(self, connection: sa.engine.Connection, repository_id: int | None = None) -> list[Any]:
        """Every scan item (with its repository), oldest first."""
        query = (
            sa.select(t.scan_items, t.repositories.c.location, t.repositories.c.name, t.repositories.c.kind)
            .join(t.repositories, t.repositories.c.id == t.scan_items.c.repository_id)
            .order_by(t.scan_items.c.finished_at, t.scan_items.c.scan_id, t.scan_items.c.repository_id)
        )
        if repository_id is not None:
            query = query.where(t.scan_items.c.repository_id == repository_id)
        return list(connection.execute(query))

    def latest(self) -> list[Result]:
        """Each repository's latest result, ordered by location."""
        with self.engine.connect() as connection:
            items = self._items(connection)
            last: dict[int, Any] = {}
            good: dict[int, Any] = {}
            for item in items:
                last[item.repository_id] = item
                if item.assessment_id is not None:
                    good[item.repository_id] = item
            ids = [item.assessment_id for item in good.values()]
            heads: dict[int, Any] = {}
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                for row in connection.execute(
                    sa.select(
                        t.assessments.c.id,
                        t.assessments.c.commit,
                        t.assessments.c.tool_version,
                        t.assessments.c.created_at,
                        t.assessments.c.exit_code,
                    ).where(t.assessments.c.id.in_(chunk))
                ):
                    heads[row.id] = row
            apps = self._apps(connection, ids)
        results = []
        for repository_id, item in last.items():
            ok = good.get(repository_id)
            head = heads.get(ok.assessment_id) if ok is not None else None
            results.append(
                Result(
                    repository_id,
                    item.location,
                    item.name,
                    item.kind,
                    ok.assessment_id if ok is not None else None,
                    head.commit if head else None,
                    head.tool_version if head else None,
                    _utc(head.created_at) if head else None,
                    head.exit_code if head else None,
                    apps.get(ok.assessment_id, ()) if ok is not None else (),
                    item.scan_id,
                    item.outcome,
                    _utc_set(item.finished_at),
                    item.error_kind,
                    item.error,
                )
            )
        return sorted(results, key=lambda r: (r.name.lower(), r.location))

    def reports(self, ids: Sequence[int]) -> dict[int, str]:
        """The stored JSON reports of the assessments *ids*."""
        out: dict[int, str] = {}
        unique = sorted(set(ids))
        with self.engine.connect() as connection:
            for start in range(0, len(unique), _CHUNK):
                chunk = unique[start : start + _CHUNK]
                out.update(
                    connection.execute(
                        sa.select(t.assessments.c.id, t.assessments.c.report).where(t.assessments.c.id.in_(chunk))
                    ).all()
                )
        return out

    def find_repositories(self, query: str) -> list[tuple[int, str, str]]:
        """(id, location, name) of the repositories *query* names: its location (a path is made
        absolute first), else its name, else a part of its location."""
        from twelve.repository.remote import mask_url

        candidates = [query, mask_url(query)]
        if "://" not in query:
            candidates.append(os.path.abspath(os.path.expanduser(query)))
        columns = (t.repositories.c.id, t.repositories.c.location, t.repositories.c.name)
        with self.engine.connect() as connection:
            for where in (
                t.repositories.c.location.in_(candidates),
                t.repositories.c.name == query,
                t.repositories.c.location.contains(query, autoescape=True),
            ):
                rows = [
                    tuple(r)
                    for r in connection.execute(sa.select(*columns).where(where).order_by(t.repositories.c.location))
                ]
                if rows:
                    return rows
        return []

    def history(self, repository_id: int) -> list[HistoryEntry]:
        """What every scan found for one repository, oldest first."""
        scans = {s.id: s for s in self.scans()}
        with self.engine.connect() as connection:
            items = self._items(connection, repository_id)
            ids = [i.assessment_id for i in items if i.assessment_id is not None]
            apps = self._apps(connection, ids)
            commits = dict(
                connection.execute(
                    sa.select(t.assessments.c.id, t.assessments.c.commit).where(t.assessments.c.id.in_(ids or [-1]))
                ).all()
            )
        entries = []
        for item in items:
            app = apps.get(item.assessment_id, ())
            statuses = tuple(v.status for v in app[0].verdicts) if app else None
            entries.append(
                HistoryEntry(
                    scans[item.scan_id],
                    item.outcome,
                    item.assessment_id,
                    commits.get(item.assessment_id),
                    statuses,
                    item.error,
                )
            )
        return entries

    def trend(self) -> list[tuple[Scan, dict[int, dict[str, int]], int]]:
        """The portfolio after each finished or interrupted scan: per factor, how many
        repositories' latest result (as of that scan) has each status, and how many there were."""
        scans = [s for s in self.scans() if s.state != "running"]
        with self.engine.connect() as connection:
            items = self._items(connection)
            by_scan: dict[int, list[Any]] = {}
            for item in items:
                if item.assessment_id is not None:
                    by_scan.setdefault(item.scan_id, []).append(item)
            ids = [i.assessment_id for i in items if i.assessment_id is not None]
            main: dict[int, tuple[str, ...]] = {}
            unique = sorted(set(ids))
            for start in range(0, len(unique), _CHUNK):
                chunk = unique[start : start + _CHUNK]
                rows = connection.execute(
                    sa.select(t.verdicts.c.assessment_id, t.verdicts.c.factor, t.verdicts.c.status)
                    .where(t.verdicts.c.assessment_id.in_(chunk), t.verdicts.c.app_index == 0)
                    .order_by(t.verdicts.c.assessment_id, t.verdicts.c.factor)
                )
                for assessment_id, _factor, status in rows:
                    main[assessment_id] = main.get(assessment_id, ()) + (status,)
        state: dict[int, int] = {}
        out = []
        for scan in sorted(scans, key=lambda s: (s.finished_at or s.started_at, s.id)):
            for item in by_scan.get(scan.id, ()):
                state[item.repository_id] = item.assessment_id
            counts: dict[int, dict[str, int]] = {n: {} for n in range(1, 13)}
            for assessment_id in state.values():
                for number, status in enumerate(main.get(assessment_id, ()), start=1):
                    counts[number][status] = counts[number].get(status, 0) + 1
            out.append((scan, counts, len(state)))
        return out

    def snapshot(self) -> list[dict[str, Any]]:
        """Every scan item with what it points at, without database ids or times: two databases
        that received the same scans give equal snapshots (the tests and the benchmark compare
        SQLite, PostgreSQL and Dask runs with it). The locations of each finding are put in one
        order: a few rules list the locations of one line in the order of a Python set, which
        differs between processes (PYTHONHASHSEED); everything else is compared as stored."""
        scans = {s.id: n for n, s in enumerate(self.scans())}
        with self.engine.connect() as connection:
            items = self._items(connection)
            ids = [i.assessment_id for i in items if i.assessment_id is not None]
            apps = self._apps(connection, ids)
            heads = {
                r.id: r for r in connection.execute(sa.select(t.assessments).where(t.assessments.c.id.in_(ids or [-1])))
            }
        out = []
        for item in items:
            head = heads.get(item.assessment_id)
            out.append(
                {
                    "scan": scans[item.scan_id],
                    "location": item.location,
                    "name": item.name,
                    "kind": item.kind,
                    "outcome": item.outcome,
                    "error_kind": item.error_kind,
                    "error": item.error,
                    "assessment": None
                    if head is None
                    else {
                        "digest": head.input_digest,
                        "commit": head.commit,
                        "is_repository": bool(head.is_repository),
                        "tool_version": head.tool_version,
                        "lang": head.lang,
                        "exit_code": head.exit_code,
                        "files_seen": head.files_seen,
                        "files_analyzed": head.files_analyzed,
                        "report": _ordered_locations(json.loads(head.report)),
                        "apps": [
                            [
                                a.index,
                                a.path,
                                a.name,
                                list(a.stacks),
                                [[v.factor, v.status, v.confidence, v.justification] for v in a.verdicts],
                            ]
                            for a in apps.get(item.assessment_id, ())
                        ],
                    },
                }
            )
        return sorted(out, key=lambda r: (r["scan"], r["location"]))


def _ordered_locations(report: dict[str, Any]) -> dict[str, Any]:
    lists = [factor.get("findings", []) for app in report.get("apps", []) for factor in app.get("factors", [])]
    lists.append((report.get("repository") or {}).get("findings", []))  # those several apps report
    for findings in lists:
        for finding in findings:
            finding["locations"] = sorted(
                finding.get("locations", []),
                key=lambda l: (l.get("path") or "", l.get("line") or 0, l.get("excerpt") or ""),
            )
    report["factors"] = report["apps"][0]["factors"] if report.get("apps") else report.get("factors")
    return report


__all__ = [
    "DEFAULT_DB",
    "App",
    "HistoryEntry",
    "Recorded",
    "Result",
    "Scan",
    "Store",
    "StoreError",
    "Verdict",
    "database_url",
    "shown_url",
    "upgrade",
]
