"""F05-S12: source mounted into a production container."""

from __future__ import annotations

from helpers import fired, lines

REQ = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
}
DOCKER = 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
BUILD_WF = """
on:
  push:
    branches: [main]
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t ghcr.io/acme/app:${{ github.sha }} .
      - run: docker push ghcr.io/acme/app:${{ github.sha }}
  deploy:
    needs: image
    environment: production
    runs-on: ubuntu-latest
    steps:
      - run: kubectl set image deployment/app app=ghcr.io/acme/app:${{ github.sha }}
"""


def test_s12_fires_for_source_mounted_in_a_deploy_file(tmp_path):
    compose = "services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n"
    found = fired(tmp_path, {**REQ, "docker-compose.prod.yml": compose}, "F05-S12")
    assert lines(found) == {("docker-compose.prod.yml", 5)}


def test_s12_near_miss_the_same_mount_in_a_development_file(tmp_path):
    compose = "services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n"
    assert fired(tmp_path, {**REQ, "docker-compose.yml": compose}, "F05-S12") == []
