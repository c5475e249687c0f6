"""Builders of hostile repositories, made at test time: nothing hostile is committed to this
tree (no FIFO, no symbolic link to /etc/passwd, no 50 MB file, no executable hook).

Everything that would run if twelve executed repository content writes a file into a *markers*
directory; a test then asserts that the directory is still empty.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

#: a small Flask app: enough for every factor to be assessed on the hostile repositories
APP = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "Procfile": "web: gunicorn app:app --bind 0.0.0.0:$PORT\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}

BOMB = (
    "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]" for i in range(1, 12)]
    )
    + "\n"
)


def marker_code(markers: Path) -> dict[str, str]:
    """Source files that write a marker when imported, run or required."""
    py = f"import pathlib\npathlib.Path({str(markers)!r}, {{name!r}}).write_text('ran')\n"
    return {
        "app.py": py.format(name="app.py") + "import os\nfrom flask import Flask\napp = Flask(__name__)\n"
        "PORT = os.environ.get('PORT', '8000')\n",
        "setup.py": py.format(name="setup.py") + "from setuptools import setup\nsetup(name='x')\n",
        "conftest.py": py.format(name="conftest.py"),
        "manage.py": py.format(name="manage.py"),
        "sitecustomize.py": py.format(name="sitecustomize.py"),
        "click.py": py.format(name="click.py"),  # would shadow a dependency if the repository were on sys.path
        "yaml.py": py.format(name="yaml.py"),
        "index.js": f"require('fs').writeFileSync({str(markers / 'index.js')!r}, 'ran');\n",
        "package.json": '{"name": "x", "scripts": {"preinstall": "touch ' + str(markers / "npm") + '", '
        '"postinstall": "touch ' + str(markers / "npm") + '"}}\n',
        "Makefile": f"all:\n\ttouch {markers / 'make'}\n",
        ".envrc": f"touch {markers / 'direnv'}\n",
        "entrypoint.sh": f'#!/bin/sh\ntouch {markers / "entrypoint"}\nexec "$@"\n',
    }


def markers_left(markers: Path) -> list[str]:
    return sorted(p.name for p in markers.iterdir()) if markers.exists() else []


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def commit_all(root: Path) -> str:
    """Make *root* a git repository with every regular file committed (dulwich; no hook runs)."""
    from dulwich import porcelain
    from dulwich.repo import Repo

    author = b"hostile <hostile@twelve.invalid>"
    repo = Repo.init(str(root))
    with repo:
        paths = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d != ".git" and not os.path.islink(os.path.join(folder, d))]
            for name in files:
                full = os.path.join(folder, name)
                if stat.S_ISREG(os.lstat(full).st_mode):
                    paths.append(full)
        porcelain.add(repo, paths=sorted(paths))
        head = porcelain.commit(
            repo,
            message=b"hostile",
            author=author,
            committer=author,
            no_verify=True,
            commit_timestamp=1_700_000_000,
            commit_timezone=0,
            author_timestamp=1_700_000_000,
            author_timezone=0,
        )
        repo.refs[b"refs/tags/v1.0.0"] = head
    return head.decode()


# --- git configuration that runs commands -------------------------------------------------------

HOOKS = (
    "pre-commit",
    "post-commit",
    "post-checkout",
    "post-merge",
    "pre-push",
    "post-rewrite",
    "fsmonitor-watchman",
    "post-index-change",
    "reference-transaction",
    "pre-auto-gc",
    "commit-msg",
)


def poison_git(root: Path, markers: Path, *, block_on: Path | None = None) -> None:
    """Give the repository at *root* a configuration, attributes and hooks that each create a
    marker when a git implementation honours them. *block_on* (a FIFO) is also named as an
    included configuration file: following the include would block the reader forever."""
    git = root / ".git"
    include = git / "evil-include.cfg"
    include.write_text(
        f"[core]\n\tfsmonitor = touch {markers}/include.fsmonitor; false\n"
        f"[alias]\n\tstatus = !touch {markers}/include.alias\n"
    )
    (git / "evil-includeif.cfg").write_text(f"[core]\n\tpager = touch {markers}/includeif.pager; cat\n")
    config = textwrap.dedent(f"""\
        [core]
        \trepositoryformatversion = 0
        \tfilemode = true
        \tbare = false
        \tlogallrefupdates = true
        \tfsmonitor = touch {markers}/core.fsmonitor; false
        \tpager = touch {markers}/core.pager; cat
        \teditor = touch {markers}/core.editor
        \tsshCommand = touch {markers}/core.sshCommand; false
        \taskPass = touch {markers}/core.askPass
        [filter "evil"]
        \tclean = touch {markers}/filter.clean; cat
        \tsmudge = touch {markers}/filter.smudge; cat
        \tprocess = touch {markers}/filter.process
        \trequired = true
        [diff "evil"]
        \ttextconv = touch {markers}/diff.textconv; cat
        [uploadpack]
        \tpackObjectsHook = touch {markers}/uploadpack.hook
        [credential]
        \thelper = !touch {markers}/credential.helper
        [include]
        \tpath = {include}
        [includeIf "gitdir:/"]
        \tpath = evil-includeif.cfg
        """)
    if block_on is not None:
        config += f"[include]\n\tpath = {block_on}\n"
    (git / "config").write_text(config)
    (git / "info").mkdir(exist_ok=True)
    (git / "info" / "attributes").write_text("* filter=evil diff=evil\n")
    (root / ".gitattributes").write_text("* filter=evil diff=evil\n*.bin filter=lfs diff=lfs merge=lfs -text\n")
    hooks = git / "hooks"
    hooks.mkdir(exist_ok=True)
    for name in HOOKS:
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\ntouch {markers}/hook.{name}\n")
        hook.chmod(0o755)


# --- the file system ----------------------------------------------------------------------------


@dataclass
class Made:
    """The special entries a builder managed to create (mknod needs privileges)."""

    fifos: list[str] = field(default_factory=list)
    sockets: list[str] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    symlinks: list[str] = field(default_factory=list)
    odd_names: list[str] = field(default_factory=list)  # names analyzed as they are
    unsafe_names: list[str] = field(default_factory=list)  # names shown escaped, never analyzed
    deep_dir: str = ""


ODD_NAMES = {
    "name with spaces.py": "import os\nA = os.environ['WITH_SPACES']\n",
    "ünïcødé/módulo.py": "import os\nB = os.environ['UNICODE_NAME']\n",
    "[bold red]markup[/bold red]/[link=x]y[/link].py": "import os\nC = os.environ['MARKUP_NAME']\n",
    "<script>alert(1)</script>.md": "# <b>hi</b>\n",
    "pipe|and`tick`.py": "import os\nD = os.environ['PIPE_NAME']\n",
}
#: names with control characters, bidirectional overrides or bytes that are not UTF-8
UNSAFE_NAMES: dict[bytes, bytes] = {
    b"new\nline.py": b"import os\nE = os.environ['NEWLINE']\n",
    b"esc\x1b[31mred\x1b[0m.py": b"import os\n",
    b"bidi\xe2\x80\xaeyp.txt": b"x\n",
    b"caf\xe9-latin1-name.py": b"import os\n",
    b"tab\tname.sh": b"echo hi\n",
}


def build_filesystem(root: Path) -> Made:
    """Regular files first (so that they can be committed); special entries by :func:`add_specials`."""
    made = Made()
    write(root, dict(APP))
    write(root, ODD_NAMES)
    made.odd_names = sorted(ODD_NAMES)
    for raw, content in UNSAFE_NAMES.items():
        with open(os.path.join(os.fsencode(root), raw), "wb") as handle:
            handle.write(content)
    made.unsafe_names = sorted(n.decode("utf-8", "surrogateescape") for n in UNSAFE_NAMES)
    # encodings: latin-1, UTF-16 with a byte-order mark, invalid UTF-8, UTF-8 with a BOM
    (root / "legacy_latin1.py").write_bytes(
        "# caf\xe9 cr\xe8me\nimport os\nL = os.environ['LATIN1_VAR']\n".encode("latin-1")
    )
    (root / "utf16_bom.py").write_bytes("import os\nU = os.environ['UTF16_VAR']\n".encode("utf-16"))
    (root / "invalid_utf8.py").write_bytes(b"import os\n\xff\xfe\xc3( = 1\nI = os.environ['INVALID_UTF8_VAR']\n")
    (root / "bom_utf8.py").write_bytes("\ufeffimport os\nB8 = os.environ['BOM8_VAR']\n".encode("utf-8"))
    (root / "ansi_in_content.py").write_bytes(b"import os\nX = os.environ['ANSI\x1b[2J\x1b]0;pwned\x07VAR']\n")
    # binary files: by suffix, and by content under a text suffix
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (root / "notes.txt").write_bytes(b"text\x00with\x00nul\x00bytes\n" * 100)
    # a 50 MB file, sparse (cheap), under a name that has an extractor
    with open(root / "huge.json", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    made.deep_dir = build_deep_tree(root)
    return made


DEEP_LEVELS = 260
#: files of the deep tree: level -> (name, content); at level 198 the absolute path is longer than
#: PATH_MAX (4096), at 259 the tree is deeper than the walk goes
DEEP_FILES = {
    5: ("shallow_enough.py", "import os\nDEEP5 = os.environ['DEEP_FIVE']\n"),
    198: ("beyond_path_max.py", "import os\nDEEP198 = os.environ['DEEP_198']\n"),
    259: ("bottom.py", "import os\nBOTTOM = os.environ['DEEP_BOTTOM']\n"),
}


def deep_name(level: int) -> str:
    return f"L{level:03}-" + "x" * 16


def build_deep_tree(root: Path) -> str:
    """A chain of DEEP_LEVELS directories made through directory descriptors (its full path is
    longer than PATH_MAX, which plain path calls refuse); returns the relative path of the last."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for level in range(DEEP_LEVELS):
            os.mkdir(deep_name(level), dir_fd=fd)
            child = os.open(deep_name(level), os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
            if level in DEEP_FILES:
                name, content = DEEP_FILES[level]
                out = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
                os.write(out, content.encode())
                os.close(out)
    finally:
        os.close(fd)
    return "/".join(deep_name(level) for level in range(DEEP_LEVELS))


def deep_path(level: int, name: str = "") -> str:
    parts = [deep_name(i) for i in range(level + 1)]
    return "/".join(parts + ([name] if name else []))


def add_specials(root: Path, made: Made) -> None:
    """Symbolic links out of the root and in loops, FIFOs, a socket and (when allowed) devices."""
    links = {
        "passwd_link": "/etc/passwd",
        "settings.py": "/etc/passwd",  # a name with an extractor
        "zero.yml": "/dev/zero",
        "random.txt": "/dev/urandom",
        "parent": "..",
        "root_dir": "/",
        "loop_a": "loop_b",
        "loop_b": "loop_a",
        "self_loop": "self_loop",
        "dangling.py": "does/not/exist",
        "requirements-extra.txt": "../../../../../../../../etc/passwd",
    }
    for name, target in links.items():
        os.symlink(target, root / name)
    made.symlinks = sorted(links)
    # FIFOs under names that get read: analyzed kinds, and ignore files the walk itself reads
    for name in ("pipe.yml", "config/fifo.env", "docker-compose.yml", "fifo_dir/.gitignore", "fifo_dir/.dockerignore"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        made.fifos.append(name)
    here = os.getcwd()
    os.chdir(root)  # a socket path is limited to ~100 bytes: bind it relative to the root
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind("app.sock")
        sock.close()
        made.sockets.append("app.sock")
    finally:
        os.chdir(here)
    for name, minor in (("zero_device.py", 5), ("null_device.env", 3)):
        with contextlib.suppress(OSError):  # mknod needs CAP_MKNOD
            os.mknod(root / name, stat.S_IFCHR | 0o600, os.makedev(1, minor))
            made.devices.append(name)


# --- malformed manifests and parser traps -------------------------------------------------------

PARSER_TRAPS: dict[str, str] = {
    "bomb.yaml": BOMB,
    "k8s/deployment.yaml": BOMB,
    "recursive.yml": "a: &a [*a]\nb: &b {k: *b}\n",
    "deep.yaml": "[" * 20000 + "]" * 20000 + "\n",
    "unknown_tags.yaml": "a: !!python/object/apply:os.system ['touch /tmp/twelve-yaml-pwned']\nb: !Ref x\n",
    ".github/workflows/ci.yml": "on:\n  push: {}\non:\n  pull_request: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: pytest\n      - run: pytest\nyes: no\n",
    "compose.yaml": 'services:\n  web:\n    build: .\n    ports: ["8000:8000"]\n  web:\n    image: nginx\n'
    "x: *undefined_alias\n",
    "pyproject.toml": "[project\nname = 'broken\ndependencies = [\n",
    "Pipfile": '[packages]\nflask = {version = "*"\n',
    "setup.cfg": "[metadata\nname = x\n[options]]\ninstall_requires =\n\tflask\n  = \n",
    "config.ini": "no section header\n[[[\n=\n",
    "package.json": '{"name": "x", "dependencies": {"express": "^4",}  // not JSON\n',
    "app.json": '{"scripts": [1, 2,, ]',
    "tsconfig.json": "{" * 5000,
    "Dockerfile": "FROM python:3.12 AS build\nRUN <<EOF\nset -e\npip install -r requirements.txt\nEOF\n"
    "RUN <<-A <<B cat\nx\nA\ny\nB\nCOPY <<EOT /etc/x\nunterminated heredoc\n"
    'ENV = \nEXPOSE notaport\nCMD ["unclosed\nHEALTHCHECK --interval=\n\\\n',
    "Dockerfile.empty": "",
    "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: {{ .Chart.Version }}\n",
    "charts/app/values.yaml": "image:\n  repository: {{ .Values.x }}\n  tag: [\n",
    "charts/app/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
    '  name: {{ include "app.fullname" . }}\n{{- if .Values.x }}\n'
    "  labels: {{ toYaml .Values.labels | nindent 4 }}\n{{- end }}\n",
    "requirements/base.txt": "-e .\n-e git+https://github.com/x/y.git#egg=y\n--hash=sha256:abcd\n"
    "flask==3.0 --hash=sha256:0123456789abcdef \\\n    --hash=sha256:fedcba\n"
    "https://example.com/pkg-1.0.tar.gz\n-r ../../../../etc/passwd\n-r /dev/zero\n"
    "-c constraints.txt\n--index-url https://user:pa55w0rd-not-real@example.com/simple\n"
    "-r base.txt\n\\\n\\\n===\n[]\n@ file:///etc/passwd\n",
    "Procfile.broken": "web\n: nothing\n\x00\n",
    ".env": 'KEY="unterminated\nexport =1\n=\n',
    "scripts/run.sh": "#!/bin/sh\n" + "(" * 5000 + "\ncat <<EOF\nno end\n",
    "long_line.js": "var x = '" + "a" * 300_000 + "';\n",
    "empty.py": "",
    "nul_after_probe.py": "import os\n" + "#" * 9000 + "\x00\nN = os.environ['NUL_LATE']\n",
}
