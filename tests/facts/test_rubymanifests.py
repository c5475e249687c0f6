"""Bundler manifests (facts/rubymanifests.py): Gemfile and Gemfile.lock."""

from __future__ import annotations

import pytest

from helpers import extract_text

MODULE = "twelve.facts.rubymanifests"


def facts(text: str, path: str):
    return extract_text(MODULE, path, text)


def test_gemfile_gems_groups_sources_and_git_dependencies():
    found = facts(
        """
        source "https://rubygems.org"
        ruby "3.3.0"

        gem "rails", "~> 7.1.3"
        gem "sidekiq", "7.2.4"
        gem "mylib", git: "https://github.com/acme/mylib.git", tag: "v1.2"
        gem "web-console", group: :development

        group :development, :test do
          gem "rspec-rails"
        end
    """,
        "Gemfile",
    )
    manifest = found[0]
    assert manifest.kind == "dep.manifest" and manifest.get("ecosystem") == "ruby" and manifest.get("count") == 5
    assert manifest.get("ruby") == "3.3.0" and manifest.get("sources") == ["https://rubygems.org"]
    gems = {f.get("name"): f for f in found if f.kind == "dep.declared"}
    assert gems["rails"].line == 4 and gems["rails"].get("spec") == "~> 7.1.3" and not gems["rails"].get("pinned")
    assert gems["sidekiq"].get("pinned") and gems["sidekiq"].get("group") == "main"
    assert gems["mylib"].get("url") == "https://github.com/acme/mylib.git" and gems["mylib"].get("pinned")
    assert gems["web-console"].get("group") == "dev"
    assert gems["rspec-rails"].line == 10 and gems["rspec-rails"].get("groups") == ["development", "test"]


def test_gemfile_lock_specs_platforms_and_bundler():
    found = facts(
        """
        GEM
          remote: https://rubygems.org/
          specs:
            nokogiri (1.16.2-x86_64-linux)
              racc (~> 1.4)
            pg (1.5.6)

        PLATFORMS
          x86_64-linux

        DEPENDENCIES
          pg (~> 1.5)

        BUNDLED WITH
           2.5.6
    """,
        "Gemfile.lock",
    )
    assert len(found) == 1
    lock = found[0]
    assert lock.kind == "dep.lock" and lock.get("ecosystem") == "ruby" and lock.get("packages") == ["nokogiri", "pg"]
    assert lock.get("versions") == {"nokogiri": "1.16.2", "pg": "1.5.6"}
    assert (
        lock.get("platforms") == ["x86_64-linux"]
        and lock.get("dependencies") == ["pg"]
        and lock.get("bundler") == "2.5.6"
    )


def test_a_file_that_is_not_a_lockfile_raises():
    with pytest.raises(ValueError):
        facts("hello: world\n", "Gemfile.lock")
    assert facts("", "Gemfile.lock") == []
