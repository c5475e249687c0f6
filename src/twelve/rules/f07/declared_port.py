"""F07-S06: the deploy definitions state the port the app listens on."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import serving
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F07-S06", factor=7, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F07-S6",))
def declared_port(facts: AppFacts) -> Iterator[Hit]:
    """A deploy definition names the port the app's process listens on.

    Why it matters: VII. Port binding — the service is exported by binding a port the routing
    layer forwards requests to; stating it in the deploy definition makes that contract visible.
    Fires on: a Procfile `web:` line binding `$PORT`; `EXPOSE 8000` in the final stage; a
    Kubernetes `containerPort` or Service `targetPort` of the app.
    Near miss: `EXPOSE` in a build stage; a Procfile `worker:` line; ports of a backing-service
    container.
    Fix: nothing to change.
    """
    for where, detail in serving.declared_ports(facts):
        yield hit(where, detail=detail)
