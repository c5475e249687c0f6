"""F11-S10: the event stream goes to stdout/stderr, in every stack."""

from __future__ import annotations

from f11_data import (
    GO,
    NODE,
    PRODUCTION_RB,
    RAILS_APP,
    REQS,
    RES,
    SPRING_APP,
    STDOUT_APP,
    params,
    spring_pom,
    variants,
)

from helpers import fired, lines

# --- every stack: handlers, servers, unbuffered output, direct writes -----------------------------------


def test_s10_grades_stream_handler_env_server_default_and_print(tmp_path):
    files = {
        **REQS,
        **STDOUT_APP,
        "worker.py": "print('started')\n",
        "Dockerfile": 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD ["gunicorn", "app:app"]\n',
    }
    found = fired(tmp_path, files, "F11-S10")
    graded = {(f.strength.value, f.locations[0].path, f.locations[0].line) for f in found}
    assert graded == {
        ("strong", "app.py", 4),
        ("moderate", "Dockerfile", 2),
        ("moderate", "Dockerfile", 3),
        ("weak", "worker.py", 1),
    }
    assert "gunicorn" in params(found, "evidence")


def test_s10_reads_gunicorn_s_stream_flags(tmp_path):
    files = {**REQS, "Procfile": "web: gunicorn --access-logfile - app:app\n"}
    assert "gunicorn --access-logfile -" in params(fired(tmp_path, files, "F11-S10"), "evidence")


def test_s10_near_miss_no_server_default_when_gunicorn_logs_to_a_file(tmp_path):
    files = {**REQS, "Procfile": "web: gunicorn --error-logfile /var/log/err.log app:app\n"}
    assert fired(tmp_path, files, "F11-S10") == []


def test_s10_reads_node_stream_loggers_and_names_console_calls(tmp_path):
    files = {
        **NODE,
        "src/logger.js": """
        const pino = require("pino");
        module.exports = pino();
        """,
        "server.js": 'console.error("failed");\n',
    }
    found = fired(tmp_path, files, "F11-S10")
    graded = {(f.strength.value, f.message.key, f.message.param_dict()["evidence"]) for f in found}
    assert graded == {
        ("strong", "F11-S10.message", "pino → stdout"),
        ("weak", "F11-S10.message_print", "console.error"),
    }


def test_s10_near_miss_a_node_file_transport(tmp_path):
    node = {
        **NODE,
        "src/logger.js": """
        const winston = require("winston");
        module.exports = winston.createLogger({ transports: [new winston.transports.File({ filename: "logs/app.log" })] });
        """,
    }
    assert fired(tmp_path, node, "F11-S10") == []  # F11-S01 reports the file


# --- Go ----------------------------------------------------------------------------------------------


def test_s10_go_fires_for_log_set_output_to_stdout(tmp_path):
    files = {**GO, "main.go": 'package main\n\nimport ("log"; "os")\n\nfunc main() {\n\tlog.SetOutput(os.Stdout)\n}\n'}
    found = fired(tmp_path, files, "F11-S10")
    assert lines(found) == {("main.go", 6)} and params(found, "evidence") == ["log.SetOutput → stdout"]
    assert variants(found) == ["F11-S10.message_go"]


def test_s10_go_near_miss_a_file_logger(tmp_path):
    files = {
        **GO,
        "main.go": 'package main\n\nimport ("log"; "os")\n\nfunc main() {\n\tf, _ := os.Create("x.log")\n\tlog.SetOutput(f)\n}\n',
    }
    assert fired(tmp_path, files, "F11-S10") == []


# --- the JVM -----------------------------------------------------------------------------------------


def test_s10_java_fires_for_a_console_appender(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/log4j2.xml": """
        <Configuration>
          <Appenders><Console name="Out" target="SYSTEM_OUT"/></Appenders>
          <Loggers><Root level="info"><AppenderRef ref="Out"/></Root></Loggers>
        </Configuration>
    """
        },
        "F11-S10",
    )
    assert lines(found) == {(f"{RES}/log4j2.xml", 2)} and params(found, "evidence") == ["Console → stdout"]
    assert variants(found) == ["F11-S10.message_java"]


def test_s10_java_fires_for_spring_boot_s_default_console(tmp_path):
    found = fired(tmp_path, {"pom.xml": spring_pom(), **SPRING_APP}, "F11-S10")
    assert variants(found) == ["F11-S10.message_java_default"]


def test_s10_java_near_miss_a_log_file_configured(tmp_path):
    found = fired(
        tmp_path,
        {"pom.xml": spring_pom(), **SPRING_APP, f"{RES}/application.yml": "logging:\n  file:\n    name: app.log\n"},
        "F11-S10",
    )
    assert found == []


# --- Ruby --------------------------------------------------------------------------------------------


def test_s10_ruby_fires_for_a_stdout_logger_and_rails_log_to_stdout(tmp_path):
    files = {
        **RAILS_APP,
        PRODUCTION_RB: """
        Rails.application.configure do
          if ENV["RAILS_LOG_TO_STDOUT"].present?
            config.logger = ActiveSupport::TaggedLogging.new(ActiveSupport::Logger.new(STDOUT))
          end
        end
        """,
    }
    found = fired(tmp_path, files, "F11-S10")
    assert lines(found) == {(PRODUCTION_RB, 2), (PRODUCTION_RB, 3)}
    assert set(variants(found)) == {"F11-S10.message_ruby"}


def test_s10_ruby_near_miss_no_logger(tmp_path):
    assert fired(tmp_path, {**RAILS_APP, PRODUCTION_RB: "Rails.application.configure do\nend\n"}, "F11-S10") == []


def test_the_old_ids_of_each_stack_select_the_merged_rules():
    from twelve.rules.ids import resolve

    assert resolve("F11-S3b") == resolve("f11-s5b") == resolve("F11-S11j") == resolve("F11-S11") == {"F11-S10"}
    assert resolve("F11-S2") == resolve("F11-S4") == {"F11-S01"}


def test_s10_near_miss_console_output_of_browser_code(tmp_path):
    files = {
        "go.mod": "module example.com/a\n\ngo 1.22\n",
        "main.go": "package main\n\nfunc main() {}\n",
        "internal/ui/static/js/app.js": "console.error('no share API');\n",
        "public/js/chart.min.js": "console.log('x');\n",
    }
    assert fired(tmp_path, files, "F11-S10") == []
    server = {**files, "server.js": "console.log('listening');\n"}
    assert lines(fired(tmp_path / "server", server, "F11-S10")) == {("server.js", 1)}


# --- framework defaults: NestJS, Fastify, Celery ----------------------------------------------------------

NODE_PACKAGE = {
    "package.json": '{"name": "api", "scripts": {"start": "node dist/main"},'
    ' "dependencies": {"@nestjs/core": "10.3.0", "fastify": "4.26.0"}}\n'
}
NEST_MAIN = """
    import { NestFactory } from '@nestjs/core';
    import { AppModule } from './app.module';
    async function bootstrap() {
      const app = await NestFactory.create(AppModule);
      await app.listen(process.env.PORT ?? 3000);
    }
    bootstrap();
    """


def test_s10_nestjs_and_fastify_loggers_write_to_stdout_by_default(tmp_path):
    nest = fired(tmp_path / "nest", {**NODE_PACKAGE, "src/main.ts": NEST_MAIN}, "F11-S10")
    assert lines(nest) == {("src/main.ts", 4)}
    assert params(nest, "evidence") == ["NestJS default logger → stdout"]
    server = 'const fastify = require("fastify")({ logger: true });\nfastify.listen({ port: 3000 });\n'
    found = fired(tmp_path / "fastify", {**NODE_PACKAGE, "server.js": server}, "F11-S10")
    assert params(found, "evidence") == ["fastify({ logger: true }) → stdout"]


def test_s10_near_miss_framework_loggers_switched_off_or_replaced(tmp_path):
    custom = NEST_MAIN.replace("NestFactory.create(AppModule)", "NestFactory.create(AppModule, { bufferLogs: true })")
    assert fired(tmp_path / "nest", {**NODE_PACKAGE, "src/main.ts": custom}, "F11-S10") == []
    quiet = 'const fastify = require("fastify")();\nfastify.listen({ port: 3000 });\n'
    assert fired(tmp_path / "fastify", {**NODE_PACKAGE, "server.js": quiet}, "F11-S10") == []
    to_file = 'const app = require("fastify")({ logger: { file: "/var/log/app.log" } });\n'
    assert fired(tmp_path / "file", {**NODE_PACKAGE, "server.js": to_file}, "F11-S10") == []
    assert lines(fired(tmp_path / "file2", {**NODE_PACKAGE, "server.js": to_file}, "F11-S01")) == {("server.js", 1)}


def test_s10_celery_workers_log_to_stderr_unless_given_a_logfile(tmp_path):
    files = {
        "requirements.txt": "celery==5.3.6\n",
        "tasks.py": "from celery import Celery\napp = Celery('t')\n",
        "Procfile": "worker: celery -A tasks worker --loglevel=info\n",
    }
    assert params(fired(tmp_path / "a", files, "F11-S10"), "evidence") == ["celery"]
    to_file = {**files, "Procfile": "worker: celery -A tasks worker --logfile=/var/log/celery.log\n"}
    assert fired(tmp_path / "b", to_file, "F11-S10") == []


def test_s10_python_dash_u_and_logrus_default_output(tmp_path):
    py = {
        "requirements.txt": "redis==5.0.1\n",
        "worker.py": "print('x')\n",
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "-u", "worker.py"]\n',
    }
    found = fired(tmp_path / "py", py, "F11-S10")
    assert ("moderate", "python -u worker.py") in {
        (f.strength.value, f.message.param_dict()["evidence"]) for f in found
    }
    go = {
        "go.mod": "module example.com/a\n\ngo 1.22\n",
        "main.go": ('package main\n\nimport "github.com/sirupsen/logrus"\n\nfunc main() {\n\tlogrus.Info("up")\n}\n'),
    }
    assert lines(fired(tmp_path / "go", go, "F11-S10")) == {("main.go", 6)}


def test_s10_near_miss_python_without_dash_u_and_a_logrus_sent_to_a_file(tmp_path):
    py = {
        "requirements.txt": "redis==5.0.1\n",
        "worker.py": "import redis\n",
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "worker.py"]\n',
    }
    assert fired(tmp_path / "py", py, "F11-S10") == []
    go = {
        "go.mod": "module example.com/a\n\ngo 1.22\n",
        "main.go": (
            'package main\n\nimport ("os"; "github.com/sirupsen/logrus")\n\nfunc main() {\n'
            '\tf, _ := os.OpenFile("app.log", os.O_CREATE|os.O_WRONLY, 0o644)\n\tlogrus.SetOutput(f)\n\tlogrus.Info("up")\n}\n'
        ),
    }
    assert fired(tmp_path / "go", go, "F11-S10") == []


def test_s10_flask_s_default_handler_is_weak_evidence_of_stderr(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\n\napp = Flask(__name__)\n"}
    found = fired(tmp_path / "flask", files, "F11-S10")
    assert [(f.strength.value, f.message.param_dict()["evidence"]) for f in found] == [
        ("weak", "Flask default handler → stderr")
    ]
    django = {
        "requirements.txt": "django==5.0.6\n",
        "wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
    }
    assert fired(tmp_path / "django", django, "F11-S10") == []
