"""F06-S10: sessions kept in a backing service or in the client."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, MODERATE, STRONG, Hit, hit, rule


@rule("F06-S10", factor=6, polarity=FOR, strength=STRONG)
def sessions_in_service(facts: AppFacts) -> Iterator[Hit]:
    """Session state lives in a backing service or a signed cookie, outside the process.

    Why it matters: VI. Processes — with sessions in a time-expiring datastore (or held by the
    client), any process can serve any request and a restart loses nothing.
    Fires on: connect-redis, Rails `cookie_store` or `redis_store`, gorilla/sessions Redis or cookie
    stores, Spring Session modules; Flask-Session `SESSION_TYPE = "redis"`; Django `db`, `cached_db`,
    `signed_cookies` sessions or cache sessions over Redis or Memcached.
    Near miss: a store configured only for the development or test environment; an in-memory store.
    Fix: nothing to change.
    """
    for found in state.backed_sessions(facts):
        if found.kind is None:  # a Python session setting
            yield hit(found.where, setting=found.setting, value=found.value, store=found.store)
        else:
            yield hit(
                found.where,
                strength=MODERATE if found.declared_only else None,
                variant=found.kind,
                api=found.api,
                setting=found.setting,
                value=found.value,
                store=found.store,
            )
