"""Factor IX on the bundled example: the verdict and its key evidence."""

from __future__ import annotations

from helpers import ROOT, run, statuses
from materialize import materialize


def test_togglemaster_is_partial_with_the_expected_evidence(tmp_path):
    dest = tmp_path / "togglemaster"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(dest))
    assessment = run(dest)
    assert statuses(assessment)[9] == "partial"
    verdict = assessment.main.verdict(9)
    by_rule = {}
    for finding in verdict.findings:
        by_rule.setdefault(finding.rule, set()).update((loc.path, loc.line) for loc in finding.locations)
    assert by_rule["F09-S01"] == {("entrypoint.sh", 18)}
    assert by_rule["F09-S06"] == {("entrypoint.sh", 18)}
    assert by_rule["F09-S11"] == {("entrypoint.sh", 10), ("entrypoint.sh", 15)}
    assert ("Dockerfile", 21) in by_rule["F09-S17"]
    assert not {"F09-S07", "F09-AP02", "F09-NE"} & set(by_rule)
