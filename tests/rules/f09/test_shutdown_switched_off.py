"""F09-S16: Spring Boot's graceful shutdown switched off."""

from __future__ import annotations

from f09_data import RES

from helpers import fired, lines


def test_s16_fires_for_an_immediate_shutdown(tmp_path):
    found = fired(tmp_path, {f"{RES}/application.yml": "server:\n  shutdown: immediate\n"}, "F09-S16")
    assert lines(found) == {(f"{RES}/application.yml", 2)}


def test_s16_near_miss_only_in_a_dev_profile(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/application-local.yml": "server:\n  shutdown: immediate\n",
            f"{RES}/application.yml": "server:\n  shutdown: graceful\n",
        },
        "F09-S16",
    )
    assert found == []
