"""Tests of F06-S09 (rules/f06/runtime_assets.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

GEMFILE = {
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
BASE = {**GEMFILE, **LOCK, **APP}
PRODUCTION_RB = "config/environments/production.rb"


def test_fires_for_assets_compile_in_production(tmp_path):
    files = {**BASE, PRODUCTION_RB: "Rails.application.configure do\n  config.assets.compile = true\nend\n"}
    found = fired(tmp_path, files, "F06-S09")
    assert lines(found) == {(PRODUCTION_RB, 2)} and found[0].strength.value == "weak"


def test_near_miss_assets_compiled_in_development_or_switched_off(tmp_path):
    dev = {
        **BASE,
        "config/environments/development.rb": "Rails.application.configure do\n  config.assets.compile = true\nend\n",
    }
    assert fired(tmp_path / "dev", dev, "F06-S09") == []
    off = {**BASE, PRODUCTION_RB: "Rails.application.configure do\n  config.assets.compile = false\nend\n"}
    assert fired(tmp_path / "off", off, "F06-S09") == []
