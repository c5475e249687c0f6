"""F07-S09: a web app whose start commands start no server."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import serving, start_commands
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F07-S09", factor=7, polarity=AGAINST, strength=MODERATE, replaces=("F07-S9",))
def no_listener(facts: AppFacts) -> Iterator[Hit]:
    """The app serves HTTP, but every production start command is a worker, a CLI or a script
    that does not serve.

    Why it matters: VII. Port binding — a network-facing app exports its service by binding a
    port from its own process; when nothing the repository starts listens, serving depends on
    configuration kept somewhere else.
    Fires on: a Flask app whose Dockerfile runs only `celery -A tasks worker`, or `python manage.py
    migrate`, or a script that creates no server.
    Near miss: any start command running a server, or a module that serves; a start command it
    cannot read (a shell script, a supervisor, another language); a Dockerfile with no CMD.
    Fix: add a web process that starts the app's declared server and binds the port.
    """
    web = serving.python_web_evidence(facts)
    definitions = serving.deploy_definitions(facts)
    starts = start_commands(facts)
    if not web or not definitions or not starts or serving.inherits_start(facts):
        return
    if all(serving.known_idle(facts, s) for s in starts):
        yield hit(web[0], *(s.fact for s in starts), web=web[0].path, commands=[" ".join(s.argv) for s in starts])
