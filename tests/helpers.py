"""Test helpers: build small repositories on disk and run the pipeline (or one rule) on them."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from materialize import materialize  # noqa: E402
from twelve.facts import extract_all  # noqa: E402
from twelve.model import Assessment, Finding  # noqa: E402
from twelve.pipeline import Options, assess  # noqa: E402
from twelve.repository import open_repository  # noqa: E402
from twelve.rules import all_rules  # noqa: E402


def extract_text(module: str, path: str, text: str, kind: str | None = None, scope: str = "production") -> list:
    """Run one extractor module (e.g. "twelve.facts.javascript") on *text* as if it were *path*."""
    import importlib

    from twelve.facts.base import Source
    from twelve.model import Scope
    from twelve.repository.kinds import kind_of

    source = Source(path, textwrap.dedent(text).lstrip("\n"), kind or kind_of(path), Scope(scope))
    return importlib.import_module(module).extract(source)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write *files* ({relative path: content}) under *root*; content is dedented."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def make_repo(
    tmp_path: Path,
    files: dict[str, str],
    *,
    git: bool = True,
    tags: tuple[str, ...] = (),
    commits: int = 1,
    name: str = "app",
) -> Path:
    """A repository with *files*, committed with dulwich unless git=False (then no VCS at all)."""
    source = write_tree(tmp_path / f"{name}-src", files)
    dest = tmp_path / name
    materialize(str(source), str(dest), tags=tags, commits=commits, git=git)
    return dest


def run(path: Path, **options) -> Assessment:
    return assess(str(path), Options(**options))


def findings_of(path: Path, rule_id: str, app_index: int = 0) -> list[Finding]:
    """The findings of one rule on the repository at *path* (for the given app)."""
    repo = open_repository(str(path))
    facts = extract_all(repo, 2 * 1024 * 1024)
    rule = next(r for r in all_rules() if r.meta.id == rule_id)
    app = facts.for_app(repo.apps[app_index])
    if rule.meta.closing:  # it reads what the other rules of its factor found
        from twelve.rules import run_rules

        run = run_rules(app, tuple(r for r in all_rules() if r.meta.factor == rule.meta.factor))
        return [f for f in run.findings if f.rule == rule_id]
    return list(rule(app))


def fired(tmp_path: Path, files: dict[str, str], rule_id: str, **repo_options) -> list[Finding]:
    """Make a repository from *files* and return what *rule_id* finds there."""
    return findings_of(make_repo(tmp_path, files, **repo_options), rule_id)


def lines(findings: list[Finding]) -> set[tuple[str, int | None]]:
    return {(loc.path, loc.line) for f in findings for loc in f.locations}


def statuses(assessment: Assessment, app_index: int = 0) -> dict[int, str]:
    return {v.factor: v.status.value for v in assessment.apps[app_index].verdicts}


__all__ = ["ROOT", "extract_text", "findings_of", "fired", "lines", "make_repo", "run", "statuses", "write_tree"]


# --- fixture repositories ------------------------------------------------------------------------

FIXTURES = ROOT / "tests" / "fixtures"


def assessed_fixture(tmp_path_factory, name: str, tags: tuple[str, ...] = ()) -> Assessment:
    """The assessment of fixture *name*, laid out as the git repository it stands for."""
    dest = tmp_path_factory.mktemp("fx") / name
    materialize(str(FIXTURES / name), str(dest), tags=tags)
    return run(dest)


def line_of(fixture: str, name: str, needle: str) -> int:
    """The first line of fixture file *name* that contains *needle*."""
    text = (FIXTURES / fixture / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(text, start=1) if needle in line)


def evidence(assessment: Assessment, factor: int, rule: str) -> set[tuple[str, int | None]]:
    """(path, line) of every location of *rule*'s findings on *factor* of the main app."""
    return {
        (loc.path, loc.line) for f in assessment.main.verdict(factor).findings if f.rule == rule for loc in f.locations
    }


def markdown_statuses(assessment: Assessment, lang: str) -> list[str]:
    """The status column of the Markdown summary table, turned back into status keys."""
    import re

    from twelve.locale import Catalog
    from twelve.report import render

    catalog = Catalog(lang)
    words = {
        catalog.text(f"status.{s}"): s for s in ("meets", "partial", "does_not_meet", "not_applicable", "inconclusive")
    }
    rows = re.findall(r"^\| [IVX]+\. [^|]+ \| ([^|]+) \|", render(assessment, "markdown", lang), re.M)
    return [words[cell.strip()] for cell in rows]


def of(found: list, kind: str) -> list:
    """The facts of *kind* among *found*."""
    return [f for f in found if f.kind == kind]


def one(found: list, kind: str):
    """The only fact of *kind* among *found* (the test fails if there are none or several)."""
    items = of(found, kind)
    assert len(items) == 1, items
    return items[0]
