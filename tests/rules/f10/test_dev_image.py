"""F10-S03: development builds the production Dockerfile."""

from __future__ import annotations

from f10_data import BASE, DEV_COMPOSE, params

from helpers import fired, lines


def test_s03_fires_when_compose_builds_the_production_dockerfile(tmp_path):
    found = fired(tmp_path, BASE, "F10-S03")
    assert params(found, "dockerfile") == ["Dockerfile"]
    assert ("docker-compose.yml", 2) in lines(found)


def test_s03_is_silent_for_a_development_dockerfile(tmp_path):
    compose = DEV_COMPOSE.replace("build: .", "build:\n          context: .\n          dockerfile: Dockerfile.dev")
    files = {**BASE, "docker-compose.yml": compose, "Dockerfile.dev": "FROM python:3.12\n"}
    assert fired(tmp_path, files, "F10-S03") == []
