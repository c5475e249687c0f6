"""What the portfolio commands do once the command line has parsed their options (cli.py declares
them): each function prints its output and returns the exit code.

Exit codes: 0 done; 2 a usage or input problem (no list, a database that cannot be opened, no
repository or scan in it, and for ``scan`` also: some repository could not be read or cloned,
recorded with its error); 3 an internal error (for ``scan``: some repository's assessment hit
one, recorded, the others are kept; it wins over 2); 130 ``scan`` interrupted by Ctrl-C (what
finished is kept).
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass
from typing import Any

import click

from twelve.locale import Catalog

EXIT_OK, EXIT_USAGE = 0, 2


@dataclass(frozen=True, slots=True)
class ScanRequest:
    sources: tuple[str, ...]
    db: str | None
    workers: int | None
    cluster: str | None
    fmt: str | None
    output: str | None
    lang: str
    quiet: bool
    no_progress: bool
    progress_delay: float
    settings: Any  # task.Settings
    cluster_timeout: float = 30.0


def _error(catalog: Catalog, key: str, **params: Any) -> int:
    click.echo(f"twelve: error: {catalog.text(key, **params)}", err=True)
    return EXIT_USAGE


def _open(db: str | None, catalog: Catalog) -> Any:
    """The store, or an error message printed and None."""
    from twelve.portfolio.store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as error:
        _error(catalog, f"portfolio.{error.key}", **error.params)
        return None


def _write(text: str, output: str | None, catalog: Catalog, key: str = "portfolio.written") -> None:
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        click.echo(catalog.text(key, path=output), err=True)
    else:
        click.echo(text, nl=False)


def _short(commit: str | None, catalog: Catalog) -> str:
    return commit[:12] if commit else catalog.text("scan.no_commit")


def _date(value: _dt.datetime | None) -> str:
    return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def outcome_line(outcome: Any, recorded: Any, catalog: Catalog) -> str:
    """One line per repository: assessed, reused (and since when) or failed (and why)."""
    commit = _short(outcome.commit, catalog)
    if recorded.outcome == "reused":
        return catalog.text(
            "scan.line_reused",
            location=outcome.location,
            commit=commit,
            version=outcome.tool_version,
            date=_date(recorded.assessed_at),
        )
    if recorded.outcome == "failed":
        return catalog.text("scan.line_failed", location=outcome.location, error=outcome.error or "-")
    key = "scan.line_internal" if outcome.exit_code == 3 else "scan.line_assessed"
    return catalog.text(
        key, location=outcome.location, commit=commit, meets=outcome.meets, seconds=f"{outcome.duration:.2f}"
    )


def scan(request: ScanRequest) -> int:
    from twelve.portfolio import scan as scanning
    from twelve.portfolio.targets import TargetsError, read_targets

    catalog = Catalog(request.lang)
    try:
        targets = read_targets(request.sources)
    except TargetsError as error:
        return _error(catalog, f"scan.{error.key}", **error.params)
    if not targets:
        return _error(catalog, "scan.empty", sources=" ".join(request.sources))
    store = _open(request.db, catalog)
    if store is None:
        return EXIT_USAGE
    with store:
        try:
            where = scanning.runner(request.workers, request.cluster, timeout=request.cluster_timeout)
        except scanning.ClusterError as error:
            return _error(catalog, f"scan.{error.key}", **error.params)
        export_to_stdout = request.fmt is not None and request.output is None
        lines_to_stderr = export_to_stdout
        bar = None
        if not request.no_progress and sys.stderr.isatty():
            bar = scanning.ScanProgress(catalog, len(targets), delay=request.progress_delay)

        def show(outcome: Any, recorded: Any) -> None:
            if bar is not None:
                bar.advance(recorded.outcome == "failed")
            if request.quiet and recorded.outcome != "failed":
                return
            line = outcome_line(outcome, recorded, catalog)
            if bar is not None and (lines_to_stderr or sys.stdout.isatty()):
                bar.print(line)  # above the bar, on the terminal both share
            else:
                click.echo(line, err=lines_to_stderr)

        try:
            summary = scanning.scan(
                store,
                targets,
                request.settings,
                where,
                catalog=catalog,
                on_outcome=show,
                source=scanning.describe_source(request.sources),
            )
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
        rate = (summary.total - summary.left) / summary.seconds if summary.seconds else 0.0
        click.echo(
            catalog.text(
                "scan.summary",
                scan=summary.scan_id,
                db=store.shown,
                total=summary.total,
                assessed=summary.assessed,
                reused=summary.reused,
                failed=summary.failed,
                seconds=f"{summary.seconds:.1f}",
                rate=f"{rate:.1f}",
            ),
            err=lines_to_stderr,
        )
        if summary.state == "interrupted":
            click.echo(catalog.text("scan.interrupted", left=summary.left, scan=summary.scan_id), err=True)
        if request.fmt is not None:
            _write(_export_text(store, request.fmt, catalog), request.output, catalog)
        return summary.exit_code


def _export_text(store: Any, fmt: str, catalog: Catalog) -> str:
    from twelve._version import __version__
    from twelve.portfolio.export import render

    return render(store.latest(), fmt, catalog, database=store.shown, tool_version=__version__)


def export(db: str | None, fmt: str, output: str | None, lang: str) -> int:
    catalog = Catalog(lang)
    store = _open(db, catalog)
    if store is None:
        return EXIT_USAGE
    with store:
        if not store.scans():
            return _error(catalog, "portfolio.empty_db", url=store.shown)
        _write(_export_text(store, fmt, catalog), output, catalog)
    return EXIT_OK


def dashboard(db: str | None, output: str, lang: str, title: str | None) -> int:
    import time

    from twelve.portfolio.dashboard import build

    catalog = Catalog(lang)
    store = _open(db, catalog)
    if store is None:
        return EXIT_USAGE
    with store:
        if not store.scans():
            return _error(catalog, "portfolio.empty_db", url=store.shown)
        started = time.monotonic()
        page, count = build(store, catalog, title=title)
    target = output if output.endswith((".html", ".htm")) else os.path.join(output, "index.html")
    folder = os.path.dirname(os.path.abspath(target))
    os.makedirs(folder, exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(page)
    click.echo(
        catalog.text(
            "portfolio.dashboard_written",
            path=target,
            count=count,
            size=f"{len(page.encode('utf-8')) / 1024:.0f}",
            seconds=f"{time.monotonic() - started:.2f}",
        ),
        err=True,
    )
    return EXIT_OK


def history(db: str | None, repository: str, fmt: str, lang: str) -> int:
    from twelve.portfolio.history import to_json, to_text

    catalog = Catalog(lang)
    store = _open(db, catalog)
    if store is None:
        return EXIT_USAGE
    with store:
        found = store.find_repositories(repository)
        if not found:
            return _error(catalog, "portfolio.unknown_repository", query=repository, url=store.shown)
        if len(found) > 1:
            names = ", ".join(location for _id, location, _name in found[:5])
            return _error(catalog, "portfolio.ambiguous", query=repository, count=len(found), names=names)
        repository_id, location, _name = found[0]
        entries = store.history(repository_id)
    click.echo(to_json(location, entries) if fmt == "json" else to_text(location, entries, catalog), nl=False)
    return EXIT_OK
