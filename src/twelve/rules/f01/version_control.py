"""I. Codebase: the code is tracked in version control, with at least one commit."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.knowledge.codebase import VCS_NAMES
from twelve.model import Location
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, Hit, hit, rule


@rule("F01-S01", factor=1, polarity=FOR, strength=STRONG, replaces=("F01-S1",))
def tracked_in_vcs(facts: AppFacts) -> Iterator[Hit]:
    """The code is tracked in a version-control system (Git with commits, Mercurial, Subversion).

    Why it matters: I. Codebase — an app is always kept in a revision-control repository, and
    every deploy is a running copy of some revision of that one codebase.
    Fires on: a `.git` directory whose HEAD names a commit; a `.hg` or `.svn` directory at or
    above the target.
    Near miss: an exported tree or an archive with no version-control metadata (F01-NE); a `.git`
    directory without any commit (F01-AP01).
    Fix: nothing to fix; keep every deployed change committed.
    """
    git = facts.git
    if git.vcs == "git" and git.head:
        commits = f"{git.commits}+" if git.commits_capped else str(git.commits)
        yield hit(Location(".git"), vcs=VCS_NAMES["git"], commits=commits, head=git.head[:12])
    elif git.vcs in ("hg", "svn"):
        yield hit(Location("."), vcs=VCS_NAMES[git.vcs], commits="?", head="?")


@rule("F01-AP01", factor=1, polarity=AGAINST, strength=MODERATE, replaces=("F01-AP1",))
def repository_without_commits(facts: AppFacts) -> Iterator[Hit]:
    """A Git repository that holds no commit: nothing is tracked yet.

    Why it matters: I. Codebase — a deploy runs a revision of the codebase; code that was never
    committed has no revision to deploy or to trace back to.
    Fires on: a `.git` directory (after `git init`) whose HEAD points at no commit.
    Near miss: a repository with one commit or more (F01-S01); no `.git` at all (F01-NE).
    Fix: commit the application (`git add -A && git commit`) so that each deploy can name the
    revision it runs.
    """
    git = facts.git
    if git.vcs == "git" and not git.head:
        yield hit(Location(".git"))
