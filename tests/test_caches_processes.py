"""Issue 11, F: caches and processes.

A damaged cache is ignored and rewritten (never an exit code 3 until someone deletes it); every
digest and fingerprint is the same in every process (no dependence on Python's hash seed); the
runs file keeps one entry per digest, bounded; the commit count is cached by HEAD; an expired
waiver is never replayed as active; extraction workers die with twelve; remote clones refuse
downgrading redirects and never echo tokens."""

from __future__ import annotations

import datetime
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT, make_repo
from twelve.cli import main

APP = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nX = os.getenv('X')\n",
    "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n",
    ".env": "DATABASE_URL=postgres://u:Sup3rS3cretPassw0rd@db.example.com/x\nJWT_SECRET=9d8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b\n",
}


def cli(*args):
    return CliRunner().invoke(main, ["check", "--no-progress", *args])


def twelve(*args, seed: str = "0", env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONHASHSEED": seed, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "twelve", *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd or ROOT,
        timeout=300,
    )


# -- a damaged cache is ignored and rewritten ----------------------------------------------------

NESTED = "[" * 100_000 + "]" * 100_000
DAMAGE = {
    "nested": NESTED,
    "nested-object": '{"format": 2, "files": ' + NESTED + "}",
    "list": "[1, 2, 3]",
    "wrong-types": json.dumps(
        {
            "format": 2,
            "files": {"app.py": {"sha": 3, "result": {"facts": "x"}}},
            "runs": [1],
            "dirs": {"": {"files": 7}},
            "written_ns": "no",
        }
    ),
    "binary": "\x00\xff garbage",
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path, damage):
    repo = make_repo(tmp_path, APP)
    cache = tmp_path / "cache"
    first = cli(str(repo), "--no-config", "--cache-dir", str(cache), "--format", "json")
    assert first.exit_code == 0, first.output
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files
    for path in files:
        path.write_text(DAMAGE[damage], encoding="utf-8", errors="surrogateescape")
    for _ in range(2):
        again = cli(str(repo), "--no-config", "--cache-dir", str(cache), "--format", "json")
        assert again.exit_code == 0, again.output
        assert json.loads(again.stdout)["summary"] == json.loads(first.stdout)["summary"]
    rewritten = [
        p for p in cache.rglob("*") if p.is_file() and p.read_text(encoding="utf-8", errors="replace") != DAMAGE[damage]
    ]
    assert rewritten, "the cache was not rewritten"


def test_facts_of_the_wrong_shape_in_the_cache_do_not_crash_the_rules(tmp_path):
    """A cache entry that passes the shape checks but holds data no extractor produces (a list
    where a rule expects a string) must not make the run fail: the run is done again without it."""
    repo = make_repo(tmp_path, APP)
    cache = tmp_path / "cache"
    assert cli(str(repo), "--no-config", "--cache-dir", str(cache), "--format", "json").exit_code == 0
    facts_file = next(p for p in (cache / "facts-v2").iterdir() if not p.name.endswith(".index.json"))
    data = json.loads(facts_file.read_text(encoding="utf-8"))
    for entry in data["files"].values():
        for fact in entry["result"]["facts"]:
            fact[3] = {key: [[["x"]]] for key in fact[3]} or {"name": [[1]]}
    facts_file.write_text(json.dumps(data), encoding="utf-8")
    for path in cache.glob("runs-v*/*/*"):
        path.unlink()
    result = cli(str(repo), "--no-config", "--cache-dir", str(cache), "--format", "json")
    assert result.exit_code == 0, result.output
    assert cli(str(repo), "--no-config", "--cache-dir", str(cache), "--format", "json").exit_code == 0


# -- the same digests and fingerprints in every process --------------------------------------------


@pytest.fixture(scope="module")
def node_repo(tmp_path_factory):
    from materialize import materialize

    dest = tmp_path_factory.mktemp("seed") / "node-violations"
    materialize(str(ROOT / "tests" / "fixtures" / "node-violations"), str(dest))
    return dest


def test_sarif_fingerprints_do_not_depend_on_the_hash_seed(node_repo):
    prints = []
    for seed in ("1", "2", "3", "4", "5"):
        out = twelve(
            "check", str(node_repo), "--format", "sarif", "--no-cache", "--no-progress", "--no-config", seed=seed
        )
        assert out.returncode == 0, out.stderr
        results = json.loads(out.stdout)["runs"][0]["results"]
        prints.append(
            sorted(
                (
                    r["ruleId"],
                    r["partialFingerprints"]["twelve/v1"],
                    r["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text", ""),
                )
                for r in results
                if "partialFingerprints" in r
            )
        )
    assert all(p == prints[0] for p in prints)


def test_the_run_digest_does_not_depend_on_the_hash_seed(node_repo, tmp_path):
    """A warm run replays on a git repository, whatever the hash seed of each process."""
    cache = tmp_path / "cache"
    args = ("check", str(node_repo), "--format", "json", "--cache-dir", str(cache), "--no-progress", "--no-config")
    first = twelve(*args, seed="11")
    time.sleep(2.1)  # older than the racily-clean window
    twelve(*args, seed="12")  # index stamps now trusted: this run is kept for replay
    from twelve.runcache import RUNS_FORMAT

    runs = cache / f"runs-v{RUNS_FORMAT}"
    before = sorted(p.name for p in runs.rglob("*") if p.is_file())
    third = twelve(*args, seed="13")
    fourth = twelve(*args, seed="14")
    assert first.stdout == third.stdout == fourth.stdout
    after = sorted(p.name for p in runs.rglob("*") if p.is_file())
    assert before and after == before  # replayed: nothing new was written


def test_the_runs_file_keeps_one_entry_per_digest_and_is_bounded(tmp_path):
    from dataclasses import replace

    from twelve.pipeline import assess
    from twelve.runcache import KEEP, RunCache

    kept = assess(str(make_repo(tmp_path, APP)))
    cache = RunCache(tmp_path, str(tmp_path / "target"), max_bytes=64 << 10, max_plain=1 << 20)
    for _ in range(3):
        cache.put("a" * 64, kept)
    assert len(list(cache.folder.iterdir())) == 1 and cache.get("a" * 64) == kept
    cache.put_output("a" * 64, "c" * 64, {"code": 0}, "the report")
    for index in range(KEEP * 3):
        cache.put(f"{index:064x}", kept)
    assert len(list(cache.folder.iterdir())) == KEEP  # the report went with its run
    last = f"{KEEP * 3 - 1:064x}"
    for index in range(KEEP * 2):  # one run's reports (formats, languages, options) are bounded too
        key = f"{index:02x}" + "0" * 62
        cache.put_output(last, key, {"code": 0}, f"report {index}")
        then = time.time_ns() - (KEEP * 2 - index) * 10**9  # in the order written, older than the runs
        os.utime(cache.folder / f"{last}-{key[:32]}.out", ns=(then, then))
    reports = sorted(p.name for p in cache.folder.glob(f"{last}-*.out"))
    assert len(reports) == KEEP and f"{last}-{KEEP * 2 - 1:02x}{'0' * 30}.out" in reports
    assert len(list(cache.folder.glob("*.run"))) == KEEP
    assert cache.get(f"{KEEP * 3 - 1:064x}") is not None
    noise = replace(kept, internal_errors=(secrets.token_hex(64 << 10),))  # does not compress below the bound
    assert not cache.put("b" * 64, noise) and cache.get("b" * 64) is None  # too big to keep: runs again instead
    spaces = replace(kept, internal_errors=(" " * (1 << 20),))  # compresses well, inflates beyond the bound
    assert not cache.put("b" * 64, spaces) and cache.get("b" * 64) is None


def test_a_report_kept_as_its_pieces_pass_is_the_report_and_a_stopped_one_is_not_kept(tmp_path):
    from twelve.pipeline import assess
    from twelve.runcache import RunCache

    kept = assess(str(make_repo(tmp_path, APP)))
    cache = RunCache(tmp_path, str(tmp_path / "target"), max_bytes=64 << 10, max_plain=1 << 20)
    cache.put("a" * 64, kept)
    pieces = ["{", '"a": 1', ", ", '"b": "é"', "}"]
    passed = list(cache.keep_output("a" * 64, "c" * 64, {"code": 0}, iter(pieces)))
    assert passed == pieces  # passed on unchanged, in order
    said, body = cache.get_output("a" * 64, "c" * 64)
    assert said == {"code": 0} and bytes(body).decode() == "".join(pieces)
    # the writing stopped after the first piece (a full disk, Ctrl-C): nothing is kept
    stream = cache.keep_output("a" * 64, "d" * 64, {"code": 0}, iter(pieces))
    next(stream)
    stream.close()
    assert cache.get_output("a" * 64, "d" * 64) is None
    # over the bound once inflated: passed on whole, not kept
    big = ["x" * (1 << 19)] * 3
    assert list(cache.keep_output("a" * 64, "e" * 64, {"code": 0}, iter(big))) == big
    assert cache.get_output("a" * 64, "e" * 64) is None


def test_a_large_run_is_kept_compressed(tmp_path):
    """A run whose assessment is larger than the stored bound as JSON is kept when it compresses
    below it (a big monorepo's report is mostly repeated paths and messages)."""
    from dataclasses import replace

    from twelve.pipeline import assess
    from twelve.runcache import RunCache

    kept = assess(str(make_repo(tmp_path, APP)))
    cache = RunCache(tmp_path, str(tmp_path / "target"), max_bytes=64 << 10)
    big = replace(kept, internal_errors=tuple(f"app{i % 50}/src/main.py: a repeated message" for i in range(20_000)))
    assert cache.put("e" * 64, big)
    assert next(cache.folder.iterdir()).stat().st_size <= 64 << 10
    assert cache.get("e" * 64) == big


def test_the_day_is_part_of_the_replay_key(tmp_path):
    import datetime as dt

    from twelve.config import Config, WaiverRule
    from twelve.pipeline import Options, walk
    from twelve.runcache import digest

    repo = walk(str(make_repo(tmp_path, APP)))
    config = Config(file=".twelve.toml", waivers=(WaiverRule("F03-S12", "r", None, dt.date(2030, 1, 1)),))
    options = Options(config=config)
    before = digest(repo, {}, options, today=dt.date(2030, 1, 1))
    after = digest(repo, {}, options, today=dt.date(2030, 1, 2))
    assert before != after


def test_the_replay_key_changes_with_each_file_field_and_tracked_path_and_not_with_their_order(tmp_path):
    from twelve.pipeline import Options, walk
    from twelve.runcache import digest

    repo = walk(str(make_repo(tmp_path, {**APP, "odd\nname.py": "X = 1\n", "caf\udcc3.txt": "x\n"})))
    hashes = {f.path: "a" * 64 for f in repo.files}
    options = Options()
    day = datetime.date(2030, 1, 1)
    key = digest(repo, hashes, options, today=day)
    first, *rest = repo.files
    variants = [
        replace(repo, files=(replace(first, size=first.size + 1), *rest)),
        replace(repo, files=(replace(first, kind="docs" if first.kind != "docs" else "python"), *rest)),
        replace(repo, files=(replace(first, path=first.path + "x"), *rest)),
        replace(repo, files=tuple(rest)),
        replace(repo, git=replace(repo.git, tracked=repo.git.tracked | {"new.py"})),
    ]
    keys = {digest(v, hashes, options, today=day) for v in variants}
    keys.add(digest(repo, {**hashes, first.path: "b" * 64}, options, today=day))
    assert key not in keys and len(keys) == len(variants) + 1
    # the same inputs in another order: the same key
    shuffled = replace(repo, files=tuple(reversed(repo.files)))
    assert digest(shuffled, dict(reversed(hashes.items())), options, today=day) == key


# -- the commit count is cached by HEAD -----------------------------------------------------------


def test_a_warm_run_does_not_count_commits_again(tmp_path, monkeypatch):
    import twelve.repository.git as git

    repo = make_repo(tmp_path, APP, commits=3)
    cache = tmp_path / "cache"
    first = git.read_git(str(repo), cache_dir=str(cache))
    assert first.commits == 3
    counted = []
    original = git._count_commits
    monkeypatch.setattr(git, "_count_commits", lambda *a: counted.append(1) or original(*a))
    again = git.read_git(str(repo), cache_dir=str(cache))
    assert again.commits == 3 and counted == []


# -- worker processes die with twelve -------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
def test_sigterm_takes_the_extraction_workers_with_it(tmp_path):
    files = {f"pkg{i // 100}/mod{i}.py": "import os\n" + "X = os.getenv('A')\n" * 400 for i in range(1200)}
    repo = make_repo(tmp_path, {**files, "requirements.txt": "flask\n"}, git=False)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "twelve",
            "check",
            str(repo),
            "--no-cache",
            "--no-progress",
            "--no-config",
            "--jobs",
            "2",
            "--format",
            "json",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers |= _children(proc.pid)
        time.sleep(0.05)
    assert workers, "no worker was started"
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert proc.returncode != 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


def _stage(repo, path: str) -> None:
    """Add *path* to the git index of *repo* (as `git add -f` does)."""
    from dulwich.repo import Repo

    with Repo(str(repo)) as handle:
        (handle.get_worktree() if hasattr(handle, "get_worktree") else handle).stage([path])


def test_a_warm_run_reads_the_git_index_again_only_when_it_changed(tmp_path, monkeypatch):
    """The paths git tracks are kept by the index file's stamps: an unchanged index is not parsed
    again; a changed one (another size, times or inode) is, and so is one whose stamps were
    racily close to the time they were kept (git's racily-clean rule)."""
    import dulwich.index

    import twelve.repository.git as git

    repo = make_repo(tmp_path, APP)
    cache = tmp_path / "cache"
    index = repo / ".git" / "index"
    st = os.stat(index)
    old = st.st_mtime_ns - 10_000_000_000
    os.utime(index, ns=(old, old))  # the change time cannot be set back: wait the window out
    time.sleep(git.TRACKED_RACY_NS / 1e9 + 0.1)
    first = git.read_git(str(repo), cache_dir=str(cache))
    parsed = []
    original = dulwich.index.read_index
    monkeypatch.setattr(dulwich.index, "read_index", lambda *a: parsed.append(1) or original(*a))
    again = git.read_git(str(repo), cache_dir=str(cache))
    assert parsed == [] and again.tracked == first.tracked == frozenset(APP)
    # a file added to the index: new stamps, parsed again
    (repo / "extra.py").write_text("X = 1\n")
    _stage(repo, "extra.py")
    later = git.read_git(str(repo), cache_dir=str(cache))
    assert parsed and "extra.py" in later.tracked
    # stamps written just now are racy: they are kept, but not trusted by the next run
    parsed.clear()
    assert git.read_git(str(repo), cache_dir=str(cache)).tracked == later.tracked
    assert parsed == [1]


def test_an_unchanged_tree_does_not_rewrite_the_walk_memo(tmp_path, monkeypatch):
    """Directories listed afresh on every run (an ignored one walked for its tracked files) that
    hold what they held do not make every warm run write the walk's memo again."""
    import importlib

    import twelve.cachefiles
    from twelve.repository import open_repository

    monkeypatch.setattr(importlib.import_module("twelve.repository.walk"), "RACY_NS", 0)
    repo = make_repo(tmp_path, {**APP, ".gitignore": "build/\n", "pkg/mod.py": "X = 1\n"})
    (repo / "build").mkdir()
    (repo / "build" / "keep.txt").write_text("tracked though ignored\n")
    _stage(repo, "build/keep.txt")
    cache = tmp_path / "cache"
    first = open_repository(str(repo), cache_dir=str(cache))
    assert "build/keep.txt" in first.tracked_ignored
    written = []
    original = twelve.cachefiles.write_json
    monkeypatch.setattr(
        twelve.cachefiles, "write_json", lambda path, *a, **k: written.append(path) or original(path, *a, **k)
    )
    open_repository(str(repo), cache_dir=str(cache))  # stamps now older than the memo: replayed
    written.clear()
    again = open_repository(str(repo), cache_dir=str(cache))
    assert again.files == first.files and again.tracked_ignored == first.tracked_ignored
    assert not [p for p in written if "walk-v" in str(p)]
    (repo / "pkg" / "new.py").write_text("Y = 2\n")  # a change in a directory the memo replays: written again
    open_repository(str(repo), cache_dir=str(cache))
    assert [p for p in written if "walk-v" in str(p)]


def test_cache_files_are_read_as_json_reads_them_what_orjson_refuses_included(tmp_path):
    """load_json reads with orjson, and falls back to json for what orjson refuses but json reads
    (an escaped lone surrogate: a file name that is not UTF-8; an integer past 64 bits): the same
    values either way, and a damaged file is still None."""
    import json
    import math

    from twelve.cachefiles import load_json

    values = [
        {"files": {"a/b.py": [1, 2.5, None, True, "x"]}, "n": 1},
        {"files": {"caf\udcc3.py": [1]}},  # surrogate escape of an undecodable name
        {"big": 2**70, "neg": -(2**65)},
        {"nested": [[[["deep"]]]], "text": "\u2028\u00e9\U0001f600"},
    ]
    for index, value in enumerate(values):
        path = tmp_path / f"v{index}.json"
        path.write_text(json.dumps(value), encoding="utf-8")
        assert load_json(path) == value
    bad = tmp_path / "bad.json"
    for damaged in (b"{", b"\xff\xfe{}", b"[" * 100_000 + b"]" * 100_000, b'{"a": 1} trailing'):
        bad.write_bytes(damaged)
        assert load_json(bad) is None, damaged[:20]
    bad.write_bytes(b'{"a": NaN}')  # orjson refuses it, json reads it: what json reads
    assert math.isnan(load_json(bad)["a"])
