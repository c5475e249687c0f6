from __future__ import annotations

from helpers import ROOT, fired, lines, run, statuses
from materialize import materialize

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
STDOUT_APP = {"app.py": """
    import logging
    import sys

    logging.basicConfig(stream=sys.stdout, level=logging.INFO)
    """}
LOGGING_DICT = """
    LOGGING = {{
        "version": 1,
        "handlers": {{
            "main": {{"class": "{cls}", "filename": "/var/log/app/app.log"{extra}}},
        }},
    }}
    """


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


# --- F11-S1 log files -----------------------------------------------------------------------------


def test_s1_fires_for_a_file_handler(tmp_path):
    files = {**REQS, "app.py": "import logging\nlogging.getLogger().addHandler(logging.FileHandler('app.log'))\n"}
    found = fired(tmp_path, files, "F11-S1")
    assert lines(found) == {("app.py", 2)}
    assert found[0].message.param_dict()["target"] == "app.log"
    assert found[0].scope.value == "production"


def test_s1_fires_for_a_logging_dict_and_gunicorn_log_files(tmp_path):
    files = {**REQS, "settings.py": LOGGING_DICT.format(cls="logging.FileHandler", extra=""),
             "Procfile": "web: gunicorn --access-logfile /var/log/access.log app:app\n",
             "gunicorn.conf.py": "errorlog = '/var/log/error.log'\n"}
    found = fired(tmp_path, files, "F11-S1")
    assert {("settings.py", 4), ("Procfile", 1), ("gunicorn.conf.py", 1)} <= lines(found)
    assert {"logging.FileHandler", "gunicorn --access-logfile", "gunicorn errorlog"} <= set(_params(found, "handler"))


def test_s1_keeps_test_scope_for_file_handlers_in_tests(tmp_path):
    files = {**REQS, "tests/test_logs.py": "import logging\nh = logging.FileHandler('test.log')\n"}
    found = fired(tmp_path, files, "F11-S1")
    assert [f.scope.value for f in found] == ["test"]


def test_s1_is_silent_for_stream_logging(tmp_path):
    files = {**REQS, **STDOUT_APP, "Procfile": "web: gunicorn --access-logfile - --error-logfile - app:app\n"}
    assert fired(tmp_path, files, "F11-S1") == []


# --- F11-S6 rotation ------------------------------------------------------------------------------


def test_s6_fires_for_rotation_in_code_and_in_a_logging_dict(tmp_path):
    files = {**REQS,
             "app.py": "from logging.handlers import RotatingFileHandler\nh = RotatingFileHandler('a.log', maxBytes=10, backupCount=3)\n",
             "settings.py": LOGGING_DICT.format(cls="logging.FileHandler", extra=', "backupCount": 5')}
    found = fired(tmp_path, files, "F11-S6")
    assert {("app.py", 2), ("settings.py", 4)} <= lines(found)


def test_s6_fires_for_a_log_directory_declared_as_volume(tmp_path):
    files = {**REQS, "Dockerfile": """
        FROM python:3.12-slim
        RUN mkdir -p /var/log/app
        VOLUME ["/var/log/app"]
        CMD ["gunicorn", "app:app"]
        """}
    found = fired(tmp_path, files, "F11-S6")
    assert lines(found) == {("Dockerfile", 2), ("Dockerfile", 3)}
    assert _params(found, "what") == ["VOLUME /var/log/app"]


def test_s6_is_silent_for_a_plain_file_handler_and_a_data_volume(tmp_path):
    files = {**REQS, "app.py": "import logging\nh = logging.FileHandler('a.log')\n",
             "Dockerfile": 'FROM python:3.12-slim\nVOLUME ["/data"]\nCMD ["gunicorn", "app:app"]\n'}
    assert fired(tmp_path, files, "F11-S6") == []


# --- F11-S8 routing -------------------------------------------------------------------------------


def test_s8_fires_for_syslog_in_code_and_logstash_in_a_logging_dict(tmp_path):
    files = {**REQS,
             "app.py": "import logging.handlers\nh = logging.handlers.SysLogHandler(address=('logs.example.com', 514))\n",
             "settings.py": LOGGING_DICT.format(cls="logstash.TCPLogstashHandler", extra="")}
    found = fired(tmp_path, files, "F11-S8")
    assert lines(found) == {("app.py", 2), ("settings.py", 4)}
    assert "logstash.TCPLogstashHandler" in _params(found, "handler")


def test_s8_is_silent_for_stream_handlers(tmp_path):
    assert fired(tmp_path, {**REQS, **STDOUT_APP}, "F11-S8") == []


# --- F11-S9 buffering -----------------------------------------------------------------------------


def test_s9_is_moderate_for_a_python_script_and_weak_for_gunicorn(tmp_path):
    script = {**REQS, "app.py": "print('hi')\n", "Dockerfile": 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n'}
    found = fired(tmp_path / "a", script, "F11-S9")
    assert [(f.strength.value, f.message.param_dict()["program"]) for f in found] == [("moderate", "python")]
    assert lines(found) == {("Dockerfile", 2)}
    server = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n'}
    assert [f.strength.value for f in fired(tmp_path / "b", server, "F11-S9")] == ["weak"]


def test_s9_is_silent_with_pythonunbuffered_or_python_u(tmp_path):
    env = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD ["python", "app.py"]\n'}
    assert fired(tmp_path / "a", env, "F11-S9") == []
    flag = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nCMD ["python", "-u", "app.py"]\n'}
    assert fired(tmp_path / "b", flag, "F11-S9") == []


# --- F11-S10 stdout -------------------------------------------------------------------------------


def test_s10_grades_stream_handler_env_server_default_and_print(tmp_path):
    files = {**REQS, **STDOUT_APP, "worker.py": "print('started')\n",
             "Dockerfile": 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD ["gunicorn", "app:app"]\n'}
    found = fired(tmp_path, files, "F11-S10")
    graded = {(f.strength.value, f.locations[0].path, f.locations[0].line) for f in found}
    assert graded == {("strong", "app.py", 4), ("moderate", "Dockerfile", 2), ("moderate", "Dockerfile", 3),
                      ("weak", "worker.py", 1)}
    assert "gunicorn" in _params(found, "evidence")


def test_s10_has_no_server_default_when_gunicorn_logs_to_a_file(tmp_path):
    files = {**REQS, "Procfile": "web: gunicorn --error-logfile /var/log/err.log app:app\n"}
    assert fired(tmp_path, files, "F11-S10") == []


# --- F11-NE ---------------------------------------------------------------------------------------


def test_ne_fires_without_logging_evidence_and_not_with_print(tmp_path):
    found = fired(tmp_path / "a", {**REQS, "app.py": "x = 1\n"}, "F11-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]
    assert fired(tmp_path / "b", {**REQS, "app.py": "print('x')\n"}, "F11-NE") == []


def test_ne_ignores_logging_evidence_outside_production(tmp_path):
    files = {**REQS, "app.py": "x = 1\n", "tests/test_x.py": "import logging\nh = logging.FileHandler('t.log')\n"}
    assert len(fired(tmp_path, files, "F11-NE")) == 1


# --- the bundled example --------------------------------------------------------------------------


def test_togglemaster_meets_with_the_expected_evidence(tmp_path):
    dest = tmp_path / "togglemaster"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(dest))
    assessment = run(dest)
    assert statuses(assessment)[11] == "meets"
    graded = {(f.rule, f.strength.value, f.locations[0].path, f.locations[0].line)
              for f in assessment.main.verdict(11).findings}
    assert graded == {("F11-S10", "weak", "app.py", 47), ("F11-S10", "moderate", "Dockerfile", 4),
                      ("F11-S10", "moderate", "entrypoint.sh", 18)}


# --- other languages ---------------------------------------------------------------------------------

NODE = {"package.json": '{"name": "a", "version": "1.0.0", "dependencies": {"express": "4.19.2", "winston": "3.13.0", '
                        '"pino": "9.1.0"}}\n'}
GO = {"go.mod": "module example.com/a\n\ngo 1.22\n"}
POM = {"pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>a</artifactId>"
                  "<version>1</version></project>\n"}
LOGBACK = """
    <configuration>
      <appender name="SYSLOG" class="ch.qos.logback.classic.net.SyslogAppender">
        <syslogHost>logs.example.com</syslogHost>
      </appender>
      <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender"/>
      <springProfile name="dev">
        <appender name="LOGSTASH" class="net.logstash.logback.appender.LogstashTcpSocketAppender"/>
      </springProfile>
      <root level="INFO"><appender-ref ref="{root}"/><appender-ref ref="CONSOLE"/></root>
    </configuration>
    """


def test_s10_reads_node_stream_loggers_and_names_console_calls(tmp_path):
    files = {**NODE, "src/logger.js": """
        const pino = require("pino");
        module.exports = pino();
        """, "server.js": 'console.error("failed");\n'}
    found = fired(tmp_path, files, "F11-S10")
    graded = {(f.strength.value, f.message.key, f.message.param_dict()["evidence"]) for f in found}
    assert graded == {("strong", "F11-S10.message", "pino → stdout"),
                      ("weak", "F11-S10.message_print", "console.error")}


def test_s10_near_miss_file_transports_and_stack_stream_handlers(tmp_path):
    node = {**NODE, "src/logger.js": """
        const winston = require("winston");
        module.exports = winston.createLogger({ transports: [new winston.transports.File({ filename: "logs/app.log" })] });
        """}
    assert fired(tmp_path / "node", node, "F11-S10") == []  # F11-S2 reports the file
    go = {**GO, "main.go": 'package main\n\nimport (\n\t"log"\n\t"os"\n)\n\nfunc main() {\n\tlog.SetOutput(os.Stdout)\n}\n'}
    assert fired(tmp_path / "go", go, "F11-S10") == []  # F11-S3b reports log.SetOutput(os.Stdout)


def test_s1_stays_the_python_rule(tmp_path):
    java = {**POM, "src/main/java/a/App.java": """
        package a;
        import java.util.logging.FileHandler;
        import java.util.logging.Logger;
        public class App {
          public static void main(String[] args) throws Exception {
            Logger.getLogger("a").addHandler(new FileHandler("/var/log/app.log"));
          }
        }
        """}
    assert fired(tmp_path, java, "F11-S1") == []  # F11-S4 reports it


def test_s8_fires_for_network_appenders_and_transports_of_any_language(tmp_path):
    found = fired(tmp_path / "jvm", {**POM, "src/main/resources/logback.xml": LOGBACK.replace("{root}", "SYSLOG")}, "F11-S8")
    assert lines(found) == {("src/main/resources/logback.xml", 2)}  # not the dev profile's Logstash appender
    assert _params(found, "handler") == ["SyslogAppender (SYSLOG)"]
    node = {**NODE, "src/logger.js": """
        const winston = require("winston");
        module.exports = winston.createLogger({ transports: [new winston.transports.Http({ host: "logs.example.com" })] });
        """}
    assert _params(fired(tmp_path / "node", node, "F11-S8"), "handler") == ["winston.transports.Http"]


def test_s8_near_miss_console_only_and_development_profiles(tmp_path):
    logback = """
        <configuration>
          <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender"/>
          <springProfile name="dev">
            <appender name="LOGSTASH" class="net.logstash.logback.appender.LogstashTcpSocketAppender"/>
            <root level="DEBUG"><appender-ref ref="LOGSTASH"/></root>
          </springProfile>
          <root level="INFO"><appender-ref ref="CONSOLE"/></root>
        </configuration>
        """
    assert fired(tmp_path, {**POM, "src/main/resources/logback.xml": logback}, "F11-S8") == []


def test_ne_is_silent_next_to_stack_rule_findings(tmp_path):
    go = {**GO, "main.go": """
        package main

        import (
        	"log"
        	"os"
        )

        func main() {
        	f, _ := os.OpenFile("/var/log/app.log", os.O_CREATE|os.O_WRONLY, 0o644)
        	log.SetOutput(f)
        }
        """}
    assert fired(tmp_path / "go", go, "F11-NE") == []  # F11-S3: the log file
    assert len(fired(tmp_path / "empty", {**GO, "main.go": "package main\n\nfunc main() {}\n"}, "F11-NE")) == 1
