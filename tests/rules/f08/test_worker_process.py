"""Tests of F08-S03 (rules/f08/worker_process.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def params(found, index=0):
    return found[index].message.param_dict()


PACKAGE_JSON = (
    '{"name": "shop", "version": "1.0.0", "scripts": {"start": "%s"}, '
    '"dependencies": {"express": "4.19.2", "node-cron": "3.0.3"}}\n'
)
EXPRESS = 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT);\n'
NODE_CRON = 'const cron = require("node-cron");\ncron.schedule("0 3 * * *", () => console.log("cleanup"));\n'
GEMFILE = 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "puma"\ngem "sidekiq"\ngem "good_job"\n'


def test_fires_for_a_celery_process_type(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: gunicorn app:app\nworker: celery -A tasks worker\n"}
    found = fired(tmp_path, files, "F08-S03")
    assert lines(found) == {("Procfile", 2)}
    assert params(found) == {"process": "worker", "program": "celery", "path": "Procfile"}


def test_near_miss_web_only(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path, files, "F08-S03") == []


def test_fires_for_ruby_job_runners_and_a_named_node_worker(tmp_path):
    files = {
        "Gemfile": GEMFILE,
        "Procfile": "web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\n"
        "jobs: bundle exec good_job start\nqueue: bin/rails solid_queue:start\n",
    }
    found = fired(tmp_path, files, "F08-S03")
    assert lines(found) == {("Procfile", 2), ("Procfile", 3), ("Procfile", 4)}
    assert [f.message.param_dict()["program"] for f in found] == ["sidekiq", "good_job", "rails solid_queue:start"]
    node = {
        "package.json": PACKAGE_JSON % "node server.js",
        "server.js": EXPRESS,
        "worker.js": NODE_CRON,
        "Procfile": "web: node server.js\nworker: node worker.js\n",
    }
    found = fired(tmp_path / "node", node, "F08-S03")
    assert lines(found) == {("Procfile", 2)}
    assert params(found)["program"] == "node worker.js"


def test_near_miss_web_and_release_processes_of_other_stacks(tmp_path):
    files = {"Gemfile": GEMFILE, "Procfile": "web: bundle exec puma\nrelease: bundle exec rails db:migrate\n"}
    assert fired(tmp_path, files, "F08-S03") == []
    node = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS, "Procfile": "web: node server.js\n"}
    assert fired(tmp_path / "node", node, "F08-S03") == []
