"""F03-S09: a per-deploy switch or URL fixed in the code."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s09_fires_for_debug_on_and_non_local_url_defaults(tmp_path):
    code = 'import os\nDEBUG = True\nAPI_URL = os.getenv("API_URL", "https://api.internal.example.com/v1")\n'
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S09")
    assert lines(found) == {("settings.py", 2), ("settings.py", 3)}
    assert {f.strength.value for f in found} == {"moderate"}


def test_s09_is_weak_for_localhost_defaults_and_silent_for_env_debug(tmp_path):
    code = (
        'import os\nDEBUG = os.getenv("DEBUG") == "1"\nREDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")\n'
    )
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S09")
    assert [(f.strength.value, f.locations[0].line) for f in found] == [("weak", 3)]
