from __future__ import annotations

from helpers import ROOT, fired, lines, run, statuses
from materialize import materialize

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK_APP = {"app.py": """
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(host="0.0.0.0", port=5000)
    """}

ENTRYPOINT_NO_ARGS = {
    **REQS, **FLASK_APP,
    "Dockerfile": """
        FROM python:3.12-slim
        COPY . .
        ENTRYPOINT ["sh", "./entrypoint.sh"]
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
        """,
    "entrypoint.sh": """
        #!/bin/sh
        while ! pg_isready -h "$DB_HOST"; do
          sleep 1
        done
        flask init-db
        exec gunicorn --bind 0.0.0.0:8000 app:app
        """,
}

ENTRYPOINT_EXEC_ARGS = {
    **REQS, **FLASK_APP,
    "Dockerfile": """
        FROM python:3.12-slim
        COPY . .
        ENTRYPOINT ["/docker-entrypoint.sh"]
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
        """,
    "docker-entrypoint.sh": """
        #!/bin/sh
        set -e
        exec "$@"
        """,
}

SHELL_FORM = {**REQS, **FLASK_APP, "Dockerfile": """
    FROM python:3.12-slim
    COPY . .
    CMD python app.py
    """}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


# --- F09-S1 graceful shutdown ---------------------------------------------------------------------


def test_s1_fires_for_gunicorn_as_a_framework_default(tmp_path):
    found = fired(tmp_path, {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-S1")
    assert _params(found, "source") == ["gunicorn"]
    assert lines(found) == {("Procfile", 1)}


def test_s1_fires_for_a_draining_sigterm_handler_and_a_lifespan_hook(tmp_path):
    files = {**REQS, "Procfile": "web: python main.py\n", "main.py": """
        import signal
        from fastapi import FastAPI

        app = FastAPI(lifespan=lifespan)

        def drain(signum, frame):
            server.shutdown()

        signal.signal(signal.SIGTERM, drain)
        """}
    found = fired(tmp_path, files, "F09-S1")
    assert set(_params(found, "source")) == {"FastAPI(lifespan)", "signal.signal(SIGTERM, drain)"}
    assert ("main.py", 9) in lines(found)


def test_s1_is_silent_for_a_dev_server_and_an_exiting_handler(tmp_path):
    files = {**REQS, **FLASK_APP, "Procfile": "web: python app.py\n", "stop.py": """
        import atexit, signal, sys

        def bye(signum, frame):
            sys.exit(0)

        signal.signal(signal.SIGTERM, bye)
        atexit.register(print)
        """}
    assert fired(tmp_path, files, "F09-S1") == []


# --- F09-S6 / S7 / S6b signal delivery ------------------------------------------------------------


def test_s6_fires_for_an_entrypoint_that_execs_the_server(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S6")
    assert lines(found) == {("entrypoint.sh", 6)}
    assert _params(found, "command") == ["exec gunicorn --bind 0.0.0.0:8000 app:app"]


def test_s6_fires_for_exec_args_and_for_tini(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_EXEC_ARGS, "F09-S6")
    assert ("docker-entrypoint.sh", 3) in lines(found)
    assert 'exec "$@"' in _params(found, "command")
    tini = {**REQS, "Dockerfile": """
        FROM python:3.12-slim
        ENTRYPOINT ["tini", "--"]
        CMD ["gunicorn", "app:app"]
        """}
    assert ("Dockerfile", 2) in lines(fired(tmp_path / "tini", tini, "F09-S6"))


def test_s6_is_silent_for_a_shell_form_cmd(tmp_path):
    assert fired(tmp_path, SHELL_FORM, "F09-S6") == []


def test_s7_fires_for_a_shell_form_cmd(tmp_path):
    found = fired(tmp_path, SHELL_FORM, "F09-S7")
    assert lines(found) == {("Dockerfile", 3)}
    assert found[0].message.param_dict()["command"] == "CMD python app.py"


def test_s7_fires_for_a_script_that_starts_the_server_without_exec(tmp_path):
    files = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nENTRYPOINT ["./start.sh"]\n',
             "start.sh": "#!/bin/sh\ngunicorn app:app\n"}
    found = fired(tmp_path, files, "F09-S7")
    assert lines(found) == {("start.sh", 2)}


def test_s7_is_silent_for_exec_form_and_for_shell_form_with_exec(tmp_path):
    exec_form = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n'}
    assert fired(tmp_path / "a", exec_form, "F09-S7") == []
    with_exec = {**REQS, "Dockerfile": "FROM python:3.12-slim\nCMD exec gunicorn app:app\n"}
    assert fired(tmp_path / "b", with_exec, "F09-S7") == []


def test_s6b_fires_when_the_entrypoint_never_runs_its_arguments(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S6b")
    assert ("Dockerfile", 4) in lines(found)
    assert found[0].message.param_dict()["script"] == "entrypoint.sh"
    assert found[0].basis.value == "advice" and found[0].strength.value == "weak"


def test_s6b_is_silent_when_the_entrypoint_execs_its_arguments(tmp_path):
    assert fired(tmp_path, ENTRYPOINT_EXEC_ARGS, "F09-S6b") == []


# --- F09-S11 heavy start-up -----------------------------------------------------------------------


def test_s11_fires_for_an_unbounded_wait_and_schema_work_at_start(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S11")
    assert lines(found) == {("entrypoint.sh", 2), ("entrypoint.sh", 5)}
    assert "flask init-db" in _params(found, "command")


def test_s11_fires_for_migrations_chained_in_a_procfile_web_line(tmp_path):
    found = fired(tmp_path, {**REQS, "Procfile": "web: flask db upgrade && gunicorn app:app\n"}, "F09-S11")
    assert _params(found, "command") == ["flask db upgrade"]
    assert lines(found) == {("Procfile", 1)}


def test_s11_is_silent_for_a_bounded_wait_a_short_sleep_and_a_release_step(tmp_path):
    files = {**REQS, "Procfile": "release: flask db upgrade\nweb: ./start.sh\n", "start.sh": """
        #!/bin/sh
        i=0
        while ! pg_isready; do
          i=$((i+1)); [ "$i" -ge 30 ] && exit 1
          sleep 1
        done
        sleep 2
        exec gunicorn app:app
        """}
    assert fired(tmp_path, files, "F09-S11") == []


# --- F09-S13 / S12 / S9 / S14 ---------------------------------------------------------------------


def test_s13_fires_for_an_ignored_sigterm_and_a_trap(tmp_path):
    files = {**REQS, "worker.py": "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n",
             "run.sh": "#!/bin/sh\ntrap '' TERM\nexec python worker.py\n"}
    found = fired(tmp_path, files, "F09-S13")
    assert lines(found) == {("worker.py", 2), ("run.sh", 2)}
    assert "signal.signal(SIGTERM, SIG_IGN)" in _params(found, "handler")


def test_s13_is_silent_for_a_draining_handler(tmp_path):
    files = {**REQS, "worker.py": """
        import signal

        def stop(signum, frame):
            queue.close()

        signal.signal(signal.SIGTERM, stop)
        """}
    assert fired(tmp_path, files, "F09-S13") == []


def test_s12_fires_for_auto_ack_and_not_for_manual_ack(tmp_path):
    code = "channel.basic_consume(queue='jobs', on_message_callback=handle, auto_ack={})\n"
    found = fired(tmp_path / "a", {**REQS, "consumer.py": code.format("True")}, "F09-S12")
    assert lines(found) == {("consumer.py", 1)}
    assert found[0].message.param_dict()["api"] == "channel.basic_consume"
    assert fired(tmp_path / "b", {**REQS, "consumer.py": code.format("False")}, "F09-S12") == []


def test_s9_fires_for_late_acks_and_not_when_disabled(tmp_path):
    conf = "from celery import Celery\napp = Celery('proj')\napp.conf.update(task_acks_late={0}, task_reject_on_worker_lost={0})\n"
    found = fired(tmp_path / "a", {**REQS, "tasks.py": conf.format("True")}, "F09-S9")
    assert lines(found) == {("tasks.py", 3)}
    assert "task_reject_on_worker_lost = True" in found[0].message.param_dict()["settings"]
    assert fired(tmp_path / "b", {**REQS, "tasks.py": conf.format("False")}, "F09-S9") == []


def test_s14_fires_for_long_gunicorn_timeouts(tmp_path):
    found = fired(tmp_path / "a", {**REQS, "Procfile": "web: gunicorn --timeout 300 app:app\n"}, "F09-S14")
    assert _params(found, "timeout") == ["300"]
    conf = {**REQS, "Procfile": "web: gunicorn app:app\n", "gunicorn.conf.py": "timeout = 600\n"}
    found = fired(tmp_path / "b", conf, "F09-S14")
    assert lines(found) == {("gunicorn.conf.py", 1)}


def test_s14_is_silent_for_a_short_timeout(tmp_path):
    assert fired(tmp_path, {**REQS, "Procfile": "web: gunicorn --timeout 30 app:app\n"}, "F09-S14") == []


# --- F09-AP2 / NE ---------------------------------------------------------------------------------


def test_ap2_fires_for_the_flask_dev_server_started_by_python(tmp_path):
    found = fired(tmp_path, SHELL_FORM, "F09-AP2")
    assert lines(found) == {("Dockerfile", 3), ("app.py", 6)}
    assert found[0].message.param_dict()["program"] == "python app.py"


def test_ap2_is_silent_for_gunicorn_and_for_an_app_with_a_shutdown_hook(tmp_path):
    assert fired(tmp_path / "a", {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-AP2") == []
    hooked = {**REQS, "Procfile": "web: python main.py\n",
              "main.py": "from fastapi import FastAPI\napp = FastAPI(lifespan=lifespan)\n"}
    assert fired(tmp_path / "b", hooked, "F09-AP2") == []


def test_ne_fires_without_a_start_command_and_not_with_one(tmp_path):
    found = fired(tmp_path / "a", {**REQS, **FLASK_APP}, "F09-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]
    assert fired(tmp_path / "b", {**REQS, "Procfile": "web: gunicorn app:app\n"}, "F09-NE") == []


# --- the bundled example --------------------------------------------------------------------------


def test_togglemaster_is_partial_with_the_expected_evidence(tmp_path):
    dest = tmp_path / "togglemaster"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(dest))
    assessment = run(dest)
    assert statuses(assessment)[9] == "partial"
    verdict = assessment.main.verdict(9)
    by_rule = {}
    for finding in verdict.findings:
        by_rule.setdefault(finding.rule, set()).update((loc.path, loc.line) for loc in finding.locations)
    assert by_rule["F09-S1"] == {("entrypoint.sh", 18)}
    assert by_rule["F09-S6"] == {("entrypoint.sh", 18)}
    assert by_rule["F09-S11"] == {("entrypoint.sh", 10), ("entrypoint.sh", 15)}
    assert ("Dockerfile", 21) in by_rule["F09-S6b"]
    assert not {"F09-S7", "F09-AP2", "F09-NE"} & set(by_rule)


# --- other stacks --------------------------------------------------------------------------------------

PACKAGE_JSON = '{"name": "shop", "version": "1.0.0", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n'
EXPRESS = 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT);\n'
GEMFILE = 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "puma"\ngem "sidekiq"\ngem "unicorn"\n'
POM = """\
    <project>
      <modelVersion>4.0.0</modelVersion>
      <parent>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-starter-parent</artifactId>
        <version>3.3.5</version>
      </parent>
      <groupId>com.acme</groupId>
      <artifactId>orders</artifactId>
      <version>1.0.0</version>
      <dependencies>
        <dependency>
          <groupId>org.springframework.boot</groupId>
          <artifactId>spring-boot-starter-web</artifactId>
        </dependency>
      </dependencies>
    </project>
    """


def test_ap2_leaves_node_go_and_java_starts_to_their_stack_rules(tmp_path):
    node = {"package.json": PACKAGE_JSON, "server.js": EXPRESS,
            "Dockerfile": 'FROM node:20-slim\nCOPY . .\nCMD ["node", "server.js"]\n'}
    assert fired(tmp_path / "node", node, "F09-AP2") == []
    assert fired(tmp_path / "node2", node, "F09-S2b") != []  # Node's own rule says it
    go = {"go.mod": "module example.com/api\n\ngo 1.22\n", "main.go": 'package main\n\nimport "net/http"\n\n'
          'func main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n',
          "Dockerfile": 'FROM golang:1.22\nCOPY . .\nRUN go build -o /api .\nCMD ["/api"]\n'}
    assert fired(tmp_path / "go", go, "F09-AP2") == []
    java = {"pom.xml": POM, "Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/orders.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n'}
    assert fired(tmp_path / "java", java, "F09-AP2") == []


def test_s1_fires_for_puma_and_sidekiq_behind_bundle_exec_but_not_unicorn(tmp_path):
    files = {"Gemfile": GEMFILE, "Procfile": "web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\n"
             "legacy: bundle exec unicorn -c config/unicorn.rb\n"}
    found = fired(tmp_path, files, "F09-S1")
    assert lines(found) == {("Procfile", 1), ("Procfile", 2)}
    assert _params(found, "source") == ["puma", "sidekiq"]


def test_s1_fires_for_a_spring_boot_jar_with_graceful_shutdown(tmp_path):
    java = {"pom.xml": POM, "src/main/resources/application.properties": "server.shutdown=graceful\n",
            "Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/orders.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n'}
    found = fired(tmp_path / "graceful", java, "F09-S1")
    assert lines(found) == {("Dockerfile", 3)}  # the setting itself is F09-S4's evidence
    assert _params(found, "source") == ["Spring Boot (graceful shutdown)"]
    immediate = {**java, "src/main/resources/application.properties": "server.shutdown=immediate\n"}
    assert fired(tmp_path / "immediate", immediate, "F09-S1") == []


def test_s1_names_each_language_s_handler_and_leaves_the_stack_rules_theirs(tmp_path):
    ruby = {"Gemfile": GEMFILE, "lib/consumer.rb": 'Signal.trap("TERM") do\n  @consumer.stop\nend\n',
            "Procfile": "worker: bundle exec ruby lib/consumer.rb\n"}
    found = fired(tmp_path / "ruby", ruby, "F09-S1")
    assert _params(found, "source") == ['Signal.trap("TERM") { … }']
    assert lines(found) == {("lib/consumer.rb", 1)}
    go = {"go.mod": "module example.com/worker\n\ngo 1.22\n", "Dockerfile": 'FROM golang:1.22\nCOPY . .\nCMD ["/worker"]\n',
          "main.go": 'package main\n\nimport (\n\t"context"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc main() {\n'
                     '\tctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)\n\tdefer stop()\n\t<-ctx.Done()\n}\n'}
    assert _params(fired(tmp_path / "go", go, "F09-S1"), "source") == ["signal.NotifyContext(ctx, SIGTERM)"]
    # Node.js handlers are F09-S2's; one that does not drain is nobody's graceful shutdown
    node = {"package.json": PACKAGE_JSON, "Procfile": "web: node server.js\n",
            "server.js": EXPRESS + 'process.on("SIGTERM", () => server.close(() => process.exit(0)));\n'
                                   'process.on("SIGTERM", () => console.log("bye"));\n'}
    assert fired(tmp_path / "node", node, "F09-S1") == []
    assert len(fired(tmp_path / "node2", node, "F09-S2")) == 1


NPM_APP = {"package.json": PACKAGE_JSON, "server.js": EXPRESS}


def test_s7_is_weak_for_npm_start_as_pid_1(tmp_path):
    files = {**NPM_APP, "Dockerfile": 'FROM node:20-slim\nCOPY . .\nCMD ["npm", "start"]\n'}
    found = fired(tmp_path / "exec", files, "F09-S7")
    assert lines(found) == {("Dockerfile", 3)}
    assert [f.strength.value for f in found] == ["weak"]
    assert found[0].message.param_dict()["script"] == "node server.js"
    assert fired(tmp_path / "s6", files, "F09-S6") == []  # npm, not the app, receives the signal
    script = {**NPM_APP, "Dockerfile": 'FROM node:20-slim\nCOPY . .\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
              "entrypoint.sh": "#!/bin/sh\nnode scripts/migrate.js\nexec npm start\n"}
    assert [f.strength.value for f in fired(tmp_path / "script", script, "F09-S7")] == ["weak"]


def test_s7_stays_moderate_for_npm_start_behind_a_shell(tmp_path):
    shell = {**NPM_APP, "Dockerfile": "FROM node:20-slim\nCOPY . .\nCMD npm start\n"}
    assert [f.strength.value for f in fired(tmp_path / "shell", shell, "F09-S7")] == ["moderate"]
    script = {**NPM_APP, "Dockerfile": 'FROM node:20-slim\nCOPY . .\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
              "entrypoint.sh": "#!/bin/sh\nnpm start\n"}
    assert [f.strength.value for f in fired(tmp_path / "script", script, "F09-S7")] == ["moderate"]
    # the exec form of the app's own command is not reported at all
    direct = {**NPM_APP, "Dockerfile": 'FROM node:20-slim\nCOPY . .\nCMD ["node", "server.js"]\n'}
    assert fired(tmp_path / "direct", direct, "F09-S7") == []


def test_ne_is_silent_when_kubernetes_defines_the_processes(tmp_path):
    files = {**REQS, **FLASK_APP, "k8s/web.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: ghcr.io/acme/web:1.0.0
        """}
    assert fired(tmp_path, files, "F09-NE") == []


def test_s13_names_the_handler_in_its_own_language(tmp_path):
    go = {"go.mod": "module example.com/worker\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"os/signal"\n\t"syscall"\n)\n\n'
          "func main() {\n\tsignal.Ignore(syscall.SIGTERM)\n\tselect {}\n}\n"}
    found = fired(tmp_path / "go", go, "F09-S13")
    assert _params(found, "handler") == ["signal.Ignore(SIGTERM)"]
    assert lines(found) == {("main.go", 9)}
    node = {"package.json": PACKAGE_JSON, "server.js": EXPRESS + 'process.on("SIGTERM", () => process.exit(0));\n'}
    assert _params(fired(tmp_path / "node", node, "F09-S13"), "handler") == ['process.on("SIGTERM", function)']
