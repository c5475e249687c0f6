"""The bench's targets: the 100-roots-versus-1 ratio is given in wall and in CPU seconds (the
steadier figure on a loaded machine)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("twelve_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["twelve_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_app_roots_ratio_in_wall_and_cpu():
    bench = _bench()
    one = bench.Row("apps-10k-1", "1 root", cold=bench.Run(30.0, 4.0, 80, 0))
    hundred = bench.Row("apps-10k-100", "100 roots", cold=bench.Run(12.0, 4.4, 90, 0))
    lines = bench.targets([one, hundred])
    assert "- 10k files, 100 app roots vs 1: ✓ 12.00 s / 30.00 s = 0.40 ≤ 1.2" in lines
    assert "- 10k files, 100 app roots vs 1, CPU: ✓ 4.40 s / 4.00 s = 1.10 ≤ 1.2" in lines
