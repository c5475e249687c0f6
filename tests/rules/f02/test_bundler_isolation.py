"""F02-S16: Bundler isolates the Ruby app's gems at run time."""

from __future__ import annotations

from helpers import fired, lines

BASE = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\ngem "puma", ">= 6.4"\n',
    "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    puma (6.4.2)\n    rails (7.1.3)\n\n"
    "DEPENDENCIES\n  puma (>= 6.4)\n  rails (~> 7.1.3)\n",
    "config.ru": 'require_relative "config/environment"\nrun Rails.application\n',
}


def test_s16_fires_for_bundle_exec_and_bundle_deployment(tmp_path):
    files = {
        **BASE,
        "Procfile": "web: bundle exec puma -C config/puma.rb\n",
        "Dockerfile": 'FROM ruby:3.3\nENV BUNDLE_DEPLOYMENT=1\nRUN bundle install\nCMD ["bin/rails", "server"]\n',
    }
    found = fired(tmp_path, files, "F02-S16")
    assert {("Procfile", 1), ("Dockerfile", 2)} <= lines(found)
    assert [f.message.param_dict()["how"] for f in found] == ["bundle exec, BUNDLE_DEPLOYMENT=1"]


def test_s16_fires_for_a_frozen_bundle_config(tmp_path):
    files = {**BASE, "Dockerfile": "FROM ruby:3.3\nRUN bundle config set --local deployment true && bundle install\n"}
    found = fired(tmp_path, files, "F02-S16")
    assert lines(found) == {("Dockerfile", 2)}


def test_s16_is_silent_for_a_bare_start(tmp_path):
    files = {**BASE, "Procfile": "web: puma -C config/puma.rb\n"}
    assert fired(tmp_path, files, "F02-S16") == []
