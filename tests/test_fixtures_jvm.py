"""End-to-end verdicts of the Java / Spring Boot fixture repositories (tests/fixtures/jvm-*)."""

from __future__ import annotations

import pytest

from helpers import assessed_fixture, evidence, line_of, statuses

STATUS_WORDS = {
    "en": {
        "meets": "Meets",
        "partial": "Partially meets",
        "does_not_meet": "Does not meet",
        "inconclusive": "Inconclusive",
    },
    "pt-BR": {
        "meets": "Atende",
        "partial": "Atende parcialmente",
        "does_not_meet": "Não atende",
        "inconclusive": "Inconclusivo",
    },
}


@pytest.fixture(scope="module")
def compliant(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "jvm-compliant", tags=("v1.4.0",))


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "jvm-violations")


def table_row(markdown: str, number: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| {number}. "))


# --- compliant ------------------------------------------------------------------------------------------

COMPLIANT_MEETS = (1, 2, 3, 4, 5, 6, 7, 9, 10)


def test_compliant_service_meets_the_factors_its_stack_rules_decide(compliant):
    found = statuses(compliant)
    assert {n: found[n] for n in COMPLIANT_MEETS} == {n: "meets" for n in COMPLIANT_MEETS}
    assert compliant.coverage.errors == () and compliant.internal_errors == ()


def test_compliant_service_is_one_process_with_no_declared_formation(compliant):
    # one Dockerfile ENTRYPOINT and no replicas, Procfile or autoscaler: a stateless single process (A5)
    verdict = compliant.main.verdict(8)
    assert verdict.status.value == "partial"
    assert [f.rule for f in verdict.findings if f.polarity.value == "against"] == ["F08-AP02"]


def test_compliant_service_logs_meet(compliant):
    assert statuses(compliant)[11] == "meets"


def test_compliant_service_admin_processes_meet(compliant):
    assert statuses(compliant)[12] == "meets"


def test_compliant_service_evidence(compliant):
    def at(name, needle):
        return name, line_of("jvm-compliant", name, needle)

    yml = "src/main/resources/application.yml"
    assert at("pom.xml", "<project") in evidence(compliant, 2, "F02-S01")
    assert ("mvnw", None) in evidence(compliant, 2, "F02-S01")  # the wrapper is committed
    assert at("pom.xml", "<plugin>") in evidence(compliant, 2, "F02-S14")
    assert at(yml, "url: ${DATABASE_URL}") in evidence(compliant, 3, "F03-S15")
    assert at(yml, "url: ${DATABASE_URL}") in evidence(compliant, 4, "F04-S01")
    assert at(".github/workflows/delivery.yml", "docker build") in evidence(compliant, 5, "F05-S01")
    starter = ("pom.xml", line_of("jvm-compliant", "pom.xml", "spring-boot-starter-web") - 2)  # its <dependency>
    assert starter in evidence(compliant, 7, "F07-S01")
    assert at(yml, "port: ${PORT:8080}") in evidence(compliant, 7, "F07-S01")
    assert at("Dockerfile", "ENTRYPOINT") in evidence(compliant, 8, "F08-S01")
    assert at(yml, "shutdown: graceful") in evidence(compliant, 9, "F09-S01")
    assert at("Dockerfile", "ENTRYPOINT") in evidence(compliant, 9, "F09-S06")
    assert at(".github/workflows/delivery.yml", "deploy:") in evidence(compliant, 10, "F10-S04")
    console = {
        (loc.path, loc.line)
        for f in compliant.main.verdict(11).findings
        if f.message.key.startswith("F11-S10.message_java")
        for loc in f.locations
    }
    assert console == {at("src/main/java/com/acme/orders/OrdersApplication.java", "@SpringBootApplication")}
    against = [
        f
        for v in compliant.main.verdicts
        for f in v.findings
        if f.polarity.value == "against" and f.strength.value in ("strong", "moderate") and f.rule != "F08-AP02"
    ]
    assert against == []


# --- violations -------------------------------------------------------------------------------------------

EXPECTED_VIOLATIONS = {
    # VI: HttpSession with no Spring Session is an in-process session store (G); VIII: it stops a second instance (A5)
    1: "meets",
    2: "does_not_meet",
    3: "does_not_meet",
    4: "partial",
    5: "meets",  # an image built, config at run time: release identity is only "ideally" (rubric), advice
    6: "does_not_meet",
    7: "does_not_meet",
    8: "does_not_meet",
    9: "partial",
    10: "does_not_meet",
    11: "does_not_meet",
    12: "partial",
}
EXPECTED_VIOLATIONS[10] = "partial"  # X: H2 in the dev profile beside PostgreSQL is a documented divergence (rubric)


def test_violations_statuses(violations):
    assert statuses(violations) == EXPECTED_VIOLATIONS
    assert violations.coverage.errors == () and violations.internal_errors == ()


def test_violations_key_evidence(violations):
    def at(name, needle):
        return name, line_of("jvm-violations", name, needle)

    props, dev, prod = (
        "src/main/resources/application.properties",
        "src/main/resources/application-dev.yml",
        "src/main/resources/application-prod.yml",
    )
    assert evidence(violations, 2, "F02-S09") == {at("pom.xml", "<systemPath>")}  # jar expected on the host
    assert evidence(violations, 3, "F03-S02") == {at(props, "jwt.secret")}  # committed JWT secret
    # the literal production endpoint sits in a committed profile file: a locator in committed configuration
    assert evidence(violations, 4, "F04-S10") == {at(prod, "url: jdbc:postgresql")}
    cart = "src/main/java/com/acme/shop/CartController.java"
    assert evidence(violations, 6, "F06-S02") == {at(cart, "HttpSession session"), at(cart, "session.getAttribute")}
    assert evidence(violations, 7, "F07-S07") == {
        at("pom.xml", "<packaging>war"),
        at("Dockerfile", "FROM tomcat"),
        at("Dockerfile", "webapps/ROOT.war"),
    }
    assert at("src/main/java/com/acme/shop/AbandonedCartJob.java", "@Scheduled") in evidence(violations, 8, "F08-S07")
    assert evidence(violations, 9, "F09-S16") == {at(props, "server.shutdown=immediate")}
    assert evidence(violations, 10, "F10-S07") == {at(dev, "url: jdbc:h2"), at(prod, "url: jdbc:postgresql")}
    assert evidence(violations, 11, "F11-S01") == {at(props, "logging.file.name")}


def test_violations_print_no_secret(violations):
    from twelve.report import render

    for fmt in ("text", "markdown", "json"):
        for lang in ("en", "pt-BR"):
            assert "Zk3v9QpL2xWm7RtY4nBc8HdJ6sFa1GeU" not in render(violations, fmt, lang)


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_markdown_status_words_in_both_languages(compliant, violations, lang):
    from twelve.report import render

    words = STATUS_WORDS[lang]
    text = render(violations, "markdown", lang)
    rows = {"II": 2, "V": 5, "VII": 7, "XII": 12}
    for numeral, factor in rows.items():
        row = table_row(text, numeral)
        assert f"| {words[EXPECTED_VIOLATIONS[factor]]} |" in row, row
    text = render(compliant, "markdown", lang)
    assert f"| {words['meets']} |" in table_row(text, "VII") and f"| {words['meets']} |" in table_row(text, "IX")
