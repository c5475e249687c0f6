"""Version-control metadata, read with dulwich: no git binary, no repository configuration run.

dulwich never honours `core.fsmonitor`, hooks, filters or `safe.directory`, which is what makes it
safe on an untrusted repository (see reference/dependencies.md §4-5).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

MAX_COMMITS_COUNTED = 1_000
_SEMVER_TAG = re.compile(r"^(v|release[-/_]?|version[-/_]?)?\d+(\.\d+){0,3}([-+.][0-9A-Za-z.-]+)?$")


@dataclass(frozen=True, slots=True)
class GitInfo:
    vcs: str | None  # "git", "hg", "svn" or None
    root: str | None = None  # absolute work tree of the repository holding the target
    head: str | None = None
    commits: int = 0
    commits_capped: bool = False
    tags: tuple[str, ...] = ()
    version_tags: tuple[str, ...] = ()
    tags_at_head: tuple[str, ...] = ()
    branches: tuple[str, ...] = ()
    shallow: bool = False
    tracked: frozenset[str] = field(default_factory=frozenset)  # relative to the target
    error: str | None = None

    @property
    def is_repository(self) -> bool:
        return self.vcs is not None


def _find_other_vcs(path: str) -> str | None:
    current = os.path.abspath(path)
    while True:
        for name, vcs in ((".hg", "hg"), (".svn", "svn")):
            if os.path.isdir(os.path.join(current, name)):
                return vcs
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def read_git(target: str) -> GitInfo:
    """Describe the repository that holds *target*, or say there is none."""
    try:
        from dulwich.errors import NotGitRepository
        from dulwich.repo import Repo
    except ImportError:  # pragma: no cover - dulwich is a declared dependency
        return GitInfo(vcs=None, error="dulwich unavailable")
    try:
        repo = Repo.discover(target)
    except NotGitRepository:
        return GitInfo(vcs=_find_other_vcs(target))
    except Exception as exc:  # a corrupt .git must not stop the run
        return GitInfo(vcs="git", error=f"{type(exc).__name__}: {exc}")
    with repo:
        return _describe(repo, target)


def _describe(repo, target: str) -> GitInfo:  # type: ignore[no-untyped-def]
    root = os.path.abspath(repo.path)
    target_abs = os.path.abspath(target)
    prefix = os.path.relpath(target_abs, root).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    error = None
    head = None
    commits = 0
    capped = False
    try:
        head = repo.head().decode()
    except KeyError:
        head = None  # no commit yet
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
    if head:
        try:
            for _ in repo.get_walker(max_entries=MAX_COMMITS_COUNTED):
                commits += 1
            capped = commits >= MAX_COMMITS_COUNTED
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
    tags: list[str] = []
    at_head: list[str] = []
    try:
        for name in repo.refs.as_dict(b"refs/tags"):
            tag = name.decode("utf-8", "replace")
            tags.append(tag)
            try:
                peeled = repo.get_peeled(b"refs/tags/" + name)
            except Exception:
                peeled = None
            if head and peeled and peeled.decode() == head:
                at_head.append(tag)
    except Exception as exc:
        error = error or f"{type(exc).__name__}: {exc}"
    branches: list[str] = []
    try:
        branches = sorted(n.decode("utf-8", "replace") for n in repo.refs.as_dict(b"refs/heads"))
    except Exception:
        pass
    tracked: set[str] = set()
    try:
        for raw in repo.open_index():
            path = raw.decode("utf-8", "replace")
            if path.startswith(prefix):
                tracked.add(path[len(prefix):])
    except Exception:
        pass
    shallow = os.path.exists(os.path.join(repo.controldir(), "shallow"))
    tags.sort()
    return GitInfo(
        vcs="git", root=root, head=head, commits=commits, commits_capped=capped,
        tags=tuple(tags), version_tags=tuple(t for t in tags if _SEMVER_TAG.match(t)),
        tags_at_head=tuple(sorted(at_head)), branches=tuple(branches), shallow=shallow,
        tracked=frozenset(tracked), error=error,
    )
