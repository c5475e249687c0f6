"""appmodel.services.local_fallbacks: a backing service chosen by an environment variable, with an
in-process or local-disk fallback when it is unset (class F; VI and X read it)."""

from __future__ import annotations

from helpers import extract_all, make_repo, open_repository
from twelve.appmodel import local_fallbacks

PACKAGE = (
    '{"name": "cart", "dependencies": {"express": "4.19.2", "express-session": "1.18.0", "connect-redis": "7.1.1"}}'
)
SERVER = """const session = require('express-session');
const RedisStore = require('connect-redis').default;
const options = { secret: process.env.SESSION_SECRET };
{assign}
app.use(session(options));
"""


def fallbacks(tmp_path, files):
    repo = open_repository(str(make_repo(tmp_path, files)))
    return local_fallbacks(extract_all(repo, 2 * 1024 * 1024).for_app(repo.apps[0]))


def test_sessions_in_memory_unless_an_env_variable_selects_redis(tmp_path):
    assign = "if (process.env.REDIS_URL) {\n  options.store = new RedisStore({ client });\n}"
    found = fallbacks(tmp_path, {"package.json": PACKAGE, "server.js": SERVER.replace("{assign}", assign)})
    assert [(f.what, f.fallback, f.alternative, f.variable) for f in found] == [
        ("sessions", "memory", "redis", "REDIS_URL")
    ]


def test_near_miss_store_set_unconditionally_or_by_node_env(tmp_path):
    always = SERVER.replace("{assign}", "options.store = new RedisStore({ client });")
    assert fallbacks(tmp_path / "a", {"package.json": PACKAGE, "server.js": always}) == []
    by_mode = SERVER.replace(
        "{assign}", "if (process.env.NODE_ENV === 'production') options.store = new RedisStore({ client });"
    )
    assert fallbacks(tmp_path / "b", {"package.json": PACKAGE, "server.js": by_mode}) == []


def test_active_storage_on_disk_unless_the_variable_names_another_service(tmp_path):
    files = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '7.1.3'\n",
        "config/storage.yml": "local:\n  service: Disk\n  root: <%= Rails.root.join('storage') %>\n\namazon:\n  service: S3\n",
        "config/environments/production.rb": "Rails.application.configure do\n"
        '  config.active_storage.service = ENV.fetch("ACTIVE_STORAGE_SERVICE", "local").to_sym\nend\n',
    }
    found = fallbacks(tmp_path, files)
    assert [(f.what, f.fallback, f.variable) for f in found] == [
        ("uploads (Active Storage)", "disk", "ACTIVE_STORAGE_SERVICE")
    ]
