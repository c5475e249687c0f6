"""F10-S09: definitions disagree on a service's version."""

from __future__ import annotations

from f10_data import BASE, CI, DEV_COMPOSE, MIGRATION_JOB, STATEFULSET, params

from helpers import fired, lines


def test_s09_fires_for_major_drift_between_compose_and_ci(tmp_path):
    ci = CI.replace("postgres:16", "postgres:13")
    found = fired(tmp_path, {**BASE, ".github/workflows/ci.yml": ci}, "F10-S09")
    assert [f.strength.value for f in found] == ["moderate"]
    assert {("docker-compose.yml", 6), (".github/workflows/ci.yml", 9)} <= lines(found)


def test_s09_patch_drift_is_weak_and_a_floating_tag_is_not_drift(tmp_path):
    ci = CI.replace("postgres:16", "postgres:16.1")
    compose = DEV_COMPOSE.replace("postgres:16", "postgres:16.3")
    found = fired(
        tmp_path / "patch", {**BASE, "docker-compose.yml": compose, ".github/workflows/ci.yml": ci}, "F10-S09"
    )
    assert [f.strength.value for f in found] == ["weak"]
    floating = {**BASE, ".github/workflows/ci.yml": CI.replace("postgres:16", "postgres:16.2")}
    assert fired(tmp_path / "float", floating, "F10-S09") == []


def test_s09_fires_for_drift_with_kubernetes_but_not_for_init_containers_or_jobs(tmp_path):
    found = fired(tmp_path / "drift", {**BASE, "k8s/db.yaml": STATEFULSET.format(tag="13")}, "F10-S09")
    assert lines(found) == {("docker-compose.yml", 6), ("k8s/db.yaml", 13)}
    # the init container (postgres:12) and the Job (postgres:11) run client tools, not the database
    same = {**BASE, "k8s/db.yaml": STATEFULSET.format(tag="16"), "k8s/dump.yaml": MIGRATION_JOB}
    assert fired(tmp_path / "same", same, "F10-S09") == []
    templated = STATEFULSET.format(tag="16").replace("image: postgres:16", 'image: "{{ .Values.db.image }}"')
    assert fired(tmp_path / "tpl", {**BASE, "chart/templates/db.yaml": templated}, "F10-S09") == []


def test_s09_compares_platform_databases_and_s1_spring_production_profiles(tmp_path):
    render = """\
        databases:
          - name: shop-db
            postgresMajorVersion: 15
        services:
          - type: web
            name: web
            runtime: python
            startCommand: gunicorn app:app
        """
    found = fired(tmp_path / "render", {**BASE, "render.yaml": render}, "F10-S09")
    assert ("render.yaml", 2) in lines(found) and "render shop-db: PostgreSQL 15" in params(found, "versions")[0]
    spring = {
        "src/main/resources/application-prod.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db.internal/shop\n",
        "docker-compose.yml": DEV_COMPOSE,
        "pom.xml": "<project><modelVersion>4.0.0</modelVersion></project>\n",
    }
    found = fired(tmp_path / "spring", spring, "F10-S01")
    assert lines(found) == {("docker-compose.yml", 6), ("src/main/resources/application-prod.yml", 3)}
    assert params(found, "engine") == ["PostgreSQL"]
