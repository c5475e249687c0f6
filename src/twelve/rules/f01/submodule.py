"""I. Codebase: a Git submodule that brings another codebase's source into the app."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.knowledge.codebase import holds_app_source
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F01-S07", factor=1, polarity=AGAINST, strength=MODERATE, replaces=("F01-S7",))
def app_source_in_submodule(facts: AppFacts) -> Iterator[Hit]:
    """A Git submodule checks another repository's code out inside the app.

    Why it matters: I. Codebase — code shared between apps belongs in a library the dependency
    manager resolves at a declared version, not in a second repository embedded in each codebase.
    Fires on: `.gitmodules` with `path = billing` (or `lib/shared`, `services/auth`).
    Near miss: a submodule for documentation, a theme, protobuf schemas, fonts or vendored
    third-party code (`docs/theme`, `proto`, `third_party/x`).
    Fix: publish the shared code as a versioned package and declare it in the manifest instead of
    embedding its repository.
    """
    submodules = facts.derive_repository("codebase.submodules", lambda: facts.all.every("vcs.submodule"))
    for fact in submodules:
        if holds_app_source(fact.data.path or ""):
            yield hit(fact, path=fact.data.path, url=fact.data.url)
