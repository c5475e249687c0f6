"""F07-AP02: the server that starts the app is not a declared dependency."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import declared, serving
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F07-AP02", factor=7, polarity=AGAINST, strength=MODERATE, ecosystems=("py",), replaces=("F07-AP2",))
def server_not_declared(facts: AppFacts) -> Iterator[Hit]:
    """A production start command runs a Python server that no manifest declares.

    Why it matters: VII. Port binding — the app must not rely on a server installed in its
    execution environment; the server library is declared like any other dependency, so every
    deploy runs the same one.
    Fires on: `web: gunicorn app:app` in the Procfile with no gunicorn in requirements.txt or
    pyproject.toml; `uvicorn.run(app)` in the module the Dockerfile runs, uvicorn undeclared.
    Near miss: the server declared in any manifest of the app (main or development group);
    `flask run` (a development server, F05's business).
    Fix: add the server with a pinned version to the app's dependency manifest.
    """
    manifests = declared(facts)
    for found in serving.servings(facts):
        if found.dist and found.dist not in manifests:
            yield hit(found.evidence, server=found.dist, command=found.text)
