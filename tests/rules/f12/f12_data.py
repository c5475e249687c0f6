"""Small repositories the tests of factor XII share: a Flask app with an admin command, and a
Kubernetes app whose Jobs run one-off tasks."""

from __future__ import annotations

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
