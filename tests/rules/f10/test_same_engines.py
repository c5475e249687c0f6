"""F10-S01: development runs the engine and version production runs."""

from __future__ import annotations

from f10_data import BASE, DEV_COMPOSE, DRIVERS, STATEFULSET, params

from helpers import fired, lines


def test_s01_moderate_when_only_development_definitions_match_the_driver(tmp_path):
    found = fired(tmp_path, BASE, "F10-S01")
    assert [f.strength.value for f in found] == ["moderate"]
    assert {("docker-compose.yml", 6), ("requirements.txt", 2)} <= lines(found)
    assert found[0].message.key == "F10-S01.message_undeclared"


def test_s01_strong_when_development_and_production_agree(tmp_path):
    prod = "services:\n  db:\n    image: postgres:16.2\n"
    found = fired(tmp_path, {**BASE, "docker-compose.prod.yml": prod}, "F10-S01")
    assert [f.strength.value for f in found] == ["strong"]
    assert ("docker-compose.prod.yml", 2) in lines(found)


def test_s01_is_silent_when_no_driver_uses_the_engine_or_versions_drift(tmp_path):
    no_driver = {
        **BASE,
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    }
    assert fired(tmp_path / "a", no_driver, "F10-S01") == []
    drift = {**BASE, "docker-compose.prod.yml": "services:\n  db:\n    image: postgres:13\n"}
    assert fired(tmp_path / "b", drift, "F10-S01") == []


def test_s01_strong_with_a_kubernetes_statefulset_of_the_same_major(tmp_path):
    found = fired(tmp_path, {**BASE, "k8s/db.yaml": STATEFULSET.format(tag="16.2")}, "F10-S01")
    assert [f.strength.value for f in found] == ["strong"]
    assert lines(found) == {("docker-compose.yml", 6), ("k8s/db.yaml", 13)}
    assert params(found, "matches") == ["k8s/db.yaml:13 (postgres:16.2)"]


def test_s01_reads_helm_values_images_and_chart_dependencies(tmp_path):
    values = "postgresql:\n  image:\n    registry: docker.io\n    repository: bitnami/postgresql\n    tag: 16.2.0\n"
    chart = """\
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - name: redis
            version: 18.1.0
            repository: https://charts.bitnami.com/bitnami
        """
    compose = DEV_COMPOSE.rstrip(" ") + "      cache:\n        image: redis:7\n"
    files = {**BASE, "docker-compose.yml": compose, "chart/values.yaml": values, "chart/Chart.yaml": chart}
    found = {f.message.param_dict()["engine"]: f for f in fired(tmp_path, files, "F10-S01")}
    assert found["PostgreSQL"].strength.value == "strong" and ("chart/values.yaml", 5) in lines([found["PostgreSQL"]])
    # a chart version is not the engine's: the dependency only confirms the engine
    assert found["Redis"].message.key == "F10-S01.message_undeclared"
    assert ("chart/Chart.yaml", 5) in lines([found["Redis"]])


def test_s01_reads_the_drivers_of_every_ecosystem(tmp_path):
    expected = {
        "node": "package.json:1 (pg)",
        "go": "go.mod:5 (github.com/jackc/pgx/v5)",
        "java": "pom.xml:5 (org.postgresql:postgresql)",
        "ruby": "Gemfile:2 (pg)",
    }
    for name, manifest in DRIVERS.items():
        found = fired(tmp_path / name, {**manifest, "docker-compose.yml": DEV_COMPOSE}, "F10-S01")
        assert params(found, "matches") == [expected[name]], name
    mongo = {**DRIVERS["node"], "docker-compose.yml": DEV_COMPOSE.replace("postgres:16", "mongo:7")}
    assert fired(tmp_path / "mongo", mongo, "F10-S01") == []  # pg does not talk to MongoDB
