"""The rubric table (twelve.rubric) is checked against the rules and the verdict policy: every rule
of a factor sits on a line, and a finding of that rule alone (for lines that decide, beside a finding
for) gives the line's status; `twelve explain` prints the table in both languages."""

from __future__ import annotations

import pytest

from twelve.locale import Catalog
from twelve.model import Effect, Finding, Location, Message, Polarity, Scope, Status, Strength
from twelve.rubric import RUBRIC, Outcome
from twelve.rules import all_rules
from twelve.rules.registry import RuleMeta
from twelve.verdict import decide

META = {r.meta.id: r.meta for r in all_rules()}

EXPECTED = {
    Outcome.NOT_APPLICABLE: Status.NOT_APPLICABLE,
    Outcome.DOES_NOT_MEET: Status.DOES_NOT_MEET,
    Outcome.PARTIAL: Status.PARTIAL,
    Outcome.MEETS: Status.MEETS,
    Outcome.NOTHING: Status.PARTIAL,
}


def _finding(meta: RuleMeta, strength: Strength | None = None) -> Finding:
    polarity = meta.polarity
    return Finding(
        meta.id,
        meta.factor,
        polarity,
        strength or meta.strength,
        meta.basis,
        Message.of(f"{meta.id}.message"),
        (Location("app.py", 1, "x"),),
        None if polarity is Polarity.FOR else Message.of(f"{meta.id}.remediation"),
        Scope.PRODUCTION,
        meta.effect,
        None,
    )


def _any_for(number: int) -> Finding:
    """A canonical finding for of the factor (the company a decisive line is tested in)."""
    line = next(line for line in RUBRIC[number] if line.outcome is Outcome.MEETS and line.rules)
    return _finding(META[line.rules[0]])


def test_every_factor_has_a_table_and_every_line_a_sentence_in_both_languages():
    assert sorted(RUBRIC) == list(range(1, 13))
    for lang in ("en", "pt-BR"):
        catalog = Catalog(lang)
        for number, lines in RUBRIC.items():
            outcomes = [line.outcome for line in lines]
            assert Outcome.MEETS in outcomes and Outcome.NOTHING in outcomes, number
            assert len(set(outcomes)) == len(outcomes), number
            for line in lines:
                assert catalog.has(line.key(number)), (lang, line.key(number))


def test_every_rule_sits_on_a_line_of_its_own_factor_and_every_listed_id_exists():
    listed: dict[str, int] = {}
    for number, lines in RUBRIC.items():
        for line in lines:
            for rule in line.rules:
                assert rule in META, f"{rule} is not a rule"
                assert META[rule].factor == number, rule
                listed[rule] = number
    missing = sorted(set(META) - set(listed))
    assert not missing, f"rules on no rubric line: {missing}"


@pytest.mark.parametrize("number", sorted(RUBRIC))
def test_a_finding_of_each_rule_gives_its_lines_status(number: int):
    for line in RUBRIC[number]:
        for rule in line.rules:
            meta = META[rule]
            if line.outcome is Outcome.ADVICE:
                # advice never moves the status: beside a finding for, the factor still meets
                verdict = decide(number, [_finding(meta), _any_for(number)])
                assert verdict.status is Status.MEETS, rule
                continue
            if line.outcome is Outcome.NOTHING:
                assert meta.effect is Effect.INCONCLUSIVE, rule
                verdict = decide(number, [_finding(meta)])
            elif line.outcome is Outcome.MEETS:
                assert meta.polarity is Polarity.FOR, rule
                verdict = decide(number, [_finding(meta)])
            elif line.outcome is Outcome.PARTIAL:
                # a rule declared strong that a hit can lower still lands here at moderate strength
                strength = Strength.MODERATE if meta.strength is Strength.STRONG else None
                verdict = decide(number, [_finding(meta, strength), _any_for(number)])
            else:
                verdict = decide(number, [_finding(meta), _any_for(number)])
            assert verdict.status is EXPECTED[line.outcome], (rule, line.outcome, verdict.status)


def test_explain_prints_the_factor_table_in_english_and_portuguese():
    from click.testing import CliRunner

    from twelve.cli import main

    result = CliRunner().invoke(main, ["explain", "F05", "--lang", "en"])
    assert result.exit_code == 0, result.output
    table = result.output.split("How the status is decided")[1].split("Rules that check it")[0]
    assert "Does not meet" in table and "F05-S07" in table and "Meets" in table
    result = CliRunner().invoke(main, ["explain", "V", "--lang", "pt-BR"])
    assert result.exit_code == 0, result.output
    assert "Como o status é decidido" in result.output and "Não atende" in result.output
