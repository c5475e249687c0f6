"""F12-S01: admin code ships with the app."""

from __future__ import annotations

from helpers import fired, lines

APP = """
import click
from flask import Flask
app = Flask(__name__)

@app.cli.command("init-db")
def init_db():
    pass
"""
REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\n", "app.py": APP}
ENTRY = "#!/bin/sh\nflask init-db\nexec gunicorn app:app\n"
DOCKER = 'FROM python:3.12\nCOPY . .\nENTRYPOINT ["sh", "./entrypoint.sh"]\n'


def test_s01_fires_for_cli_commands_and_migrations(tmp_path):
    found = fired(tmp_path / "a", REQ, "F12-S01")
    assert lines(found) == {("app.py", 5)}
    assert found[0].message.param_dict()["what"] == "init-db"
    files = {**REQ, "app.py": "x = 1\n", "migrations/versions/001_init.py": "revision = '001'\n"}
    assert lines(fired(tmp_path / "b", files, "F12-S01")) == {("migrations/versions/001_init.py", None)}


def test_s01_is_silent_without_admin_code(tmp_path):
    assert fired(tmp_path, {**REQ, "app.py": "x = 1\n"}, "F12-S01") == []


def test_s01_near_miss_ci_and_build_tooling_scripts(tmp_path):
    files = {
        "go.mod": "module example.com/app\n\ngo 1.22\n",
        "main.go": "package main\n\nfunc main() {}\n",
        "scripts/coverage.sh": "#!/bin/sh\ngo test -coverprofile=c.out ./...\n",
        "scripts/gofmt.sh": '#!/bin/sh\ntest -z "$(gofmt -l .)"\n',
        "scripts/check.sh": "#!/bin/sh\ngo vet ./...\n",
    }
    assert fired(tmp_path, files, "F12-S01") == []


def test_s01_keeps_admin_scripts_whatever_else_their_name_says(tmp_path):
    files = {
        **REQ,
        "app.py": "x = 1\n",
        "scripts/run_migrations.sh": "#!/bin/sh\nalembic upgrade head\n",
        "scripts/seed.py": "print('seed')\n",
    }
    found = fired(tmp_path, files, "F12-S01")
    assert found[0].message.param_dict()["what"] == "run_migrations.sh, seed.py"


def test_s01_fires_for_a_migrations_file_of_migration_blocks(tmp_path):
    migrations = (
        "if not database.table_exists?(:users)\n  migration 'create users' do\n    database.create_table :users do\n"
        "      primary_key :id\n    end\n  end\nend\n"
    )
    files = {
        "Gemfile": 'source "https://rubygems.org"\ngem "sinatra"\ngem "sequel"\n',
        "app.rb": "require 'sinatra'\n",
        "src/app/migrations.rb": migrations,
    }
    assert lines(fired(tmp_path, files, "F12-S01")) == {("src/app/migrations.rb", None)}


def test_s01_near_miss_chat_bot_commands_and_server_commands(tmp_path):
    bot = (
        "import discord\nfrom discord.ext import commands\n\nclass Admin(commands.Cog):\n"
        "    @commands.command()\n    async def reload(self, ctx):\n        pass\n"
    )
    cli = "import click\n\n@click.group()\ndef cli():\n    pass\n\n@cli.command()\ndef serve():\n    pass\n"
    files = {"requirements.txt": "discord.py==2.3.2\nclick==8.1.7\n", "cogs/admin.py": bot, "app.py": cli}
    assert fired(tmp_path, files, "F12-S01") == []


def test_s01_near_miss_benchmark_and_lint_tasks_of_the_app_cli(tmp_path):
    cli = (
        "import click\n\n@click.group()\ndef cli():\n    pass\n\n@cli.command('benchmark-endpoints')\ndef bench():\n    pass\n\n"
        "@cli.command('lint')\ndef lint():\n    pass\n\n@cli.command('seed-db')\ndef seed():\n    pass\n"
    )
    files = {"requirements.txt": "click==8.1.7\npsycopg2-binary==2.9.9\n", "app.py": cli}
    found = fired(tmp_path, files, "F12-S01")
    assert found[0].message.param_dict()["what"] == "seed-db"
