"""The one pipeline: repository -> facts -> findings -> verdicts -> Assessment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from twelve._version import __version__
from twelve.facts import extract_all
from twelve.factors import FACTORS
from twelve.model import AppAssessment, Assessment, Coverage, FactorVerdict, Target
from twelve.repository import open_repository
from twelve.repository.walk import DEFAULT_MAX_FILE_BYTES
from twelve.rules import all_rules, run_rules
from twelve.verdict import decide


@dataclass(frozen=True, slots=True)
class Options:
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()  # rule id prefixes to keep (empty: all)
    ignore: tuple[str, ...] = ()  # rule id prefixes to drop
    profile: str = "canonical"
    debug_tracebacks: list[str] = field(default_factory=list, compare=False)


def _selected(rule_id: str, options: Options) -> bool:
    if options.select and not any(rule_id.startswith(p) for p in options.select):
        return False
    return not any(rule_id.startswith(p) for p in options.ignore)


def assess(path: str, options: Options | None = None) -> Assessment:
    """Assess the directory at *path* against the twelve factors."""
    options = options or Options()
    repo = open_repository(path, max_file_bytes=options.max_file_bytes, exclude=list(options.exclude))
    facts = extract_all(repo, options.max_file_bytes)
    rules = tuple(r for r in all_rules() if _selected(r.meta.id, options))
    any_scope = frozenset(r.meta.id for r in rules if r.meta.any_scope)
    apps: list[AppAssessment] = []
    internal: list[str] = []
    for app in repo.apps:
        run = run_rules(facts.for_app(app), rules)
        options.debug_tracebacks.extend(run.tracebacks)
        verdicts: list[FactorVerdict] = []
        for info in FACTORS:
            verdict = decide(info.number, (f for f in run.findings if f.factor == info.number), any_scope)
            errors = tuple(run.errors.get(info.number, ()))
            if errors:
                internal.extend(errors)
                verdict = FactorVerdict(verdict.factor, verdict.status, verdict.confidence, verdict.justification,
                                        verdict.findings, verdict.adjustments, errors)
            verdicts.append(verdict)
        name = os.path.basename(repo.root) if app.path == "." else app.path
        apps.append(AppAssessment(app.path, name, app.stacks, tuple(verdicts)))
    internal.extend(f"{e.path}: {e.detail}" for e in facts.errors if e.reason == "extractor_error")
    coverage = Coverage(repo.seen, facts.analyzed, facts.skipped, facts.errors)
    target = Target(path=path, name=os.path.basename(os.path.abspath(path)) or path,
                    commit=repo.git.head, is_repository=repo.git.is_repository)
    return Assessment(__version__, target, tuple(apps), coverage, options.profile, tuple(internal))
