"""II. Dependencies: Node installs follow the lock file (F02-S17) or may rewrite it (F02-S26)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import node_installs, node_locks
from twelve.facts import AppFacts
from twelve.knowledge.packages import frozen_install
from twelve.rules.registry import AGAINST, FOR, MODERATE, WEAK, Hit, hit, rule


@rule("F02-S17", factor=2, polarity=FOR, strength=MODERATE, ecosystems=("node",))
def lock_respecting_install(facts: AppFacts) -> Iterator[Hit]:
    """The image, CI or scripts install Node dependencies exactly as locked.

    Why it matters: II. Dependencies — exactness and isolation meet at install time: an install that
    reproduces the lock and fails when package.json disagrees puts the same tree in every artifact.
    Fires on: `npm ci`, `yarn install --immutable` or `--frozen-lockfile`, `pnpm install
    --frozen-lockfile` in a Dockerfile RUN line, a CI step or a production script (once per file).
    Near miss: `npm install` or a bare `yarn` (F02-S26); `npm install -g pm2` (a tool, not the tree).
    Fix: nothing to fix.
    """
    seen: set[str] = set()
    for install in node_installs(facts):
        if install.how == "frozen" and install.fact.path not in seen:
            seen.add(install.fact.path)
            yield hit(install.fact, command=" ".join(install.command.argv[:4]), file=install.fact.path)


@rule("F02-S26", factor=2, polarity=AGAINST, strength=WEAK, ecosystems=("node",), replaces=("F02-S17b",))
def lock_rewriting_install(facts: AppFacts) -> Iterator[Hit]:
    """The image installs Node dependencies with a command that may resolve them anew.

    Why it matters: II. Dependencies — a lock file only makes builds exact when the install refuses
    to depart from it; `npm install` may update the lock inside the image instead of failing.
    Fires on: `RUN npm install`, `RUN yarn`, `RUN pnpm install` in a Dockerfile while a lock is committed.
    Near miss: `npm ci` (F02-S17); `npm install express` (adding one package); no committed lock
    (F02-S08 says that).
    Fix: install with `npm ci` (or `yarn install --immutable`, `pnpm install --frozen-lockfile`).
    """
    if not node_locks(facts):
        return  # without a lock F02-S08 says it
    for install in node_installs(facts):
        if install.how == "loose" and install.fact.kind == "docker.run":
            yield hit(
                install.fact,
                command=" ".join(install.command.argv[:4]),
                file=install.fact.path,
                frozen=frozen_install(install.command.program),
            )
