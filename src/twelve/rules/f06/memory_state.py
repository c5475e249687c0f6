"""F06-S08: module-level collections the app changes at run time."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import ADVICE, AGAINST, WEAK, Hit, hit, rule


@rule("F06-S08", factor=6, polarity=AGAINST, strength=WEAK, basis=ADVICE, replaces=("F06-S8",))
def memory_state(facts: AppFacts) -> Iterator[Hit]:
    """A module-level collection mutated inside functions: state in the process's memory.

    Why it matters: VI. Processes — memory may serve as a short-lived cache, but the next request
    may reach another process and a restart empties it; counters, queues and rate limits kept
    there are wrong as soon as two processes run.
    Fires on: `CACHE = {}` at module level and `CACHE[key] = value` in a request handler; a
    module-level list appended to by a function.
    Near miss: a constant table only read; the same code in scripts or migrations.
    Fix: check that the collection is only a cache whose loss is harmless; otherwise move it to
    Redis or the database.
    """
    for fact in state.app_code(facts, "state.global"):
        yield hit(fact, name=fact.data.name, path=fact.path)
