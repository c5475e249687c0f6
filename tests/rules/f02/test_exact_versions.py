"""F02-S02 (versions resolved exactly) and F02-S08 (not locked: Python, Node.js, Go, Ruby)."""

from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "import flask\napp = flask.Flask(__name__)\n"
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
NODE_LOCK = {
    "package-lock.json": '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/express": {}, "node_modules/pg": {}}}\n'
}
SERVER = {
    "server.js": 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT || 3000);\n'
}
GO_MOD = {"go.mod": "module github.com/acme/api\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.5\n"}
GO_SUM = {"go.sum": "github.com/jackc/pgx/v5 v5.5.5 h1:amBjrZVmksIdNjxGu/UpCDBp8Y/nxNSCb6xl5lcr7zE=\n"}
MAIN_GO = {"main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n'}
GEMFILE = {"Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\ngem "puma", ">= 6.4"\n'}
GEMFILE_LOCK = {
    "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    puma (6.4.2)\n    rails (7.1.3)\n\n"
    "DEPENDENCIES\n  puma (>= 6.4)\n  rails (~> 7.1.3)\n"
}
RAILS = {"config.ru": 'require_relative "config/environment"\nrun Rails.application\n'}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


def test_s02_fires_for_full_pins_and_for_a_lock(tmp_path):
    found = fired(
        tmp_path / "a", {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "app.py": FLASK_APP}, "F02-S02"
    )
    assert found and found[0].message.param_dict()["count"] == "2"
    lock = '[[package]]\nname = "flask"\nversion = "3.0.0"\n'
    pyproject = '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask>=3"]\n'
    found = fired(tmp_path / "b", {"pyproject.toml": pyproject, "uv.lock": lock, "app.py": FLASK_APP}, "F02-S02")
    assert found and found[0].message.param_dict()["how"] == "uv.lock"


def test_s02_is_silent_with_open_ranges(tmp_path):
    assert fired(tmp_path, {"requirements.txt": "flask>=3\ngunicorn==22.0.0\n", "app.py": FLASK_APP}, "F02-S02") == []


def test_s08_names_unpinned_packages(tmp_path):
    found = fired(
        tmp_path, {"requirements.txt": "flask\ngunicorn>=20\nrequests==2.31.0\n", "app.py": FLASK_APP}, "F02-S08"
    )
    assert found[0].message.param_dict()["names"] == "flask, gunicorn"
    assert found[0].message.key == "F02-S08.message"
    assert ("requirements.txt", 1) in lines(found)


def test_s08_fires_when_the_lock_is_gitignored(tmp_path):
    files = {
        "pyproject.toml": '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask>=3"]\n',
        "poetry.lock": '[[package]]\nname = "flask"\nversion = "3.0.0"\n',
        ".gitignore": "poetry.lock\n",
        "app.py": FLASK_APP,
    }
    # the ignored lock is never read: what remains is an open range, and the message says why
    found = fired(tmp_path, files, "F02-S08")
    assert found[0].message.param_dict()["names"] == "flask (poetry.lock in .gitignore)"


def test_s08_is_silent_with_hashes_and_pins(tmp_path):
    req = "flask==3.0.0 \\\n    --hash=sha256:abc\n"
    assert fired(tmp_path, {"requirements.txt": req, "app.py": FLASK_APP}, "F02-S08") == []


def test_s08_node_fires_without_a_lock_and_names_the_ranges(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **SERVER}, "F02-S08")
    assert len(found) == 1 and found[0].message.key == "F02-S08.message_node"
    assert _params(found, "ranges") == ["express@^4.19.2"]  # pg is pinned exactly
    assert ("package.json", 1) in lines(found) and ("package.json", 5) in lines(found)


def test_s08_node_reports_an_ignored_lock_and_is_silent_with_a_lock(tmp_path):
    files = {**PACKAGE, **NODE_LOCK, **SERVER, ".gitignore": "node_modules/\npackage-lock.json\n"}
    missing = fired(tmp_path / "a", files, "F02-S08")
    assert len(missing) == 1 and _params(missing, "ignored") == ["package-lock.json"]
    assert fired(tmp_path / "b", {**PACKAGE, **NODE_LOCK, **SERVER}, "F02-S08") == []


def test_s08_go_fires_without_go_sum_and_is_silent_with_it(tmp_path):
    found = fired(tmp_path / "a", {**GO_MOD, **MAIN_GO}, "F02-S08")
    assert lines(found) == {("go.mod", 1)} and _params(found, "lock") == ["go.sum"]
    assert found[0].message.key == "F02-S08.message_go"
    assert fired(tmp_path / "b", {**GO_MOD, **GO_SUM, **MAIN_GO}, "F02-S08") == []
    no_requirements = {"go.mod": "module example.com/tool\n\ngo 1.22\n", **MAIN_GO}
    assert fired(tmp_path / "c", no_requirements, "F02-S08") == []


def test_s08_go_reports_an_ignored_go_sum(tmp_path):
    found = fired(tmp_path, {**GO_MOD, **GO_SUM, **MAIN_GO, ".gitignore": "go.sum\n"}, "F02-S08")
    assert len(found) == 1 and found[0].message.key == "F02-S08.message_go_ignored"


def test_s08_ruby_fires_without_lock_and_is_silent_with_it(tmp_path):
    found = fired(tmp_path / "a", {**GEMFILE, **RAILS}, "F02-S08")
    assert lines(found) == {("Gemfile", 1)} and _params(found, "lock") == ["Gemfile.lock"]
    assert found[0].message.key == "F02-S08.message_ruby"
    assert fired(tmp_path / "b", {**GEMFILE, **GEMFILE_LOCK, **RAILS}, "F02-S08") == []
    ignored = fired(tmp_path / "c", {**GEMFILE, **GEMFILE_LOCK, **RAILS, ".gitignore": "Gemfile.lock\n"}, "F02-S08")
    assert ignored[0].message.key == "F02-S08.message_ruby_ignored"


JAVA_MAIN = {
    "src/main/java/com/x/Main.java": "package com.x;\npublic class Main { public static void main(String[] a) {} }\n"
}


def test_s08_jvm_fires_for_dynamic_versions_without_a_gradle_lock(tmp_path):
    gradle = (
        "plugins { id 'java' }\ndependencies {\n    implementation 'com.google.guava:guava:33.+'\n"
        "    implementation 'org.slf4j:slf4j-api:2.0.9'\n    testImplementation 'junit:junit:4.+'\n}\n"
    )
    found = fired(tmp_path / "a", {"build.gradle": gradle, **JAVA_MAIN}, "F02-S08")
    assert lines(found) == {("build.gradle", 3)} and found[0].message.key == "F02-S08.message_jvm"
    locked = {
        "build.gradle": gradle,
        "gradle.lockfile": "com.google.guava:guava:33.0.0-jre=compileClasspath\n",
        **JAVA_MAIN,
    }
    assert fired(tmp_path / "b", locked, "F02-S08") == []


def test_s08_jvm_near_miss_managed_exact_and_property_versions(tmp_path):
    pom = (
        "<project><artifactId>api</artifactId><properties><lib.version>1.2.3</lib.version></properties><dependencies>"
        "<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>"
        "<dependency><groupId>com.acme</groupId><artifactId>lib</artifactId><version>${lib.version}</version></dependency>"
        "<dependency><groupId>com.acme</groupId><artifactId>other</artifactId><version>${from.parent}</version></dependency>"
        "<dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>[4.0,5.0)</version>"
        "<scope>test</scope></dependency></dependencies></project>\n"
    )
    assert fired(tmp_path, {"pom.xml": pom, **JAVA_MAIN}, "F02-S08") == []
