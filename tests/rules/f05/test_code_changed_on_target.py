"""F05-S07: the deploy fetches and builds the code on the server."""

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


def test_s07_fires_for_a_documented_build_on_the_server(tmp_path):
    found = fired(tmp_path, {**REQ, "README.md": README}, "F05-S07")
    assert lines(found) == {("README.md", 6), ("README.md", 7), ("README.md", 9), ("README.md", 10)}
    assert found[0].scope.value == "production"


def test_s07_is_silent_for_local_setup_instructions(tmp_path):
    local = README.replace("Deploy to production", "Local development")
    assert fired(tmp_path, {**REQ, "README.md": local}, "F05-S07") == []


def test_s07_fires_for_ci_ssh_git_pull(tmp_path):
    workflow = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ssh deploy@host 'cd app && git pull && systemctl restart app'\n"
    found = fired(tmp_path, {**REQ, ".github/workflows/d.yml": workflow}, "F05-S07")
    assert found and found[0].message.param_dict()["section"] == "d"


def test_s07_near_miss_a_built_archive_copied_to_the_host(tmp_path):
    workflow = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: scp dist/app.tar.gz deploy@host:/srv/app/\n"
    assert fired(tmp_path, {**REQ, ".github/workflows/d.yml": workflow}, "F05-S07") == []


ZH = """# 简博客

## 本地开发

```bash
git clone https://github.com/acme/jianblog.git
npm i
npm run dev
```

## 部署到服务器

```bash
ssh root@your-server
git clone https://github.com/acme/jianblog.git
cd jianblog
npm i --omit=dev
pm2 start index.js --name jianblog
```
"""
NODE = {
    "package.json": '{"name": "jianblog", "dependencies": {"express": "4.19.2"}}\n',
    "index.js": "require('express')().listen(3000);\n",
}


def test_s07_is_moderate(tmp_path):
    found = fired(tmp_path, {**REQ, "README.md": README}, "F05-S07")
    assert {f.strength.value for f in found} == {"moderate"}


def test_s07_reads_a_deploy_section_in_chinese(tmp_path):
    found = fired(tmp_path, {**NODE, "README.md": ZH}, "F05-S07")
    assert lines(found) == {("README.md", 14), ("README.md", 15), ("README.md", 17), ("README.md", 18)}
    assert found[0].message.param_dict()["section"] == "简博客 / 部署到服务器"


def test_s07_near_miss_a_development_section_in_chinese(tmp_path):
    local = ZH.split("## 部署到服务器")[0]
    assert fired(tmp_path, {**NODE, "README.md": local}, "F05-S07") == []


def test_s07_a_remote_session_makes_a_recipe_without_a_production_heading(tmp_path):
    guide = (
        "# App\n\n## Setup\n\n    ssh ubuntu@203.0.113.7\n    git clone https://example.com/app.git\n"
        "    pip install -r requirements.txt\n    nohup gunicorn app:app &\n"
    )
    found = fired(tmp_path, {**REQ, "README.md": guide}, "F05-S07")
    assert {("README.md", 6), ("README.md", 7), ("README.md", 8)} <= lines(found)


def test_s07_near_miss_a_clone_and_install_without_a_host_or_deploy_heading(tmp_path):
    guide = (
        "# App\n\n## Setup\n\n    git clone https://example.com/app.git\n    pip install -r requirements.txt\n"
        "    gunicorn app:app\n"
    )
    assert fired(tmp_path, {**REQ, "README.md": guide}, "F05-S07") == []


def test_s07_is_silent_for_the_guide_of_an_example_or_a_test_fixture(tmp_path):
    """Issue 12 item 6: an example's README deploys the example, not the app (scope: example)."""
    for where in ("examples/demo/README.md", "tests/fixtures/site/README.md"):
        assert fired(tmp_path / where.split("/")[0], {**REQ, where: README}, "F05-S07") == []
    found = fired(tmp_path / "docs", {**REQ, "docs/deploy.md": README}, "F05-S07")
    assert lines(found) >= {("docs/deploy.md", 7)}
