from __future__ import annotations

from helpers import ROOT, fired, lines, run, statuses
from materialize import materialize

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK_APP = {"app.py": """
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(host="0.0.0.0", port=5000)
    """}

ENTRYPOINT_NO_ARGS = {
    **REQS, **FLASK_APP,
    "Dockerfile": """
        FROM python:3.12-slim
        COPY . .
        ENTRYPOINT ["sh", "./entrypoint.sh"]
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
        """,
    "entrypoint.sh": """
        #!/bin/sh
        while ! pg_isready -h "$DB_HOST"; do
          sleep 1
        done
        flask init-db
        exec gunicorn --bind 0.0.0.0:8000 app:app
        """,
}

ENTRYPOINT_EXEC_ARGS = {
    **REQS, **FLASK_APP,
    "Dockerfile": """
        FROM python:3.12-slim
        COPY . .
        ENTRYPOINT ["/docker-entrypoint.sh"]
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
        """,
    "docker-entrypoint.sh": """
        #!/bin/sh
        set -e
        exec "$@"
        """,
}

SHELL_FORM = {**REQS, **FLASK_APP, "Dockerfile": """
    FROM python:3.12-slim
    COPY . .
    CMD python app.py
    """}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


# --- F09-S1 graceful shutdown ---------------------------------------------------------------------


def test_s1_fires_for_gunicorn_as_a_framework_default(tmp_path):
    found = fired(tmp_path, {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-S1")
    assert _params(found, "source") == ["gunicorn"]
    assert lines(found) == {("Procfile", 1)}


def test_s1_fires_for_a_draining_sigterm_handler_and_a_lifespan_hook(tmp_path):
    files = {**REQS, "Procfile": "web: python main.py\n", "main.py": """
        import signal
        from fastapi import FastAPI

        app = FastAPI(lifespan=lifespan)

        def drain(signum, frame):
            server.shutdown()

        signal.signal(signal.SIGTERM, drain)
        """}
    found = fired(tmp_path, files, "F09-S1")
    assert set(_params(found, "source")) == {"FastAPI(lifespan)", "signal.signal(SIGTERM, drain)"}
    assert ("main.py", 9) in lines(found)


def test_s1_is_silent_for_a_dev_server_and_an_exiting_handler(tmp_path):
    files = {**REQS, **FLASK_APP, "Procfile": "web: python app.py\n", "stop.py": """
        import atexit, signal, sys

        def bye(signum, frame):
            sys.exit(0)

        signal.signal(signal.SIGTERM, bye)
        atexit.register(print)
        """}
    assert fired(tmp_path, files, "F09-S1") == []


# --- F09-S6 / S7 / S6b signal delivery ------------------------------------------------------------


def test_s6_fires_for_an_entrypoint_that_execs_the_server(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S6")
    assert lines(found) == {("entrypoint.sh", 6)}
    assert _params(found, "command") == ["exec gunicorn --bind 0.0.0.0:8000 app:app"]


def test_s6_fires_for_exec_args_and_for_tini(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_EXEC_ARGS, "F09-S6")
    assert ("docker-entrypoint.sh", 3) in lines(found)
    assert 'exec "$@"' in _params(found, "command")
    tini = {**REQS, "Dockerfile": """
        FROM python:3.12-slim
        ENTRYPOINT ["tini", "--"]
        CMD ["gunicorn", "app:app"]
        """}
    assert ("Dockerfile", 2) in lines(fired(tmp_path / "tini", tini, "F09-S6"))


def test_s6_is_silent_for_a_shell_form_cmd(tmp_path):
    assert fired(tmp_path, SHELL_FORM, "F09-S6") == []


def test_s7_fires_for_a_shell_form_cmd(tmp_path):
    found = fired(tmp_path, SHELL_FORM, "F09-S7")
    assert lines(found) == {("Dockerfile", 3)}
    assert found[0].message.param_dict()["command"] == "CMD python app.py"


def test_s7_fires_for_a_script_that_starts_the_server_without_exec(tmp_path):
    files = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nENTRYPOINT ["./start.sh"]\n',
             "start.sh": "#!/bin/sh\ngunicorn app:app\n"}
    found = fired(tmp_path, files, "F09-S7")
    assert lines(found) == {("start.sh", 2)}


def test_s7_is_silent_for_exec_form_and_for_shell_form_with_exec(tmp_path):
    exec_form = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n'}
    assert fired(tmp_path / "a", exec_form, "F09-S7") == []
    with_exec = {**REQS, "Dockerfile": "FROM python:3.12-slim\nCMD exec gunicorn app:app\n"}
    assert fired(tmp_path / "b", with_exec, "F09-S7") == []


def test_s6b_fires_when_the_entrypoint_never_runs_its_arguments(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S6b")
    assert ("Dockerfile", 4) in lines(found)
    assert found[0].message.param_dict()["script"] == "entrypoint.sh"
    assert found[0].basis.value == "advice" and found[0].strength.value == "weak"


def test_s6b_is_silent_when_the_entrypoint_execs_its_arguments(tmp_path):
    assert fired(tmp_path, ENTRYPOINT_EXEC_ARGS, "F09-S6b") == []


# --- F09-S11 heavy start-up -----------------------------------------------------------------------


def test_s11_fires_for_an_unbounded_wait_and_schema_work_at_start(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S11")
    assert lines(found) == {("entrypoint.sh", 2), ("entrypoint.sh", 5)}
    assert "flask init-db" in _params(found, "command")


def test_s11_fires_for_migrations_chained_in_a_procfile_web_line(tmp_path):
    found = fired(tmp_path, {**REQS, "Procfile": "web: flask db upgrade && gunicorn app:app\n"}, "F09-S11")
    assert _params(found, "command") == ["flask db upgrade"]
    assert lines(found) == {("Procfile", 1)}


def test_s11_is_silent_for_a_bounded_wait_a_short_sleep_and_a_release_step(tmp_path):
    files = {**REQS, "Procfile": "release: flask db upgrade\nweb: ./start.sh\n", "start.sh": """
        #!/bin/sh
        i=0
        while ! pg_isready; do
          i=$((i+1)); [ "$i" -ge 30 ] && exit 1
          sleep 1
        done
        sleep 2
        exec gunicorn app:app
        """}
    assert fired(tmp_path, files, "F09-S11") == []


# --- F09-S13 / S12 / S9 / S14 ---------------------------------------------------------------------


def test_s13_fires_for_an_ignored_sigterm_and_a_trap(tmp_path):
    files = {**REQS, "worker.py": "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n",
             "run.sh": "#!/bin/sh\ntrap '' TERM\nexec python worker.py\n"}
    found = fired(tmp_path, files, "F09-S13")
    assert lines(found) == {("worker.py", 2), ("run.sh", 2)}
    assert "signal.signal(SIGTERM, SIG_IGN)" in _params(found, "handler")


def test_s13_is_silent_for_a_draining_handler(tmp_path):
    files = {**REQS, "worker.py": """
        import signal

        def stop(signum, frame):
            queue.close()

        signal.signal(signal.SIGTERM, stop)
        """}
    assert fired(tmp_path, files, "F09-S13") == []


def test_s12_fires_for_auto_ack_and_not_for_manual_ack(tmp_path):
    code = "channel.basic_consume(queue='jobs', on_message_callback=handle, auto_ack={})\n"
    found = fired(tmp_path / "a", {**REQS, "consumer.py": code.format("True")}, "F09-S12")
    assert lines(found) == {("consumer.py", 1)}
    assert found[0].message.param_dict()["api"] == "channel.basic_consume"
    assert fired(tmp_path / "b", {**REQS, "consumer.py": code.format("False")}, "F09-S12") == []


def test_s9_fires_for_late_acks_and_not_when_disabled(tmp_path):
    conf = "from celery import Celery\napp = Celery('proj')\napp.conf.update(task_acks_late={0}, task_reject_on_worker_lost={0})\n"
    found = fired(tmp_path / "a", {**REQS, "tasks.py": conf.format("True")}, "F09-S9")
    assert lines(found) == {("tasks.py", 3)}
    assert "task_reject_on_worker_lost = True" in found[0].message.param_dict()["settings"]
    assert fired(tmp_path / "b", {**REQS, "tasks.py": conf.format("False")}, "F09-S9") == []


def test_s14_fires_for_long_gunicorn_timeouts(tmp_path):
    found = fired(tmp_path / "a", {**REQS, "Procfile": "web: gunicorn --timeout 300 app:app\n"}, "F09-S14")
    assert _params(found, "timeout") == ["300"]
    conf = {**REQS, "Procfile": "web: gunicorn app:app\n", "gunicorn.conf.py": "timeout = 600\n"}
    found = fired(tmp_path / "b", conf, "F09-S14")
    assert lines(found) == {("gunicorn.conf.py", 1)}


def test_s14_is_silent_for_a_short_timeout(tmp_path):
    assert fired(tmp_path, {**REQS, "Procfile": "web: gunicorn --timeout 30 app:app\n"}, "F09-S14") == []


# --- F09-AP2 / NE ---------------------------------------------------------------------------------


def test_ap2_fires_for_the_flask_dev_server_started_by_python(tmp_path):
    found = fired(tmp_path, SHELL_FORM, "F09-AP2")
    assert lines(found) == {("Dockerfile", 3), ("app.py", 6)}
    assert found[0].message.param_dict()["program"] == "python app.py"


def test_ap2_is_silent_for_gunicorn_and_for_an_app_with_a_shutdown_hook(tmp_path):
    assert fired(tmp_path / "a", {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-AP2") == []
    hooked = {**REQS, "Procfile": "web: python main.py\n",
              "main.py": "from fastapi import FastAPI\napp = FastAPI(lifespan=lifespan)\n"}
    assert fired(tmp_path / "b", hooked, "F09-AP2") == []


def test_ne_fires_without_a_start_command_and_not_with_one(tmp_path):
    found = fired(tmp_path / "a", {**REQS, **FLASK_APP}, "F09-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]
    assert fired(tmp_path / "b", {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-NE") == []


# --- the bundled example --------------------------------------------------------------------------


def test_togglemaster_is_partial_with_the_expected_evidence(tmp_path):
    dest = tmp_path / "togglemaster"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(dest))
    assessment = run(dest)
    assert statuses(assessment)[9] == "partial"
    verdict = assessment.main.verdict(9)
    by_rule = {}
    for finding in verdict.findings:
        by_rule.setdefault(finding.rule, set()).update((loc.path, loc.line) for loc in finding.locations)
    assert by_rule["F09-S1"] == {("entrypoint.sh", 18)}
    assert by_rule["F09-S6"] == {("entrypoint.sh", 18)}
    assert by_rule["F09-S11"] == {("entrypoint.sh", 10), ("entrypoint.sh", 15)}
    assert ("Dockerfile", 21) in by_rule["F09-S6b"]
    assert not {"F09-S7", "F09-AP2", "F09-NE"} & set(by_rule)
