"""Tests of F08-S01 (rules/f08/process_types.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def params(found, index=0):
    return found[index].message.param_dict()


def dockerfile(cmd: str) -> dict[str, str]:
    return {"Dockerfile": f"FROM python:3.12-slim\nCOPY . /app\n{cmd}\n"}


ENTRYPOINT = {
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
    "entrypoint.sh": """
        #!/bin/sh
        while ! pg_isready -h "$DB_HOST"; do
          sleep 1
        done
        flask init-db
        exec gunicorn --bind 0.0.0.0:5000 app:app
        """,
}
PACKAGE_JSON = (
    '{"name": "shop", "version": "1.0.0", "scripts": {"start": "%s"}, '
    '"dependencies": {"express": "4.19.2", "node-cron": "3.0.3"}}\n'
)
EXPRESS = 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT);\n'


def node_dockerfile(cmd: str, name: str = "Dockerfile") -> dict[str, str]:
    return {name: f"FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n{cmd}\n"}


GEMFILE = 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "puma"\ngem "sidekiq"\ngem "good_job"\n'
K8S_TWO_IMAGES = """\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 2
      template:
        spec:
          containers:
            - name: web
              image: ghcr.io/acme/shop-web:1.0.0
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: worker
    spec:
      template:
        spec:
          containers:
            - name: worker
              image: ghcr.io/acme/shop-worker:1.0.0
    """
APP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}


def deployment(
    *,
    image: str = "registry.example.com/shop:1.4.2",
    replicas: int | str = 2,
    env: str = "",
    extra: str = "",
    container: str = "",
    volumes: str = "",
    name: str = "web",
    kind: str = "Deployment",
    pod: str = "",
) -> str:
    return f"""
apiVersion: apps/v1
kind: {kind}
metadata:
  name: {name}
spec:
  replicas: {replicas}
  template:
    spec:{pod}
      containers:
        - name: {name}
          image: {image}{container}
          env:
            - name: LOG_LEVEL
              value: info{env}{extra}
      volumes:
        - name: tmp
          emptyDir: {{}}{volumes}
"""


def params_deploy(findings, key):
    return [f.message.param_dict()[key] for f in findings]


def workloads(found):
    """The findings about workloads of one image (the `workloads` sentences)."""
    return [f for f in found if f.message.key.endswith("_workloads")]


def test_is_strong_for_a_procfile(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: gunicorn app:app\nworker: celery -A tasks worker\n"}
    found = fired(tmp_path, files, "F08-S01")
    assert lines(found) == {("Procfile", 1), ("Procfile", 2)}
    assert found[0].strength.value == "strong"
    assert params(found)["types"] == "web, worker"


def test_is_strong_for_compose_services_sharing_one_build(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "docker-compose.yml": """
        services:
          web:
            build: .
            command: gunicorn app:app
          worker:
            build: .
            command: celery -A tasks worker
        """,
    }
    found = fired(tmp_path, files, "F08-S01")
    assert found[0].strength.value == "strong"
    assert params(found)["types"] == "web, worker"


def test_is_weak_for_the_container_start_command(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK, **ENTRYPOINT}, "F08-S01")
    assert lines(found) == {("entrypoint.sh", 6)}
    assert found[0].strength.value == "weak" and found[0].message.key == "F08-S01.message_single"
    assert params(found)["types"] == "gunicorn"


def test_near_miss_without_any_start_command(tmp_path):
    assert fired(tmp_path, {**REQS, **FLASK}, "F08-S01") == []


def test_is_strong_for_kubernetes_deployments_per_process_type(tmp_path):
    files = {**REQS, **FLASK, "k8s/app.yaml": K8S_TWO_IMAGES}
    found = fired(tmp_path, files, "F08-S01")
    assert lines(found) == {("k8s/app.yaml", 10), ("k8s/app.yaml", 21)}
    assert found[0].strength.value == "strong"
    assert params(found)["types"] == "web, worker"
    assert params(found)["formation"] == "web: (image CMD); worker: (image CMD)"
    # two process types are a formation: no "no formation"
    assert fired(tmp_path / "ne", files, "F08-AP02") == []


def test_one_image_with_several_commands_is_reported_once_as_workloads(tmp_path):
    same = K8S_TWO_IMAGES.replace("shop-worker", "shop-web").replace(
        "      image: ghcr.io/acme/shop-web:1.0.0\n    ---",
        '      image: ghcr.io/acme/shop-web:1.0.0\n          command: ["gunicorn", "app:app"]\n    ---',
    )
    same = same.rstrip("\n") + '\n              command: ["celery", "-A", "tasks", "worker"]\n'
    files = {**REQS, **FLASK, "k8s/app.yaml": same}
    assert [f.message.key for f in fired(tmp_path, files, "F08-S01")] == ["F08-S01.message_workloads"]


def test_shows_the_runner_and_the_package_script_it_starts(tmp_path):
    rails = {"Gemfile": GEMFILE, **dockerfile('CMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]')}
    assert params(fired(tmp_path / "rails", rails, "F08-S01"))["types"] == "puma"
    node = {
        "package.json": PACKAGE_JSON % "node server.js",
        "server.js": EXPRESS,
        **node_dockerfile('CMD ["npm", "start"]'),
    }
    found = params(fired(tmp_path / "node", node, "F08-S01"))
    assert (found["types"], found["formation"]) == ("node", "npm start → node server.js")


def test_fires_for_process_types_from_one_image(tmp_path):
    worker = deployment(name="worker", container='\n          command: ["celery", "-A", "shop", "worker"]')
    found = workloads(fired(tmp_path, {**APP, "k8s/web.yaml": deployment(), "k8s/worker.yaml": worker}, "F08-S01"))
    assert lines(found) == {("k8s/web.yaml", 10), ("k8s/worker.yaml", 12)} and params_deploy(found, "count") == ["2"]


def test_near_miss_different_images(tmp_path):
    worker = deployment(
        name="worker", image="registry.example.com/other:1.0.0", container='\n          command: ["run"]'
    )
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(), "k8s/worker.yaml": worker}, "F08-S01")
    assert found and workloads(found) == []  # the Dockerfile's command is the formation
