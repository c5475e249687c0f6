"""`json.dumps(obj, ensure_ascii=False, indent=N)` written faster, for the JSON report.

With an indent the standard library encodes in pure Python through a chain of generators (its C
encoder does not indent): a recursive function that appends the pieces (strings escaped by the
same C function) writes the same text in about half the CPU time. The pieces are joined a batch
at a time, so that a large report (83 MB for a tree of 117 apps) never holds millions of small
strings at once. The same text as `json.dumps` for every JSON value and every report (tests).
"""

from __future__ import annotations

from json.encoder import INFINITY, encode_basestring
from typing import Any

#: pieces joined into one string at a time
BATCH = 65536
_FLOAT = float.__repr__
_INT = int.__repr__


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == INFINITY:
        return "Infinity"
    if value == -INFINITY:
        return "-Infinity"
    return _FLOAT(value)


def _key(key: Any) -> str:
    """A mapping's key as `json.dumps` writes it (before quoting)."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return _INT(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def dumps(obj: Any, indent: int = 2) -> str:
    """The text `json.dumps(obj, ensure_ascii=False, indent=indent)` returns."""
    batches: list[str] = []
    out: list[str] = []
    append = out.append
    quote = encode_basestring
    step = " " * indent
    seen: set[int] = set()  # containers being written: a cycle raises as json.dumps does

    def value(item: Any, level: int) -> None:
        if isinstance(item, str):
            append(quote(item))
        elif item is None:
            append("null")
        elif item is True:
            append("true")
        elif item is False:
            append("false")
        elif isinstance(item, int):
            append(_INT(item))
        elif isinstance(item, float):
            append(_float(item))
        elif isinstance(item, (dict, list, tuple)):
            if not item:
                append("{}" if isinstance(item, dict) else "[]")
                return
            if id(item) in seen:
                raise ValueError("Circular reference detected")
            seen.add(id(item))
            inner = "\n" + step * (level + 1)
            if isinstance(item, dict):
                opening, closing = "{", "}"
                for key, found in item.items():
                    append(opening + inner + quote(_key(key)) + ": ")
                    opening = ","
                    value(found, level + 1)
            else:
                opening, closing = "[", "]"
                for found in item:
                    append(opening + inner)
                    opening = ","
                    value(found, level + 1)
            append("\n" + step * level + closing)
            seen.discard(id(item))
            if len(out) >= BATCH:
                batches.append("".join(out))
                out.clear()
        else:
            raise TypeError(f"Object of type {item.__class__.__name__} is not JSON serializable")

    value(obj, 0)
    batches.append("".join(out))
    return "".join(batches)
