"""F10-S07: an embedded database stands in for the production server."""

from __future__ import annotations

from f10_data import APP, BASE, CONFIG, POM_H2, RAILS, RES, RUBY, params, spring_pom

from helpers import fired, lines


def test_s07_fires_for_sqlite_in_development_and_postgresql_in_production(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\nflask-sqlalchemy==3.1.1\n",
        "config.py": CONFIG,
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    }
    found = fired(tmp_path, files, "F10-S07")
    assert len(found) == 1
    assert {("config.py", 9), ("config.py", 13)} <= lines(found)
    assert found[0].message.param_dict()["engine"] == "PostgreSQL"
    assert found[0].scope.value == "production"


def test_s07_fires_for_a_sqlite_default_while_the_driver_is_postgresql(tmp_path):
    app = APP + "DATABASE_URL = os.environ.get('DATABASE_URL', 'sqlite:///local.db')\n"
    found = fired(tmp_path, {**BASE, "app.py": app}, "F10-S07")
    assert ("app.py", 5) in lines(found)
    assert found[0].message.param_dict()["value"] == "sqlite:///local.db"


def test_s07_fires_for_django_dev_settings_on_sqlite(tmp_path):
    files = {
        "requirements.txt": "django==5.0\npsycopg2-binary==2.9.9\n",
        "manage.py": "import django\n",
        "proj/settings/dev.py": "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n",
        "proj/settings/production.py": "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app'}}\n",
    }
    found = fired(tmp_path, files, "F10-S07")
    assert ("proj/settings/dev.py", 1) in lines(found)
    assert found[0].scope.value == "production"


def test_s07_is_silent_when_every_environment_uses_postgresql(tmp_path):
    config = CONFIG.replace("sqlite:///dev.db", "postgresql://app@localhost/dev")
    files = {
        "requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\n",
        "config.py": config,
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    }
    assert fired(tmp_path, files, "F10-S07") == []
    sqlite_only = {"requirements.txt": "flask==3.0.0\n", "app.py": "DATABASE_URL = 'sqlite:///app.db'\n"}
    assert fired(tmp_path / "lite", sqlite_only, "F10-S07") == []


def test_s07_fires_for_an_environment_branch_between_sqlite_and_postgresql(tmp_path):
    settings = """\
        import os

        if os.environ.get("APP_ENV") == "production":
            engine = create_engine(os.environ.get("DATABASE_URL", "postgresql://db/app"))
        else:
            engine = create_engine("sqlite:///dev.db")
        """
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
        "settings.py": settings,
    }
    found = fired(tmp_path, files, "F10-S07")
    assert lines(found) == {("settings.py", 3)}
    assert found[0].message.param_dict()["value"] == "sqlite:///dev.db"
    same = settings.replace("sqlite:///dev.db", "postgresql://localhost/dev")
    assert fired(tmp_path / "same", {**files, "settings.py": same}, "F10-S07") == []


def test_s07_fires_for_an_embedded_database_in_a_spring_development_profile(tmp_path):
    files = {
        f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:h2:mem:app\n",
        f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n",
    }
    found = fired(tmp_path, files, "F10-S07")
    assert lines(found) == {(f"{RES}/application-dev.yml", 3), (f"{RES}/application.yml", 3)}
    assert params(found, "embedded") == ["H2"] and params(found, "engine") == ["PostgreSQL"]
    assert found[0].strength.value == "moderate" and found[0].scope.value == "production"


def test_s07_is_moderate_for_an_embedded_database_dependency_unless_testcontainers(tmp_path):
    found = fired(tmp_path / "h2", {"pom.xml": POM_H2.format(extra="")}, "F10-S07")
    assert [(f.message.key, f.strength.value) for f in found] == [("F10-S07.message_dependency", "moderate")]
    assert lines(found) == {("pom.xml", 5), ("pom.xml", 6)}
    containers = "<dependency><groupId>org.testcontainers</groupId><artifactId>postgresql</artifactId><scope>test</scope></dependency>"
    assert fired(tmp_path / "tc", {"pom.xml": POM_H2.format(extra=containers)}, "F10-S07") == []


def test_s07_fires_for_sqlite_rails_environments_next_to_a_postgresql_production(tmp_path):
    database = """\
        development:
          adapter: sqlite3
          database: db/development.sqlite3
        test:
          adapter: sqlite3
          database: db/test.sqlite3
        production:
          adapter: postgresql
          url: <%= ENV["DATABASE_URL"] %>
        """
    found = fired(tmp_path, {**RAILS, "config/database.yml": database}, "F10-S07")
    assert {tuple(sorted(lines([f]))) for f in found} == {
        (("config/database.yml", 2), ("config/database.yml", 8)),
        (("config/database.yml", 5), ("config/database.yml", 8)),
    }
    assert set(params(found, "lite")) == {"config/database.yml:2 (development)", "config/database.yml:5 (test)"}
    assert params(found, "value") == ["adapter: sqlite3"] * 2


def test_s07_is_silent_for_rails_on_postgresql_everywhere(tmp_path):
    database = "development:\n  adapter: postgresql\nproduction:\n  adapter: postgresql\n"
    assert fired(tmp_path, {**RAILS, "config/database.yml": database}, "F10-S07") == []


def test_s07_fires_for_a_sqlite_rails_development_next_to_postgresql_production(tmp_path):
    files = {
        **RUBY,
        "config/database.yml": """
        development:
          adapter: sqlite3
          database: db/development.sqlite3
        production:
          adapter: postgresql
          url: <%= ENV["DATABASE_URL"] %>
        """,
    }
    found = fired(tmp_path, files, "F10-S07")
    assert lines(found) == {("config/database.yml", 2), ("config/database.yml", 5)}
    assert params(found, "engine") == ["PostgreSQL"] and found[0].scope.value == "production"


def test_s07_is_silent_for_a_rails_app_on_postgresql_everywhere(tmp_path):
    files = {**RUBY, "config/database.yml": "development:\n  adapter: postgresql\nproduction:\n  adapter: postgresql\n"}
    assert fired(tmp_path, files, "F10-S07") == []


def test_s07_h2_in_a_spring_dev_profile_postgres_in_prod(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:h2:mem:app\n",
            f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n",
        },
        "F10-S07",
    )
    assert lines(found) == {(f"{RES}/application-dev.yml", 3), (f"{RES}/application.yml", 3)}
    assert params(found, "embedded") == ["H2"] and params(found, "engine") == ["PostgreSQL"]
    assert found[0].scope.value == "production" and found[0].strength.value == "moderate"


def test_s07_test_scoped_h2_next_to_a_postgres_driver(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": spring_pom("""
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
              <scope>runtime</scope>
            </dependency>
            <dependency>
              <groupId>com.h2database</groupId>
              <artifactId>h2</artifactId>
              <scope>test</scope>
            </dependency>""")
        },
        "F10-S07",
    )
    assert [f.message.key for f in found] == ["F10-S07.message_dependency"] and found[0].strength.value == "moderate"


def test_s07_near_miss_testcontainers_and_same_engine(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": spring_pom("""
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
            </dependency>
            <dependency>
              <groupId>org.testcontainers</groupId>
              <artifactId>postgresql</artifactId>
              <scope>test</scope>
            </dependency>"""),
            f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://localhost:5432/app\n",
        },
        "F10-S07",
    )
    assert found == []


def test_s07_is_moderate_a_documented_divergence_is_partial(tmp_path):
    app = APP + "DATABASE_URL = os.environ.get('DATABASE_URL', 'sqlite:///local.db')\n"
    found = fired(tmp_path, {**BASE, "app.py": app}, "F10-S07")
    assert found and all(f.strength.value == "moderate" for f in found)


def test_s07_ignores_a_test_sqlite_default_when_ci_runs_the_tests_on_the_server_engine(tmp_path):
    conftest = "import os\nDATABASE_URL = os.environ.get('DATABASE_URL', 'sqlite:///./test.db')\n"
    ci = (
        "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db:\n"
        "        image: postgres:16\n    steps:\n      - run: pytest\n"
    )
    files = {**BASE, "tests/conftest.py": conftest}
    assert ("tests/conftest.py", 2) in lines(fired(tmp_path / "no-ci", files, "F10-S07"))
    assert fired(tmp_path / "ci", {**files, ".github/workflows/ci.yml": ci}, "F10-S07") == []


# --- F10-S11: an embedded database is the only one, everywhere ----------------------------------------

LITE_APP = (
    "from flask import Flask\napp = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///notes.db'\n"
)


def test_s11_fires_when_sqlite_is_the_only_database(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\nflask-sqlalchemy==3.1.1\ngunicorn==22.0.0\n",
        "app.py": LITE_APP,
        "Procfile": "web: gunicorn app:app\n",
    }
    found = fired(tmp_path, files, "F10-S11")
    assert lines(found) == {("app.py", 3)} and found[0].strength.value == "moderate"
    assert found[0].message.param_dict()["embedded"] == "SQLite"


def test_s11_near_misses_a_server_beside_it_an_env_fallback_or_memory(tmp_path):
    reqs = "flask==3.0.0\nflask-sqlalchemy==3.1.1\n"
    server = {"requirements.txt": reqs + "psycopg2-binary==2.9.9\n", "app.py": LITE_APP}
    assert fired(tmp_path / "server", server, "F10-S11") == []
    fallback = LITE_APP.replace("'sqlite:///notes.db'", "os.environ.get('DATABASE_URL', 'sqlite:///notes.db')")
    assert fired(tmp_path / "env", {"requirements.txt": reqs, "app.py": "import os\n" + fallback}, "F10-S11") == []
    memory = LITE_APP.replace("sqlite:///notes.db", "sqlite:///:memory:")
    assert fired(tmp_path / "memory", {"requirements.txt": reqs, "app.py": memory}, "F10-S11") == []
