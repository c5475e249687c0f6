"""Issue 11, B: writing a report never follows a link and never writes outside what was named.

The GitHub Action runs `twelve check . --format sarif -o twelve.sarif` inside the checkout: a
`twelve.sarif` committed as a symbolic link must not make twelve overwrite what it points to."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from helpers import make_repo
from twelve.cli import main

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nX = os.getenv('X')\n"}


def check(*args):
    return CliRunner().invoke(main, ["check", "--no-progress", "--no-config", "--no-cache", *args])


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path, APP)


@pytest.mark.parametrize("fmt", ["sarif", "json", "markdown", "html", "badge", "text"])
def test_a_committed_symlink_at_the_output_path_is_refused(repo, tmp_path, fmt):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = repo / "twelve.sarif"
    link.symlink_to(victim)
    result = check(str(repo), "--format", fmt, "-o", str(link))
    assert result.exit_code == 2, result.output
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert os.path.islink(link) and os.readlink(link) == str(victim)
    assert len(result.stderr.strip().splitlines()) == 1 and "symbolic link" in result.stderr


def test_a_dangling_symlink_is_not_created_through(repo, tmp_path):
    target = tmp_path / "created-elsewhere.sarif"
    link = repo / "twelve.sarif"
    link.symlink_to(target)
    result = check(str(repo), "--format", "sarif", "-o", str(link))
    assert result.exit_code == 2
    assert not target.exists()


def test_a_hard_linked_output_is_replaced_not_written_through(repo, tmp_path):
    """Writing goes to a new file renamed over the name: another name of the old inode keeps
    its content (a repository cannot hard-link outside, but a shared /tmp can)."""
    other = tmp_path / "other.txt"
    other.write_text("precious\n", encoding="utf-8")
    out = tmp_path / "out.json"
    os.link(other, out)
    assert check(str(repo), "--format", "json", "-o", str(out)).exit_code == 0
    assert other.read_text(encoding="utf-8") == "precious\n"
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "1"


def test_a_missing_output_directory_is_a_usage_error_before_the_run(repo, tmp_path, monkeypatch):
    ran = []
    import twelve.pipeline

    monkeypatch.setattr(twelve.pipeline, "assess", lambda *a, **k: ran.append(1))
    result = check(str(repo), "--format", "json", "-o", str(tmp_path / "missing" / "dir" / "r.json"))
    assert result.exit_code == 2, result.output
    assert ran == []
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("make", ["directory", "fifo"])
def test_an_output_that_is_not_a_regular_file_is_refused_before_the_run(repo, tmp_path, make):
    out = tmp_path / "out"
    if make == "directory":
        out.mkdir()
    else:
        os.mkfifo(out)
    result = check(str(repo), "--format", "json", "-o", str(out))
    assert result.exit_code == 2, result.output


def test_dash_means_standard_output(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check(str(repo), "--format", "json", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema_version"] == "1"
    assert not (tmp_path / "-").exists()


def test_an_ordinary_output_file_is_written_and_said(repo, tmp_path):
    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")
    result = check(str(repo), "--format", "json", "-o", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "1"
    assert str(out) in result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_replayed_run_refuses_the_symlink_too(repo, tmp_path):
    cache = tmp_path / "cache"
    out = tmp_path / "first.json"
    for _ in range(2):
        assert (
            CliRunner()
            .invoke(
                main,
                [
                    "check",
                    str(repo),
                    "--no-progress",
                    "--no-config",
                    "--cache-dir",
                    str(cache),
                    "--format",
                    "json",
                    "-o",
                    str(out),
                ],
            )
            .exit_code
            == 0
        )
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(repo),
            "--no-progress",
            "--no-config",
            "--cache-dir",
            str(cache),
            "--format",
            "json",
            "-o",
            str(link),
        ],
    )
    assert result.exit_code == 2 and victim.read_text(encoding="utf-8") == "precious\n"


def test_a_report_written_in_pieces_is_their_text_and_a_failing_piece_leaves_the_old_file(tmp_path):
    from twelve.outputs import write_output

    out = tmp_path / "r.json"
    write_output(str(out), iter(["{", '"a": "→"', "}\n"]))
    assert out.read_text(encoding="utf-8") == '{"a": "→"}\n'

    def failing():
        yield "{"
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError):
        write_output(str(out), failing())
    assert out.read_text(encoding="utf-8") == '{"a": "→"}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left
