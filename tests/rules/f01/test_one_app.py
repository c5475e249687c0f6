"""F01-S02 (one app in the repository) and F01-S05 (several apps share it)."""

from __future__ import annotations

from helpers import fired

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
TWO = {
    "api/requirements.txt": "flask==3.0.0\n",
    "api/app.py": "x = 1\n",
    "worker/requirements.txt": "celery==5.3.0\n",
    "worker/main.py": "x = 1\n",
}


def test_s02_fires_for_one_app(tmp_path):
    found = fired(tmp_path, APP, "F01-S02")
    assert found[0].message.param_dict()["manifest"] == "requirements.txt"


def test_s02_is_silent_for_two_apps_and_without_version_control(tmp_path):
    assert fired(tmp_path / "two", TWO, "F01-S02") == []
    assert fired(tmp_path / "nogit", APP, "F01-S02", git=False) == []


def test_s05_fires_for_two_apps_and_not_for_one(tmp_path):
    found = fired(tmp_path, TWO, "F01-S05")
    assert found and found[0].message.param_dict()["count"] == "2"
    assert fired(tmp_path / "one", APP, "F01-S05") == []


SERVICES = {
    "users/requirements.txt": "flask==3.0.0\n",
    "users/app.py": "x = 1\n",
    "users/Dockerfile": "FROM python:3.12\nCMD gunicorn app:app\n",
    "orders/go.mod": "module example.com/orders\n\ngo 1.22\n",
    "orders/main.go": "package main\n\nfunc main() {}\n",
}


def test_s05_is_strong_for_separately_deployable_apps_and_copies(tmp_path):
    found = fired(tmp_path / "services", SERVICES, "F01-S05")
    assert [f.strength.value for f in found] == ["strong"]
    copies = {
        "v1/requirements.txt": "flask==3.0.0\n",
        "v1/app.py": "x = 1\n",
        "v2/requirements.txt": "flask==3.0.0\n",
        "v2/app.py": "x = 1\n",
    }
    assert [f.strength.value for f in fired(tmp_path / "copies", copies, "F01-S05")] == ["strong"]


def test_s05_near_miss_weak_entrypoints_stay_moderate(tmp_path):
    # `worker/main.py` may be a tool of the api: two roots, neither deployable on its own
    assert [f.strength.value for f in fired(tmp_path, TWO, "F01-S05")] == ["moderate"]


FRONT = {
    "frontend/package.json": '{"name": "web", "dependencies": {"vue": "3.4.0"}}',
    "frontend/src/main.ts": "x = 1\n",
    "frontend/Dockerfile": "FROM nginx\n",
}


def test_s02_fires_for_a_backend_and_the_front_end_it_ships_with(tmp_path):
    files = {"api/requirements.txt": "flask==3.0.0\n", "api/manage.py": "x = 1\n", **FRONT}
    found = fired(tmp_path, files, "F01-S02")
    assert [f.message.key for f in found] == ["F01-S02.message_product"]
    assert found[0].message.param_dict()["frontends"] == "frontend"
    assert fired(tmp_path / "again", files, "F01-S05") == []


def test_s05_near_miss_a_front_end_beside_two_backends_is_not_a_third_app(tmp_path):
    found = fired(tmp_path, {**SERVICES, **FRONT}, "F01-S05")
    assert [f.message.param_dict()["apps"] for f in found] == ["orders, users"]


def test_s02_an_android_client_ships_with_its_backend(tmp_path):
    files = {
        "server/build.gradle.kts": 'plugins { kotlin("jvm") }\n',
        "server/src/main/kotlin/com/x/ServerApplication.kt": "package com.x\nfun main() {}\n",
        "android/build.gradle.kts": 'plugins { id("com.android.application") }\n',
        "android/src/main/AndroidManifest.xml": "<manifest/>\n",
        "android/src/main/kotlin/com/x/MyApplication.kt": "package com.x\nclass MyApplication\n",
    }
    assert [f.message.key for f in fired(tmp_path, files, "F01-S02")] == ["F01-S02.message_product"]
    assert fired(tmp_path / "again", files, "F01-S05") == []


def test_s05_an_express_app_that_renders_react_is_a_server_not_a_front_end(tmp_path):
    files = {
        "web/package.json": '{"name": "web", "dependencies": {"express": "4.18.2", "react": "18.2.0"}}',
        "web/server.js": "x = 1\n",
        "worker/go.mod": "module example.com/worker\n\ngo 1.22\n",
        "worker/main.go": "package main\n\nfunc main() {}\n",
    }
    found = fired(tmp_path, files, "F01-S05")
    assert [f.message.param_dict()["apps"] for f in found] == ["web, worker"]


def test_s02_a_folder_of_scripts_is_a_tool_of_the_app_not_another_app(tmp_path):
    files = {
        "api/requirements.txt": "fastapi==0.110.0\n",
        "api/main.py": "x = 1\n",
        "api/Dockerfile": "FROM python:3.12\n",
        "scripts/requirements.txt": "requests==2.31.0\n",
        "scripts/main.py": "x = 1\n",
    }
    assert [f.message.param_dict()["app"] for f in fired(tmp_path, files, "F01-S02")] == ["api"]
    assert fired(tmp_path / "again", files, "F01-S05") == []
    # a tools folder with its own Dockerfile is deployable on its own: another app
    deployable = {**files, "scripts/Dockerfile": "FROM python:3.12\n"}
    assert len(fired(tmp_path / "deployable", deployable, "F01-S05")) == 1
