"""What twelve knows about logging libraries: which handlers, transports and appenders write a
file, which ship records over the network, and which settings rotate files (12factor.net XI:
the app writes its event stream to stdout and never routes or stores it)."""

from __future__ import annotations

import re

#: Python handlers that write to a file (with the names the facts stage gives
#: `logging.basicConfig(filename=...)` and loguru's file sink)
PY_FILE_HANDLERS = frozenset({"FileHandler", "RotatingFileHandler", "TimedRotatingFileHandler", "WatchedFileHandler",
                              "ConcurrentRotatingFileHandler", "basicConfig(filename)", "loguru(file)"})
#: Python handlers that send records to a network destination the app chooses
PY_ROUTING_HANDLERS = frozenset({"SysLogHandler", "SocketHandler", "DatagramHandler", "HTTPHandler", "SMTPHandler"})
#: vendors' Python handlers that ship records (`logstash.TCPLogstashHandler`, `GraylogHandler`...)
PY_ROUTING_VENDORS = re.compile(r"Logstash|Fluent|CloudWatch|Loggly|Graylog|GELF")
#: transports of other languages that ship records to a network destination (winston.Http,
#: pino-elasticsearch, log4js logstash appenders...): their facts say `stream: other`
NETWORK_TRANSPORTS = re.compile(r"(?i)http|syslog|loggly|papertrail|mongo|cloudwatch|logstash|elastic|logtail|datadog|"
                                r"loki|splunk|gelf|graylog|fluent|newrelic|logdna|sumo|sentry|tcp|udp|socket|kafka|amqp")
#: Go writers that are log files whatever their name says (lumberjack's rotating file)
GO_FILE_WRITERS = frozenset({"lumberjack.Logger"})
#: settings of a Python logging dictionary's handler that rotate or keep old files
PY_ROTATION_SETTINGS = frozenset({"maxBytes", "backupCount", "when", "interval", "rotation", "retention"})
#: prefixes of Python handler classes that rotate their files
PY_ROTATING_PREFIXES = ("Rotating", "TimedRotating", "ConcurrentRotating")
#: the Python handler that writes to a stream (stderr unless told otherwise)
PY_STREAM_HANDLER = "StreamHandler"
PY_STREAM_DEFAULT = "stderr"
#: logging configuration formats of the JVM: files (logback.xml, log4j2.xml...) and Spring Boot's properties
JVM_CONFIG_FORMATS = frozenset({"logback", "log4j", "log4j2"})
JVM_LOG_FORMATS = JVM_CONFIG_FORMATS | {"spring"}
#: file kinds of JVM logging configuration files
JVM_CONFIG_KINDS = frozenset({"log_config_xml", "log_config_properties"})

__all__ = ["GO_FILE_WRITERS", "JVM_CONFIG_FORMATS", "JVM_CONFIG_KINDS", "JVM_LOG_FORMATS", "NETWORK_TRANSPORTS",
           "PY_FILE_HANDLERS", "PY_ROTATING_PREFIXES", "PY_ROTATION_SETTINGS", "PY_ROUTING_HANDLERS", "PY_ROUTING_VENDORS",
           "PY_STREAM_DEFAULT", "PY_STREAM_HANDLER"]
