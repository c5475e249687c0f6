"""Tests of F07-AP02 (rules/f07/server_not_declared.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n"
REQS = "flask==3.0.0\ngunicorn==22.0.0\n"
ENTRYPOINT = """\
    #!/bin/sh
    set -e
    flask init-db
    exec gunicorn --bind 0.0.0.0:5000 app:app
    """
DOCKERFILE = """\
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    RUN pip install -r requirements.txt
    EXPOSE 5000
    ENTRYPOINT ["sh", "./entrypoint.sh"]
    """
TOGGLE = {
    "requirements.txt": REQS,
    "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run(host='0.0.0.0', port=5000)\n",
    "entrypoint.sh": ENTRYPOINT,
    "Dockerfile": DOCKERFILE,
}


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


def test_fires_when_the_server_is_not_declared(tmp_path):
    files = {**TOGGLE, "requirements.txt": "flask==3.0.0\n"}
    found = fired(tmp_path, files, "F07-AP02")
    assert params(found, "server") == ["gunicorn"]
    assert ("entrypoint.sh", 4) in lines(found)


def test_is_silent_when_the_server_is_declared(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-AP02") == []
