"""Rails YAML configuration and credentials files (facts/railsconfig.py)."""

from __future__ import annotations

import pytest

from helpers import extract_text, of
from twelve.facts.railsconfig import neutralise
from twelve.facts.yamlio import YamlError

MODULE = "twelve.facts.railsconfig"


def facts(text: str, path: str):
    return extract_text(MODULE, path, text)


DATABASE = """
    default: &default
      adapter: postgresql
      pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

    development:
      adapter: sqlite3
      database: db/development.sqlite3

    production:
      <<: *default
      url: <%= ENV["DATABASE_URL"] %>
      password: Pr0dPassw0rd!x
    <% if ENV["REPLICA"] %>
      host: replica.internal
    <% end %>
"""


def test_erb_is_neutralised_without_moving_lines():
    text, expressions = neutralise('a: <%= ENV["A"] %>\n<% if x %>\nb: 1\n<%# note %>\n')
    assert text.splitlines()[0] == "a: __erb0__" and text.count("\n") == 4 and expressions == ['ENV["A"]']


def test_database_yml_settings_clients_and_env_reads_per_environment():
    found = facts(DATABASE, "config/database.yml")
    settings = {f.get("path"): f for f in of(found, "config.assign")}
    assert "default.adapter" not in settings  # the anchor's block is read where it is merged
    dev = settings["development.adapter"]
    assert (
        dev.line == 6
        and dev.get("value") == "sqlite3"
        and dev.get("class") == "development"
        and dev.scope.value == "dev"
    )
    prod = settings["production.adapter"]
    assert prod.line == 2 and prod.get("environment") == "production" and prod.scope.value == "production"
    password = settings["production.password"]
    assert password.line == 12 and password.get("grade") == "secret" and "Pr0dPassw0rd" not in password.get("value")
    assert "Pr0dPassw0rd" not in password.excerpt
    assert (
        settings["production.url"].get("source") == "env"
        and settings["production.url"].get("env_name") == "DATABASE_URL"
    )
    assert settings["production.host"].line == 14
    clients = {f.get("environment"): f for f in of(found, "client")}
    assert clients["development"].get("service") == "sqlite" and clients["development"].scope.value == "dev"
    assert clients["production"].get("service") == "postgresql" and clients["production"].get("api") == "database.yml"
    assert {a["key"] for a in clients["production"].get("args")} == {"url", "host", "password"}
    reads = {f.get("name"): f for f in of(found, "env.read")}
    assert reads["DATABASE_URL"].line == 11 and reads["RAILS_MAX_THREADS"].get("default") == "5"
    assert "REPLICA" not in reads  # control tags are not values


def test_storage_yml_services_and_cable_yml_development_default_is_dev_scope():
    storage = facts(
        """
        local:
          service: Disk
          root: <%= Rails.root.join("storage") %>
        amazon:
          service: S3
          bucket: <%= ENV["STORAGE_BUCKET"] %>
    """,
        "config/storage.yml",
    )
    services = {f.get("path"): f.get("value") for f in of(storage, "config.assign") if f.get("name") == "service"}
    assert services == {"local.service": "Disk", "amazon.service": "S3"}
    cable = facts(
        """
        development:
          adapter: async
        production:
          adapter: redis
          url: <%= ENV.fetch("REDIS_URL") { "redis://localhost:6379/1" } %>
    """,
        "config/cable.yml",
    )
    clients = {f.get("environment"): f.get("service") for f in of(cable, "client")}
    assert clients == {"development": "async", "production": "redis"}
    read = of(cable, "env.read")[0]
    assert read.line == 5 and read.scope.value == "production" and read.get("default") == "redis://localhost:6379/1"


def test_credentials_files_never_keep_their_content():
    key = facts("7c1f3e9a0b5d4c2e8f6a1b3d5e7f9a0c\n", "config/master.key")
    assert len(key) == 1 and key[0].kind == "credentials.file" and key[0].get("kind") == "key" and key[0].excerpt == ""
    assert key[0].get("looks_like_key") and "7c1f3e9a" not in str(key[0].data)
    encrypted = facts("abc--def==\n", "config/credentials/production.yml.enc")
    assert encrypted[0].get("kind") == "encrypted" and encrypted[0].get("environment") == "production"
    secrets = facts(
        """
        production:
          secret_key_base: 9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928
        development:
          secret_key_base: devdevdev
    """,
        "config/secrets.yml",
    )
    assert secrets[0].get("kind") == "secrets_yml"
    prod = next(f for f in of(secrets, "config.assign") if f.get("environment") == "production")
    assert prod.get("grade") == "secret" and "9f8e7d6c5b4a3928170" not in prod.excerpt + str(prod.data)


def test_invalid_yaml_raises_the_documented_parse_error():
    with pytest.raises(YamlError):
        facts("production:\n  adapter: [unclosed\n", "config/database.yml")
    with pytest.raises(ValueError):
        facts("- a\n- b\n", "config/database.yml")
