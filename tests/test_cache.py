"""The caches of repeated runs: a walk replayed from its memo, facts known by their content hash,
and a whole run replayed when every input is unchanged. Each gives exactly what a fresh run gives,
notices every change that matters, and ignores a cache file it cannot trust."""

from __future__ import annotations

import importlib
import json
import os

import pytest
from click.testing import CliRunner

import twelve.pipeline
from helpers import write_tree
from twelve.cli import main
from twelve.facts import runner
from twelve.repository.walk import WalkMemo, walk

walk_module = importlib.import_module("twelve.repository.walk")  # the package's `walk` is the function

APP = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nPORT = os.environ['PORT']\n",
    "Procfile": "web: gunicorn app:app\n",
    "pkg/mod.py": "import logging\nlog = logging.getLogger(__name__)\n",
    "pkg/deep/leaf.py": "X = 1\n",
    "docs/guide.md": "# Guide\n",
    "node_modules/left-pad/index.js": "module.exports = 1\n",
    ".gitignore": "*.log\n",
}


@pytest.fixture(autouse=True)
def _no_racy_window(monkeypatch):
    # files written by a test are seconds old: without this every stamp would count as racy
    monkeypatch.setattr(walk_module, "RACY_NS", 0)
    monkeypatch.setattr(runner, "RACY_NS", 0)


def _tick(path):
    """Give *path* a modification time surely different from the one recorded."""
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_007))


def _same(a, b):
    assert [f.path for f in a.files] == [f.path for f in b.files]
    assert [(f.path, f.size, f.kind, f.scope) for f in a.files] == [(f.path, f.size, f.kind, f.scope) for f in b.files]
    assert a.skipped == b.skipped and a.seen == b.seen
    assert a.vendored_dirs == b.vendored_dirs and a.vcs_dirs == b.vcs_dirs


def _memo_walk(root, cache):
    memo = WalkMemo(cache, str(root))
    result = walk(str(root), memo=memo)
    memo.save()
    return result


def test_a_replayed_walk_lists_no_unchanged_directory_and_finds_the_same(tmp_path, monkeypatch):
    root = write_tree(tmp_path / "repo", APP)
    (root / "debug.log").write_text("x")
    cache = tmp_path / "cache"
    first = _memo_walk(root, cache)
    listed = []
    original = walk_module._classify
    monkeypatch.setattr(
        walk_module, "_classify", lambda reldir, *a, **k: listed.append(reldir) or original(reldir, *a, **k)
    )
    second = _memo_walk(root, cache)
    assert listed == []
    _same(second, first)
    _same(second, walk(str(root)))
    assert "" in listed  # the full walk does list


@pytest.mark.parametrize("change", ["add", "remove", "edit", "ignore", "symlink", "grow"])
def test_a_replayed_walk_sees_every_change(tmp_path, change):
    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    _memo_walk(root, cache)
    if change == "add":
        (root / "pkg" / "deep" / "new.py").write_text("Y = 2\n")
    elif change == "remove":
        (root / "pkg" / "mod.py").unlink()
    elif change == "edit":
        (root / "pkg" / "mod.py").write_text("import os\nprint(os.getenv('A'))\n")
    elif change == "ignore":  # rewritten in place: the directory's own stamps do not move
        with open(root / ".gitignore", "w") as handle:
            handle.write("pkg/deep/\n")
        _tick(root / ".gitignore")
    elif change == "symlink":
        (root / "pkg" / "deep" / "leaf.py").unlink()
        (root / "pkg" / "deep" / "leaf.py").symlink_to("/etc/hostname")
    elif change == "grow":
        (root / "pkg" / "mod.py").write_text("x = 1\n" * 10)
        _tick(root / "pkg" / "mod.py")
    replayed = _memo_walk(root, cache)
    _same(replayed, walk(str(root)))
    if change == "ignore":
        assert not any(f.path.startswith("pkg/deep/") for f in replayed.files)
    if change == "symlink":
        assert any(s.path == "pkg/deep/leaf.py" and s.reason == "symlink" for s in replayed.skipped)


@pytest.mark.parametrize("damage", ["{not json", "[]", '{"format": 1}', "tampered"])
def test_a_walk_memo_that_cannot_be_trusted_is_ignored(tmp_path, damage):
    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    _memo_walk(root, cache)
    memo_file = next((cache / "walk-v1").iterdir())
    if damage == "tampered":  # a record naming a file outside its directory
        data = json.loads(memo_file.read_text())
        data["dirs"]["pkg"]["files"].append(["../../../etc/passwd", "other", "production"])
        memo_file.write_text(json.dumps(data))
    else:
        memo_file.write_text(damage)
    replayed = _memo_walk(root, cache)
    _same(replayed, walk(str(root)))
    assert not any("passwd" in f.path for f in replayed.files)


def _check(root, cache, *extra):
    return CliRunner().invoke(
        main, ["check", str(root), "--no-config", "--no-progress", "--cache-dir", str(cache), *extra]
    )


def _aged(root):
    """*root* once its files' stamps are outside the racily-clean window (a change time cannot be
    set back, so wait it out)."""
    import time

    time.sleep(2.1)
    return root


def test_an_unchanged_run_is_replayed_with_its_report_messages_and_exit_code(tmp_path, monkeypatch):
    root = _aged(write_tree(tmp_path / "repo", APP))
    cache = tmp_path / "cache"
    first = _check(root, cache, "-f", "json", "--min-meets", "12")
    assert first.exit_code == 1 and "twelve: policy" in first.stderr
    # neither the facts nor the rules run again: the kept assessment is returned by assess()
    monkeypatch.setattr(twelve.pipeline.runner, "extract", lambda *a, **k: pytest.fail("the run was not replayed"))
    monkeypatch.setattr(twelve.pipeline, "_judge", lambda *a, **k: pytest.fail("the run was not replayed"))
    second = _check(root, cache, "-f", "json", "--min-meets", "12")
    assert (second.exit_code, second.stdout, second.stderr) == (first.exit_code, first.stdout, first.stderr)
    # and any report is rendered from it, as from a fresh one
    markdown = _check(root, cache, "-f", "markdown", "--min-meets", "12").stdout  # a kept assessment: no run
    monkeypatch.undo()
    fresh = CliRunner().invoke(
        main, ["check", str(root), "--no-config", "--no-progress", "--no-cache", "-f", "markdown", "--min-meets", "12"]
    )
    assert markdown == fresh.stdout


@pytest.mark.parametrize("change", ["file", "format", "lang", "option"])
def test_a_run_is_not_replayed_when_an_input_changed(tmp_path, change):
    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    base = ["-f", "markdown", "--lang", "en"]
    first = _check(root, cache, *base)
    args = list(base)
    if change == "file":
        (root / "app.py").write_text("import logging\nlogging.FileHandler('app.log')\n")
    elif change == "format":
        args[1] = "json"
    elif change == "lang":
        args[3] = "pt-BR"
    elif change == "option":
        args += ["--ignore", "F07"]
    again = _check(root, cache, *args)
    fresh = CliRunner().invoke(main, ["check", str(root), "--no-config", "--no-progress", "--no-cache", *args])
    assert again.stdout == fresh.stdout
    assert again.stdout != first.stdout


def test_a_forged_or_broken_run_cache_is_ignored(tmp_path):
    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    first = _check(root, cache, "-f", "json")
    runs = next(next((cache / "runs-v3").iterdir()).iterdir())  # one file per run digest
    data = json.loads(runs.read_text())
    data["assessment"]["apps"][0]["verdicts"][0]["status"] = "splendid"  # not a status
    runs.write_text(json.dumps(data))
    assert _check(root, cache, "-f", "json").stdout == first.stdout
    data["assessment"]["apps"][0]["_"] = "Path"  # not a class of the model
    runs.write_text(json.dumps(data))
    assert _check(root, cache, "-f", "json").stdout == first.stdout
    runs.write_text("{broken")
    assert _check(root, cache, "-f", "json").stdout == first.stdout


def test_debug_runs_are_never_replayed(tmp_path, monkeypatch):
    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    _check(root, cache, "-f", "json")
    calls = []
    original = twelve.pipeline.assess
    monkeypatch.setattr(twelve.pipeline, "assess", lambda *a, **k: calls.append(1) or original(*a, **k))
    _check(root, cache, "-f", "json", "--debug")
    assert calls == [1]


def test_the_facts_of_a_touched_but_unchanged_file_are_reused(tmp_path, monkeypatch):
    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    twelve.pipeline.assess(str(root), twelve.pipeline.Options(cache_dir=str(cache)))
    _tick(root / "app.py")  # new stamps, same content
    extracted = []
    original = runner.extract_file
    monkeypatch.setattr(
        runner, "extract_file", lambda root_, entry, *a: extracted.append(entry.path) or original(root_, entry, *a)
    )
    twelve.pipeline.assess(str(root), twelve.pipeline.Options(cache_dir=str(cache)))
    assert extracted == []


def test_cache_files_of_gone_targets_are_pruned(tmp_path):
    from twelve import cachefiles

    folder = tmp_path / "cache" / "facts-v2"
    folder.mkdir(parents=True)
    stale, fresh = folder / "gone.json", folder / "kept.json"
    stale.write_text("{}")
    fresh.write_text("{}")
    old = os.stat(stale).st_mtime - cachefiles.MAX_AGE_SECONDS - 60
    os.utime(stale, (old, old))
    cachefiles.write_json(folder / "new.json", {"a": 1})
    assert not stale.exists() and fresh.exists() and json.loads((folder / "new.json").read_text()) == {"a": 1}


def test_a_run_is_kept_under_the_hashes_a_later_run_looks_it_up_by(tmp_path):
    """The hashes a run is kept under cover exactly the files the lookup hashes (those an
    extractor reads), whether a file's facts came from the cache or from reading it."""
    from twelve.pipeline import Options, walk

    root = _aged(write_tree(tmp_path / "repo", {**APP, "notes.bin": "\x00\x01", "LICENSE": "MIT\n"}))
    cache_dir = tmp_path / "cache"
    for _ in range(2):  # a cold run, then one whose facts come from the cache
        options = Options(cache_dir=str(cache_dir))
        repo = walk(str(root), options)
        cache = runner.open_cache(cache_dir, repo.root, options.max_file_bytes)
        runner.extract(repo, options.max_file_bytes, jobs=1, cache=cache)
        kept = runner.read_hashes(repo, cache)
        assert kept is not None
        assert set(kept) == {e.path for e in repo.files if runner.modules_for(e)}
    _aged(root)
    repo = walk(str(root), Options(cache_dir=str(cache_dir)))
    assert runner.file_hashes(repo, runner.open_cache(cache_dir, repo.root, options.max_file_bytes)) == kept
