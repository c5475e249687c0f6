"""Tests of F06-S01 (rules/f06/sticky_sessions.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

APP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}
SERVICE = (
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n{annotations}spec:\n  {affinity}ports:\n    - port: 80\n"
)


def test_fires_for_client_ip_affinity_and_cookie_annotations(tmp_path):
    service = SERVICE.format(annotations="", affinity="sessionAffinity: ClientIP\n  ")
    found = fired(tmp_path / "a", {**APP, "k8s/svc.yaml": service}, "F06-S01")
    assert lines(found) == {("k8s/svc.yaml", 6)} and found[0].strength.value == "strong"
    ingress = (
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n"
        '    nginx.ingress.kubernetes.io/affinity: "cookie"\n    nginx.ingress.kubernetes.io/session-cookie-name: route\n'
    )
    found = fired(tmp_path / "b", {**APP, "k8s/ingress.yaml": ingress}, "F06-S01")
    assert lines(found) == {("k8s/ingress.yaml", 6)}


def test_near_miss(tmp_path):
    service = SERVICE.format(
        annotations="  annotations:\n    nginx.ingress.kubernetes.io/affinity: none\n",
        affinity="sessionAffinity: None\n  ",
    )
    assert fired(tmp_path, {**APP, "k8s/svc.yaml": service}, "F06-S01") == []
