"""`.dockerignore` leaves admin code out of the image (F12-S07)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import ignored_admin_code
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F12-S07", factor=12, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F12-S7",))
def admin_code_left_out_of_image(facts: AppFacts) -> Iterator[Hit]:
    """The image build excludes the app's admin code, so the release cannot run its admin tasks.

    Why it matters: XII. Admin processes — admin code ships in the same artifact as the app, to
    run against the same release.
    Fires on: `migrations/`, `scripts/` or `manage.py` in `.dockerignore` while the repository has
    admin code there.
    Near miss: `.git`, `tests/` in `.dockerignore`; `!migrations` (an exception that keeps them).
    Fix: remove the pattern from `.dockerignore`, so that admin code ships in the image.
    """
    for found in ignored_admin_code(facts):
        yield hit(found.fact, scope=Scope.PRODUCTION, what=found.pattern, file=found.fact.path)
