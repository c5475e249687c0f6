"""Spring Boot's graceful shutdown switched off (F09-S16)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F09-S16", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=("java",), replaces=("F09-S4b",))
def spring_immediate_shutdown(facts: AppFacts) -> Iterator[Hit]:
    """Spring Boot's embedded server set to stop immediately on SIGTERM.

    Read from production configuration files and non-development profiles.

    Why it matters: IX. Disposability — processes stop gracefully on SIGTERM; an immediate
    shutdown cuts every request in flight at each deploy or scale-down.
    Fires on: `server.shutdown=immediate` in `application.properties` or `application-prod.yml`.
    Near miss: `server.shutdown: graceful`; `server.shutdown=immediate` in `application-dev.yml`.
    Fix: set `server.shutdown: graceful` and a `spring.lifecycle.timeout-per-shutdown-phase`
    shorter than the platform's grace period.
    """
    for fact in appmodel.spring_immediate_shutdowns(facts):
        yield hit(fact, file=fact.path)
