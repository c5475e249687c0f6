"""A Helm chart whose object names and image are template expressions filled in from its values."""

from __future__ import annotations

HELM_APP = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
    "deploy/chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\n",
    "deploy/chart/values.yaml": "replicaCount: 1\nimage:\n  repository: ghcr.io/acme/shop\n  tag: latest\n",
    "deploy/chart/templates/deployment.yaml": """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ template "shop.fullname" . }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
""",
    "deploy/chart/templates/job.yaml": """
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ template "shop.fullname" . }}-migrate
spec:
  template:
    spec:
      containers:
        - name: migrate
          image: "ghcr.io/acme/shop:1.0"
          command: ["flask", "db", "upgrade"]
""",
}


def no_template(params: dict) -> bool:
    """No message parameter carries a raw template expression."""
    return not any("{{" in str(value) for value in params.values())
