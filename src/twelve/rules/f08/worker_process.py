"""F08-S03: background work runs in its own process type."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F08-S03", factor=8, polarity=FOR, strength=MODERATE, replaces=("F08-S3",))
def worker_process(facts: AppFacts) -> Iterator[Hit]:
    """A process type runs a queue worker, apart from the web processes.

    Why it matters: VIII. Concurrency — each kind of work gets its own process type, so queue
    workers are scaled, restarted and stopped on their own.
    Fires on: `worker: celery -A app worker`, `sidekiq`, `bundle exec rake jobs:work`, `bin/jobs`;
    a process type named `worker` or `consumer` that does not serve; a `worker` Deployment running
    its image's CMD.
    Near miss: a process named worker that runs a web server; the release phase.
    Fix: nothing to change.
    """
    for worker in processes.worker_processes(facts):
        yield hit(worker.where, process=worker.process, program=worker.program, path=worker.path)
