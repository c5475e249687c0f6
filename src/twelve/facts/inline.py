"""Inline waivers written in the analyzed files' comments.

    gunicorn --bind 0.0.0.0:5000 app:app  `# twelve: ignore[F07-S10] the platform maps 5000 to $PORT`
    `// twelve: ignore[F03-S1, F03-S2] test credentials of the local emulator`
    `<!-- twelve: ignore[F05-S7] this section documents the legacy VM -->`

(the backquotes are only here, so that this docstring is not itself read as waivers).

A trailing comment waives its own line; a comment alone on its line waives the next non-blank
line. This module only records what each comment says (``waiver.inline`` facts: the rule ids,
the reason and the line it covers); whether a rule id is known, a reason present, or a finding
covered is decided by ``twelve.waivers``, never here.
"""

from __future__ import annotations

import re

from twelve.facts.base import Fact, Source, clip
from twelve.facts.secrets import redact
from twelve.facts.waivermark import MARKER as _WAIVER
from twelve.facts.waivermark import PREFILTER

KIND = "waiver.inline"
MAX_LINE = 4000
REASON_MAX = 240
_CLOSERS = ("-->", "*/")
_SEPARATORS = ":-–— \t"


def _reason(rest: str) -> str:
    text = rest.strip()
    for closer in _CLOSERS:
        if text.endswith(closer):
            text = text[: -len(closer)].rstrip()
    return text.lstrip(_SEPARATORS).strip()


def _rule_ids(inside: str) -> list[str]:
    return [token for token in re.split(r"[\s,]+", inside) if token]


def _next_code_line(lines: list[str], index: int) -> int | None:
    """The 1-based number of the first non-blank line after 0-based *index*."""
    for later in range(index + 1, len(lines)):
        if lines[later].strip():
            return later + 1
    return None


def extract(source: Source) -> list[Fact]:
    if PREFILTER not in source.text:
        return []
    facts: list[Fact] = []
    lines = source.lines
    for index, line in enumerate(lines):
        if len(line) > MAX_LINE or PREFILTER not in line:
            continue
        match = _WAIVER.search(line)
        if match is None:
            continue
        alone = not line[: match.start()].strip()
        covers = _next_code_line(lines, index) if alone else index + 1
        reason = clip(redact(_reason(match.group("rest")), True), REASON_MAX)
        facts.append(
            source.fact(
                KIND,
                index + 1,
                line,  # the comment itself, which other facts' excerpts leave out
                rules=_rule_ids(match.group("rules")),
                reason=reason,
                covers=covers,
                opener=match.group("opener"),
            )
        )
    return facts
