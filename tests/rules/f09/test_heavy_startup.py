"""F09-S11: slow work and unbounded waits in the start path."""

from __future__ import annotations

from f09_data import ENTRYPOINT_NO_ARGS, REQS, params

from helpers import fired, lines


def test_s11_fires_for_an_unbounded_wait_and_schema_work_at_start(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S11")
    assert lines(found) == {("entrypoint.sh", 2), ("entrypoint.sh", 5)}
    assert "flask init-db" in params(found, "command")
    assert {f.message.key for f in found} == {"F09-S11.message_wait", "F09-S11.message_schema"}


def test_s11_fires_for_migrations_chained_in_a_procfile_web_line(tmp_path):
    found = fired(tmp_path, {**REQS, "Procfile": "web: flask db upgrade && gunicorn app:app\n"}, "F09-S11")
    assert params(found, "command") == ["flask db upgrade"]
    assert lines(found) == {("Procfile", 1)}


def test_s11_fires_for_installs_and_long_sleeps_in_the_start_script(tmp_path):
    files = {
        **REQS,
        "Procfile": "web: ./start.sh\n",
        "start.sh": "#!/bin/sh\npip install -r requirements.txt\nsleep 30\nexec gunicorn app:app\n",
    }
    found = fired(tmp_path, files, "F09-S11")
    assert [(f.message.key, f.locations[0].line) for f in found] == [
        ("F09-S11.message_install", 2),
        ("F09-S11.message_sleep", 3),
    ]


def test_s11_near_miss_a_bounded_wait_a_short_sleep_and_a_release_step(tmp_path):
    files = {
        **REQS,
        "Procfile": "release: flask db upgrade\nweb: ./start.sh\n",
        "start.sh": """
        #!/bin/sh
        i=0
        while ! pg_isready; do
          i=$((i+1)); [ "$i" -ge 30 ] && exit 1
          sleep 1
        done
        sleep 2
        exec gunicorn app:app
        """,
    }
    assert fired(tmp_path, files, "F09-S11") == []
