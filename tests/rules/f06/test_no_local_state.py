"""Tests of F06-AP01 (rules/f06/no_local_state.py): where it fires, and its near misses."""

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
NODE = {
    "package.json": '{"name": "shop", "version": "1.0.0", "dependencies": {"express": "4.19.2", '
    '"express-session": "1.18.0", "connect-redis": "7.1.1", "multer": "1.4.5", "pg": "8.11.5"}}\n'
}
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


def test_names_the_backing_service_that_holds_the_data(tmp_path):
    files = {
        **REQS,
        "app.py": """
        import os
        import psycopg2
        def connect():
            return psycopg2.connect(host=os.getenv("DB_HOST"))
        """,
    }
    found = fired(tmp_path, files, "F06-AP01")
    assert lines(found) == {("app.py", 4)}
    assert found[0].strength.value == "moderate"
    assert params(found)["service"] == "PostgreSQL"
    assert params(found)["store"] == "PostgreSQL via psycopg2.connect"


def test_is_weak_without_a_backing_service(tmp_path):
    found = fired(tmp_path, {**REQS, "app.py": "x = 1\n"}, "F06-AP01")
    assert found[0].strength.value == "weak"


def test_is_silent_when_local_state_was_found(tmp_path):
    assert fired(tmp_path, {**REQS, "app.py": UPLOAD}, "F06-AP01") == []


def test_names_the_data_stores_of_spring_and_rails(tmp_path):
    spring = {**pom(), f"{RES}/application.yml": "spring:\n  datasource:\n    url: ${DATABASE_URL}\n"}
    found = fired(tmp_path / "java", spring, "F06-AP01")
    assert params(found)["store"] == "PostgreSQL via spring.datasource.url"  # the declared driver names the engine
    rails = {
        **GEMFILE,
        "config/cable.yml": "production:\n  adapter: redis\n  url: <%= ENV['REDIS_URL'] %>\n",
        "config/database.yml": "production:\n  adapter: postgresql\n  url: <%= ENV['DATABASE_URL'] %>\n",
    }
    found = fired(tmp_path / "rb", rails, "F06-AP01")
    assert lines(found) == {("config/database.yml", 2)}  # the database of record before the cable's Redis
    assert params(found)["store"] == "PostgreSQL via database.yml (production)"


def test_is_silent_next_to_a_stack_rule_finding(tmp_path):
    files = {
        **NODE,
        "server.js": """
        const session = require("express-session");
        const { Pool } = require("pg");
        const pool = new Pool({ connectionString: process.env.DATABASE_URL });
        app.use(session({ secret: process.env.SESSION_SECRET }));
        """,
    }
    assert fired(tmp_path, files, "F06-AP01") == []  # F06-S2: sessions in a MemoryStore
