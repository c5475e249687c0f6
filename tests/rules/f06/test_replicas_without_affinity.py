"""Tests of F06-S13 (rules/f06/replicas_without_affinity.py): where it fires, and its near misses."""

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


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


SERVICE = (
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n{annotations}spec:\n  {affinity}ports:\n    - port: 80\n"
)


def test_fires_for_replicas_without_affinity(tmp_path):
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(replicas=3)}, "F06-S13")
    assert lines(found) == {("k8s/web.yaml", 6)} and params(found, "knob") == ["replicas: 3"]


def test_near_miss_with_affinity_or_one_replica(tmp_path):
    service = SERVICE.format(annotations="", affinity="sessionAffinity: ClientIP\n  ")
    assert (
        fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment(replicas=3), "k8s/svc.yaml": service}, "F06-S13") == []
    )
    assert fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(replicas=1)}, "F06-S13") == []
