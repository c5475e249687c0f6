"""F12-S07: .dockerignore leaves admin code out of the image."""

from __future__ import annotations

from helpers import fired

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


def test_s07_fires_when_dockerignore_drops_admin_code(tmp_path):
    files = {
        **REQ,
        "migrations/versions/001.py": "x = 1\n",
        ".dockerignore": "migrations/\n.git\n",
        "Dockerfile": DOCKER,
    }
    found = fired(tmp_path, files, "F12-S07")
    assert found[0].message.param_dict()["what"] == "migrations"


def test_s07_near_miss_other_patterns(tmp_path):
    files = {**REQ, "migrations/versions/001.py": "x = 1\n", ".dockerignore": ".git\n", "Dockerfile": DOCKER}
    assert fired(tmp_path, files, "F12-S07") == []
