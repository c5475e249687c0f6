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


def test_s1_fires_for_cli_commands_and_migrations(tmp_path):
    found = fired(tmp_path / "a", REQ, "F12-S1")
    assert lines(found) == {("app.py", 5)}
    files = {**REQ, "app.py": "x = 1\n", "migrations/versions/001_init.py": "revision = '001'\n"}
    assert lines(fired(tmp_path / "b", files, "F12-S1")) == {("migrations/versions/001_init.py", None)}


def test_s1_is_silent_without_admin_code(tmp_path):
    assert fired(tmp_path, {**REQ, "app.py": "x = 1\n"}, "F12-S1") == []


def test_s2_fires_for_a_procfile_release_or_documented_one_off(tmp_path):
    procfile = {**REQ, "Procfile": "web: gunicorn app:app\nrelease: flask init-db\n"}
    assert lines(fired(tmp_path / "a", procfile, "F12-S2")) == {("Procfile", 2)}
    readme = "# App\n\n## Operations\n\n```bash\ndocker compose run --rm app flask init-db\n```\n"
    assert lines(fired(tmp_path / "b", {**REQ, "README.md": readme}, "F12-S2")) == {("README.md", 6)}


def test_s2_is_silent_for_server_runs(tmp_path):
    readme = "# App\n\n```bash\ndocker compose run app gunicorn app:app\n```\n"
    assert fired(tmp_path, {**REQ, "README.md": readme}, "F12-S2") == []


def test_s5_fires_for_raw_sql_against_production(tmp_path):
    readme = "# App\n\n## Production\n\n```bash\npsql $PROD_URL -c \"ALTER TABLE flags ADD COLUMN owner text\"\n```\n"
    found = fired(tmp_path, {**REQ, "README.md": readme}, "F12-S5")
    assert found[0].message.param_dict()["tool"] == "psql"
    local = readme.replace("## Production", "## Local")
    assert fired(tmp_path / "b", {**REQ, "README.md": local}, "F12-S5") == []


def test_s7_fires_when_dockerignore_drops_admin_code(tmp_path):
    files = {**REQ, "migrations/versions/001.py": "x = 1\n", ".dockerignore": "migrations/\n.git\n", "Dockerfile": DOCKER}
    found = fired(tmp_path, files, "F12-S7")
    assert found[0].message.param_dict()["what"] == "migrations"
    files[".dockerignore"] = ".git\n"
    assert fired(tmp_path / "b", files, "F12-S7") == []


def test_s8_fires_for_admin_tasks_in_the_entrypoint(tmp_path):
    files = {**REQ, "entrypoint.sh": ENTRY, "Dockerfile": DOCKER}
    found = fired(tmp_path, files, "F12-S8")
    assert found[0].message.param_dict()["task"] == "flask init-db"
    assert lines(found) == {("entrypoint.sh", 2)}
    files["entrypoint.sh"] = "#!/bin/sh\nexec gunicorn app:app\n"
    assert fired(tmp_path / "b", files, "F12-S8") == []


def test_ap1_fires_when_admin_code_only_runs_embedded(tmp_path):
    found = fired(tmp_path, {**REQ, "entrypoint.sh": ENTRY, "Dockerfile": DOCKER}, "F12-AP1")
    assert found[0].message.param_dict()["how"] == "embedded"
    assert ("entrypoint.sh", 2) in lines(found)


def test_ap1_is_silent_with_a_one_off_path(tmp_path):
    files = {**REQ, "Procfile": "web: gunicorn app:app\nrelease: flask init-db\n"}
    assert fired(tmp_path, files, "F12-AP1") == []


def test_na_and_ne(tmp_path):
    stateless = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    assert [f.effect.value for f in fired(tmp_path / "a", stateless, "F12-NA")] == ["not_applicable"]
    assert fired(tmp_path / "b", REQ, "F12-NA") == []
    db = {"requirements.txt": "psycopg2-binary==2.9.9\n", "db.py": 'import os, psycopg2\nc = psycopg2.connect(os.environ["DATABASE_URL"])\n'}
    assert [f.effect.value for f in fired(tmp_path / "c", db, "F12-NE")] == ["inconclusive"]
    assert fired(tmp_path / "d", REQ, "F12-NE") == []
