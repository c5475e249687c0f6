"""The report boundary (issue 11, C): every string that reaches an output is made showable here,
whatever extractor produced it.

Parsers give back what a file's escapes stand for (``"\\u001b"`` in JSON, ``"\\x1b"`` in Python,
``"\\ud800"`` anywhere), so facts can carry terminal escape sequences (OSC 52 clipboard writes,
title changes), bidirectional overrides that reorder what a reader sees, and lone surrogates that
no encoder accepts. :func:`showable` writes each such character as a visible escape
(``\\x1b``, ``\\u202e``, ``\\ud800``); :func:`showable_assessment` applies it to every string of
an assessment, so that all formats, and the lines on standard error, are built from clean data.
Markdown's own syntax is neutralised by the Markdown format, HTML is escaped by jinja2.
"""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from typing import Any, TypeVar

#: C0 controls but tab, DEL, C1 controls, the line and paragraph separators, directional marks,
#: embeddings, overrides and isolates, and every surrogate code point
UNSHOWABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r"}

T = TypeVar("T")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def showable(text: str) -> str:
    """*text* with every character that could act on a terminal, reorder text, or fail to
    encode written as a visible escape; idempotent."""
    if UNSHOWABLE.search(text) is None:
        return text
    return UNSHOWABLE.sub(_escape, text)


_PLAIN = frozenset({int, bool, float})
#: the init fields of each dataclass type met (dataclasses.fields is slow to ask per object)
_FIELDS: dict[type, tuple[str, ...]] = {}


def _same_or_new(old: Any, items: list[Any]) -> Any:
    """*old* itself when cleaning changed none of its items (no copy, no deep comparison)."""
    if all(new is was for new, was in zip(items, old)):
        return old
    return type(old)(items)


def _clean(value: Any, memo: dict[int, Any]) -> Any:
    """*value* made showable; *memo*: the containers and records cleaned already in this pass, by
    identity (a finding several apps share, a location many findings quote: cleaned once)."""
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, str):
        return showable(value)
    if isinstance(value, Enum):
        return value
    known = memo.get(id(value))
    if known is not None:
        return known
    if isinstance(value, (tuple, list)):
        clean = _same_or_new(value, [_clean(item, memo) for item in value])
    elif isinstance(value, dict):
        cleaned = {_clean(k, memo): _clean(v, memo) for k, v in value.items()}
        same = all(a is b and value[a] is cleaned[a] for a, b in zip(value, cleaned))
        clean = value if same else cleaned
    else:
        kind = type(value)
        names = _FIELDS.get(kind)
        if names is None:
            if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
                return value
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value) if f.init)
        changes = {}
        for name in names:
            old = getattr(value, name)
            new = _clean(old, memo)
            if new is not old:
                changes[name] = new
        clean = dataclasses.replace(value, **changes) if changes else value
    memo[id(value)] = clean
    return clean


def showable_assessment(assessment: T) -> T:
    """*assessment* with every string in it (paths, excerpts, message parameters, names,
    notices, errors) made showable; the same object when nothing needed it. The last result is
    remembered: cleaning it again (the command line cleans what it prints to standard error,
    then the report does) costs nothing."""
    if _LAST and _LAST[0] is assessment:
        return assessment
    clean = _clean(assessment, {})  # the assessment holds every object the memo names, alive
    _LAST[:] = [clean]
    return clean


#: the last assessment made showable (kept alive, so that its identity stays its own)
_LAST: list[Any] = []


__all__ = ["UNSHOWABLE", "showable", "showable_assessment"]
