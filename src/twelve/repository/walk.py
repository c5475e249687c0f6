"""A bounded, symlink-refusing walk of the target that honours .gitignore files.

The analyzed repository is hostile input: the walk never follows a symbolic link, never opens a
FIFO, socket or device, and reads nothing but the ignore files; every entry it leaves out for a
reason other than being ignored is reported as skipped.

Each directory is opened once with ``O_NOFOLLOW|O_DIRECTORY`` and checked to be the very
directory the parent listed (device and inode), so that a directory swapped for a symbolic link
while the walk runs cannot lead it out of the root. The same identity is kept on every
:class:`FileEntry`, and :func:`read_regular` checks it when the facts stage opens the file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field

import pathspec

from twelve.model import Scope, Skipped
from twelve.repository.kinds import BINARY_SUFFIXES, is_vendored_dir, kind_of, scope_of

DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024
#: directories deeper than this are reported, not walked (no real codebase comes close)
MAX_DEPTH = 200
_IGNORE_FILE_MAX_BYTES = 256 * 1024
_ALWAYS_PRUNED = frozenset({".git", ".hg", ".svn"})

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
#: opening a FIFO with O_NONBLOCK returns at once instead of waiting for a writer; O_NOCTTY keeps
#: a terminal device from becoming ours. Neither changes how a regular file reads.
FILE_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | _CLOEXEC
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC
#: bidirectional overrides reorder what a reader sees ("Trojan source"): never part of a sane name
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\udc80-\udcff\u202a-\u202e\u2066-\u2069]")


class SpecialFileError(OSError):
    """The path is not a regular file (a FIFO, socket or device, possibly swapped in mid-run)."""


class ChangedFileError(OSError):
    """The path no longer names the file the walk listed."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # POSIX, relative to the target root
    size: int
    kind: str
    scope: Scope
    #: (st_dev, st_ino) seen by the walk; (0, 0) when unknown (entries built by hand)
    identity: tuple[int, int] = field(default=(0, 0), compare=False)


@dataclass(slots=True)
class WalkResult:
    files: list[FileEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    vendored_dirs: list[str] = field(default_factory=list)
    vcs_dirs: list[str] = field(default_factory=list)
    seen: int = 0
    ignore: IgnoreRules | None = None


# --- safe opening ---------------------------------------------------------------------------


def open_beneath(root: str, relpath: str, flags: int = FILE_FLAGS) -> int:
    """Open *relpath* under *root* one component at a time, following no symbolic link on the
    way (the root itself is the user's choice and may be one). Works below PATH_MAX too."""
    parts = [p for p in relpath.split("/") if p]
    if not parts or any(p in (".", "..") for p in parts):
        raise OSError(errno.EINVAL, "invalid relative path", relpath)
    fd = os.open(root, _DIR_FLAGS)
    try:
        for part in parts[:-1]:
            child = os.open(part, _DIR_FLAGS | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = child
        return os.open(parts[-1], flags, dir_fd=fd)
    finally:
        os.close(fd)


def _open_dir(root: str, reldir: str) -> int:
    if not reldir:
        return os.open(root, _DIR_FLAGS)
    try:
        return os.open(os.path.join(root, reldir), _DIR_FLAGS | _NOFOLLOW)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise
    return open_beneath(root, reldir, _DIR_FLAGS | _NOFOLLOW)


def read_regular(path: str, limit: int, identity: tuple[int, int] = (0, 0), *, root: str | None = None,
                 relpath: str | None = None) -> bytes:
    """At most *limit* + 1 bytes of the regular file at *path*.

    Never follows a final symbolic link (ELOOP), never blocks on a FIFO, and refuses anything
    that fstat does not call a regular file (:class:`SpecialFileError`) or that is not the file
    the walk listed (:class:`ChangedFileError`, when *identity* is known). Paths longer than
    PATH_MAX are opened component by component when *root* and *relpath* are given."""
    try:
        fd = os.open(path, FILE_FLAGS)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG or root is None or relpath is None:
            raise
        fd = open_beneath(root, relpath)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SpecialFileError(errno.EINVAL, "not a regular file")
        if identity != (0, 0) and (st.st_dev, st.st_ino) != identity:
            raise ChangedFileError(errno.ESTALE, "changed during the run")
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


# --- names ----------------------------------------------------------------------------------


def unsafe_name(name: str) -> bool:
    """A name that cannot be shown as it is: bytes that are not UTF-8 (surrogate escapes),
    control characters (newline, escape sequences) or bidirectional overrides."""
    return _UNSAFE_NAME.search(name) is not None


def display_path(path: str) -> str:
    """*path* with every unsafe character written as an escape (`\\n`, `\\x1b`, `\\u202e`)."""
    out: list[str] = []
    for ch in path:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")  # an undecodable byte
        elif code < 32 or 127 <= code < 160:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, f"\\x{code:02x}"))
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cs":
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


# --- ignore files ---------------------------------------------------------------------------


class IgnoreRules:
    """The .gitignore files met so far, deepest last; git semantics: deepest decisive match wins."""

    def __init__(self, root: str, extra: list[str] | None = None) -> None:
        self._root = root
        self._specs: dict[str, pathspec.GitIgnoreSpec] = {}
        base = list(extra or [])
        base.extend(_read_lines_beneath(root, ".git/info/exclude"))
        if base:
            self._specs[""] = pathspec.GitIgnoreSpec.from_lines(base)
        self._root_spec_from_file: pathspec.GitIgnoreSpec | None = None

    def load_dir(self, reldir: str, dir_fd: int | None = None) -> None:
        if dir_fd is not None:
            lines = _read_lines(".gitignore", dir_fd)
        else:
            lines = _read_lines_beneath(self._root, f"{reldir}/.gitignore" if reldir else ".gitignore")
        if not lines:
            return
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        key = reldir
        if key == "" and "" in self._specs:
            # info/exclude has lower priority than the root .gitignore: keep both, root file wins
            self._root_spec_from_file = spec
        else:
            self._specs[key] = spec

    def chain(self, reldir: str) -> list[tuple[int, pathspec.GitIgnoreSpec]]:
        """The ignore specs that apply to the entries of directory *reldir*, deepest first, each
        with the length of the prefix to cut from an entry's path to make it relative to the spec."""
        parts = reldir.split("/") if reldir else []
        found: list[tuple[int, pathspec.GitIgnoreSpec]] = []
        for depth in range(len(parts), -1, -1):
            base = "/".join(parts[:depth])
            cut = len(base) + 1 if base else 0
            if base == "" and self._root_spec_from_file is not None:
                found.append((cut, self._root_spec_from_file))
            if base in self._specs:
                found.append((cut, self._specs[base]))
        return found

    def ignored(self, relpath: str, is_dir: bool = False,
                chain: list[tuple[int, pathspec.GitIgnoreSpec]] | None = None) -> bool:
        """Whether *relpath* is ignored (*chain*: the specs of its directory, if already known)."""
        if chain is None:
            chain = self.chain(relpath.rpartition("/")[0])
        if not chain:
            return False
        probe = relpath + "/" if is_dir else relpath
        for cut, spec in chain:  # deepest directory first: the deepest decisive match wins
            result = spec.check_file(probe[cut:])
            if result.include is not None:
                return bool(result.include)
        return False


def _decode_lines(data: bytes) -> list[str]:
    return data[:_IGNORE_FILE_MAX_BYTES].decode("utf-8", "replace").splitlines()


def _read_lines(name: str, dir_fd: int) -> list[str]:
    try:
        fd = os.open(name, FILE_FLAGS, dir_fd=dir_fd)
    except OSError:
        return []
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _IGNORE_FILE_MAX_BYTES:
            return []
        return _decode_lines(os.read(fd, _IGNORE_FILE_MAX_BYTES))
    except OSError:
        return []
    finally:
        os.close(fd)


def _read_lines_beneath(root: str, relpath: str) -> list[str]:
    try:
        return _decode_lines(_read_beneath(root, relpath))
    except OSError:
        return []


def _read_beneath(root: str, relpath: str) -> bytes:
    fd = open_beneath(root, relpath)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _IGNORE_FILE_MAX_BYTES:
            return b""
        return os.read(fd, _IGNORE_FILE_MAX_BYTES)
    finally:
        os.close(fd)


# --- the walk -------------------------------------------------------------------------------


def _link_target(name: str, dir_fd: int) -> str:
    try:
        target = os.readlink(name, dir_fd=dir_fd)  # reads the link itself, follows nothing
    except OSError:
        return ""
    shown = display_path(target)
    return shown if len(shown) <= 200 else shown[:199] + "…"


def walk(root: str, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
         exclude: list[str] | None = None) -> WalkResult:
    """Walk *root* (an existing directory) and classify every file that is not ignored."""
    rules = IgnoreRules(root, exclude)
    result = WalkResult(ignore=rules)
    # (directory relative to root, its identity as listed by the parent, depth)
    stack: list[tuple[str, tuple[int, int] | None, int]] = [("", None, 0)]
    while stack:
        reldir, identity, depth = stack.pop()
        try:
            dir_fd = _open_dir(root, reldir)
        except OSError as exc:
            result.skipped.append(Skipped(reldir or ".", "unreadable", exc.strerror or type(exc).__name__))
            continue
        try:
            st = os.fstat(dir_fd)
            if identity is not None and (st.st_dev, st.st_ino) != identity:
                result.skipped.append(Skipped(reldir, "unreadable", "changed during the run"))
                continue
            with os.scandir(dir_fd) as it:
                entries = sorted(it, key=_name)
            if any(e.name == ".gitignore" for e in entries):
                rules.load_dir(reldir, dir_fd)
            subdirs = _classify(reldir, depth, entries, dir_fd, rules, result, max_file_bytes)
        except OSError as exc:
            result.skipped.append(Skipped(reldir or ".", "unreadable", exc.strerror or type(exc).__name__))
            continue
        finally:
            os.close(dir_fd)
        stack.extend(reversed(subdirs))
    result.files.sort(key=lambda f: f.path)
    result.skipped.sort(key=lambda s: s.path)
    return result


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _classify(reldir: str, depth: int, entries: list[os.DirEntry], dir_fd: int, rules: IgnoreRules,
              result: WalkResult, max_file_bytes: int) -> list[tuple[str, tuple[int, int] | None, int]]:
    subdirs: list[tuple[str, tuple[int, int] | None, int]] = []
    chain = rules.chain(reldir)
    for entry in entries:
        rel = f"{reldir}/{entry.name}" if reldir else entry.name
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            result.skipped.append(Skipped(display_path(rel), "unreadable", exc.strerror or type(exc).__name__))
            continue
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            if entry.name in _ALWAYS_PRUNED:
                result.vcs_dirs.append(rel)
                continue
            if chain and rules.ignored(rel, is_dir=True, chain=chain):
                continue
            if unsafe_name(entry.name):
                result.skipped.append(Skipped(display_path(rel), "unreadable", "unsafe name (control characters or not UTF-8)"))
                continue
            if is_vendored_dir(entry.name):
                result.vendored_dirs.append(rel)
                result.skipped.append(Skipped(rel, "vendored"))
                continue
            if depth + 1 > MAX_DEPTH:
                result.skipped.append(Skipped(rel, "unreadable", f"deeper than {MAX_DEPTH} directories"))
                continue
            subdirs.append((rel, (st.st_dev, st.st_ino), depth + 1))
            continue
        if entry.name in _ALWAYS_PRUNED or (chain and rules.ignored(rel, chain=chain)):
            continue
        result.seen += 1
        if unsafe_name(entry.name):
            result.skipped.append(Skipped(display_path(rel), "unreadable", "unsafe name (control characters or not UTF-8)"))
            continue
        if stat.S_ISLNK(mode):
            result.skipped.append(Skipped(rel, "symlink", _link_target(entry.name, dir_fd)))
            continue
        if not stat.S_ISREG(mode):
            result.skipped.append(Skipped(rel, "special_file", _special_kind(mode)))
            continue
        kind = kind_of(rel)
        if kind == "binary":
            result.skipped.append(Skipped(rel, "binary"))
            continue
        if st.st_size > max_file_bytes:
            result.skipped.append(Skipped(rel, "too_large", str(st.st_size)))
            continue
        result.files.append(FileEntry(rel, st.st_size, kind, scope_of(rel), (st.st_dev, st.st_ino)))
    return subdirs


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    return "unknown"


__all__ = ["BINARY_SUFFIXES", "DEFAULT_MAX_FILE_BYTES", "MAX_DEPTH", "ChangedFileError", "FileEntry", "IgnoreRules",
           "SpecialFileError", "WalkResult", "display_path", "open_beneath", "read_regular", "unsafe_name", "walk"]
