"""F05-S02 (immutable artifact reference) and F05-S10 (moving reference): CI, platforms, manifests."""

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

APP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}


def deployment(
    *, image: str = "registry.example.com/shop:1.4.2", container: str = "", name: str = "web", kind: str = "Deployment"
) -> str:
    return f"""
apiVersion: apps/v1
kind: {kind}
metadata:
  name: {name}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: {name}
          image: {image}{container}
          env:
            - name: LOG_LEVEL
              value: info
      volumes:
        - name: tmp
          emptyDir: {{}}
"""


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


def test_s02_fires_for_a_sha_tagged_deploy(tmp_path):
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": BUILD_WF}
    deployed = fired(tmp_path, files, "F05-S02")
    assert lines(deployed) == {(".github/workflows/release.yml", 16)}


def test_s02_near_miss_an_untagged_deploy(tmp_path):
    workflow = BUILD_WF.replace("${{ github.sha }}", "latest")
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": workflow}
    assert fired(tmp_path, files, "F05-S02") == []


def test_s02_accepts_a_platform_release_ledger(tmp_path):
    found = fired(tmp_path, {**REQ, "Procfile": "web: gunicorn app:app\n"}, "F05-S02")
    assert found[0].strength.value == "moderate"


def test_s02_fires_for_version_tags_and_digests_in_manifests(tmp_path):
    found = fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment()}, "F05-S02")
    assert lines(found) == {("k8s/web.yaml", 11)} and params(found, "how") == ["version tag"]
    assert found[0].message.key == "F05-S02.message_manifest"
    found = fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(image="shop@sha256:abc123")}, "F05-S02")
    assert params(found, "how") == ["digest"]


def test_s02_follows_helm_values_and_kustomize(tmp_path):
    template = deployment(image='"{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"')
    files = {
        **APP,
        "chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: 2.3.1\n",
        "chart/values.yaml": 'image:\n  repository: shop\n  tag: ""\n',
        "chart/templates/deployment.yaml": template,
    }
    found = fired(tmp_path / "a", files, "F05-S02")
    assert lines(found) == {("chart/Chart.yaml", 4)}
    kustomize = {
        **APP,
        "k8s/web.yaml": deployment(image="shop"),
        "k8s/kustomization.yaml": "resources: [web.yaml]\nimages:\n  - name: shop\n    newTag: 9f3b2c7\n",
    }
    found = fired(tmp_path / "b", kustomize, "F05-S02")
    assert lines(found) == {("k8s/kustomization.yaml", 3)}


def test_s02_near_miss_backing_services_and_moving_tags(tmp_path):
    files = {
        **APP,
        "k8s/db.yaml": deployment(image="postgres:16.2.0", kind="StatefulSet", name="db"),
        "k8s/web.yaml": deployment(image="shop:stable"),
    }
    assert fired(tmp_path, files, "F05-S02") == []


def test_s10_fires_for_latest_images_in_deploy_compose(tmp_path):
    compose = "services:\n  web:\n    build: .\n    image: acme/app:latest\n"
    found = fired(tmp_path, {**REQ, "docker-compose.prod.yml": compose}, "F05-S10")
    assert found and found[0].message.key == "F05-S10.message"


def test_s10_near_miss_a_pinned_compose_image(tmp_path):
    compose = "services:\n  web:\n    build: .\n    image: acme/app:1.4.2\n"
    assert fired(tmp_path, {**REQ, "docker-compose.prod.yml": compose}, "F05-S10") == []


def test_s10_fires_for_latest_untagged_and_pull_always_in_manifests(tmp_path):
    found = fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment(image="app:latest")}, "F05-S10")
    assert lines(found) == {("k8s/web.yaml", 11)} and params(found, "how") == ["latest"]
    found = fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(image="app")}, "F05-S10")
    assert params(found, "how") == ["untagged"]
    always = deployment(image="shop:main", container="\n          imagePullPolicy: Always")
    found = fired(tmp_path / "c", {**APP, "k8s/web.yaml": always}, "F05-S10")
    assert lines(found) == {("k8s/web.yaml", 12)}
    values = {**APP, "chart/values.yaml": "image:\n  repository: shop\n  tag: latest\n"}
    assert lines(fired(tmp_path / "d", values, "F05-S10")) == {("chart/values.yaml", 3)}


def test_s10_near_miss_in_manifests(tmp_path):
    always = deployment(image="shop:1.4.2", container="\n          imagePullPolicy: Always")
    files = {
        **APP,
        "k8s/web.yaml": always,
        "k8s/db.yaml": deployment(image="redis:latest", kind="StatefulSet", name="cache"),
    }
    assert fired(tmp_path / "a", files, "F05-S10") == []
    kustomize = {
        **APP,
        "k8s/web.yaml": deployment(image="shop"),
        "k8s/kustomization.yaml": "images:\n  - name: shop\n    newTag: 1.2.3\n",
    }
    assert fired(tmp_path / "b", kustomize, "F05-S10") == []
    # kustomize replaces the tag written in the manifest
    kustomize = {
        **APP,
        "k8s/web.yaml": deployment(image="shop:latest"),
        "k8s/kustomization.yaml": "images:\n  - name: shop\n    digest: sha256:0a1b2c\n",
    }
    assert fired(tmp_path / "c", kustomize, "F05-S10") == []


def test_shared_manifests_are_attributed_by_name(tmp_path):
    from helpers import findings_of, make_repo

    files = {
        "api/requirements.txt": "flask==3.0.3\n",
        "api/Dockerfile": 'FROM python:3.12\nCMD ["python", "app.py"]\n',
        "web/package.json": "{}\n",
        "web/server.js": "\n",
        "k8s/api.yaml": deployment(name="api", image="registry.example.com/api:latest"),
        "k8s/web.yaml": deployment(name="web", image="registry.example.com/web:latest"),
        "k8s/common.yaml": deployment(name="cron", image="busybox:latest"),
    }
    repo = make_repo(tmp_path, files)
    api = lines(findings_of(repo, "F05-S10", app_index=0))
    web = lines(findings_of(repo, "F05-S10", app_index=1))
    assert api == {("k8s/api.yaml", 11), ("k8s/common.yaml", 11)}
    assert web == {("k8s/web.yaml", 11), ("k8s/common.yaml", 11)}


REUSABLE_WF = """
name: pipeline
on:
  push:
    branches: [main]
jobs:
  build:
    uses: acme-platform/actions/.github/workflows/docker_build.yml@v1
  deploy-production:
    needs: build
    uses: acme-platform/actions/.github/workflows/deploy_env.yml@v1
    with:
      environment: production
      version: ${{ needs.build.outputs.version }}
"""
PUBLISH_WF = """
on:
  push:
    branches: [main]
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v5
        with:
          push: true
          tags: |
            ghcr.io/acme/linkbox:${{ github.sha }}
            ghcr.io/acme/linkbox:latest
"""
NODE = {
    "package.json": '{"name": "linkbox", "dependencies": {"express": "4.19.2"}}\n',
    "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n",
    "Dockerfile": 'FROM node:20\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
    ".github/workflows/publish.yml": PUBLISH_WF,
}
SELF_HOST = (
    "services:\n  linkbox:\n    image: {image}\n    ports:\n      - '3000:3000'\n  db:\n    image: postgres:latest\n"
)


def test_s02_fires_for_a_reusable_deploy_of_the_build_output(tmp_path):
    found = fired(tmp_path, {**REQ, "Dockerfile": DOCKER, ".github/workflows/pipeline.yml": REUSABLE_WF}, "F05-S02")
    assert (".github/workflows/pipeline.yml", 10) in lines(found)


def test_s10_fires_for_the_published_image_at_latest_in_the_documented_deploy(tmp_path):
    files = {**NODE, "deploy/docker-compose.yml": SELF_HOST.format(image="ghcr.io/acme/linkbox:latest")}
    found = fired(tmp_path, files, "F05-S10")
    assert lines(found) == {("deploy/docker-compose.yml", 2)}
    assert found[0].message.param_dict()["image"] == "ghcr.io/acme/linkbox:latest"


def test_s10_fires_for_an_untagged_image_named_after_the_app_in_an_example_compose(tmp_path):
    files = {
        **NODE,
        ".github/workflows/publish.yml": "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: npm test\n",
        "compose.example.yml": SELF_HOST.format(image="ghcr.io/acme/linkbox"),
    }
    assert lines(fired(tmp_path, files, "F05-S10")) == {("compose.example.yml", 2)}


def test_s10_near_miss_a_parameterised_image(tmp_path):
    files = {**NODE, "deploy/docker-compose.yml": SELF_HOST.format(image="${APP_IMAGE:-ghcr.io/acme/linkbox:latest}")}
    assert fired(tmp_path, files, "F05-S10") == []


def test_s10_near_miss_another_image_at_latest(tmp_path):
    files = {**NODE, "deploy/docker-compose.yml": SELF_HOST.format(image="ghcr.io/acme/linkbox:3f2a9c1")}
    assert fired(tmp_path, files, "F05-S10") == []


def test_s10_helm_latest_overridden_by_the_deploying_pipeline(tmp_path):
    values = "image:\n  repository: ghcr.io/acme/app\n  tag: latest\n"
    deploy = (
        "on: workflow_dispatch\njobs:\n  release:\n    runs-on: x\n    steps:\n"
        "      - run: helm upgrade app charts/app --set image.tag=${{ github.event.inputs.IMAGE_TAG }}\n"
    )
    files = {**APP, "chart/values.yaml": values, "chart/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n"}
    assert lines(fired(tmp_path, files, "F05-S10")) == {("chart/values.yaml", 3)}
    assert fired(tmp_path, {**files, ".github/workflows/cd.yml": deploy}, "F05-S10") == []


def test_s02_names_the_build_output_as_a_person_would(tmp_path):
    from twelve.locale import Catalog

    found = fired(tmp_path, {**REQ, "Dockerfile": DOCKER, ".github/workflows/pipeline.yml": REUSABLE_WF}, "F05-S02")
    step = next(f for f in found if f.message.key == "F05-S02.message_job")
    for lang in ("en", "pt-BR"):
        title = Catalog(lang).text("F05-S02.title_job", **step.message.param_dict())
        assert "needs.build.outputs" not in title + Catalog(lang).render(step.message)
        assert "`build`" in title and "`version`" in title
