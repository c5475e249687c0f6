"""F10-AP02: nothing defines a production environment."""

from __future__ import annotations

from f10_data import APP, BASE, REQS

from helpers import fired, lines

FLASK = {"requirements.txt": REQS, "app.py": APP}
RECIPE = (
    "# reminders\n\n## Installation\n\n    python3 -m venv .venv\n    pip install -r requirements.txt\n"
    "    python worker.py\n"
)


def test_ap02_fires_strong_when_nothing_says_how_the_app_runs(tmp_path):
    found = fired(tmp_path, {**FLASK, "README.md": "# app\n\nA Flask app.\n"}, "F10-AP02")
    assert len(found) == 1 and found[0].strength.value == "strong" and found[0].scope.value == "production"
    assert found[0].message.key.endswith(".message")


def test_ap02_is_moderate_for_a_host_recipe_that_installs_and_starts_the_app(tmp_path):
    found = fired(tmp_path, {**FLASK, "worker.py": "import psycopg2\n", "README.md": RECIPE}, "F10-AP02")
    assert len(found) == 1 and found[0].strength.value == "moderate"
    assert found[0].message.param_dict()["section"] == "Installation"
    assert lines(found) == {("README.md", 6), ("README.md", 7)}


def test_ap02_devonly_for_a_development_server_as_the_only_start(tmp_path):
    files = {
        "requirements.txt": "django==5.0\npsycopg[binary]==3.1.19\n",
        "manage.py": "import django\n",
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
        "docker-compose.yml": "services:\n  web:\n    build: .\n    env_file: .env\n",
        ".env": "DEBUG=1\n",
    }
    found = fired(tmp_path, files, "F10-AP02")
    assert len(found) == 1 and found[0].strength.value == "strong"
    assert found[0].message.key.endswith("message_devonly")


def test_ap02_devonly_for_a_committed_debug_switch_the_compose_service_loads(tmp_path):
    files = {
        **BASE,
        "docker-compose.yml": "services:\n  app:\n    build: .\n    env_file: ./env/.env\n",
        "env/.env": 'DEBUG="1"\n',
    }
    found = fired(tmp_path, files, "F10-AP02")
    assert len(found) == 1 and lines(found) == {("env/.env", 1)}


def test_ap02_is_silent_with_a_production_path(tmp_path):
    # a Dockerfile that starts gunicorn, a Procfile, a documented server deploy
    assert fired(tmp_path / "image", BASE, "F10-AP02") == []
    assert fired(tmp_path / "procfile", {**FLASK, "Procfile": "web: gunicorn app:app\n"}, "F10-AP02") == []
    guide = (
        "# app\n\n## Deploy to production\n\n```sh\nssh deploy@app.example.com\ngit clone https://example.com/app.git\n"
        "pip install -r requirements.txt\ngunicorn app:app\n```\n"
    )
    assert fired(tmp_path / "guide", {**FLASK, "README.md": guide}, "F10-AP02") == []


def test_ap02_near_miss_a_development_section_is_no_recipe(tmp_path):
    readme = "# app\n\n## Local development\n\n```sh\nnpm i\nnpm start\n```\n"
    files = {
        "package.json": '{"name": "app", "dependencies": {"express": "4.19.2"}, "scripts": {"start": "node index.js"}}\n',
        "index.js": "const express = require('express');\nexpress().listen(3000);\n",
        "README.md": readme,
    }
    found = fired(tmp_path, files, "F10-AP02")
    assert len(found) == 1 and found[0].strength.value == "strong"


def test_ap02_a_recipe_that_starts_a_development_server_is_devonly(tmp_path):
    app = "from flask import Flask\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(debug=True)\n"
    readme = "# rota\n\nRun:\n\n    pip install -r requirements.txt\n    python app.py\n"
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": app, "README.md": readme}, "F10-AP02")
    assert len(found) == 1 and found[0].strength.value == "strong"
    assert found[0].message.key.endswith("message_devonly") and ("README.md", 6) in lines(found)


def test_ap02_near_miss_a_serverless_descriptor(tmp_path):
    assert fired(tmp_path, {**FLASK, "serverless.yml": "service: app\nprovider:\n  name: aws\n"}, "F10-AP02") == []
