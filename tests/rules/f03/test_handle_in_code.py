"""F03-AP01: a backing service's handle written as a constant in the app's code."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.3\nredis==5.0.4\nsqlalchemy==2.0.30\n"}


def test_ap01_fires_for_a_literal_endpoint_in_the_code(tmp_path):
    files = {
        **REQ,
        "app.py": "import redis\nfrom sqlalchemy import create_engine\n\n"
        'cache = redis.Redis(host="cache.internal", port=6379, db=0)\n'
        'engine = create_engine("sqlite:///app.db")\n',
    }
    found = fired(tmp_path, files, "F03-AP01")
    assert lines(found) == {("app.py", 4), ("app.py", 5)}
    assert {f.strength.value for f in found} == {"strong"}
    assert "cache.internal" in {f.message.param_dict()["value"] for f in found}


def test_ap01_near_miss_configured_host_library_default_and_admin_scripts(tmp_path):
    files = {
        **REQ,
        "app.py": 'import os\nimport redis\n\ncache = redis.Redis(host=os.environ["REDIS_HOST"], port=6379)\n'
        "local = redis.Redis()\n",
        "scripts/backfill.py": 'import redis\nr = redis.Redis(host="cache.internal")\n',
        "tests/test_app.py": 'import redis\nr = redis.Redis(host="localhost")\n',
    }
    assert fired(tmp_path, files, "F03-AP01") == []


def test_ap01_near_miss_a_locator_in_a_configuration_file(tmp_path):
    files = {
        "pom.xml": "<project><artifactId>api</artifactId></project>\n",
        "src/main/resources/application.yml": "spring:\n  redis:\n    host: 10.1.2.3\n",
    }
    assert fired(tmp_path, files, "F03-AP01") == []


def test_ap01_fires_for_the_file_an_embedded_database_opens(tmp_path):
    files = {**REQ, "store.py": 'import sqlite3\n\nconn = sqlite3.connect(database="flags.db")\n'}
    assert lines(fired(tmp_path, files, "F03-AP01")) == {("store.py", 3)}


def test_ap01_near_miss_an_in_memory_or_configured_embedded_database(tmp_path):
    files = {
        **REQ,
        "store.py": 'import os\nimport sqlite3\n\nscratch = sqlite3.connect(":memory:")\n'
        'conn = sqlite3.connect(os.environ.get("DB_PATH", "flags.db"))\n',
    }
    assert fired(tmp_path, files, "F03-AP01") == []


SINATRA = {
    "Gemfile": "source 'https://rubygems.org'\ngem 'sinatra'\ngem 'sequel'\ngem 'sinatra-sequel'\ngem 'sqlite3'\n"
}


def test_ap01_fires_for_a_sinatra_database_setting(tmp_path):
    files = {**SINATRA, "app.rb": "require 'sinatra'\nrequire 'sinatra/sequel'\n\nset :database, 'sqlite://app.db'\n"}
    assert lines(fired(tmp_path, files, "F03-AP01")) == {("app.rb", 4)}


def test_ap01_near_miss_a_sinatra_database_from_the_environment(tmp_path):
    files = {
        **SINATRA,
        "app.rb": "require 'sinatra'\n\nset :database, ENV.fetch('DATABASE_URL') { 'sqlite://dev.db' }\n",
    }
    assert fired(tmp_path, files, "F03-AP01") == []


def test_ap01_near_miss_a_public_mail_service(tmp_path):
    files = {**REQ, "mail.py": 'import smtplib\n\nserver = smtplib.SMTP("smtp.gmail.com", 587)\n'}
    assert fired(tmp_path, files, "F03-AP01") == []
