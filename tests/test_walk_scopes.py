"""Scopes the walk gives: committed build-named folders, CI tooling."""

from __future__ import annotations

from helpers import make_repo
from twelve.model import Scope
from twelve.repository import open_repository
from twelve.repository.kinds import scope_of

APP = {
    "package.json": '{"name": "web", "scripts": {"start": "node server.js"}}\n',
    "server.js": "require('http').createServer(() => {}).listen(process.env.PORT)\n",
}


def scopes(root) -> dict[str, Scope]:
    return {f.path: f.scope for f in open_repository(str(root)).files}


def test_a_committed_build_folder_is_read_its_descriptors_in_production(tmp_path):
    repo = make_repo(
        tmp_path,
        {
            **APP,
            "build/Dockerfile": 'FROM node:20\nCMD ["npm", "start"]\n',
            "build/deployment.yaml": "kind: Deployment\n",
            "build/app.min.js": "x=1\n",
        },
    )
    (repo / "build" / "later.js").write_text("// written by a build after the commit\n", encoding="utf-8")
    found = scopes(repo)
    assert found["build/Dockerfile"] is Scope.PRODUCTION
    assert found["build/deployment.yaml"] is Scope.PRODUCTION
    assert found["build/app.min.js"] is Scope.GENERATED
    assert "build/later.js" not in found  # untracked output is not the codebase


def test_an_untracked_build_folder_stays_out(tmp_path):
    repo = make_repo(tmp_path, APP)
    (repo / "build").mkdir()
    (repo / "build" / "Dockerfile").write_text("FROM node:20\n", encoding="utf-8")
    found = scopes(repo)
    assert not any(path.startswith("build/") for path in found)
    assert "build" in open_repository(str(repo)).vendored_dirs


def test_ci_tooling_is_not_the_app_but_the_pipeline_is():
    assert scope_of(".github/scripts/commit_checker.py") is Scope.CI
    assert scope_of(".github/workflows/release.yml") is Scope.PRODUCTION
    assert scope_of("ci/lint.sh") is Scope.CI
    assert scope_of(".circleci/config.yml") is Scope.PRODUCTION
    assert scope_of(".gitlab/scripts/deploy.sh") is Scope.CI
    assert scope_of("src/ci_helpers.py") is Scope.PRODUCTION  # a name, not a CI folder
    assert scope_of(".github/node_modules/x/index.js") is Scope.VENDORED


def test_python_ci_scripts_do_not_ask_for_a_python_manifest(tmp_path):
    from helpers import findings_of

    files = {
        "go.mod": "module example.com/app\n\ngo 1.22\n",
        "go.sum": "",
        "main.go": "package main\n\nfunc main() {}\n",
        ".github/scripts/commit_checker.py": "import sys\nprint(sys.argv)\n",
    }
    assert findings_of(make_repo(tmp_path, files), "F02-AP01") == []


def test_dev_only_start_files_are_dev_scope():
    """Issue 12 item 9: `heroku local`'s Procfile.windows, a development Dockerfile or compose file."""
    for dev in (
        "Procfile.windows",
        "Procfile.local",
        "Dockerfile.development",
        "Dockerfile.local",
        "dev.Dockerfile",
        "docker/development.Dockerfile",
        "docker-compose.debug.yml",
        "docker-compose.develop.yml",
    ):
        assert scope_of(dev) is Scope.DEV, dev
    for prod in ("Procfile", "Procfile.prod", "Dockerfile", "Dockerfile.prod", "prod.Dockerfile", "docker-compose.yml"):
        assert scope_of(prod) is Scope.PRODUCTION, prod


def test_an_example_kept_in_the_docs_is_an_example():
    """Issue 12 item 6: the narrower purpose wins wherever it sits in the path."""
    assert scope_of("docs/examples/deploy.md") is Scope.EXAMPLE
    assert scope_of("docs/deploy.md") is Scope.DOCS
    assert scope_of("examples/demo/tests/test_app.py") is Scope.TEST
    assert scope_of("tests/docs/guide.md") is Scope.TEST


def test_a_deploy_guide_of_an_example_kept_in_the_docs_does_not_count(tmp_path):
    from helpers import fired

    app = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    guide = (
        "# Demo\n\n## Deploy to production\n\n```bash\nssh ubuntu@server\ngit clone https://example.com/app.git\n"
        "pip install -r requirements.txt\ngunicorn app:app\n```\n"
    )
    assert fired(tmp_path / "ex", {**app, "docs/examples/demo.md": guide}, "F05-S07") == []
    assert fired(tmp_path / "docs", {**app, "docs/deploy.md": guide}, "F05-S07") != []
