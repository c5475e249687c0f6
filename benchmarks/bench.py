"""The benchmark harness: builds its corpora, times `twelve check --format json` on each, and the
floor (walking the same non-ignored files and reading every byte in a plain Python loop), and
prints the table. The ratio tool/floor is what stays comparable across noisy machines.

    python benchmarks/bench.py                      # 1k, 10k, 100k synthetic + real trees
    python benchmarks/bench.py --quick              # 1k and 10k synthetic only
    python benchmarks/bench.py --sizes 1000 --no-real --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402

TWELVE = [sys.executable, "-m", "twelve"]
SEMGREP_RULE = """rules:
  - id: env-read
    languages: [python]
    severity: INFO
    message: environment read
    pattern-either:
      - pattern: os.getenv(...)
      - pattern: os.environ[...]
      - pattern: os.environ.get(...)
"""


@dataclass
class Row:
    corpus: str
    files: int
    mb: float
    wall: float
    rss_mb: float
    floor: float
    semgrep: float | None = None
    first_run: float | None = None  # with an empty cache directory (the cache is written)
    second_run: float | None = None  # the same command again, nothing changed

    @property
    def ratio(self) -> float:
        return self.wall / self.floor if self.floor else float("inf")


def _listed(path: Path) -> list[Path]:
    from twelve.repository.walk import walk

    result = walk(str(path))
    return [path / f.path for f in result.files]


def floor_time(path: Path, files: list[Path]) -> float:
    """Walk the tree and read every byte of the files twelve considers: the physical limit."""
    start = time.perf_counter()
    for _root, dirs, _names in os.walk(path):
        dirs[:] = [d for d in dirs if d not in (".git", "node_modules", "vendor")]
    for file in files:
        with open(file, "rb") as handle:
            while handle.read(1 << 20):
                pass
    return time.perf_counter() - start


def tool_run(path: Path, extra: list[str]) -> tuple[float, float, dict]:
    """(wall seconds, peak RSS MB, parsed JSON) of one `twelve check` in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        timing = Path(tmp) / "time"
        command = TWELVE + ["check", str(path), "--format", "json", "-o", str(out), "--no-progress"] + extra
        gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
        start = time.perf_counter()
        if gnu_time:
            subprocess.run([gnu_time, "-f", "%M", "-o", str(timing)] + command, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
            wall = time.perf_counter() - start
            rss = int(timing.read_text().strip().splitlines()[-1]) / 1024
        else:  # pragma: no cover - GNU time is on Debian
            import resource

            subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
            wall = time.perf_counter() - start
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        data = json.loads(out.read_text()) if out.exists() else {}
        return wall, rss, data


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    # an installed package runs from compiled bytecode; a sandbox that forbids writing it would
    # charge every run the compilation of every module
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_bytecode() -> None:
    """Compile the package once, as `pip install` does, so that no timed run pays for it."""
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "twelve"), quiet=1)


def small_timings() -> list[tuple[str, float]]:
    """Median wall time of `twelve --version` and of the bundled example, end to end."""
    example = ROOT / "examples" / "togglemaster-monolith"
    found = []
    for label, args in (("twelve --version", ["--version"]),
                        ("example, end to end (--no-cache)", ["check", str(example), "--format", "json", "--no-cache",
                                                              "--no-progress"])):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(TWELVE + args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
            times.append(time.perf_counter() - start)
        found.append((label, statistics.median(times)))
    return found


def stage_times(path: Path, jobs: int | None) -> list[tuple[str, float]]:
    """Where one run's time goes, stage by stage, measured in this process (the profile the
    table's totals come from)."""
    from twelve.facts import runner
    from twelve.pipeline import Options, assess
    from twelve.report import render
    from twelve.repository import open_repository
    from twelve.rules import all_rules, run_rules
    from twelve.verdict import decide

    out = []
    start = time.perf_counter()
    repo = open_repository(str(path))
    out.append(("walk and classify", time.perf_counter() - start))
    start = time.perf_counter()
    facts = runner.extract(repo, 2 * 1024 * 1024, jobs=jobs)
    out.append((f"facts (jobs={jobs or runner.default_jobs()})", time.perf_counter() - start))
    start = time.perf_counter()
    rules = all_rules()
    findings = []
    for app in repo.apps:
        findings.extend(run_rules(facts.for_app(app), rules).findings)
    out.append(("rules", time.perf_counter() - start))
    start = time.perf_counter()
    for number in range(1, 13):
        decide(number, (f for f in findings if f.factor == number))
    out.append(("verdicts", time.perf_counter() - start))
    assessment = assess(str(path), Options(jobs=jobs))
    start = time.perf_counter()
    render(assessment, "json", "en")
    out.append(("JSON report", time.perf_counter() - start))
    return out


def semgrep_time(path: Path) -> float | None:
    exe = shutil.which("semgrep")
    if not exe:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        rule = Path(tmp) / "rule.yml"
        rule.write_text(SEMGREP_RULE)
        (Path(tmp) / ".semgrepignore").write_text("")
        start = time.perf_counter()
        subprocess.run([exe, "--config", str(rule), "--metrics=off", "--disable-version-check", "--quiet", "--json",
                        str(path)], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp)
        return time.perf_counter() - start


def measure(name: str, path: Path, repeat: int, extra: list[str], with_semgrep: bool, cache_probe: bool) -> Row:
    files = _listed(path)
    size = sum(f.stat().st_size for f in files)
    floor_time(path, files)  # warm the page cache
    floors, walls, rsss = [], [], []
    for _ in range(repeat):
        floors.append(floor_time(path, files))
        wall, rss, _data = tool_run(path, extra)
        walls.append(wall)
        rsss.append(rss)
    row = Row(name, len(files), size / 1e6, statistics.median(walls), max(rsss), statistics.median(floors))
    if cache_probe:
        with tempfile.TemporaryDirectory() as cache:
            warm = [a for a in extra if a != "--no-cache"] + ["--cache-dir", cache]
            row.first_run, _rss, _data = tool_run(path, warm)
            row.second_run, _rss, _data = tool_run(path, warm)
    if with_semgrep:
        row.semgrep = semgrep_time(path)
    return row


def _opt(value: float | None, fmt: str = "{:.2f}") -> str:
    return "-" if value is None else fmt.format(value)


def table(rows: list[Row]) -> str:
    lines = ["| corpus | files | MB | twelve s | files/s | MB/s | peak RSS MB | floor s | ratio "
             "| 1st run with cache s | 2nd run s | speed-up | semgrep s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        speedup = r.first_run / r.second_run if r.first_run and r.second_run else None
        lines.append(f"| {r.corpus} | {r.files} | {r.mb:.1f} | {r.wall:.2f} | {r.files / r.wall:,.0f} | {r.mb / r.wall:.1f} | "
                     f"{r.rss_mb:.0f} | {r.floor:.2f} | {r.ratio:.1f} | {_opt(r.first_run)} | {_opt(r.second_run)} | "
                     f"{_opt(speedup, '{:.1f}x')} | {_opt(r.semgrep)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="1k and 10k synthetic only, no real trees")
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--no-semgrep", action="store_true")
    parser.add_argument("--no-cache-probe", dest="cache_probe", action="store_false",
                        help="do not time a second run with a warm cache")
    parser.add_argument("--work", type=Path, default=corpus.CACHE / "corpora")
    args = parser.parse_args(argv)
    sizes = [1_000, 10_000] if args.quick else args.sizes
    extra = ["--jobs", str(args.jobs)] if args.jobs else []
    rows: list[Row] = []
    args.work.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    extra = extra + ["--no-cache"]  # cold runs; the cache has its own column (--cache-probe)
    for size in sizes:
        dest = args.work / f"synthetic-{size}"
        if not (dest / ".complete").exists():
            corpus.synthetic(size, dest)
            (dest / ".complete").write_text("")
        rows.append(measure(f"synthetic {size // 1000}k", dest, 1 if size >= 100_000 else args.repeat, extra,
                            not args.no_semgrep, args.cache_probe))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    if not (args.quick or args.no_real):
        for name in sorted(corpus.REAL):
            try:
                dest = corpus.real(name, args.work / f"real-{name}")
            except (subprocess.CalledProcessError, OSError) as exc:
                print(f"| {name} | could not be fetched: {exc} |", flush=True)
                continue
            rows.append(measure(f"{name} ({corpus.REAL[name][1]})", dest, args.repeat, extra, not args.no_semgrep,
                                args.cache_probe))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    text = table(rows)
    small = small_timings()
    text += "\n\n" + "\n".join(f"- {label}: {seconds:.3f} s" for label, seconds in small)
    breakdown_corpus = args.work / f"synthetic-{10_000 if 10_000 in sizes else sizes[0]}"
    if breakdown_corpus.exists():
        stage_times(breakdown_corpus, args.jobs)  # warm: imports, compiled patterns, page cache
        stages = stage_times(breakdown_corpus, args.jobs)
        text += f"\n\nStages on {breakdown_corpus.name} (in-process, seconds):\n\n"
        text += "\n".join(f"- {label}: {seconds:.3f}" for label, seconds in stages)
    print()
    print(text)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
