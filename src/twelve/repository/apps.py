"""Deployable app roots (criteria §0.3.1): a directory with a dependency manifest plus an
entrypoint, decided from file names only.

A repository always yields at least one app: when no directory qualifies, the target root is
the app (its factors will then mostly be inconclusive rather than invented).
"""

from __future__ import annotations

import posixpath
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
#: names that mark something runnable in the directory
_ENTRYPOINT_NAMES = frozenset(
    {"Procfile", "manage.py", "wsgi.py", "asgi.py", "app.py", "main.py", "server.py", "run.py",
     "__main__.py", "application.py", "gunicorn.conf.py", "app.json", "fly.toml", "render.yaml",
     "main.go", "config.ru", "Rakefile", "server.js", "index.js", "main.ts", "app.js"}
)
_ENTRYPOINT_KINDS = frozenset({"dockerfile", "procfile"})


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


def _manifest_stack(entry: FileEntry) -> str | None:
    name = posixpath.basename(entry.path)
    return _MANIFESTS.get(name) or _MANIFESTS.get(entry.kind)


def find_app_roots(files: list[FileEntry]) -> list[AppRoot]:
    by_dir: dict[str, dict[str, list[str]]] = {}
    for entry in files:
        if entry.scope not in (Scope.PRODUCTION, Scope.DEV):
            continue
        directory = posixpath.dirname(entry.path) or "."
        if directory.endswith("/requirements") or directory == "requirements":
            directory = posixpath.dirname(directory) or "."
        slot = by_dir.setdefault(directory, {"manifests": [], "entrypoints": [], "stacks": []})
        stack = _manifest_stack(entry)
        if stack:
            slot["manifests"].append(entry.path)
            if stack not in slot["stacks"]:
                slot["stacks"].append(stack)
        name = posixpath.basename(entry.path)
        if entry.scope is Scope.PRODUCTION and (entry.kind in _ENTRYPOINT_KINDS or name in _ENTRYPOINT_NAMES):
            slot["entrypoints"].append(entry.path)
    roots = [
        AppRoot(d, tuple(sorted(s["stacks"])), tuple(sorted(s["manifests"])), tuple(sorted(s["entrypoints"])))
        for d, s in by_dir.items()
        if s["manifests"] and s["entrypoints"]
    ]
    # A manifest at the root with entrypoints only in subdirectories (src layout, package dir)
    # is still one app at the root.
    if not any(r.path == "." for r in roots):
        root_slot = by_dir.get(".")
        if root_slot and root_slot["manifests"] and not roots:
            entry_paths = tuple(sorted(p for s in by_dir.values() for p in s["entrypoints"]))
            roots.append(AppRoot(".", tuple(sorted(root_slot["stacks"])), tuple(sorted(root_slot["manifests"])), entry_paths))
    if not roots:
        stacks = sorted({s for slot in by_dir.values() for s in slot["stacks"]})
        roots.append(AppRoot(".", tuple(stacks), (), ()))
    roots.sort(key=lambda r: (r.path != ".", r.path))
    return roots


def owner(roots: list[AppRoot], relpath: str) -> AppRoot | None:
    """The deepest app root containing *relpath* (the root app, "." contains everything)."""
    containing = [r for r in roots if r.contains(relpath)]
    return max(containing, key=lambda r: 0 if r.path == "." else len(r.path), default=None)
