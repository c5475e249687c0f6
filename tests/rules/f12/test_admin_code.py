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
DOCKER = "FROM python:3.12\nCOPY . .\nENTRYPOINT [\"sh\", \"./entrypoint.sh\"]\n"


def test_s01_fires_for_cli_commands_and_migrations(tmp_path):
    found = fired(tmp_path / "a", REQ, "F12-S01")
    assert lines(found) == {("app.py", 5)}
    assert found[0].message.param_dict()["what"] == "init-db"
    files = {**REQ, "app.py": "x = 1\n", "migrations/versions/001_init.py": "revision = '001'\n"}
    assert lines(fired(tmp_path / "b", files, "F12-S01")) == {("migrations/versions/001_init.py", None)}


def test_s01_is_silent_without_admin_code(tmp_path):
    assert fired(tmp_path, {**REQ, "app.py": "x = 1\n"}, "F12-S01") == []
