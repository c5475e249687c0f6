"""Tests of F08-AP02 (rules/f08/no_formation.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}
DOCKERFILE = {"Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n'}


def test_fires_on_a_single_container_process(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK, **DOCKERFILE}, "F08-AP02")
    assert lines(found) == {("Dockerfile", 3)}
    assert found[0].strength.value == "moderate" and found[0].message.key == "F08-AP02.message"


def test_fires_when_nothing_says_how_the_app_starts(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK}, "F08-AP02")
    assert [f.message.key for f in found] == ["F08-AP02.message_nostart"]


def test_a_migration_service_is_not_a_process_type(tmp_path):
    compose = {
        "docker-compose.yml": """
        services:
          app:
            build: .
            command: gunicorn -b 0.0.0.0:8000 app:app
          migrate:
            build: .
            command: alembic upgrade head
          db:
            image: postgres:16
        """
    }
    assert len(fired(tmp_path, {**REQS, **FLASK, **DOCKERFILE, **compose}, "F08-AP02")) == 1


def test_near_miss_a_procfile_or_a_worker_count_from_the_environment(tmp_path):
    procfile = {"Procfile": "web: gunicorn app:app\nworker: python worker.py\n"}
    assert fired(tmp_path / "procfile", {**REQS, **FLASK, **procfile}, "F08-AP02") == []
    workers = {
        "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD gunicorn -w $WEB_CONCURRENCY -b 0.0.0.0:$PORT app:app\n"
    }
    assert fired(tmp_path / "workers", {**REQS, **FLASK, **workers}, "F08-AP02") == []
