"""F12-S08: migrations (or another admin task) at every start."""

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


def test_s08_fires_for_admin_tasks_in_the_entrypoint(tmp_path):
    files = {**REQ, "entrypoint.sh": ENTRY, "Dockerfile": DOCKER}
    found = fired(tmp_path, files, "F12-S08")
    assert found[0].message.param_dict()["task"] == "flask init-db"
    assert lines(found) == {("entrypoint.sh", 2)}


def test_s08_reads_migration_tools_of_other_stacks(tmp_path):
    entry = "#!/bin/sh\nnpx prisma migrate deploy\nexec node server.js\n"
    files = {"package.json": '{"name": "web"}', "server.js": "\n", "entrypoint.sh": entry, "Dockerfile": DOCKER}
    found = fired(tmp_path, files, "F12-S08")
    assert [f.message.param_dict()["task"] for f in found] == ["prisma migrate"]


def test_s08_near_miss_an_entrypoint_that_only_starts_the_server(tmp_path):
    files = {**REQ, "entrypoint.sh": "#!/bin/sh\nexec gunicorn app:app\n", "Dockerfile": DOCKER}
    assert fired(tmp_path, files, "F12-S08") == []


def test_s08_is_moderate_canonical(tmp_path):
    found = fired(tmp_path, {**REQ, "entrypoint.sh": ENTRY, "Dockerfile": DOCKER}, "F12-S08")
    assert [(f.strength.value, f.basis.value) for f in found] == [("moderate", "canonical")]


RES = "src/main/resources"
POM = (
    "<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-jdbc"
    "</artifactId></dependency><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId>"
    "</dependency></dependencies></project>\n"
)
SPRING = {"pom.xml": POM, f"{RES}/db/migration/V1__orders.sql": "CREATE TABLE orders (id bigserial primary key);\n"}


def test_s08_fires_for_spring_boot_running_flyway_at_start(tmp_path):
    files = {**SPRING, f"{RES}/application.yml": "spring:\n  datasource:\n    url: ${DB_URL}\n"}
    found = fired(tmp_path, files, "F12-S08")
    assert [f.message.key for f in found] == ["F12-S08.message_framework"]


def test_s08_near_miss_flyway_switched_off(tmp_path):
    files = {
        **SPRING,
        f"{RES}/application.yml": "spring:\n  datasource:\n    url: ${DB_URL}\n  flyway:\n    enabled: false\n",
    }
    assert fired(tmp_path, files, "F12-S08") == []


def test_s08_fires_for_a_migrate_at_start_switch(tmp_path):
    compose = "services:\n  app:\n    build: .\n    environment:\n      - RUN_MIGRATIONS=1\n"
    found = fired(tmp_path, {**REQ, "docker-compose.yml": compose}, "F12-S08")
    assert [f.message.key for f in found] == ["F12-S08.message_switch"]


SINATRA_GEMS = 'source "https://rubygems.org"\ngem "sinatra"\ngem "sequel"\ngem "sinatra-sequel"\ngem "sqlite3"\n'
BLOCKS = "migration 'create users' do\n  database.create_table :users do\n    primary_key :id\n  end\nend\n"


def test_s08_fires_for_sinatra_sequel_migration_blocks_loaded_at_boot(tmp_path):
    files = {
        "Gemfile": SINATRA_GEMS,
        "app.rb": "require 'sinatra'\nrequire 'sinatra/sequel'\nrequire_relative 'lib/migrations'\n",
        "lib/migrations.rb": BLOCKS,
    }
    found = fired(tmp_path, files, "F12-S08")
    assert [(f.locations[0].path, f.message.key) for f in found] == [("lib/migrations.rb", "F12-S08.message_boot")]


def test_s08_near_miss_sequel_migrations_in_a_migrations_folder(tmp_path):
    files = {
        "Gemfile": SINATRA_GEMS,
        "app.rb": "require 'sinatra'\n",
        "db/migrations/001_users.rb": "Sequel.migration do\n  change do\n    create_table(:users) { primary_key :id }\n  end\nend\n",
    }
    assert fired(tmp_path, files, "F12-S08") == []
