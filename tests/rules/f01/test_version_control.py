"""F01-S01 (tracked in version control) and F01-AP01 (a repository without commits)."""

from __future__ import annotations

from helpers import fired

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def test_s01_fires_on_a_committed_repository(tmp_path):
    found = fired(tmp_path, APP, "F01-S01")
    assert len(found) == 1
    assert found[0].message.param_dict()["commits"] == "1"
    assert found[0].message.param_dict()["vcs"] == "Git"
    assert found[0].locations[0].path == ".git"


def test_s01_is_silent_without_version_control(tmp_path):
    assert fired(tmp_path, APP, "F01-S01", git=False) == []


def test_ap01_fires_on_a_repository_without_commits(tmp_path):
    found = fired(tmp_path, APP, "F01-AP01", commits=0)
    assert len(found) == 1 and found[0].locations[0].path == ".git"


def test_ap01_is_silent_once_something_is_committed(tmp_path):
    assert fired(tmp_path, APP, "F01-AP01") == []
