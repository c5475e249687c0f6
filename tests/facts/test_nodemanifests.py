"""Facts from package.json and Node lock files (facts/nodemanifests.py)."""

from __future__ import annotations

import json

import pytest

from helpers import extract_text
from twelve.facts.model import Value

MODULE = "twelve.facts.nodemanifests"

PACKAGE_JSON = """
{
  "name": "notes-api",
  "main": "server.js",
  "type": "module",
  "packageManager": "npm@10.5.0",
  "scripts": {
    "start": "node server.js",
    "dev": "nodemon server.js"
  },
  "engines": { "node": ">=20" },
  "dependencies": {
    "express": "4.19.2",
    "pg": "^8.11.5",
    "@nestjs/core": "~10.3.0",
    "shared": "file:../shared",
    "fork": "github:acme/fork#0123456789abcdef0123456789abcdef01234567"
  },
  "devDependencies": {
    "jest": "29.7.0"
  },
  "peerDependencies": {
    "react": ">=18"
  }
}
"""


def V(plain: dict) -> Value:
    """The Value a test expects, written in its plain form."""
    return Value.from_plain(plain)


def by_kind(found, kind):
    return [f for f in found if f.kind == kind]


def test_package_json_manifest_dependencies_and_scripts():
    found = extract_text(MODULE, "package.json", PACKAGE_JSON)
    manifest = by_kind(found, "dep.manifest")[0]
    assert manifest.line == 1
    assert manifest.data.ecosystem == "node" and manifest.data.kind == "package.json"
    assert manifest.data.count == 6  # peers are the host's, not installed by the app
    assert manifest.data.scripts == {"start": "node server.js", "dev": "nodemon server.js"}
    assert (manifest.data.main, manifest.data.module_type, manifest.data.package_manager) == (
        "server.js",
        "module",
        "npm@10.5.0",
    )
    assert manifest.data.engines == {"node": ">=20"}
    declared = {f.get("name"): f for f in by_kind(found, "dep.declared")}
    assert (declared["express"].line, declared["express"].get("pinned"), declared["express"].get("group")) == (
        12,
        True,
        "main",
    )
    assert (declared["pg"].line, declared["pg"].get("pinned"), declared["pg"].get("spec")) == (13, False, "^8.11.5")
    assert declared["@nestjs/core"].get("display") == "@nestjs/core" and not declared["@nestjs/core"].get("pinned")
    assert declared["shared"].get("editable") is True and declared["shared"].get("url") == "file:../shared"
    assert declared["fork"].get("pinned") is True  # a git dependency fixed to a commit
    assert (declared["jest"].line, declared["jest"].get("group")) == (19, "dev")
    assert declared["react"].get("group") == "peer"
    scripts = {f.get("name"): f.line for f in by_kind(found, "node.script")}
    assert scripts == {"start": 7, "dev": 8}


def test_same_name_in_two_sections_gets_each_its_own_line():
    found = extract_text(
        MODULE,
        "package.json",
        """
        {
          "devDependencies": { "typescript": "5.4.5" },
          "dependencies": { "typescript": "^5.4.0" }
        }
    """,
    )
    lines = {(f.get("group"), f.line) for f in by_kind(found, "dep.declared")}
    assert lines == {("dev", 2), ("main", 3)}


def test_package_json_that_is_not_json_is_a_parse_error():
    with pytest.raises(ValueError):
        extract_text(MODULE, "package.json", '{"name": "x",')
    with pytest.raises(ValueError):
        extract_text(MODULE, "package.json", "[1, 2]")


def test_npm_lock_v3_and_v1():
    v3 = {
        "name": "x",
        "lockfileVersion": 3,
        "packages": {"": {}, "node_modules/express": {}, "node_modules/a/node_modules/@scope/b": {}},
    }
    lock = extract_text(MODULE, "package-lock.json", json.dumps(v3))[0]
    assert lock.kind == "dep.lock" and lock.line == 1
    assert (lock.get("kind"), lock.get("packages"), lock.get("count"), lock.get("lockfile_version")) == (
        "npm",
        ["@scope/b", "express"],
        2,
        3,
    )
    v1 = {
        "lockfileVersion": 1,
        "dependencies": {"pg": {"version": "8.0.0", "dependencies": {"pg-pool": {"version": "3"}}}},
    }
    lock = extract_text(MODULE, "npm-shrinkwrap.json", json.dumps(v1))[0]
    assert (lock.get("kind"), lock.get("packages")) == ("npm-shrinkwrap", ["pg", "pg-pool"])


def test_yarn_classic_and_berry_locks():
    classic = extract_text(
        MODULE,
        "yarn.lock",
        """
        # yarn lockfile v1


        "@babel/core@^7.0.0", "@babel/core@^7.1.0":
          version "7.22.5"

        express@^4.19.2:
          version "4.19.2"
    """,
    )[0]
    assert (classic.get("kind"), classic.get("packages"), classic.get("berry")) == (
        "yarn",
        ["@babel/core", "express"],
        False,
    )
    berry = extract_text(
        MODULE,
        "yarn.lock",
        """
        __metadata:
          version: 8

        "lodash@npm:^4.17.21":
          version: 4.17.21
    """,
    )[0]
    assert (berry.get("packages"), berry.get("berry")) == (["lodash"], True)


def test_pnpm_lock_versions_5_to_9():
    lock = extract_text(
        MODULE,
        "pnpm-lock.yaml",
        """
        lockfileVersion: '9.0'

        importers:
          .:
            dependencies:
              express:
                specifier: ^4.19.2

        packages:
          '@babel/core@7.22.5':
            resolution: {integrity: sha512-x}
          express@4.19.2:
            resolution: {integrity: sha512-y}
          /legacy/1.0.0:
            resolution: {integrity: sha512-z}
          /react-dom@18.2.0(react@18.2.0):
            resolution: {integrity: sha512-w}
    """,
    )[0]
    assert (lock.get("kind"), lock.get("lockfile_version")) == ("pnpm", "9.0")
    assert lock.get("packages") == ["@babel/core", "express", "legacy", "react-dom"]


def test_bun_text_lock():
    lock = extract_text(
        MODULE,
        "bun.lock",
        """
        {
          "lockfileVersion": 1,
          "workspaces": {
            "": { "name": "x" },
          },
          "packages": {
            "@types/node": ["@types/node@20.0.0", "", {}, "sha512-x"],
            "express": ["express@4.19.2", "", {}, "sha512-y"],
          }
        }
    """,
    )[0]
    assert (lock.get("kind"), lock.get("packages")) == ("bun", ["@types/node", "express"])


def test_pm2_files_are_left_to_the_javascript_extractor():
    assert extract_text(MODULE, "ecosystem.config.js", "module.exports = { apps: [] };") == []


def test_prisma_datasource_locator():
    found = extract_text(
        MODULE,
        "prisma/schema.prisma",
        """
        generator client {
          provider = "prisma-client-js"
        }

        datasource db {
          provider  = "postgresql"
          url       = env("DATABASE_URL") // pooled
          directUrl = "postgresql://admin:Adm1nPassw0rd@db.example.com/app"
        }
    """,
        kind="prisma_schema",
    )
    client = by_kind(found, "client")[0]
    assert (client.line, client.get("service"), client.get("lang")) == (5, "postgresql", "prisma")
    url, direct = client.get("args")
    assert (url["key"], url["source"], url["env_name"]) == ("url", "env", "DATABASE_URL")
    assert direct["source"] == "literal" and "Adm1nPassw0rd" not in direct["value"]
    read = by_kind(found, "env.read")[0]
    assert (read.line, read.get("name"), read.get("api")) == (7, "DATABASE_URL", "prisma env()")
