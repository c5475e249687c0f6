"""F02-S11: the host's Python packages leak into the app."""

from __future__ import annotations

from helpers import fired, lines


def test_s11_fires_for_system_site_packages(tmp_path):
    docker = "FROM python:3.12\nRUN python -m venv --system-site-packages /venv\n"
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S11")
    assert lines(found) == {("Dockerfile", 2)}
    code = "import sys\nsys.path.append('/usr/lib/python3/dist-packages')\n"
    assert fired(tmp_path / "b", {"requirements.txt": "flask==3.0.0\n", "app.py": code}, "F02-S11")


def test_s11_fires_for_a_pythonpath_on_site_packages(tmp_path):
    docker = "FROM python:3.12\nENV PYTHONPATH=/usr/local/lib/python3.12/site-packages\n"
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S11")
    assert [f.message.param_dict()["how"] for f in found] == ["PYTHONPATH"]


def test_s11_is_silent_for_a_plain_venv(tmp_path):
    docker = "FROM python:3.12\nRUN python -m venv /venv\nENV PYTHONPATH=/app\n"
    assert fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S11") == []
