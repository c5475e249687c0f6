"""`twelve explain` (a factor by number, roman numeral, key or code; a rule by id) and `twelve rules`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from twelve.cli import main
from twelve.locale import Catalog
from twelve.rules import all_rules


def explain(*args):
    return CliRunner().invoke(main, ["explain", *args])


@pytest.mark.parametrize("token", ["3", "III", "iii", "config", "F03"])
def test_a_factor_by_any_name(token):
    result = explain(token, "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Factor III: Config"
    assert lines[1] == "Store config in the environment"
    assert "Methodology: https://12factor.net/config" in lines
    assert "What it requires" in lines and "Anti-patterns" in lines and "Rules that check it" in lines
    assert any(line.startswith("  - Configuration written as constants in the code") for line in lines)
    assert any(line.startswith("  F03-S02 ") for line in lines)


def test_a_rule_by_id_gives_motivation_remediation_and_its_factor():
    result = explain("f05-s7", "--lang", "en")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(
        "Rule F05-S07: The documented deploy builds on the production machine: ‹doc› clones the code there"
    )
    assert "Factor V (Build, release, run) · against · moderate · canonical" in text
    assert "Motivation\n  Code is never changed at run time" in text
    assert "Remediation\n  Replace the manual procedure in ‹doc› by a pipeline" in text
    assert "Factor V: Build, release, run" in text and "Anti-patterns" in text


def test_a_rule_in_favour_has_nothing_to_fix():
    text = explain("F01-S01", "--lang", "en").stdout
    assert "nothing to fix when it fires" in text


def test_explain_in_portuguese():
    text = explain("IX", "--lang", "pt-BR").stdout
    assert text.startswith("Fator IX: ") and "Descartabilidade" in text
    assert "O que o fator exige" in text and "Antipadrões" in text and "SIGTERM" in text
    assert "https://12factor.net/pt_br/disposability" in text
    rule = explain("F03-S02", "--lang", "pt-BR").stdout
    assert "Motivação" in rule and "Como corrigir" in rule


def test_explain_as_json():
    data = json.loads(explain("F09-S11", "--format", "json", "--lang", "en").stdout)
    assert data["rule"]["id"] == "F09-S11" and data["rule"]["factor"] == 9
    assert data["rule"]["motivation"] and data["rule"]["remediation"]
    assert data["factor"]["roman"] == "IX" and len(data["factor"]["anti_patterns"]) >= 3
    assert any(r["id"] == "F09-S11" for r in data["factor"]["rules"])


@pytest.mark.parametrize("token", ["13", "XIII", "nonsense", "F03-S999"])
def test_an_unknown_topic_is_a_usage_error(token):
    result = explain(token, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"twelve: error: “{token}” is neither a factor")


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_every_factor_has_its_explanation(lang):
    catalog = Catalog(lang)
    for number in range(1, 13):
        assert catalog.has(f"explain.factor.{number}.requires")
        assert catalog.has(f"explain.factor.{number}.anti_1") and catalog.has(f"explain.factor.{number}.anti_3")


def test_rules_lists_the_whole_catalogue():
    result = CliRunner().invoke(main, ["rules", "--lang", "en"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["RULE", "FACTOR", "POLARITY", "STRENGTH", "BASIS"]
    assert lines[-1] == f"{len(all_rules())} rules"
    row = next(line for line in lines if line.startswith("F03-S02 "))
    assert row.split()[1:5] == ["III", "against", "strong", "canonical"]


def test_rules_as_json_and_by_factor():
    rows = json.loads(CliRunner().invoke(main, ["rules", "--format", "json", "--lang", "en"]).stdout)
    assert [r["id"] for r in rows] == [r.meta.id for r in all_rules()]
    row = next(r for r in rows if r["id"] == "F03-S02")
    assert (row["factor"], row["roman"], row["polarity"], row["basis"]) == (3, "III", "against", "canonical")
    assert row["summary"] and "\n" not in row["summary"] and row["link"] == "https://12factor.net/config"
    only = json.loads(CliRunner().invoke(main, ["rules", "--format", "json", "--factor", "VII"]).stdout)
    assert only and {r["factor"] for r in only} == {7}
    assert CliRunner().invoke(main, ["rules", "--factor", "13"]).exit_code == 2
