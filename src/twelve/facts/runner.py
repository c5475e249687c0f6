"""Running the extractors over a repository: sequentially, in a process pool, and with a cache of
facts for repeated runs.

The cache maps each file of a target to its content hash and the facts extracted from it, under
a key made of the tool version and a fingerprint of the extractor code, so that a changed
extractor never serves stale facts. A file whose size and modification time are unchanged is not
read again; a file whose content hash is unchanged is not parsed again. A cache file that cannot
be read, is malformed, or was written by another version is ignored (never trusted) and
rewritten.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import stat
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twelve._version import __version__
from twelve.facts import Facts, FileResult, collect, extract_file
from twelve.facts.base import Fact
from twelve.model import Scope, Skipped
from twelve.repository import FileEntry, Repository

#: below this many files a pool costs more than it saves
PARALLEL_MIN_FILES = 400
CACHE_FORMAT = 1


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "twelve"


def _code_fingerprint() -> str:
    """A hash of the extractor sources: facts from older code are never reused."""
    digest = hashlib.sha256(__version__.encode())
    folder = Path(__file__).resolve().parent
    for path in sorted(folder.glob("*.py")) + [folder.parent / "repository" / "kinds.py"]:
        try:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()[:16]


# --- serialisation ------------------------------------------------------------------------------


_SCOPES = {scope.value: scope for scope in Scope}


def _dump(result: FileResult) -> dict[str, Any]:
    """The plain form of *result*: cached as JSON, and sent from a worker to the parent (plain
    lists pickle several times faster than the dataclasses)."""
    return {
        "facts": [[f.kind, f.line, f.excerpt, f.data, f.scope.value] for f in result.facts],
        "skipped": [result.skipped.reason, result.skipped.detail] if result.skipped else None,
        "errors": [[e.reason, e.detail] for e in result.errors],
        "analyzed": result.analyzed,
    }


def _load(path: str, item: Any, *, trusted: bool = False) -> FileResult:
    """A FileResult from its plain form; raises on anything malformed (the caller ignores it).
    *trusted*: the form comes from this run's own worker, not from a file on disk."""
    if trusted:
        facts = [Fact(kind, path, line, excerpt, data, _SCOPES[scope]) for kind, line, excerpt, data, scope in item["facts"]]
    else:
        if not isinstance(item, dict):
            raise ValueError("entry is not an object")
        facts = []
        for kind, line, excerpt, data, scope in item["facts"]:
            if not isinstance(kind, str) or not isinstance(excerpt, str) or not isinstance(data, dict) \
                    or not (line is None or isinstance(line, int)):
                raise ValueError("malformed fact")
            facts.append(Fact(kind, path, line, excerpt, data, Scope(scope)))
    skipped = Skipped(path, str(item["skipped"][0]), str(item["skipped"][1])) if item["skipped"] else None
    errors = [Skipped(path, str(reason), str(detail)) for reason, detail in item["errors"]]
    return FileResult(facts, skipped, errors, bool(item["analyzed"]))


# --- the cache ------------------------------------------------------------------------------------


@dataclass
class FactCache:
    """The cached facts of one target directory."""

    directory: Path
    target: str
    fingerprint: str = field(default_factory=_code_fingerprint)
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    hits: int = 0

    @property
    def path(self) -> Path:
        key = hashlib.sha256(os.path.abspath(self.target).encode()).hexdigest()[:24]
        return self.directory / f"facts-v{CACHE_FORMAT}" / f"{key}.json"

    def load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if raw.get("format") != CACHE_FORMAT or raw.get("fingerprint") != self.fingerprint \
                    or raw.get("target") != os.path.abspath(self.target) or not isinstance(raw.get("files"), dict):
                return
            self.entries = raw["files"]
        except (OSError, ValueError, AttributeError, TypeError):
            self.entries = {}

    def lookup(self, root: str, entry: FileEntry) -> FileResult | None:
        cached = self.entries.get(entry.path)
        if not isinstance(cached, dict):
            return None
        try:
            st = os.lstat(os.path.join(root, *entry.path.split("/")))
            if not stat.S_ISREG(st.st_mode):
                return None
            if [st.st_size, st.st_mtime_ns] != cached.get("stat"):
                if cached.get("sha") != _sha_of(os.path.join(root, *entry.path.split("/"))):
                    return None
                cached["stat"] = [st.st_size, st.st_mtime_ns]
            result = _load(entry.path, cached["result"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.hits += 1
        return result

    def remember(self, root: str, entry: FileEntry, result: FileResult) -> None:
        if any(e.reason == "extractor_error" for e in result.errors):
            self.entries.pop(entry.path, None)  # a bug today may be fixed tomorrow: never cache it
            return
        try:
            full = os.path.join(root, *entry.path.split("/"))
            st = os.lstat(full)
            self.entries[entry.path] = {"stat": [st.st_size, st.st_mtime_ns], "sha": _sha_of(full),
                                        "result": _dump(result)}
        except OSError:
            self.entries.pop(entry.path, None)

    def save(self, keep: set[str]) -> None:
        """Write the cache atomically (only the files that still exist); failures are ignored."""
        data = {"format": CACHE_FORMAT, "fingerprint": self.fingerprint, "target": os.path.abspath(self.target),
                "files": {k: v for k, v in self.entries.items() if k in keep}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data, separators=(",", ":")))  # dumps: the C encoder
            os.replace(tmp, self.path)
        except OSError:
            pass


def _sha_of(path: str, limit: int = 64 * 1024 * 1024) -> str:
    digest = hashlib.sha256()
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            digest.update(handle.read(limit))
    finally:
        os.close(fd)
    return digest.hexdigest()


# --- running --------------------------------------------------------------------------------------


def _extract_chunk(args: tuple[str, list[FileEntry], int]) -> list[dict[str, Any]]:
    """In a worker: the results of a chunk of files, in their plain form."""
    root, entries, max_bytes = args
    return [_dump(extract_file(root, entry, max_bytes)) for entry in entries]


def _chunks(entries: list[FileEntry], count: int) -> Iterator[list[FileEntry]]:
    """*count* chunks of similar total size (big files spread round-robin)."""
    ordered = sorted(entries, key=lambda e: -e.size)
    buckets: list[list[FileEntry]] = [[] for _ in range(count)]
    for index, entry in enumerate(ordered):
        buckets[index % count].append(entry)
    return (bucket for bucket in buckets if bucket)


def extract(repo: Repository, max_bytes: int, *, jobs: int | None = None, cache_dir: Path | None = None) -> Facts:
    """The facts of *repo*: from the cache where files are unchanged, the rest extracted, in a
    process pool of *jobs* workers (1 = in this process) when there is enough work."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    cache = FactCache(cache_dir, repo.root, f"{_code_fingerprint()}-{max_bytes}") if cache_dir is not None else None
    if cache is not None:
        cache.load()
    results: dict[str, FileResult] = {}
    todo: list[FileEntry] = []
    for entry in repo.files:
        hit = cache.lookup(repo.root, entry) if cache is not None else None
        if hit is not None:
            results[entry.path] = hit
        else:
            todo.append(entry)
    if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        # fork: the workers inherit the imported extractors instead of importing them again
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        chunks = [(repo.root, chunk, max_bytes) for chunk in _chunks(todo, jobs * 4)]
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for chunk, chunk_results in zip(chunks, pool.map(_extract_chunk, chunks)):
                for entry, plain in zip(chunk[1], chunk_results):
                    results[entry.path] = _load(entry.path, plain, trusted=True)
    else:
        for entry in todo:
            results[entry.path] = extract_file(repo.root, entry, max_bytes)
    if cache is not None:
        for entry in todo:
            cache.remember(repo.root, entry, results[entry.path])
        present = {e.path for e in repo.files}
        if todo or set(cache.entries) - present:
            cache.save(present)
    return collect(repo, ((entry, results[entry.path]) for entry in repo.files))
