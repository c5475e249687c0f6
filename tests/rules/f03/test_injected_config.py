"""F03-S22: config injected per deploy (compose, CI, Kubernetes and platform manifests)."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}
APP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}


def deployment(extra: str = "") -> str:
    return f"""
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
          image: registry.example.com/shop:1.4.2
          env:
            - name: LOG_LEVEL
              value: info{extra}
      volumes:
        - name: tmp
          emptyDir: {{}}
"""


def test_s22_fires_for_ci_secrets_and_ignored_env_files(tmp_path):
    workflow = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: deploy --token ${{ secrets.TOKEN }}\n"
    assert fired(tmp_path / "a", {**REQ, ".github/workflows/d.yml": workflow}, "F03-S22")
    compose = "services:\n  app:\n    build: .\n    env_file: .env\n"
    assert fired(tmp_path / "b", {**REQ, "docker-compose.yml": compose, ".gitignore": ".env\n"}, "F03-S22")


def test_s22_is_silent_for_a_committed_env_file(tmp_path):
    compose = "services:\n  app:\n    build: .\n    env_file: .env\n"
    assert fired(tmp_path, {**REQ, "docker-compose.yml": compose}, "F03-S22") == []


def test_s22_manifest_fires_for_secret_and_configmap_references(tmp_path):
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(extra)}, "F03-S22")
    assert lines(found) == {("k8s/web.yaml", 16)} and found[0].message.key == "F03-S22.message_manifest"
    assert "envFrom secretRef shop-env" in found[0].message.param_dict()["how"]


def test_s22_manifest_is_silent_for_literals_only(tmp_path):
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment()}, "F03-S22") == []
