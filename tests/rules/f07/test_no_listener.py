"""Tests of F07-S09 (rules/f07/no_listener.py): where it fires, and its near misses."""

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


PACKAGE_JSON = '{"name": "shop", "version": "1.0.0", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n'


def _express(listen: str) -> str:
    return f'const express = require("express");\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\n{listen}\n'


RAILS_APP = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "puma", ">= 6"\n',
    "config/application.rb": "module Shop\n  class Application < Rails::Application\n  end\nend\n",
}


def test_fires_for_a_web_app_whose_deploy_only_starts_a_worker(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\ncelery==5.3.0\n",
        "app.py": FLASK_APP,
        "Procfile": "worker: celery -A app worker\n",
    }
    found = fired(tmp_path, files, "F07-S09")
    assert ("Procfile", 1) in lines(found)
    assert params(found, "commands") == ["celery -A app worker"]


def test_is_silent_when_a_server_is_started(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-S09") == []
    inherited = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": FLASK_APP,
        "Dockerfile": "FROM tiangolo/meinheld-gunicorn\nCOPY . /app\n",
    }
    assert fired(tmp_path / "inherited", inherited, "F07-S09") == []


def test_leaves_other_stacks_and_unstarted_apps_alone(tmp_path):
    # a Rails app with no deploy file: F07-S5 speaks for Ruby, not F07-NE
    assert fired(tmp_path / "rails", RAILS_APP, "F07-NE") == []
    # an Express app whose only declared process runs a Node worker: not "a web app without listener"
    node = {
        "package.json": PACKAGE_JSON,
        "app.js": _express("module.exports = app;"),
        "worker.js": "setInterval(() => console.log('tick'), 1000);\n",
        "Procfile": "worker: node worker.js\n",
    }
    assert fired(tmp_path / "node", node, "F07-S09") == []
    # a Rails app run by a Sidekiq process only
    sidekiq = {**RAILS_APP, "Procfile": "worker: bundle exec sidekiq\n"}
    assert fired(tmp_path / "sidekiq", sidekiq, "F07-S09") == []
