"""F09-S01 (what stops a process gracefully, per stack) and F09-AP02 (servers nothing stops gracefully)."""

from __future__ import annotations

from f09_data import (
    EXPRESS,
    FLASK_APP,
    GEMFILE,
    GO_ABRUPT,
    GO_GRACEFUL,
    GO_MOD,
    PACKAGE_JSON,
    POM,
    REQS,
    RES,
    SHELL_FORM,
    params,
    pom,
    variants,
)

from helpers import fired, lines

NODE = {"package.json": PACKAGE_JSON}


# --- F09-S01, every stack: servers, handlers, hooks -------------------------------------------------


def test_s01_fires_for_gunicorn_as_a_framework_default(tmp_path):
    found = fired(tmp_path, {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-S01")
    assert params(found, "source") == ["gunicorn"]
    assert lines(found) == {("Procfile", 1)}
    assert variants(found) == ["F09-S01.message"]


def test_s01_fires_for_a_draining_sigterm_handler_and_a_lifespan_hook(tmp_path):
    files = {
        **REQS,
        "Procfile": "web: python main.py\n",
        "main.py": """
        import signal
        from fastapi import FastAPI

        app = FastAPI(lifespan=lifespan)

        def drain(signum, frame):
            server.shutdown()

        signal.signal(signal.SIGTERM, drain)
        """,
    }
    found = fired(tmp_path, files, "F09-S01")
    assert set(params(found, "source")) == {"FastAPI(lifespan)", "signal.signal(SIGTERM, drain)"}
    assert ("main.py", 9) in lines(found)


def test_s01_near_miss_a_dev_server_and_an_exiting_handler(tmp_path):
    files = {
        **REQS,
        **FLASK_APP,
        "Procfile": "web: python app.py\n",
        "stop.py": """
        import atexit, signal, sys

        def bye(signum, frame):
            sys.exit(0)

        signal.signal(signal.SIGTERM, bye)
        atexit.register(print)
        """,
    }
    assert fired(tmp_path, files, "F09-S01") == []


def test_s01_fires_for_gunicorn_s_graceful_timeout(tmp_path):
    files = {**REQS, "Procfile": "web: python app.py\n", "gunicorn.conf.py": "graceful_timeout = 30\n"}
    found = fired(tmp_path, files, "F09-S01")
    assert params(found, "source") == ["graceful_timeout = 30"] and lines(found) == {("gunicorn.conf.py", 1)}


def test_s01_fires_for_puma_and_sidekiq_behind_bundle_exec_but_not_unicorn(tmp_path):
    files = {
        "Gemfile": GEMFILE,
        "Procfile": "web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\n"
        "legacy: bundle exec unicorn -c config/unicorn.rb\n",
    }
    found = [f for f in fired(tmp_path, files, "F09-S01") if f.message.key == "F09-S01.message"]
    assert lines(found) == {("Procfile", 1), ("Procfile", 2)}
    assert params(found, "source") == ["puma", "sidekiq"]


def test_s01_fires_for_solid_queue_started_by_its_binstub_or_a_rake_task(tmp_path):
    files = {
        "Gemfile": 'source "https://rubygems.org"\ngem "rails"\n',
        "Procfile": "jobs: bin/jobs\nqueue: bundle exec rake solid_queue:start\n",
    }
    found = fired(tmp_path, files, "F09-S01")
    assert params(found, "source") == ["solid_queue", "solid_queue"]


def test_s01_fires_for_a_spring_boot_jar_with_graceful_shutdown(tmp_path):
    java = {
        "pom.xml": POM,
        f"{RES}/application.properties": "server.shutdown=graceful\n",
        "Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/orders.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
    }
    found = fired(tmp_path / "graceful", java, "F09-S01")
    jar = [f for f in found if f.message.key == "F09-S01.message"]
    assert lines(jar) == {("Dockerfile", 3)}  # the setting itself is the java variant's evidence
    assert params(jar, "source") == ["Spring Boot (graceful shutdown)"]
    assert variants(found) == ["F09-S01.message", "F09-S01.message_java"]
    immediate = {**java, f"{RES}/application.properties": "server.shutdown=immediate\n"}
    assert fired(tmp_path / "immediate", immediate, "F09-S01") == []


def test_s01_names_each_language_s_handler_and_leaves_the_others_their_own_reading(tmp_path):
    ruby = {
        "Gemfile": GEMFILE,
        "lib/consumer.rb": 'Signal.trap("TERM") do\n  @consumer.stop\nend\n',
        "Procfile": "worker: bundle exec ruby lib/consumer.rb\n",
    }
    found = [f for f in fired(tmp_path / "ruby", ruby, "F09-S01") if f.message.key == "F09-S01.message"]
    assert params(found, "source") == ['Signal.trap("TERM") { … }']
    assert lines(found) == {("lib/consumer.rb", 1)}
    go = {
        "go.mod": "module example.com/worker\n\ngo 1.22\n",
        "Dockerfile": 'FROM golang:1.22\nCOPY . .\nCMD ["/worker"]\n',
        "main.go": 'package main\n\nimport (\n\t"context"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc main() {\n'
        "\tctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)\n\tdefer stop()\n\t<-ctx.Done()\n}\n",
    }
    assert params(fired(tmp_path / "go", go, "F09-S01"), "source") == ["signal.NotifyContext(ctx, SIGTERM)"]
    # Node.js handlers have their own reading; one that does not drain is nobody's graceful shutdown
    node = {
        **NODE,
        "Procfile": "web: node server.js\n",
        "server.js": EXPRESS + 'process.on("SIGTERM", () => server.close(() => process.exit(0)));\n'
        'process.on("SIGTERM", () => console.log("bye"));\n',
    }
    assert variants(fired(tmp_path / "node", node, "F09-S01")) == ["F09-S01.message_node"]


# --- F09-S01, Node.js ------------------------------------------------------------------------------


def test_s01_node_fires_for_a_sigterm_handler_closing_the_server(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const express = require("express");
        const server = express().listen(process.env.PORT);
        process.on("SIGTERM", () => server.close(() => process.exit(0)));
        """,
    }
    found = fired(tmp_path / "a", files, "F09-S01")
    assert lines(found) == {("server.js", 3)} and variants(found) == ["F09-S01.message_node"]
    assert fired(tmp_path / "b", files, "F09-AP02") == []


def test_s01_node_fires_for_nest_shutdown_hooks(tmp_path):
    files = {
        **NODE,
        "src/main.ts": """
        import { NestFactory } from "@nestjs/core";
        async function bootstrap() {
          const app = await NestFactory.create(AppModule);
          app.enableShutdownHooks();
          await app.listen(3000);
        }
        bootstrap();
        """,
    }
    assert lines(fired(tmp_path, files, "F09-S01")) == {("src/main.ts", 4)}


# --- F09-S01, Go ----------------------------------------------------------------------------------


def test_s01_go_fires_for_notify_context_and_shutdown(tmp_path):
    found = fired(tmp_path, {**GO_MOD, **GO_GRACEFUL}, "F09-S01")
    assert lines(found) == {("main.go", 13), ("main.go", 17)} and variants(found) == ["F09-S01.message_go"]
    assert params(found, "signal") == ["signal.NotifyContext"] and params(found, "hook") == ["srv.Shutdown"]


def test_s01_go_near_miss_a_handler_that_only_exits(tmp_path):
    files = {
        **GO_MOD,
        "main.go": """
        package main

        import ("os"; "os/signal"; "syscall"; "net/http")

        func main() {
        	c := make(chan os.Signal, 1)
        	signal.Notify(c, syscall.SIGTERM)
        	go func() { <-c; os.Exit(0) }()
        	http.ListenAndServe(":8080", nil)
        }
        """,
    }
    assert "F09-S01.message_go" not in variants(fired(tmp_path, files, "F09-S01"))


# --- F09-S01, Spring Boot ---------------------------------------------------------------------------


def test_s01_java_fires_for_the_graceful_setting(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom(),
            f"{RES}/application.properties": "server.shutdown=graceful\nspring.lifecycle.timeout-per-shutdown-phase=20s\n",
        },
        "F09-S01",
    )
    assert lines(found) == {(f"{RES}/application.properties", 1), (f"{RES}/application.properties", 2)}
    assert params(found, "timeout") == ["20s"] and variants(found) == ["F09-S01.message_java"]


def test_s01_java_fires_for_the_default_of_spring_boot_3_4(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(boot="3.4.2")}, "F09-S01")
    assert variants(found) == ["F09-S01.message_java_default"] and params(found, "how") == ["Spring Boot 3.4.2"]
    assert params(found, "timeout") == ["30s (default)"]


def test_s01_java_near_miss_an_older_boot_without_setting(tmp_path):
    assert fired(tmp_path, {"pom.xml": pom(boot="3.3.5")}, "F09-S01") == []


# --- F09-S01, Ruby --------------------------------------------------------------------------------


RUBY_BASE = {
    "Gemfile": """
    source "https://rubygems.org"
    gem "rails", "~> 7.1.3"
    gem "pg", "~> 1.5"
    gem "puma", ">= 6.4"
    gem "sidekiq", "~> 7.2"
    """,
    "config.ru": 'require_relative "config/environment"\nrun Rails.application\n',
}


def test_s01_ruby_fires_for_puma_and_sidekiq_gems(tmp_path):
    found = fired(tmp_path, RUBY_BASE, "F09-S01")
    assert lines(found) == {("Gemfile", 4), ("Gemfile", 5)} and params(found, "servers") == ["puma, sidekiq"]
    assert variants(found) == ["F09-S01.message_ruby"] and [f.strength.value for f in found] == ["moderate"]


def test_s01_ruby_near_miss_a_trap_that_exits_at_once(tmp_path):
    files = {**RUBY_BASE, "config/initializers/signals.rb": 'Signal.trap("TERM") { exit! }\n'}
    assert fired(tmp_path, files, "F09-S01") == []


# --- F09-AP02 --------------------------------------------------------------------------------------


def test_ap02_fires_for_the_flask_dev_server_started_by_python(tmp_path):
    found = fired(tmp_path, SHELL_FORM, "F09-AP02")
    assert lines(found) == {("Dockerfile", 3), ("app.py", 6)}
    assert found[0].message.param_dict()["program"] == "python app.py"
    assert variants(found) == ["F09-AP02.message"]


def test_ap02_near_miss_gunicorn_and_an_app_with_a_shutdown_hook(tmp_path):
    assert fired(tmp_path / "a", {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-AP02") == []
    hooked = {
        **REQS,
        "Procfile": "web: python main.py\n",
        "main.py": "from fastapi import FastAPI\napp = FastAPI(lifespan=lifespan)\n",
    }
    assert fired(tmp_path / "b", hooked, "F09-AP02") == []


def test_ap02_does_not_judge_uwsgi_or_celery(tmp_path):
    files = {**REQS, "Procfile": "web: uwsgi --http :8000 --module app:app\nbeat: celery -A app beat\n"}
    assert fired(tmp_path, files, "F09-AP02") == []


def test_ap02_reads_node_go_and_java_starts_in_their_own_way(tmp_path):
    node = {**NODE, "server.js": EXPRESS, "Dockerfile": 'FROM node:20-slim\nCOPY . .\nCMD ["node", "server.js"]\n'}
    assert variants(fired(tmp_path / "node", node, "F09-AP02")) == ["F09-AP02.message_node"]
    go = {
        "go.mod": "module example.com/api\n\ngo 1.22\n",
        "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n',
        "Dockerfile": 'FROM golang:1.22\nCOPY . .\nRUN go build -o /api .\nCMD ["/api"]\n',
    }
    assert variants(fired(tmp_path / "go", go, "F09-AP02")) == ["F09-AP02.message_go"]
    java = {
        "pom.xml": POM,
        "Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/orders.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
    }
    assert fired(tmp_path / "java", java, "F09-AP02") == []


def test_ap02_node_fires_for_a_server_without_sigterm_handler(tmp_path):
    found = fired(tmp_path, {**NODE, "server.js": EXPRESS}, "F09-AP02")
    assert lines(found) == {("server.js", 3)}
    assert variants(found) == ["F09-AP02.message_node"]


def test_ap02_node_fires_for_a_handler_that_neither_drains_nor_exits(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const app = require("express")();
        app.listen(process.env.PORT);
        process.on("SIGTERM", () => console.log("got SIGTERM"));
        """,
    }
    found = fired(tmp_path / "a", files, "F09-AP02")
    assert variants(found) == ["F09-AP02.message_node_nodrain"] and ("server.js", 3) in lines(found)
    assert fired(tmp_path / "b", files, "F09-S01") == []


def test_ap02_node_leaves_a_handler_exiting_at_once_to_f09_s13(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const app = require("express")();
        app.listen(process.env.PORT);
        process.on("SIGTERM", () => process.exit(0));
        """,
    }
    assert fired(tmp_path / "a", files, "F09-AP02") == []
    assert lines(fired(tmp_path / "b", files, "F09-S13")) == {("server.js", 3)}


def test_ap02_go_fires_for_listen_and_serve_without_shutdown(tmp_path):
    found = fired(tmp_path / "a", {**GO_MOD, **GO_ABRUPT}, "F09-AP02")
    assert lines(found) == {("main.go", 6)} and params(found, "api") == ["http.ListenAndServe"]
    assert variants(found) == ["F09-AP02.message_go"]
    assert fired(tmp_path / "b", {**GO_MOD, **GO_GRACEFUL}, "F09-AP02") == []


def test_ap02_go_says_when_the_signal_is_caught_but_nothing_shuts_down(tmp_path):
    files = {
        **GO_MOD,
        "main.go": """
        package main

        import ("os"; "os/signal"; "syscall"; "net/http")

        func main() {
        	c := make(chan os.Signal, 1)
        	signal.Notify(c, syscall.SIGTERM)
        	go func() { <-c; println("stopping") }()
        	http.ListenAndServe(":8080", nil)
        }
        """,
    }
    assert variants(fired(tmp_path, files, "F09-AP02")) == ["F09-AP02.message_go_signal"]


def test_the_old_ids_of_each_stack_select_the_merged_rules():
    from twelve.rules.ids import resolve

    assert {old: resolve(old) for old in ("F09-S1", "F09-S2", "F09-S3", "F09-S4", "F09-S5")} == dict.fromkeys(
        ("F09-S1", "F09-S2", "F09-S3", "F09-S4", "F09-S5"), frozenset({"F09-S01"})
    )
    assert resolve("F09-AP2") == resolve("f09-s2b") == resolve("F09-S3b") == {"F09-AP02"}


def test_s01_fires_for_a_script_that_serves_with_uvicorn_or_aiohttp_in_process(tmp_path):
    docker = 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "main.py"]\n'
    uvicorn = {
        "requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n",
        "Dockerfile": docker,
        "main.py": """
        import uvicorn
        from fastapi import FastAPI

        app = FastAPI()

        if __name__ == "__main__":
            uvicorn.run(app, host="0.0.0.0", port=8000)
        """,
    }
    assert params(fired(tmp_path / "u", uvicorn, "F09-S01"), "source") == ["uvicorn.run"]
    assert fired(tmp_path / "u2", uvicorn, "F09-AP02") == []
    aiohttp = {
        "requirements.txt": "aiohttp==3.9.5\n",
        "Dockerfile": docker,
        "main.py": """
        from aiohttp import web

        app = web.Application()

        if __name__ == "__main__":
            web.run_app(app, port=8080)
        """,
    }
    assert params(fired(tmp_path / "a", aiohttp, "F09-S01"), "source") == ["web.run_app"]


def test_ap02_near_miss_flask_s_app_run_is_not_a_draining_server(tmp_path):
    files = {**REQS, **FLASK_APP, "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "app.py"]\n'}
    assert fired(tmp_path / "s", files, "F09-S01") == []
    assert lines(fired(tmp_path / "ap", files, "F09-AP02")) == {("Dockerfile", 3)} | {("app.py", 6)}
