"""F12-NA: no admin tasks and no schema to administer."""

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


def test_na_fires_for_a_stateless_app_without_admin_code(tmp_path):
    stateless = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    assert [f.effect.value for f in fired(tmp_path, stateless, "F12-NA")] == ["not_applicable"]


def test_na_near_miss_admin_code_and_a_driver(tmp_path):
    assert fired(tmp_path, REQ, "F12-NA") == []


def test_na_fires_for_a_schemaless_store_without_admin_code(tmp_path):
    server = (
        "const { MongoClient } = require('mongodb');\nconst client = new MongoClient(process.env.MONGODB_URI);\n"
        "client.db().collection('bookmarks').createIndex({ url: 1 }, { unique: true });\n"
    )
    files = {
        "package.json": '{"name": "b", "dependencies": {"express": "4.19.2", "mongodb": "6.6.2"}}',
        "server.js": server,
    }
    assert [f.effect.value for f in fired(tmp_path, files, "F12-NA")] == ["not_applicable"]


def test_na_near_miss_a_relational_store(tmp_path):
    db = {
        "requirements.txt": "psycopg2-binary==2.9.9\n",
        "db.py": 'import os, psycopg2\nc = psycopg2.connect(os.environ["DATABASE_URL"])\n',
    }
    assert fired(tmp_path, db, "F12-NA") == []


def test_na_when_the_only_sql_driver_is_a_development_dependency(tmp_path):
    files = {
        "package.json": '{"name": "feed", "dependencies": {"express": "4.19.2", "mongodb": "6.5.0"},'
        ' "devDependencies": {"sqlite3": "5.1.7", "jest": "29.7.0"}}',
        "server.js": "const { MongoClient } = require('mongodb');\nconst client = new MongoClient(process.env.MONGO_URL);\n",
    }
    assert fired(tmp_path, files, "F12-NA")
