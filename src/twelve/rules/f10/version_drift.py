"""Definitions disagree on a backing service's version (F10-S09)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.environments import definitions, describe, display, drifts
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import AGAINST, MODERATE, WEAK, Hit, hit, rule


def _patch_drift(versions: list[str]) -> bool:
    """Two exact versions of one major that neither contains the other ("13.4" vs "13.7")."""
    for a in versions:
        for b in versions:
            if a < b and not (b.startswith(a + ".") or a.startswith(b + ".")):
                return True
    return False


@rule("F10-S09", factor=10, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F10-S9",))
def version_drift(facts: AppFacts) -> Iterator[Hit]:
    """Definitions of one backing service run different versions.

    Moderate when the major versions differ; weak when two exact versions of one major differ.

    Why it matters: X. Dev/prod parity — the same type of service is not enough: features, defaults
    and bugs change between versions, so every deploy should run the same one.
    Fires on: `postgres:13` in docker-compose.yml and `postgres:16` in CI or Helm values;
    `redis:7.0.4` and `redis:7.2.1`.
    Near miss: `postgres:13` and `postgres:13.4` (one floats within the other); a chart dependency,
    whose version is the chart's.
    Fix: pin the version production runs in every definition.
    """
    defs = [d for d in definitions(facts) if d.version]
    for engine in sorted({d.engine for d in defs}):
        mine = sorted((d for d in defs if d.engine == engine), key=lambda d: (d.where.path, d.where.line or 0))
        versions = sorted({d.version for d in mine if d.version})
        if len(versions) < 2:
            continue
        if drifts(mine):
            strength = MODERATE
        elif _patch_drift(versions):
            strength = WEAK
        else:
            continue  # "13" and "13.4": one floats within the other
        yield hit(
            *(d.where for d in mine),
            strength=strength,
            scope=Scope.PRODUCTION,
            engine=display(engine),
            versions=[describe(d.where, d.label) for d in mine],
        )
