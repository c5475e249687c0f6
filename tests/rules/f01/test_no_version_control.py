"""F01-NE: no version-control metadata at all."""

from __future__ import annotations

from helpers import fired

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def test_ne_fires_without_version_control(tmp_path):
    found = fired(tmp_path, APP, "F01-NE", git=False)
    assert [f.effect.value for f in found] == ["inconclusive"]


def test_ne_is_silent_in_a_repository(tmp_path):
    assert fired(tmp_path, APP, "F01-NE") == []
