"""Keyword prefilters: many literal words found in one pass over a text (Aho–Corasick), and the
trie regexes of the gates that still search with a regex."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any


def trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of *words*, longest first, written as a trie (`os\\.(?:environ|getenv)`):
    the regex engine then tries one branch per character instead of every word at every position,
    three times faster than a plain alternation on source text."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer ones are optional (greedy, so longest wins)
            return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
        return body

    return build(trie)


try:  # Aho–Corasick in Rust: every occurrence of every word in one pass, 130-350 MB/s on source text
    import ahocorasick_rs as _ahocorasick
except ImportError:  # a platform without its wheel: the same answers, from slower searches
    _ahocorasick = None  # type: ignore[assignment]


class Needles:
    """Literal words searched for together: which of them a text holds, where each occurs, and
    which lines hold one. With ahocorasick-rs one pass finds them all (overlapping ones too),
    several times faster than a trie regex, which also stops at the first of two overlapping
    words; without it, each word is searched on its own (same answers, slower)."""

    __slots__ = ("_automaton", "_one_line", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted(set(words)))
        if not all(self.words):
            raise ValueError("needles are non-empty words")
        self._one_line = not any("\n" in word for word in self.words)
        self._automaton: Any = None
        if _ahocorasick is not None and self.words:
            self._automaton = _ahocorasick.AhoCorasick(self.words, matchkind=_ahocorasick.MatchKind.Standard)

    def _found(self, text: str) -> list[tuple[int, int, int]] | None:
        """(word index, start, end) of every occurrence, overlapping ones too, in increasing order
        of end then of start; None without the automaton, or for a text it cannot read (a lone
        surrogate has no UTF-8 form; decoded file text never holds one)."""
        if self._automaton is None:
            return None
        try:
            found: list[tuple[int, int, int]] = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            return None
        return found

    def present(self, text: str) -> set[str]:
        """The words that occur in *text*, wherever they start (inside another one too)."""
        found = self._found(text)
        if found is None:
            return {word for word in self.words if word in text}
        words = self.words
        return {words[index] for index in {index for index, _start, _end in found}}

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of every occurrence of every word in *text*, overlapping ones too, in
        increasing order of end (then of start)."""
        found = self._found(text)
        if found is None:
            pairs: list[tuple[int, int]] = []
            for word in self.words:
                at = text.find(word)
                while at >= 0:
                    pairs.append((at + len(word), at))
                    at = text.find(word, at + 1)
            for end, start in sorted(pairs):
                yield start, end
            return
        for _index, start, end in found:
            yield start, end

    def lines(self, text: str) -> list[int]:
        """The numbers (from 1) of the lines of *text*, split at ``\\n`` alone, holding a word
        (words of one line each)."""
        if not self._one_line:
            raise ValueError("lines are listed for words of one line")
        found: list[int] = []
        line, pos = 1, 0
        for start, end in self.spans(text):
            if start < pos:
                continue  # on a line already counted (no word spans a line break)
            line += text.count("\n", pos, start)
            found.append(line)
            pos = text.find("\n", end)
            if pos < 0:
                break
        return found


try:  # the regex parser of the standard library (its module name since 3.11)
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse

_REPEATS = tuple(
    getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, name)
)
#: at most this many literals are kept for one regex (a longer choice is no sharper a test)
_MAX_LITERALS = 64

Literals = frozenset[str]


def required_literals(regex: re.Pattern[str]) -> Literals | None:
    """Literal strings one of which every match of *regex* holds (case as written), or None when
    no such set is read from its syntax (a case-insensitive part, a class, a back reference, or
    every piece optional).

    Read from the parsed regex: a run of literal characters (across zero-width anchors, which
    consume nothing) is held by every match of a sequence that contains it; an alternation holds
    one of its branches' sets; a group, or a repeat taken at least once, its body's. Of the
    pieces of a sequence, the set whose shortest literal is longest is kept."""
    try:
        parsed = _sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # a pattern `re` compiled parses again; anything else is not read
        return None
    if parsed.state.flags & _sre.SRE_FLAG_IGNORECASE:
        return None
    return _sequence(list(parsed))


def _sharper(a: Literals | None, b: Literals | None) -> Literals | None:
    if a is None or not a:
        return b
    if b is None or not b:
        return a
    return b if min(map(len, b)) > min(map(len, a)) else a


def _sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    best: Literals | None = None
    run: list[str] = []
    for op, arg in items:
        if op is _sre.LITERAL:
            run.append(chr(arg))
            continue
        if op is _sre.AT:  # an anchor or word boundary consumes nothing: the run goes on
            continue
        if run:
            best = _sharper(best, frozenset(("".join(run),)))
            run = []
        best = _sharper(best, _piece(op, arg))
    if run:
        best = _sharper(best, frozenset(("".join(run),)))
    return best


def _piece(op: Any, arg: Any) -> Literals | None:
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = arg
        return None if add_flags & _sre.SRE_FLAG_IGNORECASE else _sequence(list(body))
    if op is _sre.BRANCH:
        found: set[str] = set()
        for branch in arg[1]:
            literals = _sequence(list(branch))
            if literals is None or not literals:
                return None
            found |= literals
        return frozenset(found) if len(found) <= _MAX_LITERALS else None
    if op in _REPEATS:
        least, _most, body = arg
        return _sequence(list(body)) if least >= 1 else None
    return None  # a class, any character, a reference, a look-around: nothing certain


def leading_literal(regex: re.Pattern[str]) -> str | None:
    """The literal every match of *regex* starts with, read when the regex starts at the start of
    the text (`^` without MULTILINE, or `\\A`) followed by literal characters (case as written);
    None otherwise."""
    try:
        parsed = _sre_parse.parse(regex.pattern, regex.flags)
    except Exception:
        return None
    flags = parsed.state.flags
    if flags & (_sre.SRE_FLAG_IGNORECASE | _sre.SRE_FLAG_MULTILINE):
        return None
    items = list(parsed)
    if not items or items[0] not in ((_sre.AT, _sre.AT_BEGINNING), (_sre.AT, _sre.AT_BEGINNING_STRING)):
        return None
    run = []
    for op, arg in items[1:]:
        if op is not _sre.LITERAL:
            break
        run.append(chr(arg))
    return "".join(run) or None
