"""F05-S11: a build per environment."""

from __future__ import annotations

from helpers import fired

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


def test_s11_fires_for_per_environment_builds(tmp_path):
    workflow = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build --build-arg ENV=production -t app .\n"
    found = fired(tmp_path, {**REQ, ".github/workflows/b.yml": workflow}, "F05-S11")
    assert [f.message.param_dict()["how"] for f in found] == ["--build-arg ENV=production"]


def test_s11_fires_for_compose_build_args(tmp_path):
    compose = "services:\n  web:\n    build:\n      context: .\n      args:\n        APP_ENV: production\n"
    found = fired(tmp_path, {**REQ, "docker-compose.yml": compose}, "F05-S11")
    assert [f.message.param_dict()["how"] for f in found] == ["build.args.APP_ENV"]


def test_s11_near_miss_a_build_without_environment(tmp_path):
    workflow = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build --build-arg VERSION=1.2.0 -t app .\n"
    assert fired(tmp_path, {**REQ, ".github/workflows/b.yml": workflow}, "F05-S11") == []
