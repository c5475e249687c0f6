"""Lay out a directory as a fresh Git repository (one commit, no tag), with dulwich.

Used by `make run` and by the tests: the example and the fixtures are assessed as the standalone
repositories they stand for, so that this project's own history never leaks into their verdicts.

    python scripts/materialize.py SOURCE_DIR DEST_DIR [--tag v1.0.0] [--commits N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

AUTHOR = b"twelve examples <examples@twelve.invalid>"
EPOCH = 1_700_000_000  # fixed, so that commit ids (and reports) are reproducible


def materialize(
    source: str,
    dest: str,
    *,
    tags: tuple[str, ...] = (),
    commits: int = 1,
    git: bool = True,
    force: tuple[str, ...] = (),
) -> str:
    """Copy *source* into *dest* and commit it; returns the HEAD commit id ("" without git).
    *force*: paths committed even though a .gitignore matches them (as `git add -f` does)."""
    from dulwich import porcelain
    from dulwich.repo import Repo

    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(source, dest, symlinks=True)
    if not git:
        return ""
    repo = Repo.init(dest)
    with repo:
        paths = []
        for folder, _dirs, files in os.walk(dest):
            if ".git" in folder.split(os.sep):
                continue
            for name in files:
                paths.append(os.path.relpath(os.path.join(folder, name), dest))
        porcelain.add(repo, paths=[os.path.join(dest, p) for p in sorted(paths)])
        if force:  # porcelain.add skips ignored files; staging them directly does not
            stage = getattr(repo, "get_worktree", lambda: repo)().stage
            stage([p.replace(os.sep, "/") for p in force])
        head = b""
        for index in range(commits):
            head = porcelain.commit(
                repo,
                message=b"Initial commit" if index == 0 else f"Change {index}".encode(),
                committer=AUTHOR,
                author=AUTHOR,
                commit_timestamp=EPOCH + index * 3600,
                commit_timezone=0,
                author_timestamp=EPOCH + index * 3600,
                author_timezone=0,
                no_verify=True,
            )
        for tag in tags:
            repo.refs[b"refs/tags/" + tag.encode()] = head
        return head.decode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("dest")
    parser.add_argument("--tag", action="append", default=[])
    parser.add_argument("--commits", type=int, default=1)
    parser.add_argument("--force", action="append", default=[], help="commit this path even if it is ignored")
    args = parser.parse_args(argv)
    materialize(args.source, args.dest, tags=tuple(args.tag), commits=args.commits, force=tuple(args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
