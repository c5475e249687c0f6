"""F04-S01 (locator from configuration, Spring included) and F04-S06 (endpoint in the code)."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}
RES = "src/main/resources"


def params(found, key):
    return [f.message.param_dict()[key] for f in found]


def test_s01_fires_for_clients_built_from_env(tmp_path):
    code = (
        'import os\nimport psycopg2\nHOST = os.getenv("DB_HOST")\n\ndef conn():\n'
        '    return psycopg2.connect(host=HOST, password=os.environ["DB_PASSWORD"])\n'
    )
    found = fired(tmp_path, {**REQ, "db.py": code}, "F04-S01")
    assert found[0].message.param_dict() == {"names": "DB_HOST, DB_PASSWORD", "service": "PostgreSQL"}
    assert lines(found) == {("db.py", 6)}


def test_s01_follows_settings_names_across_files(tmp_path):
    settings = 'import os\nREDIS_URL = os.environ["REDIS_URL"]\n'
    code = "import redis\nimport settings\nr = redis.from_url(settings.REDIS_URL)\n"
    found = fired(tmp_path, {**REQ, "settings.py": settings, "cache.py": code}, "F04-S01")
    assert any(f.locations[0].path == "cache.py" and f.strength.value == "strong" for f in found)


def test_s01_is_silent_for_literal_endpoints(tmp_path):
    code = 'import psycopg2\nconn = psycopg2.connect(host="db.prod.example.com", dbname="app")\n'
    assert fired(tmp_path, {**REQ, "db.py": code}, "F04-S01") == []


def test_s01_counts_locators_read_from_the_environment_when_no_client_is_seen(tmp_path):
    code = "const api = process.env.CATALOG_API_URL;\nmodule.exports = { api };\n"
    files = {"package.json": '{"name": "web", "dependencies": {"express": "4.19.2"}}', "src/api.js": code}
    found = fired(tmp_path / "a", files, "F04-S01")
    assert [(f.message.key, f.message.param_dict()["names"]) for f in found] == [
        ("F04-S01.message_env_locator", "CATALOG_API_URL")
    ]
    assert fired(tmp_path / "b", files, "F04-NA") == []
    plain = {**files, "src/api.js": "const base = process.env.PUBLIC_SITE_URL;\n"}
    assert fired(tmp_path / "c", plain, "F04-S01") == []


def test_s01_spring_datasource_from_environment(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/application.yml": (
                "spring:\n  datasource:\n    url: ${JDBC_DATABASE_URL}\n  data:\n    redis:\n      url: ${REDIS_URL}\n"
            )
        },
        "F04-S01",
    )
    spring = [f for f in found if f.message.key == "F04-S01.message_spring"]
    assert spring == found
    assert lines(spring) == {(f"{RES}/application.yml", 3), (f"{RES}/application.yml", 6)}
    assert sorted(params(spring, "names")) == ["JDBC_DATABASE_URL", "REDIS_URL"]


def test_s01_spring_near_miss_literal_url(tmp_path):
    found = fired(
        tmp_path,
        {f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db.internal/app\n"},
        "F04-S01",
    )
    assert found == []


def test_s06_fires_for_literal_endpoints(tmp_path):
    code = 'import redis\nr = redis.Redis(host="cache.prod.internal", port=6379)\n'
    found = fired(tmp_path, {**REQ, "cache.py": code}, "F04-S06")
    assert found[0].strength.value == "strong"
    assert lines(found) == {("cache.py", 2)}


def test_s06_is_weak_for_localhost_fallbacks(tmp_path):
    code = 'import os, redis\nr = redis.from_url(os.getenv("REDIS_URL", "redis://localhost:6379/0"))\n'
    found = fired(tmp_path, {**REQ, "cache.py": code}, "F04-S06")
    assert [f.strength.value for f in found] == ["weak"]


def test_s06_fires_for_literal_locator_settings_in_application_code(tmp_path):
    code = (
        "from flask import Flask\napp = Flask(__name__)\n"
        'app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://app:pw@db.prod.example.com/app"\n'
    )
    found = fired(tmp_path, {**REQ, "app.py": code}, "F04-S06")
    assert found[0].message.param_dict()["service"] == "PostgreSQL"
    assert found[0].strength.value == "strong"


def test_s06_near_miss_a_literal_in_a_configuration_module_is_f04_s10(tmp_path):
    # a settings module is committed configuration (F04-S10, moderate), not a code constant
    code = 'SQLALCHEMY_DATABASE_URI = "postgresql://app:pw@db.prod.example.com/app"\n'
    files = {**REQ, "config.py": code}
    assert fired(tmp_path / "a", files, "F04-S06") == []
    assert [f.strength.value for f in fired(tmp_path / "b", files, "F04-S10")] == ["moderate"]


def test_s06_remote_fallback_is_moderate(tmp_path):
    code = 'import os, redis\nr = redis.from_url(os.getenv("REDIS_URL", "redis://cache.prod.internal:6379/0"))\n'
    found = fired(tmp_path, {**REQ, "cache.py": code}, "F04-S06")
    assert [(f.strength.value, f.message.key) for f in found] == [("moderate", "F04-S06.message_default")]


def test_s06_near_miss_placeholder_and_non_endpoint_fallbacks(tmp_path):
    settings = (
        'import os\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql",\n'
        '    "HOST": os.getenv("POSTGRES_HOST", "change-me"),\n'
        '    "NAME": os.getenv("POSTGRES_DB", "app_production"),\n'
        '    "PORT": os.getenv("POSTGRES_PORT", "5432")}}\n'
    )
    assert fired(tmp_path / "a", {**REQ, "settings.py": settings}, "F04-S06") == []
    database = (
        'production:\n  adapter: postgresql\n  host: <%= ENV.fetch("DB_HOST") %>\n'
        '  database: <%= ENV.fetch("DB_NAME") { "app_production" } %>\n'
    )
    rails = {"Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "pg"\n', "config/database.yml": database}
    assert fired(tmp_path / "b", rails, "F04-S06") == []


def test_s06_near_miss_a_public_api_in_a_request(tmp_path):
    code = (
        "const axios = require('axios');\nconst { MongoClient } = require('mongodb');\n"
        "const client = new MongoClient(process.env.MONGO_URL);\n"
        "async function me(token) {\n  const { data } = await axios({\n    url: 'https://api.github.com/user',\n"
        "    headers: { Authorization: token },\n  });\n  return data;\n}\nmodule.exports = { me, client };\n"
    )
    files = {"package.json": '{"name": "w", "dependencies": {"axios": "1.7.2", "mongodb": "6.6.2"}}', "server.js": code}
    assert fired(tmp_path / "a", files, "F04-S06") == []
    assert fired(tmp_path / "b", files, "F04-S10") == []


def test_s06_near_miss_literal_in_a_development_settings_class(tmp_path):
    code = 'class DevelopmentConfig:\n    SQLALCHEMY_DATABASE_URI = "postgresql://app:pw@db.prod.example.com/app"\n'
    assert fired(tmp_path, {**REQ, "config.py": code}, "F04-S06") == []


def test_s06_reads_one_fallback_of_a_rails_entry_once_with_both_lines(tmp_path):
    """Issue 12 items 1 and 7: a database.yml entry's client (`adapter:`) and its `host:` setting
    hold one fallback; it was two findings, the second naming the service "host"."""
    database = (
        "default: &default\n  adapter: postgresql\n  encoding: unicode\n"
        '  host: <%= ENV.fetch("DB_HOST") { "127.0.0.1" } %>\n'
        "production:\n  <<: *default\n"
    )
    cable = 'production:\n  adapter: redis\n  url: <%= ENV.fetch("REDIS_URL") { "redis://localhost:6379/1" } %>\n'
    rails = {
        "Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "pg"\ngem "redis"\n',
        "config/database.yml": database,
        "config/cable.yml": cable,
    }
    found = fired(tmp_path, rails, "F04-S06")
    assert sorted((f.locations[0].path, params([f], "service")[0]) for f in found) == [
        ("config/cable.yml", "Redis"),
        ("config/database.yml", "PostgreSQL"),
    ]
    assert {(loc.path, loc.line) for f in found for loc in f.locations} == {
        ("config/cable.yml", 2),
        ("config/cable.yml", 3),
        ("config/database.yml", 2),
        ("config/database.yml", 4),
    }
