"""F11-S09: Python output buffered in a container."""

from __future__ import annotations

from f11_data import REQS

from helpers import fired, lines


def test_s09_is_moderate_for_a_python_script_and_weak_for_gunicorn(tmp_path):
    script = {**REQS, "app.py": "print('hi')\n", "Dockerfile": 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n'}
    found = fired(tmp_path / "a", script, "F11-S09")
    assert [(f.strength.value, f.message.param_dict()["program"]) for f in found] == [("moderate", "python")]
    assert lines(found) == {("Dockerfile", 2)}
    server = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n'}
    assert [f.strength.value for f in fired(tmp_path / "b", server, "F11-S09")] == ["weak"]


def test_s09_near_miss_pythonunbuffered_or_python_u(tmp_path):
    env = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD ["python", "app.py"]\n'}
    assert fired(tmp_path / "a", env, "F11-S09") == []
    flag = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nCMD ["python", "-u", "app.py"]\n'}
    assert fired(tmp_path / "b", flag, "F11-S09") == []
