"""Facts of log shipping from inside the process, in every stack: vendors' handlers and SDKs, logrus
hooks, Java agents attached in a Dockerfile and their configuration files (class N)."""

from __future__ import annotations

from helpers import extract_text


def _handlers(module: str, path: str, text: str) -> list:
    return [f for f in extract_text(module, path, text) if f.kind == "log.handler"]


def test_a_java_agent_is_resolved_through_the_file_copied_to_its_path():
    found = _handlers(
        "twelve.facts.dockerfile",
        "Dockerfile",
        """
        FROM eclipse-temurin:21-jre AS build
        COPY applicationinsights-agent-3.5.2.jar /ignored/agent.jar
        FROM eclipse-temurin:21-jre
        COPY --from=build /app/build/libs/applicationinsights-agent*.jar /app/agent.jar
        ENTRYPOINT ["java", "-javaagent:/app/agent.jar", "-jar", "/app/app.jar"]
        """,
    )
    assert [(f.line, f.get("handler"), f.get("api"), f.get("family")) for f in found] == [
        (5, "applicationinsights-agent", "-javaagent:/app/agent.jar", "network")
    ]


def test_a_java_agent_in_jvm_options_and_by_its_own_name():
    found = _handlers(
        "twelve.facts.dockerfile",
        "Dockerfile",
        """
        FROM eclipse-temurin:21-jre
        ENV JAVA_TOOL_OPTIONS="-javaagent:/agents/applicationinsights-agent-3.5.2.jar"
        CMD ["java", "-jar", "/app/app.jar"]
        """,
    )
    assert [f.line for f in found] == [2]


def test_other_java_agents_and_earlier_stages_are_not_log_shippers():
    assert (
        _handlers(
            "twelve.facts.dockerfile",
            "Dockerfile",
            """
        FROM eclipse-temurin:21-jre AS test
        ENTRYPOINT ["java", "-javaagent:/app/applicationinsights-agent.jar", "-jar", "/app/app.jar"]
        FROM eclipse-temurin:21-jre
        COPY dd-java-agent.jar /app/agent.jar
        ENTRYPOINT ["java", "-javaagent:/app/agent.jar", "-jar", "/app/app.jar"]
        """,
        )
        == []
    )


def test_the_agent_configuration_says_whether_it_captures_logs():
    def capture(text: str) -> list:
        return [
            (f.get("enabled"), f.get("level"))
            for f in extract_text("twelve.facts.logconfig", "applicationinsights.json", text)
        ]

    assert capture('{"instrumentation": {"logging": {"level": "INFO"}}}') == [(True, "INFO")]
    assert capture('{"instrumentation": {"logging": {"level": "OFF"}}}') == [(False, "OFF")]
    assert capture('{"instrumentation": {"logging": {"enabled": false}}}') == [(False, None)]
    assert capture('{"role": {"name": "app"}}') == [(True, None)]
    assert capture("not json") == []


def test_python_vendor_handlers_and_their_guard():
    found = _handlers(
        "twelve.facts.python",
        "app.py",
        """
        import logging
        import os
        import logstash
        from logtail import LogtailHandler

        if os.getenv("LOGTAIL_TOKEN"):
            logging.getLogger().addHandler(LogtailHandler(source_token=os.environ["LOGTAIL_TOKEN"]))
        logging.getLogger().addHandler(logstash.TCPLogstashHandler("logs.example.net", 5959))
        """,
    )
    assert [(f.get("handler"), f.get("condition")) for f in found] == [
        ("LogtailHandler", 'os.getenv("LOGTAIL_TOKEN")'),
        ("TCPLogstashHandler", None),
    ]


def test_node_logtail_clients_and_pino_transports():
    found = _handlers(
        "twelve.facts.javascript",
        "log.js",
        """
        const { Logtail } = require("@logtail/node");
        const pino = require("pino");
        const logtail = new Logtail(process.env.LOGTAIL_TOKEN);
        const logger = pino({ transport: { target: "@logtail/pino", options: { sourceToken: "x" } } });
        """,
    )
    assert {(f.get("handler"), f.get("stream")) for f in found} >= {("logtail", "other"), ("@logtail/pino", "other")}


def test_ruby_shipping_loggers():
    found = _handlers(
        "twelve.facts.ruby",
        "config/initializers/log.rb",
        """
        udp = LogStashLogger.new(type: :udp, host: "logs.example.net", port: 5228)
        out = LogStashLogger.new(type: :stdout)
        file = LogStashLogger.new(type: :file, path: "log/app.log")
        tail = Logtail::Logger.create_default_logger(ENV["LOGTAIL_API_KEY"])
        """,
    )
    assert [(f.get("handler"), f.get("stream"), f.get("family")) for f in found] == [
        ("LogStashLogger", "other", "network"),
        ("LogStashLogger", "stdout", None),
        ("LogStashLogger(file)", None, None),
        ("Logtail::Logger", "other", "network"),
    ]


def test_logrus_hooks():
    found = _handlers(
        "twelve.facts.golang",
        "main.go",
        """
        package main

        import (
        	log "github.com/sirupsen/logrus"
        	"github.com/rifflock/lfshook"
        	graylog "gopkg.in/gemnasium/logrus-graylog-hook.v2"
        )

        func main() {
        	log.AddHook(graylog.NewGraylogHook("logs.example.net:12201", nil))
        	log.AddHook(lfshook.NewHook("/var/log/app.log", nil))
        }
        """,
    )
    assert [f.get("handler") for f in found] == ["logrus.Hook(graylog)", "logrus.Hook(file)"]
