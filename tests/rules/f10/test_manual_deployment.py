"""F10-S10: deploys documented as a manual procedure."""

from __future__ import annotations

from f10_data import BASE, README

from helpers import fired, lines


def test_s10_fires_for_a_documented_manual_deploy(tmp_path):
    found = fired(tmp_path, {**BASE, "README.md": README}, "F10-S10")
    assert {("README.md", 6), ("README.md", 7), ("README.md", 8)} <= lines(found)
    assert found[0].message.param_dict()["section"] == "Deploy to production"


def test_s10_is_silent_for_local_setup_instructions(tmp_path):
    local = README.replace("Deploy to production", "Running locally")
    assert fired(tmp_path, {**BASE, "README.md": local}, "F10-S10") == []
