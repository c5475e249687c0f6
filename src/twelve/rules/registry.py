"""How a rule is declared: its metadata is data, its check is a small pure function of facts.

    @rule("F03-S2", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=("py",))
    def literal_framework_secret(facts: AppFacts) -> Iterator[Hit]:
        for fact in facts.of("config.assign"):
            if ...:
                yield hit(fact, setting=fact.get("name"))

The message, title and remediation of a rule live in the catalogues under its id
(``F03-S2.title``, ``F03-S2.message``, ``F03-S2.remediation``); the rule only supplies parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.model import Basis, Effect, Finding, Location, Message, Polarity, Scope, Strength

FOR = Polarity.FOR
AGAINST = Polarity.AGAINST
NEUTRAL = Polarity.NEUTRAL
STRONG = Strength.STRONG
MODERATE = Strength.MODERATE
WEAK = Strength.WEAK
CANONICAL = Basis.CANONICAL
ADVICE = Basis.ADVICE


@dataclass(frozen=True, slots=True)
class RuleMeta:
    id: str
    factor: int
    polarity: Polarity
    strength: Strength
    basis: Basis
    ecosystems: tuple[str, ...]
    effect: Effect = Effect.NONE
    #: findings count wherever they are (real secrets are a violation in any tracked file)
    any_scope: bool = False
    #: the ids this rule took over (older catalogue ids, stack variants merged into it)
    replaces: tuple[str, ...] = ()
    #: a closing rule runs after the others and reads what they found for its factor (its check
    #: is ``check(facts, findings)``): "nothing else found" is judged from findings, never by
    #: running other rules again
    closing: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check concluded: where, with which message parameters, and any per-hit override."""

    locations: tuple[Location, ...]
    params: tuple[tuple[str, Any], ...]
    strength: Strength | None = None
    scope: Scope | None = None
    #: picks alternative sentences (`title_<variant>`, `message_<variant>`, `remediation_<variant>`)
    #: for one kind of evidence; the catalogue falls back to the plain field when absent
    variant: str | None = None


def location(fact: Fact) -> Location:
    return Location(fact.path, fact.line, fact.excerpt)


def hit(
    *where: Fact | Location,
    strength: Strength | None = None,
    scope: Scope | None = None,
    variant: str | None = None,
    **params: Any,
) -> Hit:
    locations: list[Location] = []
    scopes: list[Scope] = []
    for item in where:
        if isinstance(item, Fact):
            locations.append(location(item))
            scopes.append(item.scope)
        else:
            locations.append(item)
    if scope is None and scopes:
        scope = Scope.PRODUCTION if Scope.PRODUCTION in scopes else scopes[0]
    return Hit(tuple(locations), tuple(sorted(params.items())), strength, scope, variant)


Check = Callable[..., Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    meta: RuleMeta
    check: Check

    @property
    def doc(self) -> str:
        """The rule's docstring (what it detects, why it matters, fires on, near miss, fix)."""
        return self.check.__doc__ or ""

    @property
    def module(self) -> str:
        return self.check.__module__

    def __call__(self, facts: AppFacts, findings: Iterable[Finding] = ()) -> Iterator[Finding]:
        """The findings of this rule on *facts* (*findings*: those of the other rules of its factor,
        which a closing rule reads)."""
        meta = self.meta
        hits = self.check(facts, tuple(findings)) if meta.closing else self.check(facts)
        for found in hits:
            params = {k: _param(v) for k, v in found.params}
            suffix = f"_{found.variant}" if found.variant else ""
            yield Finding(
                rule=meta.id,
                factor=meta.factor,
                polarity=meta.polarity,
                strength=found.strength or meta.strength,
                basis=meta.basis,
                message=Message(f"{meta.id}.message{suffix}", tuple(sorted(params.items()))),
                locations=tuple(sorted(set(found.locations), key=lambda l: (l.path, l.line or 0, l.excerpt))),
                remediation=(
                    Message(f"{meta.id}.remediation{suffix}", tuple(sorted(params.items())))
                    if meta.polarity is not Polarity.FOR
                    else None
                ),
                scope=found.scope or Scope.PRODUCTION,
                effect=meta.effect,
            )


def _param(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        # a list reads as its distinct, non-empty items: never `(, a)` or `a, a`
        return ", ".join(dict.fromkeys(text for text in map(str, value) if text.strip()))
    return str(value)


def rule(
    rule_id: str,
    *,
    factor: int,
    polarity: Polarity,
    strength: Strength = Strength.MODERATE,
    basis: Basis = Basis.CANONICAL,
    ecosystems: tuple[str, ...] = ("any",),
    effect: Effect = Effect.NONE,
    any_scope: bool = False,
    replaces: tuple[str, ...] = (),
    closing: bool = False,
) -> Callable[[Check], Rule]:
    meta = RuleMeta(rule_id, factor, polarity, strength, basis, ecosystems, effect, any_scope, replaces, closing)

    def wrap(check: Check) -> Rule:
        return Rule(meta, check)

    return wrap
