"""F04-S08: a local resource standing in for a backing service."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}


def test_s08_fires_for_sqlite_in_production_code(tmp_path):
    found = fired(tmp_path, {**REQ, "db.py": 'import sqlite3\nconn = sqlite3.connect("data/app.db")\n'}, "F04-S08")
    assert found[0].message.param_dict()["what"] == "SQLite"


def test_s08_near_miss_sqlite_in_tests(tmp_path):
    assert fired(tmp_path, {**REQ, "tests/test_db.py": 'import sqlite3\nsqlite3.connect(":memory:")\n'}, "F04-S08") == []
