"""F07-S11: the server binds the loopback interface only."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import serving
from twelve.facts import AppFacts
from twelve.rules.registry import ADVICE, AGAINST, MODERATE, Hit, hit, rule


@rule("F07-S11", factor=7, polarity=AGAINST, strength=MODERATE, basis=ADVICE)
def loopback_only(facts: AppFacts) -> Iterator[Hit]:
    """A production server listens on 127.0.0.1 (or localhost) only.

    Why it matters: VII. Port binding — the service is exported by a port the routing layer can
    reach; a server bound to the loopback inside a container or VM answers nobody else.
    Fires on: `uvicorn main:app --host 127.0.0.1`; `app.run()` (Flask's default host) in the
    module the start command runs; gunicorn started with no `--bind` in a Dockerfile;
    `server.listen(3000, "localhost")`.
    Near miss: `--host 0.0.0.0`; a Unix socket; gunicorn under a Procfile (the platform sets
    PORT) or with a configuration file; a deploy that sets the server's host variable.
    Fix: bind all interfaces (`--bind 0.0.0.0:$PORT`, `host="0.0.0.0"`).
    """
    for found in serving.distinct_servings(facts):
        bind = serving.bind_of(facts, found)
        if bind.unix:
            continue
        if serving.is_loopback(bind.host):
            yield hit(
                found.evidence,
                variant="node" if found.node else None,
                host=bind.host,
                command=found.text,
                path=found.evidence.path,
            )
        elif bind.host is None and found.call is None and serving.default_is_loopback(facts, found):
            yield hit(found.evidence, host="127.0.0.1", command=found.text, path=found.evidence.path)
