"""F07-AP03: the app is served only by a development server."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import advice_stack, serving
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F07-AP03", factor=7, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "node", "rb"))
def dev_server_only(facts: AppFacts) -> Iterator[Hit]:
    """The only way the app serves HTTP is a development server: it binds a port, but with a
    server that is not meant to run in production, and no production server is declared and
    started anywhere.

    Why it matters: VII. Port binding — the app exports HTTP by binding a port with a web server
    that is one of its declared dependencies; a development server (Django's runserver, Flask's
    `flask run` or `app.run()`, Sinatra with no server gem, nodemon) binds a port, but it is not
    the server a deploy should run, so port binding holds only partly.
    Fires on: a Dockerfile CMD reaching `python manage.py runserver 0.0.0.0:8000` (also through
    scripts it runs by name); `flask run` in the Procfile; `python app.py` whose module calls
    `app.run()`; `require "sinatra"` with a Gemfile that has no puma, thin or falcon.
    Near miss: gunicorn or uvicorn on any start command; `app.run()` under `__main__` while the
    Dockerfile runs gunicorn; Sinatra with `gem "puma"`; an Express, Go or Spring Boot listener.
    Fix: declare a production server and start it (`gunicorn project.wsgi --bind 0.0.0.0:$PORT`,
    `gem "puma"`), keeping the development server for local runs.
    """
    if serving.production_servers(facts):
        return
    seen: set[str] = set()
    for found in serving.dev_servings(facts):
        if found.label in seen:
            continue
        seen.add(found.label)
        yield hit(*found.where, variant=advice_stack(facts), server=found.label, path=found.path)
