"""YAML read safely, with line numbers, YAML 1.2 scalars and a bound on aliases.

PyYAML's composer (C when available) builds the node graph; values are constructed here, so:
- `on:`/`no`/`yes` stay strings (YAML 1.1 booleans mislead rules about CI triggers);
- every mapping and sequence remembers the line of each key/item;
- duplicate keys are recorded (last one wins, as in most loaders);
- a shared alias node is built once, and a node budget stops alias bombs.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship libyaml
    _Loader = yaml.SafeLoader

MAX_NODES = 200_000
MAX_DEPTH = 200
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")


class YamlError(ValueError):
    pass


class LDict(dict):
    """A mapping that knows the line (1-based) of each of its keys."""

    __slots__ = ("lines", "line", "duplicates")

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}
        self.line = 0
        self.duplicates: list[str] = []

    def line_of(self, key: Any, default: int | None = None) -> int | None:
        return self.lines.get(key, default if default is not None else self.line)


class LList(list):
    """A sequence that knows the line (1-based) of each item."""

    __slots__ = ("lines", "line")

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []
        self.line = 0

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always a string
        return value
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return value
    low = value.lower()
    if low in ("null", "~", ""):
        return None
    if low in ("true", "false"):
        return low == "true"
    if _INT.match(value):
        try:
            return int(value.replace("_", ""))
        except ValueError:
            return value
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return value  # keep "1.10" as written: versions are strings for our rules
    return value


class _Builder:
    """Builds the values of a node graph, charging every node as often as it appears once
    aliases are expanded: readers walk the result as a tree, so a shared node costs its whole
    subtree each time it is referenced (a "billion laughs" document fails here, in bounded time,
    instead of in an extractor's loop). Recursive aliases are refused for the same reason."""

    def __init__(self) -> None:
        self.count = 0
        #: id(node) -> (value, expanded size, height)
        self.memo: dict[int, tuple[Any, int, int]] = {}
        self.building: set[int] = set()

    def _charge(self, nodes: int, depth: int) -> None:
        self.count += nodes
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise YamlError("document too large or too deeply nested (alias expansion bounded)")

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        key = id(node)
        if key in self.memo:
            if key in self.building:
                raise YamlError("recursive alias (a node that contains itself)")
            value, size, height = self.memo[key]
            self._charge(size, depth + height)
            return value
        start = self.count
        self._charge(1, depth)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        self.building.add(key)
        try:
            value, height = self._composite(node, depth)
        finally:
            self.building.discard(key)
        self.memo[key] = (value, self.count - start, height)
        return value

    def _composite(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        height = 0
        if isinstance(node, yaml.SequenceNode):
            out = LList()
            out.line = node.start_mark.line + 1
            self.memo[id(node)] = (out, 0, 0)  # seen while building: a self-reference is refused above
            for item in node.value:
                out.append(self.build(item, depth + 1))
                out.lines.append(item.start_mark.line + 1)
                height = max(height, self._height(item) + 1)
            return out, height
        if isinstance(node, yaml.MappingNode):
            out_map = LDict()
            out_map.line = node.start_mark.line + 1
            self.memo[id(node)] = (out_map, 0, 0)
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or (
                    isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style
                ):
                    merged = self.build(value_node, depth + 1)
                    height = max(height, self._height(value_node))
                    for part in merged if isinstance(merged, list) else [merged]:
                        if isinstance(part, LDict):
                            for k, v in part.items():
                                if k not in out_map:
                                    out_map[k] = v
                                    out_map.lines[k] = part.lines.get(k, out_map.line)
                    continue
                k = self.build(key_node, depth + 1) if not isinstance(key_node, yaml.ScalarNode) else key_node.value
                if isinstance(k, (dict, list)):
                    k = str(k)
                if k in out_map:
                    out_map.duplicates.append(str(k))
                out_map[k] = self.build(value_node, depth + 1)
                out_map.lines[k] = key_node.start_mark.line + 1
                height = max(height, self._height(value_node) + 1)
            return out_map, height
        return None, 0  # pragma: no cover

    def _height(self, node: yaml.Node) -> int:
        entry = self.memo.get(id(node))
        return entry[2] if entry is not None else 0


def load_all(text: str) -> list[Any]:
    """Every document of *text*; raises YamlError on syntax errors or oversized documents."""
    builder = _Builder()
    documents: list[Any] = []
    try:
        for doc in yaml.compose_all(text, Loader=_Loader):
            if doc is not None:
                documents.append(builder.build(doc))
            # node ids are reused once a document is freed: the memo of shared nodes (aliases)
            # must never carry over to the next document; the node budget does
            builder.memo.clear()
            builder.building.clear()
        return documents
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise YamlError(f"invalid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    except RecursionError:
        raise YamlError("document too deeply nested") from None


def load(text: str) -> Any:
    docs = load_all(text)
    return docs[0] if docs else None
