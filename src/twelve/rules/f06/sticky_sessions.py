"""F06-S01: the load balancer pins each client to one process."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F06-S01", factor=6, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",), replaces=("F06-S1",))
def sticky_sessions(facts: AppFacts) -> Iterator[Hit]:
    """Session affinity configured in front of the app (sticky sessions).

    Why it matters: VI. Processes — the methodology says sticky sessions are never to be used or
    relied upon: a process may die or be replaced at any time, so session state belongs in a
    time-expiring store any process can read.
    Fires on: a Kubernetes Service with `sessionAffinity: ClientIP`; ingress-nginx
    `nginx.ingress.kubernetes.io/affinity: cookie`, Traefik sticky cookies, ALB `stickiness.enabled=true`
    annotations; an Istio DestinationRule with consistent hashing; affinity switched on in Helm values.
    Near miss: `sessionAffinity: None`; an affinity annotation set to `none` or left empty.
    Fix: remove the affinity and keep sessions in Redis, the database or a signed cookie.
    """
    for where, scope, how in state.session_affinities(facts):
        yield hit(where, scope=scope, how=how, file=where.path)
