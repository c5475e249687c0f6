"""F09-NE: no start command to judge."""

from __future__ import annotations

from f09_data import FLASK_APP, REQS

from helpers import fired


def test_ne_fires_without_a_start_command(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK_APP}, "F09-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]


def test_ne_near_miss_a_procfile_line(tmp_path):
    assert fired(tmp_path, {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-NE") == []


def test_ne_is_silent_when_kubernetes_defines_the_processes(tmp_path):
    files = {
        **REQS,
        **FLASK_APP,
        "k8s/web.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: ghcr.io/acme/web:1.0.0
        """,
    }
    assert fired(tmp_path, files, "F09-NE") == []
