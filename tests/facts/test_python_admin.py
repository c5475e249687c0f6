"""Facts of admin code from Python source (facts/python.py): command-line commands and schema syncs."""

from __future__ import annotations

from helpers import extract_text, of, one

MODULE = "twelve.facts.python"


def facts(text: str, path: str = "app.py"):
    return extract_text(MODULE, path, text)


def test_schema_autosync_with_the_function_that_runs_it():
    found = facts("""
        from flask_sqlalchemy import SQLAlchemy
        db = SQLAlchemy()
        Base.metadata.create_all(bind=engine)

        def init_db():
            db.create_all()

        cache.create_all()
    """)
    syncs = {f.line: f for f in of(found, "schema.autosync")}
    assert set(syncs) == {3, 6}  # `cache.create_all()` is no ORM
    assert syncs[3].get("api") == "metadata.create_all" and syncs[3].get("function") is None
    assert syncs[6].get("function") == "init_db"


def test_click_commands_are_commands_and_chat_bot_commands_are_not():
    cli = facts(
        """
        import click

        @click.group()
        def db():
            pass

        @db.command()
        def init():
            pass
    """,
        "launcher.py",
    )
    assert [f.get("name") for f in of(cli, "cli.command")] == ["db", "init"]
    bot = facts(
        """
        from discord.ext import commands

        class Admin(commands.Cog):
            @commands.command(hidden=True)
            async def reload(self, ctx):
                '''Reloads a module; click the button.'''
    """,
        "cogs/admin.py",
    )
    assert of(bot, "cli.command") == []


def test_file_store_a_class_that_loads_a_file_and_moves_a_new_copy_onto_it():
    found = facts(
        """
        import json, os, tempfile

        class Prefs:
            def __init__(self, path="data/prefs.json"):
                self.path = path
                with open(path, encoding="utf-8") as fh:
                    self._data = json.load(fh)

            def save(self):
                fd, tmp = tempfile.mkstemp()
                with os.fdopen(fd, "w") as fh:
                    json.dump(self._data, fh)
                os.replace(tmp, self.path)
    """,
        "app/prefs.py",
    )
    store = one(found, "state.file_store")
    assert (store.line, store.get("target"), store.get("format"), store.get("owner")) == (
        13,
        "self.path",
        "json",
        "Prefs",
    )


def test_file_store_near_misses_a_file_only_read_or_only_written():
    found = facts("""
        import json

        class Settings:
            def __init__(self, path):
                with open(path) as fh:
                    self.values = json.load(fh)

        class Report:
            def write(self, rows):
                with open(self.out, "w") as fh:
                    json.dump(rows, fh)

        class Log:
            def __init__(self):
                with open(self.path) as fh:
                    self.lines = json.load(fh)

            def add(self, line):
                with open(self.path, "a") as fh:
                    fh.write(line)
    """)
    assert of(found, "state.file_store") == []


def test_embedded_databases_in_a_file():
    found = facts("""
        import shelve, dbm
        from tinydb import TinyDB
        from tinydb.storages import MemoryStorage
        db = TinyDB("data/db.json")
        cache = TinyDB(storage=MemoryStorage)
        with shelve.open("state") as s:
            pass
        index = dbm.open("index", "c")
        prefs = TinyDB(os.path.expanduser("~/.tool/prefs.json"))
    """)
    assert [(f.line, f.get("format"), f.get("target")) for f in of(found, "state.file_store")] == [
        (4, "tinydb", '"data/db.json"'),
        (6, "shelve", '"state"'),
        (8, "dbm", '"index"'),
    ]


def test_a_command_is_named_as_its_user_types_it():
    """Issue 12 item 7: names from click and typer decorators in every shape tried for the garbled
    `routes", short_help="…` names (first argument, keywords after it, several lines, `name=`,
    a function name with click's suffix); never a piece of the argument list."""
    cli = facts(
        """
        import click
        from flask.cli import with_appcontext

        @click.command("routes", short_help="Show the routes for the app.")
        @click.option("--sort", "-s", default="endpoint")
        @with_appcontext
        def routes_command(sort):
            pass

        @click.command(
            "seed-db",
            short_help='Seed the "db" with rows.',
        )
        def seed_db():
            pass

        @click.command(short_help="Purge caches.", name="purge")
        def purge_cache_command():
            pass

        @click.command()
        def rebuild_index_cmd():
            pass
        """,
        "app/cli.py",
    )
    assert [f.get("name") for f in of(cli, "cli.command")] == ["routes", "seed-db", "purge", "rebuild-index"]
    typer = facts(
        """
        import typer
        cli = typer.Typer()

        @cli.command(name="reindex", help="Rebuild the index.")
        def reindex_all():
            pass

        @cli.command()
        def backfill_command():
            pass
        """,
        "app/tasks.py",
    )
    assert [f.get("name") for f in of(typer, "cli.command")] == ["reindex", "backfill-command"]
