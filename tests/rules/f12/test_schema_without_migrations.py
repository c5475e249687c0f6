"""F12-AP02: a relational schema with no migrations (synced at start, a dump imported by hand, or nothing)."""

from __future__ import annotations

from helpers import fired, lines

GOMOD = (
    "module example.com/tags\n\ngo 1.22\n\nrequire (\n\tgorm.io/driver/postgres v1.5.7\n\tgorm.io/gorm v1.25.10\n)\n"
)
MAIN = """package main

import (
	"os"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

type Tag struct{ ID uint }

func main() {
	db, _ := gorm.Open(postgres.Open(os.Getenv("DATABASE_URL")), &gorm.Config{})
	db.AutoMigrate(&Tag{})
}
"""


def keys(found):
    return [(f.message.key, f.strength.value) for f in found]


def test_ap02_fires_for_a_schema_synced_at_start(tmp_path):
    files = {
        "go.mod": GOMOD,
        "main.go": MAIN,
        "scripts/coverage.sh": "#!/bin/sh\ngo test -cover ./...\n",
        "scripts/lint.sh": "#!/bin/sh\ngofmt -l .\ngo vet ./...\n",
    }
    found = fired(tmp_path, files, "F12-AP02")
    assert keys(found) == [("F12-AP02.message_autosync", "strong")]
    assert lines(found) == {("main.go", 14)}


def test_ap02_near_miss_committed_migrations(tmp_path):
    files = {
        "go.mod": GOMOD,
        "main.go": MAIN,
        "migrations/0001_tags.up.sql": "CREATE TABLE tags (id serial primary key);\n",
    }
    assert fired(tmp_path, files, "F12-AP02") == []


def test_ap02_fires_for_an_sql_dump_imported_by_hand(tmp_path):
    dump = (
        "-- MySQL dump 10.13\nDROP TABLE IF EXISTS `product`;\nCREATE TABLE `product` (`id` bigint NOT NULL);\n"
        "INSERT INTO `product` VALUES (1);\n"
    )
    files = {
        "requirements.txt": "pymysql==1.1.1\n",
        "app.py": 'import os, pymysql\nc = pymysql.connect(host=os.environ["DB_HOST"])\n',
        "sql/init.sql": dump,
    }
    found = fired(tmp_path, files, "F12-AP02")
    assert keys(found) == [("F12-AP02.message_sqldump", "strong")]
    assert found[0].message.param_dict()["what"] == "sql/init.sql"


def test_ap02_is_moderate_when_no_schema_source_is_found(tmp_path):
    files = {
        "requirements.txt": "psycopg2-binary==2.9.9\n",
        "db.py": 'import os, psycopg2\nc = psycopg2.connect(os.environ["DATABASE_URL"])\n',
    }
    found = fired(tmp_path, files, "F12-AP02")
    assert keys(found) == [("F12-AP02.message_none", "moderate")]
    assert found[0].message.param_dict()["service"] == "PostgreSQL"


def test_ap02_near_miss_create_all_inside_an_admin_command(tmp_path):
    app = (
        "import click\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n"
        "db = SQLAlchemy(app)\n\n@app.cli.command('init-db')\ndef init_db():\n    db.create_all()\n"
    )
    files = {"requirements.txt": "flask==3.0.3\nflask-sqlalchemy==3.1.1\npsycopg2-binary==2.9.9\n", "app.py": app}
    assert fired(tmp_path, files, "F12-AP02") == []


SPRING_POM = (
    "<project><dependencies><dependency><groupId>org.springframework.boot</groupId>"
    "<artifactId>spring-boot-starter-data-jpa</artifactId></dependency><dependency><groupId>org.postgresql</groupId>"
    "<artifactId>postgresql</artifactId></dependency></dependencies></project>\n"
)


def test_ap02_fires_for_hibernate_schema_generation(tmp_path):
    yml = "spring:\n  datasource:\n    url: ${DATABASE_URL}\n  jpa:\n    generate-ddl: true\n"
    files = {
        "pom.xml": SPRING_POM,
        "src/main/resources/application.yml": yml,
        "src/main/java/app/App.java": "package app;\npublic class App {}\n",
    }
    assert keys(fired(tmp_path, files, "F12-AP02")) == [("F12-AP02.message_autosync", "strong")]


def test_ap02_hibernate_validate_is_no_sync(tmp_path):
    yml = "spring:\n  datasource:\n    url: ${DATABASE_URL}\n  jpa:\n    hibernate:\n      ddl-auto: validate\n"
    files = {
        "pom.xml": SPRING_POM,
        "src/main/resources/application.yml": yml,
        "src/main/java/app/App.java": "package app;\npublic class App {}\n",
    }
    assert [k for k, _ in keys(fired(tmp_path, files, "F12-AP02"))] != ["F12-AP02.message_autosync"]
