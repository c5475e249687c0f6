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


# --- F02-S6 / F02-S6b / F02-S16 ----------------------------------------------------------------------------


def test_s6_fires_for_gemfile_and_lock(tmp_path):
    found = fired(tmp_path, BASE, "F02-S6")
    assert lines(found) == {("Gemfile", 1), ("Gemfile.lock", 1)} and _params(found, "count") == ["4"]


def test_s6b_fires_without_lock_and_is_silent_with_it(tmp_path):
    found = fired(tmp_path / "a", {**GEMFILE, **APP}, "F02-S6b")
    assert lines(found) == {("Gemfile", 1)} and _params(found, "lock") == ["Gemfile.lock"]
    assert fired(tmp_path / "b", BASE, "F02-S6b") == []
    ignored = fired(tmp_path / "c", {**BASE, ".gitignore": "Gemfile.lock\n"}, "F02-S6b")
    assert ignored[0].message.key == "F02-S6b.message_ignored"


def test_s16_fires_for_bundle_exec_and_bundle_deployment(tmp_path):
    files = {**BASE, "Procfile": "web: bundle exec puma -C config/puma.rb\n",
             "Dockerfile": "FROM ruby:3.3\nENV BUNDLE_DEPLOYMENT=1\nRUN bundle install\nCMD [\"bin/rails\", \"server\"]\n"}
    found = fired(tmp_path, files, "F02-S16")
    assert {("Procfile", 1), ("Dockerfile", 2)} <= lines(found)
    assert _params(found, "how") == ["bundle exec, BUNDLE_DEPLOYMENT=1"]


def test_s16_is_silent_for_a_bare_start(tmp_path):
    files = {**BASE, "Procfile": "web: puma -C config/puma.rb\n"}
    assert fired(tmp_path, files, "F02-S16") == []


# --- F03-S6 / F03-S14 -----------------------------------------------------------------------------------


def test_s6_config_fires_for_a_production_password_a_secret_and_a_master_key(tmp_path):
    files = {**BASE,
             "config/database.yml": """
                 development:
                   adapter: postgresql
                   password: devpass123
                 production:
                   adapter: postgresql
                   password: Pr0dPassw0rd!x
                 """,
             "config/secrets.yml": "production:\n  secret_key_base: 9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928\n",
             "config/master.key": "7c1f3e9a0b5d4c2e8f6a1b3d5e7f9a0c\n"}
    found = fired(tmp_path, files, "F03-S6")
    assert lines(found) == {("config/database.yml", 6), ("config/secrets.yml", 2), ("config/master.key", 1)}
    assert {f.message.key for f in found} == {"F03-S6.message", "F03-S6.message_secrets", "F03-S6.message_key"}
    assert all("Pr0dPassw0rd" not in v and "9f8e7d6c5b4a39" not in v for v in _params(found, "value"))


def test_s6_config_is_silent_for_erb_env_values_and_an_ignored_key(tmp_path):
    files = {**BASE,
             "config/database.yml": "production:\n  adapter: postgresql\n  password: <%= ENV[\"DATABASE_PASSWORD\"] %>\n",
             ".gitignore": "/config/master.key\n", "config/master.key": "7c1f3e9a0b5d4c2e8f6a1b3d5e7f9a0c\n"}
    assert fired(tmp_path, files, "F03-S6") == []


def test_s14_fires_weakly_for_encrypted_credentials_per_environment(tmp_path):
    files = {**BASE, "config/credentials/production.yml.enc": "abc--def==\n", "config/credentials.yml.enc": "abc--def==\n"}
    found = fired(tmp_path / "a", files, "F03-S14")
    assert len(found) == 1 and found[0].strength.value == "weak" and found[0].message.key == "F03-S14.message_per_env"
    assert _params(found, "environments") == ["production"]
    assert fired(tmp_path / "b", BASE, "F03-S14") == []


PRODUCTION_RB = "config/environments/production.rb"




