"""Issue 12: defects of the command line a new user trips over (exit codes, options that
contradict each other, warnings), each reproduced here."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from helpers import make_repo
from twelve.cli import main

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nX = os.getenv('X')\n"}


def check(*args, **kwargs):
    return CliRunner().invoke(main, ["check", "--no-progress", "--no-cache", *args], **kwargs)


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path, APP)


def test_ctrl_c_exits_130_not_the_policy_code(repo, monkeypatch):
    import twelve.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(twelve.pipeline, "assess", interrupted)
    result = check(str(repo), "--no-config")
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output


# --- item 3: a factor whose rules were deselected is "not assessed", never judged on no evidence --

FORMATS = ("text", "markdown", "json", "html", "sarif")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_deselected_factor_says_not_assessed_in_every_format(tmp_path, fmt):
    repo = make_repo(tmp_path, APP)  # a git repository: "no version-control information" would be false
    out = check(str(repo), "--no-config", "--select", "F03", "--format", fmt, env={"COLUMNS": "400"}).stdout
    assert "No version-control information" not in out
    if fmt == "sarif":  # no per-factor verdicts there: the run's notifications say it
        assert "Not assessed (every rule deselected on the command line): factors I, II" in out
    else:
        assert "Not assessed: its rules were deselected (by --select / --ignore on the command line)" in out


def test_a_factor_deselected_by_the_configuration_names_the_file(tmp_path):
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'ignore = ["F01"]\n'})
    data = json.loads(check(str(repo), "--format", "json").stdout)
    first = data["factors"][0]
    assert first["status"] == "inconclusive"
    assert "Not assessed: its rules were deselected (by the configuration file .twelve.toml)" in first["justification"]


def test_a_deselected_factor_says_not_assessed_in_portuguese(tmp_path):
    repo = make_repo(tmp_path, APP)
    out = check(str(repo), "--no-config", "--select", "F03", "--lang", "pt-BR").stdout
    assert "Não avaliado" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit"])
@pytest.mark.parametrize(
    ("lang", "label", "wrong"), [("en", "Not assessed", "Inconclusive"), ("pt-BR", "Não avaliado", "Inconclusivo")]
)
def test_the_status_of_a_deselected_factor_reads_not_assessed_not_inconclusive(tmp_path, fmt, lang, label, wrong):
    repo = make_repo(tmp_path, APP)
    out = check(
        str(repo), "--no-config", "--select", "F03", "--format", fmt, "--lang", lang, env={"COLUMNS": "400"}
    ).stdout
    # every factor but III is deselected: none of them shows the status of a factor that was looked at
    assert label in out
    if fmt == "html":  # the legend of the chart still names every status; the factors' cells do not
        assert f'status-inconclusive">{label}<' in out
        assert f'status-inconclusive">{wrong}<' not in out
    else:
        assert wrong not in out


def test_the_json_status_of_a_deselected_factor_stays_inconclusive_for_scripts_and_gates(tmp_path):
    repo = make_repo(tmp_path, APP)
    data = json.loads(check(str(repo), "--no-config", "--select", "F03", "--format", "json").stdout)
    assert [f["status"] for f in data["factors"] if f["number"] != 3] == ["inconclusive"] * 11


# --- item 4: what a gate does with inconclusive factors, and a run that analysed nothing -------


def test_inconclusive_fails_the_strict_gate_but_not_the_lenient_one():
    from twelve.model import AppAssessment, Confidence, FactorVerdict, Status
    from twelve.policy import evaluate

    statuses = [Status.MEETS] * 11 + [Status.INCONCLUSIVE]
    app = AppAssessment(
        ".", "demo", (), tuple(FactorVerdict(n, s, Confidence.LOW, (), ()) for n, s in enumerate(statuses, start=1))
    )
    strict = evaluate([app], "partial", None, analyzed=3)
    assert [(v.kind, v.factor) for v in strict.violations] == [("fail_on", 12)]
    assert evaluate([app], "does_not_meet", None, analyzed=3).passed
    # deselected on the command line: the user's own choice, never a violation by itself
    assert evaluate([app], "partial", None, analyzed=3, deselected=(12,)).passed


def test_a_deselected_factor_does_not_fail_the_strict_gate(tmp_path):
    repo = make_repo(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nX = os.getenv('X')\n"})
    result = check(str(repo), "--no-config", "--select", "F03", "--fail-on", "partial", "--format", "json")
    data = json.loads(result.stdout)
    assert not any(v["factor"] not in (None, 3) for v in data["policy"]["violations"]), data["policy"]


@pytest.mark.parametrize("how", ["empty", "too-small"])
def test_nothing_analysed_is_a_warning_even_without_a_gate(tmp_path, how):
    target = tmp_path / "t"
    if how == "empty":
        target.mkdir()
        extra = ()
    else:
        target = make_repo(tmp_path, APP)
        extra = ("--max-file-size", "10")
    result = check(str(target), "--no-config", "--format", "json", *extra)
    assert result.exit_code == 0
    assert "No file was analysed" in result.stderr
    codes = [n["code"] for n in json.loads(result.stdout)["notices"]]
    assert codes == ["nothing_analyzed"]
    gated = check(str(target), "--no-config", "--format", "json", "--fail-on", "does_not_meet", *extra)
    assert gated.exit_code == 1


# --- item 12: options that contradict each other, config errors, SARIF, badge ----------------


@pytest.mark.parametrize("args", [("--config", "x.toml", "--no-config"), ("--cache-dir", "/tmp/x", "--no-cache")])
def test_contradicting_options_are_a_usage_error(repo, args):
    result = CliRunner().invoke(main, ["check", str(repo), "--no-progress", *args])
    assert result.exit_code == 2
    assert "contradict" in result.stderr and args[0] in result.stderr and args[-1] in result.stderr


def test_a_config_file_that_is_not_toml_has_no_stray_key(tmp_path):
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": "this is = not [toml\n"})
    result = check(str(repo))
    assert result.exit_code == 2
    assert ": -:" not in result.stderr and "-: " not in result.stderr
    assert ".twelve.toml: " in result.stderr


def test_sarif_points_to_no_repository_that_does_not_exist(repo):
    data = json.loads(check(str(repo), "--no-config", "--format", "sarif").stdout)
    assert "informationUri" not in data["runs"][0]["tool"]["driver"]


def test_a_monorepo_badge_says_which_app_it_shows(tmp_path):
    repo = make_repo(
        tmp_path,
        {
            "services/api/requirements.txt": "flask==3.0.0\n",
            "services/api/app.py": "x = 1\n",
            "services/web/package.json": '{"name": "web", "dependencies": {"express": "4.19.2"}}\n',
            "services/web/index.js": "require('express')\n",
        },
    )
    data = json.loads(check(str(repo), "--no-config", "--format", "json").stdout)
    assert len(data["apps"]) > 1
    svg = check(str(repo), "--no-config", "--format", "badge").stdout
    main_app = data["apps"][0]["name"]
    assert f"12-factor · {main_app}" in svg
    assert f"(app {main_app}, one of {len(data['apps'])} in the repository)" in svg


# --- features: --color, -q, -v, --app ----------------------------------------------------------


def test_colour_follows_the_option_then_no_color_then_force_color_then_the_terminal():
    from twelve.cli import _colour

    assert _colour("auto", False, True, {}) and not _colour("auto", False, False, {})
    assert _colour("auto", False, False, {"FORCE_COLOR": "1"})
    assert not _colour("auto", False, True, {"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert _colour("always", False, False, {"NO_COLOR": "1"})
    assert not _colour("never", False, True, {"FORCE_COLOR": "1"}) and not _colour("always", True, True, {})


def test_force_color_colours_a_piped_text_report(repo):
    coloured = check(str(repo), "--no-config", env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert "\x1b[" in coloured.stdout
    assert "\x1b[" not in check(str(repo), "--no-config", "--color", "never", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in check(str(repo), "--no-config", "--color", "always").stdout


def test_quiet_prints_only_the_report_and_verbose_says_what_was_read(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    quiet = check(str(empty), "--no-config", "-q", "-o", str(tmp_path / "r.json"), "--format", "json")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    loud = check(str(empty), "--no-config", "--format", "json")
    assert "No file was analysed" in loud.stderr
    repo = make_repo(tmp_path / "r", {**APP, "logo.png": "x"})
    verbose = check(str(repo), "--no-config", "-v", "--format", "json")
    assert "twelve: no configuration file" in verbose.stderr
    assert "twelve: app " in verbose.stderr and "(python)" in verbose.stderr
    assert "left out" in verbose.stderr
    assert check(str(repo), "-q", "-v").exit_code == 2


MONO = {
    "services/api/requirements.txt": "flask==3.0.0\n",
    "services/api/app.py": "import os\nX = os.getenv('X')\n",
    "services/web/package.json": '{"name": "web", "dependencies": {"express": "4.19.2"}}\n',
    "services/web/index.js": "require('express')\n",
}


def test_app_reports_and_gates_one_app_of_a_monorepo(tmp_path):
    repo = make_repo(tmp_path, MONO)
    everything = json.loads(check(str(repo), "--no-config", "--format", "json").stdout)
    names = [a["path"] for a in everything["apps"]]
    assert "services/web" in names
    one = check(str(repo), "--no-config", "--format", "json", "--app", "services/web", "--fail-on", "does_not_meet")
    data = json.loads(one.stdout)
    assert [a["path"] for a in data["apps"]] == ["services/web"]
    assert all(v["app"] == "services/web" for v in data["policy"]["violations"] if v["kind"] == "fail_on")
    unknown = check(str(repo), "--no-config", "--app", "nope")
    assert unknown.exit_code == 2 and "services/web" in unknown.stderr


# --- features: --baseline ------------------------------------------------------------------------


def test_a_baseline_accepts_the_findings_it_holds_and_gates_only_new_ones(tmp_path):
    app = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "import os\nDATABASE_URL = 'postgresql://admin:hunter2hunter2@db.prod.example.com/app'\n",
    }
    repo = make_repo(tmp_path, app)
    first = check(str(repo), "--no-config", "--format", "json", "--fail-on", "does_not_meet")
    assert first.exit_code == 1
    base = tmp_path / "baseline.json"
    base.write_text(first.stdout, encoding="utf-8")
    again = check(str(repo), "--no-config", "--format", "json", "--fail-on", "does_not_meet", "--baseline", str(base))
    assert again.exit_code == 0, again.stderr
    waived = [f for fa in json.loads(again.stdout)["factors"] for f in fa["findings"] if f.get("waived")]
    assert waived and all(f["waiver"]["source"] == "baseline" for f in waived)
    (repo / "worker.py").write_text("PASSWORD = 'S3cr3t-pr0d-passw0rd-9f8e7d'\nimport os\n", encoding="utf-8")
    from dulwich import porcelain

    porcelain.add(str(repo), [str(repo / "worker.py")])
    new = check(str(repo), "--no-config", "--format", "json", "--fail-on", "does_not_meet", "--baseline", str(base))
    assert new.exit_code == 1, new.stdout[-500:]


def test_a_baseline_that_is_not_a_report_is_a_usage_error(repo, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    result = check(str(repo), "--no-config", "--baseline", str(bad))
    assert result.exit_code == 2 and "not a twelve JSON report" in result.stderr
    assert check(str(repo), "--no-config", "--baseline", str(tmp_path / "missing.json")).exit_code == 2


# --- features: twelve waive ---------------------------------------------------------------------


def test_waive_writes_todays_findings_as_waivers_and_the_gate_then_passes(tmp_path):
    app = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "import os\nDATABASE_URL = 'postgresql://admin:hunter2hunter2@db.prod.example.com/app'\n",
    }
    repo = make_repo(tmp_path, app)
    assert check(str(repo), "--fail-on", "does_not_meet").exit_code == 1
    dry = CliRunner().invoke(main, ["waive", str(repo), "--reason", "legacy, tracked in JIRA-1", "--dry-run"])
    assert dry.exit_code == 0 and "[[waivers]]" in dry.stdout and not (repo / ".twelve.toml").exists()
    result = CliRunner().invoke(
        main, ["waive", str(repo), "--reason", "legacy, tracked in JIRA-1", "--expires", "2099-12-31"]
    )
    assert result.exit_code == 0, result.output
    text = (repo / ".twelve.toml").read_text(encoding="utf-8")
    assert 'reason = "legacy, tracked in JIRA-1"' in text and "expires = 2099-12-31" in text
    gated = check(str(repo), "--fail-on", "does_not_meet", "--format", "json")
    assert gated.exit_code == 0, gated.stderr


def test_waive_leaves_a_file_it_cannot_extend_unchanged(tmp_path):
    app = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "import os\nDATABASE_URL = 'postgresql://admin:hunter2hunter2@db.prod.example.com/app'\n",
        ".twelve.toml": 'waivers = [{rule = "F01-S01", reason = "an inline array: [[waivers]] cannot follow it"}]\n',
    }
    repo = make_repo(tmp_path, app)
    before = (repo / ".twelve.toml").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["waive", str(repo), "--reason", "legacy"])
    assert result.exit_code == 2 and "unchanged" in result.stderr
    assert (repo / ".twelve.toml").read_text(encoding="utf-8") == before
