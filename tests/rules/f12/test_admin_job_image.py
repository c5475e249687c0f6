"""F12-S06: a one-off Job runs another build, or lacks the release's configuration."""

from __future__ import annotations

from helpers import fired, lines

APP = """
import click
from flask import Flask
app = Flask(__name__)

@app.cli.command("init-db")
def init_db():
    pass
"""
REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\n", "app.py": APP}
ENTRY = "#!/bin/sh\nflask init-db\nexec gunicorn app:app\n"
DOCKER = 'FROM python:3.12\nCOPY . .\nENTRYPOINT ["sh", "./entrypoint.sh"]\n'

KAPP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}


def deployment(*, image: str = "registry.example.com/shop:1.4.2", extra: str = "", name: str = "web") -> str:
    return f"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: {name}
          image: {image}
          env:
            - name: LOG_LEVEL
              value: info{extra}
      volumes:
        - name: tmp
          emptyDir: {{}}
"""


def job(
    *,
    image: str = "registry.example.com/shop:1.4.2",
    command: str = '["python", "manage.py", "migrate"]',
    annotations: str = "",
    container: str = "",
) -> str:
    return f"""
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate{annotations}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: {image}
          command: {command}{container}
"""


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


def test_s06_fires_for_another_tag_and_missing_config(tmp_path):
    files = {**KAPP, "k8s/web.yaml": deployment(), "k8s/job.yaml": job(image="registry.example.com/shop:latest")}
    found = fired(tmp_path / "a", files, "F12-S06")
    assert (
        lines(found) == {("k8s/job.yaml", 11), ("k8s/web.yaml", 11)} and found[0].message.key == "F12-S06.message_tag"
    )
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    files = {**KAPP, "k8s/web.yaml": deployment(extra=extra), "k8s/job.yaml": job()}
    found = fired(tmp_path / "b", files, "F12-S06")
    assert params(found, "missing") == ["secret/shop-env"] and found[0].message.key == "F12-S06.message_config"


def test_s06_tool_images_are_weak_and_matching_jobs_are_clean(tmp_path):
    files = {
        **KAPP,
        "k8s/web.yaml": deployment(),
        "k8s/job.yaml": job(image="flyway/flyway:10", command='["flyway", "migrate"]'),
    }
    found = fired(tmp_path / "a", files, "F12-S06")
    assert [f.strength.value for f in found] == ["weak"]
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    files = {**KAPP, "k8s/web.yaml": deployment(extra=extra), "k8s/job.yaml": job(container=extra)}
    assert fired(tmp_path / "b", files, "F12-S06") == []
