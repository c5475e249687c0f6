"""F02-S12: the image installs packages by name, outside the manifest."""

from __future__ import annotations

from helpers import fired


def test_s12_fires_for_packages_installed_outside_the_manifest(tmp_path):
    docker = "FROM python:3.12\nRUN pip install -r requirements.txt && pip install gunicorn pip setuptools\n"
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S12")
    assert found[0].message.param_dict()["packages"] == "gunicorn"


def test_s12_is_silent_for_declared_packages(tmp_path):
    docker = "FROM python:3.12\nRUN pip install --upgrade pip && pip install gunicorn==22.0.0\n"
    files = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "Dockerfile": docker}
    assert fired(tmp_path, files, "F02-S12") == []
