"""End-to-end verdicts of the Ruby/Rails fixture repositories (ruby-compliant, ruby-violations)."""

from __future__ import annotations

import pytest

from helpers import assessed_fixture, evidence, line_of, markdown_statuses, statuses
from twelve.report import render


@pytest.fixture(scope="module")
def compliant(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "ruby-compliant", tags=("v1.0.0",))


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "ruby-violations")


# --- ruby-compliant ------------------------------------------------------------------------------------------

#: IX and XI are asserted in their own tests below
EXPECTED_COMPLIANT = {n: "meets" for n in range(1, 13) if n not in (9, 11)}


def test_compliant_rails_app_statuses(compliant):
    found = statuses(compliant)
    assert {n: found[n] for n in EXPECTED_COMPLIANT} == EXPECTED_COMPLIANT
    assert compliant.coverage.errors == () and compliant.internal_errors == ()


def test_compliant_rails_app_disposability_meets(compliant):
    assert statuses(compliant)[9] == "meets"


def test_compliant_rails_app_logs_meet(compliant):
    assert statuses(compliant)[11] == "meets"


def test_compliant_rails_app_evidence(compliant):
    def at(name, needle):
        return name, line_of("ruby-compliant", name, needle)

    assert {("Gemfile", 1), ("Gemfile.lock", 1)} <= evidence(compliant, 2, "F02-S01")
    assert at("Procfile", "web:") in evidence(compliant, 2, "F02-S16")
    assert at("config/database.yml", "url:") in evidence(compliant, 3, "F03-S15") | evidence(compliant, 4, "F04-S01")
    assert evidence(compliant, 7, "F07-S01") == {at("Gemfile", 'gem "puma"'), at("config/puma.rb", "port ENV.fetch")}
    assert at("Gemfile", 'gem "sidekiq"') in evidence(compliant, 9, "F09-S01")
    rails = {
        (loc.path, loc.line)
        for f in compliant.main.verdict(11).findings
        if f.message.key == "F11-S10.message_ruby"
        for loc in f.locations
    }
    assert rails == {at("config/environments/production.rb", "TaggedLogging.logger(STDOUT)")}
    assert evidence(compliant, 11, "F11-S01") == set()
    assert at("lib/tasks/items.rake", "task purge_stale") in evidence(compliant, 12, "F12-S01")


def test_compliant_rails_app_markdown_in_both_languages(compliant):
    for lang in ("en", "pt-BR"):
        found = markdown_statuses(compliant, lang)
        assert [found[n - 1] for n in EXPECTED_COMPLIANT] == list(EXPECTED_COMPLIANT.values())


# --- ruby-violations -----------------------------------------------------------------------------------------

EXPECTED_VIOLATIONS = {
    # IV: SQLite is the production database and the only driver bundled: no swap path (rubric: does not meet)
    # VIII: SQLite and ActiveStorage on the local disk in production stop a second instance (A5)
    1: "meets",
    2: "meets",
    3: "does_not_meet",
    4: "does_not_meet",
    5: "meets",  # an image built, config at run time: release identity is only "ideally" (rubric), advice
    6: "does_not_meet",
    7: "meets",
    8: "does_not_meet",
    9: "partial",
    10: "partial",
    11: "does_not_meet",
}


def test_rails_violations_statuses(violations):
    found = statuses(violations)
    assert {n: found[n] for n in EXPECTED_VIOLATIONS} == EXPECTED_VIOLATIONS
    assert violations.coverage.errors == () and violations.internal_errors == ()


def test_rails_violations_admin_processes_partial(violations):
    assert statuses(violations)[12] == "partial"


def test_rails_violations_key_evidence(violations):
    def at(name, needle):
        return name, line_of("ruby-violations", name, needle)

    production = "config/environments/production.rb"
    assert evidence(violations, 3, "F03-S02") == {("config/master.key", 1)}  # committed master key
    assert evidence(violations, 3, "F03-S14") == {("config/credentials.yml.enc", 1)}  # weak, explained
    assert at(production, "active_storage.service = :local") in evidence(
        violations, 6, "F06-S06"
    )  # :local in production
    assert at("config/storage.yml", "service: Disk") in evidence(violations, 6, "F06-S06")
    assert at("config/database.yml", "adapter: sqlite3") in evidence(violations, 6, "F06-S06")  # SQLite in production
    assert evidence(violations, 6, "F06-S09") == {at(production, "assets.compile = true")}
    assert evidence(violations, 8, "F08-S07") == {at("config/initializers/scheduler.rb", "Rufus::Scheduler")}
    assert evidence(violations, 10, "F10-S08") == {
        at("config/environments/development.rb", "memory_store"),
        at(production, "mem_cache_store"),
    }
    assert evidence(violations, 11, "F11-S01") == {at(production, 'Logger.new("log/production.log"')}  # file logger


def test_rails_violations_markdown_in_both_languages(violations):
    for lang in ("en", "pt-BR"):
        found = markdown_statuses(violations, lang)
        assert {n: found[n - 1] for n in EXPECTED_VIOLATIONS} == EXPECTED_VIOLATIONS


def test_rails_violations_never_print_the_master_key(violations):
    for fmt in ("text", "markdown", "json"):
        for lang in ("en", "pt-BR"):
            assert "7c1f3e9a0b5d4c2e8f6a1b3d5e7f9a0c" not in render(violations, fmt, lang)
