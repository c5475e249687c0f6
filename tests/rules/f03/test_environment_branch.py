"""F03-S11: code that picks resources by the environment's name."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s11_fires_when_code_picks_hosts_by_environment_name(tmp_path):
    code = ('import os\nif os.environ.get("ENV") == "production":\n    DB_HOST = "prod-db.internal"\nelse:\n'
            '    DB_HOST = "localhost"\n')
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S11")
    assert lines(found) == {("settings.py", 2)}


def test_s11_is_silent_for_mode_switches(tmp_path):
    code = 'import os\nif os.environ.get("ENV") == "production":\n    LOG_LEVEL = "INFO"\n'
    assert fired(tmp_path, {**REQ, "settings.py": code}, "F03-S11") == []
