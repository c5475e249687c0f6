"""twelve scan: many repositories into SQLite and a real PostgreSQL server, in this process, a local
process pool and a real Dask LocalCluster; stored results reused by input digest; failures
recorded without stopping the scan; concurrent scans losing nothing; Ctrl-C keeping what
finished; exports, history, migrations and errors.

PostgreSQL: TWELVE_TEST_POSTGRES_DSN names a server (.ci/run starts one); without it the tests
start their own from Debian's `postgresql` binaries. With TWELVE_REQUIRE_POSTGRES=1 a missing
server fails the tests instead of skipping them."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT, statuses
from materialize import materialize
from twelve.cli import main
from twelve.pipeline import assess
from twelve.portfolio.store import Store
from twelve.portfolio.targets import TargetsError, read_targets
from twelve.report import render

EXAMPLE = ROOT / "examples" / "togglemaster-monolith"
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())


# --- the corpus and the databases -------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """The example and every fixture, each laid out as a one-commit git repository."""
    base = tmp_path_factory.mktemp("corpus")
    repos = {"togglemaster-monolith": base / "togglemaster-monolith"}
    materialize(str(EXAMPLE), str(repos["togglemaster-monolith"]))
    for fixture in FIXTURES:
        repos[fixture.name] = base / fixture.name
        materialize(str(fixture), str(repos[fixture.name]))
    return repos


def _listing(folder: Path, paths, extra: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    listing = folder / "repos.txt"
    listing.write_text("# every repository\n\n" + "\n".join([*(str(p) for p in paths), *extra]) + "\n")
    return listing


def _scan(*args: str) -> object:
    return CliRunner().invoke(main, ["scan", "--no-progress", *args], catch_exceptions=False)


def _sqlite(tmp_path: Path, name: str = "scan.db") -> str:
    return str(tmp_path / name)


@pytest.fixture(scope="module")
def postgres_admin(tmp_path_factory):
    """The DSN of a PostgreSQL server whose superuser may create databases."""
    dsn = os.environ.get("TWELVE_TEST_POSTGRES_DSN")
    if dsn:
        yield dsn
        return
    import pgserver

    problem = None
    server = None
    if pgserver.binaries() is None:
        problem = "PostgreSQL's server binaries are not installed (Debian: apt-get install postgresql; .ci/run does it)"
    else:
        try:
            server = pgserver.start(Path(tempfile.mkdtemp(prefix="twelve-test-pg-")))
        except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
            problem = f"could not start PostgreSQL: {exc}"
    if server is None:
        if os.environ.get("TWELVE_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"TWELVE_REQUIRE_POSTGRES=1 but {problem}")
        pytest.skip(problem or "no PostgreSQL")
    try:
        yield server.dsn
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture()
def postgres(postgres_admin, request):
    """A fresh, empty database on the server (dropped afterwards)."""
    import sqlalchemy as sa

    name = f"twelve_test_{os.getpid()}_{abs(hash(request.node.nodeid)) % 10**8}"
    admin = sa.create_engine(postgres_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    url = sa.engine.make_url(postgres_admin).set(database=name).render_as_string(hide_password=False)
    yield url
    sa.create_engine(url).dispose()
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def _snapshot(url: str) -> list[dict]:
    with Store.open(url) as store:
        return store.snapshot()


# --- the list -----------------------------------------------------------------------------------


def test_list_files_folders_comments_and_duplicates(tmp_path, corpus):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "repos.txt").write_text(
        "# comment\n\n  ../checkouts/a  \n../checkouts/b\n../checkouts/a\n"
        "https://user:t0ken@example.com/team/svc.git\ngit@example.com:team/other.git\n"
    )
    for name in ("a", "b", ".hidden"):
        (tmp_path / "checkouts" / name).mkdir(parents=True)
    found = read_targets([str(tmp_path / "lists" / "repos.txt"), str(tmp_path / "checkouts")])
    assert [(t.location, t.kind, t.name) for t in found] == [
        (str(tmp_path / "checkouts" / "a"), "path", "a"),
        (str(tmp_path / "checkouts" / "b"), "path", "b"),
        ("https://***@example.com/team/svc.git", "url", "svc"),
        ("git@example.com:team/other.git", "url", "other"),
    ]
    assert found[2].source == "https://user:t0ken@example.com/team/svc.git"  # only the clone sees the token
    with pytest.raises(TargetsError):
        read_targets([str(tmp_path / "nope.txt")])
    result = _scan(str(tmp_path / "nope.txt"), "--db", _sqlite(tmp_path))
    assert result.exit_code == 2 and "no such list file or folder" in result.output
    (tmp_path / "empty.txt").write_text("# nothing\n")
    result = _scan(str(tmp_path / "empty.txt"), "--db", _sqlite(tmp_path))
    assert result.exit_code == 2 and "no repository to scan" in result.output


# --- scanning -----------------------------------------------------------------------------------


def test_a_scan_records_every_repository_and_the_second_run_reuses_them(tmp_path, corpus):
    missing = tmp_path / "gone"
    listing = _listing(tmp_path, corpus.values(), (str(missing), "ftp://example.com/x.git"))
    db = _sqlite(tmp_path)
    first = _scan(str(listing), "--db", db, "--workers", "2")
    assert first.exit_code == 2, first.output  # some repositories could not be read: recorded, said, exit 2
    lines = first.stdout.splitlines()
    assert sum(line.startswith("assessed ") for line in lines) == len(corpus)
    assert f"failed    {missing} · path does not exist" in first.stdout
    assert "failed    ftp://example.com/x.git · only https:// and ssh" in first.stdout
    assert f"{len(corpus) + 2} repositories, {len(corpus)} assessed, 0 reused" in lines[-1] and "2 failed" in lines[-1]
    with Store.open(db) as store:
        latest = {r.name: r for r in store.latest()}
        example = latest["togglemaster-monolith"]
        direct = assess(str(corpus["togglemaster-monolith"]))
        assert [v.status for v in example.main.verdicts] == list(statuses(direct).values())
        assert example.commit == direct.target.commit and example.commit
        assert (
            "The documented deploy builds on the production machine"
            in [v.justification for v in example.main.verdicts][4]
        )
        stored = store.reports([example.assessment_id])[example.assessment_id]
        assert stored == render(direct, "json", "en")  # twelve's own JSON report, byte for byte
        assert len(latest["monorepo"].apps) == 3 and {a.path for a in latest["monorepo"].apps} == {
            "api",
            "web",
            "worker",
        }
        assert latest["gone"].assessment_id is None and latest["gone"].error_kind == "missing"
        assert latest["x"].error_kind == "clone"
        assert {s.state for s in store.scans()} == {"finished"}
    second = _scan(str(listing), "--db", db, "--workers", "2")
    assert second.exit_code == 2
    reused = [line for line in second.stdout.splitlines() if line.startswith("reused ")]
    assert len(reused) == len(corpus)
    assert all("unchanged, same twelve" in line and "stands" in line for line in reused)
    assert f"0 assessed, {len(corpus)} reused" in second.stdout
    with Store.open(db) as store:
        scans = store.scans()
        assert [(s.assessed, s.reused, s.failed) for s in scans] == [(len(corpus), 0, 2), (0, len(corpus), 2)]
        snapshot = store.snapshot()
    assert len({json.dumps(i["assessment"], sort_keys=True) for i in snapshot if i["assessment"]}) == len(corpus)


@pytest.mark.slow
def test_sqlite_and_postgresql_hold_the_same_rows(tmp_path, corpus, postgres):
    listing = _listing(tmp_path, corpus.values(), (str(tmp_path / "gone"),))
    db = _sqlite(tmp_path)
    for url in (db, postgres):
        result = _scan(str(listing), "--db", url, "--workers", "2", "--no-cache")
        assert result.exit_code == 2 and f"{len(corpus)} assessed" in result.stdout, result.output
    first = _snapshot(db)
    assert first == _snapshot(postgres)
    assert sum(1 for item in first if item["outcome"] == "assessed") == len(corpus)
    again = _scan(str(listing), "--db", postgres, "--workers", "2", "--no-cache")
    assert f"0 assessed, {len(corpus)} reused" in again.stdout
    _scan(str(listing), "--db", db, "--workers", "2", "--no-cache")
    assert _snapshot(db) == _snapshot(postgres)


def _concurrent(url: str, lists: list[Path], tmp_path: Path) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "LANG": "C.UTF-8", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "twelve",
                "scan",
                str(listing),
                "--db",
                url,
                "--workers",
                "1",
                "--no-progress",
                "--no-cache",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for listing in lists
    ]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=300), *p.communicate()) for p in procs]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_two_scans_writing_at_once_lose_nothing(tmp_path, corpus, engine, request):
    url = _sqlite(tmp_path) if engine == "sqlite" else request.getfixturevalue("postgres")
    names = sorted(corpus)
    one, two = names[:9], names[5:]  # four repositories in both lists
    lists = [_listing(tmp_path / "a", [corpus[n] for n in one]), _listing(tmp_path / "b", [corpus[n] for n in two])]
    results = _concurrent(url, lists, tmp_path)  # on a database that does not exist yet: both migrate
    for result in results:
        assert result.returncode == 0, result.stderr
    with Store.open(url) as store:
        scans = store.scans()
        assert sorted((s.total, s.assessed + s.reused, s.failed, s.state) for s in scans) == sorted(
            [(len(one), len(one), 0, "finished"), (len(two), len(two), 0, "finished")]
        )
        latest = store.latest()
        assert sorted(r.name for r in latest) == names  # each repository once
        assert all(r.assessment_id is not None and len(r.main.verdicts) == 12 for r in latest)
        items = store.snapshot()
    assert len(items) == len(one) + len(two)


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_rows_as_local_processes(tmp_path, corpus):
    from distributed import Client, LocalCluster

    listing = _listing(tmp_path, corpus.values(), (str(tmp_path / "gone"),))
    local, dask = _sqlite(tmp_path, "local.db"), _sqlite(tmp_path, "dask.db")
    assert _scan(str(listing), "--db", local, "--workers", "2", "--no-cache").exit_code == 2
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        result = _scan(str(listing), "--db", dask, "--cluster", cluster.scheduler_address, "--no-cache")
        assert result.exit_code == 2, result.output
        assert f"{len(corpus)} assessed" in result.stdout
        workers = client.run(os.getpid)  # two real worker processes, neither of them this one
        assert len(workers) == 2 and os.getpid() not in workers.values()
        processed = sum(
            len(v)
            for v in client.run(lambda dask_worker: [k for k in dask_worker.state.log if "run-" in str(k)]).values()
        )
        assert processed > 0
    assert _snapshot(dask) == _snapshot(local)
    with Store.open(dask) as store:
        assert store.scans()[0].executor == f"dask:{cluster.scheduler_address}"


def test_an_unreachable_cluster_is_a_usage_error(tmp_path, corpus):
    listing = _listing(tmp_path, [corpus["py-compliant"]])
    result = _scan(str(listing), "--db", _sqlite(tmp_path), "--cluster", "tcp://127.0.0.1:9", "--cluster-timeout", "1")
    assert result.exit_code == 2 and "cannot reach the Dask cluster at tcp://127.0.0.1:9" in result.output


def test_a_folder_without_git_is_reused_while_its_files_are_unchanged(tmp_path):
    folder = tmp_path / "checkouts" / "plain"
    shutil.copytree(ROOT / "tests" / "fixtures" / "py-compliant", folder)
    db = _sqlite(tmp_path)
    first = _scan(str(tmp_path / "checkouts"), "--db", db, "--workers", "1")
    assert first.exit_code == 0 and "assessed  " in first.stdout and "commit none" in first.stdout
    second = _scan(str(tmp_path / "checkouts"), "--db", db, "--workers", "1")
    assert "reused    " in second.stdout and "0 assessed, 1 reused" in second.stdout
    settings = next(folder.rglob("settings.py"), None) or next(folder.rglob("*.py"))
    settings.write_text(settings.read_text() + '\nDATABASE_URL = "postgres://admin:hunter2@db.internal:5432/app"\n')
    third = _scan(str(tmp_path / "checkouts"), "--db", db, "--workers", "1")
    assert "1 assessed, 0 reused" in third.stdout
    history = CliRunner().invoke(main, ["history", str(folder), "--db", db])
    assert history.exit_code == 0
    assert "III. Config: Meets → Does not meet" in history.stdout or "III. Config: Meets →" in history.stdout
    data = json.loads(CliRunner().invoke(main, ["history", "plain", "--db", db, "-f", "json"]).stdout)
    assert [s["outcome"] for s in data["scans"]] == ["assessed", "reused", "assessed"]
    assert any(c["factor"] == "III" and c["before"] == "meets" for c in data["changes"])


def test_uncommitted_changes_are_assessed_again(tmp_path, corpus):
    repo = tmp_path / "dirty"
    shutil.copytree(corpus["go-compliant"], repo)
    listing = _listing(tmp_path, [repo])
    db = _sqlite(tmp_path)
    assert "1 assessed" in _scan(str(listing), "--db", db, "-w", "1").stdout
    main_go = next(repo.rglob("main.go"))
    main_go.write_text(main_go.read_text() + "\n// an uncommitted change\n")
    result = _scan(str(listing), "--db", db, "-w", "1")
    assert "1 assessed, 0 reused" in result.stdout  # same commit, other content
    with Store.open(db) as store:
        items = store.history(store.find_repositories(str(repo))[0][0])
    assert items[0].commit == items[1].commit and items[0].assessment_id != items[1].assessment_id


@pytest.fixture()
def broken_rule(monkeypatch):
    import twelve.pipeline
    from twelve.rules import all_rules
    from twelve.rules.registry import Rule

    def explode(_facts):
        raise ZeroDivisionError("boom in a rule")

    rules = tuple(Rule(r.meta, explode) if r.meta.id == "F07-S01" else r for r in all_rules())
    monkeypatch.setattr(twelve.pipeline, "all_rules", lambda: rules)


def test_an_internal_error_is_recorded_with_exit_code_3_and_never_reused(tmp_path, corpus, broken_rule, monkeypatch):
    listing = _listing(tmp_path, [corpus["py-compliant"], corpus["go-compliant"]])
    db = _sqlite(tmp_path)
    result = _scan(str(listing), "--db", db, "--workers", "1")  # in this process: the patch applies
    assert result.exit_code == 3
    assert result.stdout.count("with internal errors (exit code 3)") == 2
    with Store.open(db) as store:
        assert {r.exit_code for r in store.latest()} == {3}
        report = json.loads(next(iter(store.reports([r.assessment_id for r in store.latest()]).values())))
        assert any("ZeroDivisionError" in e for e in report["internal_errors"])
    monkeypatch.undo()
    again = _scan(str(listing), "--db", db, "--workers", "1")
    assert again.exit_code == 0 and "2 assessed, 0 reused" in again.stdout


def test_a_crash_on_one_repository_is_recorded_and_the_scan_goes_on(tmp_path, corpus, monkeypatch):
    import twelve.pipeline

    real = twelve.pipeline.assess

    def flaky(path, *args, **kwargs):
        if os.path.basename(path) == "ruby-violations":
            raise RuntimeError("simulated crash")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(twelve.pipeline, "assess", flaky)
    listing = _listing(tmp_path, [corpus["ruby-violations"], corpus["ruby-compliant"]])
    db = _sqlite(tmp_path)
    result = _scan(str(listing), "--db", db, "--workers", "1")
    assert result.exit_code == 3
    assert "internal error (RuntimeError: simulated crash)" in result.stdout
    with Store.open(db) as store:
        latest = {r.name: r for r in store.latest()}
    assert latest["ruby-violations"].error_kind == "internal" and latest["ruby-violations"].assessment_id is None
    assert latest["ruby-compliant"].assessment_id is not None


def test_urls_are_cloned_and_their_credentials_never_stored(tmp_path, corpus):
    url = f"file://{corpus['node-compliant']}"
    secret = "https://robot:s3cr3t-t0ken@127.0.0.1:9/team/svc.git"
    listing = _listing(tmp_path, [], (url, secret))
    db = _sqlite(tmp_path)
    result = _scan(str(listing), "--db", db, "--allow-local-clone", "--clone-timeout", "20")
    assert result.exit_code == 2, result.output
    assert f"assessed  {url}" in result.stdout
    assert "failed    https://***@127.0.0.1:9/team/svc.git · could not clone" in result.stdout
    assert "s3cr3t" not in result.output
    with Store.open(db) as store:
        latest = {r.location: r for r in store.latest()}
        report = json.loads(store.reports([latest[url].assessment_id])[latest[url].assessment_id])
    assert report["target"]["path"] == url and report["target"]["commit"] == latest[url].commit
    assert "https://***@127.0.0.1:9/team/svc.git" in latest
    again = _scan(str(listing), "--db", db, "--allow-local-clone", "--clone-timeout", "20")
    assert f"reused    {url}" in again.stdout  # cloned again, same digest
    stored = b"".join(Path(f"{db}{s}").read_bytes() for s in ("", "-wal") if Path(f"{db}{s}").exists())
    assert b"s3cr3t" not in stored and b"robot" not in stored


@pytest.mark.slow
def test_ctrl_c_stops_the_scan_and_keeps_what_finished(tmp_path):
    import psutil

    checkouts = tmp_path / "checkouts"
    # enough repositories that the scan is still running when Ctrl-C comes (assessing one of these
    # fixtures takes a fraction of a second: 40 of them could all be done before the signal, which
    # then lands in the interpreter's shutdown)
    total = 160
    for index in range(total):
        shutil.copytree(
            ROOT / "tests" / "fixtures" / ("py-violations" if index % 2 else "node-violations"),
            checkouts / f"svc-{index:02d}",
        )
    db = _sqlite(tmp_path)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "twelve",
            "scan",
            str(checkouts),
            "--db",
            db,
            "--workers",
            "2",
            "--no-cache",
            "--no-progress",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    deadline = time.monotonic() + 60
    recorded = 0
    while time.monotonic() < deadline and recorded < 3:
        time.sleep(0.2)
        if Path(db).exists():
            try:
                with Store.open(db) as store:
                    recorded = len(store.snapshot())
            except Exception:  # the first scan is still creating the schema
                recorded = 0
    assert recorded >= 3, "the scan recorded nothing"
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children  # the pool's workers
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Interrupted:" in err and "what finished is kept in scan 1" in err
    _gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []
    with Store.open(db) as store:
        scan = store.scans()[0]
        kept = store.snapshot()
    assert scan.state == "interrupted" and 3 <= len(kept) < total
    assert f"{total} repositories, {len(kept)} assessed, 0 reused" in out  # the summary counts what was kept
    assert len(kept) - 1 <= sum(1 for line in out.splitlines() if line.startswith("assessed ")) <= len(kept)
    assert all(item["assessment"] is not None for item in kept)  # nothing half-written


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path, corpus):
    import pty

    listing = _listing(tmp_path, [corpus["py-compliant"], corpus["go-compliant"], tmp_path / "gone"])
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "twelve",
            "scan",
            str(listing),
            "--db",
            _sqlite(tmp_path),
            "--workers",
            "1",
            "--progress-delay",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "LANG": "C.UTF-8", "COLUMNS": "160", "TERM": "xterm"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read().decode()
    proc.wait(timeout=60)
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert "done" in text and "failed" in text and "left" in text and "ETA" in text
    assert "\x1b[" not in out and out.count("assessed  ") == 2  # standard output: plain lines only


# --- exports and history ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scanned(tmp_path_factory, corpus):
    base = tmp_path_factory.mktemp("scanned")
    db = str(base / "scan.db")
    listing = _listing(base, corpus.values(), (str(base / "gone"),))
    result = _scan(str(listing), "--db", db, "--workers", "2", "--format", "csv", "-o", str(base / "out.csv"))
    assert result.exit_code == 2 and (base / "out.csv").exists() and "Export written to" in result.output
    return db, base


def test_csv_export(scanned, corpus):
    db, base = scanned
    result = CliRunner().invoke(main, ["export", "--db", db, "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout == (base / "out.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    from twelve.portfolio.export import CSV_COLUMNS

    assert tuple(rows[0]) == CSV_COLUMNS
    apps = 3 + len(corpus) - 1  # the monorepo has three apps
    assert len(rows) == apps * 12 + 1  # and the missing path has one row, with its error
    example = [r for r in rows if r["repository"] == "togglemaster-monolith"]
    assert [r["status"] for r in example][4] == "partial" and example[4]["status_text"] == "Partially meets"
    assert next(r for r in rows if r["repository"] == "gone")["error"].startswith("path does not exist")


def test_json_export(scanned, corpus):
    db, _base = scanned
    data = json.loads(CliRunner().invoke(main, ["export", "--db", db, "-f", "json"]).stdout)
    assert data["schema"] == "twelve-portfolio/1" and len(data["repositories"]) == len(corpus) + 1
    example = next(r for r in data["repositories"] if r["name"] == "togglemaster-monolith")
    assert example["summary"] == {"meets": 7, "partial": 5, "does_not_meet": 0, "not_applicable": 0, "inconclusive": 0}
    assert [f["roman"] for f in example["apps"][0]["factors"]] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
    ]


def test_markdown_export_in_both_languages(scanned, corpus):
    db, _base = scanned
    english = CliRunner().invoke(main, ["export", "--db", db]).stdout
    assert english.startswith(f"# Twelve-Factor assessment of {len(corpus) + 1} repositories")
    assert "| REPOSITORY | I | II | III |" in english
    assert english.count("| FACTOR | STATUS | JUSTIFICATION |") == len(corpus) + 2  # the monorepo: three tables
    assert (
        "| V. Build, release, run | Partially meets | The documented deploy builds on the production machine" in english
    )
    portuguese = CliRunner().invoke(main, ["export", "--db", db, "--lang", "pt-BR"]).stdout
    assert (
        "| FATOR | STATUS | JUSTIFICATIVA |" in portuguese
        and "| V. Construa, lance, execute | Atende parcialmente |" in portuguese
    )
    assert "Legenda: ✅ Atende · 🟡 Atende parcialmente · ❌ Não atende" in portuguese


def test_history_of_a_repository(scanned):
    db, _base = scanned
    result = CliRunner().invoke(main, ["history", "togglemaster-monolith", "--db", db])
    assert result.exit_code == 0
    assert "History of " in result.stdout and "010f43ae4cc8" in result.stdout and "assessed" in result.stdout
    assert "No status changed" in result.stdout
    unknown = CliRunner().invoke(main, ["history", "no-such-repo", "--db", db])
    assert unknown.exit_code == 2 and "no repository of" in unknown.output
    ambiguous = CliRunner().invoke(main, ["history", "compliant", "--db", db])
    assert ambiguous.exit_code == 2 and "matches 6 repositories" in ambiguous.output


# --- the database -------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_the_migrations_create_the_tables_the_code_uses(tmp_path, engine, request):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from twelve.portfolio.tables import METADATA, VERSION_TABLE

    url = _sqlite(tmp_path) if engine == "sqlite" else request.getfixturevalue("postgres")
    with Store.open(url) as store, store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        assert context.get_current_revision() == "0001"
        assert compare_metadata(context, METADATA) == []
    with Store.open(url) as store:  # opening again runs nothing
        assert store.scans() == []


def test_database_problems_are_usage_errors(tmp_path, corpus):
    listing = _listing(tmp_path, [corpus["py-compliant"]])
    for db, message in (
        (str(tmp_path / "no" / "such" / "x.db"), "the folder of the database does not exist"),
        ("mysql://u@localhost/x", "only SQLite and PostgreSQL"),
        ("postgresql://robot:pw-s3cret@127.0.0.1:9/x", "cannot open the database"),
    ):
        result = _scan(str(listing), "--db", db)
        assert result.exit_code == 2, result.output
        assert message in result.output and "pw-s3cret" not in result.output
    empty = CliRunner().invoke(main, ["export", "--db", _sqlite(tmp_path, "empty.db")])
    assert empty.exit_code == 2 and "holds no scan yet" in empty.output


def test_the_command_line_stays_light():
    code = (
        "import sys, twelve.cli; heavy = [m for m in ('sqlalchemy', 'alembic', 'distributed', 'dask', 'psycopg') "
        "if m in sys.modules]; print(heavy)"
    )
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
    )


def test_a_sqlite_database_locked_while_opened_is_tried_again(tmp_path, monkeypatch):
    """Two scans opening a new SQLite database at once race to set it up: SQLite may answer
    "database is locked" at once, without waiting. The open tries again (within the busy
    timeout) and then works; any other failure, or a lock on PostgreSQL, is reported at once."""
    import sqlalchemy as sa

    from twelve.portfolio import store as store_module

    real = store_module.upgrade
    failures = {"left": 2, "calls": 0}

    def racing(engine):
        failures["calls"] += 1
        if failures["left"]:
            failures["left"] -= 1
            raise sa.exc.OperationalError("PRAGMA journal_mode=WAL", {}, Exception("database is locked"))
        return real(engine)

    monkeypatch.setattr(store_module, "upgrade", racing)
    with Store.open(str(tmp_path / "scan.db")) as store:
        assert store.scans() == []
    assert failures == {"left": 0, "calls": 3}

    def broken(engine):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("disk I/O error"))

    monkeypatch.setattr(store_module, "upgrade", broken)
    with pytest.raises(store_module.StoreError) as raised:
        Store.open(str(tmp_path / "other.db"))
    assert raised.value.key == "unreachable" and "disk I/O error" in raised.value.params["reason"]
    assert not store_module._sqlite_locked(sa.engine.make_url("postgresql://h/db"), "database is locked")
