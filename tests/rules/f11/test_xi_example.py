"""Factor XI on the bundled example: the verdict and its key evidence."""

from __future__ import annotations

from helpers import ROOT, run, statuses
from materialize import materialize


def test_togglemaster_meets_with_the_expected_evidence(tmp_path):
    dest = tmp_path / "togglemaster"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(dest))
    assessment = run(dest)
    assert statuses(assessment)[11] == "meets"
    graded = {
        (f.rule, f.strength.value, f.locations[0].path, f.locations[0].line)
        for f in assessment.main.verdict(11).findings
    }
    assert graded == {
        ("F11-S10", "weak", "app.py", 47),
        ("F11-S10", "weak", "app.py", 10),
        ("F11-S10", "moderate", "Dockerfile", 4),
        ("F11-S10", "moderate", "entrypoint.sh", 18),
    }
