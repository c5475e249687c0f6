"""Deploy-descriptor rules (Kubernetes, Helm, Kustomize, platforms): one firing and one near miss each."""

from __future__ import annotations

from helpers import fired, lines

APP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}


def deployment(*, image: str = "registry.example.com/shop:1.4.2", replicas: int | str = 2, env: str = "", extra: str = "",
               container: str = "", volumes: str = "", name: str = "web", kind: str = "Deployment", pod: str = "") -> str:
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


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


# --- F03 -------------------------------------------------------------------------------------------


def test_f03_s8k_fires_for_a_literal_password_in_a_deployment(tmp_path):
    env = '\n            - name: DB_PASSWORD\n              value: "q7R!x2Lp9Vz4Tk8M"'
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(env=env)}, "F03-S8k")
    assert lines(found) == {("k8s/web.yaml", 16)} and params(found, "keys") == ["DB_PASSWORD"]
    assert found[0].strength.value == "moderate"


def test_f03_s8k_fires_for_secret_string_data_helm_values_and_platforms(tmp_path):
    secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  api-key: \"Zk3r9pQw7LmXv2Rt\"\n"
    values = "image: {repository: shop, tag: 1.0.0}\nauth:\n  password: \"S0meRealPassw0rd!\"\n"
    render = "services:\n  - type: web\n    name: shop\n    envVars:\n      - key: API_TOKEN\n        value: Zk3r9pQw7LmXv2Rt\n"
    found = fired(tmp_path, {**APP, "k8s/secret.yaml": secret, "chart/values.yaml": values, "render.yaml": render}, "F03-S8k")
    assert lines(found) == {("k8s/secret.yaml", 5), ("chart/values.yaml", 3), ("render.yaml", 6)}


def test_f03_s8k_near_miss_secret_references_and_trivial_local_values(tmp_path):
    env = "\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: db, key: password}"
    assert fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment(env=env)}, "F03-S8k") == []
    trivial = "\n            - name: DB_PASSWORD\n              value: postgres"
    found = fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(env=trivial)}, "F03-S8k")
    assert [f.strength.value for f in found] == ["weak"]


def test_f03_s8k_near_miss_user_names_in_a_secret(tmp_path):
    secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  username: app\n  database: shop\n"
    assert fired(tmp_path, {**APP, "k8s/secret.yaml": secret}, "F03-S8k") == []


def test_f03_s22k_fires_for_secret_and_configmap_references(tmp_path):
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(extra=extra)}, "F03-S22k")
    assert lines(found) == {("k8s/web.yaml", 16)} and "envFrom secretRef shop-env" in params(found, "how")[0]


def test_f03_s22k_near_miss_only_literals(tmp_path):
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment()}, "F03-S22k") == []


