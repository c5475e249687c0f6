"""F04-S09: deploy descriptors that hand the app its service locators."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}


def test_s09_fires_for_compose_locators(tmp_path):
    compose = "services:\n  app:\n    build: .\n    environment:\n      - DATABASE_URL=postgresql://db/app\n  db:\n    image: postgres:16\n"
    found = fired(tmp_path, {**REQ, "docker-compose.yml": compose}, "F04-S09")
    assert found[0].message.param_dict()["names"] == "DATABASE_URL"


def test_s09_near_miss_a_service_without_locators(tmp_path):
    bare = "services:\n  app:\n    build: .\n"
    assert fired(tmp_path, {**REQ, "docker-compose.yml": bare}, "F04-S09") == []
