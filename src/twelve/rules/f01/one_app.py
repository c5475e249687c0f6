"""I. Codebase: one app per repository (F01-S02), or several apps sharing it (F01-S05)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.codebase import backends, deployables
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, Hit, hit, rule


@rule("F01-S02", factor=1, polarity=FOR, strength=MODERATE, replaces=("F01-S2",))
def one_app(facts: AppFacts) -> Iterator[Hit]:
    """The repository holds exactly one deployable app, or one backend and the front end(s) it ships with.

    Why it matters: I. Codebase — codebase and app correspond one to one: an app may run several
    process types from its one codebase, but it never spans several repositories nor shares one
    with other apps. A frontend and a backend that ship together are one product, one app.
    Fires on: a repository under version control with a single app root (a directory with a
    dependency manifest: requirements.txt, package.json, go.mod, pom.xml, Gemfile...);
    `backend/requirements.txt` beside a `frontend/package.json` that declares React, Vue,
    Angular, Svelte or Next.js (variant `product`); a repository read as a library or framework
    (variant `library`: it holds one library or package).
    Near miss: several backends, each with its own manifest (F01-S05); no version control (F01-NE).
    Fix: nothing to fix.
    """
    if not facts.git.vcs:  # without version control: F01-NE
        return
    apps = backends(facts)
    if len(apps) != 1:
        return
    app = apps[0].root
    if facts.all.repo.library:  # issue 12: the one unit is a library, not a deployable app
        yield hit(Location(app.manifests[0]), variant="library", app=app.path, manifest=app.manifests[0])
        return
    frontends = [d.root.path for d in deployables(facts) if d.frontend is not None and d.root is not app]
    if frontends:
        yield hit(
            Location(app.manifests[0]), variant="product", app=app.path, manifest=app.manifests[0], frontends=frontends
        )
    else:
        yield hit(Location(app.manifests[0]), app=app.path, manifest=app.manifests[0])


@rule("F01-S05", factor=1, polarity=AGAINST, strength=STRONG, replaces=("F01-S5",))
def several_apps(facts: AppFacts) -> Iterator[Hit]:
    """Several deployable apps, each with its own manifest, share one repository.

    Why it matters: I. Codebase — apps that live in one repository are a distributed system; the
    methodology wants each of them to be its own codebase, with shared code factored into
    libraries resolved by the dependency manager. Strong (the rubric's does-not-meet) when at
    least two of them can be deployed on their own (each its own Dockerfile, Procfile or server
    start file: `manage.py`, `server.js`, `main.go`, a Spring Boot `*Application`, `config.ru`)
    or when one is a version or a copy kept as a directory (`v1/`, `v2/`, `app-old/`);
    moderate when the others are only weak entrypoints (`main.py`, `index.js`), which may be
    tools of one app.
    Fires on: `users/Dockerfile` beside `orders/Dockerfile`, each with its manifest; versions
    kept as directory copies (`v1/`, `v2/`); `api/requirements.txt` next to `worker/requirements.txt`.
    Near miss: one app with several process types (web and worker from one manifest); a
    `frontend/package.json` built on React, Vue or Angular beside its `backend/pom.xml` (one
    product, F01-S02); a folder of tooling with its own manifest (`scripts/`, `tools/`, `infra/`)
    that cannot be deployed on its own; a manifest under `tests/` or `docs/` (not an app root).
    Fix: give each app its own repository (or at least its own versioned build and release) and
    move the code they share into a package.
    """
    found = facts.derive_repository("codebase.several_apps", lambda: _several_apps(facts))
    if found is not None:
        yield found


def _several_apps(facts: AppFacts) -> Hit | None:
    """The one hit of F01-S05, the same for every app of the repository (a hundred apps each
    named the hundred manifests): made once per run."""
    apps = backends(facts)
    if len(apps) <= 1:
        return None
    separate = sum(1 for a in apps if a.separate) > 1 or any(a.copy for a in apps)
    return hit(
        *(Location(a.root.manifests[0]) for a in apps),
        strength=None if separate else MODERATE,
        count=len(apps),
        apps=[a.root.path for a in apps],
    )
