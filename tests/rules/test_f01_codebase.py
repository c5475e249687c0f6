from __future__ import annotations

from helpers import fired

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def test_s1_fires_on_a_committed_repository(tmp_path):
    found = fired(tmp_path, APP, "F01-S1")
    assert len(found) == 1
    assert found[0].message.param_dict()["commits"] == "1"
    assert found[0].locations[0].path == ".git"


def test_s1_is_silent_without_version_control(tmp_path):
    assert fired(tmp_path, APP, "F01-S1", git=False) == []


def test_ne_fires_without_version_control(tmp_path):
    found = fired(tmp_path, APP, "F01-NE", git=False)
    assert [f.effect.value for f in found] == ["inconclusive"]


def test_ne_is_silent_in_a_repository(tmp_path):
    assert fired(tmp_path, APP, "F01-NE") == []


def test_ap1_fires_on_a_repository_without_commits(tmp_path):
    found = fired(tmp_path, APP, "F01-AP1", commits=0)
    assert len(found) == 1


def test_ap1_is_silent_once_something_is_committed(tmp_path):
    assert fired(tmp_path, APP, "F01-AP1") == []


def test_s2_fires_for_one_app(tmp_path):
    found = fired(tmp_path, APP, "F01-S2")
    assert found[0].message.param_dict()["manifest"] == "requirements.txt"


def test_s5_fires_for_two_apps_and_not_for_one(tmp_path):
    two = {"api/requirements.txt": "flask==3.0.0\n", "api/app.py": "x = 1\n",
           "worker/requirements.txt": "celery==5.3.0\n", "worker/main.py": "x = 1\n"}
    found = fired(tmp_path, two, "F01-S5")
    assert found and found[0].message.param_dict()["count"] == "2"
    assert fired(tmp_path / "one", APP, "F01-S5") == []


def test_s7_fires_for_an_app_submodule_but_not_for_docs(tmp_path):
    app_sub = {**APP, ".gitmodules": '[submodule "billing"]\n\tpath = billing\n\turl = https://example.com/billing.git\n'}
    found = fired(tmp_path, app_sub, "F01-S7")
    assert [f.message.param_dict()["path"] for f in found] == ["billing"]
    docs_sub = {**APP, ".gitmodules": '[submodule "docs/theme"]\n\tpath = docs/theme\n\turl = https://example.com/theme.git\n'}
    assert fired(tmp_path / "d", docs_sub, "F01-S7") == []
