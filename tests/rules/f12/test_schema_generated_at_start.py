"""F12-S09: schema changes generated when the app starts."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "Django==5.0.6\npsycopg[binary]==3.1.19\ngunicorn==22.0.0\n", "manage.py": "import django\n"}
DOCKER = 'FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT ["/app/docker-entrypoint.sh"]\n'


def test_s09_fires_for_makemigrations_in_the_start_path(tmp_path):
    entry = (
        "#!/bin/sh\nset -e\npython manage.py makemigrations --noinput\npython manage.py migrate --noinput\n"
        "exec gunicorn site.wsgi:application\n"
    )
    found = fired(tmp_path, {**REQ, "Dockerfile": DOCKER, "docker-entrypoint.sh": entry}, "F12-S09")
    assert lines(found) == {("docker-entrypoint.sh", 3)}
    assert found[0].message.param_dict()["task"] == "manage.py makemigrations"


def test_s09_follows_the_scripts_the_entrypoint_runs(tmp_path):
    files = {
        **REQ,
        "Dockerfile": 'FROM python:3.12-slim\nCOPY scripts /scripts\nENV PATH="/scripts:$PATH"\nCMD ["commands.sh"]\n',
        "scripts/commands.sh": "#!/bin/sh\nset -e\nmigrate.sh\nrunserver.sh\n",
        "scripts/migrate.sh": "#!/bin/sh\nmakemigrations.sh\npython manage.py migrate --noinput\n",
        "scripts/makemigrations.sh": "#!/bin/sh\npython manage.py makemigrations --noinput\n",
        "scripts/runserver.sh": "#!/bin/sh\npython manage.py runserver 0.0.0.0:8000\n",
    }
    assert lines(fired(tmp_path / "a", files, "F12-S09")) == {("scripts/makemigrations.sh", 2)}
    assert lines(fired(tmp_path / "b", files, "F12-S08")) == {("scripts/migrate.sh", 3)}


def test_s09_near_miss_migrate_only(tmp_path):
    entry = "#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec gunicorn site.wsgi:application\n"
    assert fired(tmp_path, {**REQ, "Dockerfile": DOCKER, "docker-entrypoint.sh": entry}, "F12-S09") == []
