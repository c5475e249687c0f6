"""Where a backing service's locator comes from: configuration (F04-S01) or the code itself
(F04-S06), the two polarities of one concept, read from ``twelve.appmodel.locators`` (a literal
in a committed configuration file is F04-S10, ``committed_locators``).

F04-S01 reads every stack's client constructions (no variant), the locator settings when no
client is seen (no variant), connection helpers such as `dj_database_url` (`database`), bare
locator variables (`env_locator`) and Spring connection properties of deployed profiles
(`spring`, formerly F04-S4).
"""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import service_name
from twelve.appmodel.locators import (
    LiteralLocator,
    client_locators,
    code_constant_locators,
    database_url_reads,
    default_locators,
    locator_reads,
    locator_settings,
    spring_locators,
)
from twelve.appmodel.services import url_engine
from twelve.facts import AppFacts
from twelve.knowledge.services import SERVICE_NAMES
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule


def _setting_service(engine: str | None, name: str | None) -> str | None:
    """How a locator setting's service reads: the engine of its URL, else the setting's name."""
    return SERVICE_NAMES.get(engine or "", name)


@rule("F04-S01", factor=4, polarity=FOR, strength=STRONG, ecosystems=("py", "java"), replaces=("F04-S1", "F04-S4"))
def locator_from_config(facts: AppFacts) -> Iterator[Hit]:
    """A backing service attached through configuration: its locator comes from the environment.

    Why it matters: IV. Backing services — the app treats each service as a resource attached by
    configuration, so that one deploy can point it at a managed database and another at a local
    one with no change to the code.
    Fires on: `create_engine(os.environ["DATABASE_URL"])`, `new Pool({connectionString:
    process.env.DATABASE_URL})`, `redis.from_url(settings.REDIS_URL)` with the setting read from the
    environment (moderate when the expression cannot be traced), `DATABASE_URL =
    os.getenv("DATABASE_URL")` when no client is seen, `dj_database_url.config()`, `REDIS_URL` read
    by an app whose clients are not recognised (moderate); Spring `spring.datasource.url:
    ${DATABASE_URL}` outside development profiles.
    Near miss: `redis.Redis(host="cache.internal")` (a literal endpoint: F04-S06); a Spring
    `application-dev.yml` datasource; `PUBLIC_URL` or `CALLBACK_URL`, the app's own addresses.
    Fix: nothing to fix; keep one locator variable per service (DATABASE_URL, REDIS_URL).
    """
    located = client_locators(facts)
    for found in located:
        fact = found.fact
        if fact.data.lang == "spring":
            continue  # Spring configuration taken from the environment is the `spring` variant below
        if found.source == "env":
            names = sorted({a.env_name for a in fact.data.args or [] if a.env_name})
            yield hit(fact, service=service_name(fact.data.service), names=names or "?")
        elif found.source == "other":
            yield hit(
                fact,
                strength=MODERATE,
                service=service_name(fact.data.service),
                names=", ".join((a.text or "?")[:40] for a in found.args[:3]),
            )
    yield from _spring(facts)
    if any(found.source in ("env", "other") for found in located):
        return  # the clients themselves are the evidence; settings would repeat it
    for fact in locator_settings(facts):
        value = fact.data.value
        if value is not None and value.source == "env":
            engine = url_engine(value.env_default or "")
            if engine == "sqlite":
                engine = "sql"  # a SQLite file is only the fallback: the variable names the deploy's database
            yield hit(fact, service=_setting_service(engine, fact.data.name), names=value.env_name or fact.data.name)
    for fact in database_url_reads(facts):
        yield hit(fact, variant="database", service="", names=fact.data.name)
    if not located:
        # no client construction recognised, but the locator of a service is read from the
        # environment (another app's URL, a service host): the resource is attached through config
        reads = locator_reads(facts)
        if reads:
            yield hit(
                *reads[:3],
                strength=MODERATE,
                variant="env_locator",
                service="",
                names=sorted({r.data.name for r in reads}),
            )


def _spring(facts: AppFacts) -> Iterator[Hit]:
    for found in spring_locators(facts):
        yield hit(
            found.fact,
            variant="spring",
            service=service_name(found.fact.data.service),
            setting=found.fact.data.api,
            names=list(found.names),
        )


@rule("F04-S06", factor=4, polarity=AGAINST, strength=STRONG, ecosystems=("py",), replaces=("F04-S6",))
def literal_endpoint(facts: AppFacts) -> Iterator[Hit]:
    """A backing service's endpoint written in the code that builds its client (a handle as a code constant).

    Moderate when an environment read only falls back to a remote endpoint
    (`os.getenv("REDIS_URL", "redis://cache.internal:6379")`, variant `default`), weak when the
    fallback is the developer's machine.

    Why it matters: IV. Backing services — swapping one instance of a service for another must be
    a change of configuration only; an endpoint in the code ties every deploy to one resource.
    Fires on: `psycopg2.connect(host="db.prod.internal")`, `MongoClient("mongodb://10.0.0.5")`,
    `redis.Redis(host="cache.internal")`, a `DATABASE_URL = "postgres://app@db.example.com/app"`
    assignment in application code, an environment read whose default is a remote URL.
    Near miss: `create_engine(os.environ["DATABASE_URL"])`; a literal in a `DevelopmentConfig`
    class; a literal in `settings.py` or a Spring profile (committed configuration: F04-S10); a
    fallback that is a placeholder (`change-me`) or no endpoint (a database name, a port); a
    public API's URL in a request (`axios({url: "https://api.github.com/user"})`); SQLite files (F04-S08).
    Fix: read the locator from one environment variable (DATABASE_URL, REDIS_URL) with no
    production value in the code.
    """
    for found in code_constant_locators(facts):
        yield hit(found.fact, service=_service(found), value=found.value)
    for default in default_locators(facts):
        yield hit(
            default.fact,
            *default.settings,
            strength=WEAK if default.local else MODERATE,
            variant="default",
            service=_setting_service(default.service, default.fact.data.name)
            if default.fact.kind == "config.assign"
            else service_name(default.fact.data.service),
            value=default.value,
        )


def _service(found: LiteralLocator) -> str:
    """How a literal locator's service reads: the client's service, the URL's engine, or the setting's name."""
    if found.fact.kind == "client":
        return service_name(found.fact.data.service)
    if found.client is not None:
        return service_name(found.client.data.service)
    return _setting_service(found.service, found.fact.data.name) or service_name(found.service)
