"""F07-S10: a literal port in the start path or the server code."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import serving
from twelve.facts import AppFacts
from twelve.rules.registry import ADVICE, AGAINST, WEAK, Hit, hit, rule


@rule("F07-S10", factor=7, polarity=AGAINST, strength=WEAK, basis=ADVICE, replaces=("F07-S3b", "F07-S5b"))
def hard_coded_port(facts: AppFacts) -> Iterator[Hit]:
    """The server binds a port written in the start command or the code.

    Python start commands and server calls have the plain sentences (`node` for a Node.js server
    started by a start command); every Go (`go`) and Ruby (`ruby`) listener with a literal port fires.
    Why it matters: VII. Port binding — the port is deploy-specific configuration the platform
    assigns; a fixed port inside a container with port mapping works, hence advice.
    Fires on: `gunicorn --bind 0.0.0.0:8000`, `app.run(port=5000)`, `app.listen(3000)`,
    `r.Run(":8080")`, `port 3000` in config/puma.rb.
    Near miss: `--bind 0.0.0.0:$PORT`; `port=int(os.environ["PORT"])`; a Unix socket; a literal
    only as the default of an environment variable.
    Fix: read the port from the environment (`PORT`), keeping the literal as its default if needed.
    """
    # a literal on the command line or in code wins over any environment variable
    for found in serving.distinct_servings(facts):
        bind = serving.bind_of(facts, found)
        if bind.unix or not serving.is_literal_port(bind.port):
            continue
        yield hit(
            found.evidence,
            variant="node" if found.node else None,
            port=bind.port,
            command=found.text,
            path=found.evidence.path,
        )
    for lang in ("go", "ruby"):
        for fact in serving.code_listeners(facts, lang):
            port = fact.data.port
            if port is not None and port.source == "literal":
                yield hit(fact, variant=lang, api=fact.data.api, port=port.value, path=fact.path)
