"""A bounded, symlink-refusing walk of the target that honours .gitignore files.

The analyzed repository is hostile input: the walk never follows a symbolic link, never opens a
FIFO, socket or device, and reads nothing but the ignore files; every entry it leaves out for a
reason other than being ignored is reported as skipped.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

import pathspec

from twelve.model import Scope, Skipped
from twelve.repository.kinds import BINARY_SUFFIXES, is_vendored_dir, kind_of, scope_of

DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024
_IGNORE_FILE_MAX_BYTES = 256 * 1024
_ALWAYS_PRUNED = frozenset({".git", ".hg", ".svn"})


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # POSIX, relative to the target root
    size: int
    kind: str
    scope: Scope


@dataclass(slots=True)
class WalkResult:
    files: list[FileEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    vendored_dirs: list[str] = field(default_factory=list)
    vcs_dirs: list[str] = field(default_factory=list)
    seen: int = 0
    ignore: IgnoreRules | None = None


class IgnoreRules:
    """The .gitignore files met so far, deepest last; git semantics: deepest decisive match wins."""

    def __init__(self, root: str, extra: list[str] | None = None) -> None:
        self._root = root
        self._specs: dict[str, pathspec.GitIgnoreSpec] = {}
        base = list(extra or [])
        info_exclude = os.path.join(root, ".git", "info", "exclude")
        base.extend(_read_lines(info_exclude))
        if base:
            self._specs[""] = pathspec.GitIgnoreSpec.from_lines(base)
        self._root_spec_from_file: pathspec.GitIgnoreSpec | None = None

    def load_dir(self, reldir: str) -> None:
        path = os.path.join(self._root, reldir, ".gitignore") if reldir else os.path.join(self._root, ".gitignore")
        lines = _read_lines(path)
        if not lines:
            return
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        key = reldir
        if key == "" and "" in self._specs:
            # info/exclude has lower priority than the root .gitignore: keep both, root file wins
            self._root_spec_from_file = spec
        else:
            self._specs[key] = spec

    def ignored(self, relpath: str, is_dir: bool = False) -> bool:
        probe = relpath + "/" if is_dir else relpath
        # deepest directory first
        parts = relpath.split("/")
        for depth in range(len(parts) - 1, -1, -1):
            base = "/".join(parts[:depth])
            specs = []
            if base == "" and self._root_spec_from_file is not None:
                specs.append(self._root_spec_from_file)
            if base in self._specs:
                specs.append(self._specs[base])
            for spec in specs:
                sub = probe[len(base) + 1:] if base else probe
                result = spec.check_file(sub)
                if result.include is not None:
                    return bool(result.include)
        return False


def _read_lines(path: str) -> list[str]:
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _IGNORE_FILE_MAX_BYTES:
            return []
        with open(path, "rb") as handle:
            return handle.read(_IGNORE_FILE_MAX_BYTES).decode("utf-8", "replace").splitlines()
    except OSError:
        return []


def walk(root: str, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
         exclude: list[str] | None = None) -> WalkResult:
    """Walk *root* (an existing directory) and classify every file that is not ignored."""
    rules = IgnoreRules(root, exclude)
    result = WalkResult(ignore=rules)
    stack: list[str] = [""]
    while stack:
        reldir = stack.pop()
        absdir = os.path.join(root, reldir) if reldir else root
        rules.load_dir(reldir)
        try:
            with os.scandir(absdir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            result.skipped.append(Skipped(reldir or ".", "unreadable", exc.strerror or type(exc).__name__))
            continue
        subdirs: list[str] = []
        for entry in entries:
            rel = f"{reldir}/{entry.name}" if reldir else entry.name
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                result.skipped.append(Skipped(rel, "unreadable", exc.strerror or type(exc).__name__))
                continue
            mode = st.st_mode
            if stat.S_ISDIR(mode):
                if entry.name in _ALWAYS_PRUNED:
                    result.vcs_dirs.append(rel)
                    continue
                if rules.ignored(rel, is_dir=True):
                    continue
                if is_vendored_dir(entry.name):
                    result.vendored_dirs.append(rel)
                    result.skipped.append(Skipped(rel, "vendored"))
                    continue
                subdirs.append(rel)
                continue
            if entry.name in _ALWAYS_PRUNED or rules.ignored(rel):
                continue
            result.seen += 1
            if stat.S_ISLNK(mode):
                result.skipped.append(Skipped(rel, "symlink"))
                continue
            if not stat.S_ISREG(mode):
                result.skipped.append(Skipped(rel, "special_file"))
                continue
            kind = kind_of(rel)
            if kind == "binary":
                result.skipped.append(Skipped(rel, "binary"))
                continue
            if st.st_size > max_file_bytes:
                result.skipped.append(Skipped(rel, "too_large", str(st.st_size)))
                continue
            result.files.append(FileEntry(rel, st.st_size, kind, scope_of(rel)))
        stack.extend(reversed(subdirs))
    result.files.sort(key=lambda f: f.path)
    result.skipped.sort(key=lambda s: s.path)
    return result


__all__ = ["BINARY_SUFFIXES", "DEFAULT_MAX_FILE_BYTES", "FileEntry", "IgnoreRules", "WalkResult", "walk"]
