"""F06-S06: persistent data written to the process's local disk."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule


@rule("F06-S06", factor=6, polarity=AGAINST, strength=STRONG, replaces=("F06-S6", "F06-S6r"))
def data_on_local_disk(facts: AppFacts) -> Iterator[Hit]:
    """Persistent data kept on the local disk of the app's processes.

    A write the app's long-running code makes outside /tmp is moderate evidence; an upload, a
    write in a request handler, Django file fields on the default storage, SQLite as the
    production database (variant `sqlite`), an embedded database or a file the code reads back and rewrites
    (variant `store`, `embedded`) and Rails' ActiveStorage on a Disk service (variant `ruby`) are strong. A
    Disk service that is only the default of an environment variable (variant `ruby_fallback`)
    is moderate: the deploys that set it keep files elsewhere.
    Why it matters: VI. Processes — anything that must outlive a request belongs in a stateful
    backing service; a process's filesystem is a scratch space another process does not see and a
    restart wipes.
    Fires on: `file.save(os.path.join(UPLOAD_FOLDER, name))`, multer `diskStorage`, formidable's
    `uploadDir`, `fs.writeFile` in a route, a `FileField` with no storage backend,
    `sqlite3.connect("app.db")`, `gorm.Open("sqlite3", "./app.db")`, Sinatra `set :database,
    "sqlite://app.db"`, `adapter: sqlite3` in database.yml production, `shelve.open("data")`, lowdb's
    `JSONFile("db.json")`, `bolt.Open("app.db")`, a JSON file loaded at start and saved with a
    temporary file and `os.replace`, `config.active_storage.service = :local` in production.rb.
    Near miss: files under /tmp; log and PID files; scripts, migrations and rake tasks; a SQLite
    fallback next to a DATABASE_URL; `sqlite3.connect(":memory:")`; a SQLite file named for the
    tests; a file written and never read back (moderate); `django-storages` or an S3 client;
    `:amazon` ActiveStorage.
    Fix: store files in object storage and records in a networked database reached through a URL
    from the environment.
    """
    for fact, user_data in state.data_writes(facts):
        yield hit(
            fact,
            strength=None if user_data else MODERATE,
            api=fact.data.api,
            target=state.write_target(fact) or "?",
            path=fact.path,
        )
    for fact in state.disk_upload_fields(facts):
        yield hit(fact, api=fact.data.api, target=fact.data.upload_to or "MEDIA_ROOT", path=fact.path)
    for fact, api, target in state.sqlite_databases(facts):
        yield hit(fact, variant="sqlite", api=api, target=target, path=fact.path)
    for fact, library, target in state.embedded_stores(facts):
        if library == "file":
            yield hit(
                fact, variant="store", api=fact.data.api, target=target, read=fact.data.read_line or "?", path=fact.path
            )
        else:
            yield hit(fact, variant="embedded", api=fact.data.api, target=target, library=library, path=fact.path)
    for setting, defined, name, variable in state.active_storage_on_disk(facts):
        where = (setting, defined) if defined is not None else (setting,)
        if variable is None:
            yield hit(
                *where,
                variant="ruby",
                service=name,
                kind="Disk",
                environment=setting.data.environment or "?",
                path=setting.path,
            )
        else:
            yield hit(
                *where,
                strength=MODERATE,
                variant="ruby_fallback",
                service=name,
                kind="Disk",
                env=variable,
                environment=setting.data.environment or "?",
                path=setting.path,
            )
