"""F07-NA: no process of the app exports a network service."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import serving
from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F07-NA", factor=7, polarity=NEUTRAL, strength=WEAK, effect=Effect.NOT_APPLICABLE)
def no_network_service(facts: AppFacts) -> Iterator[Hit]:
    """Every process the app starts is a worker or a command-line job, or nothing at all says
    that the app listens: port binding does not apply.

    An applicability gate: with start commands it fires only when every one can be read and none
    serves; with none (a bot run from a checkout, a library) when no evidence of a listener
    exists at all — no web framework or server declared or created in code, no web process type,
    no port declared. An HTTP client is not a listener: aiohttp counts only with `aiohttp.web`.
    Why it matters: VII. Port binding — the factor is about process types that export a service
    over the network; a queue worker or a batch job has no port to bind.
    Fires on: a Procfile with only `worker: celery -A tasks worker`; a Dockerfile whose CMD runs
    `python etl.py` where etl.py serves nothing, with no web framework declared; a Discord bot
    with discord.py, asyncpg and aiohttp's ClientSession and no start command at all.
    Near miss: a web framework or server declared or created in code (an `aiohttp.web` health
    endpoint); a process type named web; a port declared (EXPOSE, containerPort); a start command
    through a shell script or supervisor it cannot see into; a Dockerfile with no CMD (its base
    image decides).
    Fix: nothing to change; declare the server if one of these processes should serve requests.
    """
    starts = serving.effective_starts(facts)
    if serving.inherits_start(facts) or serving.has_listener_evidence(facts):
        return
    if not starts:
        if facts.app.stacks:  # an app twelve cannot read at all (no supported stack) says nothing here
            yield hit(Location("."), variant="nostart", processes=[], commands=[])
    elif not any(serving.opaque(facts, s) for s in starts):
        yield hit(
            *(s.fact for s in starts),
            processes=sorted({s.process for s in starts}),
            commands=[" ".join(s.argv) for s in starts],
        )
