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


def test_s09_is_silent_for_the_default_of_the_projects_own_docs_url(tmp_path):
    """Issue 12 item 6: the tool's docs or homepage is one constant address, not a deploy value."""
    code = (
        "import os\n"
        'DOCS_URL = os.getenv("DOCS_URL", "https://docs.acme.dev/mytool")\n'
        'API_URL = os.getenv("API_URL", "https://backend.internal.example")\n'
    )
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": code}, "F03-S09")
    assert [f.message.param_dict()["setting"] for f in found] == ["API_URL"]
