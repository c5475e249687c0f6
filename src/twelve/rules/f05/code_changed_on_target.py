"""The deploy fetches and builds the code on the machine that runs it (F05-S07)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import manual_deploys_in_use, remote_source_syncs
from twelve.facts import AppFacts
from twelve.model import Scope
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F05-S07", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F05-S7",))
def code_changed_on_target(facts: AppFacts) -> Iterator[Hit]:
    """The deploy changes the code on the server: it clones or pulls the source there and builds it.

    Moderate: the documented production path builds from a checkout on the host, so nothing is
    released, but the code still changes only when someone deploys; the app changing its own code
    while it runs is F05-AP01. A pipeline step that does it is variant `pipeline`.

    Why it matters: V. Build, release, run — the stages are strictly separate and code is never
    changed at run time; a server that fetches and builds its own code has no release at all.
    Fires on: a deploy guide (README, docs/) whose production section runs `git clone` or `git
    pull` on the server, then installs dependencies or starts the app there; a CI step that runs
    `ssh host "git pull && ..."` (or an SSH action that does), or copies the working tree with
    `rsync`/`scp` to `user@host:`; the guide's section may be named in any common language (`部署到
    服务器`, `Implantação`, `Déploiement`) or open a session on the host (`ssh user@host`).
    Near miss: a guide for local development; `scp dist/app.tar.gz deploy@host:` (a built archive);
    the same guide in the README of an example (`examples/demo/README.md`) or a test fixture, which
    deploys that example, not the app.
    Fix: build an artifact once (an image), tag it, and have the server pull and run that release,
    never the source.
    """
    for deploy in manual_deploys_in_use(facts):
        evidence = [f for f in (deploy.remote, deploy.fetch, deploy.install, deploy.start) if f is not None]
        yield hit(
            *evidence,
            scope=Scope.PRODUCTION,
            doc=deploy.doc,
            section=deploy.section,
            fetch=" ".join((deploy.fetch.data.argv or [])[:2]),
        )
    for found in remote_source_syncs(facts):
        yield hit(found.fact, variant="pipeline", doc=found.fact.path, section=found.fact.data.job, fetch=found.command)
