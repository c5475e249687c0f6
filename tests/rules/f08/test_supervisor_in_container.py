"""Tests of F08-S08 (rules/f08/supervisor_in_container.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def params(found, index=0):
    return found[index].message.param_dict()


def dockerfile(cmd: str) -> dict[str, str]:
    return {"Dockerfile": f"FROM python:3.12-slim\nCOPY . /app\n{cmd}\n"}


PACKAGE_JSON = (
    '{"name": "shop", "version": "1.0.0", "scripts": {"start": "%s"}, '
    '"dependencies": {"express": "4.19.2", "node-cron": "3.0.3"}}\n'
)
EXPRESS = 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT);\n'
NODE_CRON = 'const cron = require("node-cron");\ncron.schedule("0 3 * * *", () => console.log("cleanup"));\n'


def node_dockerfile(cmd: str, name: str = "Dockerfile") -> dict[str, str]:
    return {name: f"FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n{cmd}\n"}


ECOSYSTEM = """\
    module.exports = {
      apps: [
        { name: "api", script: "server.js", instances: 2, exec_mode: "cluster" },
        { name: "receipts", script: "worker.js" },
      ],
    };
    """


def test_fires_on_supervisord_in_the_container(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "Dockerfile": "FROM python:3.12-slim\n"
        "RUN apt-get update && apt-get install -y supervisor nginx\n"
        'CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]\n',
    }
    found = fired(tmp_path, files, "F08-S08")
    assert lines(found) == {("Dockerfile", 2), ("Dockerfile", 3)}
    assert params(found)["program"] == "supervisord"


def test_fires_on_a_worker_backgrounded_next_to_the_server(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "Procfile": "web: ./start.sh\n",
        "start.sh": "#!/bin/sh\ncelery -A tasks worker &\nexec gunicorn app:app\n",
    }
    found = fired(tmp_path, files, "F08-S08")
    assert lines(found) == {("start.sh", 2)}
    assert params(found)["program"] == "start.sh (celery &)"
    assert fired(tmp_path / "b", files, "F08-S04") == []


def test_near_miss_a_single_server(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD ["gunicorn", "app:app"]')}
    assert fired(tmp_path, files, "F08-S08") == []


def test_fires_on_pm2_runtime_running_several_apps(tmp_path):
    files = {
        "package.json": PACKAGE_JSON % "node server.js",
        "server.js": EXPRESS,
        "worker.js": NODE_CRON,
        "ecosystem.config.js": ECOSYSTEM,
        **node_dockerfile('CMD ["pm2-runtime", "ecosystem.config.js"]'),
    }
    found = fired(tmp_path, files, "F08-S08")
    assert lines(found) == {("Dockerfile", 5), ("ecosystem.config.js", 3), ("ecosystem.config.js", 4)}
    assert params(found)["program"] == "pm2-runtime (api, receipts)"


def test_near_miss_pm2_runtime_with_one_app_in_cluster_mode(tmp_path):
    one = ECOSYSTEM.replace('        { name: "receipts", script: "worker.js" },\n', "")
    files = {
        "package.json": PACKAGE_JSON % "node server.js",
        "server.js": EXPRESS,
        "ecosystem.config.js": one,
        **node_dockerfile('CMD ["pm2-runtime", "ecosystem.config.js"]'),
    }
    assert fired(tmp_path, files, "F08-S08") == []
    # a daemonizing pm2 is reported once per container line (F08-S4 says the rest)
    daemon = {**files, **node_dockerfile("CMD pm2 start server.js && pm2 logs")}
    assert len(fired(tmp_path / "daemon", daemon, "F08-S08")) == 1
