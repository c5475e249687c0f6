"""Tests of F09-S19 (rules/f09/sessions_lost_on_restart.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

SINATRA = {
    "Gemfile": "source 'https://rubygems.org'\ngem 'sinatra', '4.0.0'\ngem 'puma', '6.4.2'\n",
    "Procfile": "web: bundle exec puma -p $PORT\n",
}
PACKAGE = {
    "package.json": '{"name": "api", "scripts": {"start": "node server.js"}, "dependencies": {"express-session": "1.18.0"}}\n'
}


def test_fires_on_rack_session_pool(tmp_path):
    files = {**SINATRA, "app.rb": "require 'sinatra'\nenable :sessions\nuse Rack::Session::Pool\nget('/') { 'ok' }\n"}
    found = fired(tmp_path, files, "F09-S19")
    assert lines(found) == {("app.rb", 3)}
    assert found[0].strength.value == "moderate" and found[0].polarity.value == "against"


def test_fires_on_express_session_default_store(tmp_path):
    files = {
        **PACKAGE,
        "server.js": 'const session = require("express-session");\napp.use(session({ secret: process.env.S }));\n',
    }
    assert lines(fired(tmp_path, files, "F09-S19")) == {("server.js", 2)}


def test_near_miss_cookie_sessions(tmp_path):
    files = {**SINATRA, "app.rb": "require 'sinatra'\nenable :sessions\nget('/') { 'ok' }\n"}
    assert fired(tmp_path, files, "F09-S19") == []


def test_near_miss_memory_only_when_a_variable_is_unset(tmp_path):
    files = {
        **PACKAGE,
        "server.js": """
        const session = require("express-session");
        const RedisStore = require("connect-redis").default;
        const options = { secret: process.env.S };
        if (process.env.REDIS_URL) { options.store = new RedisStore({ client }); }
        app.use(session(options));
        """,
    }
    assert fired(tmp_path, files, "F09-S19") == []


def test_near_miss_sessions_on_disk_survive_a_restart(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\nflask-session==0.8.0\n",
        "config.py": 'class Config:\n    SESSION_TYPE = "filesystem"\n',
    }
    assert fired(tmp_path, files, "F09-S19") == []
