"""Issue 12: defects of the command line a new user trips over (exit codes, options that
contradict each other, warnings), each reproduced here."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers import make_repo

from twelve.cli import main

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nX = os.getenv('X')\n"}


def check(*args, **kwargs):
    return CliRunner().invoke(main, ["check", "--no-progress", "--no-cache", *args], **kwargs)


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path, APP)


def test_ctrl_c_exits_130_not_the_policy_code(repo, monkeypatch):
    import twelve.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(twelve.pipeline, "assess", interrupted)
    result = check(str(repo), "--no-config")
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
