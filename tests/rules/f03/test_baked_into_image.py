"""F03-S07: deploy configuration baked into the image."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s07_fires_for_secrets_baked_into_the_image(tmp_path):
    docker = "FROM python:3.12\nENV PYTHONUNBUFFERED=1\nENV SECRET_KEY=Kd8f7Gh2Jk4Lm\nARG DB_PASSWORD\nCOPY .env .env\n"
    found = fired(tmp_path, {**REQ, "Dockerfile": docker}, "F03-S07")
    assert lines(found) == {("Dockerfile", 3), ("Dockerfile", 4), ("Dockerfile", 5)}


def test_s07_fires_for_a_url_with_credentials(tmp_path):
    docker = "FROM python:3.12\nENV DATABASE_URL=postgres://app:Xy7pQ2rT9w@db.example.com/app\n"
    found = fired(tmp_path, {**REQ, "Dockerfile": docker}, "F03-S07")
    assert [f.message.param_dict()["what"] for f in found] == ["ENV DATABASE_URL"]


def test_s07_is_silent_for_non_deploy_env(tmp_path):
    docker = "FROM python:3.12\nENV PYTHONUNBUFFERED=1 PORT=8000\nENV NODE_ENV=production\nENV TOKEN=${TOKEN}\n"
    assert fired(tmp_path, {**REQ, "Dockerfile": docker}, "F03-S07") == []
