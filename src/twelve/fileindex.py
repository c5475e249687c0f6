"""The facts cache's index of file stamps, read without the extractors.

A second run first asks whether every input is unchanged (runcache.py): that needs each file's
content hash, known from the index when the file's stamps (size, modification and change times,
inode) are the ones recorded, like git's index. An index row whose times are not older than the
index itself by RACY_NS proves nothing (git's "racily clean" rule: a write within the same tick
would have left the same stamps), and its file counts as changed.

The index also lists the files that no extractor reads (their content is no input), as the run
that wrote it found them, so that this module needs neither the extractors nor their parsers:
a replay imports none of them. A file that is in neither table cannot be proved unchanged.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twelve.cachefiles import load_json

#: the facts cache's format (facts-vN): its index and its facts files
CACHE_FORMAT = 2
#: a file modified less than this long before the index was written may have been modified again
#: within the same timestamp tick: its stamps prove nothing, its hash is recomputed
RACY_NS = 2_000_000_000


@dataclass
class FileIndex:
    """The index of one target directory: path -> [size, mtime_ns, ctime_ns, inode, sha]."""

    directory: Path
    target: str
    fingerprint: str = ""
    index: dict[str, list[Any]] = field(default_factory=dict)  # path -> [size, mtime_ns, ctime_ns, ino, sha]
    #: path -> kind of the files no extractor reads, when the index was written
    unread: dict[str, str] = field(default_factory=dict)
    _written_ns: int = 0

    @property
    def _stem(self) -> Path:
        key = hashlib.sha256(os.path.abspath(self.target).encode()).hexdigest()[:24]
        return self.directory / f"facts-v{CACHE_FORMAT}" / key

    @property
    def path(self) -> Path:
        return self._stem.with_suffix(".json")

    @property
    def index_path(self) -> Path:
        return self._stem.with_suffix(".index.json")

    def _read(self, path: Path) -> dict[str, Any] | None:
        """The body of a cache file of this target, fingerprint and format, or None (a file that
        cannot be read, is not JSON, is nested too deeply or has another shape is ignored)."""
        raw = load_json(path)
        if (
            not isinstance(raw, dict)
            or raw.get("format") != CACHE_FORMAT
            or raw.get("fingerprint") != self.fingerprint
            or raw.get("target") != os.path.abspath(self.target)
            or not isinstance(raw.get("files"), dict)
        ):
            return None
        return raw

    def load(self) -> None:
        """Read the index (small: every run needs it)."""
        raw = self._read(self.index_path)
        if raw is not None and isinstance(raw.get("written_ns"), int):
            self.index, self._written_ns = raw["files"], raw["written_ns"]
            unread = raw.get("unread")
            self.unread = unread if isinstance(unread, dict) else {}

    def known_sha(self, entry: Any) -> str | None:
        """The content hash of *entry* (a FileEntry) if the index proves it unchanged, without reading it."""
        row = self.index.get(entry.path)
        if not isinstance(row, list) or len(row) != 5 or entry.stamp == (0, 0):
            return None
        size, mtime, ctime, ino, sha = row
        if [size, mtime, ctime, ino] != [entry.size, entry.stamp[0], entry.stamp[1], entry.identity[1]]:
            return None
        if not isinstance(mtime, int) or not isinstance(ctime, int) or max(mtime, ctime) >= self._written_ns - RACY_NS:
            return None  # racily clean: a write in the same tick would have left the same stamps
        return sha if isinstance(sha, str) else None


def index_fingerprint(max_bytes: int) -> str:
    """The fingerprint the facts cache of a run reading at most *max_bytes* per file is kept under."""
    from twelve.cachefiles import package_fingerprint

    return f"{package_fingerprint()}-{max_bytes}"


def open_index(cache_dir: Path, root: str, max_bytes: int) -> FileIndex:
    index = FileIndex(cache_dir, root, index_fingerprint(max_bytes))
    index.load()
    return index


def unchanged_hashes(files: Any, index: FileIndex) -> dict[str, str] | None:
    """The content hash of every file of *files* (FileEntry objects) an extractor reads, when the
    index proves each of them unchanged without reading it; None as soon as one cannot be proved
    so (also a file the index lists neither as read nor as unread: a new one)."""
    hashes: dict[str, str] = {}
    unread = index.unread
    for entry in files:
        if unread.get(entry.path) == entry.kind:
            continue
        sha = index.known_sha(entry)
        if sha is None:
            return None
        hashes[entry.path] = sha
    return hashes


__all__ = ["CACHE_FORMAT", "RACY_NS", "FileIndex", "index_fingerprint", "open_index", "unchanged_hashes"]
