"""Tests of F07-S10 (rules/f07/hard_coded_port.py): where it fires, and its near misses."""

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
DEV_SERVER = {
    "requirements.txt": "flask==3.0.0\n",
    "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run(debug=True, port=5000)\n",
    "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nEXPOSE 5000\nCMD python app.py\n",
}


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


PACKAGE_JSON = '{"name": "shop", "version": "1.0.0", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n'
NODE_DOCKERFILE = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\nCMD ["npm", "start"]\n'


def _express(listen: str) -> str:
    return f'const express = require("express");\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\n{listen}\n'


GO_DOCKERFILE = (
    "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /worker .\n\n"
    'FROM gcr.io/distroless/static\nCOPY --from=build /worker /worker\nENTRYPOINT ["/worker"]\n'
)
GEMFILE = {
    "Gemfile": """
    source "https://rubygems.org"
    gem "rails", "~> 7.1.3"
    gem "pg", "~> 1.5"
    gem "puma", ">= 6.4"
    gem "sidekiq", "~> 7.2"
    """
}
LOCK = {
    "Gemfile.lock": """
    GEM
      remote: https://rubygems.org/
      specs:
        pg (1.5.6)
        puma (6.4.2)
        rails (7.1.3)
        sidekiq (7.2.2)

    PLATFORMS
      ruby

    DEPENDENCIES
      pg (~> 1.5)
      puma (>= 6.4)
      rails (~> 7.1.3)
      sidekiq (~> 7.2)
    """
}
APP = {
    "config.ru": 'require_relative "config/environment"\nrun Rails.application\n',
    "config/application.rb": """
    require "rails/all"
    module Shop
      class Application < Rails::Application
        config.load_defaults 7.1
      end
    end
    """,
}
BASE = {**GEMFILE, **LOCK, **APP}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


GO_MOD = {
    "go.mod": """
    module github.com/acme/api

    go 1.22

    require github.com/jackc/pgx/v5 v5.5.5
    """
}
GRACEFUL = {
    "main.go": """
    package main

    import (
    	"context"
    	"net/http"
    	"os"
    	"os/signal"
    	"syscall"
    )

    func main() {
    	srv := &http.Server{Addr: ":" + os.Getenv("PORT")}
    	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
    	defer stop()
    	go srv.ListenAndServe()
    	<-ctx.Done()
    	srv.Shutdown(context.Background())
    }
    """
}
ABRUPT = {
    "main.go": """
    package main

    import "net/http"

    func main() {
    	http.ListenAndServe(":8080", nil)
    }
    """
}


def test_fires_for_a_literal_port_in_the_start_command(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S10")
    assert params(found, "port") == ["5000"]
    assert lines(found) == {("entrypoint.sh", 4)}


def test_fires_for_a_literal_port_in_the_started_module(tmp_path):
    found = fired(tmp_path, DEV_SERVER, "F07-S10")
    assert params(found, "port") == ["5000"]
    assert ("app.py", 4) in lines(found)


def test_ignores_a_port_from_the_environment(tmp_path):
    files = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec gunicorn --bind 0.0.0.0:${PORT:-8000} app:app\n"}
    assert fired(tmp_path, files, "F07-S10") == []
    procfile = {
        "requirements.txt": REQS,
        "app.py": FLASK_APP,
        "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n",
    }
    assert fired(tmp_path / "p", procfile, "F07-S10") == []


def test_fires_for_a_literal_port_in_the_file_npm_start_runs(tmp_path):
    files = {"package.json": PACKAGE_JSON, "server.js": _express("app.listen(3000);"), "Dockerfile": NODE_DOCKERFILE}
    found = fired(tmp_path, files, "F07-S10")
    assert lines(found) == {("server.js", 4)}
    assert params(found, "port") == ["3000"]
    assert found[0].remediation.key == "F07-S10.remediation_node"
    # a Procfile that runs the same file does not report the line twice; ts-node and a build output are followed too
    both = {**files, "Procfile": "web: node server.js\n"}
    assert len(fired(tmp_path / "both", both, "F07-S10")) == 1
    built = {
        "package.json": PACKAGE_JSON,
        "src/main.ts": _express("app.listen(8080);"),
        "Procfile": "web: node dist/main.js\n",
    }
    assert lines(fired(tmp_path / "built", built, "F07-S10")) == {("src/main.ts", 4)}


def test_ignores_a_node_port_from_the_environment_and_a_file_not_started(tmp_path):
    files = {
        "package.json": PACKAGE_JSON,
        "server.js": _express("app.listen(process.env.PORT || 3000);"),
        "Dockerfile": NODE_DOCKERFILE,
    }
    assert fired(tmp_path, files, "F07-S10") == []
    # a file the start command does not run is not the process's listener
    other = {**files, "tools/mock.js": _express("app.listen(4000);")}
    assert fired(tmp_path / "other", other, "F07-S10") == []
    # Go's listeners are read in the code (the `go` sentences), whatever starts them
    go = {
        "go.mod": "module example.com/api\n\ngo 1.22\n",
        "Dockerfile": GO_DOCKERFILE.replace("/worker", "/api"),
        "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n',
    }
    assert [f.message.key for f in fired(tmp_path / "go", go, "F07-S10")] == ["F07-S10.message_go"]


def test_fires_for_a_literal_ruby_port_only(tmp_path):
    found = fired(tmp_path / "a", {**BASE, "config/puma.rb": "port 3000\n"}, "F07-S10")
    assert lines(found) == {("config/puma.rb", 1)} and _params(found, "port") == ["3000"]
    assert fired(tmp_path / "b", {**BASE, "config/puma.rb": 'port ENV.fetch("PORT", 3000)\n'}, "F07-S10") == []


def test_fires_for_a_literal_go_port_only(tmp_path):
    found = fired(tmp_path / "a", {**GO_MOD, **ABRUPT}, "F07-S10")
    assert lines(found) == {("main.go", 6)} and _params(found, "port") == ["8080"]
    assert fired(tmp_path / "b", {**GO_MOD, **GRACEFUL}, "F07-S10") == []
