"""F07-NA: no process of the app exports a network service."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import serving
from twelve.facts import AppFacts
from twelve.model import Effect
from twelve.rules.registry import NEUTRAL, WEAK, Hit, hit, rule


@rule("F07-NA", factor=7, polarity=NEUTRAL, strength=WEAK, effect=Effect.NOT_APPLICABLE)
def no_network_service(facts: AppFacts) -> Iterator[Hit]:
    """Every process the app starts is a worker or a command-line job: port binding does not apply.

    An applicability gate: it fires only when every start command can be read and none serves.
    Why it matters: VII. Port binding — the factor is about process types that export a service
    over the network; a queue worker or a batch job has no port to bind.
    Fires on: a Procfile with only `worker: celery -A tasks worker`; a Dockerfile whose CMD runs
    `python etl.py` where etl.py serves nothing, with no web framework declared.
    Near miss: a web framework or server declared or created in code; a process type named web; a
    port declared (EXPOSE, containerPort); a start command through a shell script or supervisor it
    cannot see into; a Dockerfile with no CMD (its base image decides).
    Fix: nothing to change; declare the server if one of these processes should serve requests.
    """
    starts = serving.effective_starts(facts)
    if not starts or serving.inherits_start(facts) or serving.serves_network(facts, starts):
        return
    if not any(serving.opaque(facts, s) for s in starts):
        yield hit(*(s.fact for s in starts), processes=sorted({s.process for s in starts}),
                  commands=[" ".join(s.argv) for s in starts])
