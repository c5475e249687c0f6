"""III. Config: a backing service's handle written as a constant in the app's code."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.config import code_handles
from twelve.appmodel.services import service_name
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F03-AP01", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=("py", "node", "go", "java", "rb"))
def resource_handle_in_code(facts: AppFacts) -> Iterator[Hit]:
    """The app's code builds a backing service's client on a literal endpoint: the resource
    handle is a constant of the code, the same in every deploy.

    Why it matters: III. Config — resource handles to the database, the cache and other backing
    services vary between deploys; stored as constants in the code they violate the strict
    separation of config from code, and moving a deploy to another resource takes a code change.
    Fires on: `redis.Redis(host="cache.internal")`, `MongoClient("mongodb://db1/app")`,
    `create_engine("sqlite:///app.db")`, `sql.Open("postgres", "host=db.internal …")` with nothing
    read from the environment.
    Near miss: `redis.Redis(host=os.environ["REDIS_HOST"], port=6379)` (a literal port next to a
    configured host); a locator in a configuration file (application.yml, database.yml); the
    library's default endpoint (`redis.Redis()`); clients in migrations, admin scripts and tests.
    Fix: read the locator from one environment variable (DATABASE_URL, REDIS_URL) set per deploy.
    """
    for found in code_handles(facts):
        yield hit(
            found.fact,
            service=service_name(found.fact.data.service),
            value=", ".join(found.literals[:2]),
            file=found.fact.path,
        )
