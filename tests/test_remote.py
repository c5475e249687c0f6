"""Remote targets: URL forms and refusals, a shallow isolated clone (file:// and local bare
repositories with --allow-local-clone, since tests have no network), --ref, the report's
target, the time and size bounds, and a private temporary directory removed on success,
failure and Ctrl-C. A crafted tree cannot write outside the clone or into its .git, submodules
stay empty and LFS pointers stay pointers."""

from __future__ import annotations

import json
import os
import socket
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from hostile import APP, commit_all, write
from twelve.cli import main
from twelve.repository import remote
from twelve.repository.remote import RemoteError, cloned, mask_url, parse_target


@pytest.fixture()
def private_tmp(tmp_path, monkeypatch):
    """Clones land here, so that a test can see what is left behind."""
    where = tmp_path / "tmp"
    where.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(where))
    return where


def _leftovers(where: Path) -> list[str]:
    return sorted(p.name for p in where.iterdir() if p.name.startswith("twelve-clone-"))


@pytest.fixture()
def source(tmp_path):
    """A repository with a default branch, a feature branch and two tags."""
    from dulwich.repo import Repo

    root = tmp_path / "source"
    write(root, {**APP, "app.py": "import os\nPORT = os.environ['PORT']\n"})
    first = commit_all(root).encode()
    with Repo(str(root)) as repo:
        repo.refs[b"refs/tags/v2.0.0"] = first
        feature = _commit(repo, {"feature.txt": b"feature\n"}, parent=first)
        repo.refs[b"refs/heads/feature"] = feature
    return root, first.decode(), feature.decode()


def _tree(repo, entries: dict) -> bytes:
    from dulwich.objects import Blob, Tree

    tree = Tree()
    for name, value in entries.items():
        raw = name if isinstance(name, bytes) else name.encode()
        if isinstance(value, dict):
            tree.add(raw, 0o040000, _tree(repo, value))
        elif isinstance(value, tuple) and value[0] == "gitlink":
            tree.add(raw, 0o160000, value[1])
        else:
            mode, data = (
                (0o120000, value[1])
                if isinstance(value, tuple) and value[0] == "link"
                else (0o100755, value[1])
                if isinstance(value, tuple)
                else (0o100644, value)
            )
            blob = Blob.from_string(data)
            repo.object_store.add_object(blob)
            tree.add(raw, mode, blob.id)
    repo.object_store.add_object(tree)
    return tree.id


def _commit(repo, entries: dict, parent: bytes | None = None) -> bytes:
    from dulwich.objects import Commit

    commit = Commit()
    commit.tree = _tree(repo, entries)
    commit.parents = [parent] if parent else []
    commit.author = commit.committer = b"t <t@twelve.invalid>"
    commit.author_time = commit.commit_time = 1_700_000_000
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = b"crafted"
    repo.object_store.add_object(commit)
    return commit.id


# --- what is a remote target ------------------------------------------------------------------


def test_url_forms(tmp_path):
    assert parse_target("https://github.com/owner/repo").name == "repo"
    assert parse_target("https://github.com/owner/repo.git").name == "repo"
    ssh = parse_target("git@github.com:owner/repo.git")
    assert (ssh.url, ssh.name, ssh.local) == ("git@github.com:owner/repo.git", "repo", False)
    assert parse_target("ssh://git@host:2222/owner/repo").name == "repo"
    assert parse_target(str(tmp_path)) is None  # a directory is assessed in place
    assert parse_target(str(tmp_path / "missing")) is None  # the caller says it does not exist


@pytest.mark.parametrize(
    "url, key",
    [
        ("http://example.com/o/r", "scheme_refused"),
        ("git://example.com/o/r", "scheme_refused"),
        ("ftp://example.com/o/r", "scheme_refused"),
        ("file:///srv/repo.git", "local_refused"),
        ("ssh://-oProxyCommand=touch%20x/o/r", "bad_url"),
        ("https://-evil/o/r", "bad_url"),
        ("git@host:-oProxyCommand=x", "bad_url"),
        ("https://host/", "bad_url"),
    ],
)
def test_refused_urls(url, key):
    with pytest.raises(RemoteError) as caught:
        parse_target(url)
    assert caught.value.key == key


def test_credentials_are_masked():
    assert mask_url("https://user:s3cret@github.com/o/r.git") == "https://***@github.com/o/r.git"
    assert mask_url("https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r") == "https://***@github.com/o/r"
    assert mask_url("https://github.com/o/r") == "https://github.com/o/r"
    spec = parse_target("https://user:s3cret@github.com/o/r.git")
    assert "s3cret" not in spec.shown and spec.url.endswith("github.com/o/r.git")


def test_local_bare_repositories_need_the_flag(source, tmp_path):
    from dulwich.repo import Repo

    bare = tmp_path / "bare.git"
    Repo.init_bare(str(bare), mkdir=True).close()
    result = CliRunner().invoke(main, ["check", str(bare)])
    assert result.exit_code == 2 and "--allow-local-clone" in result.output
    result = CliRunner().invoke(main, ["check", str(source[0]), "--ref", "feature"])
    assert result.exit_code == 2 and "--ref" in result.output


# --- cloning ----------------------------------------------------------------------------------


def test_check_a_url_reports_the_url_and_the_commit(source, private_tmp):
    root, first, _feature = source
    url = f"file://{root}"
    result = CliRunner().invoke(main, ["check", url, "--allow-local-clone", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["target"] == {"path": url, "name": "source", "commit": first, "is_repository": True}
    assert "app.py" in json.dumps(data["factors"])  # the clone's files were assessed
    assert _leftovers(private_tmp) == []


@pytest.mark.parametrize("ref, which", [("feature", 2), ("refs/heads/feature", 2), ("v1.0.0", 1), ("v2.0.0", 1)])
def test_ref_selects_a_branch_or_a_tag(source, private_tmp, ref, which):
    root = source[0]
    result = CliRunner().invoke(main, ["check", f"file://{root}", "--allow-local-clone", "--ref", ref, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target"]["commit"] == source[which]


def test_a_local_bare_repository_and_a_local_work_tree_at_a_ref(source, tmp_path, private_tmp):
    from dulwich import porcelain

    bare = tmp_path / "bare.git"
    with open(os.devnull, "wb") as quiet:
        porcelain.clone(str(source[0]), str(bare), bare=True, errstream=quiet).close()
    result = CliRunner().invoke(main, ["check", str(bare), "--allow-local-clone", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target"]["commit"] == source[1]
    result = CliRunner().invoke(
        main, ["check", str(source[0]), "--allow-local-clone", "--ref", "feature", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target"]["commit"] == source[2]
    assert _leftovers(private_tmp) == []


@pytest.mark.parametrize("lang, words", [("en", "no branch or tag named nope"), ("pt-BR", "não há branch nem tag")])
def test_a_missing_ref_is_a_one_line_error(source, private_tmp, lang, words):
    result = CliRunner().invoke(
        main, ["check", f"file://{source[0]}", "--allow-local-clone", "--ref", "nope", "--lang", lang]
    )
    assert result.exit_code == 2
    assert words in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert _leftovers(private_tmp) == []


def test_a_failed_clone_masks_credentials(private_tmp):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"https://user:Sup3rS3cretT0ken@127.0.0.1:{port}/o/r.git"
    result = CliRunner().invoke(main, ["check", url, "--clone-timeout", "60"])
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith("twelve: error: could not clone https://***@127.0.0.1") and "\n" not in line
    assert "Sup3rS3cretT0ken" not in result.output
    assert _leftovers(private_tmp) == []


@pytest.fixture()
def silent_server():
    """A TCP server that accepts connections and never answers (a clone that would hang)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(5)
    for conn in held:
        conn.close()
    server.close()


def test_the_time_bound_kills_the_clone(silent_server, private_tmp):
    result = CliRunner().invoke(main, ["check", f"https://127.0.0.1:{silent_server}/o/r.git", "--clone-timeout", "1"])
    assert result.exit_code == 2
    assert "not done within 1 s" in result.output
    assert _leftovers(private_tmp) == []


def test_ctrl_c_during_a_clone_kills_it_and_removes_the_directory(silent_server, private_tmp, monkeypatch):
    killed = []
    original_kill = remote._kill

    def record(proc):
        original_kill(proc)
        killed.append(proc.poll())

    def interrupt(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(remote, "_kill", record)
    monkeypatch.setattr(remote, "_disk_usage", interrupt)  # the first size check, about a second in
    spec = parse_target(f"https://127.0.0.1:{silent_server}/o/r.git")
    with pytest.raises(KeyboardInterrupt), cloned(spec, timeout=120):
        pass
    assert killed and killed[0] is not None  # the child is gone
    assert _leftovers(private_tmp) == []


def test_the_size_bound(tmp_path, private_tmp):
    root = tmp_path / "big"
    write(root, {**APP, **{f"data/blob{i}.txt": os.urandom(700_000).hex() for i in range(3)}})
    commit_all(root)
    result = CliRunner().invoke(main, ["check", f"file://{root}", "--allow-local-clone", "--clone-max-size", "1"])
    assert result.exit_code == 2
    assert "larger than 1 MB" in result.output
    assert _leftovers(private_tmp) == []


def test_the_clone_directory_is_private_and_removed_even_on_errors(source, private_tmp):
    spec = parse_target(f"file://{source[0]}", allow_local=True)
    with pytest.raises(RuntimeError), cloned(spec) as clone:
        top = Path(clone.path).parent.parent
        assert stat.S_IMODE(os.stat(top).st_mode) == 0o700
        assert (Path(clone.path) / "app.py").is_file()
        raise RuntimeError("the assessment failed")
    assert not top.exists()
    assert _leftovers(private_tmp) == []


def test_a_crafted_tree_cannot_escape_the_clone(tmp_path, private_tmp):
    from dulwich.repo import Repo

    bare = tmp_path / "crafted.git"
    lfs_pointer = b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"a" * 64 + b"\nsize 123456789\n"
    with Repo.init_bare(str(bare), mkdir=True) as repo:
        head = _commit(
            repo,
            {
                "requirements.txt": b"flask\n",
                "app.py": b"import os\n",
                "..": {"escaped.txt": b"outside\n"},
                ".git": {"hooks": {"post-checkout": ("exec", b"#!/bin/sh\ntouch /tmp/twelve-crafted-hook\n")}},
                ".GIT": {"config": b"[core]\n\tfsmonitor = touch /tmp/twelve-crafted\n"},
                b"a/b": b"slash in a name\n",
                "passwd": ("link", b"/etc/passwd"),
                "vendor-sub": ("gitlink", b"1" * 40),
                ".gitattributes": b"*.bin filter=lfs diff=lfs merge=lfs -text\n",
                "model.bin": lfs_pointer,
            },
        )
        repo.refs[b"refs/heads/main"] = head
        repo.refs.set_symbolic_ref(b"HEAD", b"refs/heads/main")
    spec = parse_target(str(bare), allow_local=True)
    with cloned(spec) as clone:
        work = Path(clone.path)
        top = work.parent.parent
        names = sorted(os.listdir(work))
        assert names == [".git", ".gitattributes", "app.py", "model.bin", "passwd", "requirements.txt", "vendor-sub"]
        assert not list(top.rglob("escaped.txt"))
        assert not (work / ".git" / "hooks" / "post-checkout").exists()
        assert os.path.islink(work / "passwd") and os.readlink(work / "passwd") == "/etc/passwd"
        assert (work / "vendor-sub").is_dir() and not os.listdir(work / "vendor-sub")  # no submodule fetched
        assert (work / "model.bin").read_bytes() == lfs_pointer  # no LFS smudge
        result = CliRunner().invoke(main, ["check", str(work), "-f", "json", "--no-cache"])
        assert result.exit_code == 0
        skipped = {s["path"]: s["reason"] for s in json.loads(result.stdout)["coverage"]["skipped"]}
        assert skipped["passwd"] == "symlink"
    assert not Path("/tmp/twelve-crafted-hook").exists() and not Path("/tmp/twelve-crafted").exists()
