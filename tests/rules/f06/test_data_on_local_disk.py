"""Tests of F06-S06 (rules/f06/data_on_local_disk.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\n"}


def params(found, index=0):
    return found[index].message.param_dict()


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
MODELS = """
    from django.db import models
    class Document(models.Model):
        file = models.FileField(upload_to="docs/")
    """
NODE = {
    "package.json": '{"name": "shop", "version": "1.0.0", "dependencies": {"express": "4.19.2", '
    '"express-session": "1.18.0", "connect-redis": "7.1.1", "multer": "1.4.5", "pg": "8.11.5"}}\n'
}
GO_MOD = {"go.mod": "module example.com/shop\n\ngo 1.22\n\nrequire github.com/gorilla/sessions v1.2.2\n"}
GEMFILE = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\ngem "pg", "~> 1.5"\n',
    "config.ru": "run Rails.application\n",
}
RES = "src/main/resources"
POM = {
    "pom.xml": """
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
    """
}


def pom(extra: str = "") -> dict[str, str]:
    return {"pom.xml": POM["pom.xml"].replace("{extra}", extra)}


RUBY_GEMFILE = {
    "Gemfile": """
    source "https://rubygems.org"
    gem "rails", "~> 7.1.3"
    gem "pg", "~> 1.5"
    gem "puma", ">= 6.4"
    gem "sidekiq", "~> 7.2"
    """
}
LOCK = {
    "Gemfile.lock": """
    GEM
      remote: https://rubygems.org/
      specs:
        pg (1.5.6)
        puma (6.4.2)
        rails (7.1.3)
        sidekiq (7.2.2)

    PLATFORMS
      ruby

    DEPENDENCIES
      pg (~> 1.5)
      puma (>= 6.4)
      rails (~> 7.1.3)
      sidekiq (~> 7.2)
    """
}
APP = {
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
BASE = {**RUBY_GEMFILE, **LOCK, **APP}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


PRODUCTION_RB = "config/environments/production.rb"


def test_fires_strong_on_an_upload_saved_to_local_disk(tmp_path):
    found = fired(tmp_path, {**REQS, "app.py": UPLOAD}, "F06-S06")
    assert lines(found) == {("app.py", 8)}
    assert found[0].strength.value == "strong"
    assert params(found)["api"] == "f.save"


def test_near_miss_tmp_and_log_files(tmp_path):
    files = {
        **REQS,
        "app.py": """
        import tempfile
        def export():
            with open("/tmp/export.csv", "w") as out:
                out.write("x")
            with open("app.log", "a") as log:
                log.write("x")
        """,
    }
    assert fired(tmp_path, files, "F06-S06") == []


def test_is_moderate_for_other_writes_outside_handlers(tmp_path):
    files = {
        **REQS,
        "app.py": """
        def save_report(rows):
            with open("reports/out.csv", "w") as out:
                out.write(rows)
        """,
    }
    found = fired(tmp_path, files, "F06-S06")
    assert lines(found) == {("app.py", 2)}
    assert found[0].strength.value == "moderate"


def test_ignores_writes_in_one_off_scripts(tmp_path):
    files = {**REQS, "scripts/dump.py": 'def dump():\n    open("dump.json", "w").write("{}")\n'}
    assert fired(tmp_path, files, "F06-S06") == []


def test_fires_on_sqlite_as_the_database(tmp_path):
    client = {**REQS, "db.py": 'import sqlite3\ndef get():\n    return sqlite3.connect("data.db")\n'}
    found = fired(tmp_path / "a", client, "F06-S06")
    assert lines(found) == {("db.py", 3)} and params(found)["target"] == "data.db"
    config = {**REQS, "config.py": 'class Config:\n    SQLALCHEMY_DATABASE_URI = "sqlite:///app.db"\n'}
    found = fired(tmp_path / "b", config, "F06-S06")
    assert lines(found) == {("config.py", 2)} and params(found)["target"] == "sqlite:///app.db"
    django = {
        **REQS,
        "settings.py": """
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
        """,
    }
    assert lines(fired(tmp_path / "c", django, "F06-S06")) == {("settings.py", 1)}


def test_near_miss_sqlite_only_for_development(tmp_path):
    dev_class = {
        **REQS,
        "config.py": """
        import os
        class DevelopmentConfig:
            SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"
        class ProductionConfig:
            SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]
        """,
    }
    assert fired(tmp_path / "a", dev_class, "F06-S06") == []
    overridden = {
        **REQS,
        "settings.py": """
        import os
        import dj_database_url
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
        if os.environ.get("DATABASE_URL"):
            DATABASES["default"] = dj_database_url.parse(os.environ["DATABASE_URL"])
        """,
    }
    assert fired(tmp_path / "b", overridden, "F06-S06") == []
    memory = {**REQS, "db.py": 'import sqlite3\ncon = sqlite3.connect(":memory:")\n'}
    assert fired(tmp_path / "c", memory, "F06-S06") == []


def test_fires_on_file_fields_without_object_storage(tmp_path):
    found = fired(tmp_path, {**REQS, "models.py": MODELS}, "F06-S06")
    assert lines(found) == {("models.py", 3)}
    assert params(found)["target"] == "docs/"


def test_near_miss_file_fields_sent_to_object_storage_by_django_storages(tmp_path):
    files = {
        **REQS,
        "models.py": MODELS,
        "settings.py": 'STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}\n',
    }
    assert fired(tmp_path / "a", files, "F06-S06") == []
    found = fired(tmp_path / "b", files, "F06-S11")
    assert lines(found) == {("settings.py", 1)}
    assert "storages.backends.s3.S3Storage" in params(found)["api"]


def test_judges_node_writes_like_python_ones(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const multer = require("multer");
        const fs = require("fs");
        const upload = multer({ dest: "uploads/" });
        function remember(state) {
          fs.writeFileSync("state.json", JSON.stringify(state));
        }
        """,
    }
    found = fired(tmp_path, files, "F06-S06")
    graded = {(f.strength.value, f.locations[0].line, f.message.param_dict()["target"]) for f in found}
    assert graded == {("strong", 3, "uploads/"), ("moderate", 5, "state.json")}


def test_ignores_writes_in_rake_tasks_and_log_files_of_go(tmp_path):
    rake = {**GEMFILE, "lib/tasks/export.rake": 'task :export do\n  File.write("export.csv", "x")\nend\n'}
    assert fired(tmp_path / "rb", rake, "F06-S06") == []
    go = {
        **GO_MOD,
        "main.go": """
        package main

        import "os"

        func main() {
        	f, _ := os.OpenFile("/var/log/app/app.log", os.O_CREATE|os.O_WRONLY, 0o644)
        	_ = f
        }
        """,
    }
    assert fired(tmp_path / "go", go, "F06-S06") == []  # a log file: factor XI


def test_fires_on_sqlite_in_go_code_rails_production_and_spring_config(tmp_path):
    go = {
        **GO_MOD,
        "main.go": """
        package main

        import (
        	"database/sql"

        	_ "github.com/mattn/go-sqlite3"
        )

        func open() (*sql.DB, error) {
        	return sql.Open("sqlite3", "./data.db")
        }
        """,
    }
    found = fired(tmp_path / "go", go, "F06-S06")
    assert lines(found) == {("main.go", 10)} and params(found)["target"] == "./data.db"
    rails = {
        **GEMFILE,
        "config/database.yml": """
        development:
          adapter: postgresql
        production:
          adapter: sqlite3
          database: db/production.sqlite3
        """,
    }
    found = fired(tmp_path / "rb", rails, "F06-S06")
    assert lines(found) == {("config/database.yml", 4)} and params(found)["target"] == "db/production.sqlite3"
    spring = {**pom(), f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:sqlite:/data/shop.db\n"}
    assert params(fired(tmp_path / "java", spring, "F06-S06"))["target"] == "jdbc:sqlite:/data/shop.db"


def test_near_miss_sqlite_in_development_blocks_and_profiles(tmp_path):
    rails = {
        **GEMFILE,
        "config/database.yml": """
        development:
          adapter: sqlite3
          database: db/development.sqlite3
        test:
          adapter: sqlite3
          database: db/test.sqlite3
        production:
          adapter: postgresql
          url: <%= ENV["DATABASE_URL"] %>
        """,
    }
    assert fired(tmp_path / "rb", rails, "F06-S06") == []
    profile = {**pom(), f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:sqlite:dev.db\n"}
    assert fired(tmp_path / "dev", profile, "F06-S06") == []
    fallback = {
        **pom(),
        f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:sqlite:local.db\n",
        f"{RES}/application-prod.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/shop\n",
    }
    assert fired(tmp_path / "fallback", fallback, "F06-S06") == []


def test_fires_for_local_active_storage_in_production(tmp_path):
    files = {
        **BASE,
        PRODUCTION_RB: "Rails.application.configure do\n  config.active_storage.service = :local\nend\n",
        "config/storage.yml": 'local:\n  service: Disk\n  root: <%= Rails.root.join("storage") %>\n',
    }
    found = fired(tmp_path, files, "F06-S06")
    assert lines(found) == {(PRODUCTION_RB, 2), ("config/storage.yml", 2)} and _params(found, "service") == ["local"]


def test_is_silent_for_s3_in_production_and_local_in_development(tmp_path):
    files = {
        **BASE,
        PRODUCTION_RB: "Rails.application.configure do\n  config.active_storage.service = :amazon\nend\n",
        "config/environments/development.rb": "Rails.application.configure do\n  config.active_storage.service = :local\nend\n",
        "config/storage.yml": "local:\n  service: Disk\namazon:\n  service: S3\n",
    }
    assert fired(tmp_path, files, "F06-S06") == []


# --- class E: embedded and read-back file datastores; class F: a Disk service only by default ----------

PREFS = """
    import json
    import os
    import tempfile


    class Prefs:
        def __init__(self, path="data/prefs.json"):
            self.path = path
            with open(path, encoding="utf-8") as fh:
                self._data = json.load(fh)

        def save(self):
            fd, tmp = tempfile.mkstemp(dir=".")
            with os.fdopen(fd, "w") as fh:
                json.dump(self._data, fh)
            os.replace(tmp, self.path)
    """


def test_fires_strong_on_a_file_read_back_and_rewritten_through_a_rename(tmp_path):
    found = fired(tmp_path, {**REQS, "app/prefs.py": PREFS}, "F06-S06")
    assert lines(found) == {("app/prefs.py", 16)}
    assert found[0].strength.value == "strong" and found[0].message.key == "F06-S06.message_store"
    assert params(found)["target"] == "data/prefs.json" and params(found)["read"] == "9"


def test_near_miss_a_file_written_and_never_read_back(tmp_path):
    code = PREFS.replace('with open(path, encoding="utf-8") as fh:', "if path:").replace("json.load(fh)", "{}")
    found = fired(tmp_path, {**REQS, "app/prefs.py": code}, "F06-S06")
    assert all(f.message.key != "F06-S06.message_store" for f in found)


def test_near_miss_same_parameter_name_for_two_files_in_two_functions(tmp_path):
    code = """
        import json
        def load(path):
            with open(path) as f:
                return json.load(f)
        def export(path, rows):
            with open(path, "w") as f:
                json.dump(rows, f)
        """
    found = fired(tmp_path, {**REQS, "io_utils.py": code}, "F06-S06")
    assert all(f.message.key != "F06-S06.message_store" for f in found)


def test_fires_on_embedded_databases_of_every_stack(tmp_path):
    files = {
        **REQS,
        "store.py": 'import shelve\nDB = shelve.open("data/users")\n',
        "db.js": 'const Datastore = require("nedb");\nconst users = new Datastore({ filename: "data/users.db" });\n',
        "main.go": 'package main\n\nimport bolt "go.etcd.io/bbolt"\n\nfunc main() { db, _ := bolt.Open("app.db", 0600, nil); _ = db }\n',
    }
    found = fired(tmp_path, files, "F06-S06")
    assert {(f.locations[0].path, f.message.param_dict()["library"]) for f in found} == {
        ("store.py", "shelve"),
        ("db.js", "nedb"),
        ("main.go", "boltdb"),
    }
    assert {f.strength.value for f in found} == {"strong"}


def test_near_miss_embedded_stores_in_memory_or_scratch(tmp_path):
    files = {
        **REQS,
        "db.js": 'const Datastore = require("nedb");\nconst cache = new Datastore();\n',
        "store.py": 'import shelve\nCACHE = shelve.open("/tmp/cache")\n',
    }
    assert fired(tmp_path, files, "F06-S06") == []


def test_fires_on_gorm_v1_string_dialect_and_sinatra_database(tmp_path):
    files = {
        "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/jinzhu/gorm v1.9.16\n",
        "common/database.go": """
                 package common

                 import "github.com/jinzhu/gorm"

                 func Init() *gorm.DB { db, _ := gorm.Open("sqlite3", "./../gorm.db"); return db }

                 func TestDBInit() *gorm.DB { db, _ := gorm.Open("sqlite3", "./../gorm_test.db"); return db }
                 """,
    }
    found = fired(tmp_path, files, "F06-S06")
    assert lines(found) == {("common/database.go", 5)} and params(found)["target"] == "./../gorm.db"
    assert found[0].message.key == "F06-S06.message_sqlite"
    sinatra = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'sinatra'\ngem 'sinatra-sequel'\ngem 'sqlite3'\n",
        "setup.rb": "require 'sinatra'\nset :database, 'sqlite://app.db'\n",
    }
    assert lines(fired(tmp_path / "rb", sinatra, "F06-S06")) == {("setup.rb", 2)}


def test_fires_on_formidable_upload_dir(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const path = require("path");
        const formidable = require("express-formidable");
        app.use(formidable({ uploadDir: path.join(__dirname, "public/img"), keepExtensions: true }));
        """,
    }
    found = fired(tmp_path, files, "F06-S06")
    assert lines(found) == {("server.js", 3)} and found[0].strength.value == "strong"


def test_near_miss_formidable_in_the_temporary_directory(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const os = require("os");
        const { formidable } = require("formidable");
        const form = formidable({ uploadDir: os.tmpdir() });
        """,
    }
    assert fired(tmp_path, files, "F06-S06") == []


def test_active_storage_disk_only_by_env_default_is_moderate(tmp_path):
    files = {
        **BASE,
        PRODUCTION_RB: "Rails.application.configure do\n"
        '  config.active_storage.service = ENV.fetch("ACTIVE_STORAGE_SERVICE", "local").to_sym\nend\n',
        "config/storage.yml": "local:\n  service: Disk\namazon:\n  service: S3\n",
    }
    found = fired(tmp_path, files, "F06-S06")
    assert [(f.strength.value, f.message.key) for f in found] == [("moderate", "F06-S06.message_ruby_fallback")]
    assert params(found)["env"] == "ACTIVE_STORAGE_SERVICE"
