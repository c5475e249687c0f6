"""The commit count of factor I's message: read from the raw headers of the commits, it is the count
of dulwich's walker (merges, shallow clones, grafts, the cap), and a repository the raw reading
cannot follow is counted by the walker, as before."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from dulwich.repo import Repo

from twelve.repository import git as gitinfo

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="the git command builds these histories")


def _git(repo: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "HOME": str(repo),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run([GIT, *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def _commit(repo: Path, name: str, text: str) -> None:
    (repo / name).write_text(text)
    _git(repo, "add", name)
    _git(repo, "commit", "-qm", f"{name} {text.strip()}")


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    repo = tmp_path / "r"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    for n in range(4):
        _commit(repo, "a.txt", f"{n}\n")
    _git(repo, "checkout", "-qb", "side")
    for n in range(3):
        _commit(repo, "b.txt", f"{n}\n")
    _git(repo, "checkout", "-q", "main")
    _commit(repo, "c.txt", "x\n")
    _git(repo, "merge", "-q", "--no-ff", "-m", "merge", "side")
    _commit(repo, "a.txt", "last\n")
    return repo


def _walker(repo: Repo, limit: int) -> int:
    return sum(1 for _ in repo.get_walker(max_entries=limit))


def _count(path: Path, limit: int = gitinfo.MAX_COMMITS_COUNTED) -> tuple[int, int]:
    repo = Repo(str(path))
    try:
        return gitinfo._reachable(repo, repo.head(), limit), _walker(repo, limit)
    finally:
        repo.close()


def test_a_history_with_a_merge_counts_each_commit_once(merged: Path) -> None:
    assert _count(merged) == (10, 10)


@pytest.mark.parametrize("limit", [1, 3, 9, 10, 11])
def test_the_cap_is_the_walker_s(merged: Path, limit: int) -> None:
    ours, walker = _count(merged, limit)
    assert ours == walker == min(10, limit)


def test_a_shallow_clone_counts_what_it_holds(merged: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "3", f"file://{merged}", str(clone))
    assert (clone / ".git" / "shallow").exists()
    ours, walker = _count(clone)
    assert ours == walker and 3 <= ours < 10


def test_a_graft_counts_as_the_walker_sees_it(merged: Path) -> None:
    head = _git(merged, "rev-parse", "HEAD").strip()
    parent = _git(merged, "rev-parse", "HEAD~1").strip()
    root = _git(merged, "rev-list", "--max-parents=0", "HEAD").strip()
    # HEAD~1 grafted onto the root alone: the history in between is cut off
    (merged / ".git" / "info").mkdir(exist_ok=True)
    (merged / ".git" / "info" / "grafts").write_text(f"{parent} {root}\n")
    ours, walker = _count(merged)
    assert ours == walker == 3 and head


def test_a_missing_commit_is_counted_by_the_walker_as_before(merged: Path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise KeyError("missing")

    monkeypatch.setattr(gitinfo, "_reachable", broken)
    repo = Repo(str(merged))
    try:
        assert gitinfo._count_commits(repo, repo.head().decode()) == (10, False)
    finally:
        repo.close()


def test_the_count_reaches_the_report(merged: Path) -> None:
    repo = Repo(str(merged))
    try:
        assert gitinfo._count_commits(repo, repo.head().decode()) == (10, False)
        assert gitinfo._describe(repo, str(merged)).commits == 10
    finally:
        repo.close()
