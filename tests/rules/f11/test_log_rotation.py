"""F11-S06: the app manages its own log files."""

from __future__ import annotations

from f11_data import LOGGING_DICT, REQS, params

from helpers import fired, lines


def test_s06_fires_for_rotation_in_code_and_in_a_logging_dict(tmp_path):
    files = {
        **REQS,
        "app.py": "from logging.handlers import RotatingFileHandler\nh = RotatingFileHandler('a.log', maxBytes=10, backupCount=3)\n",
        "settings.py": LOGGING_DICT.format(cls="logging.FileHandler", extra=', "backupCount": 5'),
    }
    found = fired(tmp_path, files, "F11-S06")
    assert {("app.py", 2), ("settings.py", 4)} <= lines(found)


def test_s06_fires_for_a_log_directory_declared_as_volume(tmp_path):
    files = {
        **REQS,
        "Dockerfile": """
        FROM python:3.12-slim
        RUN mkdir -p /var/log/app
        VOLUME ["/var/log/app"]
        CMD ["gunicorn", "app:app"]
        """,
    }
    found = fired(tmp_path, files, "F11-S06")
    assert lines(found) == {("Dockerfile", 2), ("Dockerfile", 3)}
    assert params(found, "what") == ["VOLUME /var/log/app"]


def test_s06_near_miss_a_plain_file_handler_and_a_data_volume(tmp_path):
    files = {
        **REQS,
        "app.py": "import logging\nh = logging.FileHandler('a.log')\n",
        "Dockerfile": 'FROM python:3.12-slim\nVOLUME ["/data"]\nCMD ["gunicorn", "app:app"]\n',
    }
    assert fired(tmp_path, files, "F11-S06") == []
