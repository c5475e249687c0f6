"""F10-S02: CI tests run against a real service."""

from __future__ import annotations

from f10_data import BASE, CI, CIRCLECI, params

from helpers import fired, lines


def test_s02_fires_for_a_ci_service_of_the_same_engine(tmp_path):
    found = fired(tmp_path, {**BASE, ".github/workflows/ci.yml": CI}, "F10-S02")
    assert params(found, "service") == ["postgres:16"]
    assert (".github/workflows/ci.yml", 9) in lines(found)


def test_s02_is_silent_for_a_service_the_app_does_not_use(tmp_path):
    ci = CI.replace("postgres:16", "mongo:7")
    assert fired(tmp_path, {**BASE, ".github/workflows/ci.yml": ci}, "F10-S02") == []


def test_s02_knows_circleci_database_images(tmp_path):
    found = fired(tmp_path, {**BASE, ".circleci/config.yml": CIRCLECI.format(service="cimg/postgres:16.2")}, "F10-S02")
    assert params(found, "service") == ["cimg/postgres:16.2"] and (".circleci/config.yml", 6) in lines(found)
    other = {**BASE, ".circleci/config.yml": CIRCLECI.format(service="cimg/node:20.11")}
    assert fired(tmp_path / "other", other, "F10-S02") == []
