"""``twelve scan``: every repository is one task, run in this process (``--workers 1``), in a pool
of local processes (``concurrent.futures.ProcessPoolExecutor``, the default, one per core) or on
an existing Dask distributed cluster (``--cluster tcp://scheduler:8786``). This process is the
only one that writes to the database: each outcome is recorded, in its own transaction, as soon
as it arrives, so Ctrl-C (or a crash) keeps everything that finished.

A task that fails (a missing path, a clone that fails, a bug) is an outcome like any other,
recorded with its error; it never stops the scan. A worker process that dies takes its task
with it: that repository is recorded as failed (internal), the others go on.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from twelve.portfolio.targets import Target
from twelve.portfolio.task import Outcome, Settings, Task, run

EXIT_OK, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 2, 3, 130


class ClusterError(Exception):
    """The Dask cluster cannot be used: *key* names the sentence (``scan.<key>``)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key}: {params}")
        self.key = key
        self.params = {k: str(v) for k, v in params.items()}


@dataclass(frozen=True, slots=True)
class Summary:
    scan_id: int
    total: int
    assessed: int
    reused: int
    failed: int
    internal: int  # assessed with internal errors (exit 3) or failed inside twelve
    left: int  # not done when the scan stopped
    seconds: float
    state: str  # finished or interrupted

    @property
    def exit_code(self) -> int:
        """130 interrupted; 3 an internal error on some repository; 2 some repository could not be
        read or cloned; else 0."""
        if self.state == "interrupted":
            return EXIT_INTERRUPTED
        if self.internal:
            return EXIT_INTERNAL
        if self.failed:
            return EXIT_USAGE
        return EXIT_OK


def _ignore_sigint() -> None:
    """In a worker process: Ctrl-C is the parent's to handle (it stops the pool)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _crashed(task: Task, error: BaseException, catalog: Any) -> Outcome:
    from twelve.facts.secrets import redact
    from twelve.repository.remote import mask_text

    target = task.target
    message = catalog.text("scan.worker_failed", error=f"{type(error).__name__}: {error}")
    return Outcome(
        target.location,
        target.name,
        target.kind,
        "failed",
        0.0,
        lang=task.settings.lang,
        error_kind="internal",
        error=redact(mask_text(message)),
    )


class _Runner:
    """Runs tasks and yields their outcomes as they finish; :meth:`stop` ends what is running."""

    description = "this process"

    def outcomes(self, tasks: Sequence[Task], catalog: Any) -> Iterator[Outcome]:
        for task in tasks:
            yield run(task)

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


class _Pool(_Runner):
    def __init__(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.description = f"processes:{workers}"
        methods = multiprocessing.get_all_start_methods()
        # forkserver: workers start from a clean process (no copy of this one's threads, database
        # connections or terminal), with twelve imported once in the server
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            context.set_forkserver_preload(["twelve.portfolio.task"])
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint)

    def outcomes(self, tasks: Sequence[Task], catalog: Any) -> Iterator[Outcome]:
        from concurrent.futures import as_completed

        futures = {self.pool.submit(run, task): task for task in tasks}
        for future in as_completed(futures):
            error = future.exception()
            yield future.result() if error is None else _crashed(futures[future], error, catalog)

    def stop(self) -> None:
        """Cancel what has not started and end the workers (SIGTERM: a clone in progress removes
        its temporary directory on the way out)."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        terminate = getattr(self.pool, "terminate_workers", None)  # Python 3.14+
        if terminate is not None:
            with contextlib.suppress(Exception):
                terminate()
            return
        for process in list((getattr(self.pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                process.terminate()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask(_Runner):
    def __init__(self, address: str, timeout: float = 30.0) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("dask_missing") from None
        self.description = f"dask:{address}"
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError("cluster_unreachable", address=address, reason=exc) from None
        self.futures: list[Any] = []

    def outcomes(self, tasks: Sequence[Task], catalog: Any) -> Iterator[Outcome]:
        from distributed import as_completed

        self.futures = self.client.map(run, list(tasks), pure=False)
        owner = {future.key: task for future, task in zip(self.futures, tasks)}
        for future in as_completed(self.futures):
            if future.status == "finished":
                yield future.result()
            else:
                try:
                    error = future.exception()
                except BaseException as exc:  # cancelled, or the cluster went away
                    error = exc
                yield _crashed(owner[future.key], error, catalog)
            future.release()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel(self.futures, force=True)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()


def runner(workers: int | None, cluster: str | None, *, timeout: float = 30.0) -> _Runner:
    """Where the tasks run: a Dask cluster, a pool of *workers* processes (default: one per
    core), or this process when *workers* is 1."""
    if cluster:
        return _Dask(cluster, timeout)
    from twelve.facts.runner import default_jobs

    count = workers or default_jobs()
    return _Runner() if count <= 1 else _Pool(count)


def scan(
    store: Any,
    targets: Sequence[Target],
    settings: Settings,
    where: _Runner,
    *,
    source: str,
    catalog: Any,
    on_outcome: Callable[[Outcome, Any], None] | None = None,
) -> Summary:
    """Scan *targets* into *store*; *on_outcome(outcome, recorded)* is called after each is kept."""
    from twelve.portfolio.task import tool_identity

    started = time.monotonic()
    known = store.known_digests(t.location for t in targets)
    tasks = [Task(t, known.get(t.location, ()), settings) for t in targets]
    version, digest = tool_identity()
    scan_id = store.start_scan(
        tool_version=version,
        tool_digest=digest,
        lang=settings.lang,
        source=source,
        executor=where.description,
        total=len(tasks),
    )
    counts = {"assessed": 0, "reused": 0, "failed": 0, "internal": 0}
    state = "crashed"
    try:
        try:
            for outcome in where.outcomes(tasks, catalog):
                recorded = store.record(scan_id, outcome)
                counts[recorded.outcome] += 1
                if outcome.error_kind == "internal" or (recorded.outcome == "assessed" and outcome.exit_code == 3):
                    counts["internal"] += 1
                if on_outcome is not None:
                    on_outcome(outcome, recorded)
            state = "finished"
        except KeyboardInterrupt:
            where.stop()
            state = "interrupted"
    finally:
        with contextlib.suppress(Exception):
            where.close()
        kept = store.finish_scan(scan_id, state)  # the counts of what the database holds
    done = kept.assessed + kept.reused + kept.failed
    return Summary(
        scan_id,
        len(tasks),
        kept.assessed,
        kept.reused,
        kept.failed,
        counts["internal"],
        len(tasks) - done,
        time.monotonic() - started,
        state,
    )


# --- the progress bar ---------------------------------------------------------------------------


class ScanProgress:
    """done / failed / left, rate and ETA on a terminal's standard error; the command line makes
    one only when stderr is a terminal. Lines printed while it shows go above it."""

    def __init__(self, catalog: Any, total: int, *, delay: float = 0.5, stream: Any = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

        self.catalog = catalog
        self.total = total
        self.delay = delay
        self.console = Console(
            file=stream or sys.stderr, stderr=stream is None, highlight=False, markup=False, emoji=False
        )
        self._progress = Progress(
            SpinnerColumn(),
            BarColumn(),
            TextColumn("{task.fields[counts]}"),
            console=self.console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._progress.add_task("scan", total=total, counts=self._text(0, 0))
        self._started = time.monotonic()
        self._done = 0
        self._failed = 0
        self._shown = False

    def _text(self, done: int, failed: int) -> str:
        elapsed = max(time.monotonic() - getattr(self, "_started", time.monotonic()), 1e-6)
        left = self.total - done
        rate = done / elapsed
        eta = "-" if not done else _duration(left / rate if rate else 0)
        return self.catalog.text("scan.progress", done=done, failed=failed, left=left, rate=f"{rate:.1f}", eta=eta)

    def __enter__(self) -> ScanProgress:
        return self

    def __exit__(self, *_: object) -> None:
        if self._shown:
            self._progress.stop()

    def advance(self, failed: bool) -> None:
        self._done += 1
        self._failed += int(failed)
        if not self._shown and time.monotonic() - self._started >= self.delay:
            self._shown = True
            self._progress.start()
        self._progress.update(self._task, completed=self._done, counts=self._text(self._done, self._failed))

    def print(self, line: str) -> None:
        """*line* above the bar (on standard error, where the bar is)."""
        self.console.print(line, soft_wrap=True)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


def default_workers() -> int:
    from twelve.facts.runner import default_jobs

    return default_jobs()


def describe_source(sources: Sequence[str]) -> str:
    return " ".join(s if s == "-" or "://" in s else os.path.abspath(s) for s in sources)


__all__ = [
    "ClusterError",
    "EXIT_INTERRUPTED",
    "ScanProgress",
    "Summary",
    "default_workers",
    "describe_source",
    "runner",
    "scan",
]
