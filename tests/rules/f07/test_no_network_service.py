"""Tests of F07-NA (rules/f07/no_network_service.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n"
REQS = "flask==3.0.0\ngunicorn==22.0.0\n"
ENTRYPOINT = """\
    #!/bin/sh
    set -e
    flask init-db
    exec gunicorn --bind 0.0.0.0:5000 app:app
    """
DOCKERFILE = """\
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    RUN pip install -r requirements.txt
    EXPOSE 5000
    ENTRYPOINT ["sh", "./entrypoint.sh"]
    """
TOGGLE = {
    "requirements.txt": REQS,
    "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run(host='0.0.0.0', port=5000)\n",
    "entrypoint.sh": ENTRYPOINT,
    "Dockerfile": DOCKERFILE,
}


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


GO_MOD = "module example.com/prices\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.5.1\n"
GO_WORKER = """\
    package main

    import (
    \t"context"
    \t"os"

    \t"github.com/redis/go-redis/v9"
    )

    func main() {
    \topts, _ := redis.ParseURL(os.Getenv("REDIS_URL"))
    \tclient := redis.NewClient(opts)
    \tfor {
    \t\tclient.BRPop(context.Background(), 0, "prices")
    \t}
    }
    """
GO_DOCKERFILE = (
    "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /worker .\n\n"
    'FROM gcr.io/distroless/static\nCOPY --from=build /worker /worker\nENTRYPOINT ["/worker"]\n'
)


def test_fires_for_a_worker_only_app(tmp_path):
    files = {
        "requirements.txt": "celery==5.3.0\n",
        "tasks.py": "from celery import Celery\napp = Celery('tasks')\n",
        "Procfile": "worker: celery -A tasks worker\n",
    }
    found = fired(tmp_path, files, "F07-NA")
    assert [f.effect.value for f in found] == ["not_applicable"]
    assert ("Procfile", 1) in lines(found)


def test_is_silent_for_a_web_app_and_for_an_unknown_start(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-NA") == []
    node = {"requirements.txt": "requests==2.31.0\n", "tool.py": "print('x')\n", "Procfile": "web: node server.js\n"}
    assert fired(tmp_path / "node", node, "F07-NA") == []


def test_fires_for_a_go_queue_worker(tmp_path):
    files = {"go.mod": GO_MOD, "main.go": GO_WORKER, "Dockerfile": GO_DOCKERFILE}
    found = fired(tmp_path, files, "F07-NA")
    assert [f.effect.value for f in found] == ["not_applicable"]
    assert lines(found) == {("Dockerfile", 8)}
    assert params(found, "commands") == ["/worker"]


def test_is_silent_for_a_go_listener_a_declared_port_and_a_web_process(tmp_path):
    listener = GO_WORKER.replace("for {", 'http.ListenAndServe(":"+os.Getenv("PORT"), nil)\n\tfor {').replace(
        '"os"', '"net/http"\n\t"os"'
    )
    files = {"go.mod": GO_MOD, "main.go": listener, "Dockerfile": GO_DOCKERFILE}
    assert fired(tmp_path / "listener", files, "F07-NA") == []
    exposed = {
        "go.mod": GO_MOD,
        "main.go": GO_WORKER,
        "Dockerfile": GO_DOCKERFILE.replace("ENTRYPOINT", "EXPOSE 8080\nENTRYPOINT"),
    }
    assert fired(tmp_path / "exposed", exposed, "F07-NA") == []
    web = {"go.mod": GO_MOD, "main.go": GO_WORKER, "Procfile": "web: bin/prices\n"}
    assert fired(tmp_path / "web", web, "F07-NA") == []
    # no listener and no start command at all: nothing binds a port either (A4)
    nothing = fired(tmp_path / "nothing", {"go.mod": GO_MOD, "main.go": GO_WORKER}, "F07-NA")
    assert [f.message.key for f in nothing] == ["F07-NA.message_nostart"]
