"""Lay out the calibration repositories (tests/data/calibration/repos/*) as the git repositories they
stand for, under OUT (default /tmp/twelve-calibration), for `benchmarks/accuracy.py`:

    python scripts/layout_calibration.py [OUT]
    python benchmarks/accuracy.py tests/data/calibration/labels OUT
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from materialize import materialize  # noqa: E402

DATA = ROOT / "tests" / "data" / "calibration"


def layout(out: Path) -> dict[str, str]:
    """Every calibration repository under *out*; returns {name: HEAD commit}."""
    spec = json.loads((DATA / "layout.json").read_text(encoding="utf-8"))
    heads = {}
    for source in sorted((DATA / "repos").iterdir()):
        options = spec.get(source.name, {})
        heads[source.name] = materialize(
            str(source),
            str(out / source.name),
            tags=tuple(options.get("tags", ())),
            commits=int(options.get("commits", 1)),
            force=tuple(options.get("force", ())),
        )
    return heads


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/twelve-calibration")
    print(f"{len(layout(target))} calibration repositories under {target}")
