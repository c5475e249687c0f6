"""F09-S08: the orchestrator's part of a graceful stop."""

from __future__ import annotations

from f09_data import K8S_APP, deployment, params

from helpers import fired, lines


def test_s08_fires_for_probes_prestop_and_grace(tmp_path):
    container = (
        "\n          readinessProbe:\n            httpGet: {path: /health, port: 8000}"
        "\n          lifecycle:\n            preStop:\n              exec: {command: [sleep, '5']}"
    )
    files = {
        **K8S_APP,
        "k8s/web.yaml": deployment(container=container, pod="\n      terminationGracePeriodSeconds: 40"),
    }
    found = fired(tmp_path, files, "F09-S08")
    assert lines(found) == {("k8s/web.yaml", 13), ("k8s/web.yaml", 16), ("k8s/web.yaml", 9)}
    assert params(found, "what") == ["readinessProbe, preStop, terminationGracePeriodSeconds 40"]


def test_s08_near_miss_without_stop_settings(tmp_path):
    assert fired(tmp_path, {**K8S_APP, "k8s/web.yaml": deployment()}, "F09-S08") == []
