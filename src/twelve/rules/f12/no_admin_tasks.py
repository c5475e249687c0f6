"""No admin code and no state: the factor does not apply (F12-NA)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import service_dependencies
from twelve.appmodel.admin import admin_code
from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F12-NA", factor=12, polarity=NEUTRAL, strength=WEAK, effect=Effect.NOT_APPLICABLE, ecosystems=("any",))
def no_admin_tasks(facts: AppFacts) -> Iterator[Hit]:
    """No administrative task and no persistent state: there is nothing to run as a one-off process.

    Why it matters: XII. Admin processes — the factor governs how one-off admin work runs; an app
    with no admin code and no stateful service has none.
    Fires on: an app with dependencies or a Dockerfile, no migration, script or CLI command, no
    client of a backing service and no driver.
    Near miss: a declared database driver (F12-NE); a `scripts/` folder.
    Fix: if admin tasks are kept elsewhere, commit them to this repository.
    """
    stateful = facts.of("client") or service_dependencies(facts)
    if not admin_code(facts) and not stateful and (facts.of("dep.declared") or facts.of("docker.file")):
        yield hit(Location("."))
