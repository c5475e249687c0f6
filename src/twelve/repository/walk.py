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
import time
import unicodedata
import warnings
from dataclasses import dataclass, field
from typing import Any

import pathspec

from twelve.model import SCOPES, Scope, Skipped
from twelve.repository.kinds import (
    BINARY_SUFFIXES,
    DESCRIPTOR_KINDS,
    is_build_output_dir,
    is_vendored_dir,
    kind_of,
    scope_of,
)

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
    #: (st_mtime_ns, st_ctime_ns) seen by the walk, for the cache's "unchanged since" test; (0, 0)
    #: when unknown, which the cache never trusts
    stamp: tuple[int, int] = field(default=(0, 0), compare=False)


@dataclass(slots=True)
class WalkResult:
    files: list[FileEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    vendored_dirs: list[str] = field(default_factory=list)
    vcs_dirs: list[str] = field(default_factory=list)
    seen: int = 0
    ignore: IgnoreRules | None = None
    #: files read although an ignore file matches them, because git tracks them
    tracked_ignored: list[str] = field(default_factory=list)


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


def read_regular(
    path: str, limit: int, identity: tuple[int, int] = (0, 0), *, root: str | None = None, relpath: str | None = None
) -> bytes:
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
        # os.read allocates the size it is asked for: the file's size first (one more byte tells
        # it grew), then small chunks until the end (a megabyte buffer per read cost more than
        # the read itself on a tree of small files)
        size = min(remaining, st.st_size + 1)
        while remaining > 0:
            chunk = os.read(fd, size)
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
            size = min(remaining, 1 << 16)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
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


#: bounds of an ignore file (the repository's, hence hostile): longer lines, further lines and
#: patterns whose regex would backtrack super-linearly are not applied (and are reported)
MAX_IGNORE_LINE = 1024
MAX_IGNORE_PATTERNS = 10_000
#: unbounded repetitions a pattern's regex may hold: at most 3 in all, at most 2 that can cross
#: a "/" (from "**" or the implicit "any directory" prefix). `**/*.log`, `docs/**/*.md` and
#: `a*b*` pass; `a*a*a*b` would cost O(n^k) on a path segment of n characters and does not.
MAX_PATTERN_REPEATS = 3
MAX_PATTERN_LONG_REPEATS = 2
_LONG_REPEAT = re.compile(r"(?<!\\)\.[*+]")
_ANY_REPEAT = re.compile(r"(?<!\\)[*+]")


def _bounded_spec(lines: list[str], where: str, dropped: list[tuple[str, int, str]]) -> pathspec.GitIgnoreSpec:
    """The ignore spec of *lines*, without the lines that are over the bounds above (each
    noted in *dropped* as (file, line number, reason))."""
    kept: list[str] = []
    for number, line in enumerate(lines, start=1):
        if len(kept) >= MAX_IGNORE_PATTERNS:
            dropped.append((where, number, "too_many"))
            break
        if len(line) > MAX_IGNORE_LINE:
            dropped.append((where, number, "too_long"))
            continue
        try:
            patterns = pathspec.GitIgnoreSpec.from_lines([line]).patterns
        except Exception:  # pathspec's own refusal of a malformed line: git ignores such lines too
            dropped.append((where, number, "malformed"))
            continue
        source = "".join(regex.pattern for p in patterns if (regex := getattr(p, "regex", None)) is not None)
        if (
            len(_ANY_REPEAT.findall(source)) > MAX_PATTERN_REPEATS
            or len(_LONG_REPEAT.findall(source)) > MAX_PATTERN_LONG_REPEATS
        ):
            dropped.append((where, number, "too_complex"))
            continue
        kept.append(line)
    return pathspec.GitIgnoreSpec.from_lines(kept)


class IgnoreRules:
    """The .gitignore files met so far, deepest last; git semantics: deepest decisive match wins."""

    def __init__(self, root: str, extra: list[str] | None = None) -> None:
        self._root = root
        self._specs: dict[str, pathspec.GitIgnoreSpec] = {}
        #: (file, line, reason) of the patterns not applied because they are over the bounds
        self.dropped: list[tuple[str, int, str]] = []
        #: --exclude and the configuration's exclude: they leave a path out even when git tracks it
        self._exclude = pathspec.GitIgnoreSpec.from_lines(extra) if extra else None
        info = _read_lines_beneath(root, ".git/info/exclude")
        if info:
            self._specs[""] = _bounded_spec(info, ".git/info/exclude", self.dropped)
        self._root_spec_from_file: pathspec.GitIgnoreSpec | None = None

    def excluded(self, relpath: str, is_dir: bool = False) -> bool:
        """Whether the user's (or the configuration's) excludes leave *relpath* out."""
        if self._exclude is None:
            return False
        return bool(self._exclude.match_file(relpath + "/" if is_dir else relpath))

    def load_dir(self, reldir: str, dir_fd: int | None = None) -> None:
        if dir_fd is not None:
            lines = _read_lines(".gitignore", dir_fd)
        else:
            lines = _read_lines_beneath(self._root, f"{reldir}/.gitignore" if reldir else ".gitignore")
        if not lines:
            return
        spec = _bounded_spec(lines, f"{reldir}/.gitignore" if reldir else ".gitignore", self.dropped)
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

    def ignored(
        self, relpath: str, is_dir: bool = False, chain: list[tuple[int, pathspec.GitIgnoreSpec]] | None = None
    ) -> bool:
        """Whether *relpath* is ignored (*chain*: the specs of its directory, if already known)."""
        if chain is None:
            chain = self.chain(relpath.rpartition("/")[0])
        if not chain:
            return False
        probe = relpath + "/" if is_dir else relpath
        for cut, spec in chain:  # deepest directory first: the deepest decisive match wins
            sub = probe[cut:]
            quick = _any_pattern(spec)
            if quick is not None and quick.search(sub) is None:
                continue  # no pattern of this file matches: it decides nothing
            result = spec.check_file(sub)
            if result.include is not None:
                return bool(result.include)
        return False


_QUICK: dict[int, tuple[pathspec.GitIgnoreSpec, re.Pattern[str] | None]] = {}


def _any_pattern(spec: pathspec.GitIgnoreSpec) -> re.Pattern[str] | None:
    """One regex found wherever any pattern of *spec* is found (pathspec searches each pattern's
    regex, unanchored; None when the patterns cannot be joined): most paths match no ignore
    pattern, and one search tells so. It may also be found where no pattern is (it only lets a
    path skip the patterns), never the other way round."""
    known = _QUICK.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    quick: re.Pattern[str] | None = None
    try:
        regexes = [p.regex for p in spec.patterns if p.include is not None]
        compiled = [r for r in regexes if isinstance(r, re.Pattern)]
        if regexes and len(compiled) == len(regexes) and all(r.flags == compiled[0].flags for r in compiled):
            with warnings.catch_warnings():  # pathspec's own regexes may warn ("nested set"): not ours to say
                warnings.simplefilter("ignore")
                quick = re.compile(
                    _joined([_NAMED_GROUP.sub("(?:", r.pattern) for r in compiled]),
                    compiled[0].flags,
                )
    except (AttributeError, re.error):
        quick = None
    _QUICK[id(spec)] = (spec, quick)
    return quick


_NAMED_GROUP = re.compile(r"[(][?]P<[A-Za-z_][A-Za-z0-9_]*>")
#: how pathspec begins the regex of a pattern that may match in any directory (`*.jar`, `build`)
_IN_ANY_DIRECTORY = "^(?:.+/)?"


def _joined(patterns: list[str]) -> str:
    """*patterns* as one alternation. Those that may match in any directory
    (``^(?:.+/)?BODY``) share one anchor, ``(?:^|/)(?:BODY|BODY|...)``: with its own anchor
    each, every one was tried again at every position of the path (15 µs a path for a
    45-line .gitignore, 0.17 s on an 11,000-file tree). The shared anchor matches wherever the
    patterns do (and more: after a "/" that starts the path or follows a newline, which
    ``.+/`` does not reach), which is all a prefilter needs."""
    floating: list[str] = []
    others: list[str] = []
    for pattern in patterns:
        body = pattern[len(_IN_ANY_DIRECTORY) :] if pattern.startswith(_IN_ANY_DIRECTORY) else None
        if body is not None and _one_branch(body):
            floating.append(body)
        else:
            others.append(pattern)
    parts = [f"(?:{pattern})" for pattern in others]
    if floating:
        parts.insert(0, "(?:^|/)(?:" + "|".join(f"(?:{body})" for body in floating) + ")")
    return "|".join(parts)


def _one_branch(pattern: str) -> bool:
    """Whether *pattern* has no ``|`` outside its groups and sets (``^(?:.+/)?A|B`` would be A
    in any directory, or B anywhere)."""
    depth, index, size = 0, 0, len(pattern)
    while index < size:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # a set: up to its "]" (one right after "[" or "[^" is a member)
            index += 1
            if index < size and pattern[index] == "^":
                index += 1
            if index < size and pattern[index] == "]":
                index += 1
            while index < size and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        index += 1
    return depth == 0


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
        return _decode_lines(os.read(fd, min(st.st_size + 1, _IGNORE_FILE_MAX_BYTES)))
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
        return os.read(fd, min(st.st_size + 1, _IGNORE_FILE_MAX_BYTES))
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


#: at most this many tracked paths are looked at (the index is the repository's, hence hostile)
MAX_TRACKED = 2_000_000


class Tracked:
    """The paths git tracks (from the index), as the walk needs them: is this file tracked, does
    this directory hold a tracked file. Index paths are only compared with the names the walk
    lists, never opened, so a crafted entry (``../x``, an absolute path) can reach nothing."""

    def __init__(self, paths: Any = ()) -> None:
        files: set[str] = set()
        dirs: set[str] = set()
        for count, path in enumerate(paths):
            if count >= MAX_TRACKED:
                break
            if not isinstance(path, str) or not path or path.startswith("/"):
                continue
            files.add(path)
            head = path.rpartition("/")[0]
            while head and head not in dirs:
                dirs.add(head)
                head = head.rpartition("/")[0]
        self.files = frozenset(files)
        self.dirs = frozenset(dirs)

    def __bool__(self) -> bool:
        return bool(self.files)

    def digest(self) -> str:
        """A hash of the tracked paths (the walk memo is only good for the same set)."""
        import hashlib

        digest = hashlib.sha256()
        for path in sorted(self.files):
            digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
        return digest.hexdigest()


def walk(
    root: str,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    exclude: list[str] | None = None,
    memo: WalkMemo | None = None,
    tracked: Tracked | None = None,
) -> WalkResult:
    """Walk *root* (an existing directory) and classify every file that is not ignored, and every
    file that is ignored but tracked by git (*tracked*: committed files are the repository; they
    are listed in ``tracked_ignored``). Inside an ignored directory only tracked files are listed.

    With a *memo* of an earlier walk, a directory whose stamps are unchanged (and whose ignore
    files and ancestors' ignore files are unchanged) is not listed again: its entries are taken
    from the memo and only its files are stat'ed, for their size and stamps. The result is the
    same as a full walk's."""
    rules = IgnoreRules(root, exclude)
    result = WalkResult(ignore=rules)
    tracked = tracked or Tracked()
    #: ignored directories walked only for their tracked files, and committed folders named like
    #: build output (see _classify); the memo is kept for one set of tracked paths, so their
    #: records replay like any other
    only_tracked: set[str] = set()
    committed_output: set[str] = set()
    # (directory relative to root, its identity as listed by the parent, depth, memo trusted)
    stack: list[tuple[str, tuple[int, int] | None, int, bool]] = [("", None, 0, memo is not None)]
    while stack:
        reldir, identity, depth, trusted = stack.pop()
        if trusted and memo is not None and identity is not None:
            subdirs = _replay_bare(root, reldir, identity, depth, memo, result, only_tracked, committed_output)
            if subdirs is not None:
                stack.extend((rel, ident, d, True) for rel, ident, d in reversed(subdirs))
                continue
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
            stamp = [st.st_ino, st.st_mtime_ns, st.st_ctime_ns]
            old = memo.record(reldir, stamp) if memo is not None and trusted else None
            # a directory that had no .gitignore has none while its stamps hold (making one adds an
            # entry, which moves them): its .gitignore is stat'ed only when it had one
            if old is not None and (old["gitignore"] is None or old["gitignore"] == _ignore_stamp(dir_fd, memo)):
                if old["gitignore"] is not None:
                    rules.load_dir(reldir, dir_fd)
                subdirs = _replay(reldir, depth, old, dir_fd, result, max_file_bytes, only_tracked, committed_output)
                if subdirs is not None:
                    memo.keep(reldir, old)  # type: ignore[union-attr]
                    stack.extend((rel, ident, d, True) for rel, ident, d in reversed(subdirs))
                    continue
            with os.scandir(dir_fd) as it:
                entries = sorted(it, key=_name)
            has_ignore = any(e.name == ".gitignore" for e in entries)
            if has_ignore:
                rules.load_dir(reldir, dir_fd)
            record: dict[str, Any] | None = _new_record(stamp) if memo is not None else None
            subdirs = _classify(
                reldir,
                depth,
                entries,
                dir_fd,
                rules,
                result,
                max_file_bytes,
                record,
                tracked,
                only_tracked,
                committed_output,
            )
            if memo is not None and record is not None:
                record["gitignore"] = _ignore_stamp(dir_fd, memo) if has_ignore else None
                memo.keep(reldir, record, fresh=True)
                # the children's records hold if no ignore file above them changed
                trusted = trusted and memo.same_ignore(reldir, record["gitignore"])
        except OSError as exc:
            result.skipped.append(Skipped(reldir or ".", "unreadable", exc.strerror or type(exc).__name__))
            continue
        finally:
            os.close(dir_fd)
        stack.extend((rel, ident, d, trusted) for rel, ident, d in reversed(subdirs))
    result.files.sort(key=lambda f: f.path)
    result.skipped.sort(key=lambda s: s.path)
    result.tracked_ignored.sort()
    return result


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _classify(
    reldir: str,
    depth: int,
    entries: list[os.DirEntry],
    dir_fd: int,
    rules: IgnoreRules,
    result: WalkResult,
    max_file_bytes: int,
    record: dict[str, Any] | None = None,
    tracked: Tracked | None = None,
    only_tracked: set[str] | None = None,
    committed_output: set[str] | None = None,
) -> list[tuple[str, tuple[int, int] | None, int]]:
    """Sort the entries of one directory into files, subdirectories and skipped entries (and,
    when *record* is given, note what a later walk may replay). An ignored entry that git tracks
    (or an ignored directory that holds one) is kept; the directory's record is then not
    replayable, since what it shows depends on the index.

    A folder named like build output (`build/`, `dist/`, `target/`, `out/`) that holds committed
    files is part of the codebase: its tracked files are read, deploy descriptors among them
    (Dockerfiles, manifests, scripts) in production scope and the rest as generated code."""
    subdirs: list[tuple[str, tuple[int, int] | None, int]] = []
    chain = rules.chain(reldir)
    tracked = tracked or Tracked()
    only_tracked = only_tracked if only_tracked is not None else set()
    inside_ignored = reldir in only_tracked
    committed_output = committed_output if committed_output is not None else set()
    in_output = bool(committed_output) and any(reldir == d or reldir.startswith(d + "/") for d in committed_output)
    excluding = rules._exclude is not None
    files, dirs, skips = (record["files"], record["dirs"], record["skips"]) if record is not None else ([], [], [])

    def skip(item: Skipped) -> None:
        result.skipped.append(item)
        skips.append([item.path, item.reason, item.detail])

    for entry in entries:
        rel = f"{reldir}/{entry.name}" if reldir else entry.name
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            result.skipped.append(Skipped(display_path(rel), "unreadable", exc.strerror or type(exc).__name__))
            if record is not None:
                record["valid"] = False  # a transient failure is not something to replay
            continue
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            if entry.name in _ALWAYS_PRUNED:
                result.vcs_dirs.append(rel)
                if record is not None:
                    record["vcs"].append(entry.name)
                continue
            if excluding and rules.excluded(rel, is_dir=True):
                continue
            if inside_ignored or (chain and rules.ignored(rel, is_dir=True, chain=chain)):
                if rel not in tracked.dirs:
                    continue
                only_tracked.add(rel)  # ignored, but it holds committed files: look at those only
                if record is not None:
                    record["only_tracked"].append(entry.name)
            if unsafe_name(entry.name):
                skip(Skipped(display_path(rel), "unreadable", "unsafe name (control characters or not UTF-8)"))
                continue
            if is_build_output_dir(entry.name) and rel in tracked.dirs:
                committed_output.add(rel)
                only_tracked.add(rel)  # what a build writes there later is not the codebase
                if record is not None:
                    record["committed_output"].append(entry.name)
            elif is_vendored_dir(entry.name):
                result.vendored_dirs.append(rel)
                if record is not None:
                    record["vendored"].append(entry.name)
                skip(Skipped(rel, "vendored"))
                continue
            if depth + 1 > MAX_DEPTH:
                skip(Skipped(rel, "unreadable", f"deeper than {MAX_DEPTH} directories"))
                continue
            subdirs.append((rel, (st.st_dev, st.st_ino), depth + 1))
            dirs.append([entry.name, st.st_dev, st.st_ino])
            continue
        if entry.name in _ALWAYS_PRUNED or (excluding and rules.excluded(rel)):
            continue
        if inside_ignored or (chain and rules.ignored(rel, chain=chain)):
            if rel not in tracked.files:
                continue
            result.tracked_ignored.append(rel)  # committed: part of the repository, ignored or not
            if record is not None:
                record["tracked_ignored"].append(entry.name)
        result.seen += 1
        if record is not None:
            record["seen"] += 1
        if unsafe_name(entry.name):
            skip(Skipped(display_path(rel), "unreadable", "unsafe name (control characters or not UTF-8)"))
            continue
        if stat.S_ISLNK(mode):
            skip(Skipped(rel, "symlink", _link_target(entry.name, dir_fd)))
            continue
        if not stat.S_ISREG(mode):
            skip(Skipped(rel, "special_file", _special_kind(mode)))
            continue
        kind = kind_of(rel)
        if kind == "binary":
            skip(Skipped(rel, "binary"))
            continue
        scope = scope_of(rel, kind)
        if in_output and scope is Scope.VENDORED:
            scope = Scope.PRODUCTION if kind in DESCRIPTOR_KINDS else Scope.GENERATED
        files.append([entry.name, kind, scope.value])
        if st.st_size > max_file_bytes:
            result.skipped.append(Skipped(rel, "too_large", str(st.st_size)))
            continue
        result.files.append(
            FileEntry(rel, st.st_size, kind, scope, (st.st_dev, st.st_ino), (st.st_mtime_ns, st.st_ctime_ns))
        )
    return subdirs


# --- replaying an earlier walk --------------------------------------------------------------

WALK_FORMAT = 1
#: a directory or ignore file changed less than this long before the memo was written may have
#: changed again in the same timestamp tick: its stamps prove nothing (git's "racily clean")
RACY_NS = 2_000_000_000
_REPLAYED_REASONS = frozenset({"unreadable", "vendored", "symlink", "special_file", "binary"})


def _new_record(stamp: list[int]) -> dict[str, Any]:
    return {
        "stamp": stamp,
        "gitignore": None,
        "files": [],
        "dirs": [],
        "skips": [],
        "vendored": [],
        "vcs": [],
        "tracked_ignored": [],
        "only_tracked": [],
        "committed_output": [],
        "seen": 0,
        "valid": True,
    }


def _ignore_stamp(dir_fd: int, memo: WalkMemo | None) -> list[int] | None:
    """The stamps of this directory's .gitignore ("racy" when they prove nothing), or None."""
    try:
        st = os.stat(".gitignore", dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return None
    if memo is not None and max(st.st_mtime_ns, st.st_ctime_ns) >= memo.now_ns - RACY_NS:
        return [-1]  # never equal to a recorded stamp: read it and list the directory again
    return [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]


def _plain_name(name: Any) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and "/" not in name and "\x00" not in name


def _replay_bare(
    root: str,
    reldir: str,
    identity: tuple[int, int],
    depth: int,
    memo: WalkMemo,
    result: WalkResult,
    only_tracked: set[str],
    committed_output: set[str],
) -> list[tuple[str, tuple[int, int] | None, int]] | None:
    """The entries of an unchanged directory that held no file and no .gitignore (a Java package's
    parents, say: most of the directories of such trees) from its record, with one lstat instead of
    opening it; None when it must be opened (it has files, it changed, it is no longer that
    directory). The lstat follows no final link and resolves the path as opening it would."""
    old = memo.old.get(reldir)
    if not isinstance(old, dict) or old.get("files") != [] or old.get("gitignore") is not None:
        return None
    try:
        st = os.stat(os.path.join(root, reldir), follow_symlinks=False)
    except (OSError, ValueError):
        return None  # opened the full way, which reports why
    if not stat.S_ISDIR(st.st_mode) or (st.st_dev, st.st_ino) != identity:
        return None
    record = memo.record(reldir, [st.st_ino, st.st_mtime_ns, st.st_ctime_ns])
    if record is None:
        return None
    # no file: neither the descriptor nor the bound is used
    subdirs = _replay(reldir, depth, record, -1, result, 0, only_tracked, committed_output)
    if subdirs is not None:
        memo.keep(reldir, record)
    return subdirs


def _replay(
    reldir: str,
    depth: int,
    record: dict[str, Any],
    dir_fd: int,
    result: WalkResult,
    max_file_bytes: int,
    only_tracked: set[str],
    committed_output: set[str],
) -> list[tuple[str, tuple[int, int] | None, int]] | None:
    """The entries of an unchanged directory from its record, each file stat'ed again; None when
    the record is malformed or a file is no longer a regular file (the caller lists the directory).
    Its ignored but tracked files, and its subdirectories walked for their tracked files only or
    as committed build output, are restored too (the memo holds for one set of tracked paths)."""
    prefix = f"{reldir}/" if reldir else ""
    files: list[FileEntry] = []
    skipped: list[Skipped] = []
    # the loop below runs for every file of every warm run: names looked up once
    lstat, regular, entry, scopes, plain_name = os.stat, stat.S_ISREG, FileEntry, SCOPES, _plain_name
    try:
        for name, kind, scope in record["files"]:
            if not plain_name(name) or type(kind) is not str or scope not in scopes:
                return None
            st = lstat(name, dir_fd=dir_fd, follow_symlinks=False)
            if not regular(st.st_mode):
                return None
            if st.st_size > max_file_bytes:
                skipped.append(Skipped(prefix + name, "too_large", str(st.st_size)))
            else:
                files.append(
                    entry(
                        prefix + name,
                        st.st_size,
                        kind,
                        scopes[scope],
                        (st.st_dev, st.st_ino),
                        (st.st_mtime_ns, st.st_ctime_ns),
                    )
                )
        for path, reason, detail in record["skips"]:
            if not (
                isinstance(path, str)
                and path.startswith(prefix)
                and "/" not in path[len(prefix) :]
                and reason in _REPLAYED_REASONS
                and isinstance(detail, str)
            ):
                return None
            skipped.append(Skipped(path, reason, detail))
        subdirs: list[tuple[str, tuple[int, int] | None, int]] = []
        for name, device, ino in record["dirs"]:
            if not _plain_name(name) or not isinstance(device, int) or not isinstance(ino, int):
                return None
            subdirs.append((prefix + name, (device, ino), depth + 1))
        named = {}
        for key in ("vendored", "vcs", "tracked_ignored", "only_tracked", "committed_output"):
            names = record[key]
            if not isinstance(names, list):
                return None
            named[key] = [prefix + name for name in names if _plain_name(name)]
            if len(named[key]) != len(names):
                return None
        seen = record["seen"]
        if not isinstance(seen, int):
            return None
    except (OSError, KeyError, TypeError, ValueError):
        return None
    result.files.extend(files)
    result.skipped.extend(skipped)
    result.vendored_dirs.extend(named["vendored"])
    result.vcs_dirs.extend(named["vcs"])
    result.tracked_ignored.extend(named["tracked_ignored"])
    only_tracked.update(named["only_tracked"])
    committed_output.update(named["committed_output"])
    result.seen += seen
    return subdirs


class WalkMemo:
    """What the last walk of a target found in each directory, kept in the cache directory."""

    def __init__(self, directory: Any, root: str, exclude: list[str] | None = None, tracked: str = "") -> None:
        from pathlib import Path

        from twelve.cachefiles import package_fingerprint, read_json, target_key

        info = b"".join(line.encode() + b"\n" for line in _read_lines_beneath(root, ".git/info/exclude"))
        self.path = Path(directory) / f"walk-v{WALK_FORMAT}" / f"{target_key(root)}.json"
        self.header = {
            "format": WALK_FORMAT,
            "tool": package_fingerprint(),
            "target": os.path.abspath(root),
            "exclude": list(exclude or []),
            "info_exclude": info.decode("utf-8", "replace"),
            "tracked": tracked,
        }
        raw = read_json(self.path, self.header)
        ok = raw is not None and isinstance(raw.get("dirs"), dict) and isinstance(raw.get("written_ns"), int)
        self.old: dict[str, Any] = raw["dirs"] if ok else {}  # type: ignore[index]
        self.written_ns: int = raw["written_ns"] if ok else 0  # type: ignore[index]
        self.now_ns = time.time_ns()
        self.new: dict[str, Any] = {}
        self.changed = False

    def record(self, reldir: str, stamp: list[int]) -> dict[str, Any] | None:
        """The record of *reldir* if its stamps are the recorded ones and not racily so."""
        old = self.old.get(reldir)
        if (
            not isinstance(old, dict)
            or old.get("stamp") != stamp
            or max(stamp[1], stamp[2]) >= self.written_ns - RACY_NS
        ):
            return None
        return old

    def same_ignore(self, reldir: str, ignore: list[int] | None) -> bool:
        """Whether *reldir*'s ignore file is what the memo says (so its children's records hold)."""
        old = self.old.get(reldir)
        return isinstance(old, dict) and old.get("gitignore") == ignore and ignore != [-1]

    def keep(self, reldir: str, record: dict[str, Any], fresh: bool = False) -> None:
        # a directory listed again that holds what it held (one never replayed: an ignored one
        # walked for its tracked files, or its parent) need not make the memo be written again
        if fresh:
            if not record.pop("valid", True) or record.get("gitignore") == [-1]:
                self.changed = self.changed or reldir in self.old
                return  # not replayable next time
            self.changed = self.changed or self.old.get(reldir) != record
        self.new[reldir] = record

    def save(self) -> None:
        from twelve.cachefiles import write_json

        if self.changed or set(self.new) != set(self.old):
            write_json(self.path, {**self.header, "written_ns": self.now_ns, "dirs": self.new})


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


__all__ = [
    "BINARY_SUFFIXES",
    "DEFAULT_MAX_FILE_BYTES",
    "MAX_DEPTH",
    "ChangedFileError",
    "FileEntry",
    "IgnoreRules",
    "Tracked",
    "SpecialFileError",
    "WalkMemo",
    "WalkResult",
    "display_path",
    "open_beneath",
    "read_regular",
    "unsafe_name",
    "walk",
]
