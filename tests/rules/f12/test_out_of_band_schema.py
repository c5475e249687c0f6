"""F12-S05: schema changes made by hand."""

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


def test_s05_fires_for_raw_sql_against_production(tmp_path):
    readme = '# App\n\n## Production\n\n```bash\npsql $PROD_URL -c "ALTER TABLE flags ADD COLUMN owner text"\n```\n'
    found = fired(tmp_path, {**REQ, "README.md": readme}, "F12-S05")
    assert found[0].message.param_dict()["tool"] == "psql"
    assert lines(found) == {("README.md", 6)}


def test_s05_near_miss_a_local_section(tmp_path):
    readme = '# App\n\n## Local\n\n```bash\npsql $PROD_URL -c "ALTER TABLE flags ADD COLUMN owner text"\n```\n'
    assert fired(tmp_path, {**REQ, "README.md": readme}, "F12-S05") == []
