"""Tests of F08-S05 (rules/f08/pid_files.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def params(found, index=0):
    return found[index].message.param_dict()


def test_fires_on_gunicorn_pid_and_celery_pidfile(tmp_path):
    procfile = "web: gunicorn --pid /tmp/web.pid app:app\nworker: celery -A tasks worker --pidfile=/tmp/w.pid\n"
    files = {**REQS, **FLASK, "Procfile": procfile}
    found = fired(tmp_path, files, "F08-S05")
    assert lines(found) == {("Procfile", 1), ("Procfile", 2)}
    assert {params(found, i)["how"] for i in range(2)} == {"gunicorn --pid /tmp/web.pid", "celery --pidfile /tmp/w.pid"}


def test_fires_on_pidfile_in_gunicorn_conf_and_pid_written_by_code(tmp_path):
    files = {
        **REQS,
        **FLASK,
        "gunicorn.conf.py": 'pidfile = "/var/run/app.pid"\n',
        "daemon_util.py": 'import os\ndef write():\n    open("app.pid", "w").write(str(os.getpid()))\n',
    }
    found = fired(tmp_path, files, "F08-S05")
    assert lines(found) == {("gunicorn.conf.py", 1), ("daemon_util.py", 3)}


def test_near_miss_an_empty_pidfile(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "beat: celery -A tasks beat --pidfile=\n"}
    assert fired(tmp_path, files, "F08-S05") == []
