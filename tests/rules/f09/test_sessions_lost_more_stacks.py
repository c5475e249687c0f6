"""F09-S19: login sessions held in the process's memory, so that every restart logs users out."""

from __future__ import annotations

from helpers import fired, lines

GEMS = {
    "Gemfile": 'source "https://rubygems.org"\ngem "sinatra", "4.0.0"\ngem "puma", "6.4.2"\n',
    "Procfile": "web: bundle exec puma -C config/puma.rb\n",
    "config.ru": 'require_relative "app"\nrun Cart\n',
}
CART = """
    require "sinatra/base"

    class Cart < Sinatra::Base
      enable :sessions
      set :session_secret, ENV.fetch("SESSION_SECRET")
      use Rack::Session::Pool, expire_after: 86_400

      post "/cart" do
        (session[:items] ||= []) << params[:sku]
      end
    end
    """
PACKAGE = {
    "package.json": '{"name": "api", "main": "server.js", "scripts": {"start": "node server.js"},'
    ' "dependencies": {"express": "4.19.2", "express-session": "1.18.0"}}\n'
}


def test_s19_fires_for_a_rack_session_pool_beside_a_graceful_puma(tmp_path):
    found = fired(tmp_path, {**GEMS, "app.rb": CART}, "F09-S19")
    assert lines(found) == {("app.rb", 6)}
    assert found[0].message.param_dict()["store"] == "Rack::Session::Pool"


def test_s19_near_miss_signed_cookie_sessions_only(tmp_path):
    cookie = CART.replace("      use Rack::Session::Pool, expire_after: 86_400\n", "")
    assert fired(tmp_path, {**GEMS, "app.rb": cookie}, "F09-S19") == []


def test_s19_fires_for_express_session_with_its_default_memory_store(tmp_path):
    server = """
        const express = require("express");
        const session = require("express-session");
        const app = express();
        app.use(session({ secret: process.env.SECRET }));
        app.listen(process.env.PORT);
        """
    found = fired(tmp_path, {**PACKAGE, "server.js": server}, "F09-S19")
    assert lines(found) == {("server.js", 4)}


def test_s19_near_miss_a_shared_store_or_sessions_on_disk(tmp_path):
    server = """
        const session = require("express-session");
        const RedisStore = require("connect-redis")(session);
        app.use(session({ store: new RedisStore({ client }), secret: process.env.SECRET }));
        """
    assert fired(tmp_path / "node", {**PACKAGE, "server.js": server}, "F09-S19") == []
    flask = {"requirements.txt": "flask==3.0.0\n", "config.py": 'class Config:\n    SESSION_TYPE = "filesystem"\n'}
    assert fired(tmp_path / "flask", flask, "F09-S19") == []


def test_s19_fires_for_django_cache_sessions_over_the_default_cache(tmp_path):
    files = {
        "requirements.txt": "django==5.0.6\n",
        "settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.cache"\n',
    }
    found = fired(tmp_path, files, "F09-S19")
    assert lines(found) == {("settings.py", 1)}
    assert found[0].message.param_dict()["store"] == "LocMemCache"


POM = """
    <project>
      <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId>
        <version>3.3.5</version></parent>
      <artifactId>app</artifactId>
      <dependencies>
        <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>{extra}
      </dependencies>
    </project>
    """
LOGIN = {
    "src/main/java/com/acme/Login.java": """
    @RestController
    class Login {
        @PostMapping("/login")
        void login(HttpSession session) { session.setAttribute("user", 1); }
    }
    """
}


def test_s19_fires_for_the_servlet_session_without_spring_session(tmp_path):
    found = fired(tmp_path, {"pom.xml": POM.format(extra=""), **LOGIN}, "F09-S19")
    assert lines(found) == {("src/main/java/com/acme/Login.java", 4)}


def test_s19_near_miss_spring_session_in_redis(tmp_path):
    redis = (
        "<dependency><groupId>org.springframework.session</groupId>"
        "<artifactId>spring-session-data-redis</artifactId></dependency>"
    )
    assert fired(tmp_path, {"pom.xml": POM.format(extra=redis), **LOGIN}, "F09-S19") == []
