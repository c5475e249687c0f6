"""III. Config: the code picks resources by testing the environment's name."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F03-S11", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "node", "go", "rb"))
def handles_chosen_by_environment_name(facts: AppFacts) -> Iterator[Hit]:
    """Code that chooses resource handles (hosts, databases) by testing the environment's name.

    Why it matters: III. Config — branching on `ENV == "production"` brings the grouped-environments
    anti-pattern back into the code; each deploy should differ only by its environment variables.
    Fires on: `if os.environ.get("ENV") == "production": DB_HOST = "prod-db.internal"`; in every
    stack: `if (process.env.NODE_ENV === 'production') mongoose.connect('mongodb://db.prod/app')`,
    `if os.Getenv("APP_ENV") == "production" { dsn = "postgres://db.prod/app" }`,
    `Redis.new(url: "redis://cache.prod:6379") if ENV["RACK_ENV"] == "production"`.
    Near miss: a branch that only switches behaviour (`LOG_LEVEL = "INFO"`, `app.use(morgan('dev'))`,
    serving the built client in production, loading dotenv outside production).
    Fix: replace the branch by one environment variable per resource (e.g. DATABASE_URL), set
    differently in each deploy.
    """
    for fact in production(facts.of("env.branch")):
        data = fact.data
        if data.values or len(data.engines or []) > 0:
            yield hit(fact, condition=data.condition, values=data.values or data.engines)
