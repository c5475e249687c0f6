"""The structural matcher shared by every programming language: ast-grep with a keyword prefilter.

A language module supplies one table of :class:`Spec` rows. For a file, only the rows whose
keywords occur in the text run; the file is parsed once, only if at least one row runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.keywords import trie_regex

Extractor = Callable[[Any, "Context"], "dict[str, Any] | None"]


class AnchoredGate:
    """A gate regex whose every match ends with one of a few *words* followed by *suffix*: the
    words are found first, in one fast trie-regex pass, and the full regex runs only from the
    start of the line that holds each (plus what the suffix spans). The answer is the full
    regex's own; on a large file it comes tens of times faster than an alternation of many
    patterns tried at every position."""

    __slots__ = ("anchor", "full", "pattern")

    def __init__(self, full: str, words: Iterable[str], suffix: str) -> None:
        self.full = re.compile(full)
        self.anchor = re.compile(f"(?:{trie_regex(words)}){suffix}")
        self.pattern = full

    def search(self, text: str) -> re.Match[str] | None:
        for hit in self.anchor.finditer(text):
            found = self.full.search(text, text.rfind("\n", 0, hit.start()) + 1, hit.end())
            if found is not None:
                return found
        return None


@dataclass(frozen=True, slots=True)
class Spec:
    """One row of a language table: which nodes to find and what fact they make."""

    kind: str  # the fact kind emitted
    keywords: tuple[str, ...]  # the row runs only if one of these occurs in the text
    rule: dict[str, Any]  # an ast-grep rule object ({"rule": ..., "constraints": ...})
    extract: Extractor | None = None  # node -> fact data (or a list of them), or None to drop the match
    once: bool = False  # keep only the first fact of this row per file
    #: a second, sharper prefilter (a regex over the text) for rows whose keywords are common words
    gate: re.Pattern[str] | AnchoredGate | None = None


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
_INDEXES: dict[int, tuple[Sequence[Spec], re.Pattern[str], dict[str, tuple[int, ...]]]] = {}


def _keyword_index(table: Sequence[Spec]) -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """One regex finding every keyword of a table in a single pass over the text, and for each
    keyword the rows it activates, including those of the keywords it contains (a match of
    `ConnectionPool` also satisfies `Pool`). Built once per table."""
    known = _INDEXES.get(id(table))
    if known is not None and known[0] is table:
        return known[1], known[2]
    words = sorted({k for spec in table for k in spec.keywords}, key=len, reverse=True)
    rows = {w: tuple(i for i, spec in enumerate(table) if any(k in w for k in spec.keywords)) for w in words}
    pattern = re.compile(trie_regex(words))
    _INDEXES[id(table)] = (table, pattern, rows)
    return pattern, rows


def active_rows(text: str, table: Sequence[Spec]) -> list[Spec]:
    """The rows whose keywords occur in *text* (and whose gate, if any, matches), in table order."""
    pattern, rows = _keyword_index(table)
    hit: set[int] = set()
    for word in set(pattern.findall(text)):
        hit.update(rows[word])
    opened: dict[int, bool] = {}  # a gate shared by several rows is searched once

    def gate_open(gate: Any) -> bool:
        if id(gate) not in opened:
            opened[id(gate)] = gate.search(text) is not None
        return opened[id(gate)]

    return [table[i] for i in sorted(hit) if table[i].gate is None or gate_open(table[i].gate)]


#: a compiled node test: does this node (of a kind the query already selected) match?
NodeTest = Callable[[Any], bool]
_LOWERED: dict[int, tuple[Spec, dict[str, Any], NodeTest | None]] = {}


def _text_test(alternative: dict[str, Any]) -> NodeTest | None | bool:
    """The Python test for one `{kind, regex}` or `{kind, has: {field, regex}}` alternative; None
    when the kind alone decides; False when the shape is not one this module lowers."""
    keys = set(alternative)
    try:
        if keys == {"kind"}:
            return None
        if keys == {"kind", "regex"}:
            own = re.compile(alternative["regex"])
            return lambda node: own.search(node.text()) is not None
        if keys == {"kind", "has"} and set(alternative["has"]) == {"field", "regex"}:
            name, child_rx = alternative["has"]["field"], re.compile(alternative["has"]["regex"])

            def test(node: Any) -> bool:
                child = node.field(name)
                return child is not None and child_rx.search(child.text()) is not None

            return test
    except re.error:
        return False
    return False


def _lowered(spec: Spec) -> tuple[dict[str, Any], NodeTest | None]:
    """*spec*'s rule as a kind-only query plus a Python test of each node's text.

    ast-grep compiles a rule's regexes again on every `find_all` call (some 70 µs each, more than
    parsing a small file); the same regexes compiled once by Python, applied to the few nodes of
    the right kind, give the same matches: ast-grep's `regex` is an unanchored search of the
    node's text, and `has` with a `field` tests the child in that field. Rules of other shapes
    (patterns, constraints, nested relations) go to ast-grep unchanged."""
    known = _LOWERED.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1], known[2]
    query, test = spec.rule, None
    rule = spec.rule.get("rule") if set(spec.rule) == {"rule"} else None
    if isinstance(rule, dict):
        alternatives = rule["any"] if set(rule) == {"any"} and isinstance(rule["any"], list) else [rule]
        tests = [_text_test(a) if isinstance(a, dict) else False for a in alternatives]
        if all(t is not False for t in tests):
            kinds = [a["kind"] for a in alternatives]
            if len(kinds) == 1:
                query, only = {"rule": {"kind": kinds[0]}}, tests[0]
                test = only  # type: ignore[assignment]
            else:
                query = {"rule": {"any": [{"kind": k} for k in dict.fromkeys(kinds)]}}
                pairs = list(zip(kinds, tests))

                def test(node: Any) -> bool:  # type: ignore[misc]
                    kind = node.kind()
                    return any(k == kind and (t is None or t(node)) for k, t in pairs)
    _LOWERED[id(spec)] = (spec, query, test)
    return query, test


def run_table(source: Source, language: str, table: Sequence[Spec],
              post: Callable[[Context], list[Fact]] | None = None,
              post_gate: re.Pattern[str] | None = None, active: list[Spec] | None = None) -> list[Fact]:
    """Run the rows of *table* whose prefilters pass on *source* (*active*, when the caller has
    already computed them); parse at most once, and not at all when no row (and no *post* step,
    gated by *post_gate*) needs the tree."""
    text = source.text
    if active is None:
        active = active_rows(text, table)
    wants_post = post is not None and (post_gate is None or post_gate.search(text) is not None)
    if not active and not wants_post:
        return []
    from ast_grep_py import SgRoot  # lazy: keeps `twelve --version` fast

    root = SgRoot(text, language).root()
    ctx = Context(source, root)
    facts: list[Fact] = []
    for spec in active:
        query, test = _lowered(spec)
        for node in root.find_all(query):
            if test is not None and not test(node):
                continue
            result = spec.extract(node, ctx) if spec.extract else {}
            if result is None:
                continue
            for data in result if isinstance(result, list) else [result]:
                # a row may state a fact of another kind (`_kind`), on another line (`_line`), and
                # name a literal its data masks (`_mask`: raw, shown) that the excerpt must mask too
                line = data.pop("_line", None) or line_of(node)
                kind = data.pop("_kind", None) or spec.kind
                mask = data.pop("_mask", None)
                made = source.fact(kind, line, **data)
                facts.append(_masked(made, mask) if mask else made)
            if spec.once and result:
                break
    if wants_post:
        facts.extend(post(ctx))  # type: ignore[misc]
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
