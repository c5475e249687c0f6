"""F03-S12: a `.env` with values in the repository."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s12_fires_for_a_committed_env_file(tmp_path):
    found = fired(tmp_path, {**REQ, ".env": "DEBUG=1\nSECRET_KEY=Kd8f7Gh2Jk4LmNqR\n"}, "F03-S12")
    assert found[0].strength.value == "strong"
    assert found[0].message.param_dict()["state"] == "tracked"


def test_s12_is_silent_for_examples_and_ignored_files(tmp_path):
    assert fired(tmp_path / "a", {**REQ, ".env.example": "SECRET_KEY=\nDEBUG=changeme\n"}, "F03-S12") == []
    files = {**REQ, ".env": "SECRET_KEY=Kd8f7Gh2Jk4LmNqR\n", ".gitignore": ".env\n"}
    assert fired(tmp_path / "b", files, "F03-S12") == []
