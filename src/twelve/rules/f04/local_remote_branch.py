"""Code that branches between a local and a remote resource (F04-S07)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.knowledge.locators import LOCAL_STORAGE
from twelve.model import Scope
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F04-S07", factor=4, polarity=AGAINST, strength=MODERATE, ecosystems=("py",), replaces=("F04-S7",))
def local_versus_remote_branch(facts: AppFacts) -> Iterator[Hit]:
    """The code switches between a local and a remote resource, or between two engines.

    Why it matters: IV. Backing services — the code makes no distinction between a service run on
    the same host and one run by a third party; only the locator in configuration differs.
    Fires on: `if settings.DEBUG: storage = FileSystemStorage() else: storage = S3Storage()`, a
    branch that picks SQLite in one case and PostgreSQL in the other.
    Near miss: one client whose URL comes from configuration in every environment.
    Fix: use one client per kind of resource and let its URL decide where it is.
    """
    for fact in facts.of("env.branch"):
        if fact.scope is not Scope.PRODUCTION:
            continue
        storage = fact.data.storage or []
        engines = fact.data.engines or []
        if (len(storage) > 1 and any(s in storage for s in LOCAL_STORAGE)) or len(set(engines)) > 1:
            yield hit(fact, condition=fact.data.condition, options=storage if len(storage) > 1 else engines)
