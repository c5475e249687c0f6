"""Small repositories the tests of factor XI share."""

from __future__ import annotations

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
STDOUT_APP = {
    "app.py": """
    import logging
    import sys

    logging.basicConfig(stream=sys.stdout, level=logging.INFO)
    """
}
LOGGING_DICT = """
    LOGGING = {{
        "version": 1,
        "handlers": {{
            "main": {{"class": "{cls}", "filename": "/var/log/app/app.log"{extra}}},
        }},
    }}
    """
NODE = {
    "package.json": '{"name": "a", "version": "1.0.0", "dependencies": {"express": "4.19.2", "winston": "3.13.0", '
    '"pino": "9.1.0"}}\n'
}
GO = {"go.mod": "module example.com/a\n\ngo 1.22\n"}
POM = {
    "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>a</artifactId>"
    "<version>1</version></project>\n"
}
RES = "src/main/resources"
JAVA = "src/main/java/com/acme"
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


def spring_pom() -> str:
    return """
        <project>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>3.3.5</version>
          </parent>
          <artifactId>app</artifactId>
          <packaging>jar</packaging>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>
          </dependencies>
          <build><plugins></plugins></build>
        </project>
    """


SPRING_APP = {
    f"{JAVA}/App.java": """
    package com.acme;

    @SpringBootApplication
    public class App {
        public static void main(String[] args) { SpringApplication.run(App.class, args); }
    }
"""
}

GEMFILE = {
    "Gemfile": """
    source "https://rubygems.org"
    gem "rails", "~> 7.1.3"
    gem "pg", "~> 1.5"
    gem "puma", ">= 6.4"
    gem "sidekiq", "~> 7.2"
    """
}
RAILS_APP = {
    **GEMFILE,
    "config.ru": 'require_relative "config/environment"\nrun Rails.application\n',
    "config/application.rb": """
    require "rails/all"
    module Shop
      class Application < Rails::Application
        config.load_defaults 7.1
      end
    end
    """,
}
PRODUCTION_RB = "config/environments/production.rb"


def params(found, key):
    return [f.message.param_dict()[key] for f in found]


def variants(found):
    """The message key of each finding (its variant: `F11-S01.message_node`)."""
    return [f.message.key for f in found]


def of_variant(found, variant=None):
    """The findings whose message is the given variant (None: the plain message)."""
    return [
        f for f in found if f.message.key.rsplit(".", 1)[-1] == ("message" if variant is None else f"message_{variant}")
    ]
