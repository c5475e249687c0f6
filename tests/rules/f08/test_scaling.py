"""Tests of F08-S02 (rules/f08/scaling.py): where it fires, and its near misses."""

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


def deploy(found):
    """The findings about replicas and autoscalers of the deploy (the `deploy` sentences)."""
    return [f for f in found if f.message.key.endswith("_deploy")]


def test_is_moderate_for_workers_from_the_environment(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD gunicorn --workers "$WEB_CONCURRENCY" app:app')}
    found = fired(tmp_path, files, "F08-S02")
    assert lines(found) == {("Dockerfile", 3)}
    assert found[0].strength.value == "moderate"
    assert "$WEB_CONCURRENCY" in params(found)["knob"]


def test_is_moderate_for_workers_read_from_env_in_gunicorn_conf(tmp_path):
    files = {
        **REQS,
        **FLASK,
        **dockerfile('CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:app"]'),
        "gunicorn.conf.py": 'import os\nworkers = int(os.environ.get("WEB_CONCURRENCY", "2"))\n',
    }
    found = fired(tmp_path, files, "F08-S02")
    assert lines(found) == {("gunicorn.conf.py", 2)}
    assert found[0].strength.value == "moderate"


def test_is_moderate_for_compose_replicas(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "docker-compose.yml": """
        services:
          web:
            build: .
            command: gunicorn app:app
            deploy:
              replicas: 3
        """,
    }
    found = [f for f in fired(tmp_path, files, "F08-S02") if f.strength.value == "moderate"]
    assert params(found)["knob"] == "web: replicas 3"


def test_is_weak_for_gunicorn_without_a_worker_count(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK, **ENTRYPOINT}, "F08-S02")
    assert lines(found) == {("entrypoint.sh", 6)}
    assert found[0].strength.value == "weak"


def test_near_miss_a_fixed_worker_count(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD ["gunicorn", "--workers", "4", "app:app"]')}
    assert fired(tmp_path, files, "F08-S02") == []


def test_fires_for_replicas_and_autoscalers(tmp_path):
    hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  maxReplicas: 5\n"
    found = deploy(fired(tmp_path, {**APP, "k8s/web.yaml": deployment(replicas=1), "k8s/hpa.yaml": hpa}, "F08-S02"))
    assert lines(found) == {("k8s/hpa.yaml", 2)} and "→ web" in params_deploy(found, "knob")[0]


def test_near_miss_single_replica(tmp_path):
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(replicas=1)}, "F08-S02")
    assert deploy(found) == [] and [f.strength.value for f in found] == ["weak"]  # gunicorn reads WEB_CONCURRENCY
