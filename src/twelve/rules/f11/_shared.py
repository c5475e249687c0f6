"""Pure helpers the rules of factor XI share: how a log handler reads in a message."""

from __future__ import annotations

from twelve.facts.base import Fact
from twelve.knowledge import logs


def handler_code(fact: Fact) -> str:
    """How the code or configuration names a log handler (`logging.FileHandler`, `logger.add`,
    `RollingFileAppender (FILE)`, `logging.file.name`)."""
    data = fact.data
    handler = data.handler
    if handler == "basicConfig(filename)":
        return "logging.basicConfig(filename=…)"
    if data.format == "spring":  # a Spring Boot property (logging.file.name)
        return str(handler)
    if data.format in logs.JVM_LOG_FORMATS:  # an appender of a configuration file: its class and its name
        name = data.name
        return f"{str(handler).rsplit('.', 1)[-1]} ({name})" if name else str(handler).rsplit(".", 1)[-1]
    return str(data.api or handler)
