"""Development runs the backing services production runs (F10-S01)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from twelve.appmodel.environments import code_engines, code_label, definitions, describe, display, drifts
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import FOR, MODERATE, STRONG, Hit, hit, rule


@rule("F10-S01", factor=10, polarity=FOR, strength=STRONG, ecosystems=("deploy",), replaces=("F10-S1",))
def same_engines(facts: AppFacts) -> Iterator[Hit]:
    """Development runs the same engine and major version of a backing service as production.

    Moderate (variant `undeclared`) when no production definition states a version: then only the
    engine could be compared, with the code's driver or with a chart or profile that names it.

    Why it matters: X. Dev/prod parity — every deploy, the developer's included, runs the same type
    and version of each backing service; a small tools gap keeps what works locally working in
    production.
    Fires on: `postgres:16` in docker-compose.yml and `postgres:16` in the production compose file,
    Helm values, a Kubernetes workload or render.yaml; `redis:7` in development with a Redis
    driver in the code and no production definition.
    Near miss: `postgres:13` in development and `postgres:16` in production (F10-S09); a development
    database the code does not use.
    Fix: nothing to fix.
    """
    defs = definitions(facts)
    used = code_engines(facts)
    for engine in sorted({d.engine for d in defs if d.side == "dev"}):
        mine = [d for d in defs if d.engine == engine and d.side in ("dev", "prod")]
        if drifts(mine):
            continue  # F10-S09
        dev = next(d for d in mine if d.side == "dev")
        prod = next((d for d in mine if d.side == "prod" and d.major), None)
        params: dict[str, Any] = {
            "engine": display(engine),
            "service": f"{display(engine)} {dev.version or ''}".strip(),
            "dev": describe(dev.where, dev.label),
        }
        if prod is not None and dev.major:
            yield hit(dev.where, prod.where, scope=Scope.PRODUCTION, matches=describe(prod.where, prod.label), **params)
        elif prod is None and engine in used:
            code = used[engine]
            yield hit(
                dev.where,
                code,
                strength=MODERATE,
                scope=Scope.PRODUCTION,
                variant="undeclared",
                matches=describe(code, code_label(code)),
                **params,
            )
        elif prod is None:
            named = next((d for d in mine if d.side == "prod"), None)  # a chart or a profile: engine, no version
            if named is not None:
                yield hit(
                    dev.where,
                    named.where,
                    strength=MODERATE,
                    scope=Scope.PRODUCTION,
                    variant="undeclared",
                    matches=describe(named.where, named.label),
                    **params,
                )
