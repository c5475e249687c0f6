"""End-to-end verdicts of the Go fixture repositories (go-compliant, go-violations)."""

from __future__ import annotations

import pytest

from helpers import assessed_fixture, evidence, line_of, markdown_statuses, statuses
from twelve.report import render


@pytest.fixture(scope="module")
def compliant(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "go-compliant", tags=("v1.0.0",))


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "go-violations")


# --- go-compliant -------------------------------------------------------------------------------------------


def test_compliant_go_service_meets_all_twelve(compliant):
    assert statuses(compliant) == {n: "meets" for n in range(1, 13)}
    assert compliant.coverage.errors == () and compliant.internal_errors == ()


def test_compliant_go_evidence(compliant):
    def at(name, needle):
        return name, line_of("go-compliant", name, needle)

    assert {("go.mod", 1), ("go.sum", 1)} <= evidence(compliant, 2, "F02-S01")
    assert at("Dockerfile", "CGO_ENABLED=0") in evidence(compliant, 2, "F02-S14")
    assert at("Dockerfile", "FROM gcr.io/distroless") in evidence(compliant, 2, "F02-S14")
    assert at("internal/store/store.go", "pgxpool.New") in evidence(compliant, 4, "F04-S01")
    assert evidence(compliant, 7, "F07-S01") == {at("internal/server/server.go", "srv.ListenAndServe()")}
    assert evidence(compliant, 9, "F09-S01") == {
        at("cmd/inventory/main.go", "signal.NotifyContext"),
        at("internal/server/server.go", "srv.Shutdown("),
    }
    assert at("cmd/inventory/main.go", "log.SetOutput(os.Stdout)") in evidence(compliant, 11, "F11-S10")
    assert at("Procfile", "release:") in evidence(compliant, 12, "F12-S02")


def test_compliant_go_markdown_in_both_languages(compliant):
    for lang in ("en", "pt-BR"):
        assert markdown_statuses(compliant, lang) == ["meets"] * 12


# --- go-violations ------------------------------------------------------------------------------------------

EXPECTED_VIOLATIONS = {
    1: "meets",
    2: "partial",
    3: "does_not_meet",
    4: "does_not_meet",
    5: "meets",  # an image built, config at run time: release identity is only "ideally" (rubric), advice
    6: "meets",
    # VIII: one Dockerfile process and no declared formation is partial (A5)
    7: "meets",
    8: "partial",
    9: "partial",
    10: "partial",
    11: "does_not_meet",
    12: "partial",
}


def test_go_violations_statuses(violations):
    assert statuses(violations) == EXPECTED_VIOLATIONS
    assert violations.coverage.errors == () and violations.internal_errors == ()


def test_go_violations_key_evidence(violations):
    def at(name, needle):
        return name, line_of("go-violations", name, needle)

    dsn = at("main.go", "sql.Open(")
    assert evidence(violations, 2, "F02-S08") == {("go.mod", 1)}  # no go.sum
    assert evidence(violations, 3, "F03-S02") == {dsn}  # literal DSN with a password
    assert evidence(violations, 4, "F04-S06") == {dsn}
    assert evidence(violations, 7, "F07-S10") == {at("main.go", 'r.Run(":8080")')}  # literal port (advice)
    assert evidence(violations, 9, "F09-AP02") == {at("main.go", 'r.Run(":8080")')}  # no Shutdown
    assert evidence(violations, 11, "F11-S01") == {at("main.go", "log.SetOutput(logFile)")}  # log file


def test_go_violations_markdown_in_both_languages(violations):
    expected = [EXPECTED_VIOLATIONS[n] for n in range(1, 13)]
    for lang in ("en", "pt-BR"):
        assert markdown_statuses(violations, lang) == expected


def test_go_violations_never_print_the_password(violations):
    for fmt in ("text", "markdown", "json"):
        for lang in ("en", "pt-BR"):
            assert "Xk9vQ2mL7pT4" not in render(violations, fmt, lang)
