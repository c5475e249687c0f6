"""No execution: a repository whose git configuration (core.fsmonitor, core.pager, filter and
diff drivers used by .gitattributes, hooks, include/includeIf), whose user-level git
configuration, and whose Python/JavaScript files would each create a marker file if run, is
assessed (in place and through the remote clone path) and no marker appears."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import APP, commit_all, marker_code, markers_left, poison_git, write
from twelve.repository.git import read_git

TWELVE = str(Path(sys.executable).with_name("twelve"))


@pytest.fixture()
def poisoned(tmp_path):
    root, markers = tmp_path / "repo", tmp_path / "markers"
    root.mkdir()
    markers.mkdir()
    write(root, {**APP, **marker_code(markers)})
    (root / "entrypoint.sh").chmod(0o755)
    commit_all(root)
    os.mkfifo(root / "blocking.fifo")
    poison_git(root, markers, block_on=root / "blocking.fifo")
    return root, markers


def _hostile_home(tmp_path: Path, markers: Path) -> Path:
    """A HOME whose git configuration would also run commands (a user's own config is not the
    repository's, but twelve needs none of it)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        f"[core]\n\tfsmonitor = touch {markers}/home.fsmonitor; false\n"
        f'[filter "lfs"]\n\tsmudge = touch {markers}/home.lfs; cat\n'
        f'[url "file:///nonexistent/"]\n\tinsteadOf = file://\n'
    )
    return home


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home))
    return env


def test_check_runs_nothing_of_the_repository(poisoned, tmp_path):
    root, markers = poisoned
    home = _hostile_home(tmp_path, markers)
    # cwd is the repository itself: its click.py, yaml.py and sitecustomize.py are not imported
    done = subprocess.run(
        [TWELVE, "check", ".", "-f", "json", "--no-cache", "--debug"],
        cwd=root,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["target"]["commit"]  # the git metadata was read (without the include that blocks)
    assert markers_left(markers) == []


def test_the_remote_clone_path_runs_nothing_either(poisoned, tmp_path):
    root, markers = poisoned
    home = _hostile_home(tmp_path, markers)
    done = subprocess.run(
        [TWELVE, "check", f"file://{root}", "--allow-local-clone", "-f", "json", "--no-cache"],
        cwd=tmp_path,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["target"]["path"] == f"file://{root}"
    assert markers_left(markers) == []


def test_git_metadata_is_read_without_following_includes(poisoned):
    root, markers = poisoned
    info = read_git(str(root))  # would block on the FIFO named by [include] if includes were followed
    assert info.head and info.error is None
    assert "v1.0.0" in info.tags and "app.py" in info.tracked
    assert markers_left(markers) == []


def test_the_fixture_would_run_under_git(tmp_path):
    """Positive control (where a git binary exists): the same configuration without the blocking
    include does run commands under git itself, so the absence of markers above means something."""
    git = shutil.which("git")
    root, markers = tmp_path / "repo", tmp_path / "markers"
    root.mkdir()
    markers.mkdir()
    write(root, dict(APP))
    commit_all(root)
    poison_git(root, markers)
    if git is None:  # nothing to compare with on this machine; the other tests still stand
        assert markers_left(markers) == []
        return
    (root / "requirements.txt").write_text("flask==3.0.1\n")
    subprocess.run(
        [git, "-c", "safe.directory=*", "status"],
        cwd=root,
        capture_output=True,
        timeout=120,
        env={**os.environ, "GIT_PAGER": "", "PAGER": ""},
    )
    subprocess.run([git, "-c", "safe.directory=*", "diff"], cwd=root, capture_output=True, timeout=120)
    assert markers_left(markers), "git ran none of the configured commands: the fixture proves nothing"


@pytest.mark.parametrize(
    "trap",
    [
        "fifo_head",
        "fifo_packed_refs",
        "index_to_dev_zero",
        "config_is_fifo",
        "ref_is_fifo",
        "dotgit_symlink",
        "gitfile_to_fifo",
        "huge_index",
        "exclude_is_fifo",
    ],
)
def test_hostile_git_metadata_never_blocks(tmp_path, trap):
    root = tmp_path / "repo"
    root.mkdir()
    write(root, dict(APP))
    commit_all(root)
    git = root / ".git"
    if trap == "fifo_head":
        (git / "HEAD").unlink()
        os.mkfifo(git / "HEAD")
    elif trap == "fifo_packed_refs":
        os.mkfifo(git / "packed-refs")
    elif trap == "index_to_dev_zero":
        (git / "index").unlink()
        os.symlink("/dev/zero", git / "index")
    elif trap == "config_is_fifo":
        (git / "config").unlink()
        os.mkfifo(git / "config")
    elif trap == "ref_is_fifo":
        os.mkfifo(git / "refs" / "heads" / "trap")
    elif trap == "dotgit_symlink":
        os.rename(git, tmp_path / "elsewhere")
        os.symlink(tmp_path / "elsewhere", git)
    elif trap == "gitfile_to_fifo":
        os.rename(git, tmp_path / "elsewhere")
        os.mkfifo(tmp_path / "fifo")
        (root / ".git").write_text(f"gitdir: {tmp_path / 'fifo'}\n")
    elif trap == "exclude_is_fifo":  # read by the walk for ignore patterns, and by dulwich never
        (git / "info").mkdir(exist_ok=True)
        (git / "info" / "exclude").unlink(missing_ok=True)
        os.mkfifo(git / "info" / "exclude")
    elif trap == "huge_index":
        with open(git / "index", "r+b") as handle:
            handle.truncate(1 << 30)
    done = subprocess.run(
        [TWELVE, "check", str(root), "-f", "json", "--no-cache"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["target"]["is_repository"] is True
    if trap == "exclude_is_fifo":  # not a file dulwich reads: the metadata is fine
        assert data["target"]["commit"]
    elif trap in ("index_to_dev_zero", "huge_index"):
        # the index is read by twelve alone (streamed, bounded, never through a link): only the
        # tracked files are lost, and the coverage says so; the commit is still read (issue 11)
        assert data["target"]["commit"]
        assert [n["code"] for n in data["coverage"]["notes"]] == [
            "git_index_unread" if trap == "index_to_dev_zero" else "git_index_too_large"
        ]
    else:
        assert data["target"]["commit"] is None  # the metadata was refused, not read
