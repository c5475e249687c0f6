"""F12-S08: an admin task at every start."""

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
DOCKER = "FROM python:3.12\nCOPY . .\nENTRYPOINT [\"sh\", \"./entrypoint.sh\"]\n"


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
