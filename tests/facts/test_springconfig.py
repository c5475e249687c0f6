"""Facts from Spring Boot configuration files (facts/springconfig.py)."""

from __future__ import annotations

import pytest

from helpers import extract_text, of
from twelve.facts.model import Value
from twelve.facts.springconfig import ConfigError, describe_value, parse_properties, placeholders
from twelve.facts.yamlio import YamlError

MODULE = "twelve.facts.springconfig"
YML = "src/main/resources/application.yml"
PROPS = "src/main/resources/application.properties"


def V(plain: dict) -> Value:
    """The Value a test expects, written in its plain form."""
    return Value.from_plain(plain)


def facts(text: str, path: str = YML):
    return extract_text(MODULE, path, text)


def assigned(found) -> dict:
    return {f.get("name"): f for f in of(found, "config.assign")}


def test_yaml_keys_are_flattened_with_lines_and_value_sources():
    found = facts("""
        server:
          port: ${PORT:8080}
        spring:
          datasource:
            url: ${DATABASE_URL}
            username: orders
          flyway:
            locations:
              - classpath:db/migration
    """)
    values = assigned(found)
    assert values["server.port"].line == 2 and values["server.port"].get("source") == "env"
    assert values["server.port"].get("env_name") == "PORT" and values["server.port"].get("env_default") == "8080"
    url = values["spring.datasource.url"]
    assert url.line == 5 and url.get("env_name") == "DATABASE_URL" and not url.get("env_has_default")
    assert values["spring.datasource.username"].get("source") == "literal"
    assert values["spring.flyway.locations[0]"].line == 9
    assert all(f.get("container") == "file" and f.get("profile") is None for f in values.values())


def test_properties_files_and_profile_from_the_file_name():
    found = facts(
        """
        # comment
        spring.datasource.url=jdbc:h2:mem:shop
        app.greeting = hello \\
            world
    """,
        "src/main/resources/application-dev.properties",
    )
    values = assigned(found)
    assert values["spring.datasource.url"].line == 2 and values["spring.datasource.url"].get("profile") == "dev"
    assert values["app.greeting"].get("value") == "hello world"
    assert of(found, "client") == []  # a development profile's datasource is parity evidence, not a client


def test_document_profiles_in_one_yaml_file():
    found = facts("""
        spring:
          datasource:
            url: jdbc:postgresql://db:5432/app
        ---
        spring:
          config:
            activate:
              on-profile: test
          datasource:
            url: jdbc:h2:mem:app
    """)
    urls = [f for f in of(found, "config.assign") if f.get("name") == "spring.datasource.url"]
    assert [(u.line, u.get("profile")) for u in urls] == [(3, None), (10, "test")]
    client = of(found, "client")
    assert len(client) == 1 and client[0].get("service") == "postgresql" and client[0].line == 3


def test_literal_secrets_are_graded_and_masked():
    found = facts(
        """
        jwt.secret=Zk3v9QpL2xWm7RtY4nBc8HdJ6sFa1GeU
        spring.datasource.password=${DB_PASSWORD:postgres}
    """,
        PROPS,
    )
    values = assigned(found)
    secret = values["jwt.secret"]
    assert secret.get("grade") == "secret" and "Zk3v9QpL2xWm7RtY4nBc8HdJ6sFa1GeU" not in str(secret.data)
    assert "Zk3v9QpL2xWm7RtY4nBc8HdJ6sFa1GeU" not in secret.excerpt
    password = values["spring.datasource.password"]
    assert password.get("source") == "env" and password.get("default_grade") == "trivial"


def test_derived_facts_for_shutdown_logging_sessions_profiles_and_services():
    found = facts(
        """
        server.shutdown=graceful
        logging.file.name=/var/log/app.log
        logging.logback.rollingpolicy.max-history=7
        spring.session.store-type=redis
        spring.profiles.active=prod
        spring.data.redis.url=${REDIS_URL}
        spring.rabbitmq.host=rabbit.internal
    """,
        PROPS,
    )
    assert [(f.line, f.get("api")) for f in of(found, "shutdown.hook")] == [(1, "server.shutdown=graceful")]
    handler = of(found, "log.handler")[0]
    assert handler.line == 2 and handler.get("handler") == "logging.file.name" and handler.get("rotation")
    assert handler.get("target")["value"] == "/var/log/app.log"
    assert of(found, "session.store")[0].get("store") == "redis"
    assert of(found, "config.select")[0].get("value") == "prod"
    clients = {c.get("service"): c for c in of(found, "client")}
    assert clients["redis"].get("args")[0]["env_name"] == "REDIS_URL"
    assert clients["amqp"].get("args")[0] == V(
        {
            "key": "host",
            "source": "literal",
            "value": "rabbit.internal",
            "value_kind": "str",
            "grade": clients["amqp"].get("args")[0]["grade"],
        }
    )


def test_immediate_shutdown_is_only_a_setting():
    found = facts("server.shutdown=immediate\n", PROPS)
    assert of(found, "shutdown.hook") == [] and assigned(found)["server.shutdown"].get("value") == "immediate"


def test_embedded_placeholders_make_a_template():
    info = describe_value("spring.datasource.url", "jdbc:postgresql://${DB_HOST:localhost}:5432/${DB_NAME:app}")
    assert info["source"] == "env" and info["env_names"] == ["DB_HOST", "DB_NAME"]
    assert info["env_default"] == "jdbc:postgresql://localhost:5432/app"
    assert describe_value("x", "${A:${B:c}}")["env_default"] == "${B:c}"
    assert describe_value("x", "${a.b}") == {"source": "other", "text": "${a.b}", "property": "a.b"}
    assert placeholders("${unterminated") == []


def test_properties_parser_follows_java_rules():
    docs = parse_properties("a=1\n! bang comment\nb : 2\nc 3\nd\\=e=4\n#---\nf=\\u0041\n")
    assert docs == [[("a", "1", 1), ("b", "2", 3), ("c", "3", 4), ("d=e", "4", 5)], [("f", "A", 7)]]


def test_malformed_yaml_is_a_parse_error():
    with pytest.raises(YamlError):
        facts("spring: [unclosed\n")


def test_alias_expansion_is_bounded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 8)
    ]
    with pytest.raises((ConfigError, YamlError)):
        facts("\n".join(lines) + "\n")


def test_named_datasources_are_clients():
    found = facts("""
        spring:
          datasource:
            dynamic:
              primary: base
              datasource:
                base:
                  url: jdbc:mysql://127.0.0.1:3306/shop
                quartz:
                  url: ${QUARTZ_DB_URL}
            hikari:
              jdbc-url: jdbc:postgresql://db/app
    """)
    clients = {f.line: f for f in of(found, "client")}
    assert (
        clients[7].get("service") == "mysql"
        and clients[7].get("api") == "spring.datasource.dynamic.datasource.base.url"
    )
    assert clients[9].get("args")[0]["env_name"] == "QUARTZ_DB_URL"
    assert clients[11].get("service") == "postgresql"
    assert len(clients) == 3
