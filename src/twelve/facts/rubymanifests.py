"""Bundler: Gemfile / gems.rb (declarations) and Gemfile.lock (the resolved versions).

A Gemfile is Ruby, so it is read with the Ruby grammar (ast-grep): `gem` calls with their version
constraints and options, inside `group ... do` blocks or with a `group:` option. Gemfile.lock is
Bundler's own line format: the `specs:` of its GEM/GIT/PATH sections are the locked packages. A
file that has none of Gemfile.lock's sections raises ValueError (coverage records it).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.code import line_of
from twelve.facts.ruby import _arguments, _method, literal

_DEV_GROUPS = frozenset({"development", "test", "dev", "ci", "rubocop", "lint"})
_EXACT = re.compile(r"^=?\s*\d+(\.\d+)*([.-]\w+)*$")


def _symbols(nodes: list[Any]) -> list[str]:
    out = []
    for node in nodes:
        if node.kind() == "array":
            out.extend(_symbols([c for c in node.children() if c.is_named()]))
            continue
        ok, value = literal(node)
        if ok and value is not None:
            out.append(str(value))
    return out


def _enclosing_groups(node: Any) -> list[str]:
    groups: list[str] = []
    for anc in node.ancestors():
        if anc.kind() == "call" and anc.field("receiver") is None and _method(anc) == "group":
            positional, _ = _arguments(anc)
            groups.extend(_symbols(positional))
    return groups


def _group_of(groups: list[str]) -> str:
    if not groups:
        return "main"
    if all(g in _DEV_GROUPS for g in groups):
        return "dev"
    return "main" if "production" in groups or "default" in groups else groups[0]


def _gem(node: Any, source: Source) -> Fact | None:
    positional, keywords = _arguments(node)
    if not positional:
        return None
    ok, name = literal(positional[0])
    if not ok or not isinstance(name, str) or not name:
        return None
    constraints = [str(v) for ok_v, v in (literal(a) for a in positional[1:]) if ok_v and v is not None]
    groups = _enclosing_groups(node)
    for key in ("group", "groups"):
        if key in keywords:
            groups.extend(_symbols([keywords[key]]))
    url = None
    for key in ("git", "github", "gitlab", "bitbucket"):
        if key in keywords:
            ok_u, value = literal(keywords[key])
            url = (f"https://github.com/{value}" if key == "github" else str(value)) if ok_u else keywords[key].text()
    path = None
    if "path" in keywords:
        ok_p, value = literal(keywords["path"])
        path = str(value) if ok_p else keywords["path"].text()
    pinned = len(constraints) == 1 and bool(_EXACT.match(constraints[0].strip()))
    ref = None
    for key in ("tag", "ref", "branch"):
        if key in keywords:
            ok_r, value = literal(keywords[key])
            ref = f"{key}: {value}" if ok_r else None
    required = keywords.get("require")
    return source.fact(
        "dep.declared",
        line_of(node),
        ecosystem="ruby",
        manifest=source.path,
        name=name.lower(),
        display=name,
        spec=", ".join(constraints),
        pinned=pinned or (url is not None and ref is not None and ref.startswith(("tag", "ref"))),
        url=url,
        editable=path is not None,
        path=path,
        hashed=False,
        group=_group_of(groups),
        groups=sorted(set(groups)),
        ref=ref,
        require=None if required is None else required.text(),
    )


def _gemfile(source: Source) -> list[Fact]:
    from ast_grep_py import SgRoot  # lazy: keeps `twelve --version` fast

    facts: list[Fact] = []
    text = source.text
    if "gem" not in text and "source" not in text:
        return [
            source.fact(
                "dep.manifest",
                1,
                "",
                ecosystem="ruby",
                kind=posixpath.basename(source.path),
                count=0,
                group="main",
                ruby=None,
                sources=[],
                gemspec=False,
            )
        ]
    root = SgRoot(text, "ruby").root()
    ruby_version = None
    sources: list[str] = []
    gemspec = False
    for call in root.find_all(
        {"rule": {"kind": "call", "has": {"field": "method", "regex": "^(gem|ruby|source|gemspec)$"}}}
    ):
        if call.field("receiver") is not None:
            continue
        method = _method(call)
        if method == "gem":
            fact = _gem(call, source)
            if fact is not None:
                facts.append(fact)
        elif method == "ruby":
            positional, _ = _arguments(call)
            ok, value = literal(positional[0]) if positional else (False, None)
            ruby_version = str(value) if ok and value is not None else None
        elif method == "source":
            positional, _ = _arguments(call)
            ok, value = literal(positional[0]) if positional else (False, None)
            if ok and value is not None:
                sources.append(str(value))
        else:
            gemspec = True
    if re.search(r"^\s*gemspec\b", text, re.M):
        gemspec = True
    facts.insert(
        0,
        source.fact(
            "dep.manifest",
            1,
            ecosystem="ruby",
            kind=posixpath.basename(source.path),
            count=len(facts),
            group="main",
            ruby=ruby_version,
            sources=sources,
            gemspec=gemspec,
        ),
    )
    return facts


_SECTION = re.compile(r"^(GEM|GIT|PATH|PLATFORMS|DEPENDENCIES|RUBY VERSION|BUNDLED WITH|CHECKSUMS|PLUGIN SOURCE)\s*$")
_SPEC = re.compile(r"^ {4}([A-Za-z0-9_.\-]+) \(([^)]+)\)\s*$")


def _lockfile(source: Source) -> list[Fact]:
    section = None
    in_specs = False
    packages: dict[str, str] = {}
    platforms: list[str] = []
    dependencies: list[str] = []
    bundler = ruby = None
    sections = 0
    for number, raw in enumerate(source.text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            in_specs = False
            continue
        head = _SECTION.match(line)
        if head:
            section, in_specs = head.group(1), False
            sections += 1
            continue
        if section is None:
            raise ValueError(f"line {number}: text before the first Gemfile.lock section")
        if section in ("GEM", "GIT", "PATH", "PLUGIN SOURCE"):
            if line.strip() == "specs:":
                in_specs = True
                continue
            if in_specs:
                spec = _SPEC.match(line)
                if spec:
                    packages.setdefault(spec.group(1).lower(), spec.group(2).split("-", 1)[0])
                elif not line.startswith("      "):
                    raise ValueError(f"line {number}: malformed spec line")
        elif section == "PLATFORMS":
            platforms.append(line.strip())
        elif section == "DEPENDENCIES":
            dependencies.append(line.strip().split(" ", 1)[0].rstrip("!"))
        elif section == "BUNDLED WITH":
            bundler = line.strip()
        elif section == "RUBY VERSION":
            ruby = line.strip()
    if sections == 0:
        raise ValueError("not a Gemfile.lock: no GEM, PLATFORMS or DEPENDENCIES section")
    return [
        source.fact(
            "dep.lock",
            1,
            "",
            ecosystem="ruby",
            kind="Gemfile.lock",
            packages=sorted(packages),
            count=len(packages),
            versions=packages,
            platforms=platforms,
            dependencies=dependencies,
            bundler=bundler,
            ruby=ruby,
        )
    ]


def extract(source: Source) -> list[Fact]:
    if not source.text.strip():
        return []
    if posixpath.basename(source.path).endswith(".lock"):
        return _lockfile(source)
    return _gemfile(source)


__all__ = ["extract"]
