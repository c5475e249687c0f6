"""Tests of F07-S06 (rules/f07/declared_port.py): where it fires, and its near misses."""

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


PACKAGE_JSON = '{"name": "shop", "version": "1.0.0", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n'


def _express(listen: str) -> str:
    return f'const express = require("express");\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\n{listen}\n'


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


def test_fires_for_expose_and_a_procfile_port(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S06")
    assert ("Dockerfile", 5) in lines(found)
    procfile = {
        "requirements.txt": REQS,
        "app.py": FLASK_APP,
        "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n",
    }
    assert ("Procfile", 1) in lines(fired(tmp_path / "p", procfile, "F07-S06"))


def test_ignores_a_web_line_without_port(tmp_path):
    files = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path, files, "F07-S06") == []


def test_fires_for_a_kubernetes_container_port_and_service_target_port(tmp_path):
    files = {
        "package.json": PACKAGE_JSON,
        "server.js": _express("app.listen(process.env.PORT);"),
        "k8s/shop.yaml": K8S_WEB,
    }
    found = fired(tmp_path, files, "F07-S06")
    assert lines(found) == {("k8s/shop.yaml", 12), ("k8s/shop.yaml", 20)}  # the port entry of the Service
    assert sorted(params(found, "detail")) == [
        "containerPort: 3000 (Deployment shop)",
        "targetPort: 3000 (Service shop)",
    ]


def test_ignores_a_workload_without_ports(tmp_path):
    no_ports = K8S_WEB.split("---")[0].replace("              ports:\n                - containerPort: 3000\n", "")
    files = {
        "package.json": PACKAGE_JSON,
        "server.js": _express("app.listen(process.env.PORT);"),
        "k8s/shop.yaml": no_ports,
    }
    assert fired(tmp_path, files, "F07-S06") == []
