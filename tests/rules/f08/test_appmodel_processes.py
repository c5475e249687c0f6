"""How the app model reads what a command on the start path does (twelve.appmodel.processes),
from the knowledge of each program's daemon and PID flags (twelve.knowledge.programs)."""

from __future__ import annotations

import pytest

from twelve.appmodel.processes import Cmd, daemonizes, pid_file, sent_away
from twelve.facts.model import Fact, ShellCommand


def cmd(line: str, *, background: bool = False, last: bool = True, excerpt: str | None = None) -> Cmd:
    fact = Fact(
        "shell.command", "start.sh", 3, excerpt or line, ShellCommand(argv=line.split(), program=line.split()[0])
    )
    return Cmd(fact, tuple(line.split()), background, last)


@pytest.mark.parametrize(
    ("line", "on_path", "how"),
    [
        ("gunicorn --daemon app:app", True, "gunicorn --daemon"),
        ("gunicorn3 -D app:app", False, "gunicorn3 -D"),
        ("celery -A proj multi start w1", False, "celery multi"),
        ("celery -A proj worker --detach", False, "celery --detach"),
        ("npx pm2 start app.js", False, "pm2 start"),
        ("pm2 start app.js --no-daemon", True, None),
        ("forever start server.js", True, "forever start"),
        ("bundle exec rails server -d", True, "rails server -d"),
        ("service nginx start", True, "service nginx start"),
        ("service nginx start", False, None),  # a host script's service call is not the app's start
        ("start-stop-daemon --start --exec /app/server", True, "start-stop-daemon"),
        ("gunicorn app:app", True, None),
        ("pm2-runtime ecosystem.config.js", True, None),
    ],
)
def test_daemonizes(line, on_path, how):
    assert daemonizes(cmd(line), on_path) == how


def test_sent_away():
    assert sent_away(cmd("gunicorn app:app", background=True), True)
    assert sent_away(
        cmd("celery -A t worker", background=True, last=False, excerpt="nohup celery -A t worker &"), False
    )
    assert not sent_away(cmd("redis-server", background=True, last=False), True)
    assert not sent_away(cmd("gunicorn app:app"), True)


@pytest.mark.parametrize(
    ("line", "how"),
    [
        ("gunicorn --pid /run/app.pid app:app", "gunicorn --pid /run/app.pid"),
        ("gunicorn -p /run/app.pid app:app", "gunicorn -p /run/app.pid"),
        ("celery -A t beat --pidfile=/tmp/beat.pid", "celery --pidfile /tmp/beat.pid"),
        ("puma -P tmp/pids/puma.pid", "puma -P tmp/pids/puma.pid"),
        ("celery -A t beat --pidfile=", None),
        ("uvicorn main:app -p 8000", None),  # `-p` writes a PID file for gunicorn only
        ("gunicorn --pid /dev/null app:app", None),
    ],
)
def test_pid_file(line, how):
    assert pid_file(cmd(line)) == how
