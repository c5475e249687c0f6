"""F01-AP02: a copy or an old version of the app kept as a directory of the repository."""

from __future__ import annotations

from helpers import fired, lines

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def test_ap02_fires_for_a_backup_copy_with_its_own_manifest(tmp_path):
    files = {
        **APP,
        "backup/requirements.txt": "flask==2.0.0\n",
        "backup/app.py": APP["app.py"],
        "web-old/package.json": '{"name": "web"}',
        "web-old/index.js": "x = 1\n",
    }
    found = fired(tmp_path, files, "F01-AP02")
    assert lines(found) == {("backup/requirements.txt", None), ("web-old/package.json", None)}
    assert found[0].strength.value == "strong"


def test_ap02_near_miss_version_packages_library_versions_and_app_roots(tmp_path):
    files = {
        **APP,
        "api/v1/views.py": "x = 1\n",
        "api/v2/views.py": "x = 1\n",
        "packages/core-v2/package.json": '{"name": "core"}',
        "packages/core-v2/lib.js": "x = 1\n",
        "tests/old/requirements.txt": "pytest==8.0.0\n",
    }
    assert fired(tmp_path / "a", files, "F01-AP02") == []
    roots = {
        "v1/requirements.txt": "flask==3.0.0\n",
        "v1/app.py": "x = 1\n",
        "v2/requirements.txt": "flask==3.0.0\n",
        "v2/app.py": "x = 1\n",
    }
    assert fired(tmp_path / "b", roots, "F01-AP02") == []  # two app roots: F01-S05
