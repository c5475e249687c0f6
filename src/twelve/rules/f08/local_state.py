"""F08-S10: state kept in the process stops a second instance from working."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F08-S10", factor=8, polarity=AGAINST, strength=STRONG)
def local_state(facts: AppFacts) -> Iterator[Hit]:
    """The app keeps persistent state inside its process, so a second instance would not work.

    It reads the app model's answer to "what state does the app keep in its processes"
    (`state.persistent_local_state`, the same facts factor VI judges): sessions in memory,
    uploads and records on the local disk, SQLite and other embedded stores, files read back and
    rewritten. One finding per kind of state and file.
    Why it matters: VIII. Concurrency — the app scales out by running more copies of its
    processes; state held in one process is invisible to the others (sessions lost between
    requests, uploads missing, a second database file), so the formation cannot grow.
    Fires on: express-session's MemoryStore; `use Rack::Session::Pool`; multer `diskStorage` or
    formidable's `uploadDir` in the app directory; `gorm.Open("sqlite3", "./app.db")`; a JSON file
    loaded at start and rewritten on every change.
    Near miss: a memory store used only while REDIS_URL is unset (factor VI counts it, moderate);
    files under /tmp; sessions in Redis or a signed cookie; SQLite in tests.
    Fix: move the state to backing services (sessions to Redis or a signed cookie, files to
    object storage, records to a networked database), then declare the formation.
    """
    seen: set[tuple[str, str]] = set()
    for found in state.persistent_local_state(facts):
        key = (found.kind, found.path)
        if key in seen:
            continue
        seen.add(key)
        yield hit(*found.where, variant=found.kind, what=found.what, path=found.path)
