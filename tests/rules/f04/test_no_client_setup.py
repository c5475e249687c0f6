"""F04-NE: drivers declared, no connection set-up found."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}


def test_ne_fires_when_a_driver_is_declared_but_no_connection_is_seen(tmp_path):
    found = fired(tmp_path, {**REQ, "app.py": "x = 1\n"}, "F04-NE")
    assert found and "psycopg2-binary" in found[0].message.param_dict()["libraries"]


def test_ne_near_miss_a_connection_from_the_environment(tmp_path):
    code = 'import os, psycopg2\nc = psycopg2.connect(os.environ["DATABASE_URL"])\n'
    assert fired(tmp_path, {**REQ, "app.py": code}, "F04-NE") == []
