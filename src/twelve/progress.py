"""A progress bar on standard error, for assessments that take more than a moment.

It is drawn only on a terminal (the command line creates it only when stderr is a TTY, so a pipe
or a CI log never sees it), never on standard output, and only once the assessment has run for
*delay* seconds, so quick runs stay silent. It is transient: it erases itself before the report
is printed.
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from twelve.locale import Catalog

DEFAULT_DELAY = 0.5
_STEPS = ("walk", "facts", "rules", "done")


class TerminalProgress:
    """Use as a context manager; pass the instance as ``Options.progress``."""

    def __init__(self, catalog: Catalog, *, delay: float = DEFAULT_DELAY, stream: TextIO | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.catalog = catalog
        self.delay = delay
        console = Console(file=stream or sys.stderr, stderr=stream is None, highlight=False, markup=False, emoji=False)
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task(catalog.text("progress.walk"), total=len(_STEPS) - 1)
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._shown = False
        self._closed = False

    def _show(self) -> None:
        with self._lock:
            if self._closed or self._shown:
                return
            self._shown = True
            self._progress.start()

    def __enter__(self) -> TerminalProgress:
        if self.delay <= 0:
            self._show()
        else:
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._shown:
                self._progress.stop()

    def __call__(self, step: str, done: int, total: int) -> None:
        """The pipeline's progress callback: *step* is one of walk, facts, rules, done."""
        index = _STEPS.index(step) if step in _STEPS else 0
        description = self.catalog.text(f"progress.{step}", count=total) if step in _STEPS else step
        # each step is one unit of the bar; within a step, its own done/total moves the bar inside it
        fraction = (done / total) if total else 0.0
        self._progress.update(self._task, description=description, completed=min(index + fraction, len(_STEPS) - 1))
