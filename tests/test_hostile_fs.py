"""File system safety on repositories built at test time: symbolic links out of the root and in
loops, FIFOs, sockets and devices, a 50 MB (sparse) file, binaries, foreign encodings, a tree
deeper than the walk goes and longer than PATH_MAX, odd and unsafe names, 100k entries. The
run finishes with exit code 0, every format renders in both languages, and everything left out
is in coverage.skipped with a reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from hostile import (
    DEEP_FILES,
    PARSER_TRAPS,
    add_specials,
    build_filesystem,
    commit_all,
    deep_path,
    marker_code,
    markers_left,
    poison_git,
    write,
)
from twelve.cli import main
from twelve.factors import FACTORS
from twelve.facts import extract_all, extract_file
from twelve.locale import Catalog
from twelve.pipeline import Options, assess
from twelve.report import FORMATS, render
from twelve.repository import open_repository
from twelve.repository.walk import MAX_DEPTH, walk

LANGS = ("en", "pt-BR")
TWELVE = str(Path(sys.executable).with_name("twelve"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The complete hostile fixture: (repository, markers directory, what could be made)."""
    base = tmp_path_factory.mktemp("hostile")
    root, markers = base / "repo", base / "markers"
    root.mkdir()
    markers.mkdir()
    made = build_filesystem(root)
    write(root, marker_code(markers))
    write(root, PARSER_TRAPS)
    commit_all(root)
    add_specials(root, made)
    poison_git(root, markers, block_on=root / "pipe.yml")
    return root, markers, made


@pytest.fixture(scope="module")
def assessed(hostile):
    return assess(str(hostile[0]), Options(jobs=1))


def _skipped(assessment) -> dict[str, tuple[str, str]]:
    return {s.path: (s.reason, s.detail) for s in assessment.coverage.skipped}


def test_the_cli_finishes_with_exit_0_and_a_complete_json_report(hostile):
    root, markers, _made = hostile
    # a separate process bounds the run: a blocked read would fail here instead of hanging
    done = subprocess.run(
        [TWELVE, "check", str(root), "-f", "json", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=root.parent,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [f["roman"] for f in data["factors"]] == [f.roman for f in FACTORS]
    assert all(f["status"] for f in data["factors"])
    assert data["internal_errors"] == []
    assert "Traceback" not in done.stderr
    assert markers_left(markers) == []


def test_symbolic_links_are_reported_and_never_followed(hostile, assessed):
    _root, _markers, made = hostile
    skipped = _skipped(assessed)
    for name in made.symlinks:
        assert skipped[name][0] == "symlink", name
    assert skipped["passwd_link"] == ("symlink", "/etc/passwd")
    assert skipped["zero.yml"] == ("symlink", "/dev/zero")
    analyzed_or_seen = {s.path for s in assessed.coverage.skipped} | {e.path for e in assessed.coverage.errors}
    # nothing below a link to / or to .. was walked
    assert not any(p.startswith(("root_dir/", "parent/", "loop_a/")) for p in analyzed_or_seen)
    repo = open_repository(str(hostile[0]))
    assert not any(f.path.startswith(("root_dir/", "parent/")) for f in repo.files)
    assert "settings.py" not in {f.path for f in repo.files}


def test_fifos_sockets_and_devices_are_skipped_without_being_opened(hostile, assessed):
    _root, _markers, made = hostile
    skipped = _skipped(assessed)
    assert made.fifos and made.sockets
    for name in made.fifos:
        assert skipped[name] == ("special_file", "fifo")
    for name in made.sockets:
        assert skipped[name] == ("special_file", "socket")
    for name in made.devices:  # created when the test may call mknod
        assert skipped[name] == ("special_file", "character device")


def test_large_binary_and_encoded_files(assessed, hostile):
    skipped = _skipped(assessed)
    assert skipped["huge.json"] == ("too_large", str(50 * 1024 * 1024))
    assert skipped["logo.png"][0] == "binary"
    assert skipped["notes.txt"][0] == "binary"  # NUL bytes under a text suffix
    facts = extract_all(open_repository(str(hostile[0])), 2 * 1024 * 1024)
    reads = {f.get("name"): f for f in facts.items if f.kind == "env.read"}
    # latin-1, invalid UTF-8, UTF-16 with a byte-order mark, UTF-8 with a BOM, a NUL past the probe
    for name in ("LATIN1_VAR", "INVALID_UTF8_VAR", "UTF16_VAR", "BOM8_VAR", "NUL_LATE"):
        assert name in reads, name
    assert reads["UTF16_VAR"].path == "utf16_bom.py" and reads["UTF16_VAR"].line == 2
    # terminal escapes in a file's text never reach an excerpt
    ansi = next(f for f in facts.items if f.path == "ansi_in_content.py" and f.kind == "env.read")
    assert "\x1b" not in ansi.excerpt and "\x07" not in ansi.excerpt


def test_max_file_size_option_moves_the_bound(tmp_path):
    write(tmp_path, {"requirements.txt": "flask\n", "app.py": "import os\n" + "#" * 5000 + "\n"})
    result = CliRunner().invoke(main, ["check", str(tmp_path), "-f", "json", "--max-file-size", "1000", "--no-cache"])
    assert result.exit_code == 0
    skipped = {s["path"]: s for s in json.loads(result.stdout)["coverage"]["skipped"]}
    assert skipped["app.py"]["reason"] == "too_large"


def test_deep_trees_are_walked_to_the_bound_and_the_rest_reported(hostile, assessed):
    skipped = _skipped(assessed)
    cut = deep_path(MAX_DEPTH)
    assert skipped[cut] == ("unreadable", f"deeper than {MAX_DEPTH} directories")
    repo = open_repository(str(hostile[0]))
    paths = {f.path for f in repo.files}
    assert deep_path(5, DEEP_FILES[5][0]) in paths
    # longer than PATH_MAX once joined to the root: opened component by component
    beyond = deep_path(198, DEEP_FILES[198][0])
    assert len(str(hostile[0] / beyond).encode()) > 4096
    assert beyond in paths
    facts = extract_all(repo, 2 * 1024 * 1024)
    assert any(f.path == beyond and f.get("name") == "DEEP_198" for f in facts.items)
    assert not any(p.endswith(DEEP_FILES[259][0]) for p in paths)


def test_odd_names_are_analyzed_and_unsafe_names_reported_escaped(hostile, assessed):
    _root, _markers, made = hostile
    repo = open_repository(str(hostile[0]))
    paths = {f.path for f in repo.files}
    for name in made.odd_names:
        assert name in paths, name
    skipped = _skipped(assessed)
    for shown in (
        "new\\nline.py",
        "esc\\x1b[31mred\\x1b[0m.py",
        "bidi\\u202eyp.txt",
        "caf\\xe9-latin1-name.py",
        "tab\\tname.sh",
    ):
        assert skipped[shown][0] == "unreadable", shown
    assert not any(ch in p for p in paths | set(skipped) for ch in ("\n", "\x1b", "\u202e", "\t"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_the_hostile_repository(assessed, fmt, lang):
    text = render(assessed, fmt, lang)
    assert isinstance(text, str) and text.strip()
    assert "\x1b" not in text and "\u202e" not in text
    if fmt in ("json", "sarif"):
        json.loads(text)
    if fmt in ("text", "markdown", "html", "json"):
        catalog = Catalog(lang)
        names = [catalog.text(f"factor.name.{n}") for n in range(1, 13)]
        shown = text if fmt != "html" else text.replace("&#39;", "'").replace("&amp;", "&")
        assert all(name in shown or name.upper() in shown for name in names), fmt


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_through_the_cli(hostile, fmt):
    result = CliRunner().invoke(main, ["check", str(hostile[0]), "-f", fmt, "--no-cache", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert "Traceback" not in result.output


# --- races between the walk and the read -------------------------------------------------------


def _bounded(function, *args):
    """Run *function* in a thread and return its result; a read that blocked would leave the
    thread alive (a bound on the test, not a timing assertion)."""
    box: list = []
    worker = threading.Thread(target=lambda: box.append(function(*args)), daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "the read blocked"
    return box[0]


def _entry(root: Path, name: str):
    return next(f for f in walk(str(root)).files if f.path == name)


def test_a_file_replaced_by_a_fifo_after_the_walk_is_not_read(tmp_path):
    write(tmp_path, {"app.py": "import os\n", "docker-compose.yml": "services: {}\n"})
    entries = [_entry(tmp_path, "app.py"), _entry(tmp_path, "docker-compose.yml")]
    for entry in entries:
        os.unlink(tmp_path / entry.path)
        os.mkfifo(tmp_path / entry.path)
        result = _bounded(extract_file, str(tmp_path), entry, 2 * 1024 * 1024)
        assert result.skipped is not None and result.skipped.reason == "special_file"
        assert not result.analyzed


def test_a_file_replaced_by_a_link_or_another_file_after_the_walk(tmp_path):
    write(tmp_path, {"a.py": "import os\n", "b.py": "import os\n", "other.py": "X = 1\n"})
    linked, swapped = _entry(tmp_path, "a.py"), _entry(tmp_path, "b.py")
    os.unlink(tmp_path / "a.py")
    os.symlink("/etc/passwd", tmp_path / "a.py")
    result = _bounded(extract_file, str(tmp_path), linked, 2 * 1024 * 1024)
    assert result.skipped.reason == "symlink"
    os.replace(tmp_path / "other.py", tmp_path / "b.py")
    result = _bounded(extract_file, str(tmp_path), swapped, 2 * 1024 * 1024)
    assert (result.skipped.reason, result.skipped.detail) == ("unreadable", "changed during the run")


def test_a_directory_replaced_by_a_link_after_the_walk_leads_nowhere(tmp_path):
    outside = tmp_path / "outside"
    write(outside, {"app.py": "SECRET_OUTSIDE = 1\n"})
    root = tmp_path / "root"
    write(root, {"pkg/app.py": "import os\n"})
    entry = _entry(root, "pkg/app.py")
    os.rename(root / "pkg", tmp_path / "moved")
    os.symlink(outside, root / "pkg")
    result = _bounded(extract_file, str(root), entry, 2 * 1024 * 1024)
    assert result.skipped is not None and not result.analyzed  # the inode is not the one listed
    assert not result.facts


# --- many entries ----------------------------------------------------------------------------


def test_a_hundred_thousand_entries(tmp_path):
    root = tmp_path / "many"
    write(root, {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nP = os.environ['PORT']\n"})
    # hard links of two empty files outside the root: directory entries without new inodes, which
    # some file systems create slowly (a link count is bounded, hence two)
    for base in ("base0", "base1"):
        (tmp_path / base).touch()
    fd = os.open(root, os.O_RDONLY)
    tmp_fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for d in range(100):
            os.mkdir(f"d{d:03}", dir_fd=fd)
            dfd = os.open(f"d{d:03}", os.O_RDONLY, dir_fd=fd)
            for f in range(1000):
                os.link(f"base{d % 2}", f"f{f:04}.txt", src_dir_fd=tmp_fd, dst_dir_fd=dfd)
            for f in range(10):
                os.symlink("/etc/passwd", f"link{f}", dir_fd=dfd)
            os.close(dfd)
    finally:
        os.close(fd)
        os.close(tmp_fd)
    result = CliRunner().invoke(main, ["check", str(root), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["coverage"]["files_seen"] == 100 * 1010 + 2
    assert data["coverage"]["files_analyzed"] == 100 * 1000 + 2
    assert sum(1 for s in data["coverage"]["skipped"] if s["reason"] == "symlink") == 1000
    assessment = assess(str(root), Options(jobs=1))
    for fmt in FORMATS:
        assert render(assessment, fmt, "en").strip()
