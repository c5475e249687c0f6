"""Internal errors are contained: a rule that raises is recorded against its factor, an extractor
that raises becomes a coverage entry; the other factors are still assessed, the exit code is 3,
and the traceback is shown only with --debug. A crash outside rules and extractors is one line
and exit code 3, never a traceback without --debug."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import twelve.pipeline
from hostile import APP, write
from twelve.cli import main
from twelve.rules import all_rules
from twelve.rules.registry import Rule

RULE = "F07-S01"


@pytest.fixture()
def repo(tmp_path):
    write(
        tmp_path,
        {**APP, "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nPORT = os.environ['PORT']\n"},
    )
    return tmp_path


@pytest.fixture()
def broken_rule(monkeypatch):
    def explode(_facts):
        raise ZeroDivisionError("boom in a rule")

    rules = tuple(Rule(r.meta, explode) if r.meta.id == RULE else r for r in all_rules())
    assert any(r.meta.id == RULE for r in rules)
    monkeypatch.setattr(twelve.pipeline, "all_rules", lambda: rules)
    return next(r.meta for r in rules if r.meta.id == RULE)


@pytest.fixture()
def broken_extractor(monkeypatch):
    from twelve.facts import procfile

    def explode(_source):
        raise KeyError("boom in an extractor")

    monkeypatch.setattr(procfile, "extract", explode)


def _check(repo, *extra):
    return CliRunner().invoke(main, ["check", str(repo), "-f", "json", "--no-cache", "-j", "1", *extra])


def test_a_rule_that_raises_is_noted_on_its_factor_and_the_others_are_assessed(repo, broken_rule):
    result = _check(repo)
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    factor = data["factors"][broken_rule.factor - 1]
    assert any(RULE in e and "ZeroDivisionError" in e for e in factor["errors"])
    others = [f for f in data["factors"] if f["number"] != broken_rule.factor]
    assert all(f["status"] and not f["errors"] for f in others)
    assert any(f["status"] == "meets" for f in others)
    assert data["internal_errors"]
    assert "Traceback" not in result.output


def test_debug_shows_the_rule_traceback(repo, broken_rule):
    result = _check(repo, "--debug")
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "boom in a rule" in result.stderr
    assert "Traceback" not in result.stdout


def test_an_extractor_that_raises_is_contained(repo, broken_extractor):
    result = _check(repo)
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    errors = {e["path"]: e for e in data["coverage"]["errors"]}
    assert errors["Procfile"]["reason"] == "extractor_error"
    assert "KeyError" in errors["Procfile"]["detail"]
    assert any("Procfile" in e for e in data["internal_errors"])
    assert len(data["factors"]) == 12 and all(f["status"] for f in data["factors"])
    assert "Traceback" not in result.output


def test_debug_shows_the_extractor_traceback(repo, broken_extractor):
    result = _check(repo, "--debug")
    assert result.exit_code == 3
    assert "twelve.facts.procfile" in result.stderr and "Traceback" in result.stderr
    assert "boom in an extractor" in result.stderr


def test_the_text_report_names_the_internal_errors(repo, broken_rule):
    result = CliRunner().invoke(main, ["check", str(repo), "--no-cache", "-j", "1", "--lang", "en"])
    assert result.exit_code == 3
    assert RULE in result.stdout and "Traceback" not in result.output


def test_a_crash_outside_rules_and_extractors_is_one_line(repo, monkeypatch):
    def crash(*_args, **_kwargs):
        raise RuntimeError("unexpected state")

    monkeypatch.setattr(twelve.pipeline, "assess", crash)
    result = _check(repo)
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith("twelve: internal error (RuntimeError: unexpected state)")
    assert "--debug" in lines[0]
    result = _check(repo, "--debug")
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "unexpected state" in result.stderr
