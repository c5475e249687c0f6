"""F02-S01: dependencies declared in the ecosystem's manifest (Python, Node.js, Go, JVM, Ruby)."""

from __future__ import annotations

from helpers import findings_of, fired, lines, make_repo

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
GEMFILE = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\ngem "pg", "~> 1.5"\ngem "puma", ">= 6.4"\n'
    'gem "sidekiq", "~> 7.2"\n'
}
GEMFILE_LOCK = {
    "Gemfile.lock": """
    GEM
      remote: https://rubygems.org/
      specs:
        pg (1.5.6)
        puma (6.4.2)
        rails (7.1.3)
        sidekiq (7.2.2)

    PLATFORMS
      ruby

    DEPENDENCIES
      pg (~> 1.5)
      puma (>= 6.4)
      rails (~> 7.1.3)
      sidekiq (~> 7.2)
    """
}
RAILS = {"config.ru": 'require_relative "config/environment"\nrun Rails.application\n'}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


def test_s01_fires_with_a_requirements_file(tmp_path):
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP}, "F02-S01")
    assert [f.message.key for f in found] == ["F02-S01.message"]
    assert _params(found, "manifests") == ["requirements.txt"]


def test_s01_fires_with_pyproject_and_is_silent_without_manifest(tmp_path):
    pyproject = '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask>=3"]\n'
    assert fired(tmp_path / "a", {"pyproject.toml": pyproject, "app.py": FLASK_APP}, "F02-S01")
    assert fired(tmp_path / "b", {"app.py": FLASK_APP}, "F02-S01") == []


def test_s01_node_fires_for_package_json_with_a_committed_lock(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **NODE_LOCK, **SERVER}, "F02-S01")
    assert len(found) == 1 and found[0].message.key == "F02-S01.message_node"
    assert {("package.json", 1), ("package-lock.json", 1)} <= lines(found)
    assert _params(found, "lock") == ["package-lock.json"]


def test_s01_node_counts_an_unreadable_bun_lock(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **SERVER, "bun.lockb": "\x00bun-lockfile\x00\n"}, "F02-S01")
    assert len(found) == 1 and _params(found, "lock") == ["bun.lockb"]


def test_s01_node_unread_locks_go_to_the_app_that_owns_them(tmp_path):
    """A lock left unread counts for the app root it sits in, never for a sibling app; one outside
    every app root counts for each app."""
    bun = "\x00bun-lockfile\x00\n"
    files = {
        **{f"{app}/{name}": text for app in ("api", "web", "jobs") for name, text in {**PACKAGE, **SERVER}.items()},
        "api/bun.lockb": bun,
        "jobs/yarn.lock": "# yarn lockfile v1\n",
    }
    repo = make_repo(tmp_path / "apps", files)
    by_app = {app: findings_of(repo, "F02-S01", index) for index, app in enumerate(("api", "jobs", "web"))}
    assert [_params(by_app[app], "lock") for app in ("api", "jobs", "web")] == [
        ["api/bun.lockb"],
        ["jobs/yarn.lock"],
        [],
    ]
    shared = make_repo(tmp_path / "shared", {**files, "tools/bun.lockb": bun})
    assert [_params(findings_of(shared, "F02-S01", index), "lock") for index in range(3)] == [
        ["api/bun.lockb, tools/bun.lockb"],
        ["jobs/yarn.lock, tools/bun.lockb"],
        ["tools/bun.lockb"],
    ]


def test_s01_node_is_silent_when_the_lock_is_ignored(tmp_path):
    files = {**PACKAGE, **NODE_LOCK, **SERVER, ".gitignore": "node_modules/\npackage-lock.json\n"}
    assert fired(tmp_path, files, "F02-S01") == []


def test_s01_go_fires_for_go_mod_with_committed_go_sum(tmp_path):
    found = fired(tmp_path, {**GO_MOD, **GO_SUM, **MAIN_GO}, "F02-S01")
    assert lines(found) == {("go.mod", 1), ("go.sum", 1)} and found[0].message.key == "F02-S01.message_go"
    assert _params(found, "lock") == ["go.sum"] and _params(found, "count") == ["1"]


def test_s01_go_names_a_vendored_module_tree_or_a_missing_go_sum(tmp_path):
    vendored = fired(
        tmp_path / "a",
        {**GO_MOD, **GO_SUM, **MAIN_GO, "vendor/modules.txt": "# github.com/jackc/pgx/v5 v5.5.5\n"},
        "F02-S01",
    )
    assert vendored[0].message.key == "F02-S01.message_go_vendored" and _params(vendored, "vendor") == ["vendor"]
    unlocked = fired(tmp_path / "b", {**GO_MOD, **MAIN_GO}, "F02-S01")
    assert unlocked[0].message.key == "F02-S01.message_go_nolock"


def test_s01_java_fires_for_the_build_its_wrapper_and_its_lock(tmp_path):
    found = fired(
        tmp_path,
        {
            "build.gradle": "plugins { id 'java' }\ndependencyLocking { lockAllConfigurations() }\n",
            "gradlew": '#!/bin/sh\nexec java -jar gradle/wrapper/gradle-wrapper.jar "$@"\n',
            "gradle.lockfile": "org.a:b:1.0=runtimeClasspath\n",
        },
        "F02-S01",
    )
    assert sorted(f.strength.value for f in found) == ["moderate", "strong", "weak"]
    assert {f.message.key for f in found} == {
        "F02-S01.message_java",
        "F02-S01.message_java_wrapper",
        "F02-S01.message_java_lock",
    }
    assert ("build.gradle", 1) in lines(found) and ("gradlew", None) in lines(found)
    assert ("gradle.lockfile", 1) in lines(found) and ("build.gradle", 2) in lines(found)


def test_s01_java_is_silent_without_a_build_file(tmp_path):
    assert (
        fired(tmp_path, {"src/main/java/com/acme/App.java": "class App {}\n", "mvnw": "#!/bin/sh\n"}, "F02-S01") == []
    )


def test_s01_ruby_fires_for_gemfile_and_lock(tmp_path):
    found = fired(tmp_path, {**GEMFILE, **GEMFILE_LOCK, **RAILS}, "F02-S01")
    assert lines(found) == {("Gemfile", 1), ("Gemfile.lock", 1)} and _params(found, "count") == ["4"]
    assert found[0].message.key == "F02-S01.message_ruby"
    unlocked = fired(tmp_path / "b", {**GEMFILE, **RAILS}, "F02-S01")
    assert unlocked[0].message.key == "F02-S01.message_ruby_nolock"
