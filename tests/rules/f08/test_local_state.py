"""Tests of F08-S10 (rules/f08/local_state.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

PACKAGE = {
    "package.json": '{"name": "api", "scripts": {"start": "node server.js"}, '
    '"dependencies": {"express": "4.19.2", "express-session": "1.18.0", "multer": "1.4.5"}}\n',
    "Dockerfile": 'FROM node:20-slim\nCOPY . .\nCMD ["node", "server.js"]\n',
}
SINATRA = {
    "Gemfile": "source 'https://rubygems.org'\ngem 'sinatra', '4.0.0'\ngem 'puma', '6.4.2'\n",
    "Procfile": "web: bundle exec puma -p $PORT\n",
}


def test_fires_on_sessions_in_memory(tmp_path):
    files = {**SINATRA, "app.rb": "require 'sinatra'\nenable :sessions\nuse Rack::Session::Pool\nget('/') { 'ok' }\n"}
    found = fired(tmp_path, files, "F08-S10")
    assert lines(found) == {("app.rb", 3)}
    assert found[0].strength.value == "strong" and found[0].message.key == "F08-S10.message_sessions"


def test_fires_on_uploads_on_the_local_disk(tmp_path):
    files = {
        **PACKAGE,
        "server.js": """
        const express = require("express");
        const multer = require("multer");
        const upload = multer({ storage: multer.diskStorage({ destination: "./uploads" }) });
        const app = express();
        app.post("/photos", upload.single("photo"), (req, res) => res.sendStatus(201));
        app.listen(process.env.PORT);
        """,
    }
    found = fired(tmp_path, files, "F08-S10")
    assert [f.message.key for f in found] == ["F08-S10.message_uploads"]


def test_near_miss_sessions_in_a_signed_cookie(tmp_path):
    files = {**SINATRA, "app.rb": "require 'sinatra'\nenable :sessions\nget('/') { 'ok' }\n"}
    assert fired(tmp_path, files, "F08-S10") == []


def test_near_miss_memory_store_only_while_a_variable_is_unset(tmp_path):
    files = {
        **PACKAGE,
        "server.js": """
        const express = require("express");
        const session = require("express-session");
        const RedisStore = require("connect-redis").default;
        const opts = { secret: process.env.SECRET };
        if (process.env.REDIS_URL) {
          opts.store = new RedisStore({ client: redis });
        }
        const app = express();
        app.use(session(opts));
        app.listen(process.env.PORT);
        """,
    }
    assert fired(tmp_path, files, "F08-S10") == []
