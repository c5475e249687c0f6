"""Deployable app roots (criteria §0.3.1): a directory with a dependency manifest plus an
entrypoint, decided from file names only (the walk has not opened any file yet).

Manifests of every stack count (requirements*/pyproject/Pipfile/setup.py, package.json, go.mod,
pom.xml, build.gradle(.kts), Gemfile). An entrypoint belongs to the nearest directory above it
that holds a manifest of its stack:

- any stack: Dockerfile, Procfile, app.json, fly.toml, render.yaml in that directory;
- Python: manage.py, wsgi.py, asgi.py, gunicorn.conf.py (strong), app.py, main.py, server.py, run.py,
  application.py, __main__.py (weak), in the directory, in a package below it, or in src/<package>/;
- Node: server.* (strong), app.*, main.*, index.* (weak) in the directory or its src/; bin/www,
  next.config.*, nuxt.config.*, nest-cli.json (strong);
- Go: main.go in the module directory, cmd/<name>/main.go below it;
- Java/Kotlin: src/main/{java,kotlin}/**/*Application.{java,kt} (Spring Boot main class; strong),
  Main/App classes (weak);
- Ruby: config.ru, bin/rails.

A directory whose only entrypoints are weak names is not an app when it sits in a workspace
library folder (packages/, libs/, ...) or inside another app root (a front-end built into the
app, a helper script folder): those are parts of a codebase, not deployables. Tests, examples,
docs and vendored trees are never considered (criteria §0.3.2).

A repository always yields at least one app: when no directory qualifies, the target root is
the app (its factors will then mostly be inconclusive rather than invented).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from twelve.model import Scope
from twelve.repository.walk import FileEntry

#: file kinds (or exact names) that declare dependencies, by stack
_MANIFESTS: dict[str, str] = {
    "requirements": "python",
    "pyproject": "python",
    "pipfile": "python",
    "setup.py": "python",
    "package.json": "node",
    "go.mod": "go",
    "pom.xml": "java",
    "build.gradle": "java",
    "build.gradle.kts": "java",
    "Gemfile": "ruby",
}
_ANY_STACK = frozenset({"app.json", "fly.toml", "render.yaml"})
_ANY_STACK_KINDS = frozenset({"dockerfile", "procfile"})
_PY_STRONG = frozenset({"manage.py", "wsgi.py", "asgi.py", "gunicorn.conf.py"})
_PY_WEAK = frozenset({"app.py", "main.py", "server.py", "run.py", "application.py", "__main__.py"})
_NODE_MAIN = re.compile(r"^(server|app|main|index)\.(js|mjs|cjs|ts|mts|cts)$")
_NODE_CONFIG = re.compile(r"^(next\.config\.(js|mjs|cjs|ts)|nuxt\.config\.(js|mjs|ts)|nest-cli\.json)$")
_JVM_MAIN = re.compile(r"^(?P<prefix>(?:.+/)?)src/main/(java|kotlin)/(?:.+/)?(?P<name>\w+)\.(java|kt)$")
#: what a file's name must look like to anchor an app (see _candidates): most files cannot, and
#: are told so by a set lookup and two C-speed string tests (this runs on every file of every run)
_ANCHOR_NAMES = _ANY_STACK | _PY_STRONG | _PY_WEAK | {"www", "rails", "main.go", "config.ru", "nest-cli.json"}
_ANCHOR_PREFIXES = ("server.", "app.", "main.", "index.", "next.config.", "nuxt.config.")
#: a JVM main class is named *Application, Main or App
_JVM_MAIN_SUFFIXES = ("Application.java", "Application.kt", "Main.java", "Main.kt", "App.java", "App.kt")
#: folders that hold a workspace's shared libraries rather than its deployables
_LIBRARY_FOLDERS = frozenset({"packages", "libs", "lib", "shared", "common", "modules", "libraries"})


@dataclass(frozen=True, slots=True)
class AppRoot:
    path: str  # "." for the target root
    stacks: tuple[str, ...]
    manifests: tuple[str, ...]
    entrypoints: tuple[str, ...]

    @property
    def name(self) -> str:
        return posixpath.basename(self.path) if self.path != "." else "."

    def contains(self, relpath: str) -> bool:
        return self.path == "." or relpath == self.path or relpath.startswith(self.path + "/")


@dataclass(slots=True)
class _Slot:
    manifests: list[str]
    stacks: list[str]
    entrypoints: list[str]
    strong: bool = False


def _parent(directory: str) -> str:
    if directory == ".":
        return "."
    return posixpath.dirname(directory) or "."


def _manifest_dir(path: str) -> str:
    directory = posixpath.dirname(path) or "."
    if directory.endswith("/requirements") or directory == "requirements":
        directory = _parent(directory)
    return directory


def _candidates(entry: FileEntry) -> list[tuple[str, str, bool]]:
    """Where *entry* could anchor an app: (directory, stack or "*", strong), nearest first. (The
    directories are worked out only for the few names that can anchor one: this runs on every
    file of every run, the replayed ones too.)"""
    path, name = entry.path, posixpath.basename(entry.path)
    if entry.kind in _ANY_STACK_KINDS or name in _ANY_STACK:
        return [(posixpath.dirname(path) or ".", "*", True)]
    if name in _PY_STRONG or name in _PY_WEAK:
        here = posixpath.dirname(path) or "."
        up = _parent(here)
        strong = name in _PY_STRONG
        found = [(here, "python", strong), (up, "python", strong)]
        if posixpath.basename(up) == "src":
            found.append((_parent(up), "python", strong))
        return found
    if _NODE_MAIN.match(name):
        here = posixpath.dirname(path) or "."
        strong = name.startswith("server.")
        return [(here, "node", strong)] + (
            [(_parent(here), "node", strong)] if posixpath.basename(here) == "src" else []
        )
    if _NODE_CONFIG.match(name):
        return [(posixpath.dirname(path) or ".", "node", True)]
    if name in ("www", "rails", "main.go", "config.ru"):
        here = posixpath.dirname(path) or "."
        up = _parent(here)
        if name == "www" and posixpath.basename(here) == "bin":
            return [(up, "node", True)]
        if name == "main.go":
            found = [(here, "go", True)]
            if posixpath.basename(up) == "cmd":
                found.append((_parent(up), "go", True))
            return found
        if name == "config.ru":
            return [(here, "ruby", True)]
        if name == "rails" and posixpath.basename(here) == "bin":
            return [(up, "ruby", True)]
        return []
    match = _JVM_MAIN.match(path) if name.endswith((".java", ".kt")) else None
    if match:
        main = match.group("name")
        if main.endswith("Application") or main in ("Main", "App"):
            return [(match.group("prefix").rstrip("/") or ".", "java", main.endswith("Application"))]
    return []


def _is_within(inner: str, outer: str) -> bool:
    return inner != outer and (outer == "." or inner.startswith(outer + "/"))


def _may_anchor(name: str, kind: str) -> bool:
    """Whether a file of this name and kind may anchor an app: False only where _candidates
    finds nothing."""
    return (
        kind in _ANY_STACK_KINDS
        or name in _ANCHOR_NAMES
        or name.startswith(_ANCHOR_PREFIXES)
        or name.endswith(_JVM_MAIN_SUFFIXES)
    )


def find_app_roots(files: list[FileEntry]) -> list[AppRoot]:
    slots: dict[str, _Slot] = {}
    #: production files whose names may anchor an app, in the walk's order
    anchors: list[FileEntry] = []
    production, dev = Scope.PRODUCTION, Scope.DEV
    for entry in files:
        scope = entry.scope
        if scope is not production and scope is not dev:
            continue
        path = entry.path
        name = path[path.rfind("/") + 1 :]  # posixpath.basename
        stack = _MANIFESTS.get(name) or _MANIFESTS.get(entry.kind)
        if stack:
            slot = slots.setdefault(_manifest_dir(path), _Slot([], [], []))
            slot.manifests.append(path)
            if stack not in slot.stacks:
                slot.stacks.append(stack)
        if scope is production and _may_anchor(name, entry.kind):
            anchors.append(entry)
    all_entrypoints: list[str] = []
    for entry in anchors:
        candidates = _candidates(entry)
        if candidates:
            all_entrypoints.append(entry.path)
        for directory, stack, strong in candidates:
            found = slots.get(directory)
            if found is not None and (stack == "*" or stack in found.stacks):
                found.entrypoints.append(entry.path)
                found.strong = found.strong or strong
                break
    kept: list[tuple[str, _Slot]] = []
    for directory in sorted(
        (d for d, s in slots.items() if s.manifests and s.entrypoints), key=lambda d: (d.count("/"), d)
    ):
        slot = slots[directory]
        if not slot.strong:
            library = directory != "." and posixpath.basename(_parent(directory)) in _LIBRARY_FOLDERS
            nested = any(_is_within(directory, other) for other, _ in kept)
            if library or nested:
                continue
        kept.append((directory, slot))
    roots = [
        AppRoot(d, tuple(sorted(s.stacks)), tuple(sorted(s.manifests)), tuple(sorted(s.entrypoints))) for d, s in kept
    ]
    # A manifest at the root with entrypoints only in subdirectories (src layout, package dir)
    # is still one app at the root.
    root_slot = slots.get(".")
    if not roots and root_slot and root_slot.manifests:
        roots.append(
            AppRoot(
                ".", tuple(sorted(root_slot.stacks)), tuple(sorted(root_slot.manifests)), tuple(sorted(all_entrypoints))
            )
        )
    if not roots:
        stacks = sorted({s for slot in slots.values() for s in slot.stacks})
        roots.append(AppRoot(".", tuple(stacks), (), ()))
    roots.sort(key=lambda r: (r.path != ".", r.path))
    return roots
