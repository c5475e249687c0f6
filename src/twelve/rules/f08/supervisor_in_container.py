"""F08-S08: several processes run under a supervisor inside one container."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F08-S08", factor=8, polarity=AGAINST, strength=MODERATE, replaces=("F08-S8",))
def supervisor_in_container(facts: AppFacts) -> Iterator[Hit]:
    """A supervisor or a start script runs several processes inside one container.

    Why it matters: VIII. Concurrency — the platform's process manager must see each process type
    to scale and restart it; a supervisor inside the container does that job out of its sight.
    Fires on: `CMD ["supervisord"]` (with supervisor installed in the image), `pm2-runtime` with an
    ecosystem file of several apps, an entrypoint that starts `celery worker &` before `exec gunicorn`.
    Near miss: `pm2-runtime` with one app (cluster mode copies one app); tini or dumb-init as PID 1;
    a helper sent to the background that is not a server or worker.
    Fix: one process per container (or Procfile line), all from the same image with different commands.
    """
    for command, what, where in processes.in_container_supervisors(facts):
        yield hit(*where, program=what, path=command.fact.path)
