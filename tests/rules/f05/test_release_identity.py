"""F05-S06 (version tags) and F05-AP02 (releases without identity)."""

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


def test_s06_fires_for_version_tags(tmp_path):
    found = fired(tmp_path, {**REQ, "Dockerfile": DOCKER}, "F05-S06", tags=("v1.2.0",))
    assert found[0].message.param_dict()["what"] == "v1.2.0"


def test_s06_near_miss_tags_that_are_no_version(tmp_path):
    assert fired(tmp_path, {**REQ, "Dockerfile": DOCKER}, "F05-S06", tags=("nightly",)) == []


def test_ap02_fires_for_a_build_without_release_identity(tmp_path):
    found = fired(tmp_path, {**REQ, "Dockerfile": DOCKER}, "F05-AP02")
    assert found[0].message.param_dict()["file"] == "Dockerfile"


def test_ap02_is_silent_with_version_tags_or_a_pipeline(tmp_path):
    assert fired(tmp_path / "a", {**REQ, "Dockerfile": DOCKER}, "F05-AP02", tags=("v1.0.0",)) == []
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": BUILD_WF}
    assert fired(tmp_path / "b", files, "F05-AP02") == []


def test_ap02_near_miss_a_manifest_that_runs_a_version(tmp_path):
    manifest = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: app\n          image: ghcr.io/acme/app:2.1.0\n"
    )
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
        "Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["gunicorn", "app:app"]\n',
        "deploy/app.yaml": manifest,
    }
    assert fired(tmp_path, files, "F05-AP02") == []
