"""How the app model reads where a start command binds (twelve.appmodel.serving), from the
knowledge of each server's flags (twelve.knowledge.programs)."""

from __future__ import annotations

import pytest

from twelve.appmodel.serving import Bind, command_bind, server_of, split_address
from twelve.appmodel.starts import Start
from twelve.facts.model import Fact, ProcfileProcess


def start(line: str) -> Start:
    fact = Fact("procfile.process", "Procfile", 1, f"web: {line}", ProcfileProcess(name="web", command=line))
    return Start(fact, tuple(line.split()), "procfile", "web")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("gunicorn --bind 0.0.0.0:8000 app:app", Bind("0.0.0.0", "8000")),
        ("gunicorn -b unix:/run/app.sock app:app", Bind(None, None, unix=True)),
        ("gunicorn --port 8000 app:app", Bind(None, None)),  # gunicorn has no --port: only --bind counts
        ("hypercorn -b [::1]:8000 app:app", Bind("::1", "8000")),
        ("uvicorn main:app --host 127.0.0.1 --port 8000", Bind("127.0.0.1", "8000")),
        ("uvicorn main:app --uds /run/app.sock", Bind(None, None, unix=True)),
        ("daphne -b 0.0.0.0 -p 8001 proj.asgi:application", Bind("0.0.0.0", "8001")),
        ("daphne -u /run/daphne.sock proj.asgi:application", Bind(None, None, unix=True)),
        ("waitress-serve --port 8080 app:app", Bind("0.0.0.0", "8080")),
        ("waitress-serve --listen 127.0.0.1:8080 app:app", Bind("127.0.0.1", "8080")),
        ("uwsgi --http :9090 --wsgi-file app.py", Bind("0.0.0.0", "9090")),
        ("uwsgi --socket /run/uwsgi.sock --wsgi-file app.py", Bind(None, None, unix=True)),
        ("python manage.py runserver 0.0.0.0:8000", Bind("0.0.0.0", "8000")),
        ("flask run --host 0.0.0.0", Bind("0.0.0.0", None)),
    ],
)
def test_command_bind_reads_each_servers_flags(line, expected):
    found = start(line)
    server = server_of(found)
    assert server is not None
    assert command_bind(found, server) == expected


@pytest.mark.parametrize(
    ("line", "server"),
    [
        ("gunicorn3 app:app", "gunicorn3"),
        ("flask run", "flask"),
        ("python manage.py runserver", "manage.py"),
        ("flask db upgrade", None),
        ("python manage.py migrate", None),
        ("celery -A tasks worker", None),
    ],
)
def test_server_of_a_start_command(line, server):
    assert server_of(start(line)) == server


def test_split_address():
    assert split_address(":8000") == Bind("0.0.0.0", "8000")
    assert split_address("8000") == Bind(None, "8000")
    assert split_address("fd://3") == Bind(None, None, unix=True)
