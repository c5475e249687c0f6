"""The inline-waiver marker (`# twelve: ignore[RULE] reason`, also after `//`, `/*`, `<!--`).

``twelve.facts.inline`` records what each marker says; every other extractor reads a line as if
the marker were not there, so that it never becomes part of a command's text or arguments, nor
of an excerpt quoted in a report. This matters where a `#` after a command is no comment of the
file's own syntax: a Dockerfile (comments only at the start of a line), a quoted compose
`command:`, a YAML block of shell lines, a Procfile line.
"""

from __future__ import annotations

import re
from typing import overload

PREFILTER = "twelve:"
#: a comment opener (#, //, /*, <!--) at the start of the line or after whitespace, then the marker
MARKER = re.compile(
    r"(?:^|(?<=\s))(?P<opener>#|//|/\*|<!--)\s*twelve:\s*ignore\[(?P<rules>[^\]\n]*)\](?P<rest>[^\n]*)$", re.MULTILINE
)


@overload
def without_waivers(text: str) -> str: ...
@overload
def without_waivers(text: None) -> None: ...
def without_waivers(text: str | None) -> str | None:
    """*text* with each line's inline-waiver marker (and what follows it on the line) removed, and
    the blanks before it; a line that held only the marker becomes empty (None stays None)."""
    if text is None or PREFILTER not in text:
        return text
    return re.sub(r"[ \t]*" + MARKER.pattern, "", text, flags=re.MULTILINE)
