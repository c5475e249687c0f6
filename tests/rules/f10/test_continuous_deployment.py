"""F10-S04 (continuous deployment) and F10-AP01 (none)."""

from __future__ import annotations

from f10_data import BASE, CI, CLOUDBUILD, README, params

from helpers import fired, lines


def test_s04_fires_for_a_deploy_job_on_push_to_main(tmp_path):
    found = fired(tmp_path, {**BASE, ".github/workflows/ci.yml": CI}, "F10-S04")
    assert params(found, "job") == ["deploy"]
    assert {(".github/workflows/ci.yml", 13), (".github/workflows/ci.yml", 17)} <= lines(found)
    assert params(found, "trigger") == ["push: main"]


def test_s04_is_silent_for_pull_requests_and_manual_runs(tmp_path):
    on_pr = CI.replace("      push:\n        branches: [main]\n", "      pull_request:\n")
    assert on_pr != CI
    assert fired(tmp_path / "pr", {**BASE, ".github/workflows/ci.yml": on_pr}, "F10-S04") == []
    manual = CI.replace("      push:\n        branches: [main]\n", "      workflow_dispatch:\n")
    assert fired(tmp_path / "manual", {**BASE, ".github/workflows/ci.yml": manual}, "F10-S04") == []


def test_s04_ignores_a_release_job_that_publishes_a_package(tmp_path):
    publish = """\
        on:
          push:
            tags: ['v*']
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
        """
    assert fired(tmp_path, {**BASE, ".github/workflows/release.yml": publish}, "F10-S04") == []


def test_ap01_fires_without_any_automatic_deploy(tmp_path):
    ci = CI.replace("flyctl deploy --remote-only", "echo done").replace("deploy:", "lint:").replace("Roll out", "Lint")
    found = fired(tmp_path, {**BASE, ".github/workflows/ci.yml": ci}, "F10-AP01")
    assert (".github/workflows/ci.yml", 2) in lines(found)
    assert ".github/workflows/ci.yml" in found[0].message.param_dict()["checked"]
    # advice: a product others deploy has no pipeline of its own, and the time gap is not visible
    assert found[0].strength.value == "weak" and found[0].basis.value == "advice"


def test_ap01_is_silent_with_continuous_deployment_or_a_manual_guide(tmp_path):
    assert fired(tmp_path / "cd", {**BASE, ".github/workflows/ci.yml": CI}, "F10-AP01") == []
    assert fired(tmp_path / "manual", {**BASE, "README.md": README}, "F10-AP01") == []


def test_s04_fires_for_a_gitlab_deploy_on_main_but_not_for_a_manual_job(tmp_path):
    gitlab = """\
        stages: [deploy]
        deploy_prod:
          stage: deploy
          script:
            - kubectl apply -f k8s/
          only:
            - main
        """
    found = fired(tmp_path, {**BASE, ".gitlab-ci.yml": gitlab}, "F10-S04")
    assert params(found, "job") == ["deploy_prod"]
    assert (".gitlab-ci.yml", 5) in lines(found)
    manual = gitlab.replace("          only:\n            - main\n", "          when: manual\n")
    assert fired(tmp_path / "manual", {**BASE, ".gitlab-ci.yml": manual}, "F10-S04") == []


def test_ap01_cannot_tell_when_cloud_build_triggers_are_configured_outside(tmp_path):
    assert fired(tmp_path / "only", {**BASE, "cloudbuild.yaml": CLOUDBUILD}, "F10-AP01") == []
    ci = CI.replace("flyctl deploy --remote-only", "echo done").replace("deploy:", "lint:").replace("Roll out", "Lint")
    both = {**BASE, "cloudbuild.yaml": CLOUDBUILD, ".github/workflows/ci.yml": ci}
    assert fired(tmp_path / "both", both, "F10-AP01") == []  # the externally triggered pipeline deploys


def test_ap01_still_fires_when_an_external_pipeline_only_builds(tmp_path):
    build_only = CLOUDBUILD.split("      - name: gcr.io/google.com")[0]
    ci = CI.replace("flyctl deploy --remote-only", "echo done").replace("deploy:", "lint:").replace("Roll out", "Lint")
    found = fired(tmp_path, {**BASE, "cloudbuild.yaml": build_only, ".github/workflows/ci.yml": ci}, "F10-AP01")
    assert "cloudbuild.yaml" in found[0].message.param_dict()["checked"]
