"""Facts from logback, log4j2 and log4j configuration files (facts/logconfig.py)."""

from __future__ import annotations

import pytest

from helpers import extract_text
from twelve.facts.jvmmanifests import XmlError

MODULE = "twelve.facts.logconfig"


def handlers(text: str, path: str) -> dict:
    return {f.get("name"): f for f in extract_text(MODULE, path, text) if f.kind == "log.handler"}


def test_logback_file_and_console_appenders():
    found = handlers(
        """
        <configuration>
          <property name="LOG_DIR" value="/var/log/orders"/>
          <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
            <file>${LOG_DIR}/orders.log</file>
            <rollingPolicy class="ch.qos.logback.core.rolling.TimeBasedRollingPolicy">
              <fileNamePattern>${LOG_DIR}/orders.%d.log</fileNamePattern>
              <maxHistory>14</maxHistory>
            </rollingPolicy>
          </appender>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
          </appender>
          <appender name="UNUSED" class="ch.qos.logback.core.FileAppender">
            <file>unused.log</file>
          </appender>
          <root level="INFO">
            <appender-ref ref="FILE"/>
            <appender-ref ref="OUT"/>
          </root>
        </configuration>
    """,
        "src/main/resources/logback.xml",
    )
    file_appender = found["FILE"]
    assert file_appender.line == 3 and file_appender.get("family") == "file" and file_appender.get("rotation")
    assert file_appender.get("target")["value"] == "/var/log/orders/orders.log"  # the file's own property resolved
    assert file_appender.get("referenced") and file_appender.get("ref_profiles") == [None]
    assert found["OUT"].get("stream") == "stderr" and found["OUT"].get("family") == "console"
    assert not found["UNUSED"].get("referenced") and not found["UNUSED"].get("rotation")


def test_spring_profiles_and_spring_boot_includes():
    found = extract_text(
        MODULE,
        "src/main/resources/logback-spring.xml",
        """
        <configuration>
          <include resource="org/springframework/boot/logging/logback/base.xml"/>
          <springProfile name="dev">
            <appender name="DEVFILE" class="ch.qos.logback.core.FileAppender">
              <file>dev.log</file>
            </appender>
            <root><appender-ref ref="DEVFILE"/></root>
          </springProfile>
        </configuration>
    """,
    )
    by_name = {(f.get("name"), f.line): f for f in found}
    console, spring_file = by_name[("CONSOLE", 2)], by_name[("FILE", 2)]
    assert console.get("stream") == "stdout" and spring_file.get("family") == "file" and spring_file.get("referenced")
    assert spring_file.get("target")["source"] == "other"  # ${LOG_FILE}, /tmp/spring.log when unset
    dev = by_name[("DEVFILE", 4)]
    assert dev.get("profile") == "dev" and dev.get("ref_profiles") == ["dev"]


def test_log4j2_xml_appenders_and_properties():
    found = handlers(
        """
        <Configuration status="WARN">
          <Properties>
            <Property name="dir">logs</Property>
          </Properties>
          <Appenders>
            <Console name="Out" target="SYSTEM_OUT"/>
            <RollingFile name="Roll" fileName="${dir}/app.log" filePattern="${dir}/app-%i.log.gz">
              <Policies><SizeBasedTriggeringPolicy size="10 MB"/></Policies>
            </RollingFile>
            <Socket name="Ship" host="logs.example.invalid" port="5000"/>
          </Appenders>
          <Loggers>
            <Root level="info"><AppenderRef ref="Out"/><AppenderRef ref="Roll"/></Root>
          </Loggers>
        </Configuration>
    """,
        "src/main/resources/log4j2.xml",
    )
    assert found["Out"].line == 6 and found["Out"].get("stream") == "stdout"
    assert (
        found["Roll"].line == 7
        and found["Roll"].get("rotation")
        and found["Roll"].get("target")["value"] == "logs/app.log"
    )
    assert found["Ship"].get("family") == "network" and found["Ship"].get("stream") == "other"
    assert not found["Ship"].get("referenced")


def test_log4j_and_log4j2_properties():
    v1 = handlers(
        """
        log4j.rootLogger=INFO, stdout, file
        log4j.appender.stdout=org.apache.log4j.ConsoleAppender
        log4j.appender.file=org.apache.log4j.DailyRollingFileAppender
        log4j.appender.file.File=${catalina.base}/logs/app.log
    """,
        "src/main/resources/log4j.properties",
    )
    assert v1["file"].line == 3 and v1["file"].get("rotation") and v1["file"].get("referenced")
    assert v1["file"].get("target")["source"] == "other"  # a system property, not the environment
    assert v1["stdout"].get("stream") == "stdout"
    v2 = handlers(
        """
        appender.console.type = Console
        appender.console.name = STDOUT
        appender.file.type = File
        appender.file.name = LOGFILE
        appender.file.fileName = /var/log/app.log
        rootLogger.appenderRef.stdout.ref = STDOUT
    """,
        "src/main/resources/log4j2.properties",
    )
    assert v2["STDOUT"].get("referenced") and v2["STDOUT"].line == 1
    assert v2["LOGFILE"].get("family") == "file" and not v2["LOGFILE"].get("referenced")


def test_doctype_is_refused_as_a_parse_error():
    with pytest.raises(XmlError):
        extract_text(
            MODULE,
            "src/main/resources/log4j.xml",
            """
            <?xml version="1.0"?>
            <!DOCTYPE log4j:configuration SYSTEM "log4j.dtd">
            <log4j:configuration/>
        """,
        )


def test_billion_laughs_never_expands():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY a{i} "{"&a;" * 10 if i == 0 else f"&a{i - 1};" * 10}">' for i in range(9))
        + "]><configuration>&a8;</configuration>"
    )
    with pytest.raises(XmlError):
        extract_text(MODULE, "logback.xml", bomb)
