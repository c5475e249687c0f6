"""Tests of F08-NE (rules/f08/no_start_command.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def dockerfile(cmd: str) -> dict[str, str]:
    return {"Dockerfile": f"FROM python:3.12-slim\nCOPY . /app\n{cmd}\n"}


def test_fires_without_any_start_command(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK}, "F08-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]


def test_is_silent_with_a_dockerfile_cmd(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD ["gunicorn", "app:app"]')}
    assert fired(tmp_path, files, "F08-NE") == []
