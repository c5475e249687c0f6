"""Tests of F07-S11 (rules/f07/loopback_only.py): where it fires, and its near misses."""

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
DEV_SERVER = {
    "requirements.txt": "flask==3.0.0\n",
    "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run(debug=True, port=5000)\n",
    "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nEXPOSE 5000\nCMD python app.py\n",
}


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


PACKAGE_JSON = '{"name": "shop", "version": "1.0.0", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n'


def _express(listen: str) -> str:
    return f'const express = require("express");\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\n{listen}\n'


def test_fires_for_app_run_without_host_on_the_start_path(tmp_path):
    found = fired(tmp_path, DEV_SERVER, "F07-S11")
    assert params(found, "host") == ["127.0.0.1"]
    assert ("app.py", 4) in lines(found)


def test_fires_for_uvicorn_without_host_and_an_explicit_loopback_bind(tmp_path):
    files = {
        "requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n",
        "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "main:app", "--port", "8000"]\n',
    }
    assert ("Dockerfile", 3) in lines(fired(tmp_path, files, "F07-S11"))
    loopback = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec gunicorn --bind 127.0.0.1:8000 app:app\n"}
    assert params(fired(tmp_path / "lo", loopback, "F07-S11"), "host") == ["127.0.0.1"]


def test_gunicorn_default_bind_depends_on_the_platform(tmp_path):
    docker = {
        "requirements.txt": REQS,
        "app.py": FLASK_APP,
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["gunicorn", "app:app"]\n',
    }
    assert ("Dockerfile", 3) in lines(fired(tmp_path / "docker", docker, "F07-S11"))
    with_port = {
        **docker,
        "Dockerfile": 'FROM python:3.12-slim\nENV PORT=8000\nCOPY . .\nCMD ["gunicorn", "app:app"]\n',
    }
    assert fired(tmp_path / "port", with_port, "F07-S11") == []
    procfile = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path / "procfile", procfile, "F07-S11") == []


def test_ignores_all_interfaces_and_a_guarded_call_off_the_start_path(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-S11") == []


def test_fires_for_a_node_server_bound_to_loopback(tmp_path):
    files = {
        "package.json": PACKAGE_JSON,
        "server.js": _express('app.listen(process.env.PORT, "127.0.0.1");'),
        "Procfile": "web: node server.js\n",
    }
    found = fired(tmp_path, files, "F07-S11")
    assert lines(found) == {("server.js", 4)}
    assert params(found, "host") == ["127.0.0.1"]
    everywhere = {**files, "server.js": _express('app.listen(process.env.PORT, "0.0.0.0");')}
    assert fired(tmp_path / "all", everywhere, "F07-S11") == []
