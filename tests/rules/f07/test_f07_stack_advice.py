"""F07-AP03's advice speaks the app's own stack: Puma for Sinatra, not gunicorn for Django and Flask."""

from __future__ import annotations

from helpers import fired
from stack_apps import python_advice, remediations


def test_ap03_advice_for_sinatra_without_a_server_gem_is_puma(tmp_path):
    files = {
        "Gemfile": 'source "https://rubygems.org"\ngem "sinatra", "4.0.0"\n',
        "app.rb": 'require "sinatra"\nget("/") { "ok" }\n',
        "Dockerfile": 'FROM ruby:3.3\nCOPY . .\nRUN bundle install\nCMD ["ruby", "app.rb"]\n',
    }
    found = fired(tmp_path, files, "F07-AP03")
    assert [f.remediation.key for f in found] == ["F07-AP03.remediation_ruby"]
    texts = remediations(found)
    assert python_advice(texts) == [] and all("puma" in text for text in texts)
