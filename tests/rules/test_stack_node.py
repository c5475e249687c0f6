"""Node.js / TypeScript stack rules (rules/stack_node.py): a firing and a near-miss test per rule."""

from __future__ import annotations

from helpers import fired, lines

PACKAGE = {"package.json": """
    {
      "name": "api",
      "main": "server.js",
      "scripts": { "start": "node server.js" },
      "dependencies": { "express": "^4.19.2", "pg": "8.11.5" }
    }
    """}
LOCK = {"package-lock.json": '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/express": {}, "node_modules/pg": {}}}\n'}
SERVER = {"server.js": """
    const express = require("express");
    const app = express();
    app.listen(process.env.PORT || 3000);
    """}


# --- F02-S3 / F02-S3b ---------------------------------------------------------------------------------


def test_package_json_with_committed_lock(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **LOCK, **SERVER}, "F02-S3")
    assert len(found) == 1
    assert {("package.json", 1), ("package-lock.json", 1)} <= lines(found)
    assert dict(found[0].message.params)["lock"] == "package-lock.json"


def test_ignored_lock_is_not_committed(tmp_path):
    files = {**PACKAGE, **LOCK, **SERVER, ".gitignore": "node_modules/\npackage-lock.json\n"}
    assert fired(tmp_path / "a", files, "F02-S3") == []
    missing = fired(tmp_path / "b", files, "F02-S3b")
    assert len(missing) == 1 and dict(missing[0].message.params)["ignored"] == "package-lock.json"


def test_unreadable_bun_binary_lock_counts(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **SERVER, "bun.lockb": "\x00bun-lockfile\x00\n"}, "F02-S3")
    assert len(found) == 1 and dict(found[0].message.params)["lock"] == "bun.lockb"


def test_no_lock_with_ranges(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **SERVER}, "F02-S3b")
    assert len(found) == 1
    params = dict(found[0].message.params)
    assert params["ranges"] == "express@^4.19.2"  # pg is pinned exactly
    assert ("package.json", 1) in lines(found) and ("package.json", 5) in lines(found)


def test_lock_present_is_not_missing(tmp_path):
    assert fired(tmp_path, {**PACKAGE, **LOCK, **SERVER}, "F02-S3b") == []


# --- F02-S17 / F02-S17b -------------------------------------------------------------------------------


def test_npm_ci_in_dockerfile_and_ci(tmp_path):
    files = {**PACKAGE, **LOCK, **SERVER,
             "Dockerfile": "FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
             ".github/workflows/ci.yml": """
                 on: push
                 jobs:
                   test:
                     runs-on: ubuntu-latest
                     steps:
                       - run: pnpm install --frozen-lockfile
                 """}
    found = fired(tmp_path, files, "F02-S17")
    assert {(f.locations[0].path, f.locations[0].line) for f in found} == {("Dockerfile", 3), (".github/workflows/ci.yml", 6)}
    assert dict(found[0].message.params)["command"] in ("npm ci --omit=dev", "pnpm install --frozen-lockfile")


def test_plain_npm_install_is_not_lock_respecting(tmp_path):
    files = {**PACKAGE, **LOCK, **SERVER, "Dockerfile": "FROM node:20-slim\nCOPY . .\nRUN npm install\nRUN npm install -g pm2\n"}
    assert fired(tmp_path / "a", files, "F02-S17") == []
    loose = fired(tmp_path / "b", files, "F02-S17b")
    assert lines(loose) == {("Dockerfile", 3)}  # a global tool install is another matter
    assert dict(loose[0].message.params)["frozen"] == "npm ci"


def test_loose_install_without_lock_is_left_to_f02_s3b(tmp_path):
    files = {**PACKAGE, **SERVER, "Dockerfile": "FROM node:20-slim\nCOPY . .\nRUN yarn install\n"}
    assert fired(tmp_path, files, "F02-S17b") == []


# --- F03-S3 -------------------------------------------------------------------------------------------


def test_literal_credentials_in_code(tmp_path):
    files = {**PACKAGE, **LOCK, "server.js": """
        const jwt = require("jsonwebtoken");
        const mongoose = require("mongoose");
        mongoose.connect("mongodb://shop:Sh0pPassw0rd-2024@mongo.example.com/shop");
        const token = jwt.sign({ sub: 1 }, "shop-signing-key-2024");
        app.use(session({ secret: process.env.SESSION_SECRET }));
        """}
    found = fired(tmp_path, files, "F03-S3")
    assert lines(found) == {("server.js", 3), ("server.js", 4)}
    shown = " ".join(dict(f.message.params)["value"] for f in found)
    assert "Sh0pPassw0rd-2024" not in shown and "shop-signing-key-2024" not in shown


def test_credentials_from_environment_and_tests_do_not_count(tmp_path):
    files = {**PACKAGE, **LOCK,
             "server.js": """
                 const { Pool } = require("pg");
                 const pool = new Pool({ connectionString: process.env.DATABASE_URL, password: process.env.PGPASSWORD });
                 const url = "postgres://${DB_USER}:${DB_PASSWORD}@db/app";
                 """,
             "test/auth.test.js": """
                 const jwt = require("jsonwebtoken");
                 jwt.sign({ sub: 1 }, "test-signing-key-0001");
                 """}
    assert fired(tmp_path, files, "F03-S3") == []


