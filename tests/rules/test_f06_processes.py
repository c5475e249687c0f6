from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\n"}


def params(found, index=0):
    return found[index].message.param_dict()


# --- F06-S3 / F06-S10: sessions ------------------------------------------------------------------


def test_s3_fires_on_flask_session_on_the_filesystem(tmp_path):
    files = {**REQS, "config.py": """
        class Config:
            SESSION_TYPE = "filesystem"
        """}
    found = fired(tmp_path, files, "F06-S3")
    assert lines(found) == {("config.py", 2)}
    assert params(found)["store"] == "filesystem"
    assert found[0].strength.value == "strong"


def test_s3_fires_on_django_cache_sessions_over_locmem(tmp_path):
    files = {**REQS, "settings.py": """
        SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        """}
    found = fired(tmp_path, files, "F06-S3")
    assert lines(found) == {("settings.py", 1), ("settings.py", 2)}
    assert params(found)["store"] == "LocMemCache"


def test_s3_fires_on_django_file_sessions(tmp_path):
    files = {**REQS, "settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.file"\n'}
    assert params(fired(tmp_path, files, "F06-S3"))["setting"] == "SESSION_ENGINE"


def test_s3_near_miss_redis_and_database_sessions(tmp_path):
    flask = {**REQS, "config.py": 'class Config:\n    SESSION_TYPE = "redis"\n'}
    assert fired(tmp_path / "a", flask, "F06-S3") == []
    django = {**REQS, "settings.py": """
        SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
        """}
    assert fired(tmp_path / "b", django, "F06-S3") == []
    signed = {**REQS, "settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"\n'}
    assert fired(tmp_path / "c", signed, "F06-S3") == []


def test_s3_ignores_a_development_config_class(tmp_path):
    files = {**REQS, "config.py": 'class DevelopmentConfig:\n    SESSION_TYPE = "filesystem"\n'}
    assert fired(tmp_path, files, "F06-S3") == []


def test_s10_fires_on_redis_sessions(tmp_path):
    files = {**REQS, "app.py": """
        from flask import Flask
        app = Flask(__name__)
        app.config["SESSION_TYPE"] = "redis"
        """}
    found = fired(tmp_path, files, "F06-S10")
    assert lines(found) == {("app.py", 3)}
    assert params(found)["store"] == "redis"


def test_s10_fires_on_django_cache_sessions_over_redis_and_db_sessions(tmp_path):
    files = {**REQS, "settings.py": """
        SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache"}}
        """}
    assert params(fired(tmp_path / "a", files, "F06-S10"))["store"] == "RedisCache"
    db = {**REQS, "settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.db"\n'}
    assert params(fired(tmp_path / "b", db, "F06-S10"))["store"] == "db"


def test_s10_near_miss_filesystem_sessions(tmp_path):
    files = {**REQS, "config.py": 'class Config:\n    SESSION_TYPE = "filesystem"\n'}
    assert fired(tmp_path, files, "F06-S10") == []


# --- F06-S6 / F06-S11: data on local disk ----------------------------------------------------------

UPLOAD = """
    import os
    from flask import Flask, request
    app = Flask(__name__)

    @app.route("/upload", methods=["POST"])
    def upload():
        f = request.files["file"]
        f.save(os.path.join("uploads", f.filename))
        return "ok"
    """


def test_s6_fires_strong_on_an_upload_saved_to_local_disk(tmp_path):
    found = fired(tmp_path, {**REQS, "app.py": UPLOAD}, "F06-S6")
    assert lines(found) == {("app.py", 8)}
    assert found[0].strength.value == "strong"
    assert params(found)["api"] == "f.save"


def test_s6_near_miss_tmp_and_log_files(tmp_path):
    files = {**REQS, "app.py": """
        import tempfile
        def export():
            with open("/tmp/export.csv", "w") as out:
                out.write("x")
            with open("app.log", "a") as log:
                log.write("x")
        """}
    assert fired(tmp_path, files, "F06-S6") == []


def test_s6_is_moderate_for_other_writes_outside_handlers(tmp_path):
    files = {**REQS, "app.py": """
        def save_report(rows):
            with open("reports/out.csv", "w") as out:
                out.write(rows)
        """}
    found = fired(tmp_path, files, "F06-S6")
    assert lines(found) == {("app.py", 2)}
    assert found[0].strength.value == "moderate"


def test_s6_ignores_writes_in_one_off_scripts(tmp_path):
    files = {**REQS, "scripts/dump.py": 'def dump():\n    open("dump.json", "w").write("{}")\n'}
    assert fired(tmp_path, files, "F06-S6") == []


def test_s6_fires_on_sqlite_as_the_database(tmp_path):
    client = {**REQS, "db.py": 'import sqlite3\ndef get():\n    return sqlite3.connect("data.db")\n'}
    found = fired(tmp_path / "a", client, "F06-S6")
    assert lines(found) == {("db.py", 3)} and params(found)["target"] == "data.db"
    config = {**REQS, "config.py": 'class Config:\n    SQLALCHEMY_DATABASE_URI = "sqlite:///app.db"\n'}
    found = fired(tmp_path / "b", config, "F06-S6")
    assert lines(found) == {("config.py", 2)} and params(found)["target"] == "sqlite:///app.db"
    django = {**REQS, "settings.py": """
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
        """}
    assert lines(fired(tmp_path / "c", django, "F06-S6")) == {("settings.py", 1)}


def test_s6_near_miss_sqlite_only_for_development(tmp_path):
    dev_class = {**REQS, "config.py": """
        import os
        class DevelopmentConfig:
            SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"
        class ProductionConfig:
            SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]
        """}
    assert fired(tmp_path / "a", dev_class, "F06-S6") == []
    overridden = {**REQS, "settings.py": """
        import os
        import dj_database_url
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
        if os.environ.get("DATABASE_URL"):
            DATABASES["default"] = dj_database_url.parse(os.environ["DATABASE_URL"])
        """}
    assert fired(tmp_path / "b", overridden, "F06-S6") == []
    memory = {**REQS, "db.py": 'import sqlite3\ncon = sqlite3.connect(":memory:")\n'}
    assert fired(tmp_path / "c", memory, "F06-S6") == []


MODELS = """
    from django.db import models
    class Document(models.Model):
        file = models.FileField(upload_to="docs/")
    """


def test_s6_fires_on_file_fields_without_object_storage(tmp_path):
    found = fired(tmp_path, {**REQS, "models.py": MODELS}, "F06-S6")
    assert lines(found) == {("models.py", 3)}
    assert params(found)["target"] == "docs/"


def test_s6_and_s11_with_django_storages(tmp_path):
    files = {**REQS, "models.py": MODELS,
             "settings.py": 'STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}\n'}
    assert fired(tmp_path / "a", files, "F06-S6") == []
    found = fired(tmp_path / "b", files, "F06-S11")
    assert lines(found) == {("settings.py", 1)}
    assert "storages.backends.s3.S3Storage" in params(found)["api"]


def test_s11_fires_on_an_s3_client_and_not_on_other_aws_clients(tmp_path):
    s3 = {**REQS, "storage.py": 'import boto3\ns3 = boto3.client("s3")\n'}
    found = fired(tmp_path / "a", s3, "F06-S11")
    assert lines(found) == {("storage.py", 2)} and params(found)["api"] == "boto3.client"
    sqs = {**REQS, "queue.py": 'import boto3\nsqs = boto3.client("sqs")\n'}
    assert fired(tmp_path / "b", sqs, "F06-S11") == []


# --- F06-S7: volumes -------------------------------------------------------------------------------


def test_s7_fires_on_a_data_volume_in_the_dockerfile(tmp_path):
    files = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nVOLUME ["/tmp", "/app/data"]\nCMD ["gunicorn", "app:app"]\n'}
    found = fired(tmp_path, files, "F06-S7")
    assert lines(found) == {("Dockerfile", 2)}
    assert params(found)["target"] == "/app/data"


def test_s7_near_miss_tmp_and_log_volumes(tmp_path):
    files = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nVOLUME /tmp /var/log/app\nVOLUME /app/logs\n'}
    assert fired(tmp_path, files, "F06-S7") == []


COMPOSE = """
    services:
      web:
        build: .
        command: gunicorn app:app
        volumes:
          - media:/app/media
          - static:/app/static
      db:
        image: postgres:16
        volumes:
          - pgdata:/var/lib/postgresql/data
    volumes:
      media: {}
      static: {}
      pgdata: {}
    """


def test_s7_fires_on_a_named_volume_of_the_app_service_only(tmp_path):
    found = fired(tmp_path, {**REQS, "docker-compose.yml": COMPOSE}, "F06-S7")
    assert lines(found) == {("docker-compose.yml", 6)}
    assert params(found)["target"] == "/app/media"


def test_s7_ignores_development_compose_files(tmp_path):
    files = {**REQS, "docker-compose.dev.yml": COMPOSE}
    assert fired(tmp_path, files, "F06-S7") == []


# --- F06-S8: memory --------------------------------------------------------------------------------


def test_s8_fires_on_a_module_dict_mutated_in_a_function(tmp_path):
    files = {**REQS, "app.py": """
        hits = {}
        def count(key):
            hits[key] = hits.get(key, 0) + 1
        """}
    found = fired(tmp_path, files, "F06-S8")
    assert lines(found) == {("app.py", 3)}
    assert params(found)["name"] == "hits"
    assert found[0].strength.value == "weak" and found[0].basis.value == "advice"


def test_s8_near_miss_a_dict_only_read(tmp_path):
    files = {**REQS, "app.py": 'names = {}\ndef get(key):\n    return names.get(key)\n'}
    assert fired(tmp_path, files, "F06-S8") == []


# --- F06-AP1: checked and clean --------------------------------------------------------------------


def test_ap1_names_the_backing_service_that_holds_the_data(tmp_path):
    files = {**REQS, "app.py": """
        import os
        import psycopg2
        def connect():
            return psycopg2.connect(host=os.getenv("DB_HOST"))
        """}
    found = fired(tmp_path, files, "F06-AP1")
    assert lines(found) == {("app.py", 4)}
    assert found[0].strength.value == "moderate"
    assert params(found)["service"] == "PostgreSQL"
    assert params(found)["store"] == "PostgreSQL via psycopg2.connect"


def test_ap1_is_weak_without_a_backing_service(tmp_path):
    found = fired(tmp_path, {**REQS, "app.py": "x = 1\n"}, "F06-AP1")
    assert found[0].strength.value == "weak"


def test_ap1_is_silent_when_local_state_was_found(tmp_path):
    assert fired(tmp_path, {**REQS, "app.py": UPLOAD}, "F06-AP1") == []


# --- other stacks ------------------------------------------------------------------------------------

NODE = {"package.json": '{"name": "shop", "version": "1.0.0", "dependencies": {"express": "4.19.2", '
                        '"express-session": "1.18.0", "connect-redis": "7.1.1", "multer": "1.4.5", "pg": "8.11.5"}}\n'}
GO_MOD = {"go.mod": "module example.com/shop\n\ngo 1.22\n\nrequire github.com/gorilla/sessions v1.2.2\n"}
GEMFILE = {"Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\ngem "pg", "~> 1.5"\n',
           "config.ru": "run Rails.application\n"}
RES = "src/main/resources"
POM = {"pom.xml": """
    <project>
      <modelVersion>4.0.0</modelVersion>
      <groupId>com.acme</groupId>
      <artifactId>shop</artifactId>
      <version>1.0.0</version>
      <dependencies>
        <dependency>
          <groupId>org.postgresql</groupId>
          <artifactId>postgresql</artifactId>
          <scope>runtime</scope>
        </dependency>
        {extra}
      </dependencies>
    </project>
    """}
SPRING_SESSION = """
        <dependency>
          <groupId>org.springframework.session</groupId>
          <artifactId>spring-session-data-redis</artifactId>
        </dependency>"""


def pom(extra: str = "") -> dict[str, str]:
    return {"pom.xml": POM["pom.xml"].replace("{extra}", extra)}


def test_s10_fires_on_session_stores_of_every_language(tmp_path):
    node = {**NODE, "server.js": """
        const session = require("express-session");
        const RedisStore = require("connect-redis").default;
        app.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET }));
        """}
    found = fired(tmp_path / "node", node, "F06-S10")
    assert lines(found) == {("server.js", 3)} and params(found)["store"] == "Redis"
    assert found[0].message.key == "F06-S10.message_store" and params(found)["setting"] == "express-session"
    go = {**GO_MOD, "main.go": """
        package main

        import (
        	"os"

        	"github.com/gorilla/sessions"
        )

        var store = sessions.NewCookieStore([]byte(os.Getenv("SESSION_KEY")))
        """}
    found = fired(tmp_path / "go", go, "F06-S10")
    assert found[0].message.key == "F06-S10.message_cookie" and params(found)["api"] == "sessions.NewCookieStore"
    rails = {**GEMFILE, "config/initializers/session_store.rb": 'Rails.application.config.session_store :cookie_store\n'}
    assert lines(fired(tmp_path / "rb", rails, "F06-S10")) == {("config/initializers/session_store.rb", 1)}
    spring = {**pom(), f"{RES}/application.yml": "spring:\n  session:\n    store-type: redis\n"}
    found = fired(tmp_path / "java", spring, "F06-S10")
    assert lines(found) == {(f"{RES}/application.yml", 3)} and params(found)["api"] == "spring.session.store-type"


def test_s10_is_moderate_for_a_spring_session_module_on_the_classpath(tmp_path):
    found = fired(tmp_path, pom(SPRING_SESSION), "F06-S10")
    assert [f.strength.value for f in found] == ["moderate"]
    assert params(found)["api"] == "org.springframework.session:spring-session-data-redis"


def test_s10_near_miss_memory_stores_and_development_profiles(tmp_path):
    memory = {**NODE, "server.js": 'const session = require("express-session");\napp.use(session({ secret: "x" }));\n'}
    assert fired(tmp_path / "node", memory, "F06-S10") == []  # F06-S2 reports the MemoryStore
    dev = {**pom(), f"{RES}/application-dev.yml": "spring:\n  session:\n    store-type: redis\n"}
    assert fired(tmp_path / "java", dev, "F06-S10") == []


def test_s6_judges_node_writes_like_python_ones(tmp_path):
    files = {**NODE, "server.js": """
        const multer = require("multer");
        const fs = require("fs");
        const upload = multer({ dest: "uploads/" });
        function remember(state) {
          fs.writeFileSync("state.json", JSON.stringify(state));
        }
        """}
    found = fired(tmp_path, files, "F06-S6")
    graded = {(f.strength.value, f.locations[0].line, f.message.param_dict()["target"]) for f in found}
    assert graded == {("strong", 3, "uploads/"), ("moderate", 5, "state.json")}


def test_s6_ignores_writes_in_rake_tasks_and_log_files_of_go(tmp_path):
    rake = {**GEMFILE, "lib/tasks/export.rake": 'task :export do\n  File.write("export.csv", "x")\nend\n'}
    assert fired(tmp_path / "rb", rake, "F06-S6") == []
    go = {**GO_MOD, "main.go": """
        package main

        import "os"

        func main() {
        	f, _ := os.OpenFile("/var/log/app/app.log", os.O_CREATE|os.O_WRONLY, 0o644)
        	_ = f
        }
        """}
    assert fired(tmp_path / "go", go, "F06-S6") == []  # a log file: factor XI


def test_s6_fires_on_sqlite_in_go_code_rails_production_and_spring_config(tmp_path):
    go = {**GO_MOD, "main.go": """
        package main

        import (
        	"database/sql"

        	_ "github.com/mattn/go-sqlite3"
        )

        func open() (*sql.DB, error) {
        	return sql.Open("sqlite3", "./data.db")
        }
        """}
    found = fired(tmp_path / "go", go, "F06-S6")
    assert lines(found) == {("main.go", 10)} and params(found)["target"] == "./data.db"
    rails = {**GEMFILE, "config/database.yml": """
        development:
          adapter: postgresql
        production:
          adapter: sqlite3
          database: db/production.sqlite3
        """}
    found = fired(tmp_path / "rb", rails, "F06-S6")
    assert lines(found) == {("config/database.yml", 4)} and params(found)["target"] == "db/production.sqlite3"
    spring = {**pom(), f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:sqlite:/data/shop.db\n"}
    assert params(fired(tmp_path / "java", spring, "F06-S6"))["target"] == "jdbc:sqlite:/data/shop.db"


def test_s6_near_miss_sqlite_in_development_blocks_and_profiles(tmp_path):
    rails = {**GEMFILE, "config/database.yml": """
        development:
          adapter: sqlite3
          database: db/development.sqlite3
        test:
          adapter: sqlite3
          database: db/test.sqlite3
        production:
          adapter: postgresql
          url: <%= ENV["DATABASE_URL"] %>
        """}
    assert fired(tmp_path / "rb", rails, "F06-S6") == []
    profile = {**pom(), f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:sqlite:dev.db\n"}
    assert fired(tmp_path / "dev", profile, "F06-S6") == []
    fallback = {**pom(), f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:sqlite:local.db\n",
                f"{RES}/application-prod.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/shop\n"}
    assert fired(tmp_path / "fallback", fallback, "F06-S6") == []


def test_ap1_names_the_data_stores_of_spring_and_rails(tmp_path):
    spring = {**pom(), f"{RES}/application.yml": "spring:\n  datasource:\n    url: ${DATABASE_URL}\n"}
    found = fired(tmp_path / "java", spring, "F06-AP1")
    assert params(found)["store"] == "PostgreSQL via spring.datasource.url"  # the declared driver names the engine
    rails = {**GEMFILE, "config/cable.yml": "production:\n  adapter: redis\n  url: <%= ENV['REDIS_URL'] %>\n",
             "config/database.yml": "production:\n  adapter: postgresql\n  url: <%= ENV['DATABASE_URL'] %>\n"}
    found = fired(tmp_path / "rb", rails, "F06-AP1")
    assert lines(found) == {("config/database.yml", 2)}  # the database of record before the cable's Redis
    assert params(found)["store"] == "PostgreSQL via database.yml (production)"


def test_ap1_is_silent_next_to_a_stack_rule_finding(tmp_path):
    files = {**NODE, "server.js": """
        const session = require("express-session");
        const { Pool } = require("pg");
        const pool = new Pool({ connectionString: process.env.DATABASE_URL });
        app.use(session({ secret: process.env.SESSION_SECRET }));
        """}
    assert fired(tmp_path, files, "F06-AP1") == []  # F06-S2: sessions in a MemoryStore
