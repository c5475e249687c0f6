"""Service locators kept in a committed configuration file (F04-S10)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import advice_stack, service_name
from twelve.appmodel.locators import committed_env_locators, literal_locators
from twelve.facts import AppFacts
from twelve.knowledge.services import SERVICE_NAMES
from twelve.model import Location
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, location, rule


@rule("F04-S10", factor=4, polarity=AGAINST, strength=MODERATE, ecosystems=("any",))
def locator_in_committed_config(facts: AppFacts) -> Iterator[Hit]:
    """A backing service's locator written in a configuration file committed with the app.

    Why it matters: IV. Backing services — a resource is attached per deploy; a locator kept in a
    committed file (or baked into the image with it) can be swapped without a code change, but only
    by editing or overriding that file, and every deploy that does not starts on the same resource.
    Fires on: `spring.redis.host: 10.1.2.3` in `application-prod.yml`, `host: 127.0.0.1` in a
    deployed Spring profile, `'HOST': 'db'` in `settings.py`, `mongodb: 'mongodb://localhost:27017/blog'`
    in `config/default.js` read by the client (`mongolass.connect(config.mongodb)`), a committed
    env file that the deploy's compose service loads (`env_file: ./dotenv_files/.env` with
    `POSTGRES_HOST=psql`, variant `env_file`).
    Near miss: `spring.redis.host: ${REDIS_HOST}`; the same literal in `application-dev.yml` or a
    `development:` block; an untracked `.env`; a literal at the client's construction in
    application code (a code constant: F04-S06).
    Fix: read the locator from the environment in the configuration file (`host: ${REDIS_HOST}`,
    `ENV.fetch("DATABASE_URL")`, `process.env.MONGODB_URL`) and keep per-deploy values out of the
    repository.
    """
    for found in literal_locators(facts):
        if not found.committed:
            continue
        where = [found.fact] + ([location(found.client)] if found.client is not None else [])
        service = (
            service_name(found.fact.data.service)
            if found.fact.kind == "client"
            else service_name(found.client.data.service)
            if found.client is not None
            else SERVICE_NAMES.get(found.service or "", found.fact.data.name or "service")
        )
        yield hit(*where, variant=advice_stack(facts), service=service, value=found.value, file=found.fact.path)
    for env_file in committed_env_locators(facts):
        first = env_file.entries[0]
        yield hit(
            Location(first.path, first.line, first.excerpt),
            location(env_file.service),
            scope=env_file.service.scope,
            variant="env_file",
            service=env_file.service.data.name,
            value="",
            file=env_file.file,
            names=sorted({e.data.key for e in env_file.entries if e.data.key}),
        )
