"""CI tests run against a real backing service (F10-S02)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.environments import code_engines, code_label, definitions, describe, display
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F10-S02", factor=10, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F10-S2",))
def ci_runs_real_services(facts: AppFacts) -> Iterator[Hit]:
    """CI starts a service container of the engine the code or production uses.

    Why it matters: X. Dev/prod parity — tests that run against the production engine keep the
    tools gap small: what passes in CI behaves the same once deployed.
    Fires on: a GitHub Actions job with `services: postgres: image: postgres:16` when the code
    declares a PostgreSQL driver or another definition runs PostgreSQL; CircleCI `cimg/postgres`.
    Near miss: a CI service of an engine nothing else uses; tests on SQLite.
    Fix: nothing to fix.
    """
    defs = definitions(facts)
    used = code_engines(facts)
    for ci in (d for d in defs if d.side == "ci"):
        other = next((d for d in defs if d.engine == ci.engine and d.side != "ci"), None)
        reference = used.get(ci.engine)
        if reference is not None:
            yield hit(
                ci.where,
                reference,
                scope=Scope.PRODUCTION,
                engine=display(ci.engine),
                service=ci.label,
                ci=describe(ci.where),
                matches=describe(reference, code_label(reference)),
            )
        elif other is not None:
            yield hit(
                ci.where,
                other.where,
                scope=Scope.PRODUCTION,
                engine=display(ci.engine),
                service=ci.label,
                ci=describe(ci.where),
                matches=describe(other.where, other.label),
            )
