"""F05-S01: one artifact per commit, tagged immutably."""

from __future__ import annotations

from helpers import fired, lines

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


def test_s01_fires_for_a_sha_tagged_build(tmp_path):
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": BUILD_WF}
    built = fired(tmp_path, files, "F05-S01")
    assert lines(built) == {(".github/workflows/release.yml", 9)}
    assert built[0].message.param_dict()["ref"] == "github.sha"


def test_s01_near_miss_untagged_builds(tmp_path):
    workflow = BUILD_WF.replace("${{ github.sha }}", "latest")
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": workflow}
    assert fired(tmp_path, files, "F05-S01") == []
