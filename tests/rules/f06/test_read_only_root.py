"""Tests of F06-S12 (rules/f06/read_only_root.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

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


def test_fires_for_read_only_root(tmp_path):
    container = "\n          securityContext:\n            readOnlyRootFilesystem: true"
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(container=container)}, "F06-S12")
    assert lines(found) == {("k8s/web.yaml", 13)}


def test_near_miss(tmp_path):
    container = "\n          securityContext:\n            readOnlyRootFilesystem: false"
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment(container=container)}, "F06-S12") == []
