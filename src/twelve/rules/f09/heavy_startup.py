"""Slow work and unbounded waits in the start path (F09-S11)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F09-S11", factor=9, polarity=AGAINST, strength=MODERATE)
def heavy_startup(facts: AppFacts) -> Iterator[Hit]:
    """Work that every start repeats before the process is ready: schema changes, installs, long
    sleeps, or a wait for a dependency with no time limit (`startup_work` of the app model).

    Why it matters: IX. Disposability — processes should be ready within seconds so that they can
    be scaled, moved and restarted at any moment; work before the server is ready delays every
    start, and a wait with no limit can block it for good.
    Fires on: `flask db upgrade && gunicorn ...` on a start line; `python manage.py migrate`,
    `pip install -r requirements.txt`, `sleep 30` or `while ! pg_isready; do sleep 1; done` in the
    entrypoint script.
    Near miss: a Procfile `release: flask db upgrade` step; a wait loop that gives up after N tries;
    `sleep 2`; the same commands in a script the start path does not run.
    Fix: move the work to the build (installs) or to a one-off release process (schema changes),
    and bound any wait or let the app retry its connection.
    """
    found = [
        hit(work.fact, variant=work.kind, command=work.command, path=work.fact.path)
        for work in appmodel.startup_work(facts)
    ]
    seen: set[tuple] = set()
    unique: list[Hit] = []
    for found_hit in found:
        key = (found_hit.locations[0].path, found_hit.locations[0].line, found_hit.params)
        if key not in seen:
            seen.add(key)
            unique.append(found_hit)
    yield from sorted(unique, key=lambda h: (h.locations[0].path, h.locations[0].line or 0))
