"""F09-S15: a grace period too short for a graceful stop."""

from __future__ import annotations

from f09_data import K8S_APP, deployment, params

from helpers import fired, lines


def test_s15_fires_for_zero_grace_and_grace_below_drain(tmp_path):
    found = fired(
        tmp_path / "a",
        {**K8S_APP, "k8s/web.yaml": deployment(pod="\n      terminationGracePeriodSeconds: 0")},
        "F09-S15",
    )
    assert lines(found) == {("k8s/web.yaml", 9)} and found[0].strength.value == "weak"
    drain = {
        **K8S_APP,
        "gunicorn.conf.py": "graceful_timeout = 60\n",
        "k8s/web.yaml": deployment(pod="\n      terminationGracePeriodSeconds: 30"),
    }
    found = fired(tmp_path / "b", drain, "F09-S15")
    assert lines(found) == {("k8s/web.yaml", 9), ("gunicorn.conf.py", 1)} and params(found, "drain") == ["60"]


def test_s15_near_miss_a_grace_period_longer_than_the_drain(tmp_path):
    drain = {
        **K8S_APP,
        "gunicorn.conf.py": "graceful_timeout = 20\n",
        "k8s/web.yaml": deployment(pod="\n      terminationGracePeriodSeconds: 30"),
    }
    assert fired(tmp_path, drain, "F09-S15") == []
