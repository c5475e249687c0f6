"""Adversarial resource cases (issue 11, D): time and peak memory of `twelve check` on hostile
inputs at 1x, 4x and 16x their base size, so that growth can be seen to be linear (or the input
to be refused by a bound). Speed is measured here, never asserted in unit tests.

    python benchmarks/adversarial.py                 # every case, 1x 4x 16x, a Markdown table
    python benchmarks/adversarial.py --case yaml_bomb --scales 1 4
    python benchmarks/adversarial.py --src /tmp/old/src --timeout 60   # another version of twelve
    python benchmarks/adversarial.py --reported      # also the sizes of the issue (305 MB index...)

Each run is a fresh process (`python -m twelve check DIR --format json --no-cache --jobs 1`):
wall time and the peak resident set of that process and its workers (wait4), its exit code,
and the ratio of time and memory to the 1x run. A run over --timeout is killed and shown as such.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHA = "0123456789abcdef0123456789abcdef01234567"


# --- building the inputs ----------------------------------------------------------------------------


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


BASE_APP = {
    "requirements.txt": "flask==3.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n",
}


def _git(root: Path) -> str:
    """Make *root* a one-commit git repository (dulwich); the HEAD commit id."""
    from dulwich import porcelain
    from dulwich.repo import Repo

    author = b"bench <bench@twelve.invalid>"
    with Repo.init(str(root)) as repo:
        porcelain.add(repo, paths=[str(root / name) for name in BASE_APP])
        head = porcelain.commit(repo, message=b"bench", author=author, committer=author, no_verify=True)
    return head.decode()


def gitignore_stars(root: Path, scale: int) -> str:
    """One .gitignore line of 12*scale `a*`, and 200*scale files whose names almost match it."""
    files = dict(BASE_APP)
    files[".gitignore"] = "*.log\n" + "a*" * (12 * scale) + "b\n"
    for i in range(200 * scale):
        files[f"src/{'a' * 40}{i}c.py"] = "x = 1\n"
    _write(root, files)
    return f"{12 * scale} stars, {200 * scale} files"


def big_index(root: Path, scale: int, entries: int | None = None) -> str:
    """A git index of 60,000*scale entries (paths that do not exist on disk)."""
    _write(root, BASE_APP)
    _git(root)
    count = entries if entries is not None else 60_000 * scale
    body = bytearray()
    for i in range(count):
        name = f"pkg{i // 1000}/module_{i}.py".encode()
        entry = struct.pack(">LLLLLLLLLL", 0, 0, 0, 0, 0, i, 0o100644, 0, 0, 10) + bytes.fromhex(SHA)
        entry += struct.pack(">H", min(len(name), 0xFFF)) + name
        entry += b"\0" * (8 - (len(entry) % 8))
        body += entry
    data = b"DIRC" + struct.pack(">LL", 2, count) + bytes(body)
    (root / ".git" / "index").write_bytes(data + hashlib.sha1(data).digest())
    return f"{len(data) / 2**20:.1f} MiB index, {count} entries"


def big_packed_refs(root: Path, scale: int, size: int | None = None) -> str:
    """A packed-refs file of 1 MiB*scale of tags, all naming HEAD."""
    _write(root, BASE_APP)
    head = _git(root)
    target = size if size is not None else (1 << 20) * scale
    lines = [b"# pack-refs with: peeled fully-peeled sorted \n"]
    written = len(lines[0])
    i = 0
    while written < target:
        line = f"{head} refs/tags/v1.{i // 1000}.{i % 1000}\n".encode()
        lines.append(line)
        written += len(line)
        i += 1
    (root / ".git" / "packed-refs").write_bytes(b"".join(lines))
    return f"{written / 2**20:.1f} MiB packed-refs, {i} tags"


def env_reads(root: Path, scale: int, count: int | None = None) -> str:
    """3,000*scale small Python files, each with 20 environment reads."""
    files = dict(BASE_APP)
    n = count if count is not None else 3_000 * scale
    for i in range(n):
        body = "import os\n" + "".join(f"V{j} = os.getenv('SETTING_{i % 97}_{j}', 'x')\n" for j in range(20))
        files[f"svc{i // 500}/mod_{i}.py"] = body
    _write(root, files)
    return f"{n} files"


def env_one_line(root: Path, scale: int) -> str:
    """One JavaScript line of 1,000*scale environment reads (a minified bundle): 15 KiB at 1x."""
    line = "process.env.A;" * (1000 * scale)
    _write(root, {"package.json": '{"name": "x", "scripts": {"start": "node a.js"}}\n', "a.js": line + "\n"})
    return f"{len(line) // 1024} KiB line, {1000 * scale} reads"


def ruby_backticks(root: Path, scale: int) -> str:
    """A Ruby file of 4 KiB*scale backticks (64 KiB at 16x)."""
    files = {"Gemfile": "source 'https://rubygems.org'\ngem 'rails'\n", "app.rb": "`" * (4096 * scale) + "\n"}
    _write(root, files)
    return f"{4 * scale} KiB of backticks"


def yaml_bomb(root: Path, scale: int) -> str:
    """scale copies of a nine-level alias bomb (10**9 nodes if expanded) in a Kubernetes file."""
    block = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 10)
        block.append(f"a{level}: &a{level} [{refs}]")
    docs = []
    for copy in range(scale):
        docs.append(
            f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb{copy}\ndata:\n"
            + "\n".join("  " + line for line in block)
        )
    _write(root, {**BASE_APP, "k8s/bomb.yaml": "\n---\n".join(docs) + "\n"})
    return f"{scale} bomb(s), {len(block) * scale} anchors"


def nested_json(root: Path, scale: int) -> str:
    """A package.json nested 50,000*scale levels deep."""
    depth = 50_000 * scale
    _write(root, {**BASE_APP, "package.json": '{"name": "x", "dependencies": ' + "[" * depth + "]" * depth + "}\n"})
    return f"depth {depth}"


CASES: dict[str, Callable[[Path, int], str]] = {
    "gitignore_stars": gitignore_stars,
    "big_index": big_index,
    "big_packed_refs": big_packed_refs,
    "env_reads": env_reads,
    "env_one_line": env_one_line,
    "ruby_backticks": ruby_backticks,
    "yaml_bomb": yaml_bomb,
    "nested_json": nested_json,
}

#: the sizes of the issue's reports, run once each with --reported
REPORTED: dict[str, Callable[[Path], str]] = {
    "index 305 MB": lambda root: big_index(root, 1, entries=2_700_000),
    "packed-refs 58 MB": lambda root: big_packed_refs(root, 1, size=58 << 20),
    "50k files of env reads": lambda root: env_reads(root, 1, count=50_000),
}


# --- running ----------------------------------------------------------------------------------------


@dataclass
class Run:
    case: str
    scale: str
    size: str
    seconds: float
    peak_mb: float
    code: str


def run_twelve(target: Path, src: Path, timeout: float, out: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB of the process and its waited-for children, exit code or 'timeout')."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    command = [
        sys.executable,
        "-m",
        "twelve",
        "check",
        str(target),
        "--format",
        "json",
        "--no-cache",
        "--no-progress",
        "--no-config",
        "--jobs",
        "1",
        "-o",
        str(out),
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - start, usage.ru_maxrss / 1024, "timeout"
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, str(proc.returncode)


def _build_apart(name: str, scale: str, target: Path) -> str:
    """Build one input in a child process: this process stays small, since a child's peak
    memory as the kernel reports it starts from what its parent held when it was forked."""
    out = subprocess.run(
        [sys.executable, __file__, "--build-one", name, scale, str(target)], check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def _build_one(name: str, scale: str, target: Path) -> int:
    if scale == "as reported":
        print(REPORTED[name](target))
    else:
        print(CASES[name](target, int(scale)))
    return 0


def table(runs: list[Run], base: dict[str, Run]) -> str:
    lines = [
        "| case | scale | input | s | peak MB | exit | time vs 1x | memory vs 1x |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        first = base.get(run.case)
        ratio_t = f"{run.seconds / first.seconds:.1f}" if first and first.seconds and run.scale != "1" else ""
        ratio_m = f"{run.peak_mb / first.peak_mb:.1f}" if first and first.peak_mb and run.scale != "1" else ""
        seconds = f">{run.seconds:.0f}" if run.code == "timeout" else f"{run.seconds:.2f}"
        lines.append(
            f"| {run.case} | {run.scale} | {run.size} | {seconds} | {run.peak_mb:.0f} | {run.code} | "
            f"{ratio_t} | {ratio_m} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--build-one"]:
        return _build_one(argv[1], argv[2], Path(argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases (repeatable)")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder of the twelve to measure")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is killed")
    parser.add_argument("--reported", action="store_true", help="also run the sizes reported in issue 11")
    parser.add_argument("--keep", type=Path, default=None, help="build the inputs here and keep them")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="twelve-adversarial-")) if args.keep is None else args.keep
    runs: list[Run] = []
    base: dict[str, Run] = {}
    try:
        jobs: list[tuple[str, str]] = [(name, str(scale)) for name in args.case or list(CASES) for scale in args.scales]
        if args.reported:
            jobs += [(name, "as reported") for name in REPORTED]
        for name, scale in jobs:
            target = work / f"{name}-{scale}".replace(" ", "_")
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            size = _build_apart(name, scale, target)
            seconds, peak, code = run_twelve(target, args.src, args.timeout, work / "out.json")
            run = Run(name, scale, size, seconds, peak, code)
            if scale == "1":
                base[name] = run
            runs.append(run)
            print(f"{name} {scale}: {size}: {seconds:.2f} s, {peak:.0f} MB, exit {code}", file=sys.stderr, flush=True)
            shutil.rmtree(target, ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(runs, base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
