"""F03-S20: required settings without a default."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s20_fires_for_a_strict_read(tmp_path):
    found = fired(tmp_path, {**REQ, "app.py": 'import os\nKEY = os.environ["SECRET_KEY"]\n'}, "F03-S20")
    assert [f.message.param_dict()["names"] for f in found] == ["SECRET_KEY"]


def test_s20_is_silent_for_a_lenient_read(tmp_path):
    assert fired(tmp_path, {**REQ, "app.py": 'import os\nKEY = os.getenv("SECRET_KEY")\n'}, "F03-S20") == []
