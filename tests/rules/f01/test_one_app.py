"""F01-S02 (one app in the repository) and F01-S05 (several apps share it)."""

from __future__ import annotations

from helpers import fired

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
TWO = {"api/requirements.txt": "flask==3.0.0\n", "api/app.py": "x = 1\n",
       "worker/requirements.txt": "celery==5.3.0\n", "worker/main.py": "x = 1\n"}


def test_s02_fires_for_one_app(tmp_path):
    found = fired(tmp_path, APP, "F01-S02")
    assert found[0].message.param_dict()["manifest"] == "requirements.txt"


def test_s02_is_silent_for_two_apps_and_without_version_control(tmp_path):
    assert fired(tmp_path / "two", TWO, "F01-S02") == []
    assert fired(tmp_path / "nogit", APP, "F01-S02", git=False) == []


def test_s05_fires_for_two_apps_and_not_for_one(tmp_path):
    found = fired(tmp_path, TWO, "F01-S05")
    assert found and found[0].message.param_dict()["count"] == "2"
    assert fired(tmp_path / "one", APP, "F01-S05") == []
