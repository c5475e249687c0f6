"""The accuracy harness: twelve's verdicts against verdicts written by experts.

    python benchmarks/accuracy.py LABELS REPOS [--json OUT] [--compare BEFORE.json] [--jobs N]

LABELS is a folder of label files (one YAML file per repository, the format is documented in
docs/accuracy.md); REPOS is a folder holding one checkout per label file, named like the label
file without its suffix (``labels/owner__name.yaml`` → ``REPOS/owner__name``). Each checkout is
assessed by ``twelve check --format json`` in its own process, and the harness prints:

- one row per repository: its twelve statuses (a mark on those that disagree), exact and lenient
  agreement, opposite errors (meets ↔ does not meet) and inconclusive verdicts;
- the totals, and a per-factor table with the confusions (expert → twelve);
- every disagreement, the expert's justification beside twelve's.

``--json OUT`` writes the same as JSON, and ``--compare BEFORE.json`` lists the verdicts that
changed since an earlier JSON output (the way to show that a refactoring kept every verdict).
``--min-exact``, ``--min-lenient``, ``--max-opposite`` and ``--max-inconclusive`` turn the run into
a gate (exit code 1 when one is missed); exit code 2 means the inputs could not be read.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
#: statuses as twelve writes them; label files may write them with hyphens
STATUSES = ("meets", "partial", "does_not_meet", "not_applicable", "inconclusive")
SHORT = {
    "meets": "M",
    "partial": "P",
    "does_not_meet": "D",
    "not_applicable": "NA",
    "inconclusive": "?",
    "error": "ERR",
    "missing": "-",
}
OPPOSITE = {frozenset(("meets", "does_not_meet"))}


class LabelError(Exception):
    """A label file that cannot be used (named in the message)."""


def _status(value: object, where: str) -> str:
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text not in STATUSES or text == "inconclusive":
        raise LabelError(f"{where}: unknown verdict {value!r} (meets, partial, does-not-meet, not-applicable)")
    return text


@dataclass
class FactorLabel:
    factor: int
    verdict: str
    accept: tuple[str, ...]
    justification: str


@dataclass
class Label:
    name: str  # the label file's stem, also the checkout's folder name
    repo: str
    commit: str | None
    factors: dict[int, FactorLabel]


def load_label(path: Path) -> Label:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("factors"), list):
        raise LabelError(f"{path}: expected a mapping with a 'factors' list")
    factors: dict[int, FactorLabel] = {}
    for entry in data["factors"]:
        where = f"{path.name}: factor {entry.get('factor') if isinstance(entry, dict) else entry!r}"
        if not isinstance(entry, dict) or not isinstance(entry.get("factor"), int) or not 1 <= entry["factor"] <= 12:
            raise LabelError(f"{where}: 'factor' must be a number from 1 to 12")
        verdict = _status(entry.get("verdict"), where)
        accept = tuple(_status(a, where) for a in entry.get("accept") or ()) or (verdict,)
        if verdict not in accept:
            accept = (verdict, *accept)
        factors[entry["factor"]] = FactorLabel(
            entry["factor"], verdict, accept, " ".join(str(entry.get("justification") or "").split())
        )
    return Label(path.stem, str(data.get("repo") or path.stem), data.get("commit"), factors)


@dataclass
class Outcome:
    """twelve's verdicts on one checkout (or why there are none)."""

    statuses: dict[int, str] = field(default_factory=dict)
    justifications: dict[int, str] = field(default_factory=dict)
    exit_code: int | None = None
    error: str | None = None


def run_twelve(checkout: Path, twelve: list[str], timeout: float) -> Outcome:
    if not checkout.is_dir():
        return Outcome(error=f"no checkout at {checkout}")
    command = [
        *twelve,
        "check",
        str(checkout),
        "--format",
        "json",
        "--no-cache",
        "--no-progress",
        "--jobs",
        "1",
        "--lang",
        "en",
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env={**os.environ, "NO_COLOR": "1"}
        )
    except subprocess.TimeoutExpired:
        return Outcome(error=f"timed out after {timeout:.0f} s")
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return Outcome(exit_code=done.returncode, error=f"exit {done.returncode}: {tail[0]}")
    outcome = Outcome(exit_code=done.returncode)
    for verdict in report.get("factors", ()):
        outcome.statuses[verdict["number"]] = verdict["status"]
        outcome.justifications[verdict["number"]] = verdict.get("justification", "")
    if done.returncode not in (0, 1):
        outcome.error = f"exit {done.returncode}: " + "; ".join(report.get("internal_errors", ())[:2])
    return outcome


@dataclass
class Cell:
    factor: int
    expert: str
    accept: tuple[str, ...]
    twelve: str
    expert_justification: str
    twelve_justification: str

    @property
    def exact(self) -> bool:
        return self.twelve == self.expert

    @property
    def lenient(self) -> bool:
        return self.twelve in self.accept

    @property
    def opposite(self) -> bool:
        return frozenset((self.expert, self.twelve)) in OPPOSITE


@dataclass
class RepoResult:
    name: str
    repo: str
    commit: str | None
    cells: list[Cell]
    exit_code: int | None
    error: str | None

    def count(self, what: str) -> int:
        if what == "inconclusive":
            return sum(c.twelve == "inconclusive" for c in self.cells)
        return sum(bool(getattr(c, what)) for c in self.cells)


def score(label: Label, outcome: Outcome) -> RepoResult:
    cells = []
    for number in sorted(label.factors):
        want = label.factors[number]
        got = outcome.statuses.get(number, "error" if outcome.error else "missing")
        cells.append(
            Cell(
                number,
                want.verdict,
                want.accept,
                got,
                want.justification,
                " ".join(outcome.justifications.get(number, outcome.error or "").split()),
            )
        )
    return RepoResult(label.name, label.repo, label.commit, cells, outcome.exit_code, outcome.error)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def totals(results: list[RepoResult]) -> dict[str, object]:
    cells = [c for r in results for c in r.cells]
    n = len(cells)
    out: dict[str, object] = {"repositories": len(results), "verdicts": n}
    for what in ("exact", "lenient", "opposite", "inconclusive"):
        k = sum(r.count(what) for r in results)
        out[what] = k
        out[f"{what}_pct"] = round(100 * k / n, 1) if n else None
    out["errors"] = sum(1 for r in results if r.error)
    return out


def per_factor(results: list[RepoResult]) -> list[dict[str, object]]:
    rows = []
    for number in range(1, 13):
        cells = [c for r in results for c in r.cells if c.factor == number]
        if not cells:
            continue
        confusions = Counter(f"{c.expert}→{c.twelve}" for c in cells if not c.exact)
        rows.append(
            {
                "factor": number,
                "roman": ROMAN[number - 1],
                "verdicts": len(cells),
                "exact": sum(c.exact for c in cells),
                "lenient": sum(c.lenient for c in cells),
                "opposite": sum(c.opposite for c in cells),
                "inconclusive": sum(c.twelve == "inconclusive" for c in cells),
                "confusions": dict(sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))),
            }
        )
    return rows


def confusion_matrix(results: list[RepoResult]) -> dict[str, dict[str, int]]:
    matrix: dict[str, dict[str, int]] = {}
    for cell in (c for r in results for c in r.cells):
        row = matrix.setdefault(cell.expert, {})
        row[cell.twelve] = row.get(cell.twelve, 0) + 1
    return matrix


def to_json(results: list[RepoResult]) -> dict[str, object]:
    return {
        "totals": totals(results),
        "factors": per_factor(results),
        "matrix": confusion_matrix(results),
        "repositories": [
            {
                "name": r.name,
                "repo": r.repo,
                "commit": r.commit,
                "exit_code": r.exit_code,
                "error": r.error,
                "exact": r.count("exact"),
                "lenient": r.count("lenient"),
                "opposite": r.count("opposite"),
                "inconclusive": r.count("inconclusive"),
                "verdicts": [
                    asdict(c) | {"exact": c.exact, "lenient": c.lenient, "opposite": c.opposite} for c in r.cells
                ],
            }
            for r in results
        ],
    }


def render(results: list[RepoResult], width: int = 100) -> str:
    lines: list[str] = []
    name_w = max([len("repository"), *(len(r.name) for r in results)])
    head = f"{'repository':<{name_w}} " + " ".join(f"{rn:>4}" for rn in ROMAN) + "  exact lenient opp inc"
    lines += [head, "-" * len(head)]
    for r in results:
        marks = {
            c.factor: SHORT.get(c.twelve, c.twelve) + ("" if c.exact else ("~" if c.lenient else "*")) for c in r.cells
        }
        n = len(r.cells)
        lines.append(
            f"{r.name:<{name_w}} "
            + " ".join(f"{marks.get(i, ''):>4}" for i in range(1, 13))
            + f"  {r.count('exact'):>2}/{n:<2} {r.count('lenient'):>4}/{n:<2} {r.count('opposite'):>3}"
            f" {r.count('inconclusive'):>3}" + (f"  ! {r.error}" if r.error else "")
        )
    t = totals(results)
    lines += [
        "",
        "M meets, P partial, D does not meet, NA not applicable, ? inconclusive; "
        "~ lenient only (in the expert's accept list), * disagreement",
        "",
    ]
    lines.append(
        f"exact {t['exact']}/{t['verdicts']} ({_pct(t['exact'], t['verdicts'])}), "  # type: ignore[arg-type]
        f"lenient {t['lenient']}/{t['verdicts']} ({_pct(t['lenient'], t['verdicts'])}), "  # type: ignore[arg-type]
        f"opposite {t['opposite']}, inconclusive {t['inconclusive']} "
        f"({_pct(t['inconclusive'], t['verdicts'])}), runs with errors {t['errors']}"
    )  # type: ignore[arg-type]
    lines += ["", "factor  exact  lenient  opp  inc  confusions (expert→twelve)"]
    for row in per_factor(results):
        conf = ", ".join(f"{k} {v}" for k, v in row["confusions"].items())  # type: ignore[attr-defined]
        lines.append(
            f"{row['roman']:<6} {row['exact']:>3}/{row['verdicts']:<3} {row['lenient']:>3}/{row['verdicts']:<3}"
            f" {row['opposite']:>4} {row['inconclusive']:>4}  {conf}"
        )
    matrix = confusion_matrix(results)
    cols = [s for s in (*STATUSES, "error", "missing") if any(s in row for row in matrix.values())]
    lines += ["", "expert \\ twelve  " + " ".join(f"{SHORT[s]:>4}" for s in cols)]
    for expert in STATUSES:
        if expert in matrix:
            lines.append(f"{expert:<16} " + " ".join(f"{matrix[expert].get(s, 0):>4}" for s in cols))
    disagreements = [(r, c) for r in results for c in r.cells if not c.exact]
    if disagreements:
        lines += ["", f"Disagreements ({len(disagreements)})"]
        wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
        for r, c in disagreements:
            accept = "" if c.accept == (c.expert,) else f" (accepts {', '.join(c.accept)})"
            kind = "lenient" if c.lenient else ("OPPOSITE" if c.opposite else "wrong")
            lines.append(f"- {r.name} {ROMAN[c.factor - 1]}: expert {c.expert}{accept}, twelve {c.twelve} [{kind}]")
            lines += wrap.wrap("expert: " + c.expert_justification)
            lines += wrap.wrap("twelve: " + c.twelve_justification)
    return "\n".join(lines)


def compare(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """The verdicts that differ between two JSON outputs of this harness."""

    def index(doc: dict[str, object]) -> dict[tuple[str, int], str]:
        return {
            (r["name"], v["factor"]): v["twelve"]
            for r in doc["repositories"]  # type: ignore[attr-defined]
            for v in r["verdicts"]
        }

    old, new = index(before), index(after)
    changes = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            changes.append(f"{key[0]} {ROMAN[key[1] - 1]}: {old.get(key, 'absent')} → {new.get(key, 'absent')}")
    bt, at = before["totals"], after["totals"]
    summary = ", ".join(f"{k} {bt.get(k)} → {at.get(k)}" for k in ("exact", "lenient", "opposite", "inconclusive"))  # type: ignore[attr-defined]
    return [f"since {summary}"] + changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", type=Path, help="folder of label files (*.yaml)")
    parser.add_argument("repos", type=Path, help="folder of checkouts named like the label files")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--compare", type=Path, help="an earlier --json output: list the verdicts that changed")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="repositories assessed at once")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per repository")
    parser.add_argument("--only", action="append", default=[], help="assess only label files whose name contains this")
    parser.add_argument("--quiet", action="store_true", help="print the totals only")
    parser.add_argument(
        "--twelve", default=None, help="the command that runs twelve (default: this Python's -m twelve)"
    )
    for name in ("min-exact", "min-lenient"):
        parser.add_argument(f"--{name}", type=float, help="gate: the least percentage allowed")
    parser.add_argument("--max-opposite", type=int, help="gate: the most opposite errors allowed")
    parser.add_argument("--max-inconclusive", type=float, help="gate: the largest inconclusive percentage allowed")
    args = parser.parse_args(argv)

    files = sorted(p for p in args.labels.glob("*.y*ml") if not args.only or any(o in p.stem for o in args.only))
    if not files:
        print(f"accuracy: no label files in {args.labels}", file=sys.stderr)
        return 2
    try:
        labels = [load_label(p) for p in files]
    except LabelError as exc:
        print(f"accuracy: {exc}", file=sys.stderr)
        return 2
    twelve = args.twelve.split() if args.twelve else [sys.executable, "-I", "-m", "twelve"]
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = list(pool.map(lambda lb: run_twelve(args.repos / lb.name, twelve, args.timeout), labels))
    results = [score(lb, out) for lb, out in zip(labels, outcomes)]
    doc = to_json(results)
    t = doc["totals"]
    if args.quiet:
        print(json.dumps(t))
    else:
        print(render(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.compare:
        try:
            before = json.loads(args.compare.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"accuracy: cannot read {args.compare}: {exc}", file=sys.stderr)
            return 2
        print("\nChanges " + "\n  ".join(compare(before, doc)))
    failed = [
        msg
        for ok, msg in (
            (args.min_exact is None or (t["exact_pct"] or 0) >= args.min_exact, f"exact below {args.min_exact} %"),
            (
                args.min_lenient is None or (t["lenient_pct"] or 0) >= args.min_lenient,
                f"lenient below {args.min_lenient} %",
            ),
            (
                args.max_opposite is None or t["opposite"] <= args.max_opposite,
                f"more than {args.max_opposite} opposite errors",
            ),
            (
                args.max_inconclusive is None or (t["inconclusive_pct"] or 0) <= args.max_inconclusive,
                f"inconclusive above {args.max_inconclusive} %",
            ),
        )
        if not ok
    ]
    for msg in failed:
        print(f"accuracy gate: {msg}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
