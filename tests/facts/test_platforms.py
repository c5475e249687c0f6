"""Platform descriptors (fly.toml, render.yaml) as facts."""

from __future__ import annotations

import pytest

from helpers import extract_text
from twelve.facts import platforms

MODULE = "twelve.facts.platforms"

FLY = """
app = "notes"
kill_signal = "SIGTERM"
kill_timeout = 30

[build]
  dockerfile = "Dockerfile"

[deploy]
  release_command = "python scripts/migrate.py"

[env]
  PORT = "8080"
  DATABASE_PASSWORD = "Zk3r9pQw7LmXv2Rt"

[processes]
  web = "gunicorn notes:app"
  worker = "python -m notes.worker"

[http_service]
  internal_port = 8080
  min_machines_running = 2
  processes = ["web"]
  [[http_service.checks]]
    path = "/health"

[[mounts]]
  source = "data"
  destination = "/data"
  processes = ["worker"]
"""


def test_fly_processes_release_env_and_mounts():
    facts = extract_text(MODULE, "fly.toml", FLY)
    web, worker = [f for f in facts if f.kind == "platform.service"]
    assert (web.line, web.get("name"), web.get("type"), web.get("start")) == (16, "web", "web", "gunicorn notes:app")
    assert (worker.line, worker.get("type"), worker.get("start")) == (17, "worker", "python -m notes.worker")
    assert web.get("release") == "python scripts/migrate.py" and web.get("release_line") == 9
    assert web.get("port") == 8080 and web.get("health_check") and web.get("min_instances") == 2
    assert web.get("kill_timeout") == "30" and web.get("kill_signal") == "SIGTERM"
    assert web.get("volumes") == [] and worker.get("volumes")[0]["target"] == "/data"
    env = {e["key"]: e for e in web.get("env")}
    assert env["PORT"]["value"] == "8080" and env["PORT"]["line"] == 12
    assert env["DATABASE_PASSWORD"]["grade"] == "secret" and "Zk3r9pQw7LmXv2Rt" not in str(web.data)
    assert not [f for f in facts if f.kind == "secret"]  # one line, the secret scan sees it


def test_fly_without_processes_is_one_app():
    (app,) = extract_text(MODULE, "fly.toml", 'app = "x"\n[http_service]\ninternal_port = 8080\n')
    assert (app.get("name"), app.get("type"), app.get("start"), app.line) == ("app", "web", None, 1)


def test_broken_toml_is_a_parse_error():
    with pytest.raises(platforms.tomllib.TOMLDecodeError):
        extract_text(MODULE, "fly.toml", "app = \n[[")


RENDER = """
services:
  - type: web
    name: notes
    runtime: docker
    numInstances: 2
    preDeployCommand: python scripts/migrate.py
    healthCheckPath: /health
    startCommand: gunicorn notes:app
    disk:
      name: uploads
      mountPath: /app/uploads
    envVars:
      - key: DATABASE_URL
        fromDatabase: {name: db, property: connectionString}
      - key: API_KEY
        value: Zk3r9pQw7LmXv2Rt
      - key: SECRET_KEY
        generateValue: true
      - key: STRIPE_KEY
        sync: false
  - type: worker
    name: jobs
    startCommand: python -m notes.worker
    scaling: {minInstances: 1, maxInstances: 4}
  - type: redis
    name: cache
    ipAllowList: []
databases:
  - name: db
    postgresMajorVersion: "16"
"""


def test_render_services_env_and_databases():
    facts = extract_text(MODULE, "render.yaml", RENDER)
    web, worker = [f for f in facts if f.kind == "platform.service"]
    assert (web.line, web.get("type"), web.get("start"), web.get("release"), web.get("release_line")) == (
        2,
        "web",
        "gunicorn notes:app",
        "python scripts/migrate.py",
        6,
    )
    assert web.get("instances") == 2 and web.get("health_check") and web.get("volumes")[0]["target"] == "/app/uploads"
    assert [(e["key"], e["source"]) for e in web.get("env")] == [
        ("DATABASE_URL", "database"),
        ("API_KEY", "literal"),
        ("SECRET_KEY", "generated"),
        ("STRIPE_KEY", "unsynced"),
    ]
    assert (worker.get("type"), worker.get("max_instances")) == ("worker", 4)
    databases = [(f.get("engine"), f.get("version"), f.line) for f in facts if f.kind == "platform.database"]
    assert databases == [("redis", None, 25), ("postgresql", "16", 29)]
    (secret,) = [f for f in facts if f.kind == "secret"]
    assert (secret.line, secret.get("name")) == (16, "API_KEY") and "Zk3r9pQw7LmXv2Rt" not in secret.excerpt
