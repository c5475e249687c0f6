"""Replaying a run whose every input is unchanged.

An assessment is a pure function of the tool (its code, catalogues, parsers and Python), the
options and configuration, the day (waivers expire), the target's layout and git metadata, and
the content of every file an extractor reads. When the facts cache's index proves every such file
unchanged without reading it, the digest of all these inputs names the run; a run with the same
digest already produced its assessment, which ``pipeline.assess`` returns instead of computing it
again (reports are rendered from it as from a fresh one). Anything else (a changed file, a
racily-clean stamp, an unreadable file, another option) is a miss and runs the pipeline, whose
result is then kept.

Runs that ended in an internal error, or with a file an extractor failed on, are never kept. A
cache file that cannot be read, is malformed or comes from other code is ignored. Every part of
the digest is plain data serialised the same way in every process (sets sorted, dataclasses by
field): a ``repr`` of a set would follow Python's hash seed and never match again.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import itertools
import json
import os
import re
import types
import typing
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from twelve.cachefiles import DamagedCacheFile, inflate_chunks, load_compressed, package_fingerprint, write_bytes
from twelve.model import Assessment
from twelve.repository import Repository

RUNS_FORMAT = 4
#: runs (option variants) kept per target, most recent first
KEEP = 8
#: a kept run or report larger than this compressed is not kept (nor read)
MAX_STORED_BYTES = 64 << 20
#: nor one larger than this once inflated (a file that inflates further is ignored unread)
MAX_PLAIN_BYTES = 512 << 20
#: Options fields that do not change the result (how it is computed, not what it is); the
#: configuration is hashed on its own, by content and by its parsed value
_NOT_INPUTS = frozenset({"jobs", "cache_dir", "progress", "debug_tracebacks", "config", "replay"})


def plain(value: Any) -> Any:
    """*value* as plain JSON data that is the same in every process: dataclasses by field, sets
    and frozensets sorted, dates in ISO form (``repr`` of a set follows Python's hash seed)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        if all(type(v) is str for v in value):  # paths, names: no need to serialise each to order them
            return sorted(value)
        return sorted((plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    return repr(value)


def digest(repo: Repository, hashes: dict[str, str], given: Any, today: _dt.date | None = None) -> str:
    """The name of a run: a hash of everything its output depends on, the same in every process.
    *given*: the options as the caller gave them (their merge with the configuration is derived,
    and which of them replaced the file's settings is part of the assessment)."""
    options = given.effective()
    day = today or options.today or _dt.date.today()
    settings = {f.name: plain(getattr(options, f.name)) for f in fields(options) if f.name not in _NOT_INPUTS}
    settings["given"] = {f.name: plain(getattr(given, f.name)) for f in fields(given) if f.name not in _NOT_INPUTS}
    config = options.config
    parts = {
        "tool": package_fingerprint(),
        "day": day.isoformat(),
        "options": settings,
        "config": None
        if config is None
        else {
            "parsed": plain(config),
            "bytes": _config_bytes(config.file, repo.root),
            # which waivers are still in force on that day (an expired one must never replay as active)
            "expired": [w.expired(day) for w in config.waivers],
        },
        "root": repo.root,
        # the tracked paths and the files (some 10,000 each on a large tree) as the hashes of their
        # sorted rows, fields apart by NULs (which no path holds): a tenth of the time of JSON
        "git": {**plain(replace(repo.git, tracked=frozenset())), "tracked": _rows_hash(repo.git.tracked)},
        "seen": repo.seen,
        # sorted: a directory listed afresh or read back from the walk's cache may come in another order
        "skipped": sorted([s.path, s.reason, s.detail or ""] for s in repo.skipped),
        "vendored": sorted(repo.vendored_dirs),
        "apps": plain(list(repo.apps)),
        "files": _rows_hash(
            f"{f.path}\0{f.kind}\0{f.scope.value}\0{f.size}\0{hashes.get(f.path, '')}" for f in repo.files
        ),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode()).hexdigest()


def _rows_hash(rows: Iterable[str]) -> str:
    """One hash of *rows* in sorted order; rows of a fixed number of NUL-separated fields, none
    holding a NUL, so that the joined text tells every row and field apart."""
    return hashlib.sha256("\0".join(sorted(rows)).encode("utf-8", "surrogatepass")).hexdigest()


def _config_bytes(path: str | None, root: str) -> str:
    """The configuration file's content hash (the parsed object need not show every byte); a path
    relative to the target is read there, not in the current directory."""
    if not path:
        return ""
    full = path if os.path.isabs(path) or os.path.exists(path) else os.path.join(root, path)
    try:
        with open(full, "rb") as handle:
            return hashlib.sha256(handle.read(1 << 20)).hexdigest()
    except OSError:
        return "?"


class _Packer:
    """A kept file compressed as its parts come, within two bounds: its size once inflated
    (*max_plain*) and stored (*max_bytes*); over either, it is dropped."""

    def __init__(self, head: bytes, max_plain: int, max_bytes: int) -> None:
        self._zip = zlib.compressobj(1)
        self._max_plain, self._max_bytes = max_plain, max_bytes
        self._plain = 0
        self._stored = 0
        self._chunks: list[bytes] = []
        self.feed(head)

    def feed(self, data: bytes) -> bool:
        """Add *data*; False once the file is over a bound (then it is not to be kept)."""
        self._plain += len(data)
        if self._plain > self._max_plain:  # checked before compressing what will not be kept
            return False
        chunk = self._zip.compress(data)
        self._stored += len(chunk)
        self._chunks.append(chunk)
        return self._stored <= self._max_bytes

    def finish(self) -> bytes | None:
        """The compressed file, or None when it is over a bound."""
        last = self._zip.flush()
        if self._plain > self._max_plain or self._stored + len(last) > self._max_bytes:
            return None
        return b"".join(self._chunks) + last


class RunCache:
    """The replayable runs of one target directory: one compressed file per digest (so a lookup
    reads one assessment, never all of them), at most KEEP of them, none larger than
    MAX_STORED_BYTES on disk nor MAX_PLAIN_BYTES once inflated; beside each, the reports already
    rendered from it (one file per format, language and display options), so that a replay
    writes the very report a fresh run renders without rendering it again."""

    def __init__(
        self,
        directory: Path,
        root: str,
        *,
        keep: int = KEEP,
        max_bytes: int | None = None,
        max_plain: int | None = None,
    ) -> None:
        key = hashlib.sha256(os.path.abspath(root).encode()).hexdigest()[:24]
        self.folder = Path(directory) / f"runs-v{RUNS_FORMAT}" / key
        self.root = os.path.abspath(root)
        self.keep = keep
        self.max_bytes = MAX_STORED_BYTES if max_bytes is None else max_bytes
        self.max_plain = MAX_PLAIN_BYTES if max_plain is None else max_plain

    def _file(self, name: str, output: str = "") -> Path | None:
        if not _DIGEST.match(name) or (output and not _DIGEST.match(output)):
            return None
        return self.folder / (f"{name}-{output[:32]}.out" if output else f"{name}.run")

    def _header(self) -> dict[str, Any]:
        return {"format": RUNS_FORMAT, "tool": package_fingerprint(), "target": self.root}

    def _read(self, path: Path) -> tuple[dict[str, Any], memoryview] | None:
        """The header and the body of a kept file, when it is ours (this format, this code, this
        target) and within the bounds; None otherwise. (The body is a view: a large report is
        not copied once more.)"""
        plain = load_compressed(path, self.max_bytes, self.max_plain)
        end = plain.find(b"\n") if plain is not None else -1
        if plain is None or end < 0:
            return None
        try:
            header = json.loads(plain[:end].decode("utf-8"))
        except (ValueError, RecursionError):
            return None
        if not isinstance(header, dict) or any(header.get(k) != v for k, v in self._header().items()):
            return None
        return header, memoryview(plain)[end + 1 :]

    def _packer(self, header: dict[str, Any]) -> _Packer:
        """A kept file being packed: the header line (the code's own fields and *header*), then
        the body fed to it, compressed within the bounds."""
        head = json.dumps({**self._header(), **header}, sort_keys=True).encode()
        return _Packer(head + b"\n", self.max_plain, self.max_bytes)

    def _write(self, path: Path, header: dict[str, Any], body: bytes) -> bool:
        packer = self._packer(header)
        stored = packer.finish() if packer.feed(body) else None
        if stored is None:
            return False
        write_bytes(path, stored)
        return True

    def get(self, name: str) -> Assessment | None:
        """The assessment kept under digest *name*, or None (absent, damaged, of other code)."""
        path = self._file(name)
        found = self._read(path) if path is not None else None
        if found is None:
            return None
        try:
            run = decode(json.loads(bytes(found[1])))
        except (KeyError, TypeError, IndexError, ValueError, RecursionError):
            return None
        return run if isinstance(run, Assessment) else None

    def put(self, name: str, assessment: Assessment) -> bool:
        """Keep *assessment* under digest *name* (nothing when it is over the bounds); whether it was kept."""
        path = self._file(name)
        if path is None:
            return False
        body = json.dumps(encode(assessment), separators=(",", ":")).encode()
        kept = self._write(path, {}, body)
        if kept:
            self._trim()
        return kept

    def get_output(self, name: str, key: str) -> tuple[dict[str, Any], memoryview] | None:
        """The report rendered from run *name* under the display options whose hash is *key* (a
        view of its UTF-8 bytes), with what was said beside it (a JSON object), or None."""
        path = self._file(name, key)
        if path is None or not self._file(name).exists():  # type: ignore[union-attr]
            return None  # a report outlives no run
        found = self._read(path)
        if found is None or found[0].get("run") != name or found[0].get("key") != key:
            return None
        said = found[0].get("said")
        return (said, found[1]) if isinstance(said, dict) else None

    def stream_output(self, name: str, key: str) -> tuple[dict[str, Any], Iterator[bytes]] | None:
        """Like :meth:`get_output`, the report as chunks of its bytes, inflated as they are read
        (a report of tens of megabytes is never whole in memory). The iterator raises
        DamagedCacheFile after its last good chunk when the file turns out damaged: whatever
        was written from it must be dropped."""
        path = self._file(name, key)
        if path is None or not self._file(name).exists():  # type: ignore[union-attr]
            return None
        try:
            with open(path, "rb") as handle:
                data = handle.read(self.max_bytes + 1)
        except OSError:
            return None
        if len(data) > self.max_bytes:
            return None
        chunks = inflate_chunks(data, self.max_plain)
        head = b""
        try:
            while b"\n" not in head:
                if len(head) > 1 << 20:  # a header is a few hundred bytes
                    return None
                head += next(chunks)
            header = json.loads(head[: head.index(b"\n")].decode("utf-8"))
        except (StopIteration, DamagedCacheFile, ValueError, RecursionError):
            return None
        if (
            not isinstance(header, dict)
            or any(header.get(k) != v for k, v in self._header().items())
            or header.get("run") != name
            or header.get("key") != key
            or not isinstance(header.get("said"), dict)
        ):
            return None
        first = head[head.index(b"\n") + 1 :]
        return header["said"], itertools.chain([first] if first else [], chunks)

    def put_output(self, name: str, key: str, said: dict[str, Any], text: str) -> None:
        """Keep the report *text* rendered from run *name* under display options *key* (see
        :meth:`keep_output`, of which this is the whole-text case)."""
        for _ in self.keep_output(name, key, said, (text,)):
            pass

    def keep_output(self, name: str, key: str, said: dict[str, Any], pieces: Iterable[str]) -> Iterator[str]:
        """*pieces* (a report being written), passed on one by one and kept, compressed as they
        pass, once the last has passed: a report written in pieces is never held whole to be
        kept. Nothing is kept when the writing stops early, the report is over the bounds or
        cannot be encoded."""
        path = self._file(name, key)
        if path is None or not self._file(name).exists():  # type: ignore[union-attr]
            yield from pieces  # a report outlives no run
            return
        packer: _Packer | None = self._packer({"run": name, "key": key, "said": said})
        for piece in pieces:
            yield piece
            if packer is None:
                continue
            try:
                data = piece.encode("utf-8")  # what the report file holds
            except UnicodeEncodeError:
                packer = None
                continue
            if not packer.feed(data):
                packer = None  # over the bounds: passed on, not kept
        stored = packer.finish() if packer is not None else None
        if stored is not None:
            write_bytes(path, stored)
            self._trim()

    def _trim(self) -> None:
        """Keep the most recently written KEEP runs and, of each, its KEEP most recently written
        reports (formats, languages, display options); never raises."""
        try:
            with os.scandir(self.folder) as entries:
                found = sorted(
                    (
                        (e.stat(follow_symlinks=False).st_mtime_ns, e.name)
                        for e in entries
                        if e.is_file(follow_symlinks=False)
                    ),
                    reverse=True,
                )
        except OSError:
            return
        runs = [n[: -len(".run")] for _, n in found if n.endswith(".run")]
        reports: dict[str, int] = dict.fromkeys(runs[: self.keep], 0)
        for _, name in found:  # most recent first
            if not name.endswith((".run", ".out")):
                continue
            run = name.split(".")[0].split("-")[0]
            if run in reports and name.endswith(".out"):
                reports[run] += 1
            if run not in reports or reports[run] > self.keep:
                try:
                    os.unlink(self.folder / name)
                except OSError:
                    continue


def output_key(**options: Any) -> str:
    """The name of a rendering of a run: a hash of the display options it depends on."""
    return hashlib.sha256(json.dumps(plain(options), sort_keys=True).encode()).hexdigest()


_DIGEST = re.compile(r"^[0-9a-f]{64}$")


# --- an assessment as plain data, and back -----------------------------------------------------------


def encode(value: Any) -> Any:
    """*value* (an Assessment or any part of it) as JSON data: dataclasses of the model tagged with
    their class name, enums by value, tuples as lists."""
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return {"_": type(value).__name__, **{f.name: encode(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


class _Malformed(ValueError):
    pass


@functools.cache
def _shape(name: str) -> tuple[type, dict[str, Any]] | None:
    """The model class called *name* and its fields' types (resolved once per class, not once
    per object: ``get_type_hints`` evaluates every annotation each time), or None."""
    from twelve import model

    cls = getattr(model, name, None)
    if not (isinstance(cls, type) and is_dataclass(cls) and cls.__module__ == model.__name__):
        return None
    hints = typing.get_type_hints(cls)
    return cls, {f.name: hints[f.name] for f in fields(cls)}


def decode(data: Any, hint: Any = None) -> Any:
    """The model object *data* encodes; raises ValueError on anything that is not exactly the
    shape the model declares (a cache file is never trusted further than that)."""
    if isinstance(data, dict) and "_" in data:
        tag = data["_"]
        shape = _shape(tag) if isinstance(tag, str) else None
        if shape is None:
            raise _Malformed(f"not a model class: {tag!r}")
        cls, hints = shape
        if any(k not in hints for k in data if k != "_"):
            raise _Malformed(f"unknown fields of {cls.__name__}")
        return cls(**{k: decode(v, hints[k]) for k, v in data.items() if k != "_"})
    if hint in _SCALARS:
        if type(data) is not hint:  # exactly: a bool is no int, an int no float
            raise _Malformed(f"expected {hint.__name__}")
        return data
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in typing.get_args(hint):
            return None
        for option in typing.get_args(hint):
            if option is type(None):
                continue
            try:
                return decode(data, option)
            except (ValueError, TypeError):
                continue
        raise _Malformed(f"{data!r} fits no type of {hint}")
    if origin is tuple:
        if not isinstance(data, list):
            raise _Malformed("expected a list")
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(v, args[0]) for v in data)
        if len(args) != len(data):
            raise _Malformed("a fixed-length tuple of the wrong length")
        return tuple(decode(v, a) for v, a in zip(data, args))
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        if not isinstance(data, dict):
            raise _Malformed("expected an object")
        return {decode(k, key_type): decode(v, value_type) for k, v in data.items()}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if hint is Any or hint is None:
        return data
    raise _Malformed(f"cannot read {hint}")


_SCALARS = (str, int, float, bool)


__all__ = ["RunCache", "decode", "digest", "encode", "plain"]
