"""How the app is deployed: the deploy manifests that concern it (a shared manifest belongs to
the app it names), its Kubernetes workloads and containers, and deploys documented by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass

from twelve.appmodel.services import image_engine
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.knowledge import programs
from twelve.model import Scope

#: Kubernetes workload kinds that run a long-lived process, and those whose pods are interchangeable
LONG_RUNNING_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig",
                                "KnativeService"})
STATELESS_KINDS = frozenset({"Deployment", "ReplicaSet", "Rollout", "DeploymentConfig", "KnativeService"})
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")


def _words(*texts: str | None) -> set[str]:
    return {w for text in texts if text for w in _NAME_SPLIT.split(text.lower()) if w}


def _fact_words(fact: Fact) -> set[str]:
    texts: list[str | None] = [fact.get("name"), fact.get("target")]
    for container in fact.get("containers") or []:
        image = container.get("image") or {}
        texts.append(str(image.get("image") or "").rsplit("/", 1)[-1])
    return _words(*texts)


def concerns_app(facts: AppFacts, fact: Fact) -> bool:
    """Whether a fact of a deploy manifest concerns this app: a manifest inside an app root
    belongs to that app; a shared one (outside every app root) to the app its names mention, or
    to every app when it mentions none."""
    apps = facts.apps
    if len(apps) < 2 or facts.all.repo.owner(fact.path) is not None:
        return True
    names = {a.name.lower() for a in apps if a.path != "."}
    mentioned = names & _fact_words(fact)
    return not mentioned or facts.app.name.lower() in mentioned


def deployed(facts: AppFacts, *kinds: str) -> list[Fact]:
    """The production facts of *kinds* (deploy manifests: workloads, services, Helm values...)
    that concern this app; computed once per app and kind."""
    key = "deployed:" + ",".join(kinds)
    return list(facts.derive(key, lambda: [f for f in facts.of(*kinds)
                                           if f.scope is Scope.PRODUCTION and concerns_app(facts, f)]))


def app_containers(workload: Fact) -> list[dict]:
    """The containers that run the app itself: not init containers, not backing-service images."""
    return [c for c in workload.get("containers") or []
            if not c.get("init") and c.get("image") and image_engine(c.get("image")) is None]


def deployed_workloads(facts: AppFacts, kinds: frozenset[str] | None = None) -> list[Fact]:
    """This app's Kubernetes workloads (of *kinds*, default any) that run an app container."""
    key = "deployed_workloads:" + ",".join(sorted(kinds or ()))
    return list(facts.derive(key, lambda: [w for w in deployed(facts, "k8s.workload")
                                           if (kinds is None or w.get("kind") in kinds) and app_containers(w)]))


_PRODUCTION_SECTION = re.compile(r"(?i)produ[cç]|deploy|implanta|publica|release|servidor|server|ec2|vps|\bvm\b|"
                                 r"droplet|hosting|hospedagem|go[- ]live|rollout")
_FETCH_CODE = frozenset({"git"})
_INSTALL = frozenset({"pip", "pip3", "poetry", "pipenv", "npm", "yarn", "pnpm", "bundle", "composer", "go", "mvn", "gradle", "uv"})


@dataclass(frozen=True, slots=True)
class ManualDeploy:
    """A documented deploy that fetches source and builds it on the machine that runs it."""

    doc: str
    section: str
    fetch: Fact  # git clone / git pull
    install: Fact | None  # pip install -r ..., npm install, ...
    start: Fact | None  # the server start command


def manual_deploys(facts: AppFacts) -> list[ManualDeploy]:
    """Deploy guides (README, docs) whose production section clones/pulls the code on the host,
    installs dependencies there and starts the server by hand: build and run on one machine,
    with no release in between (F05-AP1/S7, F10-S10)."""
    found: list[ManualDeploy] = []
    by_section: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts.of("doc.command"):
        section = fact.get("section", "")
        if _PRODUCTION_SECTION.search(section):
            by_section.setdefault((fact.path, section), []).append(fact)
    for (path, section), commands in sorted(by_section.items()):
        fetch = next((c for c in commands if c.get("program") in _FETCH_CODE and len(c.get("argv", [])) > 1
                      and c.get("argv")[1] in ("clone", "pull", "checkout", "fetch")), None)
        if fetch is None:
            continue
        install = next((c for c in commands if c.get("program") in _INSTALL and "install" in c.get("argv", [])
                        or c.get("program") in ("uv", "poetry") and "sync" in c.get("argv", [])), None)
        start = next((c for c in commands if c.get("program") in programs.names(programs.WEB_SERVER, ecosystem="python") | {"node", "npm", "flask", "rails", "java", "systemctl", "supervisorctl", "pm2"}
                      or c.get("program") in ("python", "python3") and any(str(a).endswith(".py") for a in c.get("argv", []))), None)
        if install is None and start is None:
            continue
        found.append(ManualDeploy(path, section, fetch, install, start))
    return found
