"""Running the extractors over a repository: sequentially, in a process pool, and with a cache of
facts for repeated runs.

The cache keeps, per target, an index (each file's size, modification and change times and
content hash) and the facts extracted from each file, under a fingerprint of the whole package
and its parsers, so that a changed tool never serves stale facts. A file whose stamps match the
index (and were not written in the last seconds before the index was, when a later write could
share them: git's "racily clean" rule) is known by its recorded hash without being read; a file
whose content hash is unchanged is not parsed again. A cache file that cannot be read, is
malformed, or was written by another version is ignored (never trusted) and rewritten.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twelve.cachefiles import package_fingerprint, write_json
from twelve.facts import Facts, FileResult, collect, extract_file, modules_for, preload
from twelve.facts.model import Fact, data_for
from twelve.fileindex import CACHE_FORMAT, FileIndex, index_fingerprint
from twelve.model import SCOPES, Scope, Skipped
from twelve.repository import FileEntry, Repository

#: below this many files a pool costs more than it saves
PARALLEL_MIN_FILES = 400


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


# --- serialisation ------------------------------------------------------------------------------


def _dump(result: FileResult) -> dict[str, Any]:
    """The plain form of *result*: cached as JSON, and sent from a worker to the parent (plain
    lists pickle several times faster than the dataclasses)."""
    return {
        "facts": [[f.kind, f.line, f.excerpt, f.data.plain(), f.scope.value] for f in result.facts],
        "skipped": [result.skipped.reason, result.skipped.detail] if result.skipped else None,
        "errors": [[e.reason, e.detail] for e in result.errors],
        "analyzed": result.analyzed,
        "sha": result.sha,
    }


def _load(path: str, item: Any, *, trusted: bool = False) -> FileResult:
    """A FileResult from its plain form; raises on anything malformed (the caller ignores it).
    *trusted*: the form comes from this run's own worker, not from a file on disk."""
    if trusted:
        facts = [
            Fact(kind, path, line, excerpt, data_for(kind, data), SCOPES[scope])
            for kind, line, excerpt, data, scope in item["facts"]
        ]
    else:
        if not isinstance(item, dict):
            raise ValueError("entry is not an object")
        facts = []
        for kind, line, excerpt, data, scope in item["facts"]:
            if (
                not isinstance(kind, str)
                or not isinstance(excerpt, str)
                or not isinstance(data, dict)
                or not (line is None or isinstance(line, int))
            ):
                raise ValueError("malformed fact")
            facts.append(Fact(kind, path, line, excerpt, data_for(kind, data), Scope(scope)))
    skipped = Skipped(path, str(item["skipped"][0]), str(item["skipped"][1])) if item["skipped"] else None
    errors = [Skipped(path, str(reason), str(detail)) for reason, detail in item["errors"]]
    sha = item.get("sha")
    return FileResult(facts, skipped, errors, bool(item["analyzed"]), sha if isinstance(sha, str) else None)


# --- the cache ------------------------------------------------------------------------------------


@dataclass
class FactCache(FileIndex):
    """The cached facts of one target directory, and the index of its files' stamps and hashes
    (twelve.fileindex: what a replay reads without the extractors)."""

    fingerprint: str = field(default_factory=package_fingerprint)
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> {"sha", "result"}
    hits: int = 0
    dirty: bool = False  # the index changed: save it
    facts_dirty: bool = False  # the facts changed: rewrite them too (else only the small index)
    #: path -> content hash of every file this run read or found in the cache
    read_hashes: dict[str, str] = field(default_factory=dict)
    _facts_loaded: bool = False

    def _load_facts(self) -> None:
        if not self._facts_loaded:
            self._facts_loaded = True
            raw = self._read(self.path)
            self.entries = raw["files"] if raw is not None else {}

    def lookup(
        self, root: str, entry: FileEntry, max_bytes: int, wanted: frozenset[str] | None = None
    ) -> FileResult | None:
        """The cached result of *entry* if its content is unchanged (hashing it when its stamps
        changed but facts for its path exist: a checkout or a touch leaves content as it was) and
        it holds every kind of fact *wanted* (None: every kind)."""
        self._load_facts()
        cached = self.entries.get(entry.path)
        if not isinstance(cached, dict):
            return None
        part = cached.get("wanted")  # the facts of a run that wanted these kinds only
        if part is not None and (wanted is None or not isinstance(part, list) or not wanted <= set(part)):
            return None
        sha = self.known_sha(entry)
        rehashed = sha is None
        if sha is None:
            try:
                sha = _sha_of(os.path.join(root, *entry.path.split("/")), max_bytes)
            except OSError:
                return None
        if cached.get("sha") != sha:
            return None
        try:
            kept = cached["result"]
            result = kept if isinstance(kept, FileResult) else _load(entry.path, kept)
        except (ValueError, KeyError, TypeError):
            return None
        result.sha = sha
        self.hits += 1
        if rehashed:  # the same content under new stamps: remember the stamps
            self._index(entry, sha)
        return result

    def remember(
        self,
        entry: FileEntry,
        result: FileResult,
        plain: dict[str, Any] | None = None,
        wanted: frozenset[str] | None = None,
    ) -> None:
        """Keep *result* (whose plain form, when a worker sent it, is *plain*) for *entry*; its
        facts are those of the kinds *wanted* alone, when given."""
        self._load_facts()
        if result.sha is None or any(e.reason == "extractor_error" for e in result.errors):
            # unreadable, or a bug today that may be fixed tomorrow: never cache it
            dropped = [self.entries.pop(entry.path, None), self.index.pop(entry.path, None)]
            self.dirty = self.dirty or dropped != [None, None]
            self.facts_dirty = self.facts_dirty or dropped[0] is not None
            return
        # the result itself (its plain form is made while the file is written, one entry at a
        # time): a second copy of every fact would double the memory of a first run
        self.entries[entry.path] = {"sha": result.sha, "result": plain if plain is not None else result}
        if wanted is not None:
            self.entries[entry.path]["wanted"] = sorted(wanted)
        self.facts_dirty = True
        self._index(entry, result.sha)

    def forget(self) -> None:
        """Drop every cached fact and stamp of this target (they made the run fail): the next
        extraction reads every file again and writes them anew."""
        self.entries, self.index = {}, {}
        self._facts_loaded = True
        self.hits = 0
        self.dirty = self.facts_dirty = True

    def _index(self, entry: FileEntry, sha: str) -> None:
        self.index[entry.path] = [entry.size, entry.stamp[0], entry.stamp[1], entry.identity[1], sha]
        self.dirty = True

    def save(self, keep: set[str]) -> None:
        """Write the index and, when they changed, the facts, atomically (only files that still
        exist); failures are ignored. A run that only learnt new stamps rewrites the index alone:
        the facts file (the big one) is neither read nor written."""
        head = {"format": CACHE_FORMAT, "fingerprint": self.fingerprint, "target": os.path.abspath(self.target)}
        if self.facts_dirty:
            write_json(
                self.path,
                {**head, "files": {k: v for k, v in self.entries.items() if k in keep}},
                default=_plain_result,
            )
        write_json(
            self.index_path,
            {
                **head,
                "written_ns": time.time_ns(),
                "files": {k: v for k, v in self.index.items() if k in keep},
                "unread": {k: v for k, v in self.unread.items() if k in keep},
            },
        )


def _plain_result(value: Any) -> Any:
    """json's ``default`` for the facts file: a FileResult kept in memory is written in plain form."""
    if isinstance(value, FileResult):
        return _dump(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _sha_of(path: str, max_bytes: int) -> str:
    """The hash of what extract_file reads of a file (at most *max_bytes* + 1 bytes), and hashes."""
    from twelve.repository.walk import read_regular

    return hashlib.sha256(read_regular(path, max_bytes)).hexdigest()


# --- running --------------------------------------------------------------------------------------


def _extract_chunk(args: tuple[str, list[FileEntry], int, frozenset[str] | None]) -> list[dict[str, Any]]:
    """In a worker: the results of a chunk of files, in their plain form."""
    root, entries, max_bytes, wanted = args
    return [_dump(extract_file(root, entry, max_bytes, wanted)) for entry in entries]


def _worker_init(parent: int) -> None:
    """In each worker, first thing: die with the parent. On Linux the kernel sends SIGKILL when
    the parent ends (PR_SET_PDEATHSIG), however it ends (SIGTERM, SIGKILL, a crash); elsewhere a
    watcher thread notices that the parent is gone. SIGINT is left to the parent."""
    import signal
    import threading

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # pragma: no cover - not the main thread
        pass
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)
    if not armed:

        def watch() -> None:
            while True:
                time.sleep(0.5)
                if os.getppid() != parent:
                    os._exit(1)

        threading.Thread(target=watch, name="twelve-parent-watch", daemon=True).start()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now, without waiting for the work they hold; never raises."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError, ValueError):
            continue
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except Exception:  # pragma: no cover - a broken pool is being abandoned anyway
        pass
    for process in processes:
        try:
            process.join(timeout=5)
        except (OSError, AttributeError, ValueError, AssertionError):
            continue


def _chunks(entries: list[FileEntry], count: int) -> Iterator[list[FileEntry]]:
    """*count* chunks of similar total size (big files spread round-robin)."""
    ordered = sorted(entries, key=lambda e: -e.size)
    buckets: list[list[FileEntry]] = [[] for _ in range(count)]
    for index, entry in enumerate(ordered):
        buckets[index % count].append(entry)
    return (bucket for bucket in buckets if bucket)


#: at most about this many files a chunk sent to a worker: its results come back in one piece,
#: held by the parent until rebuilt (jobs * 4 chunks of a 100k-file tree would be 12k files each)
CHUNK_FILES = 1000


def _results(
    root: str, todo: list[FileEntry], max_bytes: int, jobs: int, wanted: frozenset[str] | None = None
) -> Iterator[tuple[FileEntry, FileResult]]:
    """The result of each file of *todo*, as it comes: in a process pool of *jobs* workers when
    there is enough work (in the order of its chunks), else in this process (in *todo*'s order)."""
    if not (jobs > 1 and len(todo) >= PARALLEL_MIN_FILES):
        for entry in todo:
            yield entry, extract_file(root, entry, max_bytes, wanted)
        return
    # fork: the workers inherit the imported extractors instead of importing them again (each
    # would pay the imports, some 0.3 s, on its own: import them here once, before the fork)
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    if context is not None:
        preload({spec for entry in todo for spec in modules_for(entry)})
    count = max(jobs * 4, -(-len(todo) // CHUNK_FILES))
    chunks = [(root, chunk, max_bytes, wanted) for chunk in _chunks(todo, count)]
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),))
    try:
        for chunk, chunk_results in zip(chunks, pool.map(_extract_chunk, chunks)):
            for entry, plain in zip(chunk[1], chunk_results):
                yield entry, _load(entry.path, plain, trusted=True)
    except BaseException:
        _stop_workers(pool)  # an interrupt (SIGTERM as SystemExit, Ctrl-C) must not wait for them
        raise
    pool.shutdown(wait=True)


def extract(
    repo: Repository,
    max_bytes: int,
    *,
    jobs: int | None = None,
    cache: FactCache | None = None,
    cache_dir: Path | None = None,
    wanted: frozenset[str] | None = None,
) -> Facts:
    """The facts of *repo*: from the cache where files are unchanged, the rest extracted, in a
    process pool of *jobs* workers (1 = in this process) when there is enough work; only the
    kinds *wanted*, when given (twelve.rules.needs)."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if cache is None and cache_dir is not None:
        cache = open_cache(cache_dir, repo.root, max_bytes)
    if cache is None:
        # nothing to remember: each file's result goes into the run's facts as it comes and is let
        # go (a file no extractor reads says nothing; collect's order does not depend on theirs)
        return collect(
            repo, _results(repo.root, [e for e in repo.files if modules_for(e)], max_bytes, jobs, wanted), wanted
        )
    results: dict[str, FileResult] = {}
    todo: list[FileEntry] = []
    unread: dict[str, str] = {}
    for entry in repo.files:
        if not modules_for(entry):
            results[entry.path] = FileResult()  # no extractor reads it: nothing to read
            unread[entry.path] = entry.kind
            continue
        hit = cache.lookup(repo.root, entry, max_bytes, wanted)
        if hit is not None:
            results[entry.path] = hit
        else:
            todo.append(entry)
    for entry, result in _results(repo.root, todo, max_bytes, jobs, wanted):
        results[entry.path] = result
    cache.read_hashes = {path: result.sha for path, result in results.items() if result.sha is not None}
    for entry in todo:
        cache.remember(entry, results[entry.path], wanted=wanted)
    present = {e.path for e in repo.files}
    if unread != cache.unread:  # the index lists them: a replay knows them without the extractors
        cache.unread, cache.dirty = unread, True
    if cache.dirty or set(cache.index) - present:
        cache.save(present)
    # each result let go once collected: its facts are then held by the run's list alone
    return collect(repo, ((entry, results.pop(entry.path, FileResult())) for entry in repo.files), wanted)


def open_cache(cache_dir: Path, root: str, max_bytes: int, index: FileIndex | None = None) -> FactCache:
    """The facts cache of the target at *root* (its index read, or taken from *index* when that is
    the same target's, read already; its facts read on first need)."""
    cache = FactCache(cache_dir, root, index_fingerprint(max_bytes))
    if index is not None and (index.directory, index.target, index.fingerprint) == (
        cache.directory,
        cache.target,
        cache.fingerprint,
    ):
        cache.index, cache.unread, cache._written_ns = index.index, index.unread, index._written_ns
    else:
        cache.load()
    return cache


def read_hashes(repo: Repository, cache: FactCache) -> dict[str, str] | None:
    """The content hashes this run read, over the same files as
    :func:`twelve.fileindex.unchanged_hashes` (so that a run is kept under the name a later run
    looks it up by); None when one of them is missing."""
    hashes: dict[str, str] = {}
    for entry in repo.files:
        if not modules_for(entry):
            continue
        sha = cache.read_hashes.get(entry.path)
        if sha is None:
            return None
        hashes[entry.path] = sha
    return hashes
