"""Issue 12: what the reports show (adjustments one per action, waived findings, skipped files,
Markdown and HTML escaping, the app header), each defect reproduced here."""

from __future__ import annotations

import pytest

from twelve.locale import Catalog
from twelve.model import (
    AppAssessment, Assessment, Basis, Confidence, Coverage, FactorVerdict, Finding, Location, Message, Polarity,
    Skipped, Status, Strength, Target, Waiver,
)
from twelve.report import render
from twelve.verdict import decide


def _finding(path: str, name: str = "cache", line: int = 3, rule: str = "F06-S08") -> Finding:
    return Finding(rule, 6, Polarity.AGAINST, Strength.MODERATE, Basis.CANONICAL,
                   Message.of(f"{rule}.message", path=path, name=name), (Location(path, line),),
                   remediation=Message.of(f"{rule}.remediation", path=path, name=name))


def _assessment(findings, *, skipped=(), stacks=("python",), name="demo", path=".") -> Assessment:
    verdicts = tuple(decide(n, [f for f in findings if f.factor == n]) for n in range(1, 13))
    app = AppAssessment(path, name, stacks, verdicts)
    return Assessment("0.1.0", Target("/x/demo", "demo", "abc", True), (app,),
                      Coverage(10, 10 - len(skipped), tuple(skipped)))


def _flood():
    # the same action (a module-level cache) in 40 translation files, plus one line twice
    return [_finding(f"i18n/lang_{i:02d}.go", name="messages", line=1 + i % 2) for i in range(40)] + \
        [_finding("i18n/lang_00.go", name="messages", line=9)]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_same_adjustment_in_many_files_is_one_line_with_its_count(fmt):
    out = render(_assessment(_flood()), fmt, "en", width=400)
    advice = [line for line in out.splitlines() if "only a cache whose loss is harmless" in line]
    assert len(advice) == 1, advice
    assert "applies to 40 places" in advice[0]
    assert "i18n/lang_04.go" in advice[0] and "i18n/lang_05.go" not in advice[0]  # --evidence-limit 5


def test_the_evidence_limit_caps_distinct_adjustments_of_one_kind():
    findings = [_finding(f"svc/m{i}.py", name=f"CACHE_{i}") for i in range(12)]
    out = render(_assessment(findings), "text", "en", width=400, evidence_limit=3)
    advice = [line for line in out.splitlines() if "only a cache whose loss is harmless" in line]
    assert len(advice) == 3
    assert "… and 9 more adjustments of the same kinds" in out
    everything = render(_assessment(findings), "text", "en", width=400, evidence_limit=0)
    assert len([line for line in everything.splitlines() if "only a cache whose loss" in line]) == 12


def test_html_lists_every_place_of_one_action_once():
    out = render(_assessment(_flood()), "html", "en")
    assert out.count("applies to 40 places") == 1


def test_a_waived_finding_is_shown_when_its_factor_has_nothing_else():
    waived = Finding("F03-S01", 3, Polarity.AGAINST, Strength.STRONG, Basis.CANONICAL,
                     Message.of("F03-S01.message", setting="SECRET_KEY", path="app.py"), (Location("app.py", 2),),
                     waiver=Waiver("rotated, test key", "config", origin=".twelve.toml"))
    meets = Finding("F03-S10", 3, Polarity.FOR, Strength.STRONG, Basis.CANONICAL,
                    Message.of("F03-S10.message", variables="DATABASE_URL"), (Location("app.py", 1),))
    assessment = _assessment([waived, meets])
    assert assessment.main.verdict(3).status is Status.MEETS
    out = render(assessment, "text", "en", width=400)
    assert "rotated, test key" in out
