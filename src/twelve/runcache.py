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
import hashlib
import json
import os
import re
from dataclasses import fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from twelve.cachefiles import load_json, package_fingerprint, write_json
from twelve.model import Assessment
from twelve.repository import Repository

RUNS_FORMAT = 3
#: runs (option variants) kept per target, most recent first
KEEP = 8
#: an assessment larger than this is not kept (it would cost more to read back than to recompute)
MAX_REPLAY_BYTES = 64 << 20
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
        "git": plain(repo.git),
        "seen": repo.seen,
        # sorted: a directory listed afresh or read back from the walk's cache may come in another order
        "skipped": sorted([s.path, s.reason, s.detail or ""] for s in repo.skipped),
        "vendored": sorted(repo.vendored_dirs),
        "apps": plain(list(repo.apps)),
        "files": sorted([f.path, f.kind, f.scope.value, f.size, hashes.get(f.path, "")] for f in repo.files),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode()).hexdigest()


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


class RunCache:
    """The replayable runs of one target directory: one small file per digest (so a lookup reads
    one report, never all of them), at most KEEP of them, none larger than MAX_REPLAY_BYTES."""

    def __init__(self, directory: Path, root: str, *, keep: int = KEEP, max_bytes: int = MAX_REPLAY_BYTES) -> None:
        key = hashlib.sha256(os.path.abspath(root).encode()).hexdigest()[:24]
        self.folder = Path(directory) / f"runs-v{RUNS_FORMAT}" / key
        self.root = os.path.abspath(root)
        self.keep = keep
        self.max_bytes = max_bytes

    def _file(self, name: str) -> Path | None:
        return self.folder / f"{name}.json" if _DIGEST.match(name) else None

    def get(self, name: str) -> Assessment | None:
        """The assessment kept under digest *name*, or None (absent, damaged, of other code)."""
        path = self._file(name)
        if path is None:
            return None
        run = load_json(path, self.max_bytes + (1 << 20))
        try:
            if run["format"] == RUNS_FORMAT and run["tool"] == package_fingerprint() and run["target"] == self.root:
                found = decode(run["assessment"])
                return found if isinstance(found, Assessment) else None
        except (KeyError, TypeError, IndexError, ValueError, RecursionError):
            pass
        return None

    def put(self, name: str, assessment: Assessment) -> None:
        path = self._file(name)
        if path is None:
            return
        data = {
            "format": RUNS_FORMAT,
            "tool": package_fingerprint(),
            "target": self.root,
            "assessment": encode(assessment),
        }
        if len(json.dumps(data)) > self.max_bytes:
            return
        write_json(path, data)
        self._trim()

    def _trim(self) -> None:
        """Keep the most recently written KEEP runs; never raises."""
        try:
            with os.scandir(self.folder) as entries:
                found = [
                    (e.stat(follow_symlinks=False).st_mtime_ns, e.name)
                    for e in entries
                    if e.name.endswith(".json") and e.is_file(follow_symlinks=False)
                ]
        except OSError:
            return
        found.sort(reverse=True)
        for _, name in found[self.keep :]:
            try:
                os.unlink(self.folder / name)
            except OSError:
                continue


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


def decode(data: Any, hint: Any = None) -> Any:
    """The model object *data* encodes; raises ValueError on anything that is not exactly the
    shape the model declares (a cache file is never trusted further than that)."""
    import types
    import typing

    from twelve import model

    if isinstance(data, dict) and "_" in data:
        cls = getattr(model, str(data["_"]), None)
        if not (isinstance(cls, type) and is_dataclass(cls) and cls.__module__ == model.__name__):
            raise _Malformed(f"not a model class: {data['_']!r}")
        hints = typing.get_type_hints(cls)
        names = {f.name for f in fields(cls)}
        if set(data) - {"_"} - names:
            raise _Malformed(f"unknown fields of {cls.__name__}")
        return cls(**{k: decode(v, hints[k]) for k, v in data.items() if k != "_"})
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
    if hint in (str, int, float, bool):
        if not isinstance(data, hint) or (hint is int and isinstance(data, bool)):
            raise _Malformed(f"expected {hint.__name__}")
        return data
    raise _Malformed(f"cannot read {hint}")


__all__ = ["RunCache", "decode", "digest", "encode", "plain"]
