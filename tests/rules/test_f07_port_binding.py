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
TOGGLE = {"requirements.txt": REQS, "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run(host='0.0.0.0', port=5000)\n",
          "entrypoint.sh": ENTRYPOINT, "Dockerfile": DOCKERFILE}
DEV_SERVER = {"requirements.txt": "flask==3.0.0\n",
              "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run(debug=True, port=5000)\n",
              "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nEXPOSE 5000\nCMD python app.py\n"}


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


# --- F07-S1 / F07-AP2 -------------------------------------------------------------------------------

def test_s1_fires_for_a_declared_server_started_by_the_entrypoint(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S1")
    assert len(found) == 1
    assert {("entrypoint.sh", 4), ("requirements.txt", 2)} <= lines(found)
    assert found[0].message.param_dict()["spec"] == "gunicorn==22.0.0"


def test_s1_fires_for_uvicorn_run_in_the_started_module(tmp_path):
    files = {"requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n",
             "main.py": "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n"
                        "if __name__ == '__main__':\n    uvicorn.run(app, host='0.0.0.0', port=8000)\n",
             "Procfile": "web: python main.py\n"}
    found = fired(tmp_path, files, "F07-S1")
    assert params(found, "server") == ["uvicorn"]
    assert ("main.py", 5) in lines(found)


def test_s1_ignores_a_dev_server_and_a_guarded_call_off_the_start_path(tmp_path):
    assert fired(tmp_path, DEV_SERVER, "F07-S1") == []
    guarded = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec celery -A app worker\n"}
    assert fired(tmp_path / "guarded", guarded, "F07-S1") == []


def test_ap2_fires_when_the_server_is_not_declared(tmp_path):
    files = {**TOGGLE, "requirements.txt": "flask==3.0.0\n"}
    found = fired(tmp_path, files, "F07-AP2")
    assert params(found, "server") == ["gunicorn"]
    assert ("entrypoint.sh", 4) in lines(found)


def test_ap2_is_silent_when_the_server_is_declared(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-AP2") == []


# --- F07-S6 -----------------------------------------------------------------------------------------

def test_s6_fires_for_expose_and_a_procfile_port(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S6")
    assert ("Dockerfile", 5) in lines(found)
    procfile = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n"}
    assert ("Procfile", 1) in lines(fired(tmp_path / "p", procfile, "F07-S6"))


def test_s6_ignores_a_web_line_without_port(tmp_path):
    files = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path, files, "F07-S6") == []


# --- F07-S8 -----------------------------------------------------------------------------------------

def test_s8_fires_for_mod_wsgi_and_php_apache_images(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP,
             "deploy/site.conf": "<VirtualHost *:80>\n    WSGIScriptAlias / /srv/app/wsgi.py\n</VirtualHost>\n"}
    found = fired(tmp_path, files, "F07-S8")
    assert lines(found) == {("deploy/site.conf", 2)}
    assert params(found, "server") == ["Apache mod_wsgi"]
    php = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "Dockerfile": "FROM php:8.2-apache\nCOPY . /var/www/html\n"}
    assert ("Dockerfile", 1) in lines(fired(tmp_path / "php", php, "F07-S8"))


def test_s8_ignores_a_uwsgi_proxy_and_a_python_image(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP,
             "deploy/nginx.conf": "location / {\n    uwsgi_pass app:3031;\n}\n", "Dockerfile": DOCKERFILE}
    assert fired(tmp_path, files, "F07-S8") == []


# --- F07-S9 -----------------------------------------------------------------------------------------

def test_s9_fires_for_a_web_app_whose_deploy_only_starts_a_worker(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\ncelery==5.3.0\n", "app.py": FLASK_APP,
             "Procfile": "worker: celery -A app worker\n"}
    found = fired(tmp_path, files, "F07-S9")
    assert ("Procfile", 1) in lines(found)
    assert params(found, "commands") == ["celery -A app worker"]


def test_s9_is_silent_when_a_server_is_started(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-S9") == []
    inherited = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "Dockerfile": "FROM tiangolo/meinheld-gunicorn\nCOPY . /app\n"}
    assert fired(tmp_path / "inherited", inherited, "F07-S9") == []


# --- F07-S10 ----------------------------------------------------------------------------------------

def test_s10_fires_for_a_literal_port_in_the_start_command(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S10")
    assert params(found, "port") == ["5000"]
    assert lines(found) == {("entrypoint.sh", 4)}


def test_s10_fires_for_a_literal_port_in_the_started_module(tmp_path):
    found = fired(tmp_path, DEV_SERVER, "F07-S10")
    assert params(found, "port") == ["5000"]
    assert ("app.py", 4) in lines(found)


def test_s10_ignores_a_port_from_the_environment(tmp_path):
    files = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec gunicorn --bind 0.0.0.0:${PORT:-8000} app:app\n"}
    assert fired(tmp_path, files, "F07-S10") == []
    procfile = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n"}
    assert fired(tmp_path / "p", procfile, "F07-S10") == []


# --- F07-S11 ----------------------------------------------------------------------------------------

def test_s11_fires_for_app_run_without_host_on_the_start_path(tmp_path):
    found = fired(tmp_path, DEV_SERVER, "F07-S11")
    assert params(found, "host") == ["127.0.0.1"]
    assert ("app.py", 4) in lines(found)


def test_s11_fires_for_uvicorn_without_host_and_an_explicit_loopback_bind(tmp_path):
    files = {"requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
             "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "main:app", "--port", "8000"]\n'}
    assert ("Dockerfile", 3) in lines(fired(tmp_path, files, "F07-S11"))
    loopback = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec gunicorn --bind 127.0.0.1:8000 app:app\n"}
    assert params(fired(tmp_path / "lo", loopback, "F07-S11"), "host") == ["127.0.0.1"]


def test_s11_gunicorn_default_bind_depends_on_the_platform(tmp_path):
    docker = {"requirements.txt": REQS, "app.py": FLASK_APP, "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'}
    assert ("Dockerfile", 3) in lines(fired(tmp_path / "docker", docker, "F07-S11"))
    with_port = {**docker, "Dockerfile": 'FROM python:3.12-slim\nENV PORT=8000\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'}
    assert fired(tmp_path / "port", with_port, "F07-S11") == []
    procfile = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path / "procfile", procfile, "F07-S11") == []


def test_s11_ignores_all_interfaces_and_a_guarded_call_off_the_start_path(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-S11") == []


# --- F07-NA / F07-NE --------------------------------------------------------------------------------

def test_na_fires_for_a_worker_only_app(tmp_path):
    files = {"requirements.txt": "celery==5.3.0\n", "tasks.py": "from celery import Celery\napp = Celery('tasks')\n",
             "Procfile": "worker: celery -A tasks worker\n"}
    found = fired(tmp_path, files, "F07-NA")
    assert [f.effect.value for f in found] == ["not_applicable"]
    assert ("Procfile", 1) in lines(found)


def test_na_is_silent_for_a_web_app_and_for_an_unknown_start(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-NA") == []
    node = {"requirements.txt": "requests==2.31.0\n", "tool.py": "print('x')\n", "Procfile": "web: node server.js\n"}
    assert fired(tmp_path / "node", node, "F07-NA") == []


def test_ne_fires_for_a_web_app_without_any_start_command(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run()\n"}
    found = fired(tmp_path, files, "F07-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]
    assert found[0].message.param_dict()["web"] == "app.py"


def test_ne_is_silent_when_a_deploy_definition_exists(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-NE") == []


# --- other stacks: Node listeners, Go workers, Kubernetes ports ---------------------------------------

PACKAGE_JSON = '{"name": "shop", "version": "1.0.0", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n'
NODE_DOCKERFILE = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\nCMD [\"npm\", \"start\"]\n"


def _express(listen: str) -> str:
    return f'const express = require("express");\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\n{listen}\n'


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
GO_DOCKERFILE = ("FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /worker .\n\n"
                 "FROM gcr.io/distroless/static\nCOPY --from=build /worker /worker\nENTRYPOINT [\"/worker\"]\n")


def test_s10_fires_for_a_literal_port_in_the_file_npm_start_runs(tmp_path):
    files = {"package.json": PACKAGE_JSON, "server.js": _express("app.listen(3000);"), "Dockerfile": NODE_DOCKERFILE}
    found = fired(tmp_path, files, "F07-S10")
    assert lines(found) == {("server.js", 4)}
    assert params(found, "port") == ["3000"]
    assert found[0].remediation.key == "F07-S10.remediation_node"
    # a Procfile that runs the same file does not report the line twice; ts-node and a build output are followed too
    both = {**files, "Procfile": "web: node server.js\n"}
    assert len(fired(tmp_path / "both", both, "F07-S10")) == 1
    built = {"package.json": PACKAGE_JSON, "src/main.ts": _express("app.listen(8080);"), "Procfile": "web: node dist/main.js\n"}
    assert lines(fired(tmp_path / "built", built, "F07-S10")) == {("src/main.ts", 4)}


def test_s10_ignores_a_node_port_from_the_environment_and_go_listeners(tmp_path):
    files = {"package.json": PACKAGE_JSON, "server.js": _express("app.listen(process.env.PORT || 3000);"),
             "Dockerfile": NODE_DOCKERFILE}
    assert fired(tmp_path, files, "F07-S10") == []
    # a file the start command does not run is not the process's listener
    other = {**files, "tools/mock.js": _express("app.listen(4000);")}
    assert fired(tmp_path / "other", other, "F07-S10") == []
    # Go's literal ports are F07-S3b's
    go = {"go.mod": "module example.com/api\n\ngo 1.22\n", "Dockerfile": GO_DOCKERFILE.replace("/worker", "/api"),
          "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n'}
    assert fired(tmp_path / "go", go, "F07-S10") == []


def test_s11_fires_for_a_node_server_bound_to_loopback(tmp_path):
    files = {"package.json": PACKAGE_JSON, "server.js": _express('app.listen(process.env.PORT, "127.0.0.1");'),
             "Procfile": "web: node server.js\n"}
    found = fired(tmp_path, files, "F07-S11")
    assert lines(found) == {("server.js", 4)}
    assert params(found, "host") == ["127.0.0.1"]
    everywhere = {**files, "server.js": _express('app.listen(process.env.PORT, "0.0.0.0");')}
    assert fired(tmp_path / "all", everywhere, "F07-S11") == []


def test_na_fires_for_a_go_queue_worker(tmp_path):
    files = {"go.mod": GO_MOD, "main.go": GO_WORKER, "Dockerfile": GO_DOCKERFILE}
    found = fired(tmp_path, files, "F07-NA")
    assert [f.effect.value for f in found] == ["not_applicable"]
    assert lines(found) == {("Dockerfile", 8)}
    assert params(found, "commands") == ["/worker"]


def test_na_is_silent_for_a_go_listener_a_declared_port_and_a_web_process(tmp_path):
    listener = GO_WORKER.replace("for {", 'http.ListenAndServe(":"+os.Getenv("PORT"), nil)\n\tfor {').replace(
        '"os"', '"net/http"\n\t"os"')
    files = {"go.mod": GO_MOD, "main.go": listener, "Dockerfile": GO_DOCKERFILE}
    assert fired(tmp_path / "listener", files, "F07-NA") == []
    exposed = {"go.mod": GO_MOD, "main.go": GO_WORKER, "Dockerfile": GO_DOCKERFILE.replace("ENTRYPOINT", "EXPOSE 8080\nENTRYPOINT")}
    assert fired(tmp_path / "exposed", exposed, "F07-NA") == []
    web = {"go.mod": GO_MOD, "main.go": GO_WORKER, "Procfile": "web: bin/prices\n"}
    assert fired(tmp_path / "web", web, "F07-NA") == []
    assert fired(tmp_path / "nothing", {"go.mod": GO_MOD, "main.go": GO_WORKER}, "F07-NA") == []


K8S_WEB = """\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: shop
    spec:
      template:
        spec:
          containers:
            - name: shop
              image: ghcr.io/acme/shop:1.0.0
              ports:
                - containerPort: 3000
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: shop
    spec:
      ports:
        - port: 80
          targetPort: 3000
    """


def test_s6_fires_for_a_kubernetes_container_port_and_service_target_port(tmp_path):
    files = {"package.json": PACKAGE_JSON, "server.js": _express("app.listen(process.env.PORT);"), "k8s/shop.yaml": K8S_WEB}
    found = fired(tmp_path, files, "F07-S6")
    assert lines(found) == {("k8s/shop.yaml", 12), ("k8s/shop.yaml", 20)}  # the port entry of the Service
    assert sorted(params(found, "detail")) == ["containerPort: 3000 (Deployment shop)", "targetPort: 3000 (Service shop)"]


def test_s6_ignores_a_workload_without_ports(tmp_path):
    no_ports = K8S_WEB.split("---")[0].replace("              ports:\n                - containerPort: 3000\n", "")
    files = {"package.json": PACKAGE_JSON, "server.js": _express("app.listen(process.env.PORT);"), "k8s/shop.yaml": no_ports}
    assert fired(tmp_path, files, "F07-S6") == []


RAILS_APP = {"Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "puma", ">= 6"\n',
             "config/application.rb": "module Shop\n  class Application < Rails::Application\n  end\nend\n"}


def test_s9_and_ne_leave_other_stacks_to_their_own_rules(tmp_path):
    # a Rails app with no deploy file: F07-S5 speaks for Ruby, not F07-NE
    assert fired(tmp_path / "rails", RAILS_APP, "F07-NE") == []
    # an Express app whose only declared process runs a Node worker: not "a web app without listener"
    node = {"package.json": PACKAGE_JSON, "app.js": _express("module.exports = app;"),
            "worker.js": "setInterval(() => console.log('tick'), 1000);\n", "Procfile": "worker: node worker.js\n"}
    assert fired(tmp_path / "node", node, "F07-S9") == []
    # a Rails app run by a Sidekiq process only
    sidekiq = {**RAILS_APP, "Procfile": "worker: bundle exec sidekiq\n"}
    assert fired(tmp_path / "sidekiq", sidekiq, "F07-S9") == []
