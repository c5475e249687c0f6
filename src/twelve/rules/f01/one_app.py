"""I. Codebase: one app per repository (F01-S02), or several apps sharing it (F01-S05)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import AGAINST, FOR, MODERATE, Hit, hit, rule


@rule("F01-S02", factor=1, polarity=FOR, strength=MODERATE, replaces=("F01-S2",))
def one_app(facts: AppFacts) -> Iterator[Hit]:
    """The repository holds exactly one deployable app.

    Why it matters: I. Codebase — codebase and app correspond one to one: an app may run several
    process types from its one codebase, but it never spans several repositories nor shares one
    with other apps.
    Fires on: a repository under version control with a single app root (a directory with a
    dependency manifest: requirements.txt, package.json, go.mod, pom.xml, Gemfile...).
    Near miss: several app roots, each with its own manifest (F01-S05); no version control (F01-NE).
    Fix: nothing to fix.
    """
    apps = facts.apps
    if facts.git.vcs and len(apps) == 1 and apps[0].manifests:  # without version control: F01-NE
        app = apps[0]
        yield hit(Location(app.manifests[0]), app=app.path, manifest=app.manifests[0])


@rule("F01-S05", factor=1, polarity=AGAINST, strength=MODERATE, replaces=("F01-S5",))
def several_apps(facts: AppFacts) -> Iterator[Hit]:
    """Several deployable apps, each with its own manifest, share one repository.

    Why it matters: I. Codebase — apps that live in one repository are a distributed system; the
    methodology wants each of them to be its own codebase, with shared code factored into
    libraries resolved by the dependency manager.
    Fires on: `api/requirements.txt` next to `worker/requirements.txt`; a `frontend/package.json`
    beside a `backend/pom.xml`.
    Near miss: one app with several process types (web and worker from one manifest); a
    manifest under `tests/` or `docs/` (not an app root).
    Fix: give each app its own repository (or at least its own versioned build and release) and
    move the code they share into a package.
    """
    apps = [a for a in facts.apps if a.manifests]
    if len(apps) > 1:
        yield hit(*(Location(a.manifests[0]) for a in apps), count=len(apps), apps=[a.path for a in apps])
