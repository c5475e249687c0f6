"""F03-S21: the variables documented without values."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s21_fires_for_an_env_example(tmp_path):
    assert lines(fired(tmp_path, {**REQ, ".env.example": "SECRET_KEY=\n"}, "F03-S21")) == {(".env.example", 1)}


def test_s21_is_silent_without_a_template(tmp_path):
    assert fired(tmp_path, {**REQ, ".env": "SECRET_KEY=x\n"}, "F03-S21") == []
