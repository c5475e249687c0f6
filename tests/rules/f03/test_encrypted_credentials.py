"""F03-S14: config kept in Rails encrypted credentials."""

from __future__ import annotations

from helpers import fired

BASE = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\n',
    "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (7.1.3)\n\nDEPENDENCIES\n  rails (~> 7.1.3)\n",
    "config.ru": 'require_relative "config/environment"\nrun Rails.application\n',
}


def test_s14_fires_weakly_for_encrypted_credentials_per_environment(tmp_path):
    files = {
        **BASE,
        "config/credentials/production.yml.enc": "abc--def==\n",
        "config/credentials.yml.enc": "abc--def==\n",
    }
    found = fired(tmp_path, files, "F03-S14")
    assert len(found) == 1 and found[0].strength.value == "weak" and found[0].message.key == "F03-S14.message_per_env"
    assert [f.message.param_dict()["environments"] for f in found] == ["production"]


def test_s14_is_silent_without_credentials_files(tmp_path):
    assert fired(tmp_path, BASE, "F03-S14") == []
