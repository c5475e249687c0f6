"""F04-NA: no backing service at all."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}


def test_na_fires_for_an_app_without_services(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    found = fired(tmp_path, files, "F04-NA")
    assert [f.effect.value for f in found] == ["not_applicable"]


def test_na_near_miss_a_declared_driver(tmp_path):
    assert fired(tmp_path, {**REQ, "app.py": "x = 1\n"}, "F04-NA") == []
