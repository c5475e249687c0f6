"""A monorepo: a Python API, a Node web front and a Go worker, with k8s/ and one CI workflow.
Each app is assessed on its own; Codebase is judged for the repository."""

from __future__ import annotations

import json

import pytest

from helpers import ROOT, run, statuses
from materialize import materialize
from twelve.report import render

FIXTURE = ROOT / "tests" / "fixtures" / "monorepo"


@pytest.fixture(scope="module")
def mono(tmp_path_factory):
    dest = tmp_path_factory.mktemp("mono") / "catalog"
    materialize(str(FIXTURE), str(dest))
    return run(dest)


def app(assessment, path):
    return next(a for a in assessment.apps if a.path == path)


def evidence(assessed_app, factor, rule):
    return {
        (loc.path, loc.line) for f in assessed_app.verdict(factor).findings if f.rule == rule for loc in f.locations
    }


def line_of(name, needle):
    lines = (FIXTURE / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_three_apps_are_found(mono):
    assert [(a.path, a.stacks) for a in mono.apps] == [("api", ("python",)), ("web", ("node",)), ("worker", ("go",))]


EXPECTED = {
    "api": {
        1: "does_not_meet",
        2: "meets",
        3: "meets",
        4: "meets",
        5: "meets",
        6: "meets",
        7: "meets",
        8: "meets",
        9: "meets",
        10: "meets",
        11: "meets",
        12: "partial",
    },
    "web": {
        1: "does_not_meet",
        2: "meets",
        3: "meets",
        4: "meets",
        5: "meets",
        6: "meets",
        7: "meets",
        8: "meets",
        9: "meets",
        10: "meets",
        11: "meets",
        12: "not_applicable",
    },
    "worker": {
        1: "does_not_meet",
        2: "meets",
        3: "meets",
        4: "meets",
        5: "meets",
        6: "meets",
        7: "not_applicable",
        8: "meets",
        9: "meets",
        10: "meets",
        11: "meets",
        12: "not_applicable",
    },  # a Redis queue only: no schema
}


@pytest.mark.parametrize("path", ["api", "web", "worker"])
def test_per_app_verdicts(mono, path):
    index = [a.path for a in mono.apps].index(path)
    assert statuses(mono, index) == EXPECTED[path]


def test_codebase_is_judged_for_the_repository(mono):
    for path in ("api", "web", "worker"):
        found = [f for f in app(mono, path).verdict(1).findings if f.rule == "F01-S05"]
        assert found and found[0].message.param_dict()["apps"] == "api, web, worker"


def test_each_app_sees_its_own_evidence(mono):
    api, web, worker = app(mono, "api"), app(mono, "web"), app(mono, "worker")
    assert ("api/catalog/__init__.py", line_of("api/catalog/__init__.py", "psycopg.connect")) in evidence(
        api, 4, "F04-S01"
    )
    assert ("web/src/server.js", line_of("web/src/server.js", "app.listen")) in evidence(web, 7, "F07-S01")
    assert ("web/src/server.js", line_of("web/src/server.js", "process.on")) in evidence(web, 9, "F09-S01")
    assert ("worker/cmd/worker/main.go", line_of("worker/cmd/worker/main.go", "signal.NotifyContext")) in evidence(
        worker, 9, "F09-S01"
    )
    # the shared workflow builds every app's image; each app sees it
    build = (".github/workflows/delivery.yml", line_of(".github/workflows/delivery.yml", "docker build"))
    assert all(build in evidence(a, 5, "F05-S01") for a in (api, web, worker))
    # an app's manifests do not leak into another app's verdicts
    assert not any(loc.path.startswith(("web/", "worker/")) for f in api.verdict(2).findings for loc in f.locations)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_reports_show_one_table_per_app(mono, fmt, lang):
    text = render(mono, fmt, lang)
    header = {
        "markdown": {"en": "| FACTOR | STATUS | JUSTIFICATION |", "pt-BR": "| FATOR | STATUS | JUSTIFICATIVA |"},
        "text": {"en": "JUSTIFICATION", "pt-BR": "JUSTIFICATIVA"},
    }[fmt][lang]
    assert text.count(header) == 3
    for path in ("api", "web", "worker"):
        assert path in text


def test_json_apps_list(mono):
    data = json.loads(render(mono, "json", "en"))
    assert [a["path"] for a in data["apps"]] == ["api", "web", "worker"]
    assert data["factors"] == data["apps"][0]["factors"]
