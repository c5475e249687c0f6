"""The per-file input every extractor receives, and the factory of its facts.

A fact states what a file says (an environment read, a base image, a process type) with the line
that says it; it never judges. Its data is typed by its kind (`twelve.facts.model`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

from twelve.facts.model import Fact, data_for
from twelve.facts.secrets import LONG_LINE, active, conceal
from twelve.facts.waivermark import PREFILTER, without_waivers
from twelve.model import Scope
from twelve.repository.kinds import CODE_KINDS

EXCERPT_MAX = 160


#: the line breaks of str.splitlines other than \n
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: those of them in ASCII
_ASCII_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e"


def only_newline_breaks(text: str) -> bool:
    """Whether ``text.splitlines()`` splits *text* at ``\\n`` alone. On an ASCII text (most source
    files) six C-speed character searches answer; a character-class regex reads a text at some
    250 MB/s, ten times slower."""
    if text.isascii():
        return not any(brk in text for brk in _ASCII_BREAKS)
    return _OTHER_BREAKS.search(text) is None


def clip(text: str, limit: int = EXCERPT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(slots=True)
class Source:
    """One file's text, and a factory for the facts extracted from it."""

    path: str
    text: str
    kind: str
    scope: Scope
    _lines: list[str] | None = None
    #: the masked, clipped excerpt of each line already quoted: a line that many facts quote (a
    #: minified bundle, a long line of backticks) is masked once, not once per fact
    _shown: dict[int | None, str] | None = None
    #: the kinds of facts the run wants (a library's run, twelve.facts.needs); None: every kind
    wanted: frozenset[str] | None = None
    _newline_only: bool | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    @property
    def newline_only(self) -> bool:
        """Whether the text's lines (``lines``) are split by ``\\n`` alone: then a line's number is
        one more than the newlines before it, and one pass over the whole text finds lines."""
        if self._newline_only is None:
            self._newline_only = only_newline_breaks(self.text)
        return self._newline_only

    def line_text(self, line: int | None) -> str:
        if line is None or line < 1 or line > len(self.lines):
            return ""
        return self.lines[line - 1]

    def fact(self, kind: str, line: int | None, excerpt: str | None = None, /, **data: Any) -> Fact:
        if excerpt is None:
            if self._shown is None:
                self._shown = {}
            shown = self._shown.get(line)
            if shown is None:
                shown = self._shown[line] = self._excerpt(self.line_text(line), True, line)
        else:
            shown = self._excerpt(excerpt, kind != "waiver.inline")
        return Fact(kind, self.path, line, shown, data_for(kind, data), self.scope)

    def _excerpt(self, text: str, bare: bool = True, line: int | None = None) -> str:
        # an inline waiver (`# twelve: ignore[...]`) is no part of what the line says: left out,
        # except from the waiver's own fact; masked before clipping: a secret is never cut in two;
        # interned, as the same line recurs across files (imports, settings) and a large tree
        # holds millions of facts. A long line (a minified bundle's) the secret scan has read is
        # not scanned again when the scan would be the same (see LineScan)
        if bare and PREFILTER in text:
            text = without_waivers(text)
        scanned = None
        if line is not None and len(text) > LONG_LINE:
            found = getattr(active(), "scan", None)
            long_line = getattr(found, "long_line", None)
            scanned = long_line(self, line) if long_line is not None else None
        return sys.intern(clip(conceal(text, None, self.kind in CODE_KINDS, self.kind, scanned)))


class LineCounter:
    """Line numbers of increasing offsets in one text, counted incrementally (counting from the
    start for each offset would be quadratic in a file with many matches)."""

    __slots__ = ("_line", "_offset", "_text")

    def __init__(self, text: str) -> None:
        self._text, self._offset, self._line = text, 0, 1

    def line_at(self, offset: int) -> int:
        if offset < self._offset:  # out of order: start again
            self._offset, self._line = 0, 1
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line
