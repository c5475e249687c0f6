"""Replaying a run whose every input is unchanged.

An assessment is a pure function of the tool (its code, catalogues, parsers and Python), the
options and configuration, the day (waivers expire), the target's layout and git metadata, and
the content of every file an extractor reads. When the facts cache's index proves every such file
unchanged without reading it, the digest of all these inputs names the run; a run with the same
digest and the same report options already produced its report, its messages and its exit code,
and they are replayed instead of recomputed. Anything else (a changed file, a racily-clean stamp,
an unreadable file, another option) is a miss and runs the pipeline, whose result is then kept.

Runs that ended in an internal error, or with a file an extractor failed on, are never kept. A
cache file that cannot be read, is malformed or comes from other code is ignored.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from twelve.cachefiles import package_fingerprint, write_json
from twelve.repository import Repository

RUNS_FORMAT = 1
#: report variants (format, language...) kept per target
KEEP = 8
#: Options fields that do not change the result (how it is computed, not what it is)
_NOT_INPUTS = frozenset({"jobs", "cache_dir", "progress", "debug_tracebacks", "config"})


@dataclass(frozen=True)
class Replay:
    text: str  # the report, as written to standard output or to the -o file
    messages: tuple[str, ...]  # the lines written to standard error after the report
    exit_code: int


def digest(repo: Repository, hashes: dict[str, str], options: Any, report: dict[str, Any],
           today: _dt.date | None = None) -> str:
    """The name of a run: a hash of everything its output depends on."""
    settings = {f.name: getattr(options, f.name) for f in fields(options) if f.name not in _NOT_INPUTS}
    config = options.config
    parts = {
        "tool": package_fingerprint(),
        "day": (today or _dt.date.today()).isoformat(),
        "options": settings,
        "config": None if config is None else [config.file, _config_bytes(config.file)],
        "report": report,
        "root": repo.root,
        "git": repr(repo.git),
        "seen": repo.seen,
        "skipped": [[s.path, s.reason, s.detail] for s in repo.skipped],
        "vendored": list(repo.vendored_dirs),
        "apps": [repr(app) for app in repo.apps],
        "files": [[f.path, f.kind, f.scope.value, f.size, hashes.get(f.path, "")] for f in repo.files],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode()).hexdigest()


def _config_bytes(path: str | None) -> str:
    """The configuration file's content hash (the parsed object need not show every byte)."""
    if not path:
        return ""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read(1 << 20)).hexdigest()
    except OSError:
        return "?"


class RunCache:
    """The replayable runs of one target directory."""

    def __init__(self, directory: Path, root: str) -> None:
        key = hashlib.sha256(os.path.abspath(root).encode()).hexdigest()[:24]
        self.path = directory / f"runs-v{RUNS_FORMAT}" / f"{key}.json"
        self.root = os.path.abspath(root)

    def _runs(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if raw.get("format") == RUNS_FORMAT and raw.get("tool") == package_fingerprint() \
                    and raw.get("target") == self.root and isinstance(raw.get("runs"), dict):
                return raw["runs"]
        except (OSError, ValueError, AttributeError, TypeError):
            pass
        return {}

    def get(self, name: str) -> Replay | None:
        run = self._runs().get(name)
        try:
            if isinstance(run["text"], str) and all(isinstance(m, str) for m in run["messages"]) \
                    and run["exit_code"] in (0, 1):
                return Replay(run["text"], tuple(run["messages"]), run["exit_code"])
        except (KeyError, TypeError):
            pass
        return None

    def put(self, name: str, replay: Replay) -> None:
        runs = self._runs()
        runs.pop(name, None)
        runs[name] = {"text": replay.text, "messages": list(replay.messages), "exit_code": replay.exit_code}
        kept = dict(list(runs.items())[-KEEP:])  # insertion order: the most recent last
        write_json(self.path, {"format": RUNS_FORMAT, "tool": package_fingerprint(), "target": self.root,
                                "runs": kept})


__all__ = ["Replay", "RunCache", "digest"]
