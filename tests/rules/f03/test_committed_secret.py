"""F03-S01: a real-looking secret in a tracked file."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s01_fires_for_a_key_format_in_any_tracked_file(tmp_path):
    # AKIAIOSFODNN7EXAMPLE, AWS's documentation key, is a placeholder: not reported
    files = {**REQ, "deploy/notes.yaml": "aws_key: AKIAQ7WZ3XK2PL9MNB4V\ndocs_key: AKIAIOSFODNN7EXAMPLE\n"}
    found = fired(tmp_path, files, "F03-S01")
    assert lines(found) == {("deploy/notes.yaml", 1)}
    assert "AKIAQ7WZ3XK2PL9MNB4V" not in found[0].message.param_dict()["value"]


def test_s01_is_weak_in_tests_and_silent_for_placeholders(tmp_path):
    found = fired(tmp_path / "a", {**REQ, "tests/test_api.py": 'TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n'}, "F03-S01")
    assert found[0].strength.value == "weak"
    placeholders = {**REQ, "config.yaml": "password: ${DB_PASSWORD}\napi_key: changeme\n"}
    assert fired(tmp_path / "b", placeholders, "F03-S01") == []


def test_s01_leaves_a_python_setting_to_f03_s02(tmp_path):
    code = 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "s3cr3t-Kd8f7Gh2Jk4"\n'
    assert ("app.py", 3) not in lines(fired(tmp_path, {**REQ, "app.py": code}, "F03-S01"))
