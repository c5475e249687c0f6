"""Configuration: found by walking up from the target (stopping at the repository root), read
from .twelve.toml or pyproject.toml [tool.twelve], every mistake an error naming file and key."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from click.testing import CliRunner

from helpers import make_repo, write_tree
from twelve.cli import main
from twelve.config import Config, ConfigError, WaiverRule, discover, load
from twelve.locale import Catalog
from twelve.pipeline import Options, assess

APP = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nX = os.getenv('X')\n",
    "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n",
    "legacy/old.py": "import subprocess\nsubprocess.run(['convert', 'a', 'b'])\n",
}


def error_of(tmp_path, text: str, name: str = ".twelve.toml") -> ConfigError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(str(path), shown=name)
    return caught.value


def rendered(error: ConfigError, lang: str = "en") -> str:
    return Catalog(lang).render(error.message)


# -- reading ----------------------------------------------------------------------------------------


def test_a_complete_twelve_toml(tmp_path):
    path = tmp_path / ".twelve.toml"
    path.write_text(
        """
exclude = ["legacy/**"]
select = ["f03", "F05-S"]
ignore = ["F05-S6"]
lang = "pt_BR"
profile = "canonical"
fail-on = "partial"
min-meets = 9
waivers = [
  {rule = "f05-s7", path = "README.md", reason = "deploys go through the pipeline", expires = 2030-01-31},
  {rule = "F03-S02", reason = "a test value", expires = "2031-02-01"},
]
""",
        encoding="utf-8",
    )
    config = load(str(path))
    assert config.exclude == ("legacy/**",)
    # a whole id written before the renumbering is read as the id of the rule that took it over
    assert config.select == ("F03", "F05-S") and config.ignore == ("F05-S06",)
    assert (config.lang, config.profile, config.fail_on, config.min_meets) == ("pt-BR", "canonical", "partial", 9)
    assert config.waivers == (
        WaiverRule("F05-S07", "deploys go through the pipeline", "README.md", dt.date(2030, 1, 31), "waivers[0]"),
        WaiverRule("F03-S02", "a test value", None, dt.date(2031, 2, 1), "waivers[1]"),
    )


def test_pyproject_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.twelve]\nignore = ["F05-S6"]\n', encoding="utf-8")
    assert load(str(path)).ignore == ("F05-S06",)


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('colour = "red"\n', "colour", "unknown key"),
        ('exclude = "legacy"\n', "exclude", "expected a list of strings"),
        ("exclude = [1]\n", "exclude[0]", "expected a string"),
        ('select = ["F99"]\n', "select[0]", "no rule id starts with “F99”"),
        ('ignore = ["nonsense"]\n', "ignore[0]", "no rule id starts with"),
        ('lang = "fr"\n', "lang", "unknown language “fr”"),
        ('profile = "next"\n', "profile", "only canonical"),
        ('fail-on = "meets"\n', "fail-on", "expected does_not_meet or partial"),
        ("min-meets = 13\n", "min-meets", "from 0 to 12"),
        ("min-meets = true\n", "min-meets", "from 0 to 12"),
        ('waivers = {rule = "F03-S02"}\n', "waivers", "expected a list of tables"),
        ('waivers = ["F03-S02"]\n', "waivers[0]", "expected a table"),
        ('waivers = [{reason = "x"}]\n', "waivers[0].rule", "needs the id of the rule"),
        ('waivers = [{rule = "F03-S02"}]\n', "waivers[0].reason", "needs a reason"),
        ('waivers = [{rule = "F03-S02", reason = "   "}]\n', "waivers[0].reason", "needs a reason"),
        ('waivers = [{rule = "F03", reason = "x"}]\n', "waivers[0].rule", "is not a rule id"),
        ('waivers = [{rule = "F03-S02", reason = "x", until = 2030-01-01}]\n', "waivers[0].until", "unknown key"),
        ('waivers = [{rule = "F03-S02", reason = "x", expires = "soon"}]\n', "waivers[0].expires", "expected a date"),
        ("select = [\n", "", "not valid TOML"),  # the whole file: no key, and no stray "-:" (issue 12)
    ],
)
def test_mistakes_name_the_file_and_the_key(tmp_path, text, key, words):
    error = error_of(tmp_path, text)
    assert (error.file, error.key) == (".twelve.toml", key)
    message = rendered(error)
    assert message.startswith(f".twelve.toml: {key}: " if key else ".twelve.toml: ") and words in message
    assert ": -:" not in message


def test_mistakes_in_pyproject_carry_the_table_prefix(tmp_path):
    error = error_of(tmp_path, '[tool.twelve]\nwaivers = [{rule = "F03-S02"}]\n', "pyproject.toml")
    assert error.key == "tool.twelve.waivers[0].reason"
    assert "precisa de um motivo" in rendered(error, "pt-BR")


def test_an_explicit_pyproject_without_the_table_is_an_error(tmp_path):
    assert error_of(tmp_path, '[project]\nname = "x"\n', "pyproject.toml").key == "tool.twelve"


# -- finding it ----------------------------------------------------------------------------------


def test_discovery_walks_up_and_prefers_the_dotfile(tmp_path):
    root = write_tree(tmp_path / "repo", {"pyproject.toml": "[tool.twelve]\n", "services/api/app.py": "x = 1\n"})
    (root / ".git").mkdir()
    assert discover(str(root / "services" / "api")) == str(root / "pyproject.toml")
    (root / "services" / ".twelve.toml").write_text("", encoding="utf-8")
    assert discover(str(root / "services" / "api")) == str(root / "services" / ".twelve.toml")


def test_discovery_passes_over_pyprojects_without_the_table_and_stops_at_the_repository(tmp_path):
    outer = write_tree(tmp_path, {".twelve.toml": 'lang = "pt-BR"\n'})
    repo = write_tree(
        outer / "repo",
        {"pyproject.toml": "[project]\nname = 'x'\n[tool.ruff]\n", "sub/pyproject.toml": "this is [not toml\n"},
    )
    assert discover(str(repo / "sub")) is None  # no .git: only the target directory itself
    (repo / ".git").mkdir()
    assert discover(str(repo / "sub")) is None  # the repository's root is the boundary
    (repo / ".twelve.toml").write_text("", encoding="utf-8")
    assert discover(str(repo / "sub")) == str(repo / ".twelve.toml")


def test_a_symlinked_config_is_refused(tmp_path):
    secret = tmp_path / "outside.toml"
    secret.write_text('lang = "en"\n', encoding="utf-8")
    repo = make_repo(tmp_path, APP)
    (repo / ".twelve.toml").symlink_to(secret)
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json"])
    assert result.exit_code == 2 and ".twelve.toml: cannot read the file" in result.output
    assert CliRunner().invoke(main, ["check", str(repo), "--format", "json", "--no-config"]).exit_code == 0


# -- applying it -----------------------------------------------------------------------------------


def test_the_configuration_applies_exclude_select_and_ignore(tmp_path):
    repo = make_repo(
        tmp_path, {**APP, ".twelve.toml": 'exclude = ["legacy/**"]\nselect = ["F02", "F03"]\nignore = ["F03-S"]\n'}
    )
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["config_file"] == ".twelve.toml"
    rules = {x["rule"] for f in data["factors"] for x in f["findings"]}
    assert rules and all(r.startswith(("F02", "F03")) for r in rules)
    assert not any(r.startswith("F03-S") for r in rules)
    paths = {l["path"] for f in data["factors"] for x in f["findings"] for l in x["locations"]}
    assert not any(p.startswith("legacy/") for p in paths)
    # without the configuration, the excluded file is read
    plain = json.loads(CliRunner().invoke(main, ["check", str(repo), "--format", "json", "--no-config"]).output)
    assert "config_file" not in plain
    assert any(l["path"].startswith("legacy/") for f in plain["factors"] for x in f["findings"] for l in x["locations"])


def test_command_line_lists_replace_the_configurations(tmp_path):
    """The command line wins (issue 11): its rule selection replaces the file's, its excludes too."""
    repo = make_repo(tmp_path, APP)
    config = Config(file="x.toml", ignore=("F02",), exclude=("legacy/**",))
    options = Options(config=config, ignore=("F03",)).effective()
    assert options.ignore == ("F03",) and options.exclude == ("legacy/**",)
    assert Options(config=config, ignore=("F03",)).overridden() == ("ignore",)
    found = {
        f.rule for v in assess(str(repo), Options(config=config, ignore=("F03",))).main.verdicts for f in v.findings
    }
    assert not any(r.startswith("F03") for r in found) and any(r.startswith("F02") for r in found)


def test_lang_from_the_configuration_unless_given(tmp_path):
    repo = make_repo(tmp_path, {**APP, "pyproject.toml": '[tool.twelve]\nlang = "pt-BR"\n'})
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "markdown"])
    assert "| FATOR | STATUS | JUSTIFICATIVA |" in result.output
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "markdown", "--lang", "en"])
    assert "| FACTOR | STATUS | JUSTIFICATION |" in result.output


def test_explicit_config_file(tmp_path):
    repo = make_repo(tmp_path, APP)
    config = tmp_path / "team.toml"
    config.write_text('select = ["F03"]\n', encoding="utf-8")
    data = json.loads(
        CliRunner().invoke(main, ["check", str(repo), "--format", "json", "--config", str(config)]).output
    )
    assert {x["rule"][:3] for f in data["factors"] for x in f["findings"]} == {"F03"}
    assert data["config_file"] == str(config)


def test_a_configuration_mistake_is_exit_code_2_with_file_and_key(tmp_path):
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'waivers = [{rule = "F03-S02"}]\n'})
    result = CliRunner().invoke(main, ["check", str(repo)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "twelve: error: .twelve.toml: waivers[0].reason: a waiver needs a reason: say why the finding does not apply"
    )
    assert "Traceback" not in result.output
    missing = CliRunner().invoke(main, ["check", str(repo), "--config", str(tmp_path / "nope.toml")])
    assert missing.exit_code == 2 and "nope.toml: cannot read the file" in missing.output


def test_the_config_file_is_not_analyzed_as_a_finding_source(tmp_path):
    repo = make_repo(tmp_path, {**APP, ".twelve.toml": 'ignore = ["F05-S6"]\n'})
    assert os.path.exists(repo / ".twelve.toml")
    assert assess(str(repo)).internal_errors == ()
