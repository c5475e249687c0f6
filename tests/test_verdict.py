"""The verdict policy (verdict.decide), branch by branch, from findings built in memory."""

from __future__ import annotations

from twelve.model import (
    Basis,
    Confidence,
    Effect,
    Finding,
    Location,
    Message,
    Polarity,
    Scope,
    Status,
    Strength,
    Waiver,
)
from twelve.verdict import MAX_JUSTIFICATION_ITEMS, decide, title_of

FOR, AGAINST, NEUTRAL = Polarity.FOR, Polarity.AGAINST, Polarity.NEUTRAL
S, M, W = Strength.STRONG, Strength.MODERATE, Strength.WEAK
C, H = Basis.CANONICAL, Basis.ADVICE


def finding(
    rule: str,
    polarity: Polarity,
    strength: Strength = M,
    basis: Basis = C,
    *,
    factor: int = 3,
    scope: Scope = Scope.PRODUCTION,
    effect: Effect = Effect.NONE,
    waived: bool = False,
    path: str = "app.py",
    line: int = 1,
    **params: str,
) -> Finding:
    return Finding(
        rule,
        factor,
        polarity,
        strength,
        basis,
        Message.of(f"{rule}.message", **params),
        (Location(path, line, "x = 1"),),
        None if polarity is FOR else Message.of(f"{rule}.remediation", **params),
        scope,
        effect,
        Waiver("accepted", "config") if waived else None,
    )


def decided(*findings: Finding, factor: int = 3, any_scope: frozenset[str] = frozenset(), readable: bool = True):
    return decide(factor, findings, any_scope, readable=readable)


def keys(messages) -> list[str]:
    return [m.key for m in messages]


# --- status ------------------------------------------------------------------------------------------


def test_strong_canonical_against_in_production_does_not_meet_with_high_confidence():
    verdict = decided(finding("F03-S02", AGAINST, S), finding("F03-S01", FOR, S))
    assert (verdict.status, verdict.confidence) == (Status.DOES_NOT_MEET, Confidence.HIGH)


def test_strong_advice_against_is_capped_at_partial_with_low_confidence():
    verdict = decided(finding("F03-S09", AGAINST, S, H), finding("F03-S01", FOR, S))
    assert (verdict.status, verdict.confidence) == (Status.PARTIAL, Confidence.LOW)


def test_moderate_canonical_against_is_partial_with_medium_confidence():
    verdict = decided(finding("F03-S04", AGAINST, M), finding("F03-S01", FOR, S))
    assert (verdict.status, verdict.confidence) == (Status.PARTIAL, Confidence.MEDIUM)


def test_weak_against_never_moves_the_status_but_lowers_confidence():
    verdict = decided(finding("F03-S08", AGAINST, W), finding("F03-S01", FOR, S))
    assert (verdict.status, verdict.confidence) == (Status.MEETS, Confidence.MEDIUM)
    assert keys(verdict.adjustments) == ["F03-S08.remediation"]


def test_against_outside_production_does_not_count():
    for scope in (Scope.TEST, Scope.EXAMPLE, Scope.DOCS, Scope.DEV, Scope.VENDORED, Scope.GENERATED):
        verdict = decided(finding("F03-S02", AGAINST, S, scope=scope), finding("F03-S01", FOR, S))
        assert verdict.status is Status.MEETS, scope
        # what did not count is still offered as an adjustment, after what counted
        assert keys(verdict.adjustments) == ["F03-S02.remediation"]


def test_any_scope_rules_count_wherever_they_are():
    against = finding("F03-S20", AGAINST, S, scope=Scope.TEST)
    assert decided(against, finding("F03-S01", FOR, S), any_scope=frozenset({"F03-S20"})).status is Status.DOES_NOT_MEET
    assert decided(against, finding("F03-S01", FOR, S)).status is Status.MEETS


def test_nothing_decisive_is_partial_with_low_confidence_and_says_what_is_missing():
    verdict = decided()
    assert (verdict.status, verdict.confidence) == (Status.PARTIAL, Confidence.LOW)
    assert keys(verdict.justification) == ["verdict.no_evidence.F03"]
    weak_only = decided(finding("F03-S08", AGAINST, W))
    assert (weak_only.status, weak_only.confidence) == (Status.PARTIAL, Confidence.LOW)


def test_advice_in_favour_never_makes_a_factor_meet_on_its_own():
    verdict = decided(finding("F05-S06", FOR, W, H, factor=5), factor=5)
    assert (verdict.status, verdict.confidence) == (Status.PARTIAL, Confidence.LOW)
    assert (
        decided(finding("F05-S06", FOR, W, H, factor=5), finding("F05-S01", FOR, S, factor=5), factor=5).status
        is Status.MEETS
    )


def test_inconclusive_only_when_the_app_cannot_be_read():
    verdict = decided(readable=False)
    assert (verdict.status, verdict.confidence) == (Status.INCONCLUSIVE, Confidence.LOW)
    assert keys(verdict.justification) == ["verdict.no_evidence.F03"]
    # evidence against still decides, read or not
    assert decided(finding("F03-S02", AGAINST, S), readable=False).status is Status.DOES_NOT_MEET


def test_a_no_evidence_finding_explains_what_is_missing_and_yields_to_evidence():
    unknown = finding("F03-NE", NEUTRAL, W, effect=Effect.INCONCLUSIVE)
    verdict = decided(unknown)
    assert verdict.status is Status.PARTIAL
    assert keys(verdict.justification) == ["F03-NE.title"]
    assert keys(verdict.adjustments) == ["F03-NE.remediation"]
    assert decided(unknown, finding("F03-S15", FOR, M)).status is Status.MEETS


def test_applicability_gate_gives_not_applicable_unless_something_blocks():
    gate = finding("F07-NA", NEUTRAL, M, factor=7, effect=Effect.NOT_APPLICABLE)
    verdict = decided(gate, factor=7)
    assert (verdict.status, verdict.confidence) == (Status.NOT_APPLICABLE, Confidence.MEDIUM)
    assert keys(verdict.justification) == ["F07-NA.title"]
    assert decided(gate, finding("F07-S01", AGAINST, M, factor=7), factor=7).status is Status.PARTIAL
    assert decided(gate, finding("F07-S01", AGAINST, S, factor=7), factor=7).status is Status.DOES_NOT_MEET
    assert decided(gate, finding("F07-S06", AGAINST, W, factor=7), factor=7).status is Status.NOT_APPLICABLE


def test_waived_findings_stay_in_the_verdict_but_do_not_count():
    waived = finding("F03-S02", AGAINST, S, waived=True)
    verdict = decided(waived, finding("F03-S01", FOR, S))
    assert verdict.status is Status.MEETS
    assert waived in verdict.findings
    assert verdict.adjustments == ()
    assert decided(finding("F03-S01", FOR, S, waived=True)).status is Status.PARTIAL


# --- confidence of "meets" ---------------------------------------------------------------------------


def test_meets_confidence_high_medium_low():
    assert decided(finding("F03-S01", FOR, S)).confidence is Confidence.HIGH
    assert decided(finding("F03-S01", FOR, M)).confidence is Confidence.MEDIUM
    assert decided(finding("F03-S01", FOR, W)).confidence is Confidence.LOW
    assert decided(finding("F03-S09", FOR, S, H)).confidence is Confidence.LOW


def test_factors_only_a_runtime_probe_confirms_are_capped_at_medium():
    for number in (6, 7, 8, 9, 11):
        verdict = decided(finding(f"F{number:02d}-S1", FOR, S, factor=number), factor=number)
        assert (verdict.status, verdict.confidence) == (Status.MEETS, Confidence.MEDIUM), number
    for number in (1, 2, 3, 4, 5, 10, 12):
        assert decided(finding("Fx-S1", FOR, S, factor=number), factor=number).confidence is Confidence.HIGH


# --- justification and adjustments -------------------------------------------------------------------


def test_justification_leads_with_the_deciding_findings_then_the_best_in_favour():
    verdict = decided(
        finding("F03-S04", AGAINST, M),
        finding("F03-S02", AGAINST, S),
        finding("F03-S01", FOR, M),
        finding("F03-S03", FOR, S),
    )
    assert keys(verdict.justification) == ["F03-S02.title", "F03-S04.title", "verdict.in_favour"]
    favour = dict(verdict.justification[-1].params)["item"]
    assert favour == title_of(finding("F03-S03", FOR, S))


def test_justification_holds_each_rule_once_and_at_most_three_items():
    against = [finding(f"F03-S{i:02d}", AGAINST, M, line=i) for i in (4, 5, 6, 7)]
    repeated = [finding("F03-S04", AGAINST, M, line=9, setting="OTHER")]
    verdict = decided(*against, *repeated)
    assert len(verdict.justification) == MAX_JUSTIFICATION_ITEMS
    assert keys(verdict.justification) == ["F03-S04.title", "F03-S05.title", "F03-S06.title"]


def test_meets_justification_lists_the_findings_for_only():
    verdict = decided(finding("F03-S01", FOR, M), finding("F03-S03", FOR, S), finding("F03-S08", AGAINST, W))
    assert keys(verdict.justification) == ["F03-S03.title", "F03-S01.title"]


def test_adjustments_blocking_first_then_weak_then_uncounted_without_repeats():
    verdict = decided(
        finding("F03-S08", AGAINST, W),
        finding("F03-S02", AGAINST, S, scope=Scope.TEST),
        finding("F03-S04", AGAINST, M, line=1, setting="A"),
        finding("F03-S04", AGAINST, M, line=2, setting="A"),  # the same remediation: once
        finding("F03-S05", AGAINST, S),
    )
    assert keys(verdict.adjustments) == [
        "F03-S05.remediation",
        "F03-S04.remediation",
        "F03-S08.remediation",
        "F03-S02.remediation",
    ]


def test_title_keeps_the_variant_and_parameters():
    f = Finding("F05-S07", 5, AGAINST, S, C, Message.of("F05-S07.message_ci", file="deploy.yml"))
    assert title_of(f) == Message.of("F05-S07.title_ci", file="deploy.yml")


def test_findings_are_kept_in_a_stable_order():
    a, b = finding("F03-S04", AGAINST, M, path="b.py"), finding("F03-S02", AGAINST, S, path="a.py")
    assert decided(a, b).findings == decided(b, a).findings == (b, a)


def test_the_verdict_records_on_each_finding_whether_it_concerns_the_app():
    in_test = finding("F03-S02", AGAINST, S, scope=Scope.TEST)
    secret = finding("F03-S01", AGAINST, S, scope=Scope.TEST)
    in_favour = finding("F03-S15", FOR, M, scope=Scope.TEST)
    waived = finding("F03-S04", AGAINST, M, waived=True)
    verdict = decided(in_test, secret, in_favour, waived, any_scope=frozenset({"F03-S01"}))
    by_rule = {f.rule: f for f in verdict.findings}
    assert by_rule["F03-S02"].in_scope is False and by_rule["F03-S02"].counted is False
    assert by_rule["F03-S01"].in_scope is True and by_rule["F03-S01"].counted is True
    assert by_rule["F03-S15"].counted is True
    assert by_rule["F03-S04"].in_scope is True and by_rule["F03-S04"].counted is False  # waived
    assert verdict.status is Status.DOES_NOT_MEET
