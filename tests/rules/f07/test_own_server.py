"""Tests of F07-S01 (rules/f07/own_server.py): where it fires, and its near misses."""

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


RES = "src/main/resources"


def pom(dependencies: str = "", *, packaging: str = "jar", plugins: str = "", boot: str = "3.3.5") -> str:
    return f"""
        <project>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>{boot}</version>
          </parent>
          <artifactId>app</artifactId>
          <packaging>{packaging}</packaging>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>{dependencies}
          </dependencies>
          <build><plugins>{plugins}</plugins></build>
        </project>
    """


BOOT_PLUGIN = """
            <plugin>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-maven-plugin</artifactId>
            </plugin>"""
JAR_DOCKERFILE = {
    "Dockerfile": """
    FROM eclipse-temurin:21-jre
    COPY target/app.jar /app/app.jar
    ENTRYPOINT ["java", "-jar", "/app/app.jar"]
"""
}


def params_jvm(found, key):
    return [f.message.param_dict()[key] for f in found]


PACKAGE = {
    "package.json": """
    {
      "name": "api",
      "main": "server.js",
      "scripts": { "start": "node server.js" },
      "dependencies": { "express": "^4.19.2", "pg": "8.11.5" }
    }
    """
}
LOCK = {
    "package-lock.json": '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/express": {}, "node_modules/pg": {}}}\n'
}
SERVER = {
    "server.js": """
    const express = require("express");
    const app = express();
    app.listen(process.env.PORT || 3000);
    """
}
GEMFILE = {
    "Gemfile": """
    source "https://rubygems.org"
    gem "rails", "~> 7.1.3"
    gem "pg", "~> 1.5"
    gem "puma", ">= 6.4"
    gem "sidekiq", "~> 7.2"
    """
}
RUBY_LOCK = {
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
BASE = {**GEMFILE, **RUBY_LOCK, **APP}


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


def test_fires_for_a_declared_server_started_by_the_entrypoint(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S01")
    assert len(found) == 1
    assert {("entrypoint.sh", 4), ("requirements.txt", 2)} <= lines(found)
    assert found[0].message.param_dict()["spec"] == "gunicorn==22.0.0"


def test_fires_for_uvicorn_run_in_the_started_module(tmp_path):
    files = {
        "requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n",
        "main.py": "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n"
        "if __name__ == '__main__':\n    uvicorn.run(app, host='0.0.0.0', port=8000)\n",
        "Procfile": "web: python main.py\n",
    }
    found = fired(tmp_path, files, "F07-S01")
    assert params(found, "server") == ["uvicorn"]
    assert ("main.py", 5) in lines(found)


def test_ignores_a_dev_server_and_a_guarded_call_off_the_start_path(tmp_path):
    assert fired(tmp_path, DEV_SERVER, "F07-S01") == []
    guarded = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec celery -A app worker\n"}
    assert fired(tmp_path / "guarded", guarded, "F07-S01") == []


def test_embedded_server_and_executable_jar(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom(plugins=BOOT_PLUGIN),
            **JAR_DOCKERFILE,
            f"{RES}/application.yml": "server:\n  port: ${PORT:8080}\n",
        },
        "F07-S01",
    )
    assert (
        ("pom.xml", 10) in lines(found)
        and ("pom.xml", 16) in lines(found)
        and (f"{RES}/application.yml", 2) in lines(found)
    )
    assert params_jvm(found, "starter") == ["spring-boot-starter-web"] and params_jvm(found, "port") == ["${PORT:8080}"]


def test_near_miss_war_in_tomcat(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom(packaging="war", plugins=BOOT_PLUGIN),
            "Dockerfile": "FROM tomcat:10.1\nCOPY target/app.war /usr/local/tomcat/webapps/ROOT.war\n",
        },
        "F07-S01",
    )
    assert found == []


def test_port_from_environment(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **LOCK, **SERVER}, "F07-S01")
    assert lines(found) == {("server.js", 3)}
    params = dict(found[0].message.params)
    assert (params["name"], params["fallback"], params["api"]) == ("PORT", " (fallback 3000)", "app.listen")


def test_literal_port_still_binds_its_own_port(tmp_path):
    files = {**PACKAGE, **LOCK, "server.js": "const app = require('express')();\napp.listen(3000);\n"}
    found = fired(tmp_path, files, "F07-S01")
    assert [f.message.key for f in found] == ["F07-S01.message_node_fixed"] and found[0].strength.value == "strong"


def test_fires_strong_for_puma_with_port_from_env(tmp_path):
    files = {**BASE, "config/puma.rb": 'port ENV.fetch("PORT") { 3000 }\nworkers ENV.fetch("WEB_CONCURRENCY", 2)\n'}
    found = fired(tmp_path, files, "F07-S01")
    assert lines(found) == {("Gemfile", 4), ("config/puma.rb", 1)} and found[0].strength.value == "strong"
    assert _params(found, "port") == ["$PORT (3000)"]


def test_is_strong_for_a_fixed_port_and_silent_without_a_server_gem(tmp_path):
    fixed = fired(tmp_path / "a", {**BASE, "config/puma.rb": "port 3000\n"}, "F07-S01")
    assert fixed[0].strength.value == "strong" and fixed[0].message.key == "F07-S01.message_ruby_fixed"
    no_server = {"Gemfile": 'source "https://rubygems.org"\ngem "rails"\n', **APP}
    assert fired(tmp_path / "b", no_server, "F07-S01") == []


def test_port_is_strong_from_env_and_when_fixed(tmp_path):
    found = fired(tmp_path / "a", {**GO_MOD, **GRACEFUL}, "F07-S01")
    assert (
        lines(found) == {("main.go", 15)}
        and found[0].strength.value == "strong"
        and _params(found, "port") == ["$PORT"]
    )
    fixed = fired(tmp_path / "b", {**GO_MOD, **ABRUPT}, "F07-S01")
    assert fixed[0].strength.value == "strong" and _params(fixed, "port") == ["8080"]
