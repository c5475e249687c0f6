from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
DOCKER = "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n"
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


def test_s1_and_s2_fire_for_a_sha_tagged_build_and_deploy(tmp_path):
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": BUILD_WF}
    built = fired(tmp_path / "a", files, "F05-S1")
    assert lines(built) == {(".github/workflows/release.yml", 9)}
    deployed = fired(tmp_path / "b", files, "F05-S2")
    assert lines(deployed) == {(".github/workflows/release.yml", 16)}


def test_s1_s2_silent_for_untagged_builds(tmp_path):
    workflow = BUILD_WF.replace("${{ github.sha }}", "latest")
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": workflow}
    assert fired(tmp_path / "a", files, "F05-S1") == []
    assert fired(tmp_path / "b", files, "F05-S2") == []


def test_s2_accepts_a_platform_release_ledger(tmp_path):
    found = fired(tmp_path, {**REQ, "Procfile": "web: gunicorn app:app\n"}, "F05-S2")
    assert found[0].strength.value == "moderate"


def test_s4_fires_for_build_work_in_the_image(tmp_path):
    assert lines(fired(tmp_path / "a", {**REQ, "Dockerfile": DOCKER}, "F05-S4")) == {("Dockerfile", 3)}
    assert fired(tmp_path / "b", {**REQ, "Dockerfile": "FROM python:3.12\nCOPY . .\n"}, "F05-S4") == []


def test_s6_fires_for_version_tags(tmp_path):
    found = fired(tmp_path / "a", {**REQ, "Dockerfile": DOCKER}, "F05-S6", tags=("v1.2.0",))
    assert found[0].message.param_dict()["what"] == "v1.2.0"
    assert fired(tmp_path / "b", {**REQ, "Dockerfile": DOCKER}, "F05-S6", tags=("nightly",)) == []


def test_ap2_fires_for_a_build_without_release_identity(tmp_path):
    found = fired(tmp_path, {**REQ, "Dockerfile": DOCKER}, "F05-AP2")
    assert found[0].message.param_dict()["file"] == "Dockerfile"


def test_ap2_is_silent_with_version_tags_or_a_pipeline(tmp_path):
    assert fired(tmp_path / "a", {**REQ, "Dockerfile": DOCKER}, "F05-AP2", tags=("v1.0.0",)) == []
    files = {**REQ, "Dockerfile": DOCKER, ".github/workflows/release.yml": BUILD_WF}
    assert fired(tmp_path / "b", files, "F05-AP2") == []


README = """# App

## Deploy to production

```bash
ssh ubuntu@server
git clone https://example.com/app.git
cd app
pip install -r requirements.txt
gunicorn app:app
```
"""


def test_s7_fires_for_a_documented_build_on_the_server(tmp_path):
    found = fired(tmp_path, {**REQ, "README.md": README}, "F05-S7")
    assert lines(found) == {("README.md", 7), ("README.md", 9), ("README.md", 10)}
    assert found[0].scope.value == "production"


def test_s7_is_silent_for_local_setup_instructions(tmp_path):
    local = README.replace("Deploy to production", "Local development")
    assert fired(tmp_path, {**REQ, "README.md": local}, "F05-S7") == []


def test_s7_fires_for_ci_ssh_git_pull(tmp_path):
    workflow = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ssh deploy@host 'cd app && git pull && systemctl restart app'\n"
    assert fired(tmp_path, {**REQ, ".github/workflows/d.yml": workflow}, "F05-S7")


def test_s8_fires_for_installs_at_start(tmp_path):
    entry = "#!/bin/sh\npip install -r requirements.txt\nexec gunicorn app:app\n"
    docker = "FROM python:3.12\nCOPY . .\nENTRYPOINT [\"./entrypoint.sh\"]\n"
    found = fired(tmp_path, {**REQ, "Dockerfile": docker, "entrypoint.sh": entry}, "F05-S8")
    assert lines(found) == {("entrypoint.sh", 2)}
    assert fired(tmp_path / "b", {**REQ, "Dockerfile": DOCKER}, "F05-S8") == []


def test_s9_fires_for_development_servers(tmp_path):
    docker = "FROM python:3.12\nCOPY . .\nCMD [\"flask\", \"run\", \"--debug\"]\n"
    found = fired(tmp_path / "a", {**REQ, "Dockerfile": docker}, "F05-S9")
    assert found[0].message.param_dict()["server"] == "flask run"
    app = "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(debug=True)\n"
    docker2 = "FROM python:3.12\nCOPY . .\nCMD python app.py\n"
    found = fired(tmp_path / "b", {**REQ, "app.py": app, "Dockerfile": docker2}, "F05-S9")
    assert lines(found) == {("Dockerfile", 3), ("app.py", 4)}


def test_s9_is_silent_for_gunicorn(tmp_path):
    app = "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(debug=True)\n"
    assert fired(tmp_path, {**REQ, "app.py": app, "Dockerfile": DOCKER}, "F05-S9") == []


def test_s10_fires_for_latest_images_in_deploy_compose(tmp_path):
    compose = "services:\n  web:\n    build: .\n    image: acme/app:latest\n"
    assert fired(tmp_path / "a", {**REQ, "docker-compose.prod.yml": compose}, "F05-S10")
    pinned = compose.replace("latest", "1.4.2")
    assert fired(tmp_path / "b", {**REQ, "docker-compose.prod.yml": pinned}, "F05-S10") == []


def test_s11_fires_for_per_environment_builds(tmp_path):
    workflow = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build --build-arg ENV=production -t app .\n"
    assert fired(tmp_path / "a", {**REQ, ".github/workflows/b.yml": workflow}, "F05-S11")
    plain = workflow.replace("--build-arg ENV=production ", "")
    assert fired(tmp_path / "b", {**REQ, ".github/workflows/b.yml": plain}, "F05-S11") == []


def test_s12_fires_for_source_mounted_in_a_deploy_file_only(tmp_path):
    compose = "services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n"
    found = fired(tmp_path / "a", {**REQ, "docker-compose.prod.yml": compose}, "F05-S12")
    assert lines(found) == {("docker-compose.prod.yml", 5)}
    assert fired(tmp_path / "b", {**REQ, "docker-compose.yml": compose}, "F05-S12") == []


def test_ne_fires_without_any_deploy_definition(tmp_path):
    assert [f.effect.value for f in fired(tmp_path / "a", REQ, "F05-NE")] == ["inconclusive"]
    assert fired(tmp_path / "b", {**REQ, "Dockerfile": DOCKER}, "F05-NE") == []
