"""A finding several apps report alike (the evidence lies in a file they share) is reported once,
in a repository-wide section, and each app's factor refers to it; each app's verdict still counts
it (issue 13, item 2: 83 MB of JSON on a tree of 117 apps, mostly one finding per app)."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources

import jsonschema
import pytest

from helpers import make_repo, run
from twelve.model import Status
from twelve.report import render, view

SCHEMA = json.loads(resources.files("twelve.schema").joinpath("report-v1.schema.json").read_text(encoding="utf-8"))

SECRET = "s3cretPassw0rd"
ENV_LINE = f"DATABASE_URL=postgres://admin:{SECRET}@db.internal:5432/app\n"


def _app(i: int) -> dict[str, str]:
    return {
        f"svc{i}/requirements.txt": "flask==3.0.0\ngunicorn==21.2.0\n",
        f"svc{i}/app.py": 'import os\nfrom flask import Flask\napp = Flask(__name__)\nPORT = os.environ["PORT"]\n',
        f"svc{i}/Procfile": "web: gunicorn app:app\n",
    }


THREE_APPS = {**_app(0), **_app(1), **_app(2), ".env": ENV_LINE}


@pytest.fixture(scope="module")
def assessment(tmp_path_factory):
    return run(make_repo(tmp_path_factory.mktemp("shared"), THREE_APPS))


def _env_findings(findings):
    return [f for f in findings if f.rule == "F03-S01" and f.locations and f.locations[0].path == ".env"]


def test_each_app_still_counts_the_shared_finding_in_its_verdict(assessment):
    assert [a.path for a in assessment.apps] == ["svc0", "svc1", "svc2"]
    for app in assessment.apps:
        config = app.verdict(3)
        assert config.status is Status.DOES_NOT_MEET
        assert len(_env_findings(config.findings)) == 1


def test_the_shared_finding_is_numbered_once_and_each_app_refers_to_it(assessment):
    shared = view.shared_findings(assessment)
    env = _env_findings(shared.findings)
    assert len(env) == 1
    number = shared.number[env[0]]
    assert shared.apps[env[0]] == 3
    for app in assessment.apps:
        assert number in shared.refs(app.verdict(3).findings)
        assert not _env_findings(shared.own(app.verdict(3).findings))
    # an absence placed at the root (".") speaks of each app: it stays with each app
    assert all(loc.path != "." for f in shared.findings for loc in f.locations)


def test_json_lists_it_once_and_each_factor_gives_its_id(assessment):
    document = json.loads(render(assessment, "json", "en"))
    listed = [f for f in document["repository"]["findings"] if f["rule"] == "F03-S01"]
    assert len(listed) == 1
    entry = listed[0]
    assert (
        entry["factor"] == 3
        and entry["apps"] == 3
        and entry["locations"][0]
        == {
            "path": ".env",
            "line": 1,
            "excerpt": entry["locations"][0]["excerpt"],
        }
    )
    assert SECRET not in json.dumps(document)
    for app in document["apps"]:
        config = app["factors"][2]
        assert config["status"] == "does_not_meet"
        assert entry["id"] in config["repository_findings"]
        assert not [f for f in config["findings"] if f["rule"] == "F03-S01"]
    assert document["factors"] == document["apps"][0]["factors"]
    every = [f for app in document["apps"] for factor in app["factors"] for f in factor["findings"]]
    every += document["repository"]["findings"]
    assert sum(1 for f in every if f["rule"] == "F03-S01" and f["locations"][0]["path"] == ".env") == 1


def test_the_json_report_with_a_repository_section_follows_the_schema(assessment):
    document = json.loads(render(assessment, "json", "en"))
    jsonschema.validate(document, SCHEMA)
    document["repository"]["findings"][0]["unknown"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_human_formats_show_it_once_under_the_repository_section(assessment, fmt, lang):
    out = render(assessment, fmt, lang)
    from twelve.locale import Catalog

    catalog = Catalog(lang)
    marker = {"text": "[F03-S01]", "markdown": "**F03-S01**", "html": '<span class="rule">F03-S01</span>'}[fmt]
    assert out.count(marker) == 1  # the finding, once
    assert catalog.text("repository.title") in out
    number = view.shared_findings(assessment).number[_env_findings(view.shared_findings(assessment).findings)[0]]
    assert out.count(f"#{number}") >= 4  # numbered in the section, referred to by each of 3 apps


def test_sarif_and_github_give_it_once(assessment):
    sarif = json.loads(render(assessment, "sarif", "en"))
    results = [
        r
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "F03-S01" and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ".env"
    ]
    assert len(results) == 1
    assert results[0]["properties"]["apps"] == 3 and "app" not in results[0]["properties"]
    github = render(assessment, "github", "en")
    assert sum(1 for line in github.splitlines() if "F03-S01" in line and "file=.env" in line) == 1


def test_junit_and_badge_are_per_app_as_before(assessment):
    junit = render(assessment, "junit", "en")
    assert junit.count("[F03-S01]") == 3  # each failing test case says why it fails
    assert render(assessment, "badge", "en")


def test_one_app_has_no_repository_section(assessment):
    alone = replace(assessment, apps=assessment.apps[:1])
    assert view.shared_findings(alone).findings == ()
    document = json.loads(render(alone, "json", "en"))
    assert "repository" not in document
    assert all("repository_findings" not in f for f in document["factors"])
    assert len([f for f in document["factors"][2]["findings"] if f["rule"] == "F03-S01"]) == 1
    for fmt in ("text", "markdown", "html"):
        assert "Repository-wide" not in render(alone, fmt, "en")


def test_a_baseline_written_with_a_repository_section_accepts_the_shared_finding(assessment, tmp_path):
    from twelve import baseline

    report = tmp_path / "baseline.json"
    report.write_text(render(assessment, "json", "en"), encoding="utf-8")
    keys = baseline.load(str(report))
    env = _env_findings(assessment.apps[0].verdict(3).findings)[0]
    assert baseline.finding_key(env) in keys


def test_the_portfolio_drawer_shows_each_app_its_shared_findings(assessment):
    from twelve.portfolio.dashboard import _details
    from twelve.portfolio.store import _ordered_locations

    report = render(assessment, "json", "en")
    drawer = _details(report)
    assert drawer is not None
    for app in drawer["apps"]:
        config = app["f"][2]
        shown = [f for f in config["f"] if ".env" in json.dumps(f)]
        assert shown, app["p"]  # the committed .env, listed once in the report, is in every app's drawer
    ordered = _ordered_locations(json.loads(report))
    assert ordered["repository"]["findings"]
