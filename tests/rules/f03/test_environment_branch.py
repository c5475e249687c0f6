"""F03-S11: code that picks resources by the environment's name."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s11_fires_when_code_picks_hosts_by_environment_name(tmp_path):
    code = (
        'import os\nif os.environ.get("ENV") == "production":\n    DB_HOST = "prod-db.internal"\nelse:\n'
        '    DB_HOST = "localhost"\n'
    )
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S11")
    assert lines(found) == {("settings.py", 2)}


def test_s11_is_silent_for_mode_switches(tmp_path):
    code = 'import os\nif os.environ.get("ENV") == "production":\n    LOG_LEVEL = "INFO"\n'
    assert fired(tmp_path, {**REQ, "settings.py": code}, "F03-S11") == []


def test_s11_fires_in_every_stack(tmp_path):
    node = {
        "package.json": '{"name": "a", "dependencies": {"mongoose": "8.0.0"}}',
        "package-lock.json": "{}",
        "index.js": "const mongoose = require('mongoose')\nif (process.env.NODE_ENV === 'production') {\n"
        "  mongoose.connect('mongodb://db.prod.example.com/app')\n} else {\n"
        "  mongoose.connect('mongodb://localhost/app')\n}\n",
    }
    go = {
        "go.mod": "module x\n\ngo 1.22\n",
        "go.sum": "",
        "main.go": 'package main\n\nimport "os"\n\nfunc main() {\n\tdsn := "postgres://localhost/app"\n'
        '\tif os.Getenv("APP_ENV") == "production" {\n\t\tdsn = "postgres://db.prod.internal/app"\n\t}\n\t_ = dsn\n}\n',
    }
    ruby = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'redis'\n",
        "Gemfile.lock": "GEM\n",
        "app.rb": "require 'redis'\nif ENV['RACK_ENV'] == 'production'\n"
        "  $redis = Redis.new(url: 'redis://cache.prod.internal:6379')\nelse\n  $redis = Redis.new\nend\n",
    }
    for name, files in (("node", node), ("go", go), ("ruby", ruby)):
        assert len(fired(tmp_path / name, files, "F03-S11")) == 1, name


def test_s11_near_miss_node_branches_that_switch_behaviour(tmp_path):
    files = {
        "package.json": '{"name": "a", "dependencies": {"express": "4.18.2"}}',
        "package-lock.json": "{}",
        "index.js": "const express = require('express')\nconst app = express()\n"
        "if (process.env.NODE_ENV !== 'production') {\n  require('dotenv').config()\n}\n"
        "if (process.env.NODE_ENV === 'production') {\n  app.use(express.static('client/build'))\n}\n",
    }
    assert fired(tmp_path, files, "F03-S11") == []
