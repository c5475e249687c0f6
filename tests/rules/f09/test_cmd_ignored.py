"""F09-S17: an image's CMD that its ENTRYPOINT script never runs."""

from __future__ import annotations

from f09_data import ENTRYPOINT_EXEC_ARGS, ENTRYPOINT_NO_ARGS

from helpers import fired, lines


def test_s17_fires_when_the_entrypoint_never_runs_its_arguments(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S17")
    assert ("Dockerfile", 4) in lines(found)
    assert found[0].message.param_dict()["script"] == "entrypoint.sh"
    assert found[0].basis.value == "advice" and found[0].strength.value == "weak"


def test_s17_near_miss_an_entrypoint_that_execs_its_arguments(tmp_path):
    assert fired(tmp_path, ENTRYPOINT_EXEC_ARGS, "F09-S17") == []
