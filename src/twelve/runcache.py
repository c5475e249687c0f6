"""Replaying a run whose every input is unchanged.

An assessment is a pure function of the tool (its code, catalogues, parsers and Python), the
options and configuration, the day (waivers expire), the target's layout and git metadata, and
the content of every file an extractor reads. When the facts cache's index proves every such file
unchanged without reading it, the digest of all these inputs names the run; a run with the same
digest and the same report options already produced its report, its messages and its exit code,
and they are replayed instead of recomputed. Anything else (a changed file, a racily-clean stamp,
an unreadable file, another option) is a miss and runs the pipeline, whose result is then kept.

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
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from twelve.cachefiles import load_json, package_fingerprint, write_json
from twelve.repository import Repository

RUNS_FORMAT = 2
#: runs (report variants: format, language, options...) kept per target, most recent first
KEEP = 8
#: a report larger than this is not kept (it would cost more to read back than to recompute)
MAX_REPLAY_BYTES = 64 << 20
#: Options fields that do not change the result (how it is computed, not what it is); the
#: configuration is hashed on its own, by content and by its parsed value
_NOT_INPUTS = frozenset({"jobs", "cache_dir", "progress", "debug_tracebacks", "config"})


@dataclass(frozen=True)
class Replay:
    text: str  # the report, as written to standard output or to the -o file
    messages: tuple[str, ...]  # the lines written to standard error after the report
    exit_code: int


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


def digest(repo: Repository, hashes: dict[str, str], options: Any, report: dict[str, Any],
           today: _dt.date | None = None) -> str:
    """The name of a run: a hash of everything its output depends on, the same in every process."""
    day = today or options.today or _dt.date.today()
    settings = {f.name: plain(getattr(options, f.name)) for f in fields(options) if f.name not in _NOT_INPUTS}
    config = options.config
    parts = {
        "tool": package_fingerprint(),
        "day": day.isoformat(),
        "options": settings,
        "config": None if config is None else {
            "parsed": plain(config),
            "bytes": _config_bytes(config.file, repo.root),
            # which waivers are still in force on that day (an expired one must never replay as active)
            "expired": [w.expired(day) for w in config.waivers],
        },
        "report": report,
        "root": repo.root,
        "git": plain(repo.git),
        "seen": repo.seen,
        "skipped": [[s.path, s.reason, s.detail] for s in repo.skipped],
        "vendored": list(repo.vendored_dirs),
        "apps": plain(list(repo.apps)),
        "files": [[f.path, f.kind, f.scope.value, f.size, hashes.get(f.path, "")] for f in repo.files],
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

    def get(self, name: str) -> Replay | None:
        path = self._file(name)
        if path is None:
            return None
        run = load_json(path, self.max_bytes + (1 << 20))
        try:
            if run["format"] == RUNS_FORMAT and run["tool"] == package_fingerprint() and run["target"] == self.root \
                    and isinstance(run["text"], str) and isinstance(run["messages"], list) \
                    and all(isinstance(m, str) for m in run["messages"]) and run["exit_code"] in (0, 1):
                return Replay(run["text"], tuple(run["messages"]), run["exit_code"])
        except (KeyError, TypeError, IndexError):
            pass
        return None

    def put(self, name: str, replay: Replay) -> None:
        path = self._file(name)
        if path is None or len(replay.text) > self.max_bytes:
            return
        write_json(path, {"format": RUNS_FORMAT, "tool": package_fingerprint(), "target": self.root,
                          "text": replay.text, "messages": list(replay.messages), "exit_code": replay.exit_code})
        self._trim()

    def _trim(self) -> None:
        """Keep the most recently written KEEP runs; never raises."""
        try:
            with os.scandir(self.folder) as entries:
                found = [(e.stat(follow_symlinks=False).st_mtime_ns, e.name) for e in entries
                         if e.name.endswith(".json") and e.is_file(follow_symlinks=False)]
        except OSError:
            return
        found.sort(reverse=True)
        for _, name in found[self.keep:]:
            try:
                os.unlink(self.folder / name)
            except OSError:
                continue


_DIGEST = re.compile(r"^[0-9a-f]{64}$")

__all__ = ["Replay", "RunCache", "digest", "plain"]
