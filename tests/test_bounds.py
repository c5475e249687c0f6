"""Issue 11, D: what the repository gives twelve to read is bounded, and what is cut is said.

No timing is asserted here (speed is measured by `make bench-adversarial`): these tests check
that over-bound inputs are refused or cut, the run goes on, and the coverage says so."""

from __future__ import annotations

import json

from click.testing import CliRunner

import twelve.repository.git as git
from helpers import make_repo
from twelve.cli import main
from twelve.repository.walk import IgnoreRules

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nX = os.getenv('X')\n"}


def report(repo, *args):
    result = CliRunner().invoke(
        main, ["check", str(repo), "--format", "json", "--no-progress", "--no-config", "--no-cache", *args]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_an_ignore_line_that_would_backtrack_is_not_applied_and_said(tmp_path):
    stars = "a*" * 12 + "b"
    repo = make_repo(
        tmp_path,
        {**APP, ".gitignore": f"*.log\n{stars}\n", "a" * 24 + "c.py": "x = 1\n", "debug.log": "x\n"},
        git=False,
    )
    rules = IgnoreRules(str(repo))
    rules.load_dir("")
    assert rules.dropped == [(".gitignore", 2, "too_complex")]
    assert rules.ignored("debug.log") and not rules.ignored("a" * 24 + "b")  # the sane line still applies
    data = report(repo)
    notes = data["coverage"]["notes"]
    assert [n["code"] for n in notes] == ["ignore_dropped"] and ".gitignore:2" in notes[0]["message"]


def test_common_ignore_patterns_stay_applied(tmp_path):
    lines = ["**/*.log", "docs/**/*.md", "/build/", "*.py[cod]", "!keep.log", "node_modules/", "a*b*"]
    repo = make_repo(tmp_path, {**APP, ".gitignore": "\n".join(lines) + "\n"}, git=False)
    rules = IgnoreRules(str(repo))
    rules.load_dir("")
    assert rules.dropped == []
    assert rules.ignored("x/y/z.log") and not rules.ignored("keep.log") and rules.ignored("docs/a/b/c.md")


def test_over_long_and_too_many_ignore_lines_are_cut(tmp_path):
    repo = make_repo(
        tmp_path, {**APP, ".gitignore": "x" * 2000 + "\n" + "".join(f"p{i}\n" for i in range(10_005))}, git=False
    )
    rules = IgnoreRules(str(repo))
    rules.load_dir("")
    reasons = [reason for _, _, reason in rules.dropped]
    assert reasons == ["too_long", "too_many"]


def test_an_oversized_index_is_not_read_but_the_commit_is(tmp_path, monkeypatch):
    repo = make_repo(tmp_path, APP)
    monkeypatch.setattr(git, "MAX_INDEX_BYTES", 64)
    data = report(repo)
    assert data["target"]["commit"]
    assert [n["code"] for n in data["coverage"]["notes"]] == ["git_index_too_large"]


def test_a_truncated_index_keeps_what_was_read(tmp_path):
    repo = make_repo(tmp_path, APP)
    index = repo / ".git" / "index"
    index.write_bytes(index.read_bytes()[:90])
    data = report(repo)
    assert data["target"]["commit"]
    assert [n["code"] for n in data["coverage"]["notes"]] == ["git_index_unread"]


def test_oversized_packed_refs_leave_no_commit_and_say_so(tmp_path):
    repo = make_repo(tmp_path, APP)
    line = b"0123456789012345678901234567890123456789 refs/tags/t%d\n"
    with open(repo / ".git" / "packed-refs", "wb") as handle:
        handle.write(b"# pack-refs with: peeled fully-peeled sorted\n")
        for i in range(git.MAX_PACKED_REFS_BYTES // 50 + 10):
            handle.write(line % i)
    data = report(repo)
    assert data["target"]["commit"] is None
    notes = data["coverage"]["notes"]
    assert [n["code"] for n in notes] == ["git_unread"] and "packed-refs" in notes[0]["message"]


def test_too_many_tags_are_cut(tmp_path, monkeypatch):
    from dulwich.repo import Repo

    repo = make_repo(tmp_path, APP)
    with Repo(str(repo)) as handle:
        head = handle.head()
        for i in range(12):
            handle.refs[b"refs/tags/v1.0.%d" % i] = head
    monkeypatch.setattr(git, "MAX_TAGS", 5)
    info = git.read_git(str(repo))
    assert len(info.tags) == 5
    assert [key for key, _ in info.notes] == ["git_tags_too_many"]
