"""Secrets in any text file (the factor-III litmus test applies to every tracked file)."""

from __future__ import annotations

import posixpath

from twelve.facts.base import Fact, Source
from twelve.facts.secrets import CODE_KINDS, PREFILTER, scan_line

_SKIP_NAMES = frozenset({"poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock", "package-lock.json", "yarn.lock",
                         "pnpm-lock.yaml", "go.sum", "Gemfile.lock", "composer.lock", "Cargo.lock"})
MAX_HITS_PER_FILE = 50


def extract(source: Source) -> list[Fact]:
    if posixpath.basename(source.path) in _SKIP_NAMES or not PREFILTER.search(source.text):
        return []
    facts: list[Fact] = []
    code = source.kind in CODE_KINDS
    for number, line in enumerate(source.lines, start=1):
        if len(line) > 4000 or not PREFILTER.search(line):
            continue
        for hit in scan_line(line, code):
            facts.append(source.fact("secret", number, kind=hit.kind, name=hit.name, grade=hit.grade, redacted=hit.redacted,
                                     file_kind=source.kind))
            if len(facts) >= MAX_HITS_PER_FILE:
                return facts
    return facts
