"""Go modules: go.mod and go.work (declarations) and go.sum (the checksums that pin them).

go.mod lists each required module at one exact version (minimal version selection), so every
requirement is pinned; go.sum records the hash of each module version the build may download.
A malformed file raises ValueError (the file goes to coverage), as the go command would refuse it.
A vendored ``vendor/`` tree is not read here: the walk prunes it and lists it in
``Repository.vendored_dirs``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from twelve.facts.base import Fact, Source

_DIRECTIVES = frozenset(
    {"module", "go", "toolchain", "require", "replace", "exclude", "retract", "godebug", "use", "tool"}
)
_VERSION = re.compile(r"^v\d+(\.\d+){0,2}([-+][\w.+-]*)?$")


def _strip_comment(line: str) -> tuple[str, str]:
    """(code, comment) of one line; `//` inside a quoted path is not a comment."""
    in_quote = False
    for index, char in enumerate(line):
        if char in '"`':
            in_quote = not in_quote
        elif char == "/" and not in_quote and line[index : index + 2] == "//":
            return line[:index].strip(), line[index + 2 :].strip()
    return line.strip(), ""


def _unquote(word: str) -> str:
    return word[1:-1] if len(word) >= 2 and word[0] == word[-1] and word[0] in '"`' else word


def _entries(text: str) -> Iterator[tuple[str, list[str], str, int]]:
    """(directive, arguments, comment, line) for every statement, blocks opened up."""
    block: str | None = None
    block_line = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        code, comment = _strip_comment(raw)
        if not code:
            continue
        if block is not None:
            if code == ")":
                block = None
                continue
            yield block, [_unquote(w) for w in code.split()], comment, number
            continue
        words = code.split()
        directive = words[0]
        if directive not in _DIRECTIVES:
            raise ValueError(f"line {number}: unknown directive {directive!r}")
        if words[1:] == ["("]:
            block, block_line = directive, number
            continue
        if "(" in words[1:2] and code.endswith(")"):  # require ( a v1 ) on one line
            inner = code[code.index("(") + 1 : -1].split()
            yield directive, [_unquote(w) for w in inner], comment, number
            continue
        yield directive, [_unquote(w) for w in words[1:]], comment, number
    if block is not None:
        raise ValueError(f"line {block_line}: {block} block is not closed")


def _go_mod(source: Source) -> list[Fact]:
    facts: list[Fact] = []
    module = go_version = toolchain = None
    requires: list[tuple[int, str, str, bool]] = []
    replaces: dict[str, tuple[str, str | None, int]] = {}
    for directive, args, comment, line in _entries(source.text):
        if directive == "module":
            if len(args) != 1:
                raise ValueError(f"line {line}: module takes one path")
            module = args[0]
        elif directive == "go":
            go_version = args[0] if args else None
        elif directive == "toolchain":
            toolchain = args[0] if args else None
        elif directive == "require":
            if len(args) != 2:
                raise ValueError(f"line {line}: require needs a module path and a version")
            requires.append((line, args[0], args[1], "indirect" in comment.split(";")[0].split()))
        elif directive == "replace":
            if "=>" not in args:
                raise ValueError(f"line {line}: replace needs =>")
            arrow = args.index("=>")
            old, new = args[:arrow], args[arrow + 1 :]
            if not old or not new:
                raise ValueError(f"line {line}: replace needs a module on both sides")
            replaces[old[0]] = (new[0], new[1] if len(new) > 1 else None, line)
    for line, path, version, indirect in requires:
        replaced = replaces.get(path)
        target = replaced[0] if replaced else None
        local = target is not None and bool(target) and (target.startswith(("./", "../", "/")) or target in (".", ".."))
        facts.append(
            source.fact(
                "dep.declared",
                line,
                ecosystem="go",
                manifest=source.path,
                name=path,
                display=path,
                spec=version,
                pinned=bool(_VERSION.match(version)),
                url=None,
                editable=local,
                hashed=False,
                group="indirect" if indirect else "main",
                indirect=indirect,
                replaced_by=target,
                local=local,
            )
        )
    direct = sum(1 for r in requires if not r[3])
    facts.insert(
        0,
        source.fact(
            "dep.manifest",
            1,
            ecosystem="go",
            kind="go.mod",
            count=len(requires),
            direct=direct,
            group="main",
            module=module,
            go_version=go_version,
            toolchain=toolchain,
            replaces=[{"module": old, "target": new, "line": ln} for old, (new, _v, ln) in sorted(replaces.items())],
        ),
    )
    return facts


def _go_work(source: Source) -> list[Fact]:
    uses: list[str] = []
    go_version = None
    for directive, args, _comment, line in _entries(source.text):
        if directive == "use":
            uses.extend(args)
        elif directive == "go":
            go_version = args[0] if args else None
        elif directive not in ("toolchain", "replace", "godebug"):
            raise ValueError(f"line {line}: {directive} is not a go.work directive")
    return [
        source.fact(
            "dep.manifest",
            1,
            ecosystem="go",
            kind="go.work",
            count=0,
            group="main",
            go_version=go_version,
            includes=uses,
            workspace=uses,
        )
    ]


def _go_sum(source: Source) -> list[Fact]:
    modules: dict[str, None] = {}
    lines = 0
    for number, raw in enumerate(source.text.splitlines(), start=1):
        words = raw.split()
        if not words:
            continue
        if len(words) != 3 or not words[2].startswith("h1:"):
            raise ValueError(f"line {number}: malformed go.sum line")
        modules.setdefault(words[0], None)
        lines += 1
    return [
        source.fact(
            "dep.lock", 1, ecosystem="go", kind="go.sum", packages=list(modules), count=len(modules), entries=lines
        )
    ]


def extract(source: Source) -> list[Fact]:
    name = posixpath.basename(source.path)
    if name == "go.sum":
        return _go_sum(source)
    if name == "go.work":
        return _go_work(source)
    return _go_mod(source)
