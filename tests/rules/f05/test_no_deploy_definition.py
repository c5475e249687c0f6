"""F05-NE: nothing builds or deploys the app."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
DOCKER = "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n"
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


def test_ne_fires_without_any_deploy_definition(tmp_path):
    assert [f.effect.value for f in fired(tmp_path, REQ, "F05-NE")] == ["inconclusive"]


def test_ne_near_miss_a_dockerfile(tmp_path):
    assert fired(tmp_path, {**REQ, "Dockerfile": DOCKER}, "F05-NE") == []
