"""What every cache of twelve shares: the fingerprint of the code that wrote an entry (an entry
from other code is never reused) and atomic writes of private files."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from twelve._version import __version__

_PACKAGE_SUFFIXES = (".py", ".toml", ".j2", ".json", ".css", ".js")
#: the modules whose behaviour shapes the facts (their files are stamped)
_PARSERS = ("ast_grep_py", "yaml", "pathspec", "dulwich", "dockerfile_parse", "jinja2", "packaging")


@functools.lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """A hash of this package's files (code, message catalogues, templates: name, size and
    modification time, which any edit or reinstall changes), of the modules of the parsers it
    relies on, and of the Python that runs it: anything cached by other code is never reused."""
    from importlib.util import find_spec

    digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
    package = Path(__file__).resolve().parent
    files = [p for p in package.rglob("*") if p.suffix in _PACKAGE_SUFFIXES and "__pycache__" not in p.parts]
    for name in _PARSERS:
        spec = find_spec(name)
        digest.update(name.encode())
        if spec is not None and spec.submodule_search_locations:  # a package: its files, compiled ones too
            for folder in spec.submodule_search_locations:
                files.extend(p for p in Path(folder).iterdir() if p.is_file())
        elif spec is not None and spec.origin:
            files.append(Path(spec.origin))
    for path in sorted(files):
        try:
            st = path.stat()
            digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{path}\0?\0".encode())
    return digest.hexdigest()[:24]


def default_cache_dir() -> Path:
    """Where the caches go unless told otherwise: $XDG_CACHE_HOME/twelve, else ~/.cache/twelve."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "twelve"


def target_key(root: str) -> str:
    """The file name under which a cache keeps what concerns the target directory *root*."""
    return hashlib.sha256(os.path.abspath(root).encode()).hexdigest()[:24]


#: a cache file larger than this is not read (a damaged or runaway file must not cost memory)
MAX_CACHE_FILE_BYTES = 1 << 30


def _read_at_most(handle: Any, max_bytes: int) -> bytes:
    """At most *max_bytes* + 1 bytes of an open file, read in a buffer of its size (a read asked
    for a gigabyte allocates one first)."""
    size = os.fstat(handle.fileno()).st_size
    data = handle.read(min(size, max_bytes) + 1)
    if len(data) <= size or len(data) > max_bytes:
        return data
    return data + handle.read(max_bytes + 1 - len(data))  # it grew since: read on, within the bound


def load_json(path: Path, max_bytes: int = MAX_CACHE_FILE_BYTES) -> Any:
    """The JSON value in *path*, or None when it cannot be read, is larger than *max_bytes*, is
    not UTF-8 JSON, or is nested too deeply to parse (RecursionError): a damaged cache file is
    ignored, never an error."""
    try:
        with open(path, "rb") as handle:
            data = _read_at_most(handle, max_bytes)
        if len(data) > max_bytes:
            return None
        try:
            return orjson.loads(data)  # in Rust: the file index of a large tree in half the time
        except orjson.JSONDecodeError:  # what it refuses that json reads: an escaped lone surrogate
            return json.loads(data.decode("utf-8"))  # (a name that is not UTF-8), an integer past 64 bits
    except (OSError, ValueError, RecursionError, MemoryError):
        return None


def load_compressed(path: Path, max_bytes: int, max_plain: int) -> bytes | None:
    """The inflated content of the zlib file at *path*, or None when it cannot be read, is larger
    than *max_bytes*, is not one whole zlib stream, or inflates beyond *max_plain* (never
    inflated further: a small file cannot cost more memory than that)."""
    import zlib

    try:
        with open(path, "rb") as handle:
            data = _read_at_most(handle, max_bytes)
        if len(data) > max_bytes:
            return None
        inflater = zlib.decompressobj()
        plain = inflater.decompress(data, max_plain + 1)
        if len(plain) > max_plain or not inflater.eof or inflater.unused_data:
            return None
        return plain
    except (OSError, zlib.error, MemoryError):
        return None


class DamagedCacheFile(ValueError):
    """A compressed cache file turned out damaged or over its bound while it was being inflated."""


def inflate_chunks(data: bytes, max_plain: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The inflated content of the zlib stream *data*, chunk by chunk (at most *chunk* bytes
    each: a large report is never whole in memory). Raises DamagedCacheFile, after the last good
    chunk, when the stream is damaged, incomplete, followed by other data or inflates beyond
    *max_plain*: a caller writing the chunks somewhere must not keep what it wrote."""
    import zlib

    inflater = zlib.decompressobj()
    total = 0
    pending = data
    try:
        while True:
            piece = inflater.decompress(pending, chunk)
            pending = inflater.unconsumed_tail
            total += len(piece)
            if total > max_plain:
                raise DamagedCacheFile("inflates beyond its bound")
            if piece:
                yield piece
            if inflater.eof:
                break
            if not piece and not pending:
                raise DamagedCacheFile("an incomplete stream")
    except zlib.error as exc:
        raise DamagedCacheFile(str(exc)) from None
    if inflater.unused_data:
        raise DamagedCacheFile("data after the stream")


def read_json(path: Path, header: dict[str, Any]) -> dict[str, Any] | None:
    """The object in *path* if it is one and carries every key/value of *header*; else None."""
    raw = load_json(path)
    if not isinstance(raw, dict) or any(raw.get(k) != v for k, v in header.items()):
        return None
    return raw


def _dump(data: dict[str, Any], handle: Any, default: Any = None) -> None:
    """*data* as compact JSON; a large ``files`` table is written entry by entry, so that the
    whole document never sits in memory as one string (dumps, the C encoder, for each piece)."""
    files = data.get("files")
    if not isinstance(files, dict) or len(files) < 1000:
        handle.write(json.dumps(data, separators=(",", ":"), default=default))
        return
    head = json.dumps({k: v for k, v in data.items() if k != "files"}, separators=(",", ":"))
    handle.write(head[:-1] + (',"files":{' if len(head) > 2 else '"files":{'))
    for index, (key, value) in enumerate(files.items()):
        handle.write(
            ("," if index else "") + json.dumps(key) + ":" + json.dumps(value, separators=(",", ":"), default=default)
        )
    handle.write("}}")


def write_json(path: Path, data: dict[str, Any], default: Any = None) -> None:
    """Write *data* to *path* atomically (a private folder, a temporary file renamed), then tidy
    the folder (see prune); failures are ignored. *default* turns other objects into JSON data
    as they are written (json's ``default``)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                _dump(data, handle, default)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        return
    prune(path.parent)


def write_bytes(path: Path, data: bytes) -> None:
    """Write *data* to *path* atomically, like :func:`write_json`; failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        return
    prune(path.parent)


#: cache files not written for this long belong to targets that are gone (temporary clones,
#: deleted checkouts): the next write in their folder removes them
MAX_AGE_SECONDS = 30 * 24 * 3600


def prune(folder: Path, now: float | None = None) -> int:
    """Remove the files of *folder* not written for MAX_AGE_SECONDS; how many were removed.
    Never raises: a cache that cannot be tidied still works."""
    import time

    limit = (time.time() if now is None else now) - MAX_AGE_SECONDS
    removed = 0
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)
                        removed += 1
                except OSError:
                    continue
    except OSError:
        return removed
    return removed
