"""Tests of F07-NE (rules/f07/web_app_without_start.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired

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


def test_fires_for_a_web_app_without_any_start_command(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run()\n"}
    found = fired(tmp_path, files, "F07-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]
    assert found[0].message.param_dict()["web"] == "app.py"


def test_is_silent_when_a_deploy_definition_exists(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-NE") == []
