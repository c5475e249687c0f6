"""I. Codebase: a copy or an old version of the app kept as a directory of the repository."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.codebase import app_copies
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F01-AP02", factor=1, polarity=AGAINST, strength=STRONG)
def app_copy_in_repository(facts: AppFacts) -> Iterator[Hit]:
    """A copy or an old version of an app is kept as a directory beside it, with its own manifest.

    Why it matters: I. Codebase — there is one codebase per app, and its history lives in version
    control: versions or copies kept as directories (the rubric's does-not-meet) are several
    codebases of one app, which drift apart and leave no single source of what is deployed.
    Fires on: `backup/requirements.txt` and `backup/app.py` beside the app; `old/package.json`;
    `app-old/`, `legacy/`, `v1/` holding a manifest inside the app's tree.
    Near miss: `v1/` and `v2/` that are app roots of their own (F01-S05 counts them); an API
    version package without a manifest (`api/v1/views.py`); tests, examples and docs.
    Fix: delete the copy and rely on the repository's history (a tag or a branch for the old
    version) instead.
    """
    copies = app_copies(facts)
    if copies:
        yield hit(
            *(Location(manifest) for _, manifest in copies),
            count=len(copies),
            copies=[directory for directory, _ in copies],
        )
