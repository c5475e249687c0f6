"""I. Codebase: one codebase tracked in revision control, many deploys."""

from __future__ import annotations

import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.model import Effect, Location
from twelve.rules.registry import AGAINST, FOR, MODERATE, NEUTRAL, STRONG, WEAK, Hit, hit, rule


@rule("F01-S1", factor=1, polarity=FOR, strength=STRONG)
def tracked_in_vcs(facts: AppFacts) -> Iterator[Hit]:
    git = facts.git
    if git.vcs == "git" and git.head:
        commits = f"{git.commits}+" if git.commits_capped else str(git.commits)
        yield hit(Location(".git"), vcs="Git", commits=commits, head=git.head[:12])
    elif git.vcs in ("hg", "svn"):
        yield hit(Location("."), vcs={"hg": "Mercurial", "svn": "Subversion"}[git.vcs], commits="?", head="?")


@rule("F01-AP1", factor=1, polarity=AGAINST, strength=MODERATE)
def repository_without_commits(facts: AppFacts) -> Iterator[Hit]:
    git = facts.git
    if git.vcs == "git" and not git.head:
        yield hit(Location(".git"))


@rule("F01-NE", factor=1, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def no_vcs_metadata(facts: AppFacts) -> Iterator[Hit]:
    if not facts.git.vcs:
        yield hit(Location("."))


@rule("F01-S2", factor=1, polarity=FOR, strength=MODERATE)
def one_app(facts: AppFacts) -> Iterator[Hit]:
    apps = facts.apps
    if facts.git.vcs and len(apps) == 1 and apps[0].manifests:  # without version control: F01-NE
        app = apps[0]
        yield hit(Location(app.manifests[0]), app=app.path, manifest=app.manifests[0])


@rule("F01-S5", factor=1, polarity=AGAINST, strength=MODERATE)
def several_apps(facts: AppFacts) -> Iterator[Hit]:
    apps = [a for a in facts.apps if a.manifests]
    if len(apps) > 1:
        yield hit(*(Location(a.manifests[0]) for a in apps), count=len(apps), apps=[a.path for a in apps])


_SUBMODULE_OK = re.compile(r"(?i)(^|/)(docs?|documentation|themes?|proto(s|buf)?|schemas?|vendor|third[_-]?party|"
                           r"assets|fonts|icons|site|website|\.github)(/|$)")


@rule("F01-S7", factor=1, polarity=AGAINST, strength=MODERATE)
def app_source_in_submodule(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.all.items:
        if fact.kind == "vcs.submodule" and not _SUBMODULE_OK.search(fact.get("path", "")):
            yield hit(fact, path=fact.get("path"), url=fact.get("url"))
