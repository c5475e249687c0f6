"""F05-S09: a development server on the production start path."""

from __future__ import annotations

from helpers import fired, lines

REQ = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
}
DOCKER = 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
BUILD_WF = """
on:
  push:
    branches: [main]
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t ghcr.io/acme/app:${{ github.sha }} .
      - run: docker push ghcr.io/acme/app:${{ github.sha }}
  deploy:
    needs: image
    environment: production
    runs-on: ubuntu-latest
    steps:
      - run: kubectl set image deployment/app app=ghcr.io/acme/app:${{ github.sha }}
"""

APP_RUN = "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(debug=True)\n"


def test_s09_fires_for_development_servers(tmp_path):
    docker = 'FROM python:3.12\nCOPY . .\nCMD ["flask", "run", "--debug"]\n'
    found = fired(tmp_path / "a", {**REQ, "Dockerfile": docker}, "F05-S09")
    assert found[0].message.param_dict()["server"] == "flask run"
    docker2 = "FROM python:3.12\nCOPY . .\nCMD python app.py\n"
    found = fired(tmp_path / "b", {**REQ, "app.py": APP_RUN, "Dockerfile": docker2}, "F05-S09")
    assert lines(found) == {("Dockerfile", 3), ("app.py", 4)}


def test_s09_reads_the_development_servers_of_other_stacks(tmp_path):
    package = '{"name": "web", "dependencies": {"express": "4.19.2"}}'
    for name, cmd, server in (
        ("a", '["nodemon", "server.js"]', "nodemon"),
        ("b", '["npx", "tsx", "watch", "src/index.ts"]', "tsx watch"),
        ("c", '["go", "run", "."]', "go run"),
    ):
        docker = f"FROM node:20\nCOPY . .\nCMD {cmd}\n"
        found = fired(tmp_path / name, {"package.json": package, "server.js": "\n", "Dockerfile": docker}, "F05-S09")
        assert [f.message.param_dict()["server"] for f in found] == [server]


def test_s09_fires_moderately_for_a_debug_switch_in_the_image(tmp_path):
    docker = DOCKER.replace("COPY . .", "COPY . .\nENV FLASK_DEBUG=1")
    found = fired(tmp_path, {**REQ, "Dockerfile": docker}, "F05-S09")
    assert [(f.strength.value, f.message.param_dict()["server"]) for f in found] == [("moderate", "FLASK_DEBUG=1")]


def test_s09_is_silent_for_gunicorn(tmp_path):
    assert fired(tmp_path, {**REQ, "app.py": APP_RUN, "Dockerfile": DOCKER}, "F05-S09") == []


def test_s09_near_miss_vite_build(tmp_path):
    docker = 'FROM node:20\nCOPY . .\nCMD ["vite", "build"]\n'
    assert fired(tmp_path, {"package.json": "{}", "Dockerfile": docker}, "F05-S09") == []


def test_s09_is_silent_for_a_dev_only_procfile_or_dockerfile(tmp_path):
    """Issue 12 item 9: `Procfile.windows` (for `heroku local`) and a development Dockerfile
    running nodemon are not the production start."""
    node = {
        "package.json": '{"name": "api", "scripts": {"start": "node server.js", "dev": "nodemon server.js"},'
        ' "dependencies": {"express": "4.19.2"}, "devDependencies": {"nodemon": "3.0.0"}}\n',
        "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n",
        "Procfile": "web: node server.js\n",
    }
    windows = {**node, "Procfile.windows": "web: nodemon server.js\n"}
    assert fired(tmp_path / "windows", windows, "F05-S09") == []
    docker = {**node, "Dockerfile.development": 'FROM node:20\nCOPY . .\nRUN npm install\nCMD ["npm", "run", "dev"]\n'}
    assert fired(tmp_path / "docker", docker, "F05-S09") == []
    prod = {**node, "Procfile": "web: nodemon server.js\n"}
    assert lines(fired(tmp_path / "prod", prod, "F05-S09")) == {("Procfile", 1)}


def test_s09_is_silent_for_a_nodemon_image_only_a_development_compose_builds(tmp_path):
    """Issue 12 item 9: a Dockerfile running `npm run dev` (nodemon), built only by a compose file
    that mounts the source over it, is a development image when a Procfile starts production."""
    from helpers import make_repo, run

    files = {
        "package.json": '{"name": "api", "scripts": {"start": "node server.js", "dev": "nodemon server.js"},'
        ' "dependencies": {"express": "4.19.2"}, "devDependencies": {"nodemon": "3.0.0"}}\n',
        "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n",
        "Procfile": "web: node server.js\n",
        "Dockerfile": 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["npm", "run", "dev"]\n',
        "docker-compose.yml": 'services:\n  web:\n    build: .\n    volumes: [".:/app"]\n    ports: ["3000:3000"]\n',
    }
    assert fired(tmp_path / "s09", files, "F05-S09") == []
    assessment = run(make_repo(tmp_path / "run", files))
    assert not any(f.rule == "F10-S03" for f in assessment.main.verdict(10).findings)  # not "the production image"
    assert not any(loc.path == "Dockerfile" for f in assessment.main.verdict(9).findings for loc in f.locations)
    # the only image there is stays the production start, nodemon and all
    alone = {k: v for k, v in files.items() if k != "Procfile"}
    assert lines(fired(tmp_path / "alone", alone, "F05-S09")) == {("Dockerfile", 5)}
