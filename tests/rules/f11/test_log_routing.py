"""F11-S08: the app routes its own log records."""

from __future__ import annotations

from f11_data import LOGBACK, LOGGING_DICT, NODE, POM, REQS, STDOUT_APP, params
from helpers import fired, lines


def test_s08_fires_for_syslog_in_code_and_logstash_in_a_logging_dict(tmp_path):
    files = {**REQS,
             "app.py": "import logging.handlers\nh = logging.handlers.SysLogHandler(address=('logs.example.com', 514))\n",
             "settings.py": LOGGING_DICT.format(cls="logstash.TCPLogstashHandler", extra="")}
    found = fired(tmp_path, files, "F11-S08")
    assert lines(found) == {("app.py", 2), ("settings.py", 4)}
    assert "logstash.TCPLogstashHandler" in params(found, "handler")


def test_s08_near_miss_stream_handlers(tmp_path):
    assert fired(tmp_path, {**REQS, **STDOUT_APP}, "F11-S08") == []


def test_s08_fires_for_network_appenders_and_transports_of_any_language(tmp_path):
    found = fired(tmp_path / "jvm", {**POM, "src/main/resources/logback.xml": LOGBACK.replace("{root}", "SYSLOG")}, "F11-S08")
    assert lines(found) == {("src/main/resources/logback.xml", 2)}  # not the dev profile's Logstash appender
    assert params(found, "handler") == ["SyslogAppender (SYSLOG)"]
    node = {**NODE, "src/logger.js": """
        const winston = require("winston");
        module.exports = winston.createLogger({ transports: [new winston.transports.Http({ host: "logs.example.com" })] });
        """}
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
