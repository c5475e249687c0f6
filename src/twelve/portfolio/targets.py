"""The repositories a scan is given: list files (one path or URL per line) and folders of
checkouts (each sub-folder is a repository).

A list file's lines are stripped; blank lines and lines starting with ``#`` are left out;
relative paths are relative to the list file's folder (to the current folder for ``-``, the
standard input). A line that looks like a URL (``scheme://…`` or ``user@host:path``) is a remote
repository, everything else a local path. A repository named twice is scanned once. Each target
is known by its *location*: the absolute path, or the URL with any credentials masked (what the
database keeps; the URL itself only travels to the process that clones it).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SCP = re.compile(r"^[A-Za-z0-9._~%!$&'()*+,;=-]{1,256}@[^/:\s]+:[^\s]+$")
MAX_LIST_BYTES = 64 << 20


class TargetsError(Exception):
    """A list or folder that cannot be read: *key* names the sentence (``scan.<key>``)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key}: {params}")
        self.key = key
        self.params = {k: str(v) for k, v in params.items()}


@dataclass(frozen=True, slots=True)
class Target:
    location: str  # the identity kept in the database: absolute path, or URL with credentials masked
    source: str  # what is opened or cloned (a URL may carry credentials here)
    name: str
    kind: str  # "path" or "url"


def is_url(text: str) -> bool:
    return bool(_SCHEME.match(text)) or (bool(_SCP.match(text)) and not os.path.exists(text))


def _name(text: str) -> str:
    tail = text.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return tail.removesuffix(".git") or "repository"


def target(line: str, base: str) -> Target:
    """The target one list line names (*base*: the folder relative paths start from)."""
    if is_url(line):
        from twelve.repository.remote import mask_url

        shown = mask_url(line)
        return Target(shown, line, _name(shown.split("?", 1)[0].split("#", 1)[0]), "url")
    location = os.path.abspath(os.path.join(base, os.path.expanduser(line)))
    return Target(location, location, os.path.basename(location) or location, "path")


def parse_lines(lines: Iterable[str], base: str) -> list[Target]:
    out = []
    for raw in lines:
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(target(line, base))
    return out


def _folder(path: str) -> list[Target]:
    """Each visible sub-folder of *path* (symbolic links to folders included), sorted by name."""
    try:
        with os.scandir(path) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith(".") and e.is_dir())
    except OSError as exc:
        raise TargetsError("list_unreadable", path=path, reason=exc.strerror or str(exc)) from None
    return [target(name, os.path.abspath(path)) for name in names]


def read_targets(sources: Sequence[str], stdin: TextIO | None = None) -> list[Target]:
    """The targets of every list file or folder in *sources* ("-" is the standard input), each
    once, in order."""
    found: list[Target] = []
    for source in sources:
        if source == "-":
            found.extend(parse_lines((stdin or sys.stdin).read(MAX_LIST_BYTES).splitlines(), os.getcwd()))
        elif os.path.isdir(source):
            found.extend(_folder(source))
        elif os.path.isfile(source):
            try:
                with open(source, encoding="utf-8", errors="replace") as handle:
                    text = handle.read(MAX_LIST_BYTES)
            except OSError as exc:
                raise TargetsError("list_unreadable", path=source, reason=exc.strerror or str(exc)) from None
            found.extend(parse_lines(text.splitlines(), os.path.dirname(os.path.abspath(source))))
        else:
            raise TargetsError("list_missing", path=source)
    unique: dict[str, Target] = {}
    for item in found:
        unique.setdefault(item.location, item)
    return list(unique.values())


__all__ = ["Target", "TargetsError", "is_url", "parse_lines", "read_targets", "target"]
