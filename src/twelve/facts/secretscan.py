"""Secrets in any text file (the factor-III litmus test applies to every tracked file)."""

from __future__ import annotations

import bisect
import itertools
import posixpath

from twelve.facts.base import Fact, Source
from twelve.facts.secrets import CODE_KINDS, KEYWORD_RE, key_formats_in, scan_line

_SKIP_NAMES = frozenset({"poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock", "package-lock.json", "yarn.lock",
                         "pnpm-lock.yaml", "go.sum", "Gemfile.lock", "composer.lock", "Cargo.lock"})
MAX_HITS_PER_FILE = 50
def extract(source: Source) -> list[Fact]:
    if posixpath.basename(source.path) in _SKIP_NAMES:
        return []
    lower = source.text.lower()
    starts: list[int] | None = None
    candidates: list[int] = []
    last = -1
    for match in KEYWORD_RE.finditer(lower):  # one C-speed pass finds the lines worth a closer look
        if starts is None:  # line start offsets, with the same line breaks as Source.lines
            starts = [0, *itertools.accumulate(len(part) for part in source.text.splitlines(True))]
        line = bisect.bisect_right(starts, match.start())
        if line != last:
            candidates.append(line)
            last = line
    facts: list[Fact] = []
    code = source.kind in CODE_KINDS
    lines = source.lines
    formats = key_formats_in(source.text) if candidates else ()
    for number in candidates:
        if number > len(lines):
            continue
        line = lines[number - 1]
        if len(line) > 4000:
            continue
        for hit in scan_line(line, code, formats):
            facts.append(source.fact("secret", number, kind=hit.kind, name=hit.name, grade=hit.grade, redacted=hit.redacted,
                                     file_kind=source.kind))
            if len(facts) >= MAX_HITS_PER_FILE:
                return facts
    return facts
