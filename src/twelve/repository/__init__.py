"""Stage 1: what files exist in the target, where they sit, and what version control says."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field

from twelve.model import Skipped
from twelve.repository.apps import AppRoot, find_app_roots
from twelve.repository.git import GitInfo, read_git
from twelve.repository.walk import DEFAULT_MAX_FILE_BYTES, FileEntry, IgnoreRules, Tracked, WalkMemo, walk


@dataclass(frozen=True, slots=True)
class Repository:
    root: str  # absolute path of the target directory
    files: tuple[FileEntry, ...]
    skipped: tuple[Skipped, ...]
    seen: int
    vendored_dirs: tuple[str, ...]
    git: GitInfo
    apps: tuple[AppRoot, ...]
    ignore: IgnoreRules
    #: files read although ignored, because git tracks them (committed files are the repository)
    tracked_ignored: tuple[str, ...] = ()
    #: read as a library or framework (issue 12): its one app root is the package, not a deployable app
    library: bool = False
    #: the app roots by path, and the owner of each directory asked about so far (see owner())
    _roots: dict[str, AppRoot] = field(default_factory=dict, compare=False, repr=False)
    _owners: dict[str, AppRoot | None] = field(default_factory=dict, compare=False, repr=False)

    def owner(self, relpath: str) -> AppRoot | None:
        """The deepest app root containing *relpath* (None when no app root does), found by
        walking up its directories; each directory is answered once per repository."""
        if not self._roots and self.apps:
            self._roots.update((root.path, root) for root in self.apps)
        found = self._roots.get(relpath)
        return found if found is not None else self._directory_owner(posixpath.dirname(relpath) or ".")

    def _directory_owner(self, directory: str) -> AppRoot | None:
        known = self._owners.get(directory, self)
        if known is not self:
            return known  # type: ignore[return-value]
        found = self._roots.get(directory)
        if found is None and directory != ".":
            found = self._directory_owner(posixpath.dirname(directory) or ".")
        self._owners[directory] = found
        return found

    def abspath(self, relpath: str) -> str:
        return os.path.join(self.root, *relpath.split("/"))


def open_repository(
    path: str,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    exclude: list[str] | None = None,
    cache_dir: str | None = None,
) -> Repository:
    """Read the layout of the directory at *path* (which the caller has checked exists); with a
    *cache_dir*, directories unchanged since the last walk are not listed again."""
    root = os.path.abspath(path)
    git = read_git(root, cache_dir)  # first: files git tracks are read even when ignored
    tracked = Tracked(git.tracked)
    memo = WalkMemo(cache_dir, root, exclude, tracked.digest() if tracked else "") if cache_dir else None
    walked = walk(root, max_file_bytes=max_file_bytes, exclude=exclude, memo=memo, tracked=tracked)
    if memo is not None:
        memo.save()
    apps = find_app_roots(walked.files)
    return Repository(
        root=root,
        files=tuple(walked.files),
        skipped=tuple(walked.skipped),
        seen=walked.seen,
        vendored_dirs=tuple(walked.vendored_dirs),
        git=git,
        apps=tuple(apps),
        ignore=walked.ignore or IgnoreRules(root, exclude),
        tracked_ignored=tuple(walked.tracked_ignored),
    )


__all__ = ["AppRoot", "FileEntry", "GitInfo", "Repository", "open_repository"]
