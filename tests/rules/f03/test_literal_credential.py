"""F03-S02: a credential or deploy locator written in the code or settings (Python, Node.js, Go, Spring, Rails)."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}
PACKAGE = {"package.json": '{"name": "api", "main": "server.js", "dependencies": {"express": "^4.19.2"}}\n'}
GO_MOD = {"go.mod": "module github.com/acme/api\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.5\n"}
RES = "src/main/resources"
GEMS = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\n',
    "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (7.1.3)\n\nDEPENDENCIES\n  rails (~> 7.1.3)\n",
    "config.ru": 'require_relative "config/environment"\nrun Rails.application\n',
}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


# --- Python -----------------------------------------------------------------------------------------------


def test_s02_fires_for_a_literal_secret_key(tmp_path):
    code = 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "s3cr3t-Kd8f7Gh2Jk4"\n'
    found = fired(tmp_path, {**REQ, "app.py": code}, "F03-S02")
    assert lines(found) == {("app.py", 3)} and found[0].message.key == "F03-S02.message"
    assert found[0].message.param_dict()["setting"] == "SECRET_KEY"
    assert "Kd8f7Gh2Jk4" not in found[0].message.param_dict()["value"]


def test_s02_fires_for_a_database_url_with_credentials_and_a_secret_fallback(tmp_path):
    code = (
        'import os\nSQLALCHEMY_DATABASE_URI = "postgresql://app:Xy7pQ2rT9w@db.prod.example.com/app"\n'
        'SECRET_KEY = os.getenv("SECRET_KEY", "hard-coded-Fallback-9f8e7d")\n'
    )
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S02")
    assert lines(found) == {("settings.py", 2), ("settings.py", 3)}


def test_s02_is_silent_for_env_reads_and_dev_classes(tmp_path):
    code = (
        'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDATABASE_URL = os.getenv("DATABASE_URL")\n'
        'class DevelopmentConfig:\n    SECRET_KEY = "dev"\n'
    )
    assert fired(tmp_path, {**REQ, "config.py": code}, "F03-S02") == []


def test_s02_fires_for_a_remote_host_but_not_for_paths_and_the_apps_own_urls(tmp_path):
    # Django's STATIC_URL and LOGIN_REDIRECT_URL are paths of the app, SITE_URL its public address,
    # db.sqlite3 a file: none is the handle of a backing service
    code = (
        'STATIC_URL = "/static/"\nMEDIA_URL = "media/"\nLOGIN_REDIRECT_URL = "/"\nSITE_URL = "https://blog.example.com"\n'
        'CACHE_URL = "db.sqlite3"\nREDIS_HOST = "cache.prod.internal"\n'
    )
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S02")
    assert lines(found) == {("settings.py", 6)}


# --- Node.js ----------------------------------------------------------------------------------------------


def test_s02_node_fires_for_literal_credentials_in_code(tmp_path):
    files = {
        **PACKAGE,
        "server.js": """
        const jwt = require("jsonwebtoken");
        const mongoose = require("mongoose");
        mongoose.connect("mongodb://shop:Sh0pPassw0rd-2024@mongo.example.com/shop");
        const token = jwt.sign({ sub: 1 }, "shop-signing-key-2024");
        app.use(session({ secret: process.env.SESSION_SECRET }));
        """,
    }
    found = fired(tmp_path, files, "F03-S02")
    assert lines(found) == {("server.js", 3), ("server.js", 4)}
    assert {f.message.key for f in found} == {"F03-S02.message_node"}
    shown = " ".join(_params(found, "value"))
    assert "Sh0pPassw0rd-2024" not in shown and "shop-signing-key-2024" not in shown


def test_s02_node_is_silent_for_environment_reads_and_tests(tmp_path):
    files = {
        **PACKAGE,
        "server.js": """
                 const { Pool } = require("pg");
                 const pool = new Pool({ connectionString: process.env.DATABASE_URL, password: process.env.PGPASSWORD });
                 const url = "postgres://${DB_USER}:${DB_PASSWORD}@db/app";
                 """,
        "test/auth.test.js": 'const jwt = require("jsonwebtoken");\njwt.sign({ sub: 1 }, "test-signing-key-0001");\n',
    }
    assert fired(tmp_path, files, "F03-S02") == []


def test_s02_node_fires_for_a_signing_secret_taken_from_package_json(tmp_path):
    files = {
        **PACKAGE,
        "src/server.mjs": """
        import { readFileSync } from 'fs'
        import session from 'express-session'
        const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url)))
        const pkg = require('../package.json')
        const sessionConfig = { secret: packageJson.name, resave: false }
        const cookies = { secret: pkg.version }
        app.use(session(sessionConfig))
        """,
    }
    found = fired(tmp_path, files, "F03-S02")
    assert lines(found) == {("src/server.mjs", 5), ("src/server.mjs", 6)}
    assert {f.message.key for f in found} == {"F03-S02.message_node_derived"}
    assert {f.strength.value for f in found} == {"strong"}
    from twelve.locale import Catalog

    first = min(found, key=lambda f: f.locations[0].line or 0)
    pt = Catalog("pt-BR")
    # issue 12 item 11: no English word order ("o package.json name") nor "um segredo … são"
    assert "é packageJson.name, o campo name do package.json:" in pt.render(first.message)
    assert pt.text("F03-S02.title_node_derived", **first.message.param_dict()).startswith(
        "Um segredo de assinatura vem dos próprios metadados do pacote"
    )
    assert "is packageJson.name, the package.json name:" in Catalog("en").render(first.message)


def test_s02_node_near_miss_package_metadata_that_is_no_secret_and_a_config_module(tmp_path):
    files = {
        **PACKAGE,
        "src/server.js": """
        const pkg = require('../package.json')
        const config = require('./config')
        const about = { title: pkg.name, version: pkg.version }
        app.use(session({ secret: config.sessionSecret }))
        """,
    }
    assert fired(tmp_path, files, "F03-S02") == []


# --- Go ---------------------------------------------------------------------------------------------------


def test_s02_go_fires_for_a_literal_dsn_and_a_secret_constant(tmp_path):
    files = {
        **GO_MOD,
        "main.go": """
        package main

        import "database/sql"

        const stripeKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc9"

        func main() {
        	sql.Open("postgres", "postgres://orders:Xk9vQ2mL7pT4@db.internal:5432/orders")
        }
        """,
    }
    found = fired(tmp_path, files, "F03-S02")
    assert lines(found) == {("main.go", 5), ("main.go", 8)}
    assert {f.message.key for f in found} == {"F03-S02.message_go", "F03-S02.message_go_constant"}
    assert all("Xk9vQ2mL7pT4" not in v and "4eC39HqLyjWD" not in v for v in _params(found, "value"))
    assert "const stripeKey" in _params(found, "what")


def test_s02_go_is_silent_for_an_env_dsn_and_harmless_constants(tmp_path):
    files = {
        **GO_MOD,
        "main.go": """
        package main

        import ("database/sql"; "os")

        const version = "1.4.2"

        func main() {
        	sql.Open("pgx", os.Getenv("DATABASE_URL"))
        }
        """,
    }
    assert fired(tmp_path, files, "F03-S02") == []


# --- Spring -----------------------------------------------------------------------------------------------


def test_s02_java_fires_for_literal_credentials_in_spring_config(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/application.properties": (
                "jwt.secret=Zk3v9QpL2xWm7RtY4nBc8HdJ6sFa1GeU\n"
                "spring.datasource.password=postgres\n"
                "stripe.api-key=${STRIPE_KEY:sk_test_9f8e7d6c5b4a3f2e1d0c}\n"
            )
        },
        "F03-S02",
    )
    by_line = {f.locations[0].line: f for f in found}
    assert set(by_line) == {1, 2, 3}
    assert by_line[1].strength.value == "strong" and by_line[2].strength.value == "moderate"  # a trivial password
    assert by_line[1].message.key == "F03-S02.message_java"
    assert by_line[3].message.key == "F03-S02.message_java_default"
    assert "Zk3v9QpL2xWm7RtY4nBc8HdJ6sFa1GeU" not in str(by_line[1].message.params)


def test_s02_java_is_silent_for_placeholders_and_a_dev_profile(tmp_path):
    files = {
        f"{RES}/application.yml": "jwt:\n  secret: ${JWT_SECRET}\nspring:\n  datasource:\n    password: ${DB_PASSWORD}\n",
        f"{RES}/application-dev.yml": "spring:\n  datasource:\n    password: Xy7Qm2Lp9Kd4Ws8Z\n",
    }
    assert fired(tmp_path, files, "F03-S02") == []


# --- Rails ------------------------------------------------------------------------------------------------


def test_s02_ruby_fires_for_a_production_password_a_secret_and_a_master_key(tmp_path):
    files = {
        **GEMS,
        "config/database.yml": """
                 development:
                   adapter: postgresql
                   password: devpass123
                 production:
                   adapter: postgresql
                   password: Pr0dPassw0rd!x
                 """,
        "config/secrets.yml": "production:\n  secret_key_base: 9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928\n",
        "config/master.key": "7c1f3e9a0b5d4c2e8f6a1b3d5e7f9a0c\n",
    }
    found = fired(tmp_path, files, "F03-S02")
    assert lines(found) == {("config/database.yml", 6), ("config/secrets.yml", 2), ("config/master.key", 1)}
    assert {f.message.key for f in found} == {
        "F03-S02.message_ruby",
        "F03-S02.message_ruby_secrets",
        "F03-S02.message_ruby_key",
    }
    assert all("Pr0dPassw0rd" not in v and "9f8e7d6c5b4a39" not in v for v in _params(found, "value"))


def test_s02_ruby_is_silent_for_erb_env_values_and_an_ignored_key(tmp_path):
    files = {
        **GEMS,
        "config/database.yml": 'production:\n  adapter: postgresql\n  password: <%= ENV["DATABASE_PASSWORD"] %>\n',
        ".gitignore": "/config/master.key\n",
        "config/master.key": "7c1f3e9a0b5d4c2e8f6a1b3d5e7f9a0c\n",
    }
    assert fired(tmp_path, files, "F03-S02") == []


def test_s02_a_web_service_url_is_moderate_and_a_public_api_is_no_deploy_value(tmp_path):
    settings = (
        "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nGITHUB_API_URL = 'https://api.github.com'\n"
        "WEATHER_API_URL = 'https://api.openweathermap.org/data/2.5/weather'\n"
        "BACKEND_URL = 'https://myapp-api.herokuapp.com'\nDATABASE_URL = 'postgres://app@db.prod.internal/app'\n"
    )
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "settings.py": settings}, "F03-S02")
    assert {(f.message.param_dict()["setting"], f.strength.value) for f in found} == {
        ("BACKEND_URL", "moderate"),
        ("DATABASE_URL", "strong"),
    }


def test_s02_a_service_handle_in_the_base_spring_file(tmp_path):
    pom = {"pom.xml": "<project><artifactId>api</artifactId></project>\n"}
    base = (
        "spring:\n  datasource:\n    url: jdbc:postgresql://db.prod.internal:5432/app\n    username: ${DB_USER}\n"
        "  mail:\n    host: smtp.gmail.com\n  redis:\n    host: localhost\n"
        "app:\n  partner-url: https://partner.example.com/api\n"
    )
    found = fired(tmp_path, {**pom, f"{RES}/application.yml": base}, "F03-S02")
    assert {(f.message.param_dict()["setting"], f.strength.value) for f in found} == {
        ("spring.datasource.url", "strong"),
        ("app.partner-url", "moderate"),
    }
    assert {f.message.key for f in found} == {"F03-S02.message_java_locator"}


def test_s02_is_silent_for_the_projects_own_metadata_urls(tmp_path):
    """Issue 12 item 6: the tool's homepage, docs and repository are constants, not deploy values."""
    code = (
        "import os\n"
        'SECRET_KEY = os.environ["SECRET_KEY"]\n'
        'PROJECT_URL = "https://acme.dev/mytool"\n'
        'DOCS_URL = "https://docs.acme.dev/mytool"\n'
        'HOMEPAGE_URL = "https://acme.dev"\n'
        'REPOSITORY_URL = "https://git.acme.dev/acme/mytool"\n'
        'ISSUES_URL = "https://git.acme.dev/acme/mytool/issues"\n'
        'API_URL = "https://gitlab.com/api/v4"\n'
        'BACKEND_URL = "https://backend.internal.example"\n'
    )
    found = fired(tmp_path, {**REQ, "mytool/settings.py": code}, "F03-S02")
    assert _params(found, "setting") == ["BACKEND_URL"]
