"""Tests of F06-S02 (rules/f06/sessions_in_process.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\n"}


def params(found, index=0):
    return found[index].message.param_dict()


JAVA = "src/main/java/com/acme"


def pom(dependencies: str = "", *, packaging: str = "jar", plugins: str = "", boot: str = "3.3.5") -> str:
    return f"""
        <project>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>{boot}</version>
          </parent>
          <artifactId>app</artifactId>
          <packaging>{packaging}</packaging>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>{dependencies}
          </dependencies>
          <build><plugins>{plugins}</plugins></build>
        </project>
    """


CART = {
    f"{JAVA}/Cart.java": """
    @RestController
    class Cart {
        @PostMapping("/cart")
        void add(HttpSession session) { session.setAttribute("cart", 1); }
    }
"""
}
PACKAGE = {
    "package.json": """
    {
      "name": "api",
      "main": "server.js",
      "scripts": { "start": "node server.js" },
      "dependencies": { "express": "^4.19.2", "pg": "8.11.5" }
    }
    """
}
LOCK = {
    "package-lock.json": '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/express": {}, "node_modules/pg": {}}}\n'
}


def test_fires_on_flask_session_on_the_filesystem(tmp_path):
    files = {
        **REQS,
        "config.py": """
        class Config:
            SESSION_TYPE = "filesystem"
        """,
    }
    found = fired(tmp_path, files, "F06-S02")
    assert lines(found) == {("config.py", 2)}
    assert params(found)["store"] == "filesystem"
    assert found[0].strength.value == "strong"


def test_fires_on_django_cache_sessions_over_locmem(tmp_path):
    files = {
        **REQS,
        "settings.py": """
        SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        """,
    }
    found = fired(tmp_path, files, "F06-S02")
    assert lines(found) == {("settings.py", 1), ("settings.py", 2)}
    assert params(found)["store"] == "LocMemCache"


def test_fires_on_django_file_sessions(tmp_path):
    files = {**REQS, "settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.file"\n'}
    assert params(fired(tmp_path, files, "F06-S02"))["setting"] == "SESSION_ENGINE"


def test_near_miss_redis_and_database_sessions(tmp_path):
    flask = {**REQS, "config.py": 'class Config:\n    SESSION_TYPE = "redis"\n'}
    assert fired(tmp_path / "a", flask, "F06-S02") == []
    django = {
        **REQS,
        "settings.py": """
        SESSION_ENGINE = "django.contrib.sessions.backends.cache"
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
        """,
    }
    assert fired(tmp_path / "b", django, "F06-S02") == []
    signed = {**REQS, "settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"\n'}
    assert fired(tmp_path / "c", signed, "F06-S02") == []


def test_ignores_a_development_config_class(tmp_path):
    files = {**REQS, "config.py": 'class DevelopmentConfig:\n    SESSION_TYPE = "filesystem"\n'}
    assert fired(tmp_path, files, "F06-S02") == []


def test_http_session_without_spring_session(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(), **CART}, "F06-S02")
    assert lines(found) == {(f"{JAVA}/Cart.java", 4)}


def test_near_miss_with_spring_session(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom("""
            <dependency>
              <groupId>org.springframework.session</groupId>
              <artifactId>spring-session-data-redis</artifactId>
            </dependency>"""),
            **CART,
        },
        "F06-S02",
    )
    assert found == []


def test_express_session_default_memory_store(tmp_path):
    files = {
        **PACKAGE,
        **LOCK,
        "server.js": """
        const session = require("express-session");
        const MemoryStore = require("memorystore")(session);
        app.use(session({ secret: process.env.SECRET }));
        app.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: process.env.SECRET }));
        """,
    }
    found = fired(tmp_path, files, "F06-S02")
    assert lines(found) == {("server.js", 3), ("server.js", 4)}
    variants = {f.locations[0].line: f.message.key for f in found}
    assert variants == {3: "F06-S02.message", 4: "F06-S02.message_memorystore"}


def test_shared_store_or_cookie_sessions_are_fine(tmp_path):
    files = {
        **PACKAGE,
        **LOCK,
        "server.js": """
        const session = require("express-session");
        const RedisStore = require("connect-redis")(session);
        const cookieSession = require("cookie-session");
        app.use(session({ store: new RedisStore({ client }), secret: process.env.SECRET }));
        app.use(cookieSession({ keys: [process.env.KEY] }));
        """,
    }
    assert fired(tmp_path, files, "F06-S02") == []


# --- class G: in-process session stores are strong in every stack; class F: an env-selected fallback ---

SINATRA = {
    "Gemfile": "source 'https://rubygems.org'\ngem 'sinatra', '4.0.0'\ngem 'puma', '6.4.2'\n",
    "Gemfile.lock": "GEM\n  specs:\n    sinatra (4.0.0)\n    puma (6.4.2)\n",
}


def test_http_session_is_strong(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(), **CART}, "F06-S02")
    assert [f.strength.value for f in found] == ["strong"]
    assert found[0].message.key == "F06-S02.message_java"


def test_rack_session_pool_beats_the_cookie_declared_before_it(tmp_path):
    files = {
        **SINATRA,
        "app.rb": """
        require 'sinatra/base'
        class Shop < Sinatra::Base
          enable :sessions
          use Rack::Session::Pool, expire_after: 3600
          get('/') { session[:cart] ||= []; 'ok' }
        end
        """,
    }
    found = fired(tmp_path, files, "F06-S02")
    assert lines(found) == {("app.rb", 4)}
    assert found[0].strength.value == "strong" and found[0].message.key == "F06-S02.message_ruby_memory"
    assert fired(tmp_path / "b", files, "F06-S10") == []  # the cookie is not where the sessions live


def test_near_miss_sinatra_cookie_sessions_alone(tmp_path):
    files = {**SINATRA, "app.rb": "require 'sinatra'\nenable :sessions\nget('/') { 'ok' }\n"}
    assert fired(tmp_path, files, "F06-S02") == []
    assert [f.rule for f in fired(tmp_path / "b", files, "F06-S10")] == ["F06-S10"]


GO_MOD = {"go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/gorilla/sessions v1.2.2\n"}


def test_gorilla_filesystem_and_memory_stores(tmp_path):
    files = {
        **GO_MOD,
        "main.go": """
        package main

        import (
            "net/http"

            "github.com/gorilla/sessions"
            "github.com/quasoft/memstore"
        )

        var store = sessions.NewFilesystemStore("", []byte("k"))
        var mem = memstore.NewStore([]byte("k"))

        func main() { http.ListenAndServe(":8080", nil) }
        """,
    }
    found = fired(tmp_path, files, "F06-S02")
    assert {(f.locations[0].line, f.message.key) for f in found} == {
        (10, "F06-S02.message_go_disk"),
        (11, "F06-S02.message_go_memory"),
    }


def test_near_miss_gorilla_cookie_store(tmp_path):
    files = {
        **GO_MOD,
        "main.go": """
        package main

        import "github.com/gorilla/sessions"

        var store = sessions.NewCookieStore([]byte("k"))
        """,
    }
    assert fired(tmp_path, files, "F06-S02") == []


SHIRO = f"{JAVA}/ShiroConfig.java"


def test_shiro_memory_session_dao_is_local_even_beside_a_redis_dao(tmp_path):
    files = {
        "pom.xml": pom(),
        SHIRO: """
        import org.apache.shiro.session.mgt.eis.MemorySessionDAO;
        import org.crazycake.shiro.RedisSessionDAO;
        class ShiroConfig {
            @Bean @ConditionalOnProperty("app.redis") RedisSessionDAO redis() { return new RedisSessionDAO(); }
            @Bean MemorySessionDAO memory() { return new MemorySessionDAO(); }
        }
        """,
    }
    found = fired(tmp_path, files, "F06-S02")
    assert lines(found) == {(SHIRO, 5)} and found[0].strength.value == "strong"


def test_near_miss_shiro_on_redis_only(tmp_path):
    files = {
        "pom.xml": pom(),
        SHIRO: """
        import org.crazycake.shiro.RedisSessionDAO;
        class ShiroConfig {
            @Bean RedisSessionDAO redis() { return new RedisSessionDAO(); }
        }
        """,
        **CART,
    }
    assert fired(tmp_path, files, "F06-S02") == []


FALLBACK = """
    const session = require("express-session");
    const RedisStore = require("connect-redis").default;
    const options = { secret: process.env.SECRET, resave: false };
    if (process.env.REDIS_URL) {
      options.store = new RedisStore({ client: createClient({ url: process.env.REDIS_URL }) });
    }
    app.use(session(options));
    """


def test_env_selected_shared_store_makes_memory_a_moderate_fallback(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **LOCK, "server.js": FALLBACK}, "F06-S02")
    assert lines(found) == {("server.js", 7)}
    assert found[0].strength.value == "moderate" and found[0].message.key == "F06-S02.message_fallback"
    assert params(found)["env"] == "REDIS_URL" and "RedisStore" in params(found)["alternative"]


def test_near_miss_unconditional_store_assignment_is_the_store(tmp_path):
    code = FALLBACK.replace("if (process.env.REDIS_URL) {", "{")
    assert fired(tmp_path, {**PACKAGE, **LOCK, "server.js": code}, "F06-S02") == []


def test_near_miss_store_set_only_in_production_is_not_a_fallback(tmp_path):
    code = FALLBACK.replace("if (process.env.REDIS_URL) {", "if (process.env.NODE_ENV === 'production') {")
    assert fired(tmp_path, {**PACKAGE, **LOCK, "server.js": code}, "F06-S02") == []
