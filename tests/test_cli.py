from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from helpers import make_repo
from twelve import __version__
from twelve.cli import main

APP = {
    "requirements.txt": "flask==3.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nX = os.getenv('X')\n",
}


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"twelve {__version__}"


def test_missing_path_is_a_usage_error_without_traceback(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.output.strip() == f"twelve: error: path does not exist: {tmp_path / 'nope'}"
    assert "Traceback" not in result.output


def test_file_path_is_a_usage_error(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("x")
    result = CliRunner().invoke(main, ["check", str(target)])
    assert result.exit_code == 2 and "not a directory" in result.output


def test_unknown_option_is_a_usage_error():
    assert CliRunner().invoke(main, ["check", "--bogus"]).exit_code == 2
    assert CliRunner().invoke(main, ["check", "--format", "yaml"]).exit_code == 2


def test_check_defaults_to_the_current_directory(tmp_path, monkeypatch):
    repo = make_repo(tmp_path, APP)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["target"]["path"] == "."


def test_json_output_to_a_file(tmp_path):
    repo = make_repo(tmp_path, APP)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0
    data = json.loads(out.read_text())
    assert [f["roman"] for f in data["factors"]] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
    ]
    assert "Report written to" in result.output


def test_lang_from_environment_and_option(tmp_path, monkeypatch):
    repo = make_repo(tmp_path, APP)
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "markdown"])
    assert "| FATOR | STATUS | JUSTIFICATIVA |" in result.output
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "markdown", "--lang", "en"])
    assert "| FACTOR | STATUS | JUSTIFICATION |" in result.output
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "markdown"])
    assert "| FACTOR | STATUS | JUSTIFICATION |" in result.output


def test_no_colour_on_a_pipe_and_with_no_color(tmp_path):
    repo = make_repo(tmp_path, APP)
    result = CliRunner().invoke(main, ["check", str(repo)])
    assert result.exit_code == 0 and "\x1b[" not in result.output
    assert "Codebase" in result.output


def test_colour_only_when_forced_on_a_terminal(tmp_path):
    from twelve.pipeline import assess
    from twelve.report import render

    repo = make_repo(tmp_path, APP)
    coloured = render(assess(str(repo)), "text", "en", color=True)
    plain = render(assess(str(repo)), "text", "en", color=False)
    assert "\x1b[" in coloured and "\x1b[" not in plain


def test_python_dash_m_and_console_script(tmp_path):
    repo = make_repo(tmp_path, APP)
    env = {**os.environ, "LANG": "C.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "twelve", "check", str(repo), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tool"]["name"] == "twelve"


def test_schema_command_prints_the_schema():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["properties"]["schema_version"] == {"const": "1"}


def test_rules_command_lists_the_catalogue():
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    rows = json.loads(result.output)
    assert {"F03-S02", "F05-AP02", "F01-S01"} <= {r["id"] for r in rows}
    assert all(r["summary"] for r in rows)


def test_a_run_makes_the_cyclic_collector_run_less_often(tmp_path):
    import gc

    from twelve.cli import GC_THRESHOLDS

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        result = CliRunner().invoke(main, ["check", str(make_repo(tmp_path, APP)), "--format", "json"])
        assert result.exit_code in (0, 1)
        assert gc.get_threshold() == GC_THRESHOLDS
        assert GC_THRESHOLDS[0] > 700
    finally:
        gc.set_threshold(*before)
