"""F05-S01: one artifact per commit, tagged immutably."""

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


def test_s01_fires_for_a_sha_tagged_build(tmp_path):
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": BUILD_WF}
    built = fired(tmp_path, files, "F05-S01")
    assert lines(built) == {(".github/workflows/release.yml", 9)}
    assert built[0].message.param_dict()["ref"] == "github.sha"


def test_s01_near_miss_untagged_builds(tmp_path):
    workflow = BUILD_WF.replace("${{ github.sha }}", "latest")
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": workflow}
    assert fired(tmp_path, files, "F05-S01") == []


REUSABLE_WF = """
name: pipeline
on:
  push:
    branches: [main]
jobs:
  build:
    uses: acme-platform/actions/.github/workflows/docker_build.yml@v1
    with:
      image: ghcr.io/acme/ledger
  deploy-production:
    needs: build
    uses: acme-platform/actions/.github/workflows/deploy_env.yml@v1
    with:
      environment: production
      version: ${{ needs.build.outputs.version }}
"""


def test_s01_fires_for_a_reusable_build_whose_output_a_deploy_receives(tmp_path):
    found = fired(tmp_path, {**REQ, "Dockerfile": DOCKER, ".github/workflows/pipeline.yml": REUSABLE_WF}, "F05-S01")
    assert lines(found) == {(".github/workflows/pipeline.yml", 7)}
    assert found[0].message.param_dict()["ref"] == "needs.build.outputs.version"


def test_s01_near_miss_a_reusable_build_nothing_deploys(tmp_path):
    workflow = REUSABLE_WF.split("  deploy-production:")[0]
    assert fired(tmp_path, {**REQ, "Dockerfile": DOCKER, ".github/workflows/pipeline.yml": workflow}, "F05-S01") == []


META_WF = """
on:
  push:
    tags: ["v*"]
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: ghcr.io/acme/app
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: ${{ steps.meta.outputs.tags }}
"""


def test_s01_names_a_workflow_expression_as_a_person_would(tmp_path):
    from twelve.locale import Catalog

    found = fired(tmp_path, {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": META_WF}, "F05-S01")
    assert found[0].message.key == "F05-S01.message_step"
    for lang in ("en", "pt-BR"):
        title = Catalog(lang).text("F05-S01.title_step", **found[0].message.param_dict())
        text = Catalog(lang).render(found[0].message)
        assert "steps.meta.outputs" not in title + text
        assert "`meta`" in title and "`tags`" in text
