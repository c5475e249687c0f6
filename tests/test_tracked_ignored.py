"""Issue 11, E: files that are committed but match .gitignore (added with `git add -f`, or
ignored after they were committed) are part of the repository: they are read, safely, and the
coverage says which ones were read although ignored. Ignored files that are not tracked stay out."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from helpers import make_repo
from twelve.cli import main

AWS = "AKIA" + "Q3EGRIV7LN2XK4TZ"
FILES = {
    "requirements.txt": "flask==3.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nX = os.getenv('X')\n",
    "config/settings.py": f"AWS_ACCESS_KEY_ID = '{AWS}'\n",
    "ops/private/run.sh": f"#!/bin/sh\nexport AWS_ACCESS_KEY_ID={AWS}\n",
}
IGNORE = "config/settings.py\nops/\n*.local\n"


@pytest.fixture
def repo(tmp_path):
    root = make_repo(tmp_path, FILES)  # every file committed
    (root / ".gitignore").write_text(IGNORE, encoding="utf-8")  # then ignored: still tracked
    (root / "ops" / "private" / "untracked.sh").write_text(f"KEY='{AWS}X'\n", encoding="utf-8")
    (root / "notes.local").write_text(f"AWS={AWS}\n", encoding="utf-8")
    return root


def report(repo, *args):
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json", "--no-progress", "--no-config", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _paths(data):
    return {l["path"] for f in data["factors"] for x in f["findings"] for l in x["locations"]}


def test_tracked_files_are_read_even_when_ignored(repo):
    data = report(repo, "--no-cache")
    paths = _paths(data)
    assert "config/settings.py" in paths
    assert "ops/private/run.sh" in paths
    assert sorted(data["coverage"]["tracked_ignored"]) == ["config/settings.py", "ops/private/run.sh"]


def test_ignored_files_that_are_not_tracked_stay_out(repo):
    data = report(repo, "--no-cache")
    paths = _paths(data)
    assert "ops/private/untracked.sh" not in paths and "notes.local" not in paths
    assert "notes.local" not in data["coverage"]["tracked_ignored"]


def test_the_same_with_the_walk_memo_on_a_second_run(repo, tmp_path):
    cache = tmp_path / "cache"
    first = report(repo, "--cache-dir", str(cache))
    second = report(repo, "--cache-dir", str(cache))
    assert first["coverage"] == second["coverage"]
    assert "config/settings.py" in _paths(second)


def test_a_tracked_symlink_in_an_ignored_directory_is_not_followed(repo, tmp_path):
    outside = tmp_path / "outside.py"
    outside.write_text(f"K = '{AWS}'\n", encoding="utf-8")
    target = repo / "ops" / "private" / "run.sh"
    target.unlink()
    target.symlink_to(outside)
    data = report(repo, "--no-cache")
    assert "ops/private/run.sh" not in _paths(data)
    assert {"path": "ops/private/run.sh", "reason": "symlink"}.items() <= next(
        s for s in data["coverage"]["skipped"] if s["path"] == "ops/private/run.sh"
    ).items()


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_says_which_ignored_files_were_read(repo, fmt):
    result = CliRunner().invoke(
        main, ["check", str(repo), "--format", fmt, "--no-progress", "--no-config", "--no-cache"]
    )
    assert "config/settings.py" in result.stdout
    assert "ignored" in result.stdout.lower()


def test_without_git_nothing_ignored_is_read(tmp_path):
    root = make_repo(tmp_path, FILES, git=False)
    (root / ".gitignore").write_text(IGNORE, encoding="utf-8")
    data = report(root, "--no-cache")
    assert "config/settings.py" not in _paths(data)
    assert "tracked_ignored" not in data["coverage"]
    assert os.path.exists(root / "config" / "settings.py")
