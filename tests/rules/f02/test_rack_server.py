"""F02-S27: a Rack framework with no server gem in the bundle."""

from __future__ import annotations

from helpers import fired, lines

APP = "require 'sinatra'\n\nget '/' do\n  'hello'\nend\n"
LOCK = """GEM
  remote: https://rubygems.org/
  specs:
    rack (3.0.11)
    sinatra (4.0.0)
      rack (>= 3.0.0)
{extra}
PLATFORMS
  ruby

DEPENDENCIES
  sinatra (= 4.0.0)
{deps}
BUNDLED WITH
   2.5.10
"""


def test_s27_fires_for_sinatra_without_a_server_gem(tmp_path):
    files = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'sinatra', '4.0.0'\n",
        "Gemfile.lock": LOCK.format(extra="", deps=""),
        "app.rb": APP,
    }
    found = fired(tmp_path, files, "F02-S27")
    assert [f.message.param_dict()["framework"] for f in found] == ["sinatra"]
    assert lines(found) == {("Gemfile", 2)}


def test_s27_reads_gems_declared_in_a_loop_from_the_lock(tmp_path):
    # `%w[sinatra sequel].each { |g| gem g }`: the lock's DEPENDENCIES names the direct gems
    files = {
        "Gemfile": "source 'https://rubygems.org'\n%w[sinatra].each { |g| gem g }\n",
        "Gemfile.lock": LOCK.format(extra="", deps=""),
        "app.rb": APP,
    }
    assert [f.message.param_dict()["framework"] for f in fired(tmp_path, files, "F02-S27")] == ["sinatra"]


def test_s27_near_miss_puma_declared_or_brought_by_the_lock(tmp_path):
    declared = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'sinatra', '4.0.0'\ngem 'puma', '6.4.2'\n",
        "Gemfile.lock": LOCK.format(extra="    puma (6.4.2)\n", deps="  puma (= 6.4.2)\n"),
        "app.rb": APP,
    }
    assert fired(tmp_path, declared, "F02-S27") == []
    locked = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'sinatra', '4.0.0'\n",
        "Gemfile.lock": LOCK.format(extra="    thin (1.8.2)\n", deps=""),
        "app.rb": APP,
    }
    assert fired(tmp_path / "locked", locked, "F02-S27") == []


def test_s27_rails_7_needs_a_server_rails_6_does_not(tmp_path):
    rails7 = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 7.1.3'\n",
        "config.ru": "run Rails.application\n",
    }
    assert [f.message.param_dict()["framework"] for f in fired(tmp_path, rails7, "F02-S27")] == ["rails"]
    rails6 = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 6.1.7'\n",
        "config.ru": "run Rails.application\n",
    }
    assert fired(tmp_path / "six", rails6, "F02-S27") == []


def test_s27_near_miss_a_gem_library(tmp_path):
    files = {"Gemfile": "source 'https://rubygems.org'\ngemspec\ngem 'sinatra'\n", "lib/ext.rb": APP}
    assert fired(tmp_path, files, "F02-S27") == []
