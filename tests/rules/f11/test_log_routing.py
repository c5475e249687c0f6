"""F11-S08: the app routes its own log records."""

from __future__ import annotations

from f11_data import GO, LOGBACK, LOGGING_DICT, NODE, POM, REQS, STDOUT_APP, params

from helpers import fired, lines


def test_s08_fires_for_syslog_in_code_and_logstash_in_a_logging_dict(tmp_path):
    files = {
        **REQS,
        "app.py": "import logging.handlers\nh = logging.handlers.SysLogHandler(address=('logs.example.com', 514))\n",
        "settings.py": LOGGING_DICT.format(cls="logstash.TCPLogstashHandler", extra=""),
    }
    found = fired(tmp_path, files, "F11-S08")
    assert lines(found) == {("app.py", 2), ("settings.py", 4)}
    assert "logstash.TCPLogstashHandler" in params(found, "handler")


def test_s08_near_miss_stream_handlers(tmp_path):
    assert fired(tmp_path, {**REQS, **STDOUT_APP}, "F11-S08") == []


def test_s08_fires_for_network_appenders_and_transports_of_any_language(tmp_path):
    found = fired(
        tmp_path / "jvm", {**POM, "src/main/resources/logback.xml": LOGBACK.replace("{root}", "SYSLOG")}, "F11-S08"
    )
    assert lines(found) == {("src/main/resources/logback.xml", 2)}  # not the dev profile's Logstash appender
    assert params(found, "handler") == ["SyslogAppender (SYSLOG)"]
    node = {
        **NODE,
        "src/logger.js": """
        const winston = require("winston");
        module.exports = winston.createLogger({ transports: [new winston.transports.Http({ host: "logs.example.com" })] });
        """,
    }
    assert params(fired(tmp_path / "node", node, "F11-S08"), "handler") == ["winston.transports.Http"]


def test_s08_near_miss_console_only_and_development_profiles(tmp_path):
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
    assert fired(tmp_path, {**POM, "src/main/resources/logback.xml": logback}, "F11-S08") == []


def _strength(found):
    return [f.strength.value for f in found]


def test_s08_is_strong_when_the_shipper_is_the_only_sink(tmp_path):
    files = {
        **REQS,
        "app.py": """
        import logging
        import logging.handlers

        handler = logging.handlers.SysLogHandler(address=("logs.example.net", 514))
        logging.getLogger().handlers = [handler]
        """,
    }
    found = fired(tmp_path, files, "F11-S08")
    assert _strength(found) == ["strong"]
    assert found[0].message.key == "F11-S08.message_only"


def test_s08_is_moderate_beside_a_stream_or_behind_an_opt_in(tmp_path):
    beside = {
        **REQS,
        "app.py": """
        import logging
        import logging.handlers
        import sys

        logging.basicConfig(stream=sys.stdout)
        logging.getLogger().addHandler(logging.handlers.SysLogHandler(address=("logs.example.net", 514)))
        """,
    }
    assert _strength(fired(tmp_path / "beside", beside, "F11-S08")) == ["moderate"]
    opt_in = {
        **REQS,
        "app.py": """
        import logging
        import logging.handlers
        import os

        if os.environ.get("SYSLOG_HOST"):
            logging.getLogger().addHandler(logging.handlers.SysLogHandler(address=(os.environ["SYSLOG_HOST"], 514)))
        """,
    }
    found = fired(tmp_path / "opt", opt_in, "F11-S08")
    assert _strength(found) == ["moderate"]
    assert found[0].message.key == "F11-S08.message_optional"


def test_s08_near_miss_not_an_opt_in_when_the_condition_is_the_environment_name(tmp_path):
    files = {
        **REQS,
        "app.py": """
        import logging
        import logging.handlers

        DEBUG = False
        if not DEBUG:
            logging.getLogger().handlers = [logging.handlers.SysLogHandler(address=("logs.example.net", 514))]
        """,
    }
    assert _strength(fired(tmp_path, files, "F11-S08")) == ["strong"]


def test_s08_fires_for_application_insights_console_capture(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const appInsights = require('applicationinsights');
        if (process.env.AI_CONN) {
          appInsights.setup(process.env.AI_CONN).setAutoCollectConsole(true, true).start();
        }
        const express = require('express');
        const app = express();
        app.listen(3000);
        """,
    }
    found = fired(tmp_path, files, "F11-S08")
    assert lines(found) == {("server.js", 3)}
    assert _strength(found) == ["moderate"] and found[0].message.key == "F11-S08.message_copy"


def test_s08_near_miss_application_insights_without_console_capture(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const appInsights = require('applicationinsights');
        appInsights.setup(process.env.AI_CONN).setAutoCollectConsole(false).start();
        """,
    }
    assert fired(tmp_path, files, "F11-S08") == []


def test_s08_fires_for_logtail_behind_an_environment_switch(tmp_path):
    files = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '7.1.3'\ngem 'logtail-rails'\n",
        "config/environments/production.rb": """
        Rails.application.configure do
          base_logger = if ENV["LOGTAIL_API_KEY"].present?
            Logtail::Logger.create_default_logger(ENV["LOGTAIL_API_KEY"])
          else
            ActiveSupport::Logger.new(STDOUT)
          end
          config.logger = ActiveSupport::TaggedLogging.new(base_logger)
        end
        """,
    }
    found = fired(tmp_path, files, "F11-S08")
    assert lines(found) == {("config/environments/production.rb", 3)}
    assert _strength(found) == ["moderate"] and found[0].message.key == "F11-S08.message_optional"


JAVA_AGENT_DOCKERFILE = """
    FROM eclipse-temurin:21-jre
    COPY build/libs/app.jar /app/app.jar
    COPY build/libs/applicationinsights-agent-3.5.2.jar /app/agent.jar
    COPY applicationinsights.json /app/
    ENTRYPOINT ["java", "-javaagent:/app/agent.jar", "-jar", "/app/app.jar"]
    """


def test_s08_fires_for_the_application_insights_java_agent(tmp_path):
    files = {
        **POM,
        "Dockerfile": JAVA_AGENT_DOCKERFILE,
        "applicationinsights.json": '{"role": {"name": "app"}, "instrumentation": {"logging": {"level": "INFO"}}}\n',
    }
    found = fired(tmp_path, files, "F11-S08")
    assert lines(found) == {("Dockerfile", 5)}
    assert params(found, "handler") == ["applicationinsights-agent (-javaagent:/app/agent.jar)"]
    assert found[0].message.key == "F11-S08.message_copy"


def test_s08_near_miss_the_java_agent_with_log_capture_switched_off(tmp_path):
    files = {
        **POM,
        "Dockerfile": JAVA_AGENT_DOCKERFILE,
        "applicationinsights.json": '{"instrumentation": {"logging": {"level": "OFF"}}}\n',
        "applicationinsights-dev.json": '{"instrumentation": {"logging": {"level": "DEBUG"}}}\n',
    }
    assert fired(tmp_path, files, "F11-S08") == []


def test_s08_near_miss_error_trackers(tmp_path):
    files = {
        **POM,
        "src/main/resources/logback.xml": """
        <configuration>
          <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender"/>
          <appender name="SENTRY" class="io.sentry.logback.SentryAppender"/>
          <root level="INFO"><appender-ref ref="CONSOLE"/><appender-ref ref="SENTRY"/></root>
        </configuration>
        """,
    }
    assert fired(tmp_path, files, "F11-S08") == []


def test_s08_fires_for_logrus_hooks_to_syslog(tmp_path):
    files = {
        **GO,
        "main.go": """
        package main

        import (
        	"log/syslog"

        	log "github.com/sirupsen/logrus"
        	lSyslog "github.com/sirupsen/logrus/hooks/syslog"
        )

        func main() {
        	hook, err := lSyslog.NewSyslogHook("udp", "logs.example.net:514", syslog.LOG_INFO, "")
        	if err == nil {
        		log.AddHook(hook)
        	}
        	log.Info("started")
        }
        """,
    }
    found = fired(tmp_path, files, "F11-S08")
    assert lines(found) == {("main.go", 13)}
    assert found[0].message.key == "F11-S08.message_copy"  # logrus still writes to stderr
