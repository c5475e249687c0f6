"""F05-S04 (build work in the image) and F05-S08 (build work at start)."""

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


def test_s04_fires_for_build_work_in_the_image(tmp_path):
    assert lines(fired(tmp_path, {**REQ, "Dockerfile": DOCKER}, "F05-S04")) == {("Dockerfile", 3)}


def test_s04_near_miss_an_image_that_only_copies(tmp_path):
    assert fired(tmp_path, {**REQ, "Dockerfile": "FROM python:3.12\nCOPY . .\n"}, "F05-S04") == []


def test_s08_fires_for_installs_at_start(tmp_path):
    entry = "#!/bin/sh\npip install -r requirements.txt\nexec gunicorn app:app\n"
    docker = 'FROM python:3.12\nCOPY . .\nENTRYPOINT ["./entrypoint.sh"]\n'
    found = fired(tmp_path, {**REQ, "Dockerfile": docker, "entrypoint.sh": entry}, "F05-S08")
    assert lines(found) == {("entrypoint.sh", 2)}


def test_s08_near_miss_installs_in_the_image(tmp_path):
    assert fired(tmp_path, {**REQ, "Dockerfile": DOCKER}, "F05-S08") == []
