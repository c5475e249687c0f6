"""F07-NE: a web app with no start command or deploy definition."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import serving, start_commands
from twelve.facts import AppFacts
from twelve.model import Effect
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F07-NE", factor=7, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def web_app_without_start(facts: AppFacts) -> Iterator[Hit]:
    """A Python web app that the repository never says how to start.

    Why it matters: VII. Port binding — the factor is judged on how the app's process is started
    and what it binds; with no start command and no deploy definition there is nothing to judge,
    and the tool says so instead of guessing.
    Fires on: a Flask or Django app with no Procfile, Dockerfile or deploy compose service.
    Near miss: any Procfile, Dockerfile or compose service built here; an app that is not a web app.
    Fix: add a Procfile or a Dockerfile whose CMD starts the app's declared server.
    """
    web = serving.python_web_evidence(facts)
    if web and not start_commands(facts) and not serving.deploy_definitions(facts):
        yield hit(web[0], web=web[0].path)
