"""F09-S14: requests allowed to run for minutes."""

from __future__ import annotations

from f09_data import REQS, params

from helpers import fired, lines


def test_s14_fires_for_long_gunicorn_timeouts(tmp_path):
    found = fired(tmp_path / "a", {**REQS, "Procfile": "web: gunicorn --timeout 300 app:app\n"}, "F09-S14")
    assert params(found, "timeout") == ["300"] and params(found, "setting") == ["--timeout"]
    conf = {**REQS, "Procfile": "web: gunicorn app:app\n", "gunicorn.conf.py": "timeout = 600\n"}
    found = fired(tmp_path / "b", conf, "F09-S14")
    assert lines(found) == {("gunicorn.conf.py", 1)} and params(found, "setting") == ["timeout"]


def test_s14_near_miss_a_short_timeout(tmp_path):
    assert fired(tmp_path, {**REQS, "Procfile": "web: gunicorn --timeout 30 app:app\n"}, "F09-S14") == []
