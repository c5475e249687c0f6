"""Proof that a speed change changed no answer: the JSON report of every fixture and of chosen
bench trees, written by one source tree, compared with those written by another.

    python benchmarks/same_output.py write OUT_DIR [--src SRC] [--trees rails,django,...]
    python benchmarks/same_output.py compare BEFORE_DIR AFTER_DIR

`write` runs `twelve check --format json --no-cache` with the package found in SRC (default:
this checkout's src/) on each fixture (materialized as a fresh one-commit repository, so that
the project's own history stays out) and on each named tree, and keeps the reports with the
fields that cannot stay equal across source trees removed (the target's absolute path when the
fixture is laid in a temporary directory). `compare` says which reports differ, byte for byte.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))


def _report(src: Path, target: Path, out: Path, jobs: int) -> int:
    env = dict(os.environ, PYTHONPATH=str(src))
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "r.json"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "twelve",
                "check",
                str(target),
                "--format",
                "json",
                "--no-cache",
                "--no-progress",
                "--jobs",
                str(jobs),
                "-o",
                str(raw),
            ],
            env=env,
            check=False,
            capture_output=True,
            text=True,
            cwd=tmp,
        )
        if not raw.exists():
            out.write_text(f"no report (exit {done.returncode})\n{done.stderr[-2000:]}")
            return done.returncode
        data = json.loads(raw.read_text())
        data["target"].pop("path", None)
        out.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + f"\nexit {done.returncode}\n")
        return done.returncode


def write(out_dir: Path, src: Path, trees: list[str], jobs: int) -> int:
    import bench
    from materialize import materialize

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in sorted((ROOT / "tests" / "fixtures").iterdir()):
            dest = Path(tmp) / fixture.name
            materialize(str(fixture), str(dest))
            code = _report(src, dest, out_dir / f"fixture-{fixture.name}.json", jobs)
            print(f"fixture {fixture.name}: exit {code}", flush=True)
    for name in trees:
        path = bench.TREES[name].make(bench.corpus.CACHE / "corpora")
        code = _report(src, path, out_dir / f"tree-{name}.json", jobs)
        print(f"tree {name}: exit {code}", flush=True)
    return 0


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differ = [
        n
        for n in names
        if not (before / n).exists()
        or not (after / n).exists()
        or not filecmp.cmp(before / n, after / n, shallow=False)
    ]
    for name in names:
        print(f"{'DIFFERENT' if name in differ else 'same     '} {name}")
    print(f"{len(names) - len(differ)} same, {len(differ)} different")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--src", type=Path, default=ROOT / "src")
    w.add_argument("--trees", default="")
    w.add_argument("--jobs", type=int, default=2)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.what == "write":
        return write(args.out, args.src.resolve(), [t for t in args.trees.split(",") if t], args.jobs)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
