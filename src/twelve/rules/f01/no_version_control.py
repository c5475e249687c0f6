"""I. Codebase: no version-control metadata, so the factor cannot be judged."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F01-NE", factor=1, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def no_vcs_metadata(facts: AppFacts) -> Iterator[Hit]:
    """No `.git`, `.hg` or `.svn` at or above the assessed directory.

    Why it matters: I. Codebase — whether the app is one tracked codebase can only be seen in its
    version-control metadata; without it the tool says it cannot tell instead of guessing.
    Fires on: a directory unpacked from an archive, a copy made without `.git`, a build context.
    Near miss: a clone with its `.git` directory (F01-S01), even a shallow one.
    Fix: run twelve on a clone of the repository, with its version-control metadata.
    """
    if not facts.git.vcs:
        yield hit(Location("."))
