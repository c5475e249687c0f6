"""Issue 11, A: the analyzed repository must not be able to switch the gate off.

A committed `.twelve.toml` (or `[tool.twelve]` in pyproject.toml) is the repository's, hence
hostile: the command line's options win over it, whatever it deselects or excludes is stated in
every report format, and a run that analysed nothing, or whose factors the configuration left
unassessed, never passes a gate."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from helpers import make_repo, write_tree
from twelve.cli import main
from twelve.config import discover

SCHEMA = json.loads(resources.files("twelve.schema").joinpath("report-v1.schema.json").read_text(encoding="utf-8"))

APP = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nPASSWORD = 'hunter2hunter2'\nX = os.getenv('X')\n",
    "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n",
}
FORMATS = ("text", "markdown", "json", "html", "sarif")


def check(path, *args):
    return CliRunner().invoke(main, ["check", str(path), "--no-progress", *args])


@pytest.fixture(
    params=[
        (".twelve.toml", 'ignore = ["F"]\n'),
        (".twelve.toml", 'exclude = ["**"]\n'),
        (".twelve.toml", 'exclude = ["*"]\n'),
        ("pyproject.toml", '[tool.twelve]\nignore = ["F"]\n'),
        ("pyproject.toml", '[tool.twelve]\nselect = ["F01-S"]\n'),
    ],
    ids=["ignore-all", "exclude-all", "exclude-star", "pyproject-ignore", "pyproject-select-one"],
)
def switched_off(request, tmp_path):
    name, text = request.param
    return make_repo(tmp_path, {**APP, name: text})


def test_a_committed_configuration_that_deselects_everything_fails_the_gate(switched_off):
    for gate in (["--fail-on", "partial"], ["--fail-on", "does_not_meet"], ["--min-meets", "0"]):
        result = check(switched_off, "--format", "json", *gate)
        assert result.exit_code == 1, (gate, result.output)
        data = json.loads(result.stdout)
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
        assert data["policy"]["passed"] is False
        kinds = {v["kind"] for v in data["policy"]["violations"]}
        assert kinds & {"nothing_analyzed", "not_assessed"}, kinds


def test_without_a_gate_the_run_still_exits_0(switched_off):
    assert check(switched_off, "--format", "json").exit_code == 0


def test_the_command_line_select_wins_over_the_files_ignore(tmp_path):
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'ignore = ["F"]\n'})
    result = check(repo, "--format", "json", "--select", "F03")
    data = json.loads(result.stdout)
    rules = {x["rule"] for f in data["factors"] for x in f["findings"]}
    assert any(r.startswith("F03") for r in rules), rules
    assert data["factors"][2]["status"] != "inconclusive"


def test_the_command_line_exclude_and_ignore_replace_the_files_lists(tmp_path):
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'exclude = ["**"]\nignore = ["F03"]\n'})
    data = json.loads(check(repo, "--format", "json", "--exclude", "nothing-here/", "--ignore", "F12").stdout)
    assert data["coverage"]["files_analyzed"] >= 3
    assert any(x["rule"].startswith("F03") for f in data["factors"] for x in f["findings"])
    assert set(data["selection"]["overridden"]) == {"exclude", "ignore"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_states_what_the_configuration_deselects_and_excludes(tmp_path, fmt):
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'ignore = ["F03", "F05-S6"]\nexclude = ["legacy/**"]\n'})
    result = check(repo, "--format", fmt, "--no-color")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for word in ("F03", "F05-S06", "legacy/**", ".twelve.toml"):
        assert word in out, (fmt, word)
    if fmt == "json":
        data = json.loads(out)
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
        sel = data["selection"]
        assert sel["config"]["ignore"] == ["F03", "F05-S06"] and sel["config"]["exclude"] == ["legacy/**"]
        assert sel["not_assessed"] == [3] and "F03-S02" in sel["rules_not_run"]
    if fmt == "sarif":
        notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        texts = " ".join(n["message"]["text"] for n in notes)
        assert "F03" in texts and "legacy/**" in texts and ".twelve.toml" in texts


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_configuration_that_only_waives_says_nothing_more(tmp_path, fmt):
    """A plain configuration (no narrowing) adds no statement: reports stay as they were."""
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'lang = "en"\n'})
    out = check(repo, "--format", fmt, "--no-color").stdout
    if fmt == "json":
        assert "selection" not in json.loads(out)
    assert "not assessed" not in out.lower()


def test_a_factor_left_unassessed_by_the_configuration_fails_the_gate(tmp_path):
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'ignore = ["F03"]\n'})
    result = check(repo, "--format", "json", "--fail-on", "does_not_meet")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(v["kind"], v["factor"]) for v in data["policy"]["violations"]] == [("not_assessed", 3)]
    assert "III" in result.stderr


def test_a_factor_the_command_line_deselects_is_the_users_choice(tmp_path):
    """Deselected on the command line: stated, but the gate judges what the user asked for."""
    repo = make_repo(tmp_path, {**APP, "app.py": "import os\nX = os.getenv('X')\n"})
    result = check(repo, "--format", "json", "--select", "F01", "--fail-on", "does_not_meet", "--no-config")
    data = json.loads(result.stdout)
    assert result.exit_code == 0, data.get("policy")
    assert data["selection"]["not_assessed"] == list(range(2, 13))
    assert data["selection"]["config"] is None


def test_an_empty_directory_never_passes_a_gate(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = check(empty, "--format", "json", "--fail-on", "partial", "--no-config")
    assert result.exit_code == 1
    assert [v["kind"] for v in json.loads(result.stdout)["policy"]["violations"]] == ["nothing_analyzed"]
    assert check(empty, "--format", "json", "--no-config").exit_code == 0


def test_the_gate_in_the_action_cannot_be_undone_by_a_committed_config(tmp_path):
    """What the GitHub Action runs: SARIF to a file plus --fail-on; a config ignoring all fails."""
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'ignore = ["F"]\nexclude = ["**"]\n'})
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(repo),
            "--format",
            "sarif",
            "-o",
            str(tmp_path / "r.sarif"),
            "--fail-on",
            "partial",
            "--no-progress",
        ],
    )
    assert result.exit_code == 1
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    texts = [n["message"]["text"] for n in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    assert any("**" in t for t in texts)


# -- where the configuration is looked for -------------------------------------------------------


def test_a_target_without_git_does_not_pick_up_a_parent_config(tmp_path):
    outer = write_tree(tmp_path, {".twelve.toml": 'ignore = ["F"]\n'})
    target = write_tree(outer / "project", APP)
    assert discover(str(target)) is None
    data = json.loads(check(target, "--format", "json").stdout)
    assert "config_file" not in data and "selection" not in data


def test_a_target_without_git_reads_its_own_config(tmp_path):
    target = write_tree(tmp_path / "project", {**APP, ".twelve.toml": 'lang = "pt-BR"\n'})
    assert discover(str(target)) == str(target / ".twelve.toml")


def test_inside_a_repository_the_lookup_stops_at_its_root(tmp_path):
    outer = write_tree(tmp_path, {".twelve.toml": 'ignore = ["F"]\n'})
    repo = write_tree(outer / "repo", {"services/api/app.py": "x = 1\n", ".twelve.toml": 'lang = "en"\n'})
    (repo / ".git").mkdir()
    assert discover(str(repo / "services" / "api")) == str(repo / ".twelve.toml")
    (repo / ".twelve.toml").unlink()
    assert discover(str(repo / "services" / "api")) is None
