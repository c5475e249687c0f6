"""What the property tests of every parser share: the hypothesis settings, arbitrary text, seeds
mutated at random, and the contract an extractor keeps on any input."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from twelve.facts.base import Source
from twelve.model import Scope

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
texty = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


def mutations(seed: str, cut: int = 20):
    """*seed* with up to *cut* characters somewhere replaced by arbitrary text."""
    return st.builds(
        lambda length, junk, pos: seed[:pos] + junk + seed[pos + length :],
        st.integers(0, cut),
        texty,
        st.integers(0, len(seed)),
    )


def run_extractor(module, kind: str, text: str, path: str, allowed: tuple[type[BaseException], ...] = ()) -> None:
    """Run *module*'s extractor on *text*: it raises nothing but *allowed* (its documented parse
    errors), and every fact it returns belongs to *path*, has a line of 1 or more (or none), and
    JSON-compatible data (facts are cached and shipped between processes)."""
    try:
        facts = module.extract(Source(path, text, kind, Scope.PRODUCTION))
    except allowed:
        return
    assert isinstance(facts, list)
    for fact in facts:
        assert fact.path == path and (fact.line is None or fact.line >= 1)
        json.dumps(fact.data.plain())
