"""Tests of F08-S07 (rules/f08/scheduler_in_web.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def params(found, index=0):
    return found[index].message.param_dict()


SCHEDULED_APP = """
    from apscheduler.schedulers.background import BackgroundScheduler
    from flask import Flask

    app = Flask(__name__)
    scheduler = BackgroundScheduler()
    scheduler.add_job(lambda: None, "interval", minutes=5)
    scheduler.start()
    """
PACKAGE_JSON = (
    '{"name": "shop", "version": "1.0.0", "scripts": {"start": "%s"}, '
    '"dependencies": {"express": "4.19.2", "node-cron": "3.0.3"}}\n'
)
EXPRESS = 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT);\n'
NODE_CRON = 'const cron = require("node-cron");\ncron.schedule("0 3 * * *", () => console.log("cleanup"));\n'


def node_dockerfile(cmd: str, name: str = "Dockerfile") -> dict[str, str]:
    return {name: f"FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n{cmd}\n"}


def test_fires_on_a_background_scheduler_in_the_flask_module(tmp_path):
    files = {**REQS, "app.py": SCHEDULED_APP, "Procfile": "web: gunicorn app:app\n"}
    found = fired(tmp_path, files, "F08-S07")
    assert lines(found) == {("app.py", 5)}
    assert params(found)["web"] == "flask"


def test_near_miss_a_scheduler_in_its_own_clock_process(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "Procfile": "web: gunicorn app:app\nclock: python clock.py\n",
        "clock.py": """
                import threading
                from apscheduler.schedulers.background import BackgroundScheduler
                scheduler = BackgroundScheduler()
                scheduler.start()
                threading.Event().wait()
                """,
    }
    assert fired(tmp_path, files, "F08-S07") == []


def test_near_miss_no_web_process(tmp_path):
    worker = SCHEDULED_APP.replace("app = Flask(__name__)\n", "").replace("from flask import Flask\n", "")
    files = {"requirements.txt": "apscheduler==3.10.4\n", "main.py": worker}
    assert fired(tmp_path, files, "F08-S07") == []


def test_near_miss_a_node_scheduler_run_by_its_own_dockerfile(tmp_path):
    files = {
        "package.json": PACKAGE_JSON % "node server.js",
        "server.js": EXPRESS,
        "worker.js": NODE_CRON,
        **node_dockerfile("CMD npm start"),
        **node_dockerfile('CMD ["node", "worker.js"]', "Dockerfile.worker"),
    }
    assert fired(tmp_path, files, "F08-S07") == []
    k8s = {
        **{k: v for k, v in files.items() if k != "Dockerfile.worker"},
        "k8s/worker.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: receipts
        spec:
          template:
            spec:
              containers:
                - name: receipts
                  image: ghcr.io/acme/shop:1.0.0
                  command: ["node", "worker.js"]
        """,
    }
    assert fired(tmp_path / "k8s", k8s, "F08-S07") == []


def test_fires_for_a_node_scheduler_in_the_web_server(tmp_path):
    files = {
        "package.json": PACKAGE_JSON % "node server.js",
        "server.js": EXPRESS + NODE_CRON,
        "worker.js": NODE_CRON,
        **node_dockerfile("CMD npm start"),
    }
    found = fired(tmp_path, files, "F08-S07")
    assert lines(found) == {("server.js", 5), ("worker.js", 2)}  # nothing runs worker.js on its own
    assert {f.message.param_dict()["web"] for f in found} == {"express"}


def test_reads_the_command_of_a_development_compose_service(tmp_path):
    """A dev compose service that builds the app and runs its own command (the form a Rails
    compose file often takes) is read, not crashed on, when looking for the scheduler's process."""
    scheduler = "\n".join(line for line in SCHEDULED_APP.splitlines() if "Flask" not in line)
    files = {
        **REQS,
        **FLASK,
        "jobs.py": scheduler,
        "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n",
        "docker-compose.override.yml": """
                services:
                  web:
                    build: .
                    command: gunicorn app:app
                """,
    }
    found = fired(tmp_path, files, "F08-S07")
    assert lines(found) == {("jobs.py", 3)}
