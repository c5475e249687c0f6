"""What the repository holds (factor I): its deployable apps, which of them is a front end that
ships with a backend as one product, and which can be deployed on its own.

An app root (repository/apps.py) is a directory with a manifest and an entrypoint. The rubric
counts a frontend and the backend it ships with as one app, and several separately deployable
apps (or copies of one) in a repository as a violation of "one codebase, one app"."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from twelve.facts import AppFacts
from twelve.knowledge.codebase import COPY_NAME, FRONTEND_DEPS, SEPARATE_DEPLOY_ENTRYPOINT
from twelve.repository.apps import AppRoot


@dataclass(frozen=True, slots=True)
class Deployable:
    """An app root of the repository, as factor I sees it."""

    root: AppRoot
    frontend: str | None  # the front-end framework it is built on, when it is a product's user interface
    separate: bool  # it carries its own deploy descriptor or a server's start file
    copy: bool  # its directory is named like a version or a copy of an app (`v2/`, `app-old/`)


def deployables(facts: AppFacts) -> list[Deployable]:
    """Every app root of the repository that has a manifest (not only the app being assessed)."""
    return list(facts.derive("codebase.deployables", lambda: _deployables(facts)))


def _deployables(facts: AppFacts) -> list[Deployable]:
    roots = [root for root in facts.apps if root.manifests]
    frameworks: dict[str, str] = {}
    package_jsons = {m for root in roots for m in root.manifests if posixpath.basename(m) == "package.json"}
    if package_jsons:
        for fact in facts.all.items:
            if fact.kind != "dep.declared" or fact.data.ecosystem != "node" or fact.data.manifest not in package_jsons:
                continue
            name = str(fact.data.name or "")
            if name in FRONTEND_DEPS and fact.data.group != "peer":
                frameworks.setdefault(str(fact.data.manifest), name)
    out = []
    for root in roots:
        framework = next((frameworks[m] for m in root.manifests if m in frameworks), None)
        separate = any(SEPARATE_DEPLOY_ENTRYPOINT.search(path) for path in root.entrypoints)
        copy = root.path != "." and bool(COPY_NAME.match(posixpath.basename(root.path)))
        out.append(Deployable(root, framework, separate, copy))
    return out


def backends(facts: AppFacts) -> list[Deployable]:
    """The deployables that are not a front end shipping with one of them: what factor I counts
    as apps. When every deployable is a front end, they all count."""
    found = deployables(facts)
    servers = [d for d in found if d.frontend is None]
    return servers if servers else found


__all__ = ["Deployable", "backends", "deployables"]
