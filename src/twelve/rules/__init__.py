"""Stage 3: findings, from facts, by small pure rules (one module per factor).

A rule that raises is contained: the error is recorded against its factor and the other rules
and factors are still assessed (criteria: nothing crashes the run).
"""

from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass, field
from functools import lru_cache

from twelve.facts import AppFacts
from twelve.model import Finding
from twelve.rules.registry import Rule, RuleMeta

MODULES = (
    "f01_codebase", "f02_dependencies", "f03_config", "f04_backing_services", "f05_build_release_run",
    "f06_processes", "f07_port_binding", "f08_concurrency", "f09_disposability", "f10_dev_prod_parity",
    "f11_logs", "f12_admin_processes",
    # stack-specific rules (the catalogue's per-ecosystem signal ids), one module per stack
    "stack_node", "stack_go", "stack_jvm", "stack_ruby", "stack_deploy",
)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for name in MODULES:
        module = importlib.import_module(f"twelve.rules.{name}")
        found.extend(v for v in vars(module).values() if isinstance(v, Rule))
    found.sort(key=lambda r: (r.meta.factor, _id_key(r.meta.id)))
    ids = [r.meta.id for r in found]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:  # pragma: no cover - guarded by tests
        raise RuntimeError(f"duplicate rule ids: {sorted(duplicates)}")
    return tuple(found)


def _id_key(rule_id: str) -> tuple:
    parts = rule_id.split("-")
    tail = parts[1] if len(parts) > 1 else ""
    digits = "".join(ch for ch in tail if ch.isdigit())
    return (tail[:1] != "S", tail.rstrip("0123456789abcdefghijklmnopqrstuvwxyz")[:2], int(digits or 0), rule_id)


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
