"""II. Dependencies: Python code imports a package it gets only through another dependency."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import undeclared_imports
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, WEAK, Hit, hit, rule


@rule("F02-S25", factor=2, polarity=AGAINST, strength=WEAK, ecosystems=("py",), replaces=("F02-S7b",))
def transitive_import(facts: AppFacts) -> Iterator[Hit]:
    """A module imported directly that is installed only because a declared dependency needs it.

    Why it matters: II. Dependencies — a complete declaration names what the code itself imports;
    a package that arrives as someone else's dependency disappears when that dependency drops it.
    Fires on: `import click` with only flask declared (Flask depends on Click); an import found
    only in the lock file.
    Near miss: click declared next to flask; a module nothing installs at all (F02-S07).
    Fix: declare the imported package with an exact version, or stop importing it.
    """
    for found in undeclared_imports(facts):
        if found.status == "transitive":
            yield hit(found.fact, module=found.module, via="lock" if found.provider == "lock" else found.provider)
