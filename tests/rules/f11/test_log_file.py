"""F11-S01: log records written to a file by the app itself, in every stack."""

from __future__ import annotations

from f11_data import (
    GO,
    LOGGING_DICT,
    NODE,
    POM,
    PRODUCTION_RB,
    RAILS_APP,
    REQS,
    RES,
    SPRING_APP,
    STDOUT_APP,
    of_variant,
    params,
    spring_pom,
    variants,
)

from helpers import fired, lines

# --- Python ------------------------------------------------------------------------------------------


def test_s01_fires_for_a_file_handler(tmp_path):
    files = {**REQS, "app.py": "import logging\nlogging.getLogger().addHandler(logging.FileHandler('app.log'))\n"}
    found = fired(tmp_path, files, "F11-S01")
    assert lines(found) == {("app.py", 2)}
    assert found[0].message.param_dict()["target"] == "app.log"
    assert found[0].scope.value == "production" and variants(found) == ["F11-S01.message"]


def test_s01_fires_for_a_logging_dict_and_gunicorn_log_files(tmp_path):
    files = {
        **REQS,
        "settings.py": LOGGING_DICT.format(cls="logging.FileHandler", extra=""),
        "Procfile": "web: gunicorn --access-logfile /var/log/access.log app:app\n",
        "gunicorn.conf.py": "errorlog = '/var/log/error.log'\n",
    }
    found = fired(tmp_path, files, "F11-S01")
    assert {("settings.py", 4), ("Procfile", 1), ("gunicorn.conf.py", 1)} <= lines(found)
    assert {"logging.FileHandler", "gunicorn --access-logfile", "gunicorn errorlog"} <= set(params(found, "handler"))


def test_s01_keeps_test_scope_for_file_handlers_in_tests(tmp_path):
    files = {**REQS, "tests/test_logs.py": "import logging\nh = logging.FileHandler('test.log')\n"}
    found = fired(tmp_path, files, "F11-S01")
    assert [f.scope.value for f in found] == ["test"]


def test_s01_near_miss_stream_logging(tmp_path):
    files = {**REQS, **STDOUT_APP, "Procfile": "web: gunicorn --access-logfile - --error-logfile - app:app\n"}
    assert fired(tmp_path, files, "F11-S01") == []


def test_s01_reads_a_java_file_handler_as_the_jvm_s(tmp_path):
    java = {
        **POM,
        "src/main/java/a/App.java": """
        package a;
        import java.util.logging.FileHandler;
        import java.util.logging.Logger;
        public class App {
          public static void main(String[] args) throws Exception {
            Logger.getLogger("a").addHandler(new FileHandler("/var/log/app.log"));
          }
        }
        """,
    }
    found = fired(tmp_path, java, "F11-S01")
    assert variants(found) == ["F11-S01.message_java"] and params(found, "handler") == ["FileHandler"]


# --- Node.js -------------------------------------------------------------------------------------------


def test_s01_node_fires_for_winston_and_pino_files(tmp_path):
    files = {
        **NODE,
        "src/logger.js": """
        const winston = require("winston");
        const pino = require("pino");
        module.exports = winston.createLogger({
          transports: [new winston.transports.Console(), new winston.transports.File({ filename: "logs/app.log" })],
        });
        const audit = pino(pino.destination("/var/log/audit.log"));
        """,
    }
    found = fired(tmp_path, files, "F11-S01")
    assert lines(found) == {("src/logger.js", 4), ("src/logger.js", 6)}
    assert set(params(found, "target")) == {"logs/app.log", "/var/log/audit.log"}
    assert set(variants(found)) == {"F11-S01.message_node"}


def test_s01_node_near_miss_stdout_loggers_and_test_files(tmp_path):
    files = {
        **NODE,
        "src/logger.js": """
                 const pino = require("pino");
                 module.exports = pino({ level: process.env.LOG_LEVEL || "info" });
                 """,
        "test/setup.js": """
                 const winston = require("winston");
                 new winston.transports.File({ filename: "test.log" });
                 """,
    }
    assert fired(tmp_path, files, "F11-S01") == []


# --- Go ----------------------------------------------------------------------------------------------


def test_s01_go_fires_for_a_log_file_and_lumberjack(tmp_path):
    files = {
        **GO,
        "main.go": """
        package main

        import ("log"; "os"; "gopkg.in/natefinch/lumberjack.v2")

        func main() {
        	f, _ := os.OpenFile("app.log", os.O_CREATE|os.O_WRONLY, 0o644)
        	log.SetOutput(f)
        	log.SetOutput(&lumberjack.Logger{Filename: "/var/log/api.log"})
        }
        """,
    }
    found = fired(tmp_path, files, "F11-S01")
    assert lines(found) == {("main.go", 7), ("main.go", 8)}
    assert sorted(params(found, "target")) == ["/var/log/api.log", "app.log"]
    assert set(variants(found)) == {"F11-S01.message_go"}


def test_s01_go_near_miss_stdout(tmp_path):
    files = {**GO, "main.go": 'package main\n\nimport ("log"; "os")\n\nfunc main() {\n\tlog.SetOutput(os.Stdout)\n}\n'}
    assert fired(tmp_path, files, "F11-S01") == []


# --- the JVM -----------------------------------------------------------------------------------------


def test_s01_java_fires_for_a_logback_file_appender_and_a_spring_log_file(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/logback.xml": """
            <configuration>
              <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
                <file>/var/log/app/app.log</file>
              </appender>
              <root level="INFO"><appender-ref ref="FILE"/></root>
            </configuration>
        """,
            f"{RES}/application.properties": "logging.file.path=/var/log/app\n",
        },
        "F11-S01",
    )
    assert lines(found) == {(f"{RES}/logback.xml", 2), (f"{RES}/application.properties", 1)}
    assert sorted(params(found, "handler")) == ["RollingFileAppender", "logging.file.path"]
    assert sorted(variants(found)) == ["F11-S01.message_java", "F11-S01.message_java_spring"]


def test_s01_java_near_miss_unreferenced_and_dev_only_appenders(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/logback-spring.xml": """
        <configuration>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender"><file>a.log</file></appender>
          <appender name="DEV" class="ch.qos.logback.core.FileAppender"><file>dev.log</file></appender>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender"/>
          <springProfile name="dev"><root><appender-ref ref="DEV"/></root></springProfile>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
    """
        },
        "F11-S01",
    )
    assert found == []


def test_s01_java_spring_boot_app_with_no_file_is_silent(tmp_path):
    assert fired(tmp_path, {"pom.xml": spring_pom(), **SPRING_APP}, "F11-S01") == []


# --- Ruby --------------------------------------------------------------------------------------------


def test_s01_ruby_fires_for_a_file_logger_in_production(tmp_path):
    files = {
        **RAILS_APP,
        PRODUCTION_RB: 'Rails.application.configure do\n  config.logger = Logger.new("log/production.log")\nend\n',
    }
    found = fired(tmp_path, files, "F11-S01")
    assert lines(found) == {(PRODUCTION_RB, 2)} and params(found, "target") == ["log/production.log"]
    assert found[0].strength.value == "strong" and variants(found) == ["F11-S01.message_ruby"]


def test_s01_ruby_infers_rails_default_file_and_is_silent_with_stdout(tmp_path):
    quiet = {**RAILS_APP, PRODUCTION_RB: "Rails.application.configure do\n  config.eager_load = true\nend\n"}
    found = fired(tmp_path / "a", quiet, "F11-S01")
    assert variants(found) == ["F11-S01.message_ruby_default"] and found[0].strength.value == "moderate"
    stdout = {
        **RAILS_APP,
        PRODUCTION_RB: "Rails.application.configure do\n  config.logger = ActiveSupport::TaggedLogging.logger(STDOUT)\nend\n",
    }
    assert fired(tmp_path / "b", stdout, "F11-S01") == []


def test_s01_ruby_file_logger_switched_off_by_rails_log_to_stdout_is_weak(tmp_path):
    files = {
        **RAILS_APP,
        PRODUCTION_RB: """
        Rails.application.configure do
          if ENV["RAILS_LOG_TO_STDOUT"].present?
            config.logger = Logger.new(STDOUT)
          else
            config.logger = Logger.new("log/production.log")
          end
        end
        """,
    }
    found = of_variant(fired(tmp_path, files, "F11-S01"), "ruby")
    assert [f.strength.value for f in found] == ["weak"]
