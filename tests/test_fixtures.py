"""End-to-end verdicts of the fixture repositories written for the tests."""

from __future__ import annotations

import pytest

from helpers import assessed_fixture, evidence, line_of, statuses


@pytest.fixture(scope="module")
def compliant(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "py-compliant", tags=("v1.0.0",))


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "py-violations")


def rules_against(assessment, factor: int) -> set[str]:
    return {f.rule for f in assessment.main.verdict(factor).findings if f.polarity.value == "against"}


def test_compliant_service_meets_all_twelve(compliant):
    assert statuses(compliant) == {n: "meets" for n in range(1, 13)}
    assert compliant.coverage.errors == () and compliant.internal_errors == ()


def test_compliant_service_evidence(compliant):
    def at(name, needle):
        return name, line_of("py-compliant", name, needle)

    assert at(".github/workflows/delivery.yml", "docker build") in evidence(compliant, 5, "F05-S01")
    assert at("Procfile", "release:") in evidence(compliant, 12, "F12-S02")
    assert at("Procfile", "web:") in evidence(compliant, 8, "F08-S01")
    assert at("notes/__init__.py", "logging.basicConfig") in evidence(compliant, 11, "F11-S10")
    assert at("notes/jobs.py", "Redis.from_url") in evidence(compliant, 4, "F04-S01")


EXPECTED_VIOLATIONS = {
    1: "meets",
    2: "partial",
    3: "does_not_meet",
    4: "partial",
    5: "does_not_meet",
    6: "does_not_meet",
    7: "partial",
    8: "does_not_meet",
    9: "partial",
    10: "does_not_meet",
    11: "does_not_meet",
    12: "partial",
}
# X: SQLite in DevelopmentConfig beside PostgreSQL in ProductionConfig is a documented divergence,
# which the verdict rubric calls partial
EXPECTED_VIOLATIONS[10] = "partial"


def test_violations_statuses(violations):
    assert statuses(violations) == EXPECTED_VIOLATIONS


def test_violations_key_evidence(violations):
    def at(name, needle):
        return name, line_of("py-violations", name, needle)

    secret, prod_url, dev_url = (
        at("config.py", "SECRET_KEY"),
        at("config.py", "postgresql://"),
        at("config.py", "sqlite://"),
    )
    assert evidence(violations, 3, "F03-S02") == {secret, prod_url}  # hard-coded secret key and database URL
    assert prod_url in evidence(violations, 3, "F03-S10")  # settings classes per environment
    assert evidence(violations, 4, "F04-S10") == {prod_url}  # the production URL in a committed settings module
    assert at("Dockerfile", "CMD python app.py") in evidence(violations, 5, "F05-S09")  # app.run(debug=True) in prod
    assert evidence(violations, 6, "F06-S06") == {at("app.py", "picture.save(")}  # uploads to local disk
    assert evidence(violations, 7, "F07-S10") == {at("app.py", "app.run(debug=True, port=5000)")}  # literal port
    assert at("Procfile", "--daemon") in evidence(violations, 8, "F08-S04")  # daemonizing start command
    assert at("app.py", "BackgroundScheduler()") in evidence(violations, 8, "F08-S07")  # scheduler in the web app
    assert evidence(violations, 9, "F09-S07") == {at("Dockerfile", "CMD python app.py")}  # shell-form CMD
    assert {dev_url, prod_url} <= evidence(violations, 10, "F10-S07")  # SQLite in dev vs PostgreSQL in prod
    assert evidence(violations, 11, "F11-S01") == {at("app.py", "FileHandler")}  # FileHandler logging
    assert at("requirements.txt", "flask") in evidence(violations, 2, "F02-S08")  # unpinned, no lock


def test_violations_print_no_secret(violations):
    from twelve.report import render

    for fmt in ("text", "markdown", "json"):
        for lang in ("en", "pt-BR"):
            out = render(violations, fmt, lang)
            assert "9f3b2c7d1e8a4f6b0c5d2e9a7b3c1d8e" not in out
            assert "Pr0dPassw0rd!" not in out
