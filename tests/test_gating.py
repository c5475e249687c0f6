"""The exit-code policy: --fail-on and --min-meets (or fail-on / min-meets in the configuration)
make the exit code 1 when violated, 0 otherwise; 2 and 3 keep their meanings."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from helpers import ROOT
from materialize import materialize
from twelve.cli import main
from twelve.model import (
    AppAssessment,
    Basis,
    Confidence,
    FactorVerdict,
    Polarity,
    Status,
    Strength,
)
from twelve.policy import evaluate
from twelve.rules.registry import Rule, RuleMeta

SCHEMA = json.loads(resources.files("twelve.schema").joinpath("report-v1.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    dest = tmp_path_factory.mktemp("gate") / "togglemaster-monolith"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(dest))
    return dest


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    """A repository with factors that do not meet (III: a committed credential; VI: sticky sessions
    and local uploads); the example has none since factor V's documented EC2 deploy is partial."""
    dest = tmp_path_factory.mktemp("gate") / "deploy-violations"
    materialize(str(ROOT / "tests" / "fixtures" / "deploy-violations"), str(dest))
    return dest


@pytest.fixture(scope="module")
def compliant(tmp_path_factory):
    dest = tmp_path_factory.mktemp("gate") / "py-compliant"
    materialize(str(ROOT / "tests" / "fixtures" / "py-compliant"), str(dest), tags=("v1.0.0",))
    return dest


def check(path, *args):
    return CliRunner().invoke(main, ["check", str(path), "--no-config", *args])


def test_without_a_policy_the_verdicts_do_not_change_the_exit_code(example):
    result = check(example, "--format", "json")
    assert result.exit_code == 0
    assert "policy" not in json.loads(result.stdout)


def test_fail_on_does_not_meet(violations, example):
    assert check(example, "--format", "json", "--fail-on", "does_not_meet").exit_code == 0  # partial at worst
    result = check(violations, "--format", "json", "--fail-on", "does_not_meet")
    assert result.exit_code == 1
    data = json.loads(result.stdout)  # the report is complete even when the gate fails
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["policy"]["passed"] is False and data["policy"]["fail_on"] == "does_not_meet"
    assert [(v["kind"], v["factor"], v["app"]) for v in data["policy"]["violations"]] == [
        ("fail_on", 3, "."),
        ("fail_on", 6, "."),
        ("fail_on", 8, "."),
    ]
    assert result.stderr.strip().splitlines()[0] == (
        "twelve: policy: deploy-violations: factor III has the status "
        "“does not meet”, which --fail-on does_not_meet does not accept"
    )


def test_fail_on_partial_also_counts_partial_factors(example):
    result = check(example, "--format", "json", "--fail-on", "partial", "--lang", "pt-BR")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [v["factor"] for v in data["policy"]["violations"]] == [5, 8, 9, 10, 12]
    assert "o fator IX está com status “atende parcialmente”" in result.stderr


def test_min_meets(example):
    meets = json.loads(check(example, "--format", "json").stdout)["summary"]["meets"]
    assert check(example, "--format", "json", "--min-meets", str(meets)).exit_code == 0
    result = check(example, "--format", "json", "--min-meets", str(meets + 1))
    assert result.exit_code == 1
    violation = json.loads(result.stdout)["policy"]["violations"]
    assert violation == [
        {
            "kind": "min_meets",
            "app": ".",
            "factor": None,
            "message": f"togglemaster-monolith: {meets} factors meet, fewer than --min-meets {meets + 1}",
        }
    ]


def test_a_passing_policy_exits_0_and_says_so(compliant):
    data = json.loads(check(compliant, "--format", "json").stdout)
    assert data["summary"]["does_not_meet"] == 0
    result = check(compliant, "--format", "json", "--fail-on", "does_not_meet", "--min-meets", "1")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["policy"] == {
        "fail_on": "does_not_meet",
        "min_meets": 1,
        "passed": True,
        "violations": [],
    }
    assert result.stderr == ""


def test_every_format_gates_the_same_way(violations, tmp_path):
    for fmt in ("text", "markdown", "html", "sarif", "badge"):
        result = check(violations, "--format", fmt, "-o", str(tmp_path / f"report.{fmt}"), "--fail-on", "does_not_meet")
        assert result.exit_code == 1, fmt
    assert "The policy is not met" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_the_policy_from_the_configuration_and_the_command_line_wins(example, tmp_path):
    repo = tmp_path / "repo"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(repo))
    (repo / ".twelve.toml").write_text('fail-on = "partial"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["policy"]["fail_on"] == "partial"
    (repo / ".twelve.toml").write_text("min-meets = 0\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(repo), "--format", "json"]).exit_code == 0
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json", "--fail-on", "partial"])
    assert result.exit_code == 1 and json.loads(result.stdout)["policy"]["min_meets"] == 0


def test_a_waiver_is_how_a_team_passes_the_gate(tmp_path):
    repo = tmp_path / "repo"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(repo))
    (repo / ".twelve.toml").write_text('fail-on = "partial"\nmin-meets = 0\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(repo), "--format", "json"]).exit_code == 1
    (repo / ".twelve.toml").write_text(
        'fail-on = "partial"\nwaivers = [{rule = "F05-S7", reason = "the EC2 guide is history"},\n'
        '  {rule = "F05-AP2", reason = "releases are tagged by the platform"},\n'
        '  {rule = "F09-S11", reason = "the database is always up first"},\n'
        '  {rule = "F10-S10", reason = "the EC2 guide is history"},\n'
        '  {rule = "F08-AP02", reason = "one container per host is the formation"},\n'
        '  {rule = "F12-S08", reason = "init-db is idempotent"}]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["policy"]["passed"] is True


def test_usage_errors_keep_exit_code_2(example):
    assert check(example, "--fail-on", "meets").exit_code == 2
    assert check(example, "--min-meets", "13").exit_code == 2
    assert check(example, "--min-meets", "-1").exit_code == 2


def test_an_internal_error_wins_over_the_policy(example, monkeypatch):
    import twelve.pipeline

    def broken(_facts):
        raise RuntimeError("boom")

    bad = Rule(RuleMeta("F01-S99", 1, Polarity.FOR, Strength.WEAK, Basis.ADVICE, ("any",)), broken)
    rules = twelve.pipeline.all_rules()
    monkeypatch.setattr(twelve.pipeline, "all_rules", lambda: rules + (bad,))
    result = check(example, "--format", "json", "--fail-on", "partial")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["policy"]["passed"] is False


def _app(statuses):
    verdicts = tuple(FactorVerdict(n, s, Confidence.LOW, (), ()) for n, s in enumerate(statuses, start=1))
    return AppAssessment(".", "demo", (), verdicts)


def test_not_applicable_never_fails_the_gate_and_inconclusive_only_the_strict_one():
    """Issue 12: --fail-on partial asks every factor to be shown to meet, so an inconclusive one
    fails it; --fail-on does_not_meet fails only on a shown failure."""
    app = _app([Status.MEETS] * 6 + [Status.NOT_APPLICABLE] * 6)
    assert evaluate([app], "partial", None).passed
    assert not evaluate([app], "partial", 7).passed
    assert evaluate([app], None, None) is None
    mixed = _app([Status.INCONCLUSIVE] * 6 + [Status.NOT_APPLICABLE] * 6)
    assert not evaluate([mixed], "partial", None).passed
    assert evaluate([mixed], "does_not_meet", None).passed


def test_the_policy_applies_to_every_app():
    good, bad = _app([Status.MEETS] * 12), _app([Status.MEETS] * 11 + [Status.DOES_NOT_MEET])
    bad = AppAssessment("services/api", "services/api", (), bad.verdicts)
    result = evaluate([good, bad], "does_not_meet", 12)
    assert [(v.kind, v.app, v.factor) for v in result.violations] == [
        ("fail_on", "services/api", 12),
        ("min_meets", "services/api", None),
    ]
