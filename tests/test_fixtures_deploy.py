"""End-to-end verdicts of the deploy-descriptor fixtures (a Python app deployed with Kubernetes,
CircleCI and Jenkins), with their key evidence lines, in both report languages."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, assessed_fixture, evidence, line_of, statuses
from twelve.report import render

STATUS_WORDS = {
    "en": {"meets": "Meets", "partial": "Partially meets", "does_not_meet": "Does not meet"},
    "pt-BR": {"meets": "Atende", "partial": "Atende parcialmente", "does_not_meet": "Não atende"},
}
SECRET = "q7R!x2Lp9Vz4Tk8M"


@pytest.fixture(scope="module")
def compliant(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "deploy-compliant", tags=("v1.4.2",))


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    return assessed_fixture(tmp_path_factory, "deploy-violations")


def lines_of(fixture: str, name: str, needle: str) -> list[int]:
    text = (FIXTURES / fixture / name).read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(text, start=1) if needle in line]


def evidence_of(assessment, factor: int, key: str) -> set[tuple[str, int | None]]:
    """(path, line) of the findings on *factor* whose message is *key* (one variant of a rule)."""
    return {
        (loc.path, loc.line)
        for f in assessment.main.verdict(factor).findings
        if f.message.key == key
        for loc in f.locations
    }


def rules_against(assessment, factor: int) -> set[str]:
    return {
        f.rule
        for f in assessment.main.verdict(factor).findings
        if f.polarity.value == "against" and f.strength.value != "weak"
    }


def markdown_rows(assessment, lang: str) -> dict[str, str]:
    """Factor row label -> status word, read from the Markdown table."""
    rows = {}
    for line in render(assessment, "markdown", lang).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].split(".")[0] in (
            "I",
            "II",
            "III",
            "IV",
            "V",
            "VI",
            "VII",
            "VIII",
            "IX",
            "X",
            "XI",
            "XII",
        ):
            rows[cells[0].split(".")[0]] = cells[1]
    return rows


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# --- compliant ------------------------------------------------------------------------------------


def test_compliant_deploy_meets_factors_one_to_eleven(compliant):
    found = statuses(compliant)
    assert {n: found[n] for n in range(1, 12)} == {n: "meets" for n in range(1, 12)}
    assert compliant.coverage.errors == () and compliant.internal_errors == ()
    assert [a.path for a in compliant.apps] == ["."]


def test_compliant_admin_processes_meet(compliant):
    assert statuses(compliant)[12] == "meets"


def test_compliant_admin_job_uses_the_release_image(compliant):
    assert statuses(compliant)[12] == "meets" and rules_against(compliant, 12) == set()
    assert {
        ("k8s/migrate-job.yaml", line_of("deploy-compliant", "k8s/migrate-job.yaml", "image:")),
        ("k8s/deployment.yaml", line_of("deploy-compliant", "k8s/deployment.yaml", "image:")),
    } == evidence_of(compliant, 12, "F12-S02.message_release_image")


def test_compliant_deploy_evidence(compliant):
    def at(name, needle):
        return name, line_of("deploy-compliant", name, needle)

    # kustomize sets the tag of every reference to the image: the release is named there
    assert evidence_of(compliant, 5, "F05-S02.message_manifest") == {at("k8s/kustomization.yaml", "- name: registry")}
    build_step = (
        ".circleci/config.yml",
        line_of("deploy-compliant", ".circleci/config.yml", "name: Build and push") - 1,
    )
    assert evidence(compliant, 5, "F05-S01") == {build_step}  # docker build tagged with ${CIRCLE_SHA1}
    assert at("k8s/deployment.yaml", "- secretRef:") in evidence(compliant, 3, "F03-S22")
    assert evidence(compliant, 6, "F06-S12") == {at("k8s/deployment.yaml", "readOnlyRootFilesystem")}
    assert evidence(compliant, 6, "F06-S13") == {at("k8s/deployment.yaml", "replicas: 3")}
    assert {at("k8s/deployment.yaml", "replicas: 3"), at("k8s/hpa.yaml", "kind:")} <= evidence(compliant, 8, "F08-S02")
    assert {
        at("k8s/deployment.yaml", "readinessProbe"),
        at("k8s/deployment.yaml", "terminationGracePeriodSeconds"),
    } <= evidence(compliant, 9, "F09-S08")
    assert at(".circleci/config.yml", "- image: postgres:16") in evidence(compliant, 10, "F10-S02")
    assert at(".circleci/config.yml", "  deploy:") in evidence(compliant, 10, "F10-S04")
    for factor in (3, 5, 6, 8, 9):
        assert rules_against(compliant, factor) == set()


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_compliant_markdown_in_both_languages(compliant, lang):
    rows = markdown_rows(compliant, lang)
    words = STATUS_WORDS[lang]
    assert [rows[r] for r in ROMAN] == [words["meets"]] * 12


# --- violations -----------------------------------------------------------------------------------

EXPECTED_VIOLATIONS = {
    1: "meets",
    2: "meets",
    3: "does_not_meet",
    4: "meets",
    5: "does_not_meet",
    6: "does_not_meet",
    # VIII: uploads written to the container's disk (VI strong) stop a second instance (A5)
    7: "meets",
    8: "does_not_meet",
    9: "meets",
    10: "meets",
    11: "meets",
    12: "partial",
}
EXPECTED_VIOLATIONS[5] = "partial"  # V: a moving tag and a pull on the host, both moderate (rubric)


def test_violations_statuses(violations):
    assert statuses(violations) == EXPECTED_VIOLATIONS
    assert violations.coverage.errors == () and violations.internal_errors == ()


def test_violations_key_evidence(violations):
    def at(name, needle):
        return name, line_of("deploy-violations", name, needle)

    password = at("k8s/deployment.yaml", SECRET)
    assert evidence(violations, 3, "F03-S08") == {password}  # literal DB_PASSWORD in the Deployment
    assert password in evidence(violations, 3, "F03-S01")  # a committed credential: the litmus test fails
    assert evidence(violations, 5, "F05-S10") == {at("k8s/deployment.yaml", "image: app:latest")}
    assert evidence(violations, 5, "F05-S07") == {at("Jenkinsfile", "git pull")}  # ssh + git pull deploy
    assert evidence(violations, 6, "F06-S01") == {at("k8s/service.yaml", "sessionAffinity: ClientIP")}
    mount, volume = lines_of("deploy-violations", "k8s/deployment.yaml", "- name: uploads")
    assert evidence(violations, 6, "F06-S07") == {("k8s/deployment.yaml", mount), ("k8s/deployment.yaml", volume)}
    assert evidence(violations, 9, "F09-S15") == {at("k8s/deployment.yaml", "terminationGracePeriodSeconds: 0")}
    assert evidence(violations, 12, "F12-S06") == {
        at("k8s/init-db-job.yaml", "image:"),
        at("k8s/deployment.yaml", "image: app:latest"),
    }
    assert {"F06-S01", "F06-S07"} <= rules_against(violations, 6)
    assert "F05-S10" in rules_against(violations, 5)


def test_violations_advice_for_the_grace_period(violations):
    verdict = violations.main.verdict(9)
    assert any(f.rule == "F09-S15" and f.strength.value == "weak" for f in verdict.findings)


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_violations_markdown_in_both_languages(violations, lang):
    rows = markdown_rows(violations, lang)
    words = STATUS_WORDS[lang]
    assert [rows[ROMAN[n - 1]] for n in range(1, 13)] == [words[EXPECTED_VIOLATIONS[n]] for n in range(1, 13)]


def test_violations_print_no_secret(violations):
    for fmt in ("text", "markdown", "json"):
        for lang in ("en", "pt-BR"):
            assert SECRET not in render(violations, fmt, lang)
