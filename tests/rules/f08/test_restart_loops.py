"""Tests of F08-S06 (rules/f08/restart_loops.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def params(found, index=0):
    return found[index].message.param_dict()


ENTRYPOINT = {
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
    "entrypoint.sh": """
        #!/bin/sh
        while ! pg_isready -h "$DB_HOST"; do
          sleep 1
        done
        flask init-db
        exec gunicorn --bind 0.0.0.0:5000 app:app
        """,
}


def test_fires_on_a_loop_restarting_the_server(tmp_path):
    files = {**REQS, **FLASK, "run.sh": "#!/bin/sh\nwhile true; do\n  gunicorn app:app\n  sleep 1\ndone\n"}
    found = fired(tmp_path, files, "F08-S06")
    assert lines(found) == {("run.sh", 2)}
    assert params(found)["programs"] == "gunicorn"


def test_fires_on_a_one_line_restart_loop(tmp_path):
    files = {**REQS, **FLASK, "run.sh": "#!/bin/sh\nwhile true; do python worker.py; sleep 5; done\n"}
    assert params(fired(tmp_path, files, "F08-S06"))["programs"] == "python"


def test_near_miss_a_loop_that_only_waits_for_the_database(tmp_path):
    assert fired(tmp_path, {**REQS, **FLASK, **ENTRYPOINT}, "F08-S06") == []
    files = {**REQS, **FLASK, "wait.sh": '#!/bin/sh\nuntil python -c "import db"; do sleep 1; done\n'}
    assert fired(tmp_path / "b", files, "F08-S06") == []
