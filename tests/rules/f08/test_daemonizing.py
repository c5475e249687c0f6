"""Tests of F08-S04 (rules/f08/daemonizing.py): where it fires, and its near misses."""

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
PACKAGE_JSON = (
    '{"name": "shop", "version": "1.0.0", "scripts": {"start": "%s"}, '
    '"dependencies": {"express": "4.19.2", "node-cron": "3.0.3"}}\n'
)
EXPRESS = 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT);\n'


def node_dockerfile(cmd: str, name: str = "Dockerfile") -> dict[str, str]:
    return {name: f"FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n{cmd}\n"}


def test_fires_on_gunicorn_daemon(tmp_path):
    cmd = "CMD gunicorn --daemon --bind 0.0.0.0:8000 app:app && tail -f /dev/null"
    files = {**REQS, **FLASK, **dockerfile(cmd)}
    found = fired(tmp_path, files, "F08-S04")
    assert lines(found) == {("Dockerfile", 3)}
    assert params(found)["how"] == "gunicorn --daemon"
    assert found[0].strength.value == "strong"


def test_fires_on_nohup_in_the_background_as_last_process(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: nohup python app.py &\n"}
    found = fired(tmp_path, files, "F08-S04")
    assert lines(found) == {("Procfile", 1)}
    assert params(found)["how"].endswith("&")


def test_fires_on_service_start_and_gunicorn_conf_daemon(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "Dockerfile": 'FROM python:3.12-slim\nENTRYPOINT ["/app/start.sh"]\n',
        "start.sh": "#!/bin/sh\nservice nginx start\nexec gunicorn -c gunicorn.conf.py app:app\n",
        "gunicorn.conf.py": "daemon = True\n",
    }
    found = fired(tmp_path, files, "F08-S04")
    assert lines(found) == {("start.sh", 2), ("gunicorn.conf.py", 1)}
    assert {params(found, i)["how"] for i in range(2)} == {"service nginx start", "daemon = True"}


def test_fires_on_celery_multi(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "worker: celery multi start w1 -A tasks\n"}
    assert params(fired(tmp_path, files, "F08-S04"))["how"] == "celery multi"


def test_fires_on_a_server_sent_away_behind_a_keep_alive(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "Dockerfile": 'FROM python:3.12-slim\nENTRYPOINT ["./docker-entrypoint.sh"]\n',
        "docker-entrypoint.sh": "#!/bin/sh\nnohup gunicorn app:app &\ntail -f /dev/null\n",
    }
    found = fired(tmp_path, files, "F08-S04")
    assert lines(found) == {("docker-entrypoint.sh", 2)}
    assert params(found)["how"] == "gunicorn app:app &"


def test_near_miss_a_foreground_exec(tmp_path):
    assert fired(tmp_path, {**REQS, **FLASK, **ENTRYPOINT}, "F08-S04") == []


def test_near_miss_a_helper_backgrounded_before_the_server(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "Procfile": "web: ./start.sh\n",
        "start.sh": "#!/bin/sh\nprepare-cache &\nexec gunicorn app:app\n",
    }
    assert fired(tmp_path, files, "F08-S04") == []


def test_fires_on_pm2_start_reached_through_npm_start(tmp_path):
    files = {
        "package.json": PACKAGE_JSON % "pm2 start server.js && pm2 logs",
        "server.js": EXPRESS,
        **node_dockerfile('CMD ["npm", "start"]'),
    }
    found = fired(tmp_path, files, "F08-S04")
    assert lines(found) == {("package.json", 1)}
    assert params(found)["how"] == "pm2 start"


def test_near_miss_pm2_in_the_foreground(tmp_path):
    files = {
        "package.json": PACKAGE_JSON % "node server.js",
        "server.js": EXPRESS,
        **node_dockerfile('CMD ["npx", "pm2", "start", "server.js", "--no-daemon"]'),
    }
    assert fired(tmp_path, files, "F08-S04") == []
    runtime = {**files, **node_dockerfile('CMD ["pm2-runtime", "server.js"]')}
    assert fired(tmp_path / "runtime", runtime, "F08-S04") == []
