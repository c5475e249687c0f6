"""The caches of repeated runs: a walk replayed from its memo, facts known by their content hash,
and a whole run replayed when every input is unchanged. Each gives exactly what a fresh run gives,
notices every change that matters, and ignores a cache file it cannot trust."""

from __future__ import annotations

import importlib
import json
import os
import shutil

import pytest
from click.testing import CliRunner

import twelve.pipeline
from helpers import write_tree
from twelve import fileindex
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
    monkeypatch.setattr(fileindex, "RACY_NS", 0)


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


@pytest.mark.parametrize("change", ["add", "remove", "edit", "ignore", "new-ignore", "symlink", "grow"])
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
    elif change == "new-ignore":  # a directory that had no .gitignore gets one
        (root / "pkg" / ".gitignore").write_text("deep/\n")
    elif change == "symlink":
        (root / "pkg" / "deep" / "leaf.py").unlink()
        (root / "pkg" / "deep" / "leaf.py").symlink_to("/etc/hostname")
    elif change == "grow":
        (root / "pkg" / "mod.py").write_text("x = 1\n" * 10)
        _tick(root / "pkg" / "mod.py")
    replayed = _memo_walk(root, cache)
    _same(replayed, walk(str(root)))
    if change in ("ignore", "new-ignore"):
        assert not any(f.path.startswith("pkg/deep/") for f in replayed.files)
    if change == "symlink":
        assert any(s.path == "pkg/deep/leaf.py" and s.reason == "symlink" for s in replayed.skipped)


JAVA = {
    **APP,
    "src/main/java/com/acme/App.java": "class App {}\n",
    "src/main/java/com/acme/web/Hello.java": "class Hello {}\n",
    "src/test/java/com/acme/AppTest.java": "class AppTest {}\n",
}
#: the directories of JAVA that hold no file and no .gitignore
BARE = ["src", "src/main", "src/main/java", "src/main/java/com", "src/test", "src/test/java", "src/test/java/com"]


def test_an_unchanged_directory_without_files_is_replayed_without_being_opened(tmp_path, monkeypatch):
    root = write_tree(tmp_path / "repo", JAVA)
    cache = tmp_path / "cache"
    first = _memo_walk(root, cache)
    opened = []
    original = walk_module._open_dir
    monkeypatch.setattr(walk_module, "_open_dir", lambda r, rel: opened.append(rel) or original(r, rel))
    second = _memo_walk(root, cache)
    replay_opened = set(opened)
    _same(second, first)
    _same(second, walk(str(root)))
    assert not replay_opened & set(BARE)
    assert {"", "pkg", "src/main/java/com/acme", "src/main/java/com/acme/web"} <= replay_opened
    assert set(BARE) <= set(opened)  # the full walk opens them


@pytest.mark.parametrize("change", ["add", "swap", "symlink", "file", "subdir"])
def test_a_directory_without_files_is_listed_again_when_it_changed(tmp_path, change):
    root = write_tree(tmp_path / "repo", JAVA)
    outside = write_tree(tmp_path / "outside", {"Evil.java": "class Evil {}\n"})
    cache = tmp_path / "cache"
    _memo_walk(root, cache)
    java = root / "src" / "main" / "java"
    if change == "add":  # a file where there was none
        (java / "Main.java").write_text("class Main {}\n")
    elif change == "swap":  # another directory under the same name, same entries
        os.rename(java / "com", java / "old")
        shutil.copytree(java / "old", java / "com")
        shutil.rmtree(java / "old")
    elif change == "symlink":  # the directory replaced by a link out of the tree
        shutil.rmtree(java / "com")
        (java / "com").symlink_to(outside, target_is_directory=True)
    elif change == "file":
        shutil.rmtree(java / "com")
        (java / "com").write_text("not a directory\n")
    elif change == "subdir":
        (java / "com" / "other").mkdir()
        (java / "com" / "other" / "Other.java").write_text("class Other {}\n")
    replayed = _memo_walk(root, cache)
    _same(replayed, walk(str(root)))
    paths = {f.path for f in replayed.files}
    assert not any("Evil" in p for p in paths)
    expected = {
        "add": "src/main/java/Main.java",
        "swap": "src/main/java/com/acme/App.java",
        "file": "src/main/java/com",
        "subdir": "src/main/java/com/other/Other.java",
    }
    if change == "symlink":
        assert any(s.path == "src/main/java/com" and s.reason == "symlink" for s in replayed.skipped)
        assert not any(p.startswith("src/main/java/com/") for p in paths)
    else:
        assert expected[change] in paths


TRACKED_TREE = {
    # git cannot re-include a file under an excluded folder: the negation must stay without effect
    ".gitignore": "build/\n.idea/\n*.local\n!build/gen/new.py\n",
    "app.py": "import os\nPORT = os.environ['PORT']\n",
    "build/Dockerfile": "FROM python:3.12-slim\n",
    "build/gen/out.py": "X = 1\n",
    "build/junk.txt": "written by a build\n",
    ".idea/codeStyles/Project.xml": "<code_scheme/>\n",
    ".idea/workspace.xml": "<project/>\n",
    "notes.local": "kept\n",
    "other.local": "not kept\n",
}
#: what git tracks of TRACKED_TREE: committed build output, an IDE folder and a file ignored since
TRACKED = [
    "app.py",
    ".gitignore",
    "build/Dockerfile",
    "build/gen/out.py",
    ".idea/codeStyles/Project.xml",
    "notes.local",
]


def _tracked_walk(root, cache, tracked):
    from twelve.repository.walk import Tracked

    paths = Tracked(tracked)
    memo = WalkMemo(cache, str(root), tracked=paths.digest())
    result = walk(str(root), memo=memo, tracked=paths)
    memo.save()
    return result


def _same_tracked(a, b):
    _same(a, b)
    assert a.tracked_ignored == b.tracked_ignored


def test_ignored_directories_walked_for_their_tracked_files_are_replayed_too(tmp_path, monkeypatch):
    from twelve.repository.walk import Tracked

    root = write_tree(tmp_path / "repo", TRACKED_TREE)
    cache = tmp_path / "cache"
    first = _tracked_walk(root, cache, TRACKED)
    listed = []
    original = walk_module._classify
    monkeypatch.setattr(
        walk_module, "_classify", lambda reldir, *a, **k: listed.append(reldir) or original(reldir, *a, **k)
    )
    second = _tracked_walk(root, cache, TRACKED)
    assert listed == []
    _same_tracked(second, first)
    _same_tracked(second, walk(str(root), tracked=Tracked(TRACKED)))
    assert second.tracked_ignored == [
        ".idea/codeStyles/Project.xml",
        "build/Dockerfile",
        "build/gen/out.py",
        "notes.local",
    ]
    paths = {f.path: f.scope.value for f in second.files}
    assert {"build/Dockerfile", "build/gen/out.py", ".idea/codeStyles/Project.xml"} <= set(paths)
    assert not {"build/junk.txt", ".idea/workspace.xml", "other.local"} & set(paths)
    assert paths["build/Dockerfile"] == "production" and paths["build/gen/out.py"] == "generated"


@pytest.mark.parametrize("change", ["untrack", "track", "new-untracked", "edit"])
def test_a_replayed_walk_of_ignored_tracked_files_sees_every_change(tmp_path, change):
    from twelve.repository.walk import Tracked

    root = write_tree(tmp_path / "repo", TRACKED_TREE)
    cache = tmp_path / "cache"
    _tracked_walk(root, cache, TRACKED)
    tracked = list(TRACKED)
    if change == "untrack":  # git rm --cached: the set of tracked paths changed
        tracked.remove("build/gen/out.py")
    elif change == "track":  # git add -f of an ignored file
        tracked.append("other.local")
    elif change == "new-untracked":  # a build writes into the committed output folder
        (root / "build" / "gen" / "new.py").write_text("Y = 2\n")
    elif change == "edit":
        (root / "build" / "gen" / "out.py").write_text("X = 1\nZ = 3\n")
        _tick(root / "build" / "gen" / "out.py")
    replayed = _tracked_walk(root, cache, tracked)
    _same_tracked(replayed, walk(str(root), tracked=Tracked(tracked)))
    paths = {f.path for f in replayed.files}
    assert ("build/gen/out.py" in paths) == (change != "untrack")
    assert ("other.local" in paths) == (change == "track")
    assert "build/gen/new.py" not in paths
    if change == "edit":
        assert next(f.size for f in replayed.files if f.path == "build/gen/out.py") == len("X = 1\nZ = 3\n")


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


def _kept(cache, suffix):
    """The kept files of the only target in *cache* whose names end with *suffix*."""
    from twelve.runcache import RUNS_FORMAT

    return sorted(next((cache / f"runs-v{RUNS_FORMAT}").iterdir()).glob(f"*{suffix}"))


def _unpack(path):
    import zlib

    head, _, body = zlib.decompress(path.read_bytes()).partition(b"\n")
    return json.loads(head), body


def _pack(path, head, body):
    import zlib

    path.write_bytes(zlib.compress(json.dumps(head).encode() + b"\n" + body))


def test_a_forged_or_broken_run_cache_is_ignored(tmp_path):
    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    first = _check(root, cache, "-f", "json")
    (runs,) = _kept(cache, ".run")  # one file per run digest
    head, body = _unpack(runs)
    data = json.loads(body)

    def forge(data):
        for out in _kept(cache, ".out"):  # the reports kept beside it would be served first
            out.unlink()
        _pack(runs, head, json.dumps(data).encode())

    data["apps"][0]["verdicts"][0]["status"] = "splendid"  # not a status
    forge(data)
    assert _check(root, cache, "-f", "json").stdout == first.stdout
    data["apps"][0]["_"] = "Path"  # not a class of the model
    forge(data)
    assert _check(root, cache, "-f", "json").stdout == first.stdout
    data["apps"] = [[[[["x"]]]]] * 3  # nested lists where objects belong
    forge(data)
    assert _check(root, cache, "-f", "json").stdout == first.stdout
    runs.write_text("{broken")
    assert _check(root, cache, "-f", "json").stdout == first.stdout


@pytest.mark.parametrize(
    "forgery", ["said-wrong-types", "said-not-object", "other-run", "other-target", "other-tool", "not-zlib", "bomb"]
)
def test_a_forged_or_broken_kept_report_is_ignored_and_rewritten(tmp_path, forgery, monkeypatch):
    import zlib

    from twelve import runcache

    monkeypatch.setattr(runcache, "MAX_PLAIN_BYTES", 1 << 20)  # this small run is far below it

    root = _aged(write_tree(tmp_path / "repo", APP))
    cache = tmp_path / "cache"
    first = _check(root, cache, "-f", "json", "--min-meets", "12")
    (out,) = _kept(cache, ".out")
    head, body = _unpack(out)
    if forgery == "said-wrong-types":
        _pack(out, {**head, "said": {**head["said"], "code": True, "policy": [1]}}, b"forged")
    elif forgery == "said-not-object":
        _pack(out, {**head, "said": [0]}, b"forged")
    elif forgery == "other-run":
        _pack(out, {**head, "run": "0" * 64}, b"forged")
    elif forgery == "other-target":
        _pack(out, {**head, "target": "/elsewhere"}, b"forged")
    elif forgery == "other-tool":
        _pack(out, {**head, "tool": "0" * 24}, b"forged")
    elif forgery == "not-zlib":
        out.write_bytes(b"forged\n" + body)
    else:  # a small file that inflates far beyond the bound
        out.write_bytes(zlib.compress(b"{}\n" + b" " * (runcache.MAX_PLAIN_BYTES + 10), 9))
    again = _check(root, cache, "-f", "json", "--min-meets", "12")
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert _unpack(out) == (head, body)  # rewritten as it was


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

    root = _aged(write_tree(tmp_path / "repo", {**APP, "notes.bin": "\x00\x01", "LICENSE": "MIT\n", "logo.png": "PNG"}))
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
    # the replay's lookup proves the same files unchanged, knowing those no extractor reads from the index
    index = fileindex.open_index(cache_dir, repo.root, options.max_file_bytes)
    assert set(index.unread) == {e.path for e in repo.files if not runner.modules_for(e)}
    assert fileindex.unchanged_hashes(repo.files, index) == kept


# -- what a replay must notice (issue 13: a warm run replays, and only when nothing changed) ------


def _replays(root, cache, monkeypatch, *args):
    """Whether a check of *root* with these arguments is served from the runs cache (neither an
    extractor nor a rule runs), and its result."""
    ran = []
    original = twelve.pipeline.assess
    monkeypatch.setattr(twelve.pipeline, "assess", lambda *a, **k: ran.append(1) or original(*a, **k))
    try:
        result = _check(root, cache, "-f", "json", *args)
    finally:
        monkeypatch.setattr(twelve.pipeline, "assess", original)
    return not ran, result


def _fresh(root, *args):
    return CliRunner().invoke(
        main, ["check", str(root), "--no-config", "--no-progress", "--no-cache", "-f", "json", *args]
    )


def test_a_second_run_is_served_as_kept_without_assessing(tmp_path, monkeypatch):
    root = _aged(write_tree(tmp_path / "repo", APP))
    cache = tmp_path / "cache"
    first = _check(root, cache, "-f", "json")
    replayed, again = _replays(root, cache, monkeypatch)
    assert replayed and again.stdout == first.stdout == _fresh(root).stdout


def test_a_library_read_as_one_unit_is_replayed_too(tmp_path, monkeypatch):
    """A library's app roots become one unit after the walk: the run is kept under the digest a
    later run looks it up by (that of the repository as walked), not the one unit's."""
    library = {
        "pyproject.toml": '[project]\nname = "tinylib"\nversion = "1.0"\n\n[build-system]\nrequires = ["hatchling"]\n'
        'build-backend = "hatchling.build"\n',
        "src/tinylib/__init__.py": "def add(a, b):\n    return a + b\n",
        "src/tinylib/main.py": "print('a module a workspace could take for an entrypoint')\n",
    }
    root = _aged(write_tree(tmp_path / "repo", library))
    cache = tmp_path / "cache"
    first = _check(root, cache, "-f", "json")
    assert '"kind": "library"' in first.stdout
    replayed, again = _replays(root, cache, monkeypatch)
    assert replayed and again.stdout == first.stdout


@pytest.mark.parametrize("how", ["same-size-mtime-restored", "replaced-same-size-mtime-restored"])
def test_a_same_size_edit_with_its_modification_time_put_back_is_not_replayed(tmp_path, monkeypatch, how):
    root = _aged(write_tree(tmp_path / "repo", APP))
    cache = tmp_path / "cache"
    first = _check(root, cache, "-f", "json")
    target = root / "app.py"
    before = os.stat(target)
    text = target.read_text().replace("os.environ['PORT']", "os.environ['HOST']")  # same size
    if how == "same-size-mtime-restored":
        target.write_text(text)
    else:  # a new file (new inode) renamed over it
        (root / "app.py.new").write_text(text)
        os.replace(root / "app.py.new", target)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(target).st_size == before.st_size and os.stat(target).st_mtime_ns == before.st_mtime_ns
    replayed, again = _replays(root, cache, monkeypatch)
    assert not replayed
    assert again.stdout == _fresh(root).stdout != first.stdout


def test_stamps_within_the_racy_window_prove_nothing(tmp_path):
    """git's racily-clean rule: a row whose times are not older than the index by RACY_NS may
    hide a write in the same tick, so it proves nothing (the file is hashed or the run is fresh)."""
    from twelve.fileindex import RACY_NS, FileIndex
    from twelve.model import Scope
    from twelve.repository.walk import FileEntry

    entry = FileEntry("app.py", 10, "python", Scope.PRODUCTION, (1, 77), (5_000_000_000, 5_000_000_000))
    index = FileIndex(tmp_path, str(tmp_path), "f", {"app.py": [10, 5_000_000_000, 5_000_000_000, 77, "sha"]})
    index._written_ns = 5_000_000_000 + RACY_NS  # written in the window: the same stamps may hide a write
    assert index.known_sha(entry) is None
    index._written_ns = 5_000_000_000 + RACY_NS + 1
    assert index.known_sha(entry) == "sha"
    for changed in (
        FileEntry("app.py", 11, "python", Scope.PRODUCTION, (1, 77), (5_000_000_000, 5_000_000_000)),  # size
        FileEntry("app.py", 10, "python", Scope.PRODUCTION, (1, 78), (5_000_000_000, 5_000_000_000)),  # inode
        FileEntry("app.py", 10, "python", Scope.PRODUCTION, (1, 77), (5_000_000_000, 5_000_000_001)),  # ctime
        FileEntry("app.py", 10, "python", Scope.PRODUCTION, (1, 77), (4_000_000_000, 5_000_000_000)),  # mtime
        FileEntry("app.py", 10, "python", Scope.PRODUCTION),  # no stamps
    ):
        assert index.known_sha(changed) is None


def test_a_content_change_in_the_same_second_as_the_kept_run_is_not_replayed(tmp_path, monkeypatch):
    """Files written just before the run (the index's racy window): their stamps are never
    trusted, so a change that kept size and modification time is seen."""
    monkeypatch.setattr(fileindex, "RACY_NS", 2_000_000_000)
    monkeypatch.setattr(walk_module, "RACY_NS", 2_000_000_000)
    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    _check(root, cache, "-f", "json")
    target = root / "app.py"
    before = os.stat(target)
    target.write_text(target.read_text().replace("os.environ['PORT']", "os.environ['HOST']"))
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    replayed, again = _replays(root, cache, monkeypatch)
    assert not replayed and again.stdout == _fresh(root).stdout


@pytest.mark.parametrize("change", ["config", "config-same-parse", "tool", "option", "new-unread-file", "gone-file"])
def test_a_run_is_not_replayed_when_its_configuration_tool_or_files_changed(tmp_path, monkeypatch, change):
    root = _aged(write_tree(tmp_path / "repo", {**APP, ".twelve.toml": 'ignore = ["F07"]\n'}))
    cache = tmp_path / "cache"
    run = lambda *a: CliRunner().invoke(  # noqa: E731 - with the configuration file, unlike _check
        main, ["check", str(root), "--no-progress", "--cache-dir", str(cache), "-f", "json", *a]
    )
    first = run()
    args: list[str] = []
    if change == "config":
        (root / ".twelve.toml").write_text('ignore = ["F03"]\n')
    elif change == "config-same-parse":  # same settings, other bytes: still another input
        (root / ".twelve.toml").write_text('ignore = [ "F07" ]\n')
    elif change == "tool":  # another version of twelve, its rules or its parsers
        monkeypatch.setattr(importlib.import_module("twelve.runcache"), "package_fingerprint", lambda: "another-tool")
    elif change == "option":
        args = ["--evidence-limit", "2", "--exclude", "docs"]
    elif change == "new-unread-file":
        (root / "notes.bin").write_bytes(b"\x00\x01")
    else:
        (root / "docs" / "guide.md").unlink()
    calls = []
    original = twelve.pipeline.assess
    monkeypatch.setattr(twelve.pipeline, "assess", lambda *a, **k: calls.append(1) or original(*a, **k))
    extracted = []
    original_extract = runner.extract
    monkeypatch.setattr(runner, "extract", lambda *a, **k: extracted.append(1) or original_extract(*a, **k))
    again = run(*args)
    assert calls and extracted, "replayed"
    fresh = CliRunner().invoke(main, ["check", str(root), "--no-progress", "--no-cache", "-f", "json", *args])
    assert again.stdout == fresh.stdout
    if change in ("config", "new-unread-file", "gone-file", "option"):
        assert again.stdout != first.stdout


def test_a_replay_imports_no_extractor_rule_or_report_renderer(tmp_path):
    """What makes a warm run fast: a run served as kept loads neither the extractors (and their
    parsers) nor the rules nor the report formats."""
    import subprocess
    import sys
    import time

    root = write_tree(tmp_path / "repo", APP)
    cache = tmp_path / "cache"
    time.sleep(2.1)  # the files' stamps out of the racily-clean window
    probe = (
        "import sys\n"
        "from twelve.cli import main\n"
        "try:\n"
        f"    main(['check', {str(root)!r}, '--no-config', '--no-progress', '--cache-dir', {str(cache)!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in sys.modules if m.startswith(('twelve.facts', 'twelve.rules', 'twelve.report.'))]\n"
        "print('LOADED', sorted(m for m in loaded if m != 'twelve.report.safe'))\n"
    )
    outs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300).stdout
        for _ in range(2)
    ]
    assert "twelve.facts.runner" in outs[0]  # the first run assesses
    assert outs[1].rstrip().endswith("LOADED []"), outs[1][-2000:]
    assert outs[0].split("LOADED")[0] == outs[1].split("LOADED")[0]  # the same report


def test_the_replay_lookup_passes_over_only_the_files_the_index_lists_as_unread(tmp_path):
    from twelve.fileindex import FileIndex, unchanged_hashes
    from twelve.model import Scope
    from twelve.repository.walk import FileEntry

    stamp = (1_000_000_000, 1_000_000_000)
    read = FileEntry("app.py", 10, "python", Scope.PRODUCTION, (1, 7), stamp)
    unread = FileEntry("lib/app.jar", 3, "binary", Scope.PRODUCTION, (1, 8), stamp)
    index = FileIndex(tmp_path, str(tmp_path), "f", {"app.py": [10, *stamp, 7, "sha"]}, {"lib/app.jar": "binary"})
    index._written_ns = 10**19
    assert unchanged_hashes([read, unread], index) == {"app.py": "sha"}
    new = FileEntry("new.py", 1, "python", Scope.PRODUCTION, (1, 9), stamp)
    assert unchanged_hashes([read, unread, new], index) is None  # in neither table: cannot be proved unchanged
    retyped = FileEntry("lib/app.jar", 3, "other", Scope.PRODUCTION, (1, 8), stamp)
    assert unchanged_hashes([read, retyped], index) is None


@pytest.mark.parametrize("damage", ["truncated", "trailing", "bomb", "flipped"])
def test_a_damaged_kept_report_is_never_written_in_part(tmp_path, monkeypatch, damage):
    """A report replayed into the -o file is inflated straight into it: when the kept file turns
    out damaged half-way, nothing of it stays (the run is assessed and rendered instead)."""
    import zlib

    from twelve import runcache

    monkeypatch.setattr(runcache, "MAX_PLAIN_BYTES", 1 << 20)
    root = _aged(write_tree(tmp_path / "repo", APP))
    cache, out = tmp_path / "cache", tmp_path / "out"
    out.mkdir()
    first = _check(root, cache, "-f", "json", "-o", str(out / "report.json"))
    expected = (out / "report.json").read_bytes()
    (kept,) = _kept(cache, ".out")
    good = kept.read_bytes()
    head, body = _unpack(kept)
    assert body == expected  # the report as written, byte for byte
    if damage == "truncated":
        kept.write_bytes(good[: len(good) // 2])
    elif damage == "trailing":
        kept.write_bytes(good + b"more")
    elif damage == "bomb":
        kept.write_bytes(zlib.compress(json.dumps(head).encode() + b"\n" + b" " * (2 << 20), 9))
    else:  # a bit flipped in the body: zlib's checksum catches it at the end
        plain = zlib.compress(json.dumps(head).encode() + b"\n" + body, 0)  # stored: the flip survives inflation
        kept.write_bytes(plain[:-40] + bytes([plain[-40] ^ 1]) + plain[-39:])
    (out / "report.json").unlink()
    again = _check(root, cache, "-f", "json", "-o", str(out / "report.json"))
    assert (again.exit_code, again.stderr) == (first.exit_code, first.stderr)
    assert (out / "report.json").read_bytes() == expected
    assert sorted(p.name for p in out.iterdir()) == ["report.json"]  # no partial file left behind
    assert _unpack(kept) == (head, body)  # rewritten


def test_a_report_replayed_into_a_file_is_the_fresh_one_byte_for_byte(tmp_path, monkeypatch):
    root = _aged(write_tree(tmp_path / "repo", APP))
    cache = tmp_path / "cache"
    for fmt in ("json", "sarif", "markdown", "html", "text"):
        first = _check(root, cache, "-f", fmt, "-o", str(tmp_path / f"first.{fmt}"))
        replayed, again = _replays(root, cache, monkeypatch, "-o", str(tmp_path / f"again.{fmt}"), "-f", fmt)
        assert replayed and (again.exit_code, again.stderr.replace("again", "first")) == (first.exit_code, first.stderr)
        assert (tmp_path / f"again.{fmt}").read_bytes() == (tmp_path / f"first.{fmt}").read_bytes()
