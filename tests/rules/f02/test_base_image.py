"""F02-S20 (base image pinned by digest) and F02-S21 (untagged or `latest`)."""

from __future__ import annotations

from helpers import fired, lines


def test_s21_fires_for_latest_or_untagged_base_images(tmp_path):
    docker = "FROM python AS build\nFROM python:latest\nFROM build\n"
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S21")
    assert lines(found) == {("Dockerfile", 1), ("Dockerfile", 2)}
    assert found[0].basis.value == "advice"


def test_s21_is_silent_and_s20_fires_for_pinned_images(tmp_path):
    docker = "FROM python:3.12-slim@sha256:" + "a" * 64 + "\n"
    files = {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}
    assert fired(tmp_path, files, "F02-S21") == []
    assert lines(fired(tmp_path / "b", files, "F02-S20")) == {("Dockerfile", 1)}


def test_s20_is_silent_for_a_tag(tmp_path):
    assert fired(tmp_path, {"Dockerfile": "FROM python:3.12\n"}, "F02-S20") == []
