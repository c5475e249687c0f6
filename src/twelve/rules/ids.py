"""Rule ids: their fixed-width form, the ids they replaced, and what a selector selects.

An id is ``Fnn-Snn`` (a signal), ``Fnn-APnn`` (a check of an anti-pattern), ``Fnn-NA`` (an
applicability gate) or ``Fnn-NE`` (the factor had nothing to judge), with ``nn`` two digits, so
that a prefix never selects more than it says (``F05-S1`` used to select F05-S10 to F05-S12 too).
A rule lists the ids it replaced (``replaces=("F11-S2", ...)``): waivers, inline ignores and
selectors written with an old id keep working, and select exactly the rule that took it over.

Selectors (``--select``, ``--ignore``, the configuration's ``select``/``ignore``) are matched
without regard to case: a whole id (current or old) selects that rule; anything else selects the
current ids it is a prefix of (``F03`` all of factor III, ``F05-S0`` F05-S01 to F05-S09). A
selector that selects nothing is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

ID = re.compile(r"^F(0[1-9]|1[0-2])-(S\d{2}|AP\d{2}|NA|NE)$")


class UnknownRule(ValueError):
    """A selector or id that names no rule (the message is the offending text)."""


@lru_cache(maxsize=1)
def _tables() -> tuple[tuple[str, ...], dict[str, str]]:
    from twelve.rules import all_rules

    current = tuple(r.meta.id for r in all_rules())
    lookup = {rule_id.lower(): rule_id for rule_id in current}
    for rule in all_rules():
        for old in rule.meta.replaces:
            lookup.setdefault(old.lower(), rule.meta.id)
    return current, lookup


def current_ids() -> tuple[str, ...]:
    return _tables()[0]


def aliases() -> dict[str, str]:
    """Every old id (as written in the catalogue) and the id of the rule that replaced it."""
    from twelve.rules import all_rules

    return {old: rule.meta.id for rule in all_rules() for old in rule.meta.replaces}


def canonical(rule_id: str) -> str | None:
    """The current id of *rule_id* (a current or old id, in any case), or None."""
    return _tables()[1].get(rule_id.strip().lower())


def resolve(selector: str, ids: Iterable[str] | None = None) -> frozenset[str]:
    """The ids (among *ids*, default: every rule's) that *selector* selects; raises UnknownRule
    when it selects none."""
    among = tuple(current_ids() if ids is None else ids)
    low = selector.strip().lower()
    exact = next((i for i in among if i.lower() == low), None) or canonical(selector)
    if exact is not None and exact in among:
        return frozenset((exact,))
    found = frozenset(rule_id for rule_id in among if low and rule_id.lower().startswith(low))
    if not found:
        raise UnknownRule(selector)
    return found


def selection(select: Iterable[str], ignore: Iterable[str], ids: Iterable[str] | None = None) -> frozenset[str]:
    """The ids (among *ids*) that run: those *select* selects (all when it is empty), less those
    *ignore* selects."""
    among = tuple(current_ids() if ids is None else ids)
    chosen = list(select)
    keep = frozenset().union(*(resolve(s, among) for s in chosen)) if chosen else frozenset(among)
    drop = frozenset().union(*(resolve(s, among) for s in ignore))
    return keep - drop


__all__ = ["ID", "UnknownRule", "aliases", "canonical", "current_ids", "resolve", "selection"]
