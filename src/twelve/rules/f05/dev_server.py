"""A development server or reloader on the production start path (F05-S09)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import advice_stack
from twelve.appmodel.deploy import dev_servers
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule


@rule("F05-S09", factor=5, polarity=AGAINST, strength=STRONG, ecosystems=("py", "deploy"), replaces=("F05-S9",))
def dev_server_in_production(facts: AppFacts) -> Iterator[Hit]:
    """A development server, reloader or debug mode runs in production.

    Strong for a development server as the production start command; moderate for an image
    variable that only switches a framework's debug mode on.

    Why it matters: V. Build, release, run — the run stage runs a fixed release; a reloader
    changes the running code whenever a file changes, and a debug server is not built to serve.
    Fires on: `CMD ["flask", "run"]`, `manage.py runserver`, `gunicorn --reload`, `nodemon`,
    `tsx watch`, `next dev`, `node --watch`, `go run .`, `vite` (not `vite build`), `python app.py`
    whose script calls `app.run()`; `ENV FLASK_DEBUG=1` in the image.
    Near miss: `gunicorn app:app`, `next start`, `uvicorn.run()` called from the script; the
    same commands in a development compose file.
    Fix: start the app with a production server (`gunicorn --bind 0.0.0.0:$PORT app:app`) and keep
    the development server for local runs.
    """
    stack = advice_stack(facts)
    for found in dev_servers(facts):
        yield hit(
            *found.evidence,
            strength=MODERATE if found.switch else None,
            variant=stack,
            server=found.label,
            file=found.file,
        )
