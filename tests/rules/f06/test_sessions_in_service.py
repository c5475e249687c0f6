"""Tests of F06-S10 (rules/f06/sessions_in_service.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\n"}


def params(found, index=0):
    return found[index].message.param_dict()


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
SPRING_SESSION = """
        <dependency>
          <groupId>org.springframework.session</groupId>
          <artifactId>spring-session-data-redis</artifactId>
        </dependency>"""


def pom(extra: str = "") -> dict[str, str]:
    return {"pom.xml": POM["pom.xml"].replace("{extra}", extra)}


def test_fires_on_redis_sessions(tmp_path):
    files = {
        **REQS,
        "app.py": """
        from flask import Flask
        app = Flask(__name__)
        app.config["SESSION_TYPE"] = "redis"
        """,
    }
    found = fired(tmp_path, files, "F06-S10")
    assert lines(found) == {("app.py", 3)}
    assert params(found)["store"] == "redis"


def test_fires_on_django_cache_sessions_over_redis_and_db_sessions(tmp_path):
    files = {
        **REQS,
        "settings.py": """
        SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache"}}
        """,
    }
    assert params(fired(tmp_path / "a", files, "F06-S10"))["store"] == "RedisCache"
    db = {**REQS, "settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.db"\n'}
    assert params(fired(tmp_path / "b", db, "F06-S10"))["store"] == "db"


def test_near_miss_filesystem_sessions(tmp_path):
    files = {**REQS, "config.py": 'class Config:\n    SESSION_TYPE = "filesystem"\n'}
    assert fired(tmp_path, files, "F06-S10") == []


def test_fires_on_session_stores_of_every_language(tmp_path):
    node = {
        **NODE,
        "server.js": """
        const session = require("express-session");
        const RedisStore = require("connect-redis").default;
        app.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET }));
        """,
    }
    found = fired(tmp_path / "node", node, "F06-S10")
    assert lines(found) == {("server.js", 3)} and params(found)["store"] == "Redis"
    assert found[0].message.key == "F06-S10.message_store" and params(found)["setting"] == "express-session"
    go = {
        **GO_MOD,
        "main.go": """
        package main

        import (
        	"os"

        	"github.com/gorilla/sessions"
        )

        var store = sessions.NewCookieStore([]byte(os.Getenv("SESSION_KEY")))
        """,
    }
    found = fired(tmp_path / "go", go, "F06-S10")
    assert found[0].message.key == "F06-S10.message_cookie" and params(found)["api"] == "sessions.NewCookieStore"
    rails = {
        **GEMFILE,
        "config/initializers/session_store.rb": "Rails.application.config.session_store :cookie_store\n",
    }
    assert lines(fired(tmp_path / "rb", rails, "F06-S10")) == {("config/initializers/session_store.rb", 1)}
    spring = {**pom(), f"{RES}/application.yml": "spring:\n  session:\n    store-type: redis\n"}
    found = fired(tmp_path / "java", spring, "F06-S10")
    assert lines(found) == {(f"{RES}/application.yml", 3)} and params(found)["api"] == "spring.session.store-type"


def test_is_moderate_for_a_spring_session_module_on_the_classpath(tmp_path):
    found = fired(tmp_path, pom(SPRING_SESSION), "F06-S10")
    assert [f.strength.value for f in found] == ["moderate"]
    assert params(found)["api"] == "org.springframework.session:spring-session-data-redis"


def test_near_miss_memory_stores_and_development_profiles(tmp_path):
    memory = {**NODE, "server.js": 'const session = require("express-session");\napp.use(session({ secret: "x" }));\n'}
    assert fired(tmp_path / "node", memory, "F06-S10") == []  # F06-S2 reports the MemoryStore
    dev = {**pom(), f"{RES}/application-dev.yml": "spring:\n  session:\n    store-type: redis\n"}
    assert fired(tmp_path / "java", dev, "F06-S10") == []
