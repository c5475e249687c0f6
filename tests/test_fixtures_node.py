"""End-to-end verdicts of the Node.js fixture repositories (an Express API written the twelve-factor
way, and one with the stack's typical violations), with their key evidence lines, in both languages."""

from __future__ import annotations

import pytest

from helpers import assessed_fixture, evidence, line_of, statuses
from twelve.report import render


@pytest.fixture(scope="module")
def compliant(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "node-compliant", tags=("v1.0.0",))


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "node-violations")


def rules_of(assessment, factor: int, polarity: str) -> set[str]:
    return {f.rule for f in assessment.main.verdict(factor).findings if f.polarity.value == polarity}


# --- the compliant Express API ----------------------------------------------------------------------


def test_compliant_api_meets_all_twelve(compliant):
    assert statuses(compliant) == {n: "meets" for n in range(1, 13)}
    assert compliant.coverage.errors == () and compliant.internal_errors == ()
    assert compliant.main.stacks == ("node",)


def test_compliant_api_evidence(compliant):
    def at(name, needle):
        return name, line_of("node-compliant", name, needle)

    assert {("package.json", 1), ("package-lock.json", 1)} <= evidence(compliant, 2, "F02-S01")
    assert at("Dockerfile", "npm ci") in evidence(compliant, 2, "F02-S17")
    assert at(".github/workflows/delivery.yml", "- run: npm ci") in evidence(compliant, 2, "F02-S17")
    assert at("src/config.js", "process.env.PORT") in evidence(compliant, 3, "F03-S15")
    assert at("src/db.js", "new Pool") in evidence(compliant, 4, "F04-S01")
    assert at(".github/workflows/delivery.yml", "docker build") in evidence(compliant, 5, "F05-S01")
    assert at("server.js", "app.listen(port") in evidence(compliant, 7, "F07-S01")
    assert at("Procfile", "web:") in evidence(compliant, 8, "F08-S01")
    assert at("server.js", 'process.on("SIGTERM"') in evidence(compliant, 9, "F09-S01")
    assert at("Dockerfile", "CMD") in evidence(compliant, 9, "F09-S06")
    assert at("server.js", "console.error") in evidence(compliant, 11, "F11-S10")
    assert ("migrations/001_create_notes.sql", None) in evidence(compliant, 12, "F12-S01")
    assert at("Procfile", "release:") in evidence(compliant, 12, "F12-S02")
    # nothing against, not even advice, from the Node rules
    for factor, rule in ((2, "F02-S08"), (3, "F03-S02"), (6, "F06-S2"), (9, "F09-S2b"), (11, "F11-S2"), (2, "F02-S26")):
        assert evidence(compliant, factor, rule) == set()


# --- the typical violations ---------------------------------------------------------------------------

EXPECTED_VIOLATIONS = {
    1: "meets",
    2: "partial",
    3: "does_not_meet",
    4: "meets",
    5: "meets",  # an image built, config at run time: release identity is only "ideally" (rubric), advice
    6: "does_not_meet",
    7: "meets",
    8: "does_not_meet",
    9: "partial",
    10: "partial",
    11: "does_not_meet",
    12: "partial",
}


def test_violations_statuses(violations):
    assert statuses(violations) == EXPECTED_VIOLATIONS
    assert violations.coverage.errors == () and violations.internal_errors == ()


def test_violations_key_evidence(violations):
    def at(name, needle):
        return name, line_of("node-violations", name, needle)

    assert ("package.json", 1) in evidence(violations, 2, "F02-S08")  # ^ ranges, lock file ignored
    assert evidence(violations, 3, "F03-S02") == {at("server.js", "session({"), at("server.js", "jwt.sign")}
    assert (".env", 1) in evidence(violations, 3, "F03-S12")  # committed .env with a database password
    assert evidence(violations, 6, "F06-S02") == {at("server.js", "session({")}  # MemoryStore
    assert at("Dockerfile.worker", "pm2 start") in evidence(violations, 8, "F08-S04")  # pm2 daemonizes
    assert at("server.js", "cron.schedule") in evidence(violations, 8, "F08-S07")  # node-cron in the web server
    assert evidence(violations, 9, "F09-AP02") == {at("server.js", "app.listen(3000")}  # no SIGTERM handling
    assert at("Dockerfile", "CMD npm start") in evidence(violations, 9, "F09-S07")  # shell-form CMD
    assert evidence(violations, 11, "F11-S01") == {at("src/logger.js", "transports.File")}  # winston File transport
    # app.listen(3000) binds its own port (K); the literal port is advice
    assert evidence(violations, 7, "F07-S10") == {at("server.js", "app.listen(3000")}


def test_violations_reports_in_both_languages(violations):
    english = render(violations, "markdown", "en")
    portuguese = render(violations, "markdown", "pt-BR")
    assert "| VI. Processes | Does not meet |" in english and "| II. Dependencies | Partially meets |" in english
    assert "| VI. Processos | Não atende |" in portuguese and "| II. Dependências | Atende parcialmente |" in portuguese
    assert "Sessões guardadas na memória do processo" in portuguese and "Logs gravados em arquivo" in portuguese
    assert "Sessions kept in the process's memory" in english and "Logs written to a file" in english


def test_compliant_reports_in_both_languages(compliant):
    assert render(compliant, "markdown", "en").count("| Meets |") == 12
    assert render(compliant, "markdown", "pt-BR").count("| Atende |") == 12


def test_violations_reports_print_no_secret(violations):
    for fmt in ("text", "markdown", "json"):
        for lang in ("en", "pt-BR"):
            out = render(violations, fmt, lang)
            for secret in (
                "shop-jwt-signing-key-2024",
                "Sh0pPassw0rd!2024",
                "9d8f7a6b5c4e3d2f1a0b9c8d7e6f5a4b",
                "keyboard cat",
            ):
                assert secret not in out


# --- factors whose evidence needed the generic rules to read JavaScript facts ---------------------------------------


def test_violations_literal_port_is_advised(violations):
    assert ("server.js", line_of("node-violations", "server.js", "app.listen(3000")) in evidence(
        violations, 7, "F07-S10"
    )


def test_violations_logs_are_not_called_unknown(violations):
    assert "F11-NE" not in {f.rule for f in violations.main.verdict(11).findings}


def test_violations_no_sigterm_handler_is_reported_once(violations):
    found = [f.message.key for f in violations.main.verdict(9).findings if f.rule == "F09-AP02"]
    assert found == ["F09-AP02.message_node"]  # Node's reading, not the Python one as well


def test_violations_session_secret_is_reported_once(violations):
    assert ("server.js", line_of("node-violations", "server.js", "session({")) not in evidence(violations, 3, "F03-S01")
