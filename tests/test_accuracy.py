"""The accuracy harness (benchmarks/accuracy.py) on labels written for the project's own fixtures."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from helpers import FIXTURES, ROOT
from materialize import materialize

sys.path.insert(0, str(ROOT / "benchmarks"))
import accuracy

LABELS = ROOT / "tests" / "data" / "accuracy" / "labels"

#: a label that disagrees with the fixture on purpose: it tells every kind of disagreement apart
WRONG = """\
repo: twelve-fixtures/mislabelled
commit: null
factors:
- {factor: 1, name: Codebase, verdict: does-not-meet, justification: Says the opposite of twelve.}
- {factor: 2, name: Dependencies, verdict: meets, accept: [meets, partial], justification: Accepts what twelve says.}
- {factor: 3, name: Config, verdict: partial, justification: Plainly wrong.}
- {factor: 7, name: Port binding, verdict: partial, justification: Agrees.}
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("accuracy")
    labels, repos = root / "labels", root / "repos"
    shutil.copytree(LABELS, labels)
    (labels / "mislabelled.yaml").write_text(WRONG, encoding="utf-8")
    materialize(str(FIXTURES / "py-compliant"), str(repos / "py-compliant"), tags=("v1.0.0",))
    materialize(str(FIXTURES / "py-violations"), str(repos / "py-violations"))
    materialize(str(FIXTURES / "py-violations"), str(repos / "mislabelled"))
    return labels, repos


@pytest.fixture(scope="module")
def first_run(corpus, tmp_path_factory):
    labels, repos = corpus
    out = tmp_path_factory.mktemp("out") / "accuracy.json"
    code = accuracy.main([str(labels), str(repos), "--json", str(out), "--jobs", "2"])
    return code, json.loads(out.read_text(encoding="utf-8")), out


def test_scores_every_verdict(first_run):
    code, doc, _ = first_run
    assert code == 0
    totals = doc["totals"]
    assert (totals["repositories"], totals["verdicts"]) == (3, 28)
    # the two fixtures agree on all 24 verdicts; the wrong label agrees on factor VII only,
    # and leniently on II; factor I is an opposite error
    assert (totals["exact"], totals["lenient"], totals["opposite"], totals["inconclusive"]) == (25, 26, 1, 0)
    by_name = {r["name"]: r for r in doc["repositories"]}
    assert by_name["py-compliant"]["exact"] == 12 and by_name["py-violations"]["exact"] == 12
    wrong = {v["factor"]: v for v in by_name["mislabelled"]["verdicts"]}
    assert wrong[1]["opposite"] and wrong[1]["twelve"] == "meets" and wrong[1]["expert"] == "does_not_meet"
    assert wrong[2]["lenient"] and not wrong[2]["exact"]
    assert not wrong[3]["lenient"] and wrong[3]["twelve"] == "does_not_meet"
    factor_one = next(row for row in doc["factors"] if row["factor"] == 1)
    assert factor_one["confusions"] == {"does_not_meet→meets": 1} and factor_one["opposite"] == 1
    # the fixture's does-not-meet labels, all agreed, plus the mislabelled factor I
    agreed = (LABELS / "py-violations.yaml").read_text(encoding="utf-8").count("verdict: does-not-meet")
    assert doc["matrix"]["does_not_meet"] == {"meets": 1, "does_not_meet": agreed}


def test_report_lists_disagreements_with_both_justifications(corpus, capsys):
    labels, repos = corpus
    assert accuracy.main([str(labels), str(repos), "--only", "mislabelled"]) == 0
    out = capsys.readouterr().out
    assert "exact 1/4 (25.0 %), lenient 2/4 (50.0 %), opposite 1" in out
    assert "- mislabelled I: expert does_not_meet, twelve meets [OPPOSITE]" in out
    assert "- mislabelled II: expert meets (accepts meets, partial), twelve partial [lenient]" in out
    assert "expert: Plainly wrong." in out
    # twelve's own justification of factor III names the committed secret
    assert "twelve: " in out.split("- mislabelled III")[1].split("- mislabelled")[0]
    row = next(line for line in out.splitlines() if line.startswith("mislabelled"))
    assert row.split()[1:5] == ["M*", "P~", "D*", "P"]


def test_gates_exit_one_when_missed(corpus, capsys):
    labels, repos = corpus
    args = [str(labels), str(repos), "--only", "py-", "--quiet"]
    assert accuracy.main([*args, "--min-exact", "100", "--max-opposite", "0", "--max-inconclusive", "0"]) == 0
    assert accuracy.main([str(labels), str(repos), "--quiet", "--max-opposite", "0"]) == 1
    assert "more than 0 opposite errors" in capsys.readouterr().err


def test_compare_lists_changed_verdicts(first_run, corpus, tmp_path, capsys):
    _, doc, path = first_run
    labels, repos = corpus
    doc["repositories"][2]["verdicts"][4]["twelve"] = "partial"
    before = tmp_path / "before.json"
    before.write_text(json.dumps(doc), encoding="utf-8")
    assert accuracy.main([str(labels), str(repos), "--quiet", "--compare", str(before)]) == 0
    out = capsys.readouterr().out
    name = doc["repositories"][2]["name"]
    twelve_now = json.loads(path.read_text(encoding="utf-8"))["repositories"][2]["verdicts"][4]["twelve"]
    assert f"{name} V: partial → {twelve_now}" in out


def test_missing_checkout_and_bad_labels(tmp_path, capsys):
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "absent.yaml").write_text(WRONG, encoding="utf-8")
    assert accuracy.main([str(labels), str(tmp_path / "repos"), "--quiet"]) == 0
    assert '"errors": 1' in capsys.readouterr().out
    (labels / "broken.yaml").write_text("factors:\n- {factor: 3, verdict: fine}\n", encoding="utf-8")
    assert accuracy.main([str(labels), str(tmp_path / "repos")]) == 2
    assert "broken.yaml: factor 3: unknown verdict 'fine'" in capsys.readouterr().err
    assert accuracy.main([str(tmp_path / "nowhere"), str(tmp_path)]) == 2


def test_score_counts_inconclusive_and_errors():
    label = accuracy.Label(
        "x",
        "x",
        None,
        {
            1: accuracy.FactorLabel(1, "meets", ("meets",), ""),
            2: accuracy.FactorLabel(2, "partial", ("partial", "meets"), ""),
            3: accuracy.FactorLabel(3, "not_applicable", ("not_applicable",), ""),
        },
    )
    result = accuracy.score(label, accuracy.Outcome(statuses={1: "inconclusive", 2: "meets"}, exit_code=0))
    assert [c.twelve for c in result.cells] == ["inconclusive", "meets", "missing"]
    assert (result.count("exact"), result.count("lenient"), result.count("inconclusive")) == (0, 1, 1)
    failed = accuracy.score(label, accuracy.Outcome(error="exit 3: boom"))
    assert {c.twelve for c in failed.cells} == {"error"} and failed.count("lenient") == 0
