"""Rails YAML configuration (database.yml, storage.yml, cable.yml, cache.yml, queue.yml, sidekiq.yml)
and credentials files (master.key, credentials*.yml.enc, secrets.yml).

The YAML files are ERB templates. They are never evaluated: each `<%= ... %>` tag is replaced by a
placeholder before the YAML is read safely (yamlio), and the placeholder's value is described from
the tag's text (`ENV["X"]`, `ENV.fetch("X") { d }` -> an environment read; anything else -> "other").
`<% ... %>` control tags are blanked, keeping the lines where they are.

Facts: every leaf setting is a ``config.assign`` with ``container: "file"`` and, in files keyed by
environment (database.yml, cable.yml, cache.yml, queue.yml), ``class``/``environment`` naming it;
settings of development and test blocks carry the dev/test scope, like
config/environments/development.rb does. database.yml and cable.yml blocks are also ``client``
facts (the connection each environment opens), and every ERB environment read is an ``env.read``.
Credentials files give a ``credentials.file`` fact (``kind``: key | encrypted | secrets_yml); a key's
or a ciphertext's content is never kept.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from twelve.facts.base import Fact, Source, clip
from twelve.facts.secrets import grade_value, mask, redact
from twelve.facts.yamlio import LDict, load
from twelve.model import Scope

_ERB = re.compile(r"<%(=|-|#)?(.*?)-?%>", re.S)
_TOKEN = "__erb{}__"
_TOKEN_RE = re.compile(r"__erb(\d+)__")
_ENV_EXPR = re.compile(
    r"""^\s*(?:::)?ENV\s*(?:\[\s*(['"])(?P<n1>[^'"]+)\1\s*\]|\.fetch\(\s*(['"])(?P<n2>[^'"]+)\3\s*(?:,\s*(?P<d1>[^)]*?))?\s*\)"""
    r"""(?:\s*\{\s*(?P<d2>[^}]*?)\s*\})?)(?P<rest>.*)$""",
    re.S,
)
_PER_ENVIRONMENT = frozenset({"database.yml", "cable.yml", "cache.yml", "queue.yml"})
_DEV = re.compile(r"(?i)^(dev|development|local)$")
_TEST = re.compile(r"(?i)^(test|testing|ci)$")
_CONNECTION_KEYS = frozenset({"adapter", "url", "host", "database", "username", "password", "port", "socket"})
_ARG_KEYS = {
    "url": "url",
    "host": "host",
    "database": "database",
    "password": "password",
    "port": "port",
    "socket": "path",
    "username": "user",
    "channel_prefix": None,
}


def neutralise(text: str) -> tuple[str, list[str]]:
    """*text* with ERB tags replaced (output tags by placeholders, the rest blanked) and the
    expressions of the output tags, in order. Lines keep their numbers."""
    expressions: list[str] = []

    def replace(match: re.Match[str]) -> str:
        kind, body = match.group(1), match.group(2)
        newlines = "\n" * body.count("\n")
        if kind == "=":
            expressions.append(body.strip())
            return _TOKEN.format(len(expressions) - 1) + newlines
        return newlines

    return _ERB.sub(replace, text), expressions


def _expression_value(expr: str) -> dict[str, Any]:
    match = _ENV_EXPR.match(expr)
    if match is None or match.group("rest").strip() not in ("", ".to_i", ".to_s", ".presence", ".to_sym"):
        if re.search(r"\bENV\s*[\[.]", expr):
            found = re.search(r"""ENV\s*(?:\[|\.fetch\()\s*['"]([^'"]+)""", expr)
            return {
                "source": "env",
                "env_name": found.group(1) if found else None,
                "env_has_default": "||" in expr or "fetch" in expr,
                "env_default": None,
            }
        return {"source": "other", "text": clip(expr, 120)}
    name = match.group("n1") or match.group("n2")
    default = match.group("d1") if match.group("d1") is not None else match.group("d2")
    shown = None
    if default is not None:
        stripped = default.strip()
        shown = (
            stripped[1:-1] if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"" else stripped
        )
    return {"source": "env", "env_name": name, "env_has_default": default is not None, "env_default": shown}


def _describe(value: Any, expressions: list[str], key: str) -> dict[str, Any]:
    """A value description of one YAML scalar (placeholders resolved to their ERB expression)."""
    if isinstance(value, str) and _TOKEN_RE.search(value):
        tokens = [int(t) for t in _TOKEN_RE.findall(value)]
        parts = [
            _expression_value(expressions[t]) if t < len(expressions) else {"source": "other", "text": ""}
            for t in tokens
        ]
        whole = _TOKEN_RE.fullmatch(value.strip()) is not None
        env = next((p for p in parts if p["source"] == "env"), None)
        if whole and parts:
            info: dict[str, Any] = dict(parts[0])
        elif env is not None:
            info = {**env, "template": clip(_TOKEN_RE.sub("<%= … %>", value), 120)}
        else:
            info = {"source": "other", "text": clip(_TOKEN_RE.sub("<%= … %>", value), 120)}
        if isinstance(info.get("env_default"), str):
            info["env_default"] = _shown(key, info["env_default"])[0]
        return info
    if isinstance(value, (dict, list)):
        return {"source": "other", "text": "…"}
    shown, grade = _shown(key, value)
    info = {"source": "literal", "value": shown}
    if isinstance(value, str):
        info["grade"] = grade
    return info


def _shown(key: str, value: Any) -> tuple[Any, str | None]:
    """(printable value, grade): URL passwords and secret-looking values masked."""
    if not isinstance(value, str) or not value:
        return value, None
    if "://" in value:
        match = re.match(r"^([a-z][a-z0-9+.-]*://[^/@\s:]*:)([^@\s]+)@", value, re.I)
        if match is None:
            return redact(value), None
        grade = grade_value("password", match.group(2))
        return value[: match.start(2)] + (mask(match.group(2)) if grade else match.group(2)) + value[
            match.end(2) :
        ], grade
    if not _SECRET_KEY.search(key):
        return value, None
    grade = grade_value(key, value)
    return (mask(value) if grade == "secret" else value), grade


_SECRET_KEY = re.compile(r"(?i)pass|secret|token|key|credential|pwd|salt")


def _scope(source: Source, environment: str | None) -> Scope:
    if source.scope is not Scope.PRODUCTION or environment is None:
        return source.scope
    if _DEV.match(environment):
        return Scope.DEV
    if _TEST.match(environment):
        return Scope.TEST
    return source.scope


def _fact(src: Source, kind: str, line: int | None, scope: Scope, /, **data: Any) -> Fact:
    excerpt = None
    raw = data.pop("_raw", None)
    if isinstance(raw, str) and raw and data.get("value") != raw:
        # the value was masked: mask it in the excerpt too (the generic redaction may not know the key)
        excerpt = src.line_text(line).replace(raw, str(data.get("value")))
    made = src.fact(kind, line, excerpt, **data) if excerpt is not None else src.fact(kind, line, **data)
    return made if made.scope is scope else Fact(made.kind, made.path, made.line, made.excerpt, made.data, scope)


def _leaves(node: Any, prefix: str, depth: int = 0) -> list[tuple[str, str, Any, int | None]]:
    """(key, dotted path, value, line) of every scalar (and list) under a mapping."""
    out: list[tuple[str, str, Any, int | None]] = []
    if depth > 8 or not isinstance(node, LDict):
        return out
    for key, value in node.items():
        name = str(key).lstrip(":")
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(value, LDict):
            out.extend(_leaves(value, path, depth + 1))
        else:
            out.append((name, path, value, node.line_of(key)))
    return out


def _connection_blocks(env_name: str, block: Any) -> list[tuple[str, LDict]]:
    """The connection settings of one environment: itself, or each database of a multi-db block."""
    if not isinstance(block, LDict):
        return []
    if _CONNECTION_KEYS & {str(k) for k in block}:
        return [(env_name, block)]
    return [
        (f"{env_name}.{name}", sub)
        for name, sub in block.items()
        if isinstance(sub, LDict) and _CONNECTION_KEYS & {str(k) for k in sub}
    ]


def _service(adapter: Any, url: dict[str, Any] | None, file: str) -> str:
    if isinstance(adapter, str) and not _TOKEN_RE.search(adapter):
        name = adapter.lower()
        if name.startswith(("postgres", "postgis")):
            return "postgresql"
        if name in ("mysql2", "mysql", "trilogy", "jdbcmysql"):
            return "mysql"
        if name.startswith("sqlite"):
            return "sqlite"
        if name in ("redis",):
            return "redis"
        if name in ("async", "test", "inline", "solid_cable"):
            return name
        return {"sqlserver": "mssql", "oracle_enhanced": "oracle"}.get(name, "sql")
    value = (url or {}).get("value") if (url or {}).get("source") == "literal" else (url or {}).get("env_default")
    if isinstance(value, str) and "://" in value:
        scheme = value.split(":", 1)[0].split("+", 1)[0].lower()
        return {
            "postgres": "postgresql",
            "postgresql": "postgresql",
            "mysql2": "mysql",
            "mysql": "mysql",
            "sqlite3": "sqlite",
            "redis": "redis",
            "rediss": "redis",
        }.get(scheme, "sql")
    return "redis" if file == "cable.yml" else "sql"


def _yaml(source: Source) -> tuple[Any, list[str]]:
    text, expressions = neutralise(source.text)
    return load(text), expressions


def _config_yaml(source: Source) -> list[Fact]:
    document, expressions = _yaml(source)
    if document is None:
        return []
    if not isinstance(document, LDict):
        raise ValueError("expected a mapping at the top of the file")
    name = posixpath.basename(source.path)
    facts: list[Fact] = []
    per_env = name in _PER_ENVIRONMENT
    for env_key, block in document.items():
        env = str(env_key).lstrip(":")
        if per_env and env.startswith(("default", ".", "x-", "<<")):
            continue  # an anchor's base block: its keys are read where environments merge it
        environment = env if per_env else None
        scope = _scope(source, environment) if per_env else source.scope
        if not isinstance(block, LDict):
            info = _describe(block, expressions, env)
            facts.append(
                _fact(
                    source,
                    "config.assign",
                    document.line_of(env_key),
                    scope,
                    name=env,
                    path=env,
                    container="file",
                    **{"class": None},
                    environment=None,
                    file=name,
                    **info,
                    lang="ruby",
                )
            )
            continue
        for key, path, value, line in _leaves(block, env):
            info = _describe(value, expressions, key)
            facts.append(
                _fact(
                    source,
                    "config.assign",
                    line,
                    scope,
                    name=key,
                    path=path,
                    container="file",
                    **{"class": environment},
                    environment=environment,
                    file=name,
                    **info,
                    lang="ruby",
                    _raw=value,
                )
            )
        if name in ("database.yml", "cable.yml") and environment is not None:
            for label, settings in _connection_blocks(env, block):
                facts.append(_client(source, label, settings, expressions, scope, name, environment))
    # an environment read belongs to the block it sits in: a development default is dev scope
    line_scopes: dict[int | None, set[Scope]] = {}
    for fact in facts:
        line_scopes.setdefault(fact.line, set()).add(fact.scope)
    tag_lines = _tag_lines(source.text)
    for index, expr in enumerate(expressions):
        info = _expression_value(expr)
        if info["source"] != "env" or not info.get("env_name"):
            continue
        line = tag_lines[index] if index < len(tag_lines) else None
        scopes = line_scopes.get(line) or {source.scope}
        scope = source.scope if source.scope in scopes or len(scopes) != 1 else next(iter(scopes))
        default = info.get("env_default")
        data: dict[str, Any] = {
            "name": info["env_name"],
            "has_default": info["env_has_default"],
            "default": _shown(info["env_name"], default)[0] if isinstance(default, str) else default,
            "api": "ERB ENV",
            "lang": "ruby",
        }
        if isinstance(default, str):
            data["default_grade"] = (
                _shown(info["env_name"], default)[1] if "://" in default else grade_value(info["env_name"], default)
            )
        facts.append(_fact(source, "env.read", line, scope, **data))
    return facts


def _tag_lines(text: str) -> list[int]:
    """The line of each output tag (`<%= %>`) of the original text, in order (one pass)."""
    lines: list[int] = []
    line, position = 1, 0
    for match in _ERB.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if match.group(1) == "=":
            lines.append(line)
    return lines


def _client(
    source: Source, label: str, settings: LDict, expressions: list[str], scope: Scope, file: str, environment: str
) -> Fact:
    described = {
        str(k): _describe(v, expressions, str(k)) for k, v in settings.items() if not isinstance(v, (dict, list))
    }
    args = []
    for key, arg in _ARG_KEYS.items():
        if arg and key in described:
            args.append({"key": arg, **described[key]})
    adapter = settings.get("adapter")
    service = _service(adapter, described.get("url"), file)
    line = (
        settings.line_of("adapter")
        if "adapter" in settings
        else settings.line_of("url")
        if "url" in settings
        else settings.line
    )
    return _fact(
        source,
        "client",
        line,
        scope,
        service=service,
        api=file,
        name=label,
        environment=environment,
        adapter=adapter if isinstance(adapter, str) else None,
        args=args,
        lang="ruby",
    )


def _credentials(source: Source) -> list[Fact]:
    path = source.path
    name = posixpath.basename(path)
    env_match = re.search(r"credentials/([\w.-]+?)\.(key|yml\.enc)$", path)
    environment = env_match.group(1) if env_match else None
    if name == "secrets.yml":
        return _secrets_yml(source)
    kind = "key" if name.endswith(".key") else "encrypted"
    content = source.text.strip()
    data: dict[str, Any] = {"kind": kind, "environment": environment, "empty": not content}
    if kind == "key":
        data["looks_like_key"] = bool(re.fullmatch(r"[0-9a-fA-F]{32,128}", content))
    return [source.fact("credentials.file", 1, "", **data)]


def _secrets_yml(source: Source) -> list[Fact]:
    document, expressions = _yaml(source)
    facts = [source.fact("credentials.file", 1, "", kind="secrets_yml", environment=None, empty=document is None)]
    if document is None:
        return facts
    if not isinstance(document, LDict):
        raise ValueError("expected a mapping at the top of secrets.yml")
    for env_key, block in document.items():
        environment = str(env_key)
        scope = _scope(source, environment)
        for key, path, value, line in _leaves(block, environment) if isinstance(block, LDict) else []:
            info = _describe(value, expressions, key)
            facts.append(
                _fact(
                    source,
                    "config.assign",
                    line,
                    scope,
                    name=key,
                    path=path,
                    container="file",
                    **{"class": environment},
                    environment=environment,
                    file="secrets.yml",
                    **info,
                    lang="ruby",
                    _raw=value,
                )
            )
    tag_lines = _tag_lines(source.text)
    for index, expr in enumerate(expressions):
        info = _expression_value(expr)
        if info["source"] == "env" and info.get("env_name"):
            facts.append(
                source.fact(
                    "env.read",
                    tag_lines[index] if index < len(tag_lines) else None,
                    name=info["env_name"],
                    has_default=info["env_has_default"],
                    default=None,
                    api="ERB ENV",
                    lang="ruby",
                )
            )
    return facts


def extract(source: Source) -> list[Fact]:
    if source.kind == "rails_credentials":
        return _credentials(source)
    return _config_yaml(source)


__all__ = ["extract", "neutralise"]
