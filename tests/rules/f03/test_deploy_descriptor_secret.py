"""F03-S08: credentials written in compose files and deploy manifests."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}
COMPOSE = """
services:
  app:
    build: .
    environment:
      SECRET_KEY: Kd8f7Gh2Jk4LmNq
      DATABASE_URL: ${DATABASE_URL}
"""
APP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}


def deployment(env: str = "") -> str:
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
              value: info{env}
      volumes:
        - name: tmp
          emptyDir: {{}}
"""


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


def test_s08_fires_moderately_for_a_deploy_compose_file(tmp_path):
    found = fired(tmp_path, {**REQ, "docker-compose.prod.yml": COMPOSE}, "F03-S08")
    assert found[0].strength.value == "moderate" and found[0].message.key == "F03-S08.message"
    assert found[0].message.param_dict()["keys"] == "SECRET_KEY"


def test_s08_is_weak_for_a_dev_compose_file_and_silent_for_substitutions(tmp_path):
    found = fired(tmp_path, {**REQ, "docker-compose.override.yml": COMPOSE}, "F03-S08")
    assert found[0].strength.value == "weak"
    clean = COMPOSE.replace("Kd8f7Gh2Jk4LmNq", "${SECRET_KEY}")
    assert fired(tmp_path / "b", {**REQ, "docker-compose.yml": clean}, "F03-S08") == []


def test_s08_manifest_fires_for_a_literal_password_in_a_deployment(tmp_path):
    env = '\n            - name: DB_PASSWORD\n              value: "q7R!x2Lp9Vz4Tk8M"'
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(env)}, "F03-S08")
    assert lines(found) == {("k8s/web.yaml", 16)} and _params(found, "keys") == ["DB_PASSWORD"]
    assert found[0].strength.value == "moderate" and found[0].message.key == "F03-S08.message_manifest"


def test_s08_manifest_fires_for_secret_string_data_helm_values_and_platforms(tmp_path):
    secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  api-key: "Zk3r9pQw7LmXv2Rt"\n'
    values = 'image: {repository: shop, tag: 1.0.0}\nauth:\n  password: "S0meRealPassw0rd!"\n'
    render = "services:\n  - type: web\n    name: shop\n    envVars:\n      - key: API_TOKEN\n        value: Zk3r9pQw7LmXv2Rt\n"
    found = fired(
        tmp_path, {**APP, "k8s/secret.yaml": secret, "chart/values.yaml": values, "render.yaml": render}, "F03-S08"
    )
    assert lines(found) == {("k8s/secret.yaml", 5), ("chart/values.yaml", 3), ("render.yaml", 6)}


def test_s08_manifest_is_silent_for_secret_references_and_weak_for_trivial_values(tmp_path):
    env = "\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: db, key: password}"
    assert fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment(env)}, "F03-S08") == []
    trivial = "\n            - name: DB_PASSWORD\n              value: postgres"
    found = fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(trivial)}, "F03-S08")
    assert [f.strength.value for f in found] == ["weak"]


def test_s08_manifest_is_silent_for_user_names_in_a_secret(tmp_path):
    secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  username: app\n  database: shop\n"
    assert fired(tmp_path, {**APP, "k8s/secret.yaml": secret}, "F03-S08") == []
