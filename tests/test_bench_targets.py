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


def test_app_roots_ratio_from_alternate_rounds_replaces_that_of_the_rows():
    bench = _bench()
    one = bench.Row("apps-10k-1", "1 root", cold=bench.Run(2.0, 2.6, 80, 0))
    hundred = bench.Row("apps-10k-100", "100 roots", cold=bench.Run(3.0, 3.6, 90, 0))
    lines = bench.targets([one, hundred], (bench.Run(2.4, 3.2, 80, 0), bench.Run(2.5, 3.4, 90, 0)))
    assert "- 10k files, 100 app roots vs 1 (alternate rounds): ✓ 2.50 s / 2.40 s = 1.04 ≤ 1.2" in lines
    assert "- 10k files, 100 app roots vs 1 (alternate rounds), CPU: ✓ 3.40 s / 3.20 s = 1.06 ≤ 1.2" in lines
    assert not any(line.startswith("- 10k files, 100 app roots vs 1:") for line in lines)


def test_rounds_alternate_and_give_medians(monkeypatch, tmp_path):
    bench = _bench()
    seen = []
    walls = iter([1.0, 5.0, 3.0, 6.0, 2.0, 4.0])

    def run(path, extra, out=None):
        seen.append(path.name)
        wall = next(walls)
        return bench.Run(wall, wall * 2, 10, 0)

    monkeypatch.setattr(bench, "twelve_run", run)
    one, hundred = bench.roots_rounds(tmp_path / "one", tmp_path / "hundred", 3, [])
    assert seen == ["one", "hundred"] * 3
    assert (one.wall, one.cpu, hundred.wall, hundred.cpu) == (2.0, 4.0, 5.0, 10.0)
