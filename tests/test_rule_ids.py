"""Rule ids: selectors, old ids and unknown ids (twelve.rules.ids)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from twelve.cli import main
from twelve.rules import all_rules
from twelve.rules.ids import UnknownRule, canonical, resolve, selection

IDS = ("F05-S01", "F05-S02", "F05-S10", "F05-S11", "F05-AP01", "F03-S01")


def test_a_prefix_selects_every_id_it_starts_and_a_whole_id_only_itself():
    assert resolve("F05-S", IDS) == {"F05-S01", "F05-S02", "F05-S10", "F05-S11"}
    assert resolve("f05-s0", IDS) == {"F05-S01", "F05-S02"}
    assert resolve("F05-S01", IDS) == {"F05-S01"}
    assert resolve("F05", IDS) == {"F05-S01", "F05-S02", "F05-S10", "F05-S11", "F05-AP01"}
    # F05-S1 is the old id of F05-S01: it selects that rule only, never the ids it is a prefix of
    assert resolve("F05-S1", IDS) == {"F05-S01"}
    assert selection(["F05"], ["F05-S1"], IDS) == {"F05-S02", "F05-S10", "F05-S11", "F05-AP01"}
    assert selection(["F05"], ["F05-S1", "F05-S02"], IDS) == {"F05-S10", "F05-S11", "F05-AP01"}
    assert selection([], ["F05"], IDS) == {"F03-S01"}


@pytest.mark.parametrize("selector", ["F99", "bogus", "F05-S9", ""])
def test_a_selector_that_selects_nothing_is_an_error(selector):
    with pytest.raises(UnknownRule):
        resolve(selector, IDS)


def test_every_id_the_rules_replaced_names_exactly_the_rule_that_took_it_over():
    for rule in all_rules():
        assert canonical(rule.meta.id) == rule.meta.id
        assert canonical(rule.meta.id.lower()) == rule.meta.id
        for old in rule.meta.replaces:
            assert canonical(old) == rule.meta.id
            assert resolve(old) == {rule.meta.id}


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("value", ["F99", "bogus"])
def test_unknown_selectors_on_the_command_line_exit_2(tmp_path, option, value):
    (tmp_path / "app.py").write_text("print('hi')\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), option, value, "--no-cache", "--lang", "en"])
    assert result.exit_code == 2
    assert f"{option} {value}: no rule id is or starts with “{value}”" in result.stderr


def test_selectors_are_case_insensitive_on_the_command_line(tmp_path):
    (tmp_path / "app.py").write_text("import os\nDB = os.environ['DB']\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--select", "f03", "--no-cache", "--format", "json"])
    assert result.exit_code == 0, result.output


def test_every_rule_has_a_fixed_width_id_and_a_complete_docstring():
    from twelve.docgen import missing_sections
    from twelve.rules.ids import ID

    assert [r.meta.id for r in all_rules() if not ID.match(r.meta.id)] == []
    assert [(r.meta.id, missing_sections(r.doc)) for r in all_rules() if missing_sections(r.doc)] == []


def test_every_rule_lives_in_its_factor_package():
    for rule in all_rules():
        assert rule.module.startswith(f"twelve.rules.f{rule.meta.factor:02d}."), (rule.meta.id, rule.module)


def test_ignoring_an_old_id_drops_exactly_the_rule_that_replaced_it():
    old = "F05-S1"  # once a prefix of F05-S10, F05-S11 and F05-S12 too
    assert resolve(old) == {"F05-S01"}
    assert selection([], [old]) == frozenset(r.meta.id for r in all_rules()) - {"F05-S01"}
