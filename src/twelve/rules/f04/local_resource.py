"""A resource bound to the local machine standing in for a backing service (F04-S08)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.locators import local_resources, networked_stores
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule


@rule("F04-S08", factor=4, polarity=AGAINST, strength=MODERATE, ecosystems=("py",), replaces=("F04-S8",))
def local_resource_as_service(facts: AppFacts) -> Iterator[Hit]:
    """A resource that exists only on the local machine (SQLite, a data file the code loads and
    writes back, a Unix socket) used as a service.

    Strong when an embedded datastore is the app's only datastore and nothing but the code says
    where it is (`sole`: there is no locator to swap it); moderate beside a networked service or
    when an environment variable names the file.

    Why it matters: IV. Backing services — an attached resource can be detached and replaced at
    will and shared by every process; a file or a socket on one host can be neither.
    Fires on: `sqlite3.connect("app.db")`, `gorm.Open("sqlite3", "./app.db")`, Sinatra `set
    :database, "sqlite://app.db"`, `DATABASE_URL = "sqlite:///app.db"` in production settings,
    Django `ENGINE: django.db.backends.sqlite3`, a class that loads `data/prefs.json` and rewrites it
    with `os.replace(tmp, self.path)`, `psycopg2.connect(host="/var/run/postgresql")`.
    Near miss: SQLite in a `DevelopmentConfig` or `TestConfig` class; `sqlite3.connect(":memory:")`;
    a data file a script of `scripts/` loads and rewrites;
    `os.getenv("DATABASE_URL", "sqlite:///dev.db")` (the variable attaches the deploy's database:
    F04-S01); a file written and never read back; `postgres://db:5432/app`.
    Fix: use a networked service reached through a URL in configuration (PostgreSQL via DATABASE_URL).
    """
    found = local_resources(facts)
    sole = not networked_stores(facts)
    for resource in found:
        if sole and resource.datastore and resource.source != "env" and not resource.one_off:
            yield hit(resource.fact, strength=STRONG, variant="sole", what=resource.what)
        else:
            yield hit(resource.fact, what=resource.what)
