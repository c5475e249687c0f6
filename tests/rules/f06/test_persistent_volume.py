"""Tests of F06-S07 (rules/f06/persistent_volume.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\n"}


def params(found, index=0):
    return found[index].message.param_dict()


COMPOSE = """
    services:
      web:
        build: .
        command: gunicorn app:app
        volumes:
          - media:/app/media
          - static:/app/static
      db:
        image: postgres:16
        volumes:
          - pgdata:/var/lib/postgresql/data
    volumes:
      media: {}
      static: {}
      pgdata: {}
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


PVC_MOUNT = "\n          volumeMounts:\n            - name: uploads\n              mountPath: /app/uploads"
PVC_VOLUME = "\n        - name: uploads\n          persistentVolumeClaim:\n            claimName: uploads"


def test_fires_on_a_data_volume_in_the_dockerfile(tmp_path):
    files = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nVOLUME ["/tmp", "/app/data"]\nCMD ["gunicorn", "app:app"]\n'}
    found = fired(tmp_path, files, "F06-S07")
    assert lines(found) == {("Dockerfile", 2)}
    assert params(found)["target"] == "/app/data"


def test_near_miss_tmp_and_log_volumes(tmp_path):
    files = {**REQS, "Dockerfile": "FROM python:3.12-slim\nVOLUME /tmp /var/log/app\nVOLUME /app/logs\n"}
    assert fired(tmp_path, files, "F06-S07") == []


def test_fires_on_a_named_volume_of_the_app_service_only(tmp_path):
    found = fired(tmp_path, {**REQS, "docker-compose.yml": COMPOSE}, "F06-S07")
    assert lines(found) == {("docker-compose.yml", 6)}
    assert params(found)["target"] == "/app/media"


def test_ignores_development_compose_files(tmp_path):
    files = {**REQS, "docker-compose.dev.yml": COMPOSE}
    assert fired(tmp_path, files, "F06-S07") == []


def test_fires_for_a_pvc_on_a_deployment(tmp_path):
    files = {**APP, "k8s/web.yaml": deployment(extra=PVC_MOUNT, volumes=PVC_VOLUME)}
    found = fired(tmp_path, files, "F06-S07")
    assert lines(found) == {("k8s/web.yaml", 16), ("k8s/web.yaml", 21)} and params_deploy(found, "target") == [
        "/app/uploads"
    ]


def test_near_miss_statefulset_database_and_scratch_paths(tmp_path):
    database = deployment(
        image="postgres:16",
        kind="StatefulSet",
        name="db",
        extra=PVC_MOUNT.replace("/app/uploads", "/var/lib/postgresql/data"),
        volumes=PVC_VOLUME,
    )
    scratch = deployment(extra=PVC_MOUNT.replace("/app/uploads", "/tmp/cache"), volumes=PVC_VOLUME)
    assert fired(tmp_path, {**APP, "k8s/db.yaml": database, "k8s/web.yaml": scratch}, "F06-S07") == []
