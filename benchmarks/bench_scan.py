"""The scan benchmark: `twelve scan` over a real-sized portfolio (the bundled example, every test
fixture and N generated repositories of mixed stacks), into SQLite with 1, 2 and N workers, again
to see every result reused, into PostgreSQL (a throw-away server, or TWELVE_TEST_POSTGRES_DSN) to
check both databases hold the same rows, then the dashboard: build time, page weight and load
time in headless Chromium, for the portfolio and for 2,000 repositories.

    python benchmarks/bench_scan.py                  # 200 generated repositories (make bench-scan)
    python benchmarks/bench_scan.py --count 50 --workers 1 2 --no-postgres
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import corpus  # noqa: E402

TWELVE = [sys.executable, "-m", "twelve"]
CHROMIUM = os.environ.get("TWELVE_CHROMIUM", "/usr/bin/chromium")
#: (stack, fixture to start from, top folders of a synthetic tree that hold that stack's files)
STACKS = (
    ("python", "py-compliant", ("services",)),
    ("python", "py-violations", ("services",)),
    ("node", "node-compliant", ("web",)),
    ("node", "node-violations", ("web",)),
    ("go", "go-compliant", ("worker",)),
    ("go", "go-violations", ("worker",)),
    ("java", "jvm-compliant", ("billing",)),
    ("java", "jvm-violations", ("billing",)),
    ("ruby", "ruby-compliant", ("admin",)),
    ("ruby", "ruby-violations", ("admin",)),
    ("deploy", "deploy-compliant", ("k8s",)),
    ("deploy", "deploy-violations", ("k8s",)),
    ("polyglot", "monorepo", ("docs", "k8s")),
)


def portfolio(dest: Path, count: int, seed: int = 12) -> list[Path]:
    """*count* repositories of mixed stacks under *dest*: a fixture of the stack, grown by the
    synthetic generator's files of that stack (20 to 150 files, findings sprinkled in) and its
    docs; three in four are one-commit git repositories, the others plain folders."""
    from materialize import materialize

    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory(prefix="twelve-portfolio-") as scratch:
        for index in range(count):
            stack, fixture, folders = STACKS[index % len(STACKS)]
            source = Path(scratch) / f"src-{index}"
            shutil.copytree(ROOT / "tests" / "fixtures" / fixture, source)
            synthetic = Path(scratch) / f"syn-{index}"
            corpus.synthetic(rng.randint(20, 150), synthetic, seed=seed * 1000 + index)
            for folder in (*folders, "docs"):
                if (synthetic / folder).is_dir():
                    shutil.copytree(synthetic / folder, source / "extra" / folder, dirs_exist_ok=True)
            shutil.rmtree(synthetic)
            name = f"{stack}-{index:04d}"
            materialize(str(source), str(dest / name), git=index % 4 != 3)
            shutil.rmtree(source)
            made.append(dest / name)
    return made


def _listing(work: Path, count: int) -> Path:
    """The list file: the example, every fixture and *count* generated repositories."""
    from materialize import materialize

    repos = work / "repos"
    if repos.exists():
        shutil.rmtree(repos)
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(repos / "togglemaster-monolith"))
    for fixture in sorted((ROOT / "tests" / "fixtures").iterdir()):
        materialize(str(fixture), str(repos / f"fixture-{fixture.name}"))
    portfolio(repos / "generated", count)
    lines = ["# the bundled example and the fixtures", "repos/togglemaster-monolith"]
    lines += [f"repos/{p.name}" for p in sorted(repos.iterdir()) if p.name.startswith("fixture-")]
    lines += ["", "# generated"] + [f"repos/generated/{p.name}" for p in sorted((repos / "generated").iterdir())]
    listing = work / "repos.txt"
    listing.write_text("\n".join(lines) + "\n")
    return listing


def _scan(listing: Path, db: str, workers: int, cache: Path | None) -> tuple[float, str]:
    command = [*TWELVE, "scan", str(listing), "--db", db, "--workers", str(workers), "-q", "--no-progress"]
    command += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "LANG": "C.UTF-8"})
    wall = time.perf_counter() - started
    if result.returncode not in (0,):
        raise SystemExit(f"twelve scan exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return wall, result.stdout.strip().splitlines()[-1]


def _rows(db: str) -> int:
    import sqlalchemy as sa

    from twelve.portfolio.store import Store

    with Store.open(db) as store, store.engine.connect() as connection:
        return sum(
            connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in (
                "twelve_repositories",
                "twelve_scans",
                "twelve_assessments",
                "twelve_apps",
                "twelve_verdicts",
                "twelve_scan_items",
            )
        )


def _snapshot(db: str) -> list:
    from twelve.portfolio.store import Store

    with Store.open(db) as store:
        return store.snapshot()


def _chromium_ready_ms(page: Path, profile: Path) -> float | None:
    """Milliseconds from navigation to the page's script having drawn the matrix, as the page
    itself records it (data-ready-ms), in headless Chromium."""
    if not os.path.exists(CHROMIUM):
        return None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    found = re.search(r'data-ready-ms="([0-9.]+)"', result.stdout)
    return float(found.group(1)) if found else None


def _big_database(db: str, source_db: str, size: int) -> None:
    """A database of *size* repositories: the real outcomes of the scanned portfolio, recorded
    again under new locations (one scan)."""
    from twelve.portfolio.store import Store
    from twelve.portfolio.task import AppRow, Outcome, VerdictRow

    with Store.open(source_db) as source:
        latest = [r for r in source.latest() if r.assessment_id is not None]
        reports = source.reports([r.assessment_id for r in latest])
    with Store.open(db) as store:
        scan_id = store.start_scan(
            tool_version="bench", tool_digest="bench", lang="en", source="bench", executor="bench", total=size
        )
        for index in range(size):
            r = latest[index % len(latest)]
            apps = tuple(
                AppRow(
                    a.index,
                    a.path,
                    a.name,
                    a.stacks,
                    tuple(VerdictRow(v.factor, v.status, v.confidence, v.justification) for v in a.verdicts),
                )
                for a in r.apps
            )
            store.record(
                scan_id,
                Outcome(
                    f"{r.location}-{index:05d}",
                    f"{r.name}-{index:05d}",
                    r.kind,
                    "assessed",
                    0.1,
                    digest=f"{index:064d}",
                    commit=r.commit,
                    is_repository=True,
                    tool_version="0.1.0",
                    tool_digest="bench",
                    report=reports[r.assessment_id],
                    apps=apps,
                    files_seen=1,
                    files_analyzed=1,
                ),
            )
        store.finish_scan(scan_id, "finished")


def _dashboard(db: str, out: Path, work: Path) -> tuple[float, float, float | None]:
    started = time.perf_counter()
    result = subprocess.run([*TWELVE, "dashboard", "--db", db, "-o", str(out)], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    page = out / "index.html"
    ready = _chromium_ready_ms(page, work / "chromium-profile")
    return wall, page.stat().st_size / 1024, ready


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="generated repositories")
    parser.add_argument("--workers", type=int, nargs="*", default=None, help="worker counts (default: 1, 2, cores)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--dashboard-size", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=None, help="keep the corpus and databases here")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = args.workers or sorted({1, 2, cores})
    work = args.work or Path(tempfile.mkdtemp(prefix="twelve-bench-scan-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, object] = {"count": args.count, "cores": cores}
    started = time.perf_counter()
    listing = _listing(work, args.count)
    total = sum(1 for line in listing.read_text().splitlines() if line and not line.startswith("#"))
    figures["repositories"] = total
    print(
        f"corpus: {total} repositories (example, {total - 1 - args.count} fixtures, {args.count} generated) "
        f"in {time.perf_counter() - started:.1f} s under {work}"
    )
    print()
    print("| run | workers | wall s | repositories/s | rows written | rows/s | database MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    runs = []
    sqlite_db = ""
    for count in workers:
        db_file = work / f"scan-w{count}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        sqlite_db = str(db_file)
        wall, _summary = _scan(listing, sqlite_db, count, None)
        rows = _rows(sqlite_db)
        size = sum(Path(f"{db_file}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db_file}{s}").exists())
        runs.append({"run": "cold, SQLite", "workers": count, "wall": wall, "rows": rows, "db_mb": size / 1e6})
        print(
            f"| cold (no cache), SQLite | {count} | {wall:.1f} | {total / wall:.1f} | {rows:,} | {rows / wall:,.0f} | "
            f"{size / 1e6:.1f} |"
        )
    wall, summary = _scan(listing, sqlite_db, workers[-1], None)
    reused = re.search(r"(\d+) reused", summary)
    runs.append(
        {"run": "again, SQLite", "workers": workers[-1], "wall": wall, "reused": int(reused.group(1)) if reused else 0}
    )
    print(
        f"| again: {reused.group(1) if reused else '?'} of {total} reused, SQLite | {workers[-1]} | {wall:.1f} | "
        f"{total / wall:.1f} | | | |"
    )
    figures["runs"] = runs
    if not args.no_postgres:
        import pgserver

        server = None
        admin = os.environ.get("TWELVE_TEST_POSTGRES_DSN")
        if not admin:
            server = pgserver.start(Path(tempfile.mkdtemp(prefix="twelve-bench-pg-")))
            admin = server.dsn
        try:
            import sqlalchemy as sa

            engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
            name = f"twelve_bench_{os.getpid()}"
            with engine.connect() as connection:
                connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
                connection.execute(sa.text(f"CREATE DATABASE {name}"))
            engine.dispose()
            pg = sa.engine.make_url(admin).set(database=name).render_as_string(hide_password=False)
            first = _snapshot(sqlite_db)
            wall, _summary = _scan(listing, pg, workers[-1], None)
            rows = _rows(pg)
            print(
                f"| cold (no cache), PostgreSQL | {workers[-1]} | {wall:.1f} | {total / wall:.1f} | {rows:,} | "
                f"{rows / wall:,.0f} | |"
            )
            wall2, summary = _scan(listing, pg, workers[-1], None)
            reused = re.search(r"(\d+) reused", summary)
            print(
                f"| again: {reused.group(1) if reused else '?'} of {total} reused, PostgreSQL | {workers[-1]} | "
                f"{wall2:.1f} | {total / wall2:.1f} | | | |"
            )
            # the SQLite database had two scans (cold, again): compare with the same two here
            second = _snapshot(pg)
            same = first == second
            for a, b in zip(first, second):
                if a != b:  # show where they differ
                    keys = [k for k in a if a[k] != b[k]]
                    print(f"first difference: {a['location']}: {keys}", file=sys.stderr)
                    if "assessment" in keys and a["assessment"] and b["assessment"]:
                        print([k for k in a["assessment"] if a["assessment"][k] != b["assessment"][k]], file=sys.stderr)
                    break
            figures["postgres"] = {"wall": wall, "rows": rows, "again": wall2, "same_rows_as_sqlite": same}
            print()
            print(f"SQLite and PostgreSQL hold the same rows: {'yes' if same else 'NO'}")
        finally:
            if server is not None:
                server.stop()
    print()
    print("| dashboard | repositories | build s | page KB | Chromium: script done ms |")
    print("|---|---:|---:|---:|---:|")
    wall, kb, ready = _dashboard(sqlite_db, work / "site", work)
    print(f"| the portfolio above | {total} | {wall:.2f} | {kb:,.0f} | {ready if ready is not None else '-'} |")
    dashboards = [{"repositories": total, "build": wall, "kb": kb, "ready_ms": ready}]
    big = work / "big.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{big}{suffix}").unlink(missing_ok=True)
    _big_database(str(big), sqlite_db, args.dashboard_size)
    wall, kb, ready = _dashboard(str(big), work / "site-big", work)
    print(
        f"| {args.dashboard_size:,} repositories | {args.dashboard_size} | {wall:.2f} | {kb:,.0f} | "
        f"{ready if ready is not None else '-'} |"
    )
    dashboards.append({"repositories": args.dashboard_size, "build": wall, "kb": kb, "ready_ms": ready})
    figures["dashboards"] = dashboards
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
