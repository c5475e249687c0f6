"""Version-control metadata, read with dulwich: no git binary, no repository configuration run.

Only reading operations are used (refs, commits, the index): dulwich runs hooks and filter drivers
only when committing or checking out, and never `core.fsmonitor`, `core.pager` or
`safe.directory`, which is what makes it safe on an untrusted repository (see
reference/dependencies.md §4-5). What dulwich would still trust, the files of the control
directory and `include` directives in its configuration, is checked or disabled here.
"""

from __future__ import annotations

import functools
import os
import re
import stat
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
    #: what was read only in part, for the coverage: (catalogue key under coverage_note, params)
    notes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

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


def read_git(target: str, cache_dir: str | None = None) -> GitInfo:
    """Describe the repository that holds *target*, or say there is none.

    The repository's control directory is hostile input too: before dulwich opens anything,
    every file it may read must be a regular file of sane size (a FIFO named HEAD would block
    forever, a `config` linked to /dev/zero would never end), and the configuration is read
    without `include`/`includeIf` (which name arbitrary files). A repository that fails these
    checks is reported as a git repository whose metadata could not be read."""
    try:
        from dulwich.errors import NotGitRepository
    except ImportError:  # pragma: no cover - dulwich is a declared dependency
        return GitInfo(vcs=None, error="dulwich unavailable")
    located = _locate(target)
    if located is None:
        return GitInfo(vcs=_find_other_vcs(target))
    worktree, problem = located
    if problem is None:
        problem = _check_control_dir(worktree)
    if problem is not None:
        return GitInfo(vcs="git", error=problem, notes=(("git_unread", (("reason", problem),)),))
    try:
        repo = _safe_repo_class()(worktree)
    except NotGitRepository:
        return GitInfo(vcs=_find_other_vcs(target))
    except Exception as exc:  # a corrupt .git must not stop the run
        return GitInfo(vcs="git", error=f"{type(exc).__name__}: {exc}")
    with repo:
        try:
            return _describe(repo, target, cache_dir)
        except Exception as exc:
            return GitInfo(vcs="git", error=f"{type(exc).__name__}: {exc}")


# --- what dulwich may open, checked first ------------------------------------------------------

_GITFILE_MAX = 4096
_SMALL_MAX = 1 << 20
#: per control file: the largest size we let dulwich read
#: the index is read by twelve itself (streamed, paths only): one over MAX_INDEX_BYTES is not read
#: at all (no tracked files known); packed-refs and shallow over theirs make the metadata unread
MAX_INDEX_BYTES = 32 << 20
MAX_PACKED_REFS_BYTES = 8 << 20
MAX_TAGS = 10_000
_CONTROL_FILES = {
    "HEAD": _GITFILE_MAX,
    "config": _SMALL_MAX,
    "config.worktree": _SMALL_MAX,
    "commondir": _GITFILE_MAX,
    "gitdir": _GITFILE_MAX,
    "shallow": 8 << 20,
    "packed-refs": MAX_PACKED_REFS_BYTES,
    "objects/info/alternates": _GITFILE_MAX,
}
_MAX_ENTRIES_CHECKED = 1_000_000


def _locate(target: str) -> tuple[str, str | None] | None:
    """(work tree or bare directory, problem) of the repository holding *target*, or None."""
    current = os.path.abspath(target)
    if _looks_bare(current):
        return current, None
    while True:
        dotgit = os.path.join(current, ".git")
        try:
            st = os.lstat(dotgit)
        except OSError:
            st = None
        if st is not None:
            if stat.S_ISDIR(st.st_mode) or (stat.S_ISREG(st.st_mode) and st.st_size <= _GITFILE_MAX):
                return current, None
            return current, ".git is not a directory or a small regular file (symbolic link or special file)"
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _looks_bare(path: str) -> bool:
    try:
        return (
            stat.S_ISREG(os.lstat(os.path.join(path, "HEAD")).st_mode)
            and stat.S_ISDIR(os.lstat(os.path.join(path, "objects")).st_mode)
            and stat.S_ISDIR(os.lstat(os.path.join(path, "refs")).st_mode)
        )
    except OSError:
        return False


def _small_text(path: str) -> str:
    from twelve.repository.walk import read_regular

    return read_regular(path, _GITFILE_MAX).decode("utf-8", "replace").strip()


def _control_dir_of(worktree: str) -> str:
    dotgit = os.path.join(worktree, ".git")
    try:
        st = os.lstat(dotgit)
    except OSError:
        return worktree  # a bare repository
    if stat.S_ISDIR(st.st_mode):
        return dotgit
    text = _small_text(dotgit)  # "gitdir: <path>" of a linked work tree or a submodule
    if not text.startswith("gitdir:"):
        raise ValueError(".git file without a gitdir line")
    return os.path.normpath(os.path.join(worktree, text[len("gitdir:") :].strip()))


def _check_control_dir(worktree: str) -> str | None:
    """Why dulwich must not open this repository, or None when every file it reads is sane."""
    try:
        control = _control_dir_of(worktree)
        problem = _check_files(control)
        if problem:
            return problem
        commondir = control
        if os.path.lexists(os.path.join(control, "commondir")):
            commondir = os.path.normpath(os.path.join(control, _small_text(os.path.join(control, "commondir"))))
            problem = _check_files(commondir, head=False)
            if problem:
                return problem
        budget = [_MAX_ENTRIES_CHECKED]
        for sub in ("refs", "objects", "reftable", "worktrees"):
            problem = _check_tree(os.path.join(commondir, sub), budget)
            if problem:
                return problem
        alternates = os.path.join(commondir, "objects", "info", "alternates")
        if os.path.lexists(alternates):
            for line in _small_text(alternates).splitlines()[:8]:
                line = line.strip()
                if line and not line.startswith("#"):
                    problem = _check_tree(os.path.normpath(os.path.join(commondir, "objects", line)), budget)
                    if problem:
                        return problem
    except (OSError, ValueError) as exc:
        return f"unreadable git metadata: {exc}"
    return None


def _check_files(control: str, head: bool = True) -> str | None:
    st = os.lstat(control)  # raises when missing
    if not stat.S_ISDIR(st.st_mode):
        return f"git directory is not a directory: {os.path.basename(control)}"
    for name, limit in _CONTROL_FILES.items():
        try:
            st = os.lstat(os.path.join(control, name))
        except FileNotFoundError:
            if name == "HEAD" and head:
                return "git directory without HEAD"
            continue
        if not stat.S_ISREG(st.st_mode):
            return f"git metadata file {name} is not a regular file"
        if st.st_size > limit:
            return f"git metadata file {name} is too large ({st.st_size} bytes)"
    return None


def _check_tree(top: str, budget: list[int]) -> str | None:
    """Every entry under *top* is a real directory or a regular file (no link, FIFO or device)."""
    try:
        st = os.lstat(top)
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return f"git metadata {os.path.basename(top)} is not a directory"
    stack = [top]
    while stack:
        with os.scandir(stack.pop()) as it:
            for entry in it:
                budget[0] -= 1
                if budget[0] < 0:
                    return "too many git metadata files to check"
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode):
                    stack.append(entry.path)
                elif not stat.S_ISREG(mode):
                    return f"git metadata {os.path.relpath(entry.path, top)} is not a regular file"
    return None


@functools.lru_cache(maxsize=1)
def _safe_repo_class() -> type:
    """dulwich's Repo, reading its configuration without includes and through a bounded,
    non-blocking read (the configuration is the repository's, so it is hostile)."""
    import io

    from dulwich.config import ConfigFile
    from dulwich.repo import Repo

    def load(path: str) -> ConfigFile:
        from twelve.repository.walk import read_regular

        try:
            data = read_regular(path, _SMALL_MAX)
        except FileNotFoundError:
            config = ConfigFile()
            config.path = path
            return config
        config = ConfigFile.from_file(io.BytesIO(data[:_SMALL_MAX]), expand_includes=False)
        config.path = path
        return config

    class SafeRepo(Repo):
        def get_config(self):
            return load(os.path.join(self.commondir(), "config"))

        def get_worktree_config(self):
            return load(os.path.join(self.commondir(), "config.worktree"))

        def get_config_stack(self):
            # never the user's or the system's configuration either: nothing there applies here
            from dulwich.config import StackedConfig

            return StackedConfig([self.get_config()], writable=None)

    return SafeRepo


def _count_commits(repo, head: str) -> tuple[int, bool]:
    """(commits reachable from *head*, counted up to MAX_COMMITS_COUNTED; whether capped there)."""
    try:
        commits = _reachable(repo, head.encode("ascii"), MAX_COMMITS_COUNTED)
    except Exception:  # a missing or odd object: dulwich's walker, and what it says of it
        commits = 0
        for _ in repo.get_walker(max_entries=MAX_COMMITS_COUNTED):
            commits += 1
    return commits, commits >= MAX_COMMITS_COUNTED


def _reachable(repo, head: bytes, limit: int) -> int:
    """How many commits *head* reaches (itself included), up to *limit*: the count of dulwich's
    walker, whatever the order, with the parents of each commit read from its raw header instead
    of a parsed commit (a third of the time); grafts and shallow commits as the walker sees them."""
    store = repo.object_store
    provider = repo.parents_provider()
    grafts, shallows = provider.grafts, provider.shallows
    seen = {head}
    todo = [head]
    read = 0  # each commit is counted once read, as the walker yields it
    while todo and read < limit:
        sha = todo.pop()
        kind, raw = store.get_raw(sha)
        if kind != 1:  # not a commit
            raise ValueError(f"{sha!r} is not a commit")
        read += 1
        if sha in grafts:
            parents = list(grafts[sha])
        elif sha in shallows:
            parents = []
        else:
            parents = []
            for line in raw.split(b"\n", 64):
                if line.startswith(b"parent "):
                    parents.append(line[7:].strip())
                elif not line.startswith(b"tree "):
                    break
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return read


def _shallow_stamp(repo) -> str:
    """A hash of the shallow file (its grafts change what a walk from HEAD reaches)."""
    import hashlib

    from twelve.repository.walk import read_regular

    try:
        return hashlib.sha256(read_regular(os.path.join(repo.controldir(), "shallow"), 64 << 20)).hexdigest()
    except OSError:
        return ""


def _counted(repo, head: str, cache_dir: str | None) -> tuple[int, bool]:
    """The commit count of *head*, from the cache when this HEAD (and shallow file) was counted
    before: a warm run does not walk the history again."""
    if cache_dir is None:
        return _count_commits(repo, head)
    from pathlib import Path

    from twelve.cachefiles import package_fingerprint, read_json, target_key, write_json

    path = Path(cache_dir) / "git-v1" / f"{target_key(repo.path)}.json"
    header = {
        "format": 1,
        "tool": package_fingerprint(),
        "head": head,
        "shallow": _shallow_stamp(repo),
        "limit": MAX_COMMITS_COUNTED,
    }
    known = read_json(path, header)
    if known is not None and isinstance(known.get("commits"), int) and isinstance(known.get("capped"), bool):
        return known["commits"], known["capped"]
    commits, capped = _count_commits(repo, head)
    write_json(path, {**header, "commits": commits, "capped": capped})
    return commits, capped


#: an index file modified less than this long before its paths were kept may have been modified
#: again within the same timestamp tick: its stamps prove nothing (git's "racily clean" rule)
TRACKED_RACY_NS = 2_000_000_000


def _tracked_paths(repo, prefix: str, cache_dir: str | None = None) -> tuple[set[str], tuple | None]:
    """The paths the index tracks under *prefix* (relative to it), read by streaming the index
    (paths only are kept, at most MAX_TRACKED), and a coverage note when it could not be read.
    With a *cache_dir*, the paths read from an index file whose stamps (size, inode, modification
    and change times) are unchanged since are taken from there (git-v1/<target>.tracked.json),
    unless those stamps were racily close to the time they were kept."""
    import stat
    import time

    path = os.path.join(repo.controldir(), "index")
    try:
        st = os.stat(path, follow_symlinks=False)
        stamp = [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns] if stat.S_ISREG(st.st_mode) else None
    except OSError:
        stamp = None
    if cache_dir is None or stamp is None:
        return _read_tracked(path, prefix)
    from pathlib import Path

    from twelve.cachefiles import package_fingerprint, read_json, target_key, write_json

    memo = Path(cache_dir) / "git-v1" / f"{target_key(repo.path)}.tracked.json"
    header = {"format": 1, "tool": package_fingerprint(), "index": stamp, "prefix": prefix}
    known = read_json(memo, header)
    if known is not None:
        paths, written = known.get("paths"), known.get("written_ns")
        if (
            isinstance(written, int)
            and max(stamp[2], stamp[3]) < written - TRACKED_RACY_NS
            and isinstance(paths, list)
            and all(type(p) is str for p in paths)
        ):
            return set(paths), None
    written_ns = time.time_ns()
    tracked, note = _read_tracked(path, prefix)
    if note is None:  # only a whole reading is kept
        write_json(memo, {**header, "written_ns": written_ns, "paths": sorted(tracked)})
    return tracked, note


def _read_tracked(path: str, prefix: str) -> tuple[set[str], tuple | None]:
    import io

    from dulwich.index import read_index

    from twelve.repository.walk import MAX_TRACKED, read_regular

    try:
        data = read_regular(path, MAX_INDEX_BYTES)
    except FileNotFoundError:
        return set(), None
    except OSError as exc:
        return set(), ("git_index_unread", (("reason", exc.strerror or type(exc).__name__),))
    if len(data) > MAX_INDEX_BYTES:
        return set(), ("git_index_too_large", (("size", str(os.path.getsize(path))), ("limit", str(MAX_INDEX_BYTES))))
    tracked: set[str] = set()
    try:
        for count, entry in enumerate(read_index(io.BytesIO(data))):
            if count >= MAX_TRACKED:
                return tracked, ("git_index_too_many", (("limit", str(MAX_TRACKED)),))
            name = entry.name.decode("utf-8", "replace")
            if name.startswith(prefix):
                tracked.add(name[len(prefix) :])
    except Exception as exc:  # a truncated or crafted index: what was read so far stands
        return tracked, ("git_index_unread", (("reason", type(exc).__name__),))
    return tracked, None


def _describe(repo, target: str, cache_dir: str | None = None) -> GitInfo:
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
            commits, capped = _counted(repo, head, cache_dir)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
    tags: list[str] = []
    at_head: list[str] = []
    tag_note = None
    try:
        for count, name in enumerate(repo.refs.as_dict(b"refs/tags")):
            if count >= MAX_TAGS:
                tag_note = ("git_tags_too_many", (("limit", str(MAX_TAGS)),))
                break
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
    tracked, note = _tracked_paths(repo, prefix, cache_dir)
    notes = [n for n in (note, tag_note) if n]
    shallow = os.path.exists(os.path.join(repo.controldir(), "shallow"))
    tags.sort()
    return GitInfo(
        vcs="git",
        root=root,
        head=head,
        commits=commits,
        commits_capped=capped,
        tags=tuple(tags),
        version_tags=tuple(t for t in tags if _SEMVER_TAG.match(t)),
        tags_at_head=tuple(sorted(at_head)),
        branches=tuple(branches),
        shallow=shallow,
        tracked=frozenset(tracked),
        error=error,
        notes=tuple(notes),
    )
