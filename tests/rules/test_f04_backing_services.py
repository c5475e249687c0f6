from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}


def test_s1_fires_for_clients_built_from_env(tmp_path):
    code = ('import os\nimport psycopg2\nHOST = os.getenv("DB_HOST")\n\ndef conn():\n'
            '    return psycopg2.connect(host=HOST, password=os.environ["DB_PASSWORD"])\n')
    found = fired(tmp_path, {**REQ, "db.py": code}, "F04-S1")
    assert found[0].message.param_dict() == {"names": "DB_HOST, DB_PASSWORD", "service": "PostgreSQL"}
    assert lines(found) == {("db.py", 6)}


def test_s1_follows_settings_names_across_files(tmp_path):
    settings = 'import os\nREDIS_URL = os.environ["REDIS_URL"]\n'
    code = "import redis\nimport settings\nr = redis.from_url(settings.REDIS_URL)\n"
    found = fired(tmp_path, {**REQ, "settings.py": settings, "cache.py": code}, "F04-S1")
    assert any(f.locations[0].path == "cache.py" and f.strength.value == "strong" for f in found)


def test_s1_is_silent_for_literal_endpoints(tmp_path):
    code = 'import psycopg2\nconn = psycopg2.connect(host="db.prod.example.com", dbname="app")\n'
    assert fired(tmp_path, {**REQ, "db.py": code}, "F04-S1") == []


def test_s6_fires_for_literal_endpoints(tmp_path):
    code = 'import redis\nr = redis.Redis(host="cache.prod.internal", port=6379)\n'
    found = fired(tmp_path, {**REQ, "cache.py": code}, "F04-S6")
    assert found[0].strength.value == "strong"
    assert lines(found) == {("cache.py", 2)}


def test_s6_is_weak_for_localhost_fallbacks(tmp_path):
    code = 'import os, redis\nr = redis.from_url(os.getenv("REDIS_URL", "redis://localhost:6379/0"))\n'
    found = fired(tmp_path, {**REQ, "cache.py": code}, "F04-S6")
    assert [f.strength.value for f in found] == ["weak"]


def test_s6_fires_for_literal_locator_settings(tmp_path):
    code = 'SQLALCHEMY_DATABASE_URI = "postgresql://app:pw@db.prod.example.com/app"\n'
    found = fired(tmp_path, {**REQ, "config.py": code}, "F04-S6")
    assert found[0].message.param_dict()["service"] == "PostgreSQL"


def test_s7_fires_for_local_or_remote_branches(tmp_path):
    code = ('import os\nif os.getenv("USE_S3"):\n    storage = "s3"\nelse:\n    storage = "local"\n')
    found = fired(tmp_path, {**REQ, "storage.py": code}, "F04-S7")
    assert lines(found) == {("storage.py", 2)}
    plain = 'import os\nif os.getenv("DEBUG"):\n    level = "debug"\n'
    assert fired(tmp_path / "b", {**REQ, "storage.py": plain}, "F04-S7") == []


def test_s8_fires_for_sqlite_in_production_code(tmp_path):
    found = fired(tmp_path, {**REQ, "db.py": 'import sqlite3\nconn = sqlite3.connect("data/app.db")\n'}, "F04-S8")
    assert found[0].message.param_dict()["what"] == "SQLite"
    assert fired(tmp_path / "b", {**REQ, "tests/test_db.py": 'import sqlite3\nsqlite3.connect(":memory:")\n'}, "F04-S8") == []


def test_s9_fires_for_compose_locators(tmp_path):
    compose = "services:\n  app:\n    build: .\n    environment:\n      - DATABASE_URL=postgresql://db/app\n  db:\n    image: postgres:16\n"
    found = fired(tmp_path, {**REQ, "docker-compose.yml": compose}, "F04-S9")
    assert found[0].message.param_dict()["names"] == "DATABASE_URL"
    bare = "services:\n  app:\n    build: .\n"
    assert fired(tmp_path / "b", {**REQ, "docker-compose.yml": bare}, "F04-S9") == []


def test_na_fires_for_an_app_without_services(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    found = fired(tmp_path, files, "F04-NA")
    assert [f.effect.value for f in found] == ["not_applicable"]
    assert fired(tmp_path / "b", {**REQ, "app.py": "x = 1\n"}, "F04-NA") == []


def test_ne_fires_when_a_driver_is_declared_but_no_connection_is_seen(tmp_path):
    found = fired(tmp_path, {**REQ, "app.py": "x = 1\n"}, "F04-NE")
    assert found and "psycopg2-binary" in found[0].message.param_dict()["libraries"]
    code = 'import os, psycopg2\nc = psycopg2.connect(os.environ["DATABASE_URL"])\n'
    assert fired(tmp_path / "b", {**REQ, "app.py": code}, "F04-NE") == []


def test_s1_counts_locators_read_from_the_environment_when_no_client_is_seen(tmp_path):
    code = "const api = process.env.CATALOG_API_URL;\nmodule.exports = { api };\n"
    files = {"package.json": '{"name": "web", "dependencies": {"express": "4.19.2"}}', "src/api.js": code}
    found = fired(tmp_path / "a", files, "F04-S1")
    assert [(f.message.key, f.message.param_dict()["names"]) for f in found] == [("F04-S1.message_env_locator", "CATALOG_API_URL")]
    assert fired(tmp_path / "b", files, "F04-NA") == []
    plain = {**files, "src/api.js": "const base = process.env.PUBLIC_SITE_URL;\n"}
    assert fired(tmp_path / "c", plain, "F04-S1") == []
