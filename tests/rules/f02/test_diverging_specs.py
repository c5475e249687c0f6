"""F02-S13: two requirements files pin a package differently."""

from __future__ import annotations

from helpers import fired


def test_s13_fires_when_dev_and_prod_files_pin_differently(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "requirements-prod.txt": "flask==2.2.0\n",
        "Dockerfile": "FROM python:3.12\nRUN pip install -r requirements-prod.txt\n",
    }
    found = fired(tmp_path, files, "F02-S13")
    assert found[0].message.param_dict()["package"] == "flask"


def test_s13_is_silent_when_one_file_includes_the_other(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "requirements-dev.txt": "-r requirements.txt\npytest==8.0.0\n",
        "Dockerfile": "FROM python:3.12\nRUN pip install -r requirements.txt\n",
    }
    assert fired(tmp_path, files, "F02-S13") == []
