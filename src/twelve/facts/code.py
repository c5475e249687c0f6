"""The structural matcher shared by every programming language: ast-grep with a keyword prefilter.

A language module supplies one table of :class:`Spec` rows. For a file, only the rows whose
keywords occur in the text run; the file is parsed once, only if at least one row runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.keywords import Needles, leading_literal, required_literals

Extractor = Callable[[Any, "Context"], "dict[str, Any] | list[dict[str, Any]] | None"]


class AnchoredGate:
    """A gate regex whose every match ends with one of a few *words* followed by *suffix*: the
    words are found first, in one Aho–Corasick pass, and the full regex runs only from the
    start of the line that holds each (plus what the suffix spans). The answer is the full
    regex's own; on a large file it comes tens of times faster than an alternation of many
    patterns tried at every position."""

    __slots__ = ("full", "needles", "pattern", "suffix")

    def __init__(self, full: str, words: Iterable[str], suffix: str) -> None:
        self.full = re.compile(full)
        self.needles = Needles(words)
        self.suffix = re.compile(suffix)
        self.pattern = full

    def search(self, text: str) -> re.Match[str] | None:
        for start, end in self.needles.spans(text):  # every word, in one Aho–Corasick pass
            hit = self.suffix.match(text, end)
            if hit is None:
                continue
            found = self.full.search(text, text.rfind("\n", 0, start) + 1, hit.end())
            if found is not None:
                return found
        return None


class LineGate:
    """A gate regex (multi-line, `^`-anchored) whose every match starts at the start of a line
    holding one of *words*: the words are found first, in one Aho–Corasick pass, and the full regex
    is tried only at the start of the lines that hold them. Same answer as searching the full
    regex; on source text where most lines start with lower-case code, many times faster than
    trying the full regex (and its backtracking over a leading name) at every line."""

    __slots__ = ("full", "needles", "pattern")

    def __init__(self, full: str, words: Iterable[str]) -> None:
        if not full.startswith("(?m)^"):
            raise ValueError("a line gate's regex is multi-line and starts with ^")
        self.full = re.compile(full)
        self.needles = Needles(words)
        self.pattern = full

    def search(self, text: str) -> re.Match[str] | None:
        tested = -1
        for begin, _end in self.needles.spans(text):  # every word, in one Aho–Corasick pass
            start = text.rfind("\n", 0, begin) + 1
            if start != tested:
                tested = start
                found = self.full.match(text, start)
                if found is not None:
                    return found
        return None


_WORD_CHAR = re.compile(r"\w")
#: the characters outside ASCII that an ignore-case regex matches with an ASCII letter (İ ı ſ K),
#: as that letter: found by trying every code point against [a-z] under re.IGNORECASE
_ASCII_LOOKALIKES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_ANY_LOOKALIKE = re.compile("[\u0130\u0131\u017f\u212a]")


def caseless(text: str) -> str:
    """*text* lowered, the four characters outside ASCII that the regex engine takes for ASCII
    letters made those letters first: then every character lowers to one character of the same
    \\w and \\s classes (checked over every code point by the tests), and a lower-case ASCII
    word occurs in it where an ignore-case regex finds the word in *text*, at the same offsets."""
    if not text.isascii() and _ANY_LOOKALIKE.search(text):  # str.translate runs at some 20 MB/s
        text = text.translate(_ASCII_LOOKALIKES)
    return text.lower()


class WordsGate:
    """A gate `(?:WORD|WORD…)TAIL` (with `\\b` first when *word_start*): every occurrence of a word
    is found in one Aho–Corasick pass and the tail is matched after each, instead of the regex
    trying its alternation (and a leading `\\b`, which keeps the engine from skipping ahead) at
    every position. The same answer as the regex: it matches where a word occurs, at a word
    boundary when asked, and the tail follows it."""

    __slots__ = ("needles", "pattern", "tail", "word_start")

    def __init__(self, words: Sequence[str], tail: str, *, word_start: bool = False) -> None:
        """*word_start*: the gate is `\\b(?:WORD|WORD…)TAIL`, each word starting with a word
        character (the boundary is tested before each occurrence)."""
        if word_start and not all(_WORD_CHAR.match(word) for word in words):
            raise ValueError("a word-start gate's words start with a word character")
        boundary = r"\b" if word_start else ""
        self.pattern = boundary + "(?:" + "|".join(re.escape(word) for word in words) + ")" + tail
        self.needles = Needles(words)
        self.tail = re.compile(tail)
        self.word_start = word_start

    def search(self, text: str) -> re.Match[str] | None:
        return self._search(text)

    def _search(self, text: str) -> re.Match[str] | None:
        for start, end in self.needles.spans(text):
            if self.word_start and start > 0 and _WORD_CHAR.match(text, start - 1):
                continue
            found = self.tail.match(text, end)
            if found is not None:
                return found  # only its truth is used
        return None


class CaselessWordsGate(WordsGate):
    """A case-insensitive gate `(?:WORD|WORD…)TAIL`, words and tail written in lower case, searched
    in the lowered text (:func:`caseless`: the regex tried at every position of a text full of
    its words' first letters, and backtracking over identifiers, was the slowest gate of a
    TypeScript tree). The tail is written in lower case with classes such as \\w, \\s and
    punctuation (no range of letters: it is matched on the lowered text)."""

    __slots__ = ()

    def __init__(self, words: Sequence[str], tail: str, *, word_start: bool = False) -> None:
        if any(word != word.lower() for word in words) or tail != tail.lower():
            raise ValueError("a caseless gate's words and tail are written in lower case")
        super().__init__(words, tail, word_start=word_start)
        self.pattern = "(?i)" + self.pattern  # what it answers as

    def search(self, text: str) -> re.Match[str] | None:
        return self._search(caseless(text))


class LineStart:
    """A regex `(?m)^BODY` searched as `\\ABODY` or `\\nBODY`: the engine then jumps from newline to
    newline (a literal first character is found at C speed) instead of testing "is this a line
    start?" at every position. A match's group "line" is what the full regex matches (the match
    itself may begin with the newline before the line). For :meth:`finditer`, BODY never matches
    text that ends with a newline (else the line right after a match would be lost)."""

    __slots__ = ("first", "rest", "pattern")

    def __init__(self, body: str, flags: int = 0) -> None:
        self.first = re.compile(r"\A(?P<line>" + body + ")", flags | re.MULTILINE)
        self.rest = re.compile(r"\n(?P<line>" + body + ")", flags | re.MULTILINE)
        self.pattern = "(?m)^(?:" + body + ")"

    def search(self, text: str) -> re.Match[str] | None:
        return self.first.match(text) or self.rest.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches `(?m)^BODY` finds, in order (see the class's condition on BODY)."""
        head = self.first.match(text)
        if head is not None:
            yield head
        yield from self.rest.finditer(text, head.end() if head is not None else 0)


class AnyGate:
    """A gate open when one of its parts is (the parts of a top-level alternation, each searched
    the fastest way)."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Any) -> None:
        self.parts = parts

    def search(self, text: str) -> Any:
        for part in self.parts:
            found = part.search(text)
            if found is not None:
                return found
        return None


class NeedleGate:
    """A gate regex that runs only when the text holds, for each of *groups*, one of its
    substrings (each group: substrings one of which every match needs); C-speed substring tests
    spare most files the regex. The answer is the regex's own, or None when a group is absent."""

    __slots__ = ("full", "groups", "pattern")

    def __init__(self, full: re.Pattern[str] | str, *groups: tuple[str, ...]) -> None:
        self.full = re.compile(full) if isinstance(full, str) else full
        self.groups = groups
        self.pattern = self.full.pattern

    def search(self, text: str) -> re.Match[str] | None:
        for group in self.groups:
            if not any(needle in text for needle in group):
                return None
        return self.full.search(text)


Gate = re.Pattern[str] | AnchoredGate | LineGate | WordsGate | CaselessWordsGate | LineStart | AnyGate | NeedleGate


@dataclass(frozen=True, slots=True)
class Spec:
    """One row of a language table: which nodes to find and what fact they make."""

    kind: str  # the fact kind emitted
    keywords: tuple[str, ...]  # the row runs only if one of these occurs in the text
    rule: dict[str, Any]  # an ast-grep rule object ({"rule": ..., "constraints": ...})
    extract: Extractor | None = None  # node -> fact data (or a list of them), or None to drop the match
    once: bool = False  # keep only the first fact of this row per file
    #: a second, sharper prefilter (a regex over the text) for rows whose keywords are common words
    gate: Gate | None = None
    #: the other kinds its extract may state (`_kind`): declared, so that a run wanting only some
    #: kinds (a library's, see twelve.facts.needs) knows which rows it can leave out
    also: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        return (self.kind, *self.also)


def pattern(*patterns: str) -> dict[str, Any]:
    if len(patterns) == 1:
        return {"rule": {"pattern": patterns[0]}}
    return {"rule": {"any": [{"pattern": p} for p in patterns]}}


def call_to(regex: str, *, field: str = "function", kind: str = "call") -> dict[str, Any]:
    """Calls whose callee text matches *regex* (anchored by the caller)."""
    return {"rule": {"kind": kind, "has": {"field": field, "regex": regex}}}


class Context:
    """Per-file state shared by the rows of a table (lazy, computed once per file)."""

    def __init__(self, source: Source, root: Any) -> None:
        self.source = source
        self.root = root
        self.cache: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


def line_of(node: Any) -> int:
    return node.range().start.line + 1


#: id(table) -> (the table, kept alive so that the id stays its own; its keyword index)
_INDEXES: dict[int, tuple[Sequence[Spec], Needles, dict[str, tuple[int, ...]]]] = {}


def _keyword_index(table: Sequence[Spec]) -> tuple[Needles, dict[str, tuple[int, ...]]]:
    """The keywords of a table, found together in one pass over a text, and for each keyword the
    rows it activates. Built once per table."""
    known = _INDEXES.get(id(table))
    if known is not None and known[0] is table:
        return known[1], known[2]
    words = {k for spec in table for k in spec.keywords}
    rows = {w: tuple(i for i, spec in enumerate(table) if w in spec.keywords) for w in words}
    needles = Needles(words)
    _INDEXES[id(table)] = (table, needles, rows)
    return needles, rows


class UndeclaredKind(RuntimeError):
    """A row or post step stated a kind of fact it does not declare: a bug of twelve's (an
    extractor error, exit code 3), never a file that fails to parse."""


#: (id of a table, the kinds wanted) -> (the table, its rows that state one of them)
_WANTED_ROWS: dict[tuple[int, frozenset[str]], tuple[Sequence[Spec], tuple[Spec, ...]]] = {}


def rows_for(table: Sequence[Spec], wanted: frozenset[str] | None) -> Sequence[Spec]:
    """The rows of *table* that can state a kind of *wanted* (None: every row), in table order;
    built once per table and set of kinds, so that its keyword index is built once too."""
    if wanted is None:
        return table
    known = _WANTED_ROWS.get((id(table), wanted))
    if known is not None and known[0] is table:
        return known[1]
    rows = tuple(spec for spec in table if not wanted.isdisjoint(spec.kinds))
    _WANTED_ROWS[(id(table), wanted)] = (table, rows)
    return rows


class ActiveRows(list[Spec]):
    """The rows of a table active on a text (a list of Spec, in table order), with the table's
    keywords that the text holds (*present*)."""

    __slots__ = ("present",)

    def __init__(self, rows: Iterable[Spec], present: set[str]) -> None:
        super().__init__(rows)
        self.present = present


def active_rows(text: str, table: Sequence[Spec]) -> ActiveRows:
    """The rows whose keywords occur in *text* (and whose gate, if any, matches), in table order."""
    if not table:
        return ActiveRows((), set())
    needles, rows = _keyword_index(table)
    hit: set[int] = set()
    present = needles.present(text)
    for word in present:
        hit.update(rows[word])
    opened: dict[int, bool] = {}  # a gate shared by several rows is searched once

    def gate_open(gate: Any) -> bool:
        if id(gate) not in opened:
            opened[id(gate)] = gate.search(text) is not None
        return opened[id(gate)]

    return ActiveRows((table[i] for i in sorted(hit) if table[i].gate is None or gate_open(table[i].gate)), present)


class NodeView:
    """A node that passed one of a row's alternatives, with its place in the traversal
    (pre-order): the rows' passing nodes of several kinds are put back in that order."""

    __slots__ = ("node", "order")

    def __init__(self, node: Any, order: int) -> None:
        self.node = node
        self.order = order


#: one alternative of a lowered rule: (kind, field, regex). field None: the kind alone decides;
#: "": the regex searches the node's text; a name: the regex searches the text of that field's child
Alternative = tuple[str, "str | None", "re.Pattern[str] | None"]
#: id(spec) -> (the spec, its query, its alternatives or None when ast-grep runs the rule as written)
_LOWERED: dict[int, tuple[Spec, dict[str, Any], tuple[Alternative, ...] | None]] = {}


def _alternative(alternative: dict[str, Any]) -> Alternative | None:
    """One `{kind}`, `{kind, regex}` or `{kind, has: {field, regex}}` alternative; None when the
    shape is not one this module lowers."""
    keys = set(alternative)
    try:
        if keys == {"kind"}:
            return (alternative["kind"], None, None)
        if keys == {"kind", "regex"}:
            return (alternative["kind"], "", re.compile(alternative["regex"]))
        if (
            keys == {"kind", "has"}
            and isinstance(alternative["has"], dict)
            and set(alternative["has"]) == {"field", "regex"}
        ):
            return (alternative["kind"], str(alternative["has"]["field"]), re.compile(alternative["has"]["regex"]))
    except re.error:
        return None
    return None


def _lowered(spec: Spec) -> tuple[dict[str, Any], tuple[Alternative, ...] | None]:
    """*spec*'s rule as kinds of nodes plus tests of their text (its alternatives), or None when
    the rule goes to ast-grep unchanged.

    ast-grep compiles a rule's regexes again on every `find_all` call (some 70 µs each, more than
    parsing a small file); the same regexes compiled once by Python, applied to the nodes of the
    right kind, give the same matches: ast-grep's `regex` is an unanchored search of the node's
    text, and `has` with a `field` tests the child in that field. Rules of other shapes
    (patterns, constraints, nested relations) go to ast-grep unchanged."""
    known = _LOWERED.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1], known[2]
    alts: tuple[Alternative, ...] | None = None
    rule = spec.rule.get("rule") if set(spec.rule) == {"rule"} else None
    if isinstance(rule, dict):
        listed = rule["any"] if set(rule) == {"any"} and isinstance(rule["any"], list) else [rule]
        found = [_alternative(a) if isinstance(a, dict) else None for a in listed]
        if all(a is not None for a in found):
            alts = tuple(found)  # type: ignore[arg-type]
    _LOWERED[id(spec)] = (spec, spec.rule, alts)
    return spec.rule, alts


#: id(spec) -> (the spec, for each of its alternatives the keywords one of which a file holds
#: when a node of it may pass, or None when any file may hold one)
_NEEDED: dict[int, tuple[Spec, tuple[frozenset[str] | None, ...]]] = {}


def _needed(spec: Spec, alts: tuple[Alternative, ...]) -> tuple[frozenset[str] | None, ...]:
    """For each alternative of *spec*, the row's keywords one of which is in every text holding a
    match of its regex (a node's text, and a field's, is part of the file's text); None when some
    match may hold none (a kind alone, a regex without a literal that holds a keyword).

    Every match holds one of the regex's required literals (keywords.required_literals), and a
    literal holds each keyword inside it: when every such literal holds a keyword, a file without
    any of those keywords has no node that passes the alternative."""
    known = _NEEDED.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    needed: list[frozenset[str] | None] = []
    for _kind, _field, regex in alts:
        literals = None if regex is None else required_literals(regex)
        inside = [frozenset(k for k in spec.keywords if k in literal) for literal in literals or ()]
        words = frozenset().union(*inside) if inside and all(inside) else None
        # every keyword of the row: the row is active only when the text holds one (no test)
        needed.append(None if words is not None and words >= set(spec.keywords) else words)
    _NEEDED[id(spec)] = (spec, tuple(needed))
    return _NEEDED[id(spec)][1]


def _live(spec: Spec, present: set[str] | None) -> tuple[dict[str, Any], tuple[Alternative, ...] | None]:
    """*spec*'s query and alternatives (see _lowered) without those no node of a text holding the
    keywords *present* can pass (None: the keywords are not known, every alternative is kept)."""
    query, alts = _lowered(spec)
    if alts is None or present is None:
        return query, alts
    needed = _needed(spec, alts)
    if all(words is None for words in needed):
        return query, alts
    return query, tuple(alt for alt, words in zip(alts, needed) if words is None or not words.isdisjoint(present))


def _kind_nodes(root: Any, kinds: set[str], narrow: dict[str, Any] | None = None) -> dict[str, list[tuple[int, Any]]]:
    """Every node of one of *kinds*, by kind, each list in traversal order with each node's place
    in it: one traversal of the tree for all the rows of a file (a query per row walked the whole
    tree once per row). *narrow*: for some kinds, the rule their nodes must also pass (see
    _narrowing): only those nodes are handed over."""
    ordered = sorted(kinds)
    narrow = narrow or {}
    rules = [{"kind": k, **narrow[k]} if k in narrow else {"kind": k} for k in ordered]
    query = {"rule": rules[0]} if len(rules) == 1 else {"rule": {"any": rules}}
    if len(ordered) == 1:  # every node is of that kind: none is asked
        return {ordered[0]: list(enumerate(root.find_all(query)))}
    found: dict[str, list[tuple[int, Any]]] = {}
    for order, node in enumerate(root.find_all(query)):
        found.setdefault(node.kind(), []).append((order, node))
    return found


#: characters that ast-grep's (Rust) regexes read as syntax: escaped in a literal
_REGEX_SYNTAX = frozenset("\\.+*?()|[]{}^$#&-~")
#: characters of a file per regex of its narrowing (see _narrowed): ast-grep compiles a rule's
#: regexes on every query (some 20 µs each), which only a file of this many characters per regex
#: repays (its nodes not handed to Python: measured on Ruby, JavaScript and TypeScript trees)
NARROW_CHARS_PER_REGEX = 4096
#: (kind, its alternatives) -> (the narrowing rule, or None; how many regexes it holds): the rows
#: active in a file vary, and so do these keys (bounded: emptied when it grows past _NARROWING_MAX)
_NARROWING: dict[tuple[str, tuple[Alternative, ...]], tuple[dict[str, Any] | None, int]] = {}
_NARROWING_MAX = 4096


def _literal_regex(literals: Iterable[str]) -> str | None:
    """A regex (for ast-grep) matching where one of *literals* occurs; None for a literal with a
    character it might read otherwise (white space, a control character)."""
    parts = []
    for literal in sorted(literals):
        if not literal or any(ch.isspace() or not ch.isprintable() for ch in literal):
            return None
        parts.append("".join("\\" + ch if ch in _REGEX_SYNTAX else ch for ch in literal))
    return "|".join(parts)


def _narrowing(kind: str, alts: tuple[Alternative, ...]) -> tuple[dict[str, Any] | None, int]:
    """What a node of *kind* must hold to pass one of *alts* (all of that kind), as an ast-grep
    rule, and the number of regexes in it: its text starting with the literal an alternative's
    regex starts with (keywords.leading_literal), or its text, or a field's, holding one of the
    literals the regex requires (keywords.required_literals). A node that passes an alternative
    passes this rule; the alternatives still decide. None when an alternative requires nothing
    (the kind alone decides, or its regex names no literal)."""
    key = (kind, alts)
    known = _NARROWING.get(key)
    if known is not None:
        return known
    starts: set[str] = set()  # literals a node's text starts with
    texts: set[str] = set()  # literals a node's text holds
    fields: dict[str, set[str]] = {}  # literals a field's text holds, by field
    found: tuple[dict[str, Any] | None, int] = (None, 0)
    for _kind, field, regex in alts:
        if regex is None:
            break
        start = leading_literal(regex) if field == "" else None
        literals = required_literals(regex)
        if start is not None and (not literals or len(start) >= min(map(len, literals))):
            starts.add(start)  # as sharp a test as the literals held (`^@` is not: `Value` is)
            continue
        if not literals:
            break
        (texts if field == "" else fields.setdefault(str(field), set())).update(literals)
    else:
        anchored = "" if not starts else _literal_regex(starts)
        anywhere = "" if not texts else _literal_regex(texts)
        regexes = {name: _literal_regex(held) for name, held in sorted(fields.items())}
        if anchored is not None and anywhere is not None and None not in regexes.values():
            parts: list[dict[str, Any]] = []
            if anchored or anywhere:
                joined = "|".join(filter(None, ["^(?:" + anchored + ")" if anchored else "", anywhere]))
                parts.append({"regex": joined})
            parts.extend({"has": {"field": name, "regex": regex}} for name, regex in regexes.items())
            found = (parts[0] if len(parts) == 1 else {"any": parts}, len(parts))
    if len(_NARROWING) >= _NARROWING_MAX:
        _NARROWING.clear()
    _NARROWING[key] = found
    return found


def _narrowed(text: str, lowered: list[tuple[Spec, dict[str, Any], tuple[Alternative, ...] | None]]) -> dict[str, Any]:
    """For the kinds whose every alternative (of every row) names a literal, the ast-grep rule that
    keeps only the nodes that may pass one (see _narrowing); none when *text* is too short to
    repay compiling their regexes."""
    if len(text) < NARROW_CHARS_PER_REGEX:  # shorter than one regex repays: most files
        return {}
    by_kind: dict[str, list[Alternative]] = {}
    for _spec, _query, alts in lowered:
        for alt in alts or ():
            by_kind.setdefault(alt[0], []).append(alt)
    narrow: dict[str, Any] = {}
    regexes = 0
    for kind, listed in by_kind.items():
        rule, count = _narrowing(kind, tuple(listed))
        if rule is not None:
            narrow[kind] = rule
            regexes += count
    return narrow if len(text) >= NARROW_CHARS_PER_REGEX * regexes else {}


def _nodes(root: Any, kinds: set[str], narrow: dict[str, Any]) -> dict[str, list[tuple[int, Any]]]:
    """_kind_nodes, narrowed when *narrow* says how. A field the narrowing names that the
    language's grammar lacks makes ast-grep refuse the rule, where Python's `node.field()` answers
    None (the alternative passes no node): the nodes are then taken without narrowing."""
    if narrow:
        try:
            return _kind_nodes(root, kinds, narrow)
        except Exception:  # ast-grep's RuntimeError: "Relational rule contains invalid field"
            pass
    return _kind_nodes(root, kinds)


def _dispatch(
    found: dict[str, list[tuple[int, Any]]], rows: list[tuple[Alternative, ...] | None]
) -> list[list[NodeView]]:
    """For each row (its alternatives), the nodes that pass one of them, in traversal order.

    Node by node rather than row by row: the text of a node and of a field (a call's method name)
    is read at most once per node, and the rows whose regex a field's text satisfies are looked up
    by that text, tested once per distinct text (names repeat: a file has many calls of few
    methods). Most nodes pass no row: only those that pass one are wrapped (NodeView)."""
    passing: list[list[NodeView]] = [[] for _ in rows]
    Search = Callable[[str], "re.Match[str] | None"]
    plans: dict[str, tuple[list[int], list[tuple[int, Search]], dict[str, list[tuple[int, Search]]]]] = {}
    spread: set[int] = set()  # rows with alternatives of several kinds: sorted afterwards
    for index, alts in enumerate(rows):
        if alts is None:
            continue
        if len({kind for kind, _field, _rx in alts}) > 1:
            spread.add(index)
        for kind, name, rx in alts:
            whole, texts, fields = plans.setdefault(kind, ([], [], {}))
            if rx is None:
                whole.append(index)
            elif name == "":
                texts.append((index, rx.search))
            else:
                fields.setdefault(name, []).append((index, rx.search))  # type: ignore[arg-type]
    for kind, (whole, texts, fields) in plans.items():
        pairs = found.get(kind)
        if not pairs:
            continue
        # per field, the rows a text passes, by text (None: no such child)
        field_tests: list[tuple[str, list[tuple[int, Search]], dict[str | None, tuple[int, ...]]]] = [
            (name, tests, {None: ()}) for name, tests in fields.items()
        ]
        always = tuple(whole)
        for order, node in pairs:
            hits = always  # tuples joined only when a test passes: most nodes pass none
            if texts:
                text = node.text()
                matched = [index for index, search in texts if search(text) is not None]
                if matched:
                    hits = hits + tuple(matched)
            for name, tests, memo in field_tests:
                child = node.field(name)
                child_text = None if child is None else child.text()
                passed = memo.get(child_text)
                if passed is None:  # a text (None, no child, is in the memo from the start)
                    passed = memo[child_text] = tuple(
                        index
                        for index, search in tests
                        if search(child_text) is not None  # type: ignore[arg-type]
                    )
                if passed:
                    hits = hits + passed
            if hits:
                view = NodeView(node, order)
                for index in hits:
                    _add(passing[index], view)
    for index in spread:
        passing[index].sort(key=lambda view: view.order)
    return passing


def _add(views: list[NodeView], view: NodeView) -> None:
    if not views or views[-1] is not view:  # a node passing two alternatives of one row counts once
        views.append(view)


#: the last text parsed, its language and its tree's root (a library's file whose facts hold a
#: secret is read twice, the second time by every row: its text is parsed once)
_LAST_TREE: list[Any] = [None, None, None]


def _tree(text: str, language: str) -> Any:
    """The root of *text*'s syntax tree in *language*: the last one again when the same text (the
    same object, which the cache holds) is parsed in the same language."""
    last = _LAST_TREE
    if last[0] is text and last[1] == language:
        return last[2]
    from ast_grep_py import SgRoot  # lazy: keeps `twelve --version` fast

    root = SgRoot(text, language).root()
    last[:] = [text, language, root]
    return root


def run_table(
    source: Source,
    language: str,
    table: Sequence[Spec],
    post: Callable[[Context], list[Fact]] | None = None,
    post_gate: Gate | None = None,
    active: list[Spec] | None = None,
    post_kinds: tuple[str, ...] = (),
) -> list[Fact]:
    """Run the rows of *table* whose prefilters pass on *source* (*active*, when the caller has
    already computed them, from ``rows_for(table, source.wanted)``); parse at most once, and not at all when no row (and no *post* step,
    gated by *post_gate*) needs the tree. The rows' kind-only queries share one traversal.

    When the run wants only some kinds of facts (``source.wanted``), the rows and the *post* step
    (which states *post_kinds*) that cannot state one are left out. A row stating a kind it does
    not declare, or a post step one of *post_kinds* does not name, is a bug: it raises."""
    text = source.text
    wanted = source.wanted
    if active is None:
        active = active_rows(text, rows_for(table, wanted))
    if wanted is not None and post is not None and wanted.isdisjoint(post_kinds):
        post = None
    wants_post = post is not None and (post_gate is None or post_gate.search(text) is not None)
    if not active and not wants_post:
        return []
    # each row's alternatives that a node of this text may pass (the keywords it holds say which)
    present = getattr(active, "present", None)
    lowered = [(spec, *_live(spec, present)) for spec in active]
    if not wants_post and all(alts == () for _spec, _query, alts in lowered):
        return []  # no node can pass any row: no tree is needed
    root = _tree(text, language)
    ctx = Context(source, root)
    facts: list[Fact] = []
    kinds = {kind for _spec, _query, alts in lowered if alts for kind, _name, _rx in alts}
    passing = _dispatch(_nodes(root, kinds, _narrowed(text, lowered)), [a for _s, _q, a in lowered]) if kinds else []
    for index, (spec, query, alts) in enumerate(lowered):
        nodes: Iterable[Any] = root.find_all(query) if alts is None else (view.node for view in passing[index])
        for node in nodes:
            result = spec.extract(node, ctx) if spec.extract else {}
            if result is None:
                continue
            for data in result if isinstance(result, list) else [result]:
                # a row may state a fact of another kind (`_kind`), on another line (`_line`), and
                # name a literal its data masks (`_mask`: raw, shown) that the excerpt must mask too
                line = data.pop("_line", None) or line_of(node)
                kind = data.pop("_kind", None) or spec.kind
                if kind != spec.kind and kind not in spec.also:
                    raise UndeclaredKind(f"a {spec.kind} row stated an undeclared kind {kind}")
                mask = data.pop("_mask", None)
                made = source.fact(kind, line, **data)
                facts.append(_masked(made, mask) if mask else made)
            if spec.once and result:
                break
    if wants_post:
        stated = post(ctx)  # type: ignore[misc]
        undeclared = {fact.kind for fact in stated} - set(post_kinds)
        if undeclared:
            raise UndeclaredKind(f"a post step stated undeclared kinds {sorted(undeclared)}")
        facts.extend(stated)
    return facts


def _masked(fact: Fact, mask: list[str]) -> Fact:
    """*fact* with the literal its data masks masked in its excerpt too (the excerpt may be clipped
    in the middle of the value: its longest prefix shown is masked)."""
    raw = str(mask[0])
    cut = next((k for k in range(len(raw), 3, -1) if raw[:k] in fact.excerpt), 0)
    if not cut:
        return fact
    return Fact(fact.kind, fact.path, fact.line, fact.excerpt.replace(raw[:cut], str(mask[1])), fact.data, fact.scope)


def named_args(node: Any) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword argument nodes of a call (Python/JS-style argument lists)."""
    args = node.field("arguments")
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    if args is None:
        return positional, keywords
    for child in args.children():
        if not child.is_named():
            continue
        if child.kind() == "keyword_argument":
            name = child.field("name")
            value = child.field("value")
            if name is not None and value is not None:
                keywords[name.text()] = value
        elif child.kind() not in ("comment",):
            positional.append(child)
    return positional, keywords


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
