"""What twelve knows about logging libraries: which handlers, transports and appenders write a
file, which ship records over the network, and which settings rotate files (12factor.net XI:
the app writes its event stream to stdout and never routes or stores it)."""

from __future__ import annotations

import re

#: Python handlers that write to a file (with the names the facts stage gives
#: `logging.basicConfig(filename=...)` and loguru's file sink)
PY_FILE_HANDLERS = frozenset(
    {
        "FileHandler",
        "RotatingFileHandler",
        "TimedRotatingFileHandler",
        "WatchedFileHandler",
        "ConcurrentRotatingFileHandler",
        "basicConfig(filename)",
        "loguru(file)",
    }
)
#: Python handlers that send records to a network destination the app chooses
PY_ROUTING_HANDLERS = frozenset({"SysLogHandler", "SocketHandler", "DatagramHandler", "HTTPHandler", "SMTPHandler"})
#: vendors' Python handlers that ship records (`logstash.TCPLogstashHandler`, `GraylogHandler`,
#: watchtower's `CloudWatchLogHandler`, Better Stack's `LogtailHandler`, opencensus' `AzureLogHandler`...)
PY_ROUTING_VENDORS = re.compile(
    r"Logstash|Fluent|CloudWatch|Loggly|Graylog|GELF|Logtail|Loki|Azure|Logzio|Splunk|"
    r"Datadog|Papertrail|Seq|CloudLogging"
)
#: transports of other languages that ship records to a network destination (winston.Http,
#: pino-elasticsearch, log4js logstash appenders...): their facts say `stream: other` (error
#: trackers such as Sentry capture exceptions, not the log stream: :data:`ERROR_TRACKERS`)
NETWORK_TRANSPORTS = re.compile(
    r"(?i)http|syslog|loggly|papertrail|mongo|cloudwatch|logstash|elastic|logtail|datadog|"
    r"loki|splunk|gelf|graylog|fluent|newrelic|logdna|sumo|tcp|udp|socket|kafka|amqp|"
    r"applicationinsights"
)
#: error trackers: they report exceptions (and the records around them) to a service, they do not
#: route the event stream (criteria: an error tracker beside stdout logging still meets)
ERROR_TRACKERS = re.compile(r"(?i)sentry|rollbar|bugsnag|airbrake|honeybadger|raygun")
#: SDKs and agents that capture, in the process, the records the app's other loggers write (the
#: console, the logging framework) and send a copy to their service: the stream still goes where
#: those loggers send it (`setAutoCollectConsole(true)`, the Application Insights Java agent)
CAPTURING_SHIPPERS = frozenset({"applicationinsights", "applicationinsights-agent"})
#: ... and handler-name prefixes of the same (logrus hooks fire beside the logger's own output,
#: stderr unless told otherwise)
CAPTURING_PREFIXES = ("logrus.Hook(",)
#: Java agents that capture the app's log records and send them to their service, by the name of
#: their jar (`-javaagent:/agents/applicationinsights-agent-3.5.1.jar`): the handler name the facts
#: give them; their configuration files (:data:`AGENT_CONFIG_FILES`) may switch the capture off
LOG_SHIPPING_AGENTS = {"applicationinsights-agent": "applicationinsights-agent"}
#: the configuration files of those agents (glob on the file name) and the agent each configures
AGENT_CONFIG_FILES = (("applicationinsights*.json", "applicationinsights-agent"),)
#: JVM options variables that can attach an agent (`JAVA_TOOL_OPTIONS=-javaagent:...`)
JVM_OPTION_VARIABLES = frozenset({"JAVA_TOOL_OPTIONS", "JAVA_OPTS", "JDK_JAVA_OPTIONS", "CATALINA_OPTS"})
#: a condition that tests the deploy's environment for a setting (an opt-in: the shipping happens only
#: where the variable or setting is given), as opposed to one that tests the environment's name
#: or debug mode (then the shipping is what production does)
OPT_IN_CONDITION = re.compile(
    r"process\.env|\benv\b|ENV\s*\[|ENV\.fetch|environ|getenv|Getenv|System\.getenv|"
    r"settings\.|config\.|\.present\?|\bLOG|_HOST\b|_URL\b|_KEY\b|_TOKEN\b|_CONN"
)
ENVIRONMENT_NAME_CONDITION = re.compile(
    r"(?i)debug|production|\bprod\b|development|NODE_ENV|RAILS_ENV|RACK_ENV|APP_ENV|"
    r"\bENVIRONMENT\b|\bSTAGE\b|Rails\.env|is_prod|isProd"
)
#: where browser code lives (static assets, bundles, Rails' app/javascript): its `console.log`
#: writes to the visitor's browser console, not to the process's stream
BROWSER_CODE = re.compile(r"(^|/)(static|public|assets|wwwroot|webapp|www)/|(^|/)app/javascript/|\.min\.js$")
#: languages of the facts that may be browser code
BROWSER_LANGS = frozenset({"javascript", "typescript"})
#: file names of JavaScript and TypeScript sources
_JS_SOURCE = re.compile(r"\.(?:m|c)?[jt]sx?$")


def is_browser_code(path: str) -> bool:
    """Whether *path* is a script a browser runs (a static asset the app serves), not code of the
    app's own processes."""
    return bool(_JS_SOURCE.search(path) and BROWSER_CODE.search(path))


#: Python web frameworks whose own logger writes to a standard stream unless configured otherwise
#: (Flask's and Quart's default handler on the WSGI/ASGI error stream, Sanic's loggers), and where
#: ({framework fact: stream})
PY_FRAMEWORK_STREAMS = {"flask": "stderr", "quart": "stderr", "sanic": "stdout"}
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

__all__ = [
    "AGENT_CONFIG_FILES",
    "BROWSER_CODE",
    "BROWSER_LANGS",
    "CAPTURING_PREFIXES",
    "CAPTURING_SHIPPERS",
    "ENVIRONMENT_NAME_CONDITION",
    "ERROR_TRACKERS",
    "GO_FILE_WRITERS",
    "JVM_CONFIG_FORMATS",
    "JVM_CONFIG_KINDS",
    "JVM_LOG_FORMATS",
    "JVM_OPTION_VARIABLES",
    "LOG_SHIPPING_AGENTS",
    "NETWORK_TRANSPORTS",
    "OPT_IN_CONDITION",
    "PY_FILE_HANDLERS",
    "PY_ROTATING_PREFIXES",
    "PY_ROTATION_SETTINGS",
    "PY_ROUTING_HANDLERS",
    "PY_ROUTING_VENDORS",
    "PY_FRAMEWORK_STREAMS",
    "PY_STREAM_DEFAULT",
    "PY_STREAM_HANDLER",
]
