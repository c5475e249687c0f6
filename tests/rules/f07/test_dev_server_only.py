"""Tests of F07-AP03 (rules/f07/dev_server_only.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

DJANGO = {
    "requirements.txt": "django==5.0.6\n",
    "manage.py": "import django\n",
    "project/settings.py": "DEBUG = False\n",
}
SINATRA_APP = {"app.rb": "require 'sinatra'\nget('/') { 'ok' }\n"}


def test_fires_on_runserver_reached_through_scripts(tmp_path):
    files = {
        **DJANGO,
        "Dockerfile": 'FROM python:3.12-slim\nENV PATH=/scripts:$PATH\nCOPY scripts /scripts\nCOPY . /app\nCMD ["entry.sh"]\n',
        "scripts/entry.sh": "#!/bin/sh\nserve.sh\n",
        "scripts/serve.sh": "#!/bin/sh\npython manage.py runserver 0.0.0.0:8000\n",
    }
    found = fired(tmp_path, files, "F07-AP03")
    assert [dict(f.message.params)["server"] for f in found] == ["manage.py runserver"]
    assert found[0].strength.value == "moderate"


def test_fires_on_sinatra_classic_without_a_server_gem(tmp_path):
    files = {"Gemfile": "source 'https://rubygems.org'\ngem 'sinatra', '4.0.0'\n", **SINATRA_APP}
    assert lines(fired(tmp_path, files, "F07-AP03")) == {("app.rb", 1)}


def test_near_miss_gunicorn_on_the_start_path(tmp_path):
    files = {
        **DJANGO,
        "requirements.txt": "django==5.0.6\ngunicorn==22.0.0\n",
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "project.wsgi", "-b", "0.0.0.0:8000"]\n',
    }
    assert fired(tmp_path, files, "F07-AP03") == []


def test_near_miss_sinatra_with_puma(tmp_path):
    files = {"Gemfile": "source 'https://rubygems.org'\ngem 'sinatra', '4.0.0'\ngem 'puma', '6.4.2'\n", **SINATRA_APP}
    assert fired(tmp_path, files, "F07-AP03") == []
