"""Ruby stack rules (rules/stack_ruby.py): a firing and a near-miss test per rule."""

from __future__ import annotations

from helpers import fired, lines

GEMFILE = {"Gemfile": """
    source "https://rubygems.org"
    gem "rails", "~> 7.1.3"
    gem "pg", "~> 1.5"
    gem "puma", ">= 6.4"
    gem "sidekiq", "~> 7.2"
    """}
LOCK = {"Gemfile.lock": """
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
    """}
APP = {"config.ru": 'require_relative "config/environment"\nrun Rails.application\n',
       "config/application.rb": """
    require "rails/all"
    module Shop
      class Application < Rails::Application
        config.load_defaults 7.1
      end
    end
    """}
BASE = {**GEMFILE, **LOCK, **APP}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


# --- F06-S6r / F06-S9 ------------------------------------------------------------------------------------


PRODUCTION_RB = "config/environments/production.rb"


def test_s6r_fires_for_local_active_storage_in_production(tmp_path):
    files = {**BASE, PRODUCTION_RB: "Rails.application.configure do\n  config.active_storage.service = :local\nend\n",
             "config/storage.yml": "local:\n  service: Disk\n  root: <%= Rails.root.join(\"storage\") %>\n"}
    found = fired(tmp_path, files, "F06-S6r")
    assert lines(found) == {(PRODUCTION_RB, 2), ("config/storage.yml", 2)} and _params(found, "service") == ["local"]


def test_s6r_is_silent_for_s3_in_production_and_local_in_development(tmp_path):
    files = {**BASE, PRODUCTION_RB: "Rails.application.configure do\n  config.active_storage.service = :amazon\nend\n",
             "config/environments/development.rb": "Rails.application.configure do\n  config.active_storage.service = :local\nend\n",
             "config/storage.yml": "local:\n  service: Disk\namazon:\n  service: S3\n"}
    assert fired(tmp_path, files, "F06-S6r") == []


def test_s9_fires_for_assets_compile_in_production_only(tmp_path):
    files = {**BASE, PRODUCTION_RB: "Rails.application.configure do\n  config.assets.compile = true\nend\n"}
    found = fired(tmp_path / "a", files, "F06-S9")
    assert lines(found) == {(PRODUCTION_RB, 2)} and found[0].strength.value == "weak"
    dev = {**BASE, "config/environments/development.rb": "Rails.application.configure do\n  config.assets.compile = true\nend\n"}
    assert fired(tmp_path / "b", dev, "F06-S9") == []


# --- F07-S5 / F07-S5b -------------------------------------------------------------------------------------


def test_s5_fires_strong_for_puma_with_port_from_env(tmp_path):
    files = {**BASE, "config/puma.rb": 'port ENV.fetch("PORT") { 3000 }\nworkers ENV.fetch("WEB_CONCURRENCY", 2)\n'}
    found = fired(tmp_path, files, "F07-S5")
    assert lines(found) == {("Gemfile", 4), ("config/puma.rb", 1)} and found[0].strength.value == "strong"
    assert _params(found, "port") == ["$PORT (3000)"]


def test_s5_is_moderate_for_a_fixed_port_and_silent_without_a_server_gem(tmp_path):
    fixed = fired(tmp_path / "a", {**BASE, "config/puma.rb": "port 3000\n"}, "F07-S5")
    assert fixed[0].strength.value == "moderate" and fixed[0].message.key == "F07-S5.message_fixed"
    no_server = {"Gemfile": 'source "https://rubygems.org"\ngem "rails"\n', **APP}
    assert fired(tmp_path / "b", no_server, "F07-S5") == []


def test_s5b_fires_for_a_literal_port_only(tmp_path):
    found = fired(tmp_path / "a", {**BASE, "config/puma.rb": "port 3000\n"}, "F07-S5b")
    assert lines(found) == {("config/puma.rb", 1)} and _params(found, "port") == ["3000"]
    assert fired(tmp_path / "b", {**BASE, "config/puma.rb": 'port ENV.fetch("PORT", 3000)\n'}, "F07-S5b") == []


# --- F09-S5 -------------------------------------------------------------------------------------------------


def test_s5_disposability_fires_for_puma_and_sidekiq(tmp_path):
    found = fired(tmp_path, BASE, "F09-S5")
    assert lines(found) == {("Gemfile", 4), ("Gemfile", 5)} and _params(found, "servers") == ["puma, sidekiq"]


def test_s5_disposability_is_silent_when_a_trap_exits_at_once(tmp_path):
    files = {**BASE, "config/initializers/signals.rb": 'Signal.trap("TERM") { exit! }\n'}
    assert fired(tmp_path, files, "F09-S5") == []


# --- F10-S7r / F10-S8r ---------------------------------------------------------------------------------


def test_f10_s7_generic_fires_for_sqlite_in_development_and_postgresql_in_production(tmp_path):
    files = {**BASE, "config/database.yml": """
        development:
          adapter: sqlite3
          database: db/development.sqlite3
        production:
          adapter: postgresql
          url: <%= ENV["DATABASE_URL"] %>
        """}
    found = fired(tmp_path, files, "F10-S7")
    assert lines(found) == {("config/database.yml", 2), ("config/database.yml", 5)}
    assert _params(found, "engine") == ["PostgreSQL"] and found[0].scope.value == "production"


def test_f10_s7_generic_is_silent_when_every_environment_uses_postgresql(tmp_path):
    files = {**BASE, "config/database.yml": "development:\n  adapter: postgresql\nproduction:\n  adapter: postgresql\n"}
    assert fired(tmp_path, files, "F10-S7") == []


def test_s8r_fires_for_memory_store_in_development_and_redis_in_production(tmp_path):
    files = {**BASE,
             "config/environments/development.rb": "Rails.application.configure do\n  config.cache_store = :memory_store\nend\n",
             PRODUCTION_RB: "Rails.application.configure do\n  config.cache_store = :redis_cache_store, { url: ENV[\"REDIS_URL\"] }\nend\n"}
    found = fired(tmp_path, files, "F10-S8r")
    assert lines(found) == {("config/environments/development.rb", 2), (PRODUCTION_RB, 2)}
    assert _params(found, "dev_value") == [":memory_store"] and _params(found, "prod_value") == [":redis_cache_store"]


def test_s8r_is_silent_when_development_uses_the_same_store(tmp_path):
    files = {**BASE,
             "config/environments/development.rb": "Rails.application.configure do\n  config.cache_store = :redis_cache_store\nend\n",
             PRODUCTION_RB: "Rails.application.configure do\n  config.cache_store = :redis_cache_store\nend\n"}
    assert fired(tmp_path, files, "F10-S8r") == []


# --- F11-S5 / F11-S5b ---------------------------------------------------------------------------------------


def test_s5_logs_fires_for_a_file_logger_in_production(tmp_path):
    files = {**BASE, PRODUCTION_RB: 'Rails.application.configure do\n  config.logger = Logger.new("log/production.log")\nend\n'}
    found = fired(tmp_path, files, "F11-S5")
    assert lines(found) == {(PRODUCTION_RB, 2)} and _params(found, "target") == ["log/production.log"]
    assert found[0].strength.value == "strong"


def test_s5_logs_infers_the_default_file_and_is_silent_with_stdout(tmp_path):
    quiet = {**BASE, PRODUCTION_RB: "Rails.application.configure do\n  config.eager_load = true\nend\n"}
    found = fired(tmp_path / "a", quiet, "F11-S5")
    assert found[0].message.key == "F11-S5.message_default" and found[0].strength.value == "moderate"
    stdout = {**BASE, PRODUCTION_RB: "Rails.application.configure do\n  config.logger = ActiveSupport::TaggedLogging.logger(STDOUT)\nend\n"}
    assert fired(tmp_path / "b", stdout, "F11-S5") == []


def test_s5b_fires_for_stdout_logger_and_rails_log_to_stdout(tmp_path):
    files = {**BASE, PRODUCTION_RB: """
        Rails.application.configure do
          if ENV["RAILS_LOG_TO_STDOUT"].present?
            config.logger = ActiveSupport::TaggedLogging.new(ActiveSupport::Logger.new(STDOUT))
          end
        end
        """}
    found = fired(tmp_path / "a", files, "F11-S5b")
    assert lines(found) == {(PRODUCTION_RB, 2), (PRODUCTION_RB, 3)}
    assert fired(tmp_path / "b", {**BASE, PRODUCTION_RB: "Rails.application.configure do\nend\n"}, "F11-S5b") == []
