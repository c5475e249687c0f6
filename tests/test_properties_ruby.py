"""Arbitrary and mutated input never makes a Ruby/Rails parser raise anything but its documented parse error."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fuzzing import FAST, mutations, run_extractor, texty
from twelve.facts import railsconfig, ruby, rubymanifests
from twelve.facts.base import Source
from twelve.facts.railsconfig import neutralise
from twelve.facts.yamlio import YamlError
from twelve.model import Scope

SEEDS = {
    "ruby": (
        'Rails.application.configure do\n  config.logger = ActiveSupport::Logger.new("log/x.log")\n'
        '  config.active_storage.service = :local\n  config.cache_store = :redis_cache_store, { url: ENV["REDIS_URL"] }\n'
        '  config.hosts << "a.example"\nend\nport ENV.fetch("PORT") { 3000 }\nbind "tcp://0.0.0.0:#{x}"\n'
        'Signal.trap("TERM") { exit! }\n`convert a b`\nsystem("ls", "-l")\ntask seed: :environment do\nend\n'
        "Thread.new { loop do; sleep 1; end }\nclass App < Sinatra::Base\n  def x; $c[1] = 2; end\nend\n"
    ),
    "gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngroup :development do\n  gem "x", git: "y"\nend\n',
    "lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    pg (1.5.6)\n      x (~> 1)\n\nPLATFORMS\n  ruby\n\nBUNDLED WITH\n   2.5.6\n",
    "yaml": (
        'default: &default\n  adapter: postgresql\n  pool: <%= ENV.fetch("MAX") { 5 } %>\n\ndevelopment:\n  <<: *default\n'
        'production:\n  <<: *default\n  url: <%= ENV["DATABASE_URL"] %>\n  password: s3cr3tPassw0rd\n<% if x %>\n  host: h\n<% end %>\n'
    ),
}


@FAST
@given(st.one_of(texty, mutations(SEEDS["ruby"])))
def test_ruby_extractor_never_raises(text):
    run_extractor(ruby, "ruby", text, "config/environments/production.rb")
    run_extractor(ruby, "ruby", text, "config/puma.rb")
    run_extractor(ruby, "ruby", text, "lib/tasks/x.rake")


@FAST
@given(st.one_of(texty, mutations(SEEDS["gemfile"])))
def test_gemfile_never_raises(text):
    run_extractor(rubymanifests, "gemfile", text, "Gemfile")


@FAST
@given(st.one_of(texty, mutations(SEEDS["lock"])))
def test_gemfile_lock_raises_only_value_errors(text):
    run_extractor(rubymanifests, "gemfile_lock", text, "Gemfile.lock", (ValueError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["yaml"])))
def test_rails_yaml_raises_only_yaml_or_value_errors(text):
    for path in ("config/database.yml", "config/storage.yml", "config/cable.yml", "config/sidekiq.yml"):
        run_extractor(railsconfig, "rails_config_yaml", text, path, (YamlError, ValueError))
    run_extractor(railsconfig, "rails_credentials", text, "config/secrets.yml", (YamlError, ValueError))


@FAST
@given(texty)
def test_credentials_never_raise_and_never_keep_content(text):
    for path in ("config/master.key", "config/credentials/production.yml.enc"):
        facts = railsconfig.extract(Source(path, text, "rails_credentials", Scope.PRODUCTION))
        assert len(facts) == 1 and facts[0].excerpt == ""


@FAST
@given(st.one_of(texty, mutations(SEEDS["yaml"])))
def test_neutralise_keeps_every_line(text):
    cleaned, _expressions = neutralise(text)
    assert cleaned.count("\n") == text.count("\n")
