"""The running app fetches new code into its own checkout (F05-AP01)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import self_updates
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F05-AP01", factor=5, polarity=AGAINST, strength=STRONG, ecosystems=("any",))
def code_changed_at_run_time(facts: AppFacts) -> Iterator[Hit]:
    """The app changes its own code at run time: its process runs `git pull` (or fetch, checkout,
    reset) on the checkout it runs from.

    Why it matters: V. Build, release, run — the methodology calls changing code at run time
    impossible in a twelve-factor app: such a change never flows back into a build, has no release
    and cannot be rolled back.
    Fires on: a bot or server command that runs `git pull` through a shell or a helper
    (`await self.run_process('git pull')` in a module that starts subprocesses), `exec.Command("git",
    "pull")`, `subprocess.run(["git", "fetch"])`, GitPython's `repo.remotes.origin.pull()`.
    Near miss: a deploy script (`scripts/deploy.sh`, `fabfile.py`) or a CI step that pulls on the
    server (F05-S07); the words `git pull` in a message that nothing runs.
    Fix: remove the update command; ship every change as a new build and release (an image built by
    a pipeline), and restart the process on the new release.
    """
    for found in self_updates(facts):
        evidence = [found.fact] + ([found.spawn] if found.spawn is not None else [])
        yield hit(*evidence, command=found.fact.data.command, file=found.fact.path)
