"""Stage 3: findings, from facts and the app model, by small pure rules.

Each factor is a package (``twelve.rules.f05``) with one module per rule concept
(``twelve.rules.f05.manual_deploy``); a rule is its metadata (``@rule``) and a pure function whose
docstring says what it detects, why it matters, what it fires on, its near miss and the fix
(``docs/rules/F05.md`` is generated from them). A rule that raises is contained: the error is
recorded against its factor and the other rules and factors are still assessed.
"""

from __future__ import annotations

import importlib
import pkgutil
import traceback
from dataclasses import dataclass, field
from functools import lru_cache

from twelve.facts import AppFacts
from twelve.model import Finding
from twelve.rules.registry import Rule, RuleMeta

FACTOR_PACKAGES = tuple(f"f{n:02d}" for n in range(1, 13))


def rule_modules() -> list[str]:
    """Every module that declares rules: the modules of each factor's package (a module whose name
    starts with an underscore holds shared helpers, not rules)."""
    names: list[str] = []
    for package in FACTOR_PACKAGES:
        found = importlib.import_module(f"twelve.rules.{package}")
        names.extend(
            f"{found.__name__}.{info.name}"
            for info in pkgutil.iter_modules(found.__path__)
            if not info.name.startswith("_")
        )
    return names


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for name in rule_modules():
        module = importlib.import_module(name)
        # a rule counts in the module that defines it, not in those that import it
        found.extend(v for v in vars(module).values() if isinstance(v, Rule) and v.module == name)
    found.sort(key=lambda r: (r.meta.factor, _id_key(r.meta.id)))
    ids = [r.meta.id for r in found]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:  # pragma: no cover - guarded by tests
        raise RuntimeError(f"duplicate rule ids: {sorted(duplicates)}")
    return tuple(found)


_KIND_ORDER = {"S": 0, "AP": 1, "NA": 2, "NE": 3}


def _id_key(rule_id: str) -> tuple[int, str]:
    """Signals first, then anti-patterns, the applicability gate and "no evidence" (ids have fixed width)."""
    tail = rule_id.partition("-")[2]
    return (_KIND_ORDER.get(tail.rstrip("0123456789"), 4), rule_id)


def rule_meta(rule_id: str) -> RuleMeta | None:
    return next((r.meta for r in all_rules() if r.meta.id == rule_id), None)


@dataclass(slots=True)
class RuleRun:
    findings: list[Finding] = field(default_factory=list)
    errors: dict[int, list[str]] = field(default_factory=dict)  # factor -> messages
    tracebacks: list[str] = field(default_factory=list)


def run_rules(facts: AppFacts, rules: tuple[Rule, ...] | None = None) -> RuleRun:
    """Every rule of *rules* on *facts*; closing rules last, each with its factor's findings."""
    run = RuleRun()
    chosen = rules if rules is not None else all_rules()
    by_factor: dict[int, list[Finding]] = {}
    for rule in [r for r in chosen if not r.meta.closing] + [r for r in chosen if r.meta.closing]:
        try:
            found = list(rule(facts, by_factor.get(rule.meta.factor, ())))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            run.errors.setdefault(rule.meta.factor, []).append(f"{rule.meta.id}: {type(exc).__name__}: {exc}")
            run.tracebacks.append(f"rule {rule.meta.id}:\n" + "".join(traceback.format_exception(exc)))
            continue
        run.findings.extend(found)
        by_factor.setdefault(rule.meta.factor, []).extend(found)
    return run
