"""Stage 4: findings -> one verdict per factor (criteria §0.2 and §5).

Policy, in order (the verdict rubric's general rules):
1. an applicability gate finding (and nothing against)            -> not_applicable
2. a strong, canonical finding against, in production scope        -> does_not_meet
3. a strong or moderate finding against (advice is capped here)    -> partial
4. an app twelve cannot read at all (no supported stack)           -> inconclusive
5. no canonical finding for (nothing, or advice alone, decides)    -> partial, low confidence:
   "only weak evidence, or none" (a neutral "no evidence" finding, when present, says what is
   missing; advice never makes a factor meet on its own)
6. otherwise                                                       -> meets
Weak findings against never move the status; they lower confidence and become advice.
Waived findings stay in the report but do not count.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from twelve.factors import factor as factor_info
from twelve.model import (
    Basis,
    Confidence,
    Effect,
    FactorVerdict,
    Finding,
    Message,
    Polarity,
    Scope,
    Status,
    Strength,
)

MAX_JUSTIFICATION_ITEMS = 3
_CONFIDENCE_ORDER = {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}


def _in_scope(finding: Finding, any_scope: frozenset[str]) -> bool:
    """The one decision of whether a finding concerns the app in production: a finding against
    counts only in production scope, unless its rule counts everywhere (real secrets)."""
    return finding.polarity is not Polarity.AGAINST or finding.scope is Scope.PRODUCTION or finding.rule in any_scope


def _counts_against(finding: Finding) -> bool:
    return finding.polarity is Polarity.AGAINST and finding.counted


def title_of(finding: Finding) -> Message:
    """The short form of a finding's message (same variant, same parameters)."""
    head, _, field = finding.message.key.rpartition(".")
    return Message(f"{head}.{field.replace('message', 'title', 1)}", finding.message.params)


def _order(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.strength.rank, f.basis is not Basis.CANONICAL, f.sort_key()))


def decide(
    number: int, findings: Iterable[Finding], any_scope: frozenset[str] = frozenset(), readable: bool = True
) -> FactorVerdict:
    ordered = [
        f if _in_scope(f, any_scope) is f.in_scope else dataclasses.replace(f, in_scope=_in_scope(f, any_scope))
        for f in sorted(findings, key=Finding.sort_key)
    ]
    live = [f for f in ordered if f.counts]
    against = [f for f in live if _counts_against(f)]
    fors = [f for f in live if f.polarity is Polarity.FOR]
    gates = [f for f in live if f.effect is Effect.NOT_APPLICABLE]
    unknowns = [f for f in live if f.effect is Effect.INCONCLUSIVE]
    decisive = [f for f in against if f.strength is Strength.STRONG and f.basis is Basis.CANONICAL]
    blocking = [f for f in against if f.strength in (Strength.STRONG, Strength.MODERATE)]
    weak = [f for f in against if f.strength is Strength.WEAK]

    if gates and not blocking:
        status, confidence, lead = Status.NOT_APPLICABLE, Confidence.MEDIUM, gates
    elif decisive:
        status, confidence, lead = Status.DOES_NOT_MEET, Confidence.HIGH, _order(decisive + blocking)
    elif blocking:
        canonical = any(f.basis is Basis.CANONICAL for f in blocking)
        status = Status.PARTIAL
        confidence = Confidence.MEDIUM if canonical else Confidence.LOW
        lead = _order(blocking)
    elif not readable:
        status, confidence, lead = Status.INCONCLUSIVE, Confidence.LOW, unknowns
    elif not any(f.basis is Basis.CANONICAL for f in fors):
        # nothing decides: the rubric's "only weak evidence, or none" (advice alone never meets)
        status, confidence, lead = Status.PARTIAL, Confidence.LOW, unknowns
    else:
        status = Status.MEETS
        strong_canonical = any(f.strength is Strength.STRONG and f.basis is Basis.CANONICAL for f in fors)
        if strong_canonical and not weak:
            confidence = Confidence.HIGH
        elif all(f.strength is Strength.WEAK or f.basis is Basis.ADVICE for f in fors):
            confidence = Confidence.LOW
        else:
            confidence = Confidence.MEDIUM
        lead = _order(fors)
    cap = Confidence(factor_info(number).static_confidence_cap)
    if status is Status.MEETS and _CONFIDENCE_ORDER[confidence] > _CONFIDENCE_ORDER[cap]:
        confidence = cap

    justification = [title_of(f) for f in _dedupe(lead)[:MAX_JUSTIFICATION_ITEMS]]
    if status in (Status.PARTIAL, Status.DOES_NOT_MEET) and fors:
        best = _order(fors)[0]
        justification.append(Message("verdict.in_favour", (("item", title_of(best)),)))  # type: ignore[arg-type]
    if status in (Status.INCONCLUSIVE, Status.PARTIAL) and not justification:
        justification.append(Message(f"verdict.no_evidence.F{number:02d}"))

    counted = {id(f) for f in against}
    adjustments: dict[Message, None] = {}  # ordered and without repeats, in linear time
    for finding in (
        _order(blocking)
        + _order(weak)
        + _order(f for f in live if f.polarity is Polarity.AGAINST and id(f) not in counted)
    ):
        if finding.remediation is not None:
            adjustments.setdefault(finding.remediation, None)
    for finding in unknowns:
        if finding.remediation is not None:
            adjustments.setdefault(finding.remediation, None)
    return FactorVerdict(number, status, confidence, tuple(justification), tuple(ordered), tuple(adjustments))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out: list[Finding] = []
    for finding in findings:
        key = finding.rule
        if key in seen:
            continue
        seen.add(key)
        out.append(finding)
    return out
