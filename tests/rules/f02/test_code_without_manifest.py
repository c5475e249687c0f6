"""F02-AP01: source code with no manifest of its ecosystem (Python, Java/Kotlin, Ruby, Go)."""

from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "import flask\napp = flask.Flask(__name__)\n"
MAIN_GO = {"main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n'}


def test_ap01_fires_for_code_without_manifest(tmp_path):
    found = fired(tmp_path, {"app.py": FLASK_APP, "util.py": "x = 1\n"}, "F02-AP01")
    assert found and found[0].message.param_dict()["files"] == "2"


def test_ap01_ignores_test_code_and_manifested_apps(tmp_path):
    assert fired(tmp_path / "a", {"tests/test_x.py": "def test(): pass\n", "README.md": "# x\n"}, "F02-AP01") == []
    assert fired(tmp_path / "b", {"app.py": FLASK_APP, "requirements.txt": "flask==3.0.0\n"}, "F02-AP01") == []


def test_ap01_fires_for_java_without_a_build_file_but_not_for_a_lone_ruby_script(tmp_path):
    java = {"src/main/java/acme/App.java": "package acme;\npublic class App {}\n"}
    found = fired(tmp_path / "j", java, "F02-AP01")
    assert [f.message.param_dict()["language"] for f in found] == ["Java"]
    assert (
        fired(
            tmp_path / "j2", {**java, "pom.xml": "<project><modelVersion>4.0.0</modelVersion></project>\n"}, "F02-AP01"
        )
        == []
    )
    assert (
        fired(
            tmp_path / "r",
            {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "tools/x.rb": "puts 1\n"},
            "F02-AP01",
        )
        == []
    )


def test_ap01_go_fires_for_go_code_without_a_module(tmp_path):
    found = fired(tmp_path, {**MAIN_GO, "Dockerfile": 'FROM golang:1.22\nCMD ["/app"]\n'}, "F02-AP01")
    assert lines(found) == {("main.go", None)} and found[0].message.key == "F02-AP01.message_go"
    assert found[0].message.param_dict()["files"] == "1"


def test_ap01_go_is_silent_with_a_go_mod(tmp_path):
    assert fired(tmp_path, {"go.mod": "module example.com/tool\n\ngo 1.22\n", **MAIN_GO}, "F02-AP01") == []
