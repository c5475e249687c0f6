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
    rounds = bench.RootsRounds(bench.Run(2.4, 3.2, 80, 0), bench.Run(2.5, 3.4, 90, 0), 1.04, 1.25)
    lines = bench.targets([one, hundred], rounds)
    assert (
        "- 10k files, 100 app roots vs 1 (alternate rounds): ✓ 1.04 ≤ 1.2 (median of the rounds' own ratios; "
        "medians 2.50 s and 2.40 s)" in lines
    )
    assert (
        "- 10k files, 100 app roots vs 1 (alternate rounds), CPU: ✗ 1.25 ≤ 1.2 (median of the rounds' own ratios; "
        "medians 3.40 s and 3.20 s)" in lines
    )
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
    rounds = bench.roots_rounds(tmp_path / "one", tmp_path / "hundred", 3, [])
    assert seen == ["one", "hundred"] * 3
    one, hundred = rounds.one, rounds.hundred
    assert (one.wall, one.cpu, hundred.wall, hundred.cpu) == (2.0, 4.0, 5.0, 10.0)
    # each round's own ratio: 5/1, 6/3, 4/2 -> median 2.0 (the medians' ratio would be 2.5)
    assert rounds.wall_ratio == 2.0 and rounds.cpu_ratio == 2.0


def test_tree_ratios_are_medians_of_each_rounds_own_ratio():
    """A slow round slows every tool of it: the ratio of each round, then their median. Medians
    taken apart (twelve's of one moment, the floor's of another) would read 2.4 here, not 2.0."""
    bench = _bench()
    rounds = [  # the machine is fast, then slow, then fast again
        {
            "startup_wall": 0.3,
            "startup_cpu": 0.3,
            "floor_wall": 1.0,
            "floor_cpu": 1.7,
            "cold_wall": 2.4,
            "cold_cpu": 4.0,
            "semgrep_cpu": 9.0,
        },
        {
            "startup_wall": 0.4,
            "startup_cpu": 0.4,
            "floor_wall": 1.6,
            "floor_cpu": 2.6,
            "cold_wall": 3.8,
            "cold_cpu": 6.0,
            "semgrep_cpu": 12.6,
        },
        {
            "startup_wall": 0.3,
            "startup_cpu": 0.3,
            "floor_wall": 1.2,
            "floor_cpu": 1.7,
            "cold_wall": 3.1,
            "cold_cpu": 3.9,
            "semgrep_cpu": 8.2,
        },
    ]
    row = bench.Row(
        "rails", "rails", cold=bench.Run(3.1, 4.0, 65, 0), semgrep=bench.Run(9.0, 9.0, 200, 0), rounds=rounds
    )
    row.startup, row.startup_cpu, row.parse_floor, row.parse_floor_cpu = 0.3, 0.3, 1.2, 1.7
    assert round(row.floor_ratio_cpu, 3) == 2.0  # 4.0/2.0, 6.0/3.0, 3.9/2.0 -> 2.0, 2.0, 1.95
    assert round(row.floor_ratio, 3) == 1.9  # 2.4/1.3, 3.8/2.0, 3.1/1.5: 1.846, 1.9, 2.067
    assert round(row.semgrep_ratio, 3) == 2.103  # 9.0/4.0, 12.6/6.0, 8.2/3.9: 2.25, 2.1, 2.103
    (line,) = bench.targets([row])
    assert "✓ cold CPU ÷ floor CPU 2.00 ≤ 2 (median of the rounds' own ratios)" in line
    assert "✓ semgrep CPU ÷ twelve CPU 2.10 ≥ 2 (median of the rounds' own ratios)" in line
    assert "| 2.0 |" in bench.line(row) and "| 2.1 |" in bench.line(row)
    without = bench.Row("x", "x", cold=bench.Run(3.0, 4.0, 65, 0))
    without.startup, without.startup_cpu, without.parse_floor, without.parse_floor_cpu = 0.3, 0.3, 1.2, 1.7
    assert without.floor_ratio_cpu == 2.0 and without.semgrep_ratio is None  # one-off rows: the medians


def test_a_partial_run_never_replaces_the_full_runs_results():
    bench = _bench()
    assert bench.results_file(list(bench.TREES)).name == "latest.json"
    assert bench.results_file(["rails", "apps-10k-1"]).name == "partial.json"
    assert bench.results_file(list(bench.QUICK)).name == "partial.json"
