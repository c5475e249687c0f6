"""What the repository holds (factor I): its deployable apps, which of them is a front end that
ships with a backend as one product, and which can be deployed on its own.

An app root (repository/apps.py) is a directory with a manifest and an entrypoint. The rubric
counts a frontend and the backend it ships with as one app, and several separately deployable
apps (or copies of one) in a repository as a violation of "one codebase, one app"."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from twelve.facts import AppFacts
from twelve.knowledge.codebase import COPY_DIR, COPY_NAME, FRONTEND_DEPS, SEPARATE_DEPLOY_ENTRYPOINT, TOOL_FOLDERS
from twelve.knowledge.web import WEB_DEPS
from twelve.model import Scope
from twelve.repository.apps import AppRoot

#: Node server frameworks that are no front end (Express, Fastify, NestJS...; Next.js and Nuxt are both)
_NODE_SERVERS = WEB_DEPS["node"] - FRONTEND_DEPS


@dataclass(frozen=True, slots=True)
class Deployable:
    """An app root of the repository, as factor I sees it."""

    root: AppRoot
    frontend: str | None  # the front-end framework it is built on, when it is a product's user interface
    separate: bool  # it carries its own deploy descriptor or a server's start file
    copy: bool  # its directory is named like a version or a copy of an app (`v2/`, `app-old/`)


def deployables(facts: AppFacts) -> list[Deployable]:
    """Every app root of the repository that has a manifest (not only the app being assessed)."""
    return list(facts.derive_repository("codebase.deployables", lambda: _deployables(facts)))


def _deployables(facts: AppFacts) -> list[Deployable]:
    roots = [root for root in facts.apps if root.manifests]
    frameworks: dict[str, str] = {}
    servers: set[str] = set()
    package_jsons = {m for root in roots for m in root.manifests if posixpath.basename(m) == "package.json"}
    if package_jsons:
        for fact in facts.all.every("dep.declared"):
            if fact.data.ecosystem != "node" or fact.data.manifest not in package_jsons:
                continue
            name, manifest = str(fact.data.name or ""), str(fact.data.manifest)
            if name in _NODE_SERVERS and fact.data.group in ("main", None):
                servers.add(manifest)  # an Express app that also renders React is the product's server
            elif name in FRONTEND_DEPS and fact.data.group != "peer":
                frameworks.setdefault(manifest, name)
        for manifest in servers:
            frameworks.pop(manifest, None)
    # an Android app is a mobile client of the product (`src/main/AndroidManifest.xml` in its module)
    manifests = [e.path for e in facts.all.repo.files if posixpath.basename(e.path) == "AndroidManifest.xml"]
    android = {root.path for root in roots for path in manifests if root.contains(path)}
    out = []
    for root in roots:
        framework = next((frameworks[m] for m in root.manifests if m in frameworks), None)
        if framework is None and root.path in android:
            framework = "android"
        separate = any(SEPARATE_DEPLOY_ENTRYPOINT.search(path) for path in root.entrypoints)
        copy = root.path != "." and bool(COPY_NAME.match(posixpath.basename(root.path)))
        out.append(Deployable(root, framework, separate, copy))
    return out


def backends(facts: AppFacts) -> list[Deployable]:
    """The deployables that are not a front end shipping with one of them, nor a tool of the
    codebase (a folder of scripts or infrastructure code that cannot be deployed on its own): what
    factor I counts as apps. When every deployable is a front end, they all count."""
    found = deployables(facts)
    servers = [d for d in found if d.frontend is None]
    if len(servers) > 1:
        # a tool of the codebase (`scripts/main.py` with its requirements.txt) is no app of its own
        apps = [d for d in servers if d.separate or not _tool_folder(d.root.path)]
        servers = apps or servers
    return servers if servers else found


def _tool_folder(path: str) -> bool:
    return path != "." and any(part.lower() in TOOL_FOLDERS for part in path.split("/"))


#: file kinds of the manifests that make a directory a codebase of its own
_MANIFEST_KINDS = frozenset(
    {"requirements", "pyproject", "pipfile", "package_json", "go_mod", "maven_pom", "gradle_build", "gemfile"}
)


def app_copies(facts: AppFacts) -> list[tuple[str, str]]:
    """Copies or versions of an app kept as directories inside the repository: a directory named
    like one (`backup/`, `old/`, `v1/`, `app-old/`, `legacy/`) that holds a manifest of its own but
    is no app root of its own (those count among the deployables). (directory, manifest) pairs."""
    return list(facts.derive_repository("codebase.app_copies", lambda: _app_copies(facts)))


def _app_copies(facts: AppFacts) -> list[tuple[str, str]]:
    # the whole repository's files and app roots: the same answer for every app
    roots = {root.path for root in facts.apps}
    found: dict[str, str] = {}
    for entry in facts.all.repo.files:
        if entry.kind not in _MANIFEST_KINDS or entry.scope is not Scope.PRODUCTION:
            continue
        directory = posixpath.dirname(entry.path)
        # the copy is the first folder on the way down named like one (`backup/app/requirements.txt`)
        parts = directory.split("/") if directory else []
        for depth, part in enumerate(parts):
            if COPY_DIR.match(part):
                copy = "/".join(parts[: depth + 1])
                if copy not in roots and directory not in roots:
                    found.setdefault(copy, entry.path)
                break
    return sorted(found.items())


__all__ = ["Deployable", "app_copies", "backends", "deployables"]
