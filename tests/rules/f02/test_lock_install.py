"""F02-S17 (Node installs follow the lock) and F02-S26 (an install that may rewrite it)."""

from __future__ import annotations

from helpers import fired, lines

PACKAGE = {
    "package.json": """
    {
      "name": "api",
      "main": "server.js",
      "scripts": { "start": "node server.js" },
      "dependencies": { "express": "^4.19.2", "pg": "8.11.5" }
    }
    """
}
LOCK = {
    "package-lock.json": '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/express": {}, "node_modules/pg": {}}}\n'
}
SERVER = {
    "server.js": 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT || 3000);\n'
}


def test_s17_fires_for_npm_ci_in_dockerfile_and_ci(tmp_path):
    files = {
        **PACKAGE,
        **LOCK,
        **SERVER,
        "Dockerfile": 'FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
        ".github/workflows/ci.yml": """
                 on: push
                 jobs:
                   test:
                     runs-on: ubuntu-latest
                     steps:
                       - run: pnpm install --frozen-lockfile
                 """,
    }
    found = fired(tmp_path, files, "F02-S17")
    assert {(f.locations[0].path, f.locations[0].line) for f in found} == {
        ("Dockerfile", 3),
        (".github/workflows/ci.yml", 6),
    }
    assert dict(found[0].message.params)["command"] in ("npm ci --omit=dev", "pnpm install --frozen-lockfile")


def test_s17_is_silent_and_s26_fires_for_a_plain_npm_install(tmp_path):
    files = {
        **PACKAGE,
        **LOCK,
        **SERVER,
        "Dockerfile": "FROM node:20-slim\nCOPY . .\nRUN npm install\nRUN npm install -g pm2\n",
    }
    assert fired(tmp_path / "a", files, "F02-S17") == []
    loose = fired(tmp_path / "b", files, "F02-S26")
    assert lines(loose) == {("Dockerfile", 3)}  # a global tool install is another matter
    assert dict(loose[0].message.params)["frozen"] == "npm ci"


def test_s26_leaves_a_loose_install_without_lock_to_f02_s08(tmp_path):
    files = {**PACKAGE, **SERVER, "Dockerfile": "FROM node:20-slim\nCOPY . .\nRUN yarn install\n"}
    assert fired(tmp_path, files, "F02-S26") == []


def test_s26_is_silent_for_a_frozen_install(tmp_path):
    files = {
        **PACKAGE,
        **LOCK,
        **SERVER,
        "Dockerfile": "FROM node:20-slim\nCOPY . .\nRUN yarn install --frozen-lockfile\n",
    }
    assert fired(tmp_path, files, "F02-S26") == []
