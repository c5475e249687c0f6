"""Development swaps a production backing service for a local stand-in: a memory cache, inline
tasks, console mail (Python settings), a memory store, an inline queue or an async cable (Rails
environments, variant ``rails``, formerly F10-S8r) (F10-S08)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from twelve.appmodel.deploy import ELSEWHERE
from twelve.appmodel.environments import (
    Setting,
    celery_broker,
    code_label,
    deployed_environment,
    describe,
    development_environment,
    environment_of,
    rails_cable,
    rails_settings,
    settings,
)
from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.knowledge import parity
from twelve.model import Scope
from twelve.rules.f10._shared import production_scope
from twelve.rules.registry import AGAINST, MODERATE, WEAK, Hit, hit, rule


def _contrasts(
    found: list[Setting], local: re.Pattern[str], server: re.Pattern[str]
) -> Iterator[tuple[Setting, Setting]]:
    """Pairs (development value, production value) where development swaps in a local stand-in."""
    remote = [s for s in found if server.search(s.value) and s.env in ("prod", "default")]
    for dev in (s for s in found if local.search(s.value) and s.env in ("dev", "default")):
        other = next((s for s in remote if s.fact.path != dev.fact.path or s.fact.line != dev.fact.line), None)
        if other is not None:
            yield dev, other


@rule(
    "F10-S08", factor=10, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "rb"), replaces=("F10-S8", "F10-S8r")
)
def different_cache_or_queue(facts: AppFacts) -> Iterator[Hit]:
    """Development uses a local stand-in for a backing service production runs for real.

    Weak for mail (console or file backends against SMTP).

    Why it matters: X. Dev/prod parity — every deploy uses the same backing services; an in-memory
    cache, inline tasks or console mail in development hide the differences the methodology asks
    to keep out.
    Fires on: Django `LocMemCache` or Flask `CACHE_TYPE = "simple"` in development settings next to
    Redis or Memcached in production, `CELERY_TASK_ALWAYS_EAGER = True` while the app declares
    Celery, `EMAIL_BACKEND = "...console..."` next to SMTP; Rails `config.cache_store =
    :memory_store` in development.rb next to `:redis_cache_store` in production.rb, an `:inline`
    or `:async` queue adapter next to Sidekiq, `adapter: async` in cable.yml next to Redis.
    Near miss: the same stand-in in test settings; Redis in every environment.
    Fix: run the production service locally (a redis container in docker-compose) and point
    development at it through its URL.
    """
    caches = [
        s
        for s in settings(facts, parity.CACHE_SETTING)
        if s.env != "test"
        and (s.fact.get("name") != "BACKEND" or "CACHES" in str(s.fact.get("root") or s.fact.get("path")))
    ]
    for dev, prod in _contrasts(caches, parity.LOCAL_CACHE, parity.SERVER_CACHE):
        yield hit(
            dev.fact,
            prod.fact,
            scope=production_scope(dev.fact, prod.fact),
            dev=dev.describe(),
            dev_value=dev.value,
            prod=prod.describe(),
            prod_value=prod.value,
        )
    emails = [s for s in settings(facts, parity.EMAIL_SETTING) if s.env != "test"]
    for dev, prod in _contrasts(emails, parity.LOCAL_EMAIL, parity.SERVER_EMAIL):
        yield hit(
            dev.fact,
            prod.fact,
            strength=WEAK,
            scope=production_scope(dev.fact, prod.fact),
            dev=dev.describe(),
            dev_value=dev.value,
            prod=prod.describe(),
            prod_value=prod.value,
        )
    yield from _eager_tasks(facts)
    yield from _rails(facts)


def _eager_tasks(facts: AppFacts) -> Iterator[Hit]:
    """Celery told to run tasks inline, in the caller, while the app declares a real broker."""
    broker = celery_broker(facts)
    if broker is None:
        return
    for fact in facts.of("config.assign"):
        value = fact.data.value
        if (
            not parity.EAGER_TASKS.match(str(fact.data.name or ""))
            or value is None
            or value.source != "literal"
            or value.value is not True
        ):
            continue
        if fact.scope in ELSEWHERE | {Scope.TEST} or environment_of(fact) == "test":
            continue
        yield hit(
            fact,
            broker,
            scope=Scope.PRODUCTION,
            dev=describe(fact, str(fact.data.path)),
            dev_value=f"{fact.data.name} = True",
            prod=describe(broker, code_label(broker)),
            prod_value="Celery",
        )


def _literal(setting: Fact) -> str:
    """The literal a Rails setting is given (`:memory_store` -> "memory_store")."""
    value = setting.data.value
    return str(value.value if value is not None else None)


def _rails(facts: AppFacts) -> Iterator[Hit]:
    """Rails environment files and cable.yml: a local store, queue or cable in development."""
    for setting, what in parity.RAILS_SERVICE_SETTINGS:
        dev, prod = rails_settings(facts, setting)
        remote = [p for p in prod if parity.RAILS_SERVER_STORES.match(_literal(p))]
        for local in (d for d in dev if parity.RAILS_LOCAL_STORES.match(_literal(d))):
            if remote:
                other = remote[0]
                yield hit(
                    local,
                    other,
                    scope=Scope.PRODUCTION,
                    variant="rails",
                    what=what,
                    dev=describe(local, setting),
                    dev_value=f":{_literal(local)}",
                    path=local.path,
                    prod=describe(other, str(other.data.environment)),
                    prod_value=f":{_literal(other)}",
                )
    cable = rails_cable(facts)
    remote_cable = [c for c in cable if c.data.service == "redis" and deployed_environment(c.data.environment)]
    for local in cable:
        if local.data.service == "async" and development_environment(local.data.environment) and remote_cable:
            yield hit(
                local,
                remote_cable[0],
                scope=Scope.PRODUCTION,
                variant="rails",
                what="Action Cable",
                dev=describe(local, "development"),
                dev_value="async",
                path=local.path,
                prod=describe(remote_cable[0], str(remote_cable[0].data.environment)),
                prod_value="redis",
            )
