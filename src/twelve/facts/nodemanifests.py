"""Node.js manifests and lock files: package.json, package-lock.json / npm-shrinkwrap.json,
yarn.lock (classic and berry), pnpm-lock.yaml and bun.lock; and the datasource of a Prisma schema
(schema.prisma, once that file kind is routed here).

package.json gives `dep.manifest` (with its scripts, `main`, `engines`), one `dep.declared` per
dependency and one `node.script` per npm script; a lock gives one `dep.lock` with the package
names it resolves. pm2 ecosystem files are JavaScript: facts/javascript.py reads them (it parses
each file once). Lock files are read line by line where their format allows it, so that a large
lock costs no more than a scan.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.secrets import redact

MAX_LOCK_PACKAGES = 20_000
_GROUPS = (
    ("dependencies", "main"),
    ("devDependencies", "dev"),
    ("optionalDependencies", "optional"),
    ("peerDependencies", "peer"),
)
#: an exact version: 1.2.3, =1.2.3, v1.2.3, 1.2.3-beta.1+build
_EXACT = re.compile(r"^=?v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")
_URL_SPEC = re.compile(r"^(git\+|git:|https?:|github:|gitlab:|bitbucket:|file:|link:|portal:)|^[\w.-]+/[\w.-]+(#.*)?$")
_SCRIPT_MAX = 300


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _section_offset(text: str, name: str) -> int | None:
    match = re.search(r'"' + re.escape(name) + r'"\s*:\s*\{', text)
    return match.end() if match else None


def _key_line(text: str, key: str, start: int | None) -> int | None:
    """The line of `"key":` at or after *start* (the opening of its section)."""
    if start is None:
        return None
    match = re.compile(r'"' + re.escape(key) + r'"\s*:').search(text, start)
    return _line_at(text, match.start()) if match else None


def _pinned(spec: str) -> bool:
    spec = spec.strip()
    if spec.startswith("npm:") and "@" in spec[5:]:  # alias: npm:name@1.2.3
        spec = spec.rsplit("@", 1)[1]
    if _EXACT.match(spec):
        return True
    # a git dependency fixed to a full commit id is exact as well
    return bool(re.search(r"#[0-9a-f]{40}$", spec))


def _package_json(source: Source) -> list[Fact]:
    data = json.loads(source.text)
    if not isinstance(data, dict):
        raise ValueError("package.json does not hold a JSON object")
    text = source.text
    facts: list[Fact] = []
    count = 0
    for section, group in _GROUPS:
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        start = _section_offset(text, section)
        for name, spec in table.items():
            if not isinstance(name, str):
                continue
            spec_text = spec if isinstance(spec, str) else ""
            url = spec_text if _URL_SPEC.match(spec_text) and not _EXACT.match(spec_text) else None
            facts.append(
                source.fact(
                    "dep.declared",
                    _key_line(text, name, start),
                    ecosystem="node",
                    manifest=source.path,
                    name=name.lower(),
                    display=name,
                    spec=spec_text,
                    pinned=_pinned(spec_text),
                    url=url,
                    editable=spec_text.startswith(("file:", "link:", "workspace:", "portal:")),
                    hashed=False,
                    group=group,
                )
            )
            if group != "peer":
                count += 1
    scripts_value = data.get("scripts")
    scripts = scripts_value if isinstance(scripts_value, dict) else {}
    start = _section_offset(text, "scripts")
    shown: dict[str, str] = {}
    for name, command in scripts.items():
        if not isinstance(name, str) or not isinstance(command, str):
            continue
        shown[name] = command[:_SCRIPT_MAX]
        facts.append(source.fact("node.script", _key_line(text, name, start), name=name, command=command[:_SCRIPT_MAX]))
    engines_value = data.get("engines")
    engines = engines_value if isinstance(engines_value, dict) else {}
    workspaces = data.get("workspaces")
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    facts.append(
        source.fact(
            "dep.manifest",
            1,
            ecosystem="node",
            kind="package.json",
            count=count,
            group="main",
            name=data.get("name") if isinstance(data.get("name"), str) else None,
            scripts=shown,
            main=data.get("main") if isinstance(data.get("main"), str) else None,
            engines={k: str(v) for k, v in engines.items() if isinstance(k, str)},
            module_type=data.get("type") if isinstance(data.get("type"), str) else None,
            private=data.get("private") is True,
            workspaces=[w for w in workspaces if isinstance(w, str)] if isinstance(workspaces, list) else [],
            package_manager=data.get("packageManager") if isinstance(data.get("packageManager"), str) else None,
        )
    )
    return facts


def _npm_lock(source: Source) -> tuple[list[str], dict[str, Any]]:
    data = json.loads(source.text)
    if not isinstance(data, dict):
        raise ValueError("npm lock does not hold a JSON object")
    names: list[str] = []
    packages = data.get("packages")
    if isinstance(packages, dict):
        for key in packages:
            if isinstance(key, str) and "node_modules/" in key:
                names.append(key.rsplit("node_modules/", 1)[1])
    dependencies = data.get("dependencies")
    if isinstance(dependencies, dict):  # lockfile v1
        stack = [dependencies]
        while stack and len(names) < MAX_LOCK_PACKAGES * 2:
            table = stack.pop()
            for name, entry in table.items():
                if isinstance(name, str):
                    names.append(name)
                if isinstance(entry, dict) and isinstance(entry.get("dependencies"), dict):
                    stack.append(entry["dependencies"])
    version = data.get("lockfileVersion")
    return names, {"lockfile_version": version if isinstance(version, int) and not isinstance(version, bool) else None}


def _name_before_version(key: str) -> str | None:
    """`@scope/pkg@^1.0.0` -> `@scope/pkg`; `pkg@npm:1.0.0` -> `pkg`."""
    key = key.strip().strip("\"'")
    at = key.find("@", 1)
    if at <= 0:
        return key or None
    return key[:at]


def _yarn_lock(source: Source) -> tuple[list[str], dict[str, Any]]:
    names: list[str] = []
    for line in source.text.splitlines():
        if not line or line[0] in " \t#" or not line.rstrip().endswith(":"):
            continue
        head = line.rstrip()[:-1]
        if head.strip("\"'") == "__metadata":
            continue
        for entry in head.split(","):
            name = _name_before_version(entry)
            if name:
                names.append(name)
    return names, {"berry": "__metadata:" in source.text}


_PNPM_KEY = re.compile(r"^  ['\"]?(/?(?:@[^/\s'\"]+/)?[^@\s'\"(/][^@\s'\"(]*)[@/]")


def _pnpm_lock(source: Source) -> tuple[list[str], dict[str, Any]]:
    names: list[str] = []
    section = None
    version = None
    for line in source.text.splitlines():
        if line and not line[0].isspace():
            section = line.split(":", 1)[0].strip()
            if section == "lockfileVersion":
                version = line.split(":", 1)[1].strip().strip("'\"") or None
            continue
        if section not in ("packages", "snapshots") or not line.startswith("  ") or line.startswith("   "):
            continue
        match = _PNPM_KEY.match(line)
        if match:
            names.append(match.group(1).lstrip("/"))
    return names, {"lockfile_version": version}


_BUN_KEY = re.compile(r'^    "((?:@[^/"]+/)?[^"@]+)"\s*:\s*\[')


def _bun_lock(source: Source) -> tuple[list[str], dict[str, Any]]:
    names: list[str] = []
    section = None
    for line in source.text.splitlines():
        top = re.match(r'^  "(\w+)"\s*:', line)
        if top:
            section = top.group(1)
            continue
        if section == "packages":
            match = _BUN_KEY.match(line)
            if match:
                names.append(match.group(1))
    return names, {}


_LOCKS = {
    "package-lock.json": ("npm", _npm_lock),
    "npm-shrinkwrap.json": ("npm-shrinkwrap", _npm_lock),
    "yarn.lock": ("yarn", _yarn_lock),
    "pnpm-lock.yaml": ("pnpm", _pnpm_lock),
    "bun.lock": ("bun", _bun_lock),
}


def _lock(source: Source) -> list[Fact]:
    found = _LOCKS.get(posixpath.basename(source.path))
    if found is None:
        return []
    kind, reader = found
    names, extra = reader(source)
    unique = sorted({n.lower() for n in names if n})
    return [
        source.fact(
            "dep.lock", 1, ecosystem="node", kind=kind, packages=unique[:MAX_LOCK_PACKAGES], count=len(unique), **extra
        )
    ]


_PRISMA_SERVICES = {
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "cockroachdb": "postgresql",
    "mysql": "mysql",
    "sqlite": "sqlite",
    "sqlserver": "mssql",
    "mongodb": "mongodb",
}
_PRISMA_BLOCK = re.compile(r"^\s*datasource\s+\w+\s*\{(?P<body>[^}]*)\}", re.MULTILINE)
_PRISMA_SETTING = re.compile(
    r"^\s*(?P<key>provider|url|directUrl|shadowDatabaseUrl)\s*=\s*"
    r"(?P<value>\"[^\"\n]*\"|env\([^)\n]*\)|[^\s/]+)",
    re.MULTILINE,
)
_PRISMA_ENV = re.compile(r"""^env\(\s*["'](?P<name>[^"']+)["']\s*\)$""")
_PRISMA_STRING = re.compile(r'^"(?P<value>[^"]*)"$')


def _prisma_schema(source: Source) -> list[Fact]:
    """`datasource db { provider = "postgresql"  url = env("DATABASE_URL") }` of a Prisma schema:
    the database the Prisma client connects to, and the variable that locates it."""
    facts: list[Fact] = []
    text = source.text
    for block in _PRISMA_BLOCK.finditer(text):
        provider = None
        args: list[dict[str, Any]] = []
        for setting in _PRISMA_SETTING.finditer(block.group("body")):
            key, value = setting.group("key"), setting.group("value").strip()
            line = _line_at(text, block.start("body") + setting.start("key"))
            literal = _PRISMA_STRING.match(value)
            if key == "provider":
                provider = literal.group("value") if literal else None
                continue
            env = _PRISMA_ENV.match(value)
            if env:
                args.append(
                    {
                        "key": key,
                        "source": "env",
                        "env_name": env.group("name"),
                        "env_has_default": False,
                        "env_default": None,
                    }
                )
                facts.append(
                    source.fact(
                        "env.read",
                        line,
                        name=env.group("name"),
                        has_default=False,
                        default=None,
                        api="prisma env()",
                        lang="prisma",
                    )
                )
            elif literal:
                raw = literal.group("value")
                args.append(
                    {
                        "key": key,
                        "source": "literal",
                        "value": redact(raw) if "://" in raw else raw,
                        "value_kind": "str",
                        "grade": None,
                    }
                )
            else:
                args.append({"key": key, "source": "other", "text": value[:120]})
        service = _PRISMA_SERVICES.get((provider or "").lower(), "sql")
        facts.append(
            source.fact(
                "client",
                _line_at(text, block.start("body") - 1) if block.start("body") else 1,
                service=service,
                api=f"prisma datasource ({provider or '?'})",
                args=args,
                lang="prisma",
            )
        )
    return facts


def extract(source: Source) -> list[Fact]:
    if source.kind == "prisma_schema" or posixpath.basename(source.path) == "schema.prisma":
        return _prisma_schema(source)
    if source.kind == "package_json":
        if not source.text.strip():
            raise ValueError("empty package.json")
        return _package_json(source)
    if source.kind == "node_lock":
        return _lock(source)
    return []  # pm2 ecosystem files: read by facts/javascript.py


__all__ = ["extract"]
