"""Facts from JavaScript and TypeScript source (Express, NestJS, Fastify, Koa, Hapi, Next.js custom
servers), and from pm2 ecosystem files: one table of ast-grep rows (see facts/code.py).

The fact kinds and data keys are the ones every language shares (docs/facts.md), with
``data["lang"]`` set to "javascript" or "typescript", so the generic rules read Node.js apps as
they read Python ones. Library calls are recognised through the file's own imports (``require``
and ``import``): ``new Pool(...)`` is a PostgreSQL client only when ``Pool`` comes from ``pg``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from twelve.facts.base import Fact, LineCounter, Source
from twelve.facts.code import (
    AnchoredGate,
    AnyGate,
    CaselessWordsGate,
    Context,
    LineStart,
    NeedleGate,
    Spec,
    active_rows,
    line_of,
    rows_for,
    run_table,
)
from twelve.facts.randomsecret import random_secrets
from twelve.facts.secrets import grade_value, mask, redact

_MAX_DEPTH = 5  # how far a value is followed through variables (cycles and long chains stop here)
_WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "await_expression",
        "type_assertion",
    }
)
_FUNCTIONS = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function_declaration",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
_ENV_OBJECT = re.compile(r"^(process\.env|Bun\.env)$")
_ENV_TEXT = re.compile(r"\b(process|Bun)\.env\b")


def _language(source: Source) -> str:
    path = source.path.lower()
    if path.endswith(".tsx"):
        return "tsx"
    if path.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    return "javascript"


def _lang(ctx: Context) -> str:
    return "typescript" if ctx.source.path.lower().endswith((".ts", ".tsx", ".mts", ".cts")) else "javascript"


# --- nodes and literals -----------------------------------------------------------------------------


def _unwrap(node: Any) -> Any:
    """The expression inside parentheses, `await`, TypeScript casts and non-null assertions."""
    for _ in range(8):
        if node is None or node.kind() not in _WRAPPERS:
            return node
        inner = [c for c in node.children() if c.is_named() and c.kind() != "comment"]
        node = inner[0] if inner else None
    return node


def _string_value(node: Any) -> str:
    parts: list[str] = []
    for child in node.children():
        kind = child.kind()
        if kind == "string_fragment":
            parts.append(child.text())
        elif kind == "escape_sequence":
            parts.append(_escape(child.text()))
    return "".join(parts)


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _escape(text: str) -> str:
    """The character a JavaScript escape sequence stands for (`\\n`, `\\x41`, `\\u{1F600}`)."""
    body = text[1:]
    if not body or body[0] in "\r\n\u2028\u2029":
        return ""  # a line continuation
    head = body[0]
    if head in _SIMPLE_ESCAPES and len(body) == 1:
        return _SIMPLE_ESCAPES[head]
    if head in "xu" and len(body) > 1:
        digits = body[1:].strip("{}")
        try:
            code = int(digits, 16)
        except ValueError:
            return body
        return chr(code) if 0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else body
    return body


def literal(node: Any) -> tuple[bool, Any]:
    """(True, value) when *node* is a plain literal: a string without interpolation, a number, a
    boolean, null or undefined."""
    node = _unwrap(node)
    if node is None:
        return False, None
    kind = node.kind()
    if kind == "string":
        return True, _string_value(node)
    if kind == "template_string":
        if any(c.kind() == "template_substitution" for c in node.children()):
            return False, None
        return True, _string_value(node)
    if kind == "number":
        text = node.text().replace("_", "").rstrip("n")
        try:
            return True, int(text, 0)
        except ValueError:
            try:
                return True, float(text)
            except ValueError:
                return False, None
    if kind in ("true", "false"):
        return True, kind == "true"
    if kind in ("null", "undefined") or (kind == "identifier" and node.text() == "undefined"):
        return True, None
    if kind == "unary_expression":
        operator, argument = node.field("operator"), node.field("argument")
        if operator is not None and operator.text() == "-" and argument is not None:
            ok, value = literal(argument)
            if ok and isinstance(value, (int, float)) and not isinstance(value, bool):
                return True, -value
    return False, None


def _args(node: Any) -> list[Any]:
    """The argument nodes of a call or `new` expression (a tagged template has none)."""
    args = node.field("arguments")
    if args is None or args.kind() != "arguments":
        return []
    return [c for c in args.children() if c.is_named() and c.kind() != "comment"]


def _callee(node: Any) -> str:
    kind = node.kind()
    target = (
        node.field("function")
        if kind == "call_expression"
        else node.field("constructor")
        if kind == "new_expression"
        else None
    )
    return re.sub(r"\s+", "", target.text()) if target is not None else ""


def _last(callee: str) -> str:
    return callee.rsplit(".", 1)[-1]


def _key(pair: Any) -> str | None:
    """The name of an object property (`port:`, `"port":`, `[x]:` gives None)."""
    key = pair.field("key")
    if key is None:
        return None
    if key.kind() in ("property_identifier", "identifier", "private_property_identifier"):
        return key.text()
    ok, value = literal(key)
    return str(value) if ok and value is not None else None


def _pairs(obj: Any) -> dict[str, Any]:
    """{key: value node} of an object literal; shorthand `{ port }` maps to the identifier."""
    out: dict[str, Any] = {}
    if obj is None or obj.kind() != "object":
        return out
    for child in obj.children():
        if child.kind() == "pair":
            name, value = _key(child), child.field("value")
            if name is not None and value is not None:
                out.setdefault(name, value)
        elif child.kind() == "shorthand_property_identifier":
            out.setdefault(child.text(), child)
    return out


def _in_function(node: Any) -> bool:
    return any(a.kind() in _FUNCTIONS for a in node.ancestors())


def _module_name(spec: str) -> str:
    """The package an import specifier names: `node:fs` -> fs, `@nestjs/core/x` -> @nestjs/core."""
    spec = spec.removeprefix("node:")
    parts = spec.split("/")
    if spec.startswith("@") and len(parts) > 1:
        return "/".join(parts[:2])
    return parts[0]


# --- per-file information: imports and variables ------------------------------------------------------

_IMPORT = re.compile(r"^import\s+(?:type\s+)?(?P<clause>[\s\S]*?)\s+from\s+['\"](?P<spec>[^'\"]+)['\"]")
_IMPORT_REQUIRE = re.compile(r"^import\s+(?P<name>[\w$]+)\s*=\s*require\(\s*['\"](?P<spec>[^'\"]+)['\"]")


class _FileInfo:
    """What the rows of one file share: local names of imported modules, module-level-ish
    variable values (first declaration wins), and names bound to the environment."""

    def __init__(self, ctx: Context) -> None:
        self.imports: dict[str, str] = {}  # local name -> import specifier
        self.bindings: dict[str, Any] = {}  # name or dotted path -> value node
        self.env_names: dict[str, tuple[str | None, Any]] = {}  # local name -> (variable, default node)
        self.env_objects: set[str] = set()  # names holding the environment (aliases, validated env)
        self.functions: dict[str, Any] = {}  # function name -> function node
        root = ctx.root
        for node in root.find_all(kind="import_statement"):
            self._import(node)
        for node in root.find_all(kind="variable_declarator"):
            self._declarator(node)
        for node in root.find_all(kind="function_declaration"):
            name = node.field("name")
            if name is not None:
                self.functions.setdefault(name.text(), node)

    def _import(self, node: Any) -> None:
        text = node.text()
        match = _IMPORT_REQUIRE.match(text)
        if match:
            self.imports.setdefault(match.group("name"), match.group("spec"))
            return
        match = _IMPORT.match(text)
        if not match:
            return
        clause, spec = match.group("clause"), match.group("spec")
        for name in re.findall(r"\*\s*as\s+([\w$]+)", clause):
            self.imports.setdefault(name, spec)
        default = re.match(r"\s*([\w$]+)\s*(,|$)", clause)
        if default and default.group(1) != "type":
            self.imports.setdefault(default.group(1), spec)
        braces = re.search(r"\{([^}]*)\}", clause)
        if braces:
            for item in braces.group(1).split(","):
                words = item.replace("type ", " ").split()
                if not words:
                    continue
                local = words[-1] if len(words) >= 3 and words[-2] == "as" else words[0]
                self.imports.setdefault(local, spec)

    def _declarator(self, node: Any) -> None:
        name, value = node.field("name"), node.field("value")
        if name is None or value is None:
            return
        inner = _unwrap(value)
        spec = _required(inner)
        if name.kind() == "identifier":
            local = name.text()
            if spec is not None:
                self.imports.setdefault(local, spec)
            self.bindings.setdefault(local, value)
            if inner is not None and inner.kind() in ("arrow_function", "function_expression", "function"):
                self.functions.setdefault(local, inner)
            if inner is not None and _holds_env(inner, self.env_objects):
                self.env_objects.add(local)
            if inner is not None and inner.kind() == "object":
                self._object(local, inner, 0)
        elif name.kind() == "object_pattern":
            from_env = inner is not None and _holds_env(inner, self.env_objects)
            for child in name.children():
                local, key, default = _pattern_entry(child)
                if local is None:
                    continue
                if spec is not None:
                    self.imports.setdefault(local, spec)
                if from_env and _ENV_OBJECT.match(inner.text()):
                    self.env_names.setdefault(local, (key, default))
                elif from_env and key in ("value", "data", "env"):
                    self.env_objects.add(local)  # `const { value: env } = schema.validate(process.env)`

    def _object(self, prefix: str, obj: Any, depth: int) -> None:
        if depth > 3:
            return
        for key, value in _pairs(obj).items():
            path = f"{prefix}.{key}"
            self.bindings.setdefault(path, value)
            inner = _unwrap(value)
            if inner is not None and inner.kind() == "object":
                self._object(path, inner, depth + 1)

    def module_of(self, callee: str) -> str | None:
        """The module a callee comes from: `pg` for `new Pool` after `const { Pool } = require("pg")`."""
        match = re.match(r"""^require\(\s*['"]([^'"]+)['"]\s*\)""", callee)
        if match:
            return match.group(1)
        root = re.match(r"[\w$]+", callee)
        if root is None:
            return None
        return self.imports.get(root.group(0))


def _required(node: Any) -> str | None:
    """The specifier of `require("m")` (possibly called or dereferenced: `require("m")(x)`, `require("m").a`)."""
    for _ in range(4):
        if node is None:
            return None
        kind = node.kind()
        if kind == "call_expression":
            function = node.field("function")
            if function is not None and function.text() in ("require", "import"):
                args = _args(node)
                ok, value = literal(args[0]) if args else (False, None)
                return value if ok and isinstance(value, str) else None
            node = function
        elif kind == "member_expression":
            node = node.field("object")
        elif kind in _WRAPPERS:
            node = _unwrap(node)
        else:
            return None
    return None


def _holds_env(node: Any, env_objects: set[str]) -> bool:
    """Whether an expression evaluates to the environment (or a validated copy of it)."""
    text = node.text()
    if _ENV_OBJECT.match(text) or (node.kind() == "identifier" and text in env_objects):
        return True
    if node.kind() == "call_expression":
        callee = _callee(node)
        args = _args(node)
        first = args[0].text() if args else ""
        # envalid cleanEnv(process.env, ...), zod schema.parse(process.env), Joi validate
        if re.search(r"(^|\.)(cleanEnv|parse|validate|parseEnv|load)$", callee) and _ENV_OBJECT.match(first):
            return True
    if node.kind() == "member_expression" and text.endswith(".data"):  # schema.safeParse(process.env).data
        obj = node.field("object")
        return obj is not None and _holds_env(obj, env_objects)
    return False


def _pattern_entry(child: Any) -> tuple[str | None, str | None, Any]:
    """(local name, property name, default node) of one entry of an object pattern."""
    kind = child.kind()
    if kind == "shorthand_property_identifier_pattern":
        return child.text(), child.text(), None
    if kind == "object_assignment_pattern":
        left, right = child.field("left"), child.field("right")
        if left is not None and left.kind() == "shorthand_property_identifier_pattern":
            return left.text(), left.text(), right
        return None, None, None
    if kind == "pair_pattern":
        key, value = child.field("key"), child.field("value")
        if key is None or value is None:
            return None, None, None
        name = key.text().strip("'\"")
        if value.kind() == "identifier":
            return value.text(), name, None
        if value.kind() == "assignment_pattern":
            left, right = value.field("left"), value.field("right")
            if left is not None and left.kind() == "identifier":
                return left.text(), name, right
    return None, None, None


def _info(ctx: Context) -> _FileInfo:
    return ctx.memo("info", lambda: _FileInfo(ctx))


def _module(ctx: Context, node: Any) -> str | None:
    spec = _info(ctx).module_of(_callee(node))
    return _module_name(spec) if spec else None


def _imports_any(ctx: Context, *modules: str) -> bool:
    wanted = set(modules)
    return any(_module_name(spec) in wanted for spec in _info(ctx).imports.values())


# --- where a value comes from ---------------------------------------------------------------------------

_CONVERTERS = re.compile(
    r"^(Number|parseInt|parseFloat|String|Boolean|Number\.parseInt|Number\.parseFloat|normalizePort|"
    r"toNumber|toInt|int|port|num|str|bool|url|host|JSON\.parse)$"
)


def _env_ref(node: Any) -> tuple[bool, str | None]:
    """(True, name) when *node* reads one variable: `process.env.X`, `process.env["X"]`."""
    kind = node.kind()
    if kind == "member_expression":
        obj, prop = node.field("object"), node.field("property")
        if obj is not None and prop is not None and _ENV_OBJECT.match(obj.text()):
            return True, prop.text()
    elif kind == "subscript_expression":
        obj, index = node.field("object"), node.field("index")
        if obj is not None and _ENV_OBJECT.match(obj.text()):
            ok, value = literal(index)
            return True, value if ok and isinstance(value, str) else None
    return False, None


def _env(name: str | None, default: Any = None, has_default: bool = False) -> dict[str, Any]:
    return {
        "source": "env",
        "env_name": name,
        "env_has_default": has_default,
        "env_default": None if default is None else str(default),
    }


def _is_config_get(ctx: Context, node: Any) -> bool:
    """`configService.get("X")` (NestJS ConfigService reads the environment and .env files)."""
    function = node.field("function")
    if function is None or function.kind() != "member_expression":
        return False
    prop, obj = function.field("property"), function.field("object")
    if prop is None or obj is None or prop.text() not in ("get", "getOrThrow"):
        return False
    receiver = obj.text()
    if re.search(r"(?i)configService$", receiver):
        return True
    return bool(re.search(r"(^|\.)config$", receiver)) and "@nestjs/config" in ctx.source.text


def classify(node: Any, ctx: Context, depth: int = 0) -> dict[str, Any]:
    """Where a value comes from (docs/facts.md value description)."""
    node = _unwrap(node)
    if node is None:
        return {"source": "none"}
    ok, value = literal(node)
    if ok:
        return {"source": "literal", "value": value}
    found, name = _env_ref(node)
    if found:
        return _env(name)
    if depth > _MAX_DEPTH:
        return {"source": "other", "text": node.text()[:120]}
    kind = node.kind()
    info = _info(ctx)
    if kind == "binary_expression":
        operator = node.field("operator")
        if operator is not None and operator.text() in ("||", "??"):
            left = classify(node.field("left"), ctx, depth + 1)
            right = classify(node.field("right"), ctx, depth + 1)
            if left["source"] == "env":
                default = right.get("value") if right["source"] == "literal" else None
                return _env(left.get("env_name"), default, True)
            if right["source"] == "env" and left["source"] != "literal":
                return right
            return left if left["source"] != "other" else {"source": "other", "text": node.text()[:120]}
    elif kind == "call_expression":
        args = _args(node)
        if _is_config_get(ctx, node):
            ok, key = literal(args[0]) if args else (False, None)
            ok_default, default = literal(args[1]) if len(args) > 1 else (False, None)
            return _env(key if ok and isinstance(key, str) else None, default if ok_default else None, len(args) > 1)
        callee = _callee(node)
        if args and (_CONVERTERS.match(callee) or _ENV_TEXT.search(args[0].text())):
            inner = classify(args[0], ctx, depth + 1)
            if inner["source"] in ("env", "literal"):
                return inner
    elif kind == "unary_expression":
        operator = node.field("operator")
        if operator is not None and operator.text() == "+":
            return classify(node.field("argument"), ctx, depth + 1)
    elif kind == "identifier":
        text = node.text()
        if text in info.env_names:
            variable, default = info.env_names[text]
            ok_default, default_value = literal(default) if default is not None else (False, None)
            return _env(variable, default_value if ok_default else None, default is not None)
        bound = info.bindings.get(text)
        if bound is not None and bound is not node:
            result = classify(bound, ctx, depth + 1)
            if result["source"] != "other":
                return result
    elif kind == "member_expression":
        obj, prop = node.field("object"), node.field("property")
        if obj is not None and prop is not None and obj.text() in info.env_objects:
            return _env(prop.text())
        bound = info.bindings.get(node.text())
        if bound is not None:
            result = classify(bound, ctx, depth + 1)
            if result["source"] != "other":
                return result
    elif kind == "array":
        for item in node.children():
            if item.is_named() and _ENV_TEXT.search(item.text()):
                inner = classify(item, ctx, depth + 1)
                if inner["source"] == "env":
                    return inner
    elif kind == "template_string":
        inner = node.find(
            {
                "rule": {
                    "any": [
                        {"kind": "member_expression", "has": {"field": "object", "regex": _ENV_OBJECT.pattern}},
                        {"kind": "subscript_expression", "has": {"field": "object", "regex": _ENV_OBJECT.pattern}},
                    ]
                }
            }
        )
        if inner is not None:
            return _env(_env_ref(inner)[1])
    return {"source": "other", "text": node.text()[:120]}


#: names whose value is a credential (the word ends the name: JWT_RESET_PASSWORD_MINUTES is a number)
_SECRET_WORD = re.compile(r"(?i)(pass(word|wd|phrase)?|secret|token|key|credentials?|pwd)$")


def _shown(name: str, value: Any, ctx: Context | None = None) -> Any:
    """A literal as it may appear in a fact: URL passwords and secret values masked (and, through
    *ctx*, remembered so that the excerpts of the file mask them too)."""
    if not isinstance(value, str):
        return value
    if "://" in value:
        return redact(value)
    grade = grade_value(name, value)
    if grade and _SECRET_WORD.search(name):
        if ctx is not None and grade == "secret":
            ctx.cache.setdefault("secrets", set()).add(value)
        return mask(value)
    return value


def _label(name: str, value: str) -> bool:
    """An enum-like value that spells its own key (`RESET_PASSWORD: "resetPassword"`): a name, not a key."""
    squash = re.compile(r"[^a-z0-9]")
    return value.isidentifier() and squash.sub("", value.lower()) == squash.sub("", name.lower())


#: the app's own package.json, as a module specifier or a path read from disk
_PACKAGE_JSON = re.compile(r"""['"`](?:\.{1,2}/)*package\.json['"`]""")
#: fields of package.json that are public metadata of the app
_PACKAGE_FIELDS = frozenset({"name", "version", "description", "author", "homepage"})


def _package_field(node: Any, ctx: Context) -> str | None:
    """`package.json name` when *node* reads a field of the app's own package.json (`pkg.name`
    after `const pkg = require('./package.json')`, `JSON.parse(readFileSync('package.json')).name`)."""
    node = _unwrap(node)
    if node is None or node.kind() != "member_expression":
        return None
    obj, prop = node.field("object"), node.field("property")
    if obj is None or prop is None or prop.text() not in _PACKAGE_FIELDS:
        return None
    info = _info(ctx)
    source = obj.text()
    bound = info.bindings.get(source)
    spec = info.imports.get(source)
    if (
        _PACKAGE_JSON.search(source)
        or (bound is not None and _PACKAGE_JSON.search(bound.text()))
        or (spec is not None and spec.rsplit("/", 1)[-1] == "package.json")
    ):
        return f"package.json {prop.text()}"
    return None


def _value_data(name: str, node: Any, ctx: Context) -> dict[str, Any]:
    info = classify(node, ctx)
    if info["source"] == "other" and _SECRET_WORD.search(name):
        derived = _package_field(node, ctx)
        if derived is not None:
            info["derived"] = derived
    if info["source"] == "literal":
        raw = info["value"]
        info["value_kind"] = type(raw).__name__
        if isinstance(raw, str) and _label(name, raw):
            info["grade"] = None
            return info
        if isinstance(raw, str):
            info["grade"] = grade_value(name, raw)
        info["value"] = _shown(name, raw, ctx)
    elif info["source"] == "env" and isinstance(info.get("env_default"), str):
        info["default_grade"] = grade_value(name, info["env_default"])
        info["env_default"] = _shown(name, info["env_default"], ctx)
    return info


def _resolve_object(node: Any, ctx: Context) -> Any:
    """The object literal *node* is, or names (`const options = {...}; new Pool(options)`)."""
    node = _unwrap(node)
    for _ in range(3):
        if node is None or node.kind() == "object":
            return node
        if node.kind() in ("identifier", "member_expression"):
            node = _unwrap(_info(ctx).bindings.get(node.text()))
        else:
            return None
    return node if node is not None and node.kind() == "object" else None


# --- routes -------------------------------------------------------------------------------------------

_VERBS = frozenset({"get", "post", "put", "patch", "delete", "del", "all", "head", "options", "route"})
_ROUTE_DECORATOR = re.compile(r"^@(Get|Post|Put|Patch|Delete|All|Head|Options|MessagePattern|EventPattern)\b")


def _is_route_call(call: Any) -> bool:
    function = call.field("function")
    if function is None or function.kind() != "member_expression":
        return False
    prop = function.field("property")
    if prop is None:
        return False
    verb = prop.text()
    if verb == "use":
        args = _args(call)
        return bool(args) and args[0].kind() == "string"
    if verb not in _VERBS:
        return False
    args = _args(call)
    if args and args[0].kind() in ("string", "template_string"):
        return True
    receiver = function.field("object")
    return receiver is not None and bool(re.search(r"(?i)(app|router|route|server|fastify|api)$", receiver.text()))


def _method_decorators(method: Any) -> list[str]:
    parent = method.parent()
    if parent is None:
        return []
    found: list[str] = []
    for sibling in method.prev_all():
        if sibling.kind() != "decorator":
            break
        found.append(sibling.text())
    return found


def _in_route(node: Any) -> bool:
    """Whether *node* runs while serving a request: a handler passed to `app.get("/x", ...)`, or a
    NestJS controller method decorated with @Get/@Post/..."""
    for anc in node.ancestors():
        kind = anc.kind()
        if kind in ("arrow_function", "function_expression"):
            args = anc.parent()
            call = args.parent() if args is not None and args.kind() == "arguments" else None
            if call is not None and call.kind() == "call_expression" and _is_route_call(call):
                return True
        elif kind == "method_definition" and any(_ROUTE_DECORATOR.match(d) for d in _method_decorators(anc)):
            return True
    return False


# --- row extractors: configuration ------------------------------------------------------------------


def _env_read(node: Any, ctx: Context) -> dict[str, Any] | None:
    found, name = _env_ref(node)
    if not found:
        return None
    parent = node.parent()
    if parent is not None and parent.kind() in ("assignment_expression", "augmented_assignment_expression"):
        left = parent.field("left")
        if left is not None and left.range() == node.range():
            return None  # a write: `process.env.X = ...`
    if parent is not None and parent.kind() == "unary_expression" and parent.text().startswith("delete"):
        return None
    # climb through conversions (`Number(process.env.PORT) || 3000`) to a fallback
    current = node
    for _ in range(4):
        up = current.parent()
        if up is None:
            break
        if up.kind() in _WRAPPERS or (
            up.kind() == "arguments" and up.parent() is not None and _CONVERTERS.match(_callee(up.parent()))
        ):
            current = up.parent() if up.kind() == "arguments" else up
            continue
        break
    has_default, default = False, None
    up = current.parent()
    if up is not None and up.kind() == "binary_expression":
        operator, left = up.field("operator"), up.field("left")
        if (
            operator is not None
            and operator.text() in ("||", "??")
            and left is not None
            and left.range() == current.range()
        ):
            has_default = True
            ok, value = literal(up.field("right"))
            default = str(value) if ok and value is not None else None
    data: dict[str, Any] = {
        "name": name,
        "has_default": has_default,
        "default": default,
        "api": "Bun.env" if node.text().startswith("Bun.") else "process.env",
        "lang": _lang(ctx),
    }
    if isinstance(default, str) and name:
        data["default_grade"] = grade_value(name, default)
        data["default"] = _shown(name, default, ctx)
    return data


def _env_destructure(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    value, pattern = _unwrap(node.field("value")), node.field("name")
    if value is None or pattern is None or pattern.kind() != "object_pattern" or not _ENV_OBJECT.match(value.text()):
        return None
    out: list[dict[str, Any]] = []
    for child in pattern.children():
        local, key, default = _pattern_entry(child)
        if local is None:
            continue
        ok, default_value = literal(default) if default is not None else (False, None)
        shown = str(default_value) if ok and default_value is not None else None
        data = {
            "_line": line_of(child),
            "name": key,
            "has_default": default is not None,
            "default": shown,
            "api": "process.env (destructuring)",
            "lang": _lang(ctx),
        }
        if shown is not None and key:
            data["default_grade"] = grade_value(key, shown)
            data["default"] = _shown(key, shown, ctx)
        out.append(data)
    return out or None


def _config_service(node: Any, ctx: Context) -> dict[str, Any] | None:
    if not _is_config_get(ctx, node):
        return None
    args = _args(node)
    ok, name = literal(args[0]) if args else (False, None)
    if not ok or not isinstance(name, str):
        return None
    ok_default, default = literal(args[1]) if len(args) > 1 else (False, None)
    shown = str(default) if ok_default and default is not None else None
    data = {
        "name": name,
        "has_default": len(args) > 1,
        "default": shown,
        "api": "ConfigService.get",
        "lang": _lang(ctx),
    }
    if shown is not None:
        data["default_grade"] = grade_value(name, shown)
        data["default"] = _shown(name, shown, ctx)
    return data


_SCHEMA_OBJECT = re.compile(r"^(z\.object|z\.strictObject|[Jj]oi\.object|[Jj]oi\.object\(\)\.keys|yup\.object)$")
_ENV_KEY = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _env_schema(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    """Variables declared by an environment schema: envalid `cleanEnv(process.env, {...})`, or a
    zod/Joi object of UPPER_CASE keys in a file that validates process.env with it."""
    callee = _callee(node)
    args = _args(node)
    text = ctx.source.text
    if _last(callee) == "cleanEnv":
        schema, api = (args[1] if len(args) > 1 else None), "envalid.cleanEnv"
    elif _SCHEMA_OBJECT.match(callee) and re.search(
        r"(parse|validate|safeParse)\(\s*process\.env|validationSchema|cleanEnv|createEnv", text
    ):
        schema, api = (
            (args[0] if args else None),
            {"z": "zod", "Joi": "joi"}.get(callee.split(".", 1)[0], callee.split(".", 1)[0].lower()),
        )
    else:
        return None
    schema = _resolve_object(schema, ctx)
    if schema is None:
        return None
    out: list[dict[str, Any]] = []
    for child in schema.children():
        if child.kind() != "pair":
            continue
        name, value = _key(child), child.field("value")
        if name is None or value is None or not _ENV_KEY.match(name):
            continue
        default = None
        has_default = bool(re.search(r"\b(default|devDefault)\s*[:(]", value.text()))
        match = re.search(r"""\bdefault\s*[:(]\s*(['"`])([^'"`]*)\1""", value.text()) or re.search(
            r"""\bdefault\s*[:(]\s*(\s?)(-?\d+(?:\.\d+)?)\b""", value.text()
        )
        if match:
            default = _shown(name, match.group(2), ctx)
        data = {
            "_line": line_of(child),
            "name": name,
            "has_default": has_default,
            "default": default,
            "api": api,
            "lang": _lang(ctx),
        }
        if isinstance(default, str) and match:
            data["default_grade"] = grade_value(name, match.group(2))
        out.append(data)
    return out or None


def _import(node: Any, ctx: Context) -> dict[str, Any] | None:
    spec: str | None = None
    type_only = False
    if node.kind() == "import_statement":
        source = node.field("source")
        if source is None:
            clause = node.find(kind="import_require_clause")
            source = clause.find(kind="string") if clause is not None else None
        ok, value = literal(source) if source is not None else (False, None)
        spec = value if ok and isinstance(value, str) else None
        type_only = bool(re.match(r"^import\s+type\b", node.text()))
    else:
        function = node.field("function")
        if function is None or function.text() not in ("require", "import"):
            return None
        args = _args(node)
        ok, value = literal(args[0]) if args else (False, None)
        spec = value if ok and isinstance(value, str) else None
    if not spec:
        return None
    relative = spec.startswith((".", "/"))
    optional = False
    in_function = False
    for anc in node.ancestors():
        if anc.kind() == "try_statement":
            optional = True
        elif anc.kind() in _FUNCTIONS:
            in_function = True
    return {
        "modules": [spec] if relative else [_module_name(spec)],
        "relative": relative,
        "optional": optional,
        "type_checking": type_only,
        "in_function": in_function,
        "lang": _lang(ctx),
    }


_SECRET_KEY = re.compile(
    r"(?i)(^|_)(password|passwd|pwd|pass|secret|secretOrKey|secretOrPrivateKey|apiKey|api_key|apiSecret|"
    r"token|accessToken|authToken|privateKey|private_key|accessKeyId|secretAccessKey|credentials?)$|"
    r"(secret|password|token|apikey|api_key|privatekey|private_key|signingkey|encryptionkey)$"
)
_LOCATOR_KEY = re.compile(
    r"(?i)^(url|uri|dsn|connectionString|connection_string|connectionUri|host|hostname)$|"
    r"(database_?url|db_?ur[il]|mongo\w*_?ur[il]|redis_?url|amqp_?url|broker_?url|_url|_uri|_dsn|Url|Uri)$"
)


#: prefilter for the settings rows: names that can be secrets or locators (checked precisely in _wanted)
_SETTING_WORDS = (
    "secret",
    "Secret",
    "SECRET",
    "pass",
    "Pass",
    "PASS",
    "pwd",
    "PWD",
    "token",
    "Token",
    "TOKEN",
    "key",
    "Key",
    "KEY",
    "url",
    "Url",
    "URL",
    "uri",
    "Uri",
    "URI",
    "dsn",
    "Dsn",
    "DSN",
    "host",
    "Host",
    "HOST",
    "credential",
    "Credential",
    "CREDENTIAL",
    "connectionString",
)
_SETTING_NAME = r"(?i)(secret|passw|pass['\"]?$|pwd|token|key|credential|ur[il]|dsn|host|connectionstring)"


def _wanted(name: str, info: dict[str, Any]) -> bool:
    """Settings worth a config.assign fact: secrets (strings or read from the environment), and
    locators read from the environment or written as URLs."""
    if _SECRET_KEY.search(name):
        return (
            info["source"] == "env"
            or (info["source"] == "literal" and isinstance(info.get("value"), str))
            or bool(info.get("derived"))
        )
    if _LOCATOR_KEY.search(name):
        value = info.get("value")
        return info["source"] == "env" or (info["source"] == "literal" and isinstance(value, str) and "://" in value)
    return False


def _owner(obj: Any) -> str:
    """How an object literal is used: the call it is passed to, or the variable it initialises."""
    parent = obj.parent()
    hops = 0
    while parent is not None and hops < 4:
        kind = parent.kind()
        if kind == "arguments":
            call = parent.parent()
            return _callee(call) if call is not None else "{}"
        if kind == "variable_declarator":
            name = parent.field("name")
            return name.text() if name is not None else "{}"
        if kind == "assignment_expression":
            left = parent.field("left")
            return left.text()[:60] if left is not None else "{}"
        if kind == "pair":
            key = _key(parent)
            return f"{_owner(parent.parent()) if parent.parent() is not None else '{}'}.{key}"
        if kind not in _WRAPPERS and kind not in ("object", "array"):
            break
        parent = parent.parent()
        hops += 1
    return "{}"


def _pair_setting(node: Any, ctx: Context) -> dict[str, Any] | None:
    name, value = _key(node), node.field("value")
    if (
        name is None
        or value is None
        or _unwrap(value) is None
        or not (_SECRET_KEY.search(name) or _LOCATOR_KEY.search(name))
    ):
        return None
    if _unwrap(value).kind() in ("object", "array", "arrow_function", "function_expression"):
        return None
    obj = node.parent()
    if obj is not None and (obj.range().start.line, obj.range().start.column) in ctx.cache.get("client_objects", set()):
        return None  # the client fact carries these values
    info = _value_data(name, value, ctx)
    if not _wanted(name, info):
        return None
    return {
        "name": name,
        "path": f"{_owner(obj)}.{name}" if obj is not None else name,
        "container": "dict",
        **({"in_function": True} if _in_function(node) else {}),
        "lang": _lang(ctx),
        **info,
    }


def _datastore_url(node: Any) -> bool:
    """A string literal holding the URL of a datastore or broker (`'mongodb://localhost/app'`)."""
    ok, value = literal(_unwrap(node)) if _unwrap(node) is not None else (False, None)
    return ok and isinstance(value, str) and bool(_DATASTORE_URL.match(value))


def _pair_locator_url(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A key whose name says nothing but whose value is a datastore URL: `mongodb:
    'mongodb://localhost:27017/blog'` in a configuration module (a locator by its value)."""
    name, value = _key(node), node.field("value")
    if name is None or value is None or re.search(_SETTING_NAME, name) or not _datastore_url(value):
        return None
    obj = node.parent()
    if obj is not None and (obj.range().start.line, obj.range().start.column) in ctx.cache.get("client_objects", set()):
        return None  # the client fact carries these values
    return {
        "name": name,
        "path": f"{_owner(obj)}.{name}" if obj is not None else name,
        "container": "dict",
        **({"in_function": True} if _in_function(node) else {}),
        "lang": _lang(ctx),
        **_value_data(name, value, ctx),
    }


def _variable_locator_url(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A module-level variable whose value is a datastore URL: `const MONGO = 'mongodb://db/app'`."""
    name, value = node.field("name"), node.field("value")
    if name is None or value is None or name.kind() != "identifier" or _in_function(node):
        return None
    if re.search(_SETTING_NAME, name.text()) or not _datastore_url(value):
        return None
    return {
        "name": name.text(),
        "path": name.text(),
        "container": "module",
        "lang": _lang(ctx),
        **_value_data(name.text(), value, ctx),
    }


def _variable_setting(node: Any, ctx: Context) -> dict[str, Any] | None:
    name, value = node.field("name"), node.field("value")
    if name is None or value is None or name.kind() != "identifier" or _in_function(node):
        return None
    if not (_SECRET_KEY.search(name.text()) or _LOCATOR_KEY.search(name.text())):
        return None
    inner = _unwrap(value)
    if inner is None or inner.kind() in ("object", "array", "arrow_function", "function_expression", "class"):
        return None
    info = _value_data(name.text(), value, ctx)
    if not _wanted(name.text(), info):
        return None
    return {"name": name.text(), "path": name.text(), "container": "module", "lang": _lang(ctx), **info}


def _secret_argument(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A key passed as an argument: `jwt.sign(payload, "…")`, `cookieParser("…")`."""
    callee = _callee(node)
    module = _module(ctx, node)
    args = _args(node)
    if (
        module == "jsonwebtoken"
        and _last(callee) in ("sign", "verify", "decode")
        and len(args) > 1
        and _last(callee) != "decode"
    ):
        target, path = args[1], f"{callee}(secret)"
    elif module == "cookie-parser" and args and "." not in callee:
        target, path = args[0], f"{callee}(secret)"
    else:
        return None
    info = _value_data("secret", target, ctx)
    if info["source"] not in ("literal", "env") and not info.get("derived"):
        return None  # a variable we cannot trace says nothing about where the key comes from
    return {"name": "secret", "path": path, "container": "argument", "lang": _lang(ctx), **info}


# --- row extractors: backing services -------------------------------------------------------------------

_SQL_NAMES = {
    "pg": "postgresql",
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "cockroachdb": "postgresql",
    "mysql": "mysql",
    "mysql2": "mysql",
    "mariadb": "mysql",
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
    "better-sqlite3": "sqlite",
    "mssql": "mssql",
    "tedious": "mssql",
    "oracle": "oracle",
    "oracledb": "oracle",
    "mongodb": "mongodb",
}
_CLIENT_KEYS = re.compile(
    r"(?i)^(host|hostname|port|user|username|password|pass|database|db|url|uri|connectionString|"
    r"connection_string|socketPath|path|node|nodes|brokers|servers|filename|dsn)$"
)


def _client_service(module: str, last: str, is_new: bool, callee: str) -> str | None:
    if module in ("pg", "pg-pool") and last in ("Pool", "Client"):
        return "postgresql"
    if module == "postgres" and not is_new and "." not in callee:
        return "postgresql"
    if module in ("mysql", "mysql2", "mariadb") and last in ("createConnection", "createPool", "createPoolCluster"):
        return "mysql"
    if module == "mongoose" and last in ("connect", "createConnection"):
        return "mongodb"
    if module == "mongodb" and ((last == "MongoClient" and is_new) or callee.endswith("MongoClient.connect")):
        return "mongodb"
    if module == "mongolass" and ((last == "Mongolass" and is_new) or (not is_new and last == "connect")):
        return "mongodb"
    if module in ("redis", "@redis/client") and last in ("createClient", "createCluster"):
        return "redis"
    if module == "ioredis" and is_new:
        return "redis"
    if module in ("amqplib", "amqp-connection-manager") and last == "connect":
        return "amqp"
    if module == "kafkajs" and is_new and last == "Kafka":
        return "kafka"
    if module == "knex" and not is_new and ("." not in callee or callee.startswith("require(")):
        return "sql"
    if module == "sequelize" and is_new and last == "Sequelize":
        return "sql"
    if module == "typeorm" and ((is_new and last == "DataSource") or last == "createConnection"):
        return "sql"
    if module == "@nestjs/typeorm" and last in ("forRoot",):
        return "sql"
    if module == "@nestjs/mongoose" and last == "forRoot":
        return "mongodb"
    if module == "@prisma/client" and is_new and last == "PrismaClient":
        return "sql"
    if module == "nodemailer" and last == "createTransport":
        return "smtp"
    if (module == "@aws-sdk/client-s3" and is_new and last == "S3Client") or (
        module == "aws-sdk" and is_new and last == "S3"
    ):
        return "object_storage"
    if module == "multer-s3":
        return "object_storage"
    if module == "@elastic/elasticsearch" and is_new and last == "Client":
        return "elasticsearch"
    if module == "memjs" and last == "create":
        return "memcached"
    if module in ("bull", "bullmq", "bee-queue") and is_new and last in ("Queue", "Worker"):
        return "redis"
    return None


def _sql_flavour(service: str, options: dict[str, Any], ctx: Context, args: list[Any]) -> str:
    """postgresql/mysql/sqlite... for knex `client`, Sequelize `dialect`, TypeORM `type`, or a URL."""
    for key in ("client", "dialect", "type"):
        if key in options:
            ok, value = literal(options[key])
            if ok and isinstance(value, str):
                return _SQL_NAMES.get(value.lower(), service)
    for node in [*(args[:1]), options.get("url"), options.get("connection")]:
        ok, value = literal(node) if node is not None else (False, None)
        if ok and isinstance(value, str) and "://" in value:
            return _SQL_NAMES.get(value.split(":", 1)[0].lower(), service)
    return service


def _client_args(
    service: str, callee: str, args: list[Any], ctx: Context
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Value descriptions of the locator/credential arguments, and the options object's pairs."""
    out: list[dict[str, Any]] = []
    options: dict[str, Any] = {}
    positional = args[:4]
    if _last(callee) == "Sequelize" and len(positional) >= 3:
        names = ("database", "username", "password")
        for name, node in zip(names, positional[:3]):
            out.append({"key": name, **_value_data(name, node, ctx)})
        positional = positional[3:]
    elif service == "redis" and _last(callee) in ("Queue", "Worker") and positional:
        positional = positional[1:]  # the queue's name
    for index, node in enumerate(positional):
        obj = _resolve_object(node, ctx)
        if obj is not None:
            ctx.cache.setdefault("client_objects", set()).add((obj.range().start.line, obj.range().start.column))
            pairs = _pairs(obj)
            options.update(pairs)
            for key, value in pairs.items():
                inner = _resolve_object(value, ctx)
                if inner is not None and key in (
                    "connection",
                    "auth",
                    "credentials",
                    "redis",
                    "datasources",
                    "db",
                    "options",
                ):
                    ctx.cache.setdefault("client_objects", set()).add(
                        (inner.range().start.line, inner.range().start.column)
                    )
                    for sub, sub_value in _pairs(inner).items():
                        if _CLIENT_KEYS.match(sub):
                            out.append({"key": sub, **_value_data(sub, sub_value, ctx)})
                        elif sub == "db" and _resolve_object(sub_value, ctx) is not None:  # prisma datasources.db.url
                            for leaf, leaf_value in _pairs(_resolve_object(sub_value, ctx)).items():
                                if _CLIENT_KEYS.match(leaf):
                                    out.append({"key": leaf, **_value_data(leaf, leaf_value, ctx)})
                elif key == "connection" and inner is None:
                    out.append({"key": "connection", **_value_data("connection", value, ctx)})
                elif _CLIENT_KEYS.match(key):
                    out.append({"key": key, **_value_data(key, value, ctx)})
            continue
        if _unwrap(node) is not None and _unwrap(node).kind() in ("arrow_function", "function_expression"):
            continue
        out.append({"key": str(index), **_value_data(str(index), node, ctx)})
    return out, options


def _sequelize_sync(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`sequelize.sync()`, `sequelize.sync({ alter: true })`, `User.sync()`: Sequelize creates or
    alters the tables from the models."""
    callee = _callee(node)
    instance = _instance_module(ctx, callee)
    module = _info(ctx).module_of(callee)
    if (
        instance not in ("sequelize", "sequelize-typescript")
        and module is not None
        and not module.startswith(".")
        and _module_name(module) not in ("sequelize", "sequelize-typescript")
    ):
        return None  # `glob.sync(...)`, `fs.sync`: another library's sync
    return {"api": "sequelize.sync", "function": _function_name(node), "lang": _lang(ctx)}


def _synchronize(node: Any, ctx: Context) -> dict[str, Any] | None:
    """TypeORM or MikroORM told to sync the schema: `synchronize: true` in the data source options."""
    value = node.field("value")
    if value is None or value.text() != "true" or _key(node) != "synchronize":
        return None
    if not _imports_any(ctx, "typeorm", "@nestjs/typeorm", "@mikro-orm/core"):
        return None
    return {"api": "synchronize: true", "function": _function_name(node), "lang": _lang(ctx)}


#: embedded databases kept in a file of the local disk: module -> the format a fact names
_EMBEDDED_DB_MODULES = {
    "lowdb": "lowdb",
    "lowdb/node": "lowdb",
    "nedb": "nedb",
    "@seald-io/nedb": "nedb",
    "nedb-promises": "nedb",
    "level": "leveldb",
    "classic-level": "leveldb",
    "node-json-db": "jsondb",
    "node-persist": "node-persist",
    "lokijs": "lokijs",
}


def _embedded_db(node: Any, ctx: Context) -> dict[str, Any] | None:
    """An embedded database in a file: lowdb `new JSONFile("db.json")` / `new FileSync("db.json")`,
    nedb `new Datastore({ filename: "data/users.db" })`, `new Level("./db")`, `new JsonDB(new Config("db"))`,
    `new Loki("app.db")`."""
    spec = _info(ctx).module_of(
        _callee(node)
        if node.kind() == "call_expression"
        else (node.field("constructor").text() if node.field("constructor") is not None else "")
    )
    if not spec:
        return None
    fmt = _EMBEDDED_DB_MODULES.get(spec) or _EMBEDDED_DB_MODULES.get(_module_name(spec))
    if fmt is None:
        return None
    args = _args(node)
    if not args:
        return None
    target = args[0]
    if target.kind() == "object":
        pairs = _pairs(target)
        target = pairs.get("filename") or pairs.get("path")
        if target is None or (pairs.get("inMemoryOnly") is not None and pairs["inMemoryOnly"].text() == "true"):
            return None
    text = target.text()
    if re.search(r"(?i)memory|os\.homedir|homedir\(\)|appdata|XDG_", text):
        return None
    return {"target": text.strip()[:120], "format": fmt, "owner": None, "lang": _lang(ctx)}


def _function_name(node: Any) -> str | None:
    for anc in node.ancestors():
        if anc.kind() in ("function_declaration", "method_definition"):
            name = anc.field("name")
            return name.text() if name is not None else None
    return None


def _instance_module(ctx: Context, callee: str) -> str | None:
    """The module of the class a receiver was built from: `mongolass` for `mongolass.connect(...)`
    after `const mongolass = new Mongolass()`."""
    root = re.match(r"[\w$]+(?=\.)", callee)
    bound = _unwrap(_info(ctx).bindings.get(root.group(0))) if root else None
    if bound is None or bound.kind() != "new_expression":
        return None
    return _module(ctx, bound)


def _client(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    module = _module(ctx, node) or _instance_module(ctx, callee)
    if module is None:
        return None
    is_new = node.kind() == "new_expression"
    service = _client_service(module, _last(callee), is_new, callee)
    if service is None:
        return None
    args = _args(node)
    if module == "mongolass" and is_new and not args:
        return None  # `new Mongolass()`: the URL comes with `.connect(url)`
    values, options = _client_args(service, callee, args, ctx)
    if service == "sql":
        service = _sql_flavour(service, options, ctx, args)
    return {
        "service": service,
        "api": f"{module}:{'new ' if is_new else ''}{callee}"[:80],
        "args": values,
        "lang": _lang(ctx),
    }


_CLIENT_RULE = {
    "rule": {
        "any": [
            {
                "kind": "new_expression",
                "has": {
                    "field": "constructor",
                    "regex": r"(^|\.)(Pool|Client|MongoClient|Mongolass|Redis|IORedis|Cluster|Kafka|"
                    r"Sequelize|DataSource|PrismaClient|S3Client|S3|Queue|Worker)$",
                },
            },
            {
                "kind": "call_expression",
                "has": {
                    "field": "function",
                    "regex": r"(^|\.)(createConnection|createPool|createPoolCluster|connect|"
                    r"createClient|createCluster|knex|Knex|forRoot|createTransport|"
                    r"create|postgres|sql|multerS3|s3Storage)$|^require\(",
                },
            },
        ]
    }
}


# --- row extractors: processes ----------------------------------------------------------------------------

_SERVER_MODULES = (
    "http",
    "https",
    "http2",
    "net",
    "express",
    "koa",
    "fastify",
    "@nestjs/core",
    "@hapi/hapi",
    "hapi",
    "restify",
    "next",
    "socket.io",
    "ws",
    "polka",
    "hono",
    "@hono/node-server",
    "apollo-server",
    "apollo-server-express",
    "@apollo/server",
    "graphql-yoga",
    "micro",
    "connect",
    "@feathersjs/feathers",
    "@feathersjs/express",
    "tinyhttp",
    "@tinyhttp/app",
    "h3",
    "elysia",
    "sails",
    "loopback",
)
_SERVER_RECEIVER = re.compile(
    r"(?i)(app|server|srv|api|fastify|instance|application|http\w*|io|wss|nest\w*)$|createServer\(.*\)$|\)$"
)


def _listen_bind(args: list[Any], ctx: Context) -> tuple[Any, Any]:
    """(host node, port node) of `listen(port, host?, cb?)` or `listen({ port, host })`."""
    if not args:
        return None, None
    first = (
        _resolve_object(args[0], ctx)
        if _unwrap(args[0]) is not None and _unwrap(args[0]).kind() in ("object", "identifier")
        else None
    )
    if first is not None and first.kind() == "object":
        pairs = _pairs(first)
        return pairs.get("host") or pairs.get("hostname"), pairs.get("port")
    host = None
    if len(args) > 1:
        second = _unwrap(args[1])
        if (
            second is not None
            and second.kind() not in ("arrow_function", "function_expression", "number")
            and (
                second.kind() in ("string", "template_string") or classify(second, ctx)["source"] in ("env", "literal")
            )
        ):
            host = args[1]
    return host, args[0]


def _main_guard(node: Any) -> bool:
    for anc in node.ancestors():
        if anc.kind() == "if_statement":
            condition = anc.field("condition")
            if condition is not None and re.search(
                r"require\.main\s*===?\s*module|import\.meta\.main", condition.text()
            ):
                return True
    return False


def _server_run(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    args = _args(node)
    module = _module(ctx, node)
    if callee.endswith(".listen"):
        receiver = callee[: -len(".listen")]
        if not (
            _imports_any(ctx, *_SERVER_MODULES) or "NestFactory" in ctx.source.text or _SERVER_RECEIVER.search(receiver)
        ):
            return None
        host, port = _listen_bind(args, ctx)
        api = re.sub(r"\((?:[^()]|\([^()]*\))*\)", "(…)", callee)
    elif _last(callee) == "serve" and (
        callee in ("Bun.serve", "Deno.serve") or module in ("@hono/node-server", "micro")
    ):
        obj = _resolve_object(args[0], ctx) if args else None
        pairs = _pairs(obj)
        host, port = pairs.get("hostname") or pairs.get("host"), pairs.get("port")
        api = callee
    elif _last(callee) in ("server", "Server") and module in ("@hapi/hapi", "hapi"):
        obj = _resolve_object(args[0], ctx) if args else None
        pairs = _pairs(obj)
        host, port = pairs.get("host") or pairs.get("address"), pairs.get("port")
        api = callee
    else:
        return None
    return {
        "api": api[:80],
        "host": classify(host, ctx) if host is not None else {"source": "default"},
        "port": classify(port, ctx) if port is not None else {"source": "default"},
        "debug": {"source": "default"},
        "reload": {"source": "default"},
        "main_guard": _main_guard(node),
        "lang": _lang(ctx),
    }


_DRAIN = re.compile(
    r"\.(close|end|disconnect|quit|destroy|stop|shutdown|terminate|drain|closeAllConnections|"
    r"closeIdleConnections|\$disconnect)\s*\(|\b(close|shutdown|graceful|stop|drain|terminate)\w*\s*\(|"
    r"\b(running|isRunning|accepting|shuttingDown|isShuttingDown|stopping|stopped)\s*=\s*(true|false)\b",
    re.IGNORECASE,
)
_EXIT = re.compile(r"\bprocess\.(exit|kill|abort)\s*\(")


def _function_text(ctx: Context, name: str) -> str:
    node = _info(ctx).functions.get(name)
    return node.text() if node is not None else ""


def _handler_body(handler: Any, ctx: Context) -> str | None:
    """The text of a signal handler, with the functions it calls by name (one level)."""
    handler = _unwrap(handler)
    if handler is None:
        return None
    kind = handler.kind()
    if kind in ("arrow_function", "function_expression", "function"):
        body = handler.text()
    elif kind == "identifier":
        body = _function_text(ctx, handler.text())
        if not body:
            return None
    elif kind == "call_expression" and _last(_callee(handler)) == "bind":  # shutdown.bind(null, server)
        body = _function_text(ctx, _callee(handler).split(".", 1)[0])
        if not body:
            return None
    else:
        return None
    called = [
        name
        for name in dict.fromkeys(re.findall(r"(?<![\w.$])([A-Za-z_$][\w$]*)\s*\(", body))
        if name in _info(ctx).functions
    ]
    return body + "\n" + "\n".join(_function_text(ctx, name) for name in called[:6])


def _signals_of(node: Any) -> list[str]:
    """Signal names of `process.on(<sig>, ...)`: a literal, or the strings of the array the
    enclosing loop walks (`["SIGTERM", "SIGINT"].forEach((s) => process.on(s, ...))`)."""
    args = _args(node)
    if not args:
        return []
    ok, value = literal(args[0])
    if ok:
        return [value] if isinstance(value, str) and value.startswith("SIG") else []
    if args[0].kind() != "identifier":
        return []
    for anc in node.ancestors():
        if anc.kind() in ("for_in_statement", "call_expression", "for_statement"):
            array = anc.find(kind="array")
            if array is not None:
                names = [
                    v for c in array.children() if c.is_named() for ok2, v in [literal(c)] if ok2 and isinstance(v, str)
                ]
                if names and all(n.startswith("SIG") for n in names):
                    return names
        if anc.kind() == "program":
            break
    return []


def _signal(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    args = _args(node)
    signals = _signals_of(node)
    if not signals or len(args) < 2:
        return None
    body = _handler_body(args[1], ctx)
    drains = bool(body and _DRAIN.search(body))
    exits = bool(body and _EXIT.search(body)) and not drains
    handler = (
        args[1].text()
        if args[1].kind() in ("identifier", "member_expression")
        else (
            "function"
            if _unwrap(args[1]) is not None and _unwrap(args[1]).kind() != "call_expression"
            else args[1].text()[:60]
        )
    )
    return [
        {
            "signal": sig,
            "handler": handler[:60],
            "exits_immediately": exits,
            "drains": drains,
            "api": _callee(node),
            "lang": _lang(ctx),
        }
        for sig in signals
    ]


_HOOK_MODULES = {
    "createTerminus": "@godaddy/terminus",
    "terminus": "@godaddy/terminus",
    "createHttpTerminator": "http-terminator",
    "createLightship": "lightship",
    "stoppable": "stoppable",
    "gracefulShutdown": "http-graceful-shutdown",
    "closeWithGrace": "close-with-grace",
}


def _shutdown_hook(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    last = _last(callee)
    if last == "enableShutdownHooks":
        return {"api": "enableShutdownHooks", "lang": _lang(ctx)}
    wanted = _HOOK_MODULES.get(last)
    if wanted is None or _module(ctx, node) != wanted:
        return None
    return {"api": f"{wanted} {last}", "lang": _lang(ctx)}


# --- row extractors: logs ----------------------------------------------------------------------------------

_STDOUT_TARGETS = re.compile(r"^(process\.stdout|/dev/stdout|1|/dev/fd/1|-)$")
_STDERR_TARGETS = re.compile(r"^(process\.stderr|/dev/stderr|2|/dev/fd/2)$")


def _stream_of(node: Any) -> str | None:
    if node is None:
        return None
    text = node.text().strip("'\"`")
    if _STDOUT_TARGETS.match(text):
        return "stdout"
    if _STDERR_TARGETS.match(text):
        return "stderr"
    return None


def _handler(
    name: str,
    api: str,
    ctx: Context,
    *,
    target: dict[str, Any] | None = None,
    rotation: bool = False,
    stream: str | None = None,
    file: bool = False,
) -> dict[str, Any]:
    return {
        "handler": name,
        "api": api,
        "target": target or {"source": "none"},
        "rotation": rotation,
        "stream": stream,
        "file": file,
        "lang": _lang(ctx),
    }


_WINSTON_FILE_OPTIONS = frozenset(
    {"maxsize", "maxFiles", "tailable", "zippedArchive", "datePattern", "frequency", "maxSize"}
)


def _winston_transport(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    last = _last(callee)
    module = _module(ctx, node)
    if module not in ("winston", "winston-daily-rotate-file", "winston-transport") and "transports." not in callee:
        return None
    if module == "winston-daily-rotate-file":
        last = "DailyRotateFile"
    args = _args(node)
    options = _pairs(_resolve_object(args[0], ctx)) if args else {}
    name = f"winston.{last}"
    if last in ("File", "DailyRotateFile"):
        target_node = options.get("filename") or options.get("dirname")
        target = classify(target_node, ctx) if target_node is not None else {"source": "default"}
        rotation = last == "DailyRotateFile" or bool(_WINSTON_FILE_OPTIONS & set(options))
        return _handler(name, callee, ctx, target=target, rotation=rotation, file=True)
    if last == "Console":
        return _handler(name, callee, ctx, stream="stdout")
    if last == "Stream":
        stream_node = options.get("stream")
        stream = _stream_of(_unwrap(stream_node)) if stream_node is not None else None
        file = stream is None and stream_node is not None and "createWriteStream" in _bound_text(stream_node, ctx)
        return _handler(
            name,
            callee,
            ctx,
            target=classify(stream_node, ctx) if stream_node is not None else None,
            stream=stream or ("other" if not file else None),
            file=file,
        )
    if last in (
        "Http",
        "Syslog",
        "Loggly",
        "Papertrail",
        "MongoDB",
        "CloudWatch",
        "WinstonCloudWatch",
        "LogstashTransport",
        "ElasticsearchTransport",
        "Logtail",
        "DatadogTransport",
    ):
        host = options.get("host") or options.get("url")
        return _handler(name, callee, ctx, target=classify(host, ctx) if host is not None else None, stream="other")
    return None


def _bound_text(node: Any, ctx: Context) -> str:
    """The text of an expression, or of the variable's value when it is a variable."""
    node = _unwrap(node)
    if node is None:
        return ""
    if node.kind() == "identifier":
        bound = _info(ctx).bindings.get(node.text())
        return bound.text() if bound is not None else node.text()
    return node.text()


_LOG4JS_FILE = frozenset({"file", "dateFile", "fileSync", "multiFile"})


def _log4js_appenders(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    if "log4js" not in ctx.source.text or _key(node) != "appenders":
        return None
    appenders = _resolve_object(node.field("value"), ctx)
    if appenders is None:
        return None
    out: list[dict[str, Any]] = []
    for name, value in _pairs(appenders).items():
        options = _pairs(_resolve_object(value, ctx))
        ok, kind = literal(options.get("type")) if "type" in options else (False, None)
        if not ok or not isinstance(kind, str):
            continue
        data = {"_line": line_of(value)}
        if kind in _LOG4JS_FILE:
            target = options.get("filename") or options.get("base")
            rotation = kind == "dateFile" or bool(
                {"maxLogSize", "backups", "numBackups", "pattern", "compress"} & set(options)
            )
            data.update(
                _handler(
                    f"log4js.{kind}",
                    f"log4js appender {name}",
                    ctx,
                    target=classify(target, ctx) if target is not None else None,
                    rotation=rotation,
                    file=True,
                )
            )
        elif kind in ("stdout", "console"):
            data.update(_handler(f"log4js.{kind}", f"log4js appender {name}", ctx, stream="stdout"))
        elif kind == "stderr":
            data.update(_handler(f"log4js.{kind}", f"log4js appender {name}", ctx, stream="stderr"))
        else:
            data.update(_handler(f"log4js.{kind}", f"log4js appender {name}", ctx, stream="other"))
        out.append(data)
    return out or None


def _bunyan_stream(options: dict[str, Any], api: str, ctx: Context) -> dict[str, Any] | None:
    if "path" in options:
        ok, kind = literal(options.get("type")) if "type" in options else (False, None)
        rotation = (ok and kind == "rotating-file") or "period" in options or "count" in options
        return _handler(
            "bunyan.rotating-file" if rotation else "bunyan.file",
            api,
            ctx,
            target=classify(options["path"], ctx),
            rotation=bool(rotation),
            file=True,
        )
    if "stream" in options:
        stream = _stream_of(_unwrap(options["stream"]))
        return _handler(
            "bunyan.stream",
            api,
            ctx,
            stream=stream or "other",
            file=stream is None and "createWriteStream" in _bound_text(options["stream"], ctx),
        )
    return None


def _logger_call(node: Any, ctx: Context) -> list[dict[str, Any]] | dict[str, Any] | None:
    """bunyan.createLogger, pino(), pino.destination(), pino.transport(), morgan(), createWriteStream."""
    callee = _callee(node)
    last = _last(callee)
    module = _module(ctx, node)
    args = _args(node)
    if module == "bunyan" and last == "createLogger":
        options = _pairs(_resolve_object(args[0], ctx)) if args else {}
        out: list[dict[str, Any]] = []
        streams = _unwrap(options.get("streams"))
        if streams is not None and streams.kind() == "array":
            for item in streams.children():
                found = _bunyan_stream(_pairs(_resolve_object(item, ctx)), callee, ctx) if item.is_named() else None
                if found is not None:
                    out.append({"_line": line_of(item), **found})
        else:
            found = _bunyan_stream(options, callee, ctx)
            out.append(found if found is not None else _handler("bunyan", callee, ctx, stream="stdout"))
        return out or None
    if module == "pino" and last == "destination":
        target = args[0] if args else None
        obj = _resolve_object(target, ctx) if target is not None else None
        if obj is not None:
            target = _pairs(obj).get("dest")
        stream = _stream_of(_unwrap(target)) if target is not None else "stdout"
        if stream is not None:
            return _handler("pino.destination", callee, ctx, stream=stream)
        return _handler("pino.destination", callee, ctx, target=classify(target, ctx), file=True)
    if module in ("pino", "pino-http") and "." not in callee:
        # pino() / pino(options) / pino(options, destination): stdout unless a destination is given;
        # transports are read from their `target` objects (_pino_target)
        destination = args[1] if len(args) > 1 else args[0] if args and _resolve_object(args[0], ctx) is None else None
        if destination is not None:  # pino(destination) / pino(options, destination)
            stream = _stream_of(_unwrap(destination))
            return _handler(module, callee, ctx, stream=stream) if stream is not None else None
        options = _pairs(_resolve_object(args[0], ctx)) if args else {}
        if "transport" in options or "stream" in options:
            return None
        return _handler(module, callee, ctx, stream="stdout")
    if module == "morgan" and "." not in callee:
        options = _pairs(_resolve_object(args[1], ctx)) if len(args) > 1 else {}
        stream_node = options.get("stream")
        if stream_node is None:
            return _handler("morgan", callee, ctx, stream="stdout")
        stream = _stream_of(_unwrap(stream_node))
        if stream is not None:
            return _handler("morgan", callee, ctx, stream=stream)
        text = _bound_text(stream_node, ctx)
        to_file = bool(re.search(r"createWriteStream|createStream|rotating-file-stream|rfs\.", text))
        return _handler(
            "morgan(stream)",
            callee,
            ctx,
            target=classify(stream_node, ctx) if not to_file else _write_target(stream_node, ctx),
            rotation="createStream" in text or "rfs" in text,
            stream=None if to_file else "other",
            file=to_file,
        )
    if (module == "rotating-file-stream" and last in ("createStream",)) or (
        module == "rotating-file-stream" and "." not in callee
    ):
        return _handler(
            "rotating-file-stream",
            callee,
            ctx,
            target=classify(args[0], ctx) if args else None,
            rotation=True,
            file=True,
        )
    return None


def _write_target(stream_node: Any, ctx: Context) -> dict[str, Any]:
    """The path of `fs.createWriteStream(path)` a stream variable holds."""
    node = _unwrap(stream_node)
    if node is not None and node.kind() == "identifier":
        node = _unwrap(_info(ctx).bindings.get(node.text()))
    if node is not None and node.kind() == "call_expression":
        args = _args(node)
        if args:
            return classify(args[0], ctx)
    return classify(stream_node, ctx)


def _pino_target(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`{ target: "pino/file", options: { destination: "app.log" } }`, pino-roll/pino-pretty, and the
    transports of log vendors (`@logtail/pino`, `pino-elasticsearch`)."""
    if _key(node) != "target":
        return None
    ok, target = literal(node.field("value"))
    if not ok or not isinstance(target, str) or not (target.startswith("pino") or target.startswith(_VENDOR_SCOPES)):
        return None
    obj = node.parent()
    options = _pairs(_resolve_object(_pairs(obj).get("options"), ctx)) if obj is not None else {}
    destination = options.get("destination") or options.get("file")
    stream = _stream_of(_unwrap(destination)) if destination is not None else None
    if target == "pino-pretty" and stream is None and destination is None:
        stream = "stdout"
    if target == "pino/file" and destination is None:
        stream = "stdout"
    if stream is not None:
        return _handler(target, "pino.transport", ctx, stream=stream)
    if target in ("pino/file", "pino-roll", "pino-pretty") and destination is not None:
        return _handler(
            target, "pino.transport", ctx, target=classify(destination, ctx), rotation=target == "pino-roll", file=True
        )
    return _handler(target, "pino.transport", ctx, stream="other")


#: npm scopes of log vendors whose packages ship records to the vendor (`@logtail/pino`)
_VENDOR_SCOPES = ("@logtail/",)
#: Better Stack's clients and transports, and the packages they come from
_LOGTAIL_MODULES = ("@logtail/node", "@logtail/js", "@logtail/winston", "@logtail/bunyan")


def _guard(node: Any) -> str | None:
    """The condition of the nearest `if` around *node*, as written (a client set up only when a
    variable is given: `if (process.env.APPLICATIONINSIGHTS_CONNECTION_STRING)`)."""
    for anc in node.ancestors():
        if anc.kind() == "if_statement":
            cond = anc.field("condition")
            return _unwrap(cond).text()[:120] if cond is not None and _unwrap(cond) is not None else None
        if anc.kind() in _FUNCTIONS or anc.kind() == "program":
            return None
    return None


def _app_insights(node: Any, ctx: Context) -> dict[str, Any] | None:
    """Application Insights' `setAutoCollectConsole(true[, true])`: the SDK captures the records of
    the console and of bunyan/winston in the process and sends them to Azure itself."""
    args = _args(node)
    if not any(literal(a) == (True, True) for a in args[:2]):
        return None
    member = node.field("function")
    name = member.field("property") if member is not None else None
    return {
        **_handler("applicationinsights", "appInsights.setAutoCollectConsole", ctx, stream="other"),
        "family": "network",
        "condition": _guard(node),
        "_line": line_of(name if name is not None else node),
    }


def _logtail(node: Any, ctx: Context) -> dict[str, Any] | None:
    """Better Stack's `new Logtail(token)` and `new LogtailTransport(logtail)` (winston): records sent
    to Better Stack from the process."""
    if _module(ctx, node) not in _LOGTAIL_MODULES:
        return None
    return {
        **_handler("logtail", f"new {_callee(node)}", ctx, stream="other"),
        "family": "network",
        "condition": _guard(node),
    }


#: long-running work outside a server, by the library that runs it: (module, callee's last name or
#: `new` class) -> how a report names it; Node.js exits at once on SIGTERM unless the code handles it
_LOOP_CALLS = {
    ("discord.js", "login"): "client.login",
    ("eris", "connect"): "bot.connect",
    ("telegraf", "launch"): "bot.launch",
    ("grammy", "start"): "bot.start",
    ("kafkajs", "run"): "consumer.run",
    ("amqplib", "consume"): "channel.consume",
    ("amqp-connection-manager", "consume"): "channel.consume",
}
_LOOP_NEWS = {("bullmq", "Worker"): "new Worker", ("node-telegram-bot-api", "TelegramBot"): "new TelegramBot"}
_LOOP_MODULES = tuple(sorted({m for m, _ in _LOOP_CALLS} | {m for m, _ in _LOOP_NEWS}))


def _node_loop(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A bot's connection or a queue consumer that keeps the process running outside any server:
    discord.js `client.login(token)`, telegraf `bot.launch()`, kafkajs `consumer.run(...)`, amqplib
    `channel.consume(...)`, bullmq `new Worker(...)` (the file imports the library)."""
    last = _last(_callee(node))
    imported = {_module_name(spec) for spec in _info(ctx).imports.values()}
    table = _LOOP_NEWS if node.kind() == "new_expression" else _LOOP_CALLS
    for (module, name), shown in table.items():
        if name == last and module in imported:
            if node.kind() == "new_expression" and _module(ctx, node) != module:
                continue
            if module == "node-telegram-bot-api" and "polling" not in node.text():
                continue
            return {"api": shown, "main": True, "lang": _lang(ctx)}
    return None


_LOG_PATH = re.compile(r"(?i)\.log\b|(^|[/'\"`])logs?/|access|journal")
_TMP = re.compile(r"(?i)tmp|temp|os\.tmpdir|/dev/(null|stdout|stderr)")


def _write_stream(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`fs.createWriteStream(path)`: a log file when the path looks like one (else a file.write)."""
    if _module(ctx, node) not in ("fs", "fs/promises", "graceful-fs", "fs-extra") and not _callee(node).startswith(
        "fs."
    ):
        return None
    args = _args(node)
    if not args:
        return None
    text = _bound_text(args[0], ctx)
    if not _LOG_PATH.search(text) and not _LOG_PATH.search(node.parent().text() if node.parent() is not None else ""):
        return None
    stream = _stream_of(_unwrap(args[0]))
    if stream is not None:
        return _handler("fs.createWriteStream", _callee(node), ctx, stream=stream)
    return _handler("fs.createWriteStream", _callee(node), ctx, target=classify(args[0], ctx), file=True)


def _nest_logger(node: Any, ctx: Context) -> dict[str, Any] | None:
    if _module(ctx, node) != "@nestjs/common":
        return None
    return _handler("nest.Logger", _callee(node), ctx, stream="stdout")


def _framework_logger(node: Any, ctx: Context) -> dict[str, Any] | None:
    """The logger a web framework starts by default: NestJS's (`NestFactory.create`, console unless
    `logger: false` or a custom logger replaces it) and Fastify's pino (`fastify({ logger: true })`:
    stdout, or the `file` it names; transports and streams are read as pino's)."""
    callee = _callee(node)
    module = _module(ctx, node)
    args = _args(node)
    if module == "@nestjs/core" and re.search(r"(^|\.)NestFactory\.create(Microservice)?$", callee):
        options = _pairs(_resolve_object(args[1], ctx)) if len(args) > 1 else {}
        logger = _unwrap(options.get("logger"))
        if (logger is not None and logger.kind() != "array") or "bufferLogs" in options:
            return None  # switched off, or a custom logger (app.useLogger) replaces the default
        return _handler("nest.Logger", "NestJS default logger", ctx, stream="stdout")
    if module == "fastify" and ("." not in callee or callee.startswith("require(")) and args:
        logger = _unwrap(_pairs(_resolve_object(args[0], ctx)).get("logger"))
        if logger is None or logger.kind() == "false":
            return None
        if logger.kind() == "true":
            return _handler("fastify.logger", "fastify({ logger: true })", ctx, stream="stdout")
        options = _pairs(_resolve_object(logger, ctx))
        if (not options and logger.kind() != "object") or "transport" in options or "stream" in options:
            return None
        if "file" in options:
            return _handler(
                "fastify.logger(file)",
                "fastify({ logger: { file } })",
                ctx,
                target=classify(options["file"], ctx),
                file=True,
            )
        return _handler("fastify.logger", "fastify({ logger })", ctx, stream="stdout")
    return None


# --- row extractors: state ---------------------------------------------------------------------------------

_SESSION_MODULES = {
    "express-session": "express-session",
    "@fastify/session": "@fastify/session",
    "fastify-session": "@fastify/session",
    "koa-session": "koa-session",
    "cookie-session": "cookie-session",
    "@fastify/secure-session": "@fastify/secure-session",
    "client-sessions": "client-sessions",
    "koa-generic-session": "koa-generic-session",
}


def _store_kind(text: str, ctx: Context) -> str:
    if re.search(r"(?i)memorystore|MemoryStore", text):
        return "memory"
    if re.search(r"(?i)redis", text):
        return "redis"
    if re.search(r"(?i)mongo", text):
        return "mongodb"
    if re.search(r"(?i)pg|postgres|sequelize|knex|typeorm|prisma|mysql|sqlite|session-sql|Sql", text):
        return "db"
    if re.search(r"(?i)memcache", text):
        return "memcached"
    if re.search(r"(?i)dynamo", text):
        return "dynamodb"
    if re.search(r"(?i)file", text):
        return "file"
    return "other"


def _origin(name: str, ctx: Context) -> str:
    """The module a class comes from, also through a factory (`const RedisStore = connectRedis(session)`)."""
    info = _info(ctx)
    found = info.module_of(name)
    if found is None and name in info.bindings:
        bound = _unwrap(info.bindings[name])
        if bound is not None and bound.kind() in ("call_expression", "new_expression"):
            found = info.module_of(_callee(bound))
    return _module_name(found) if found else ""


def _session(node: Any, ctx: Context) -> dict[str, Any] | None:
    module = _module(ctx, node)
    library = _SESSION_MODULES.get(module or "")
    callee = _callee(node)
    if library is None or ("." in callee and not callee.startswith("require(")):
        return None
    args = _args(node)
    if library in ("cookie-session", "@fastify/secure-session", "client-sessions"):
        return {"library": library, "store": "cookie", "api": callee, "lang": _lang(ctx)}
    if library == "koa-session":
        options = _pairs(_resolve_object(args[0], ctx)) if args else {}
        store = options.get("store")
        return {
            "library": library,
            "store": _store_kind(_bound_text(store, ctx), ctx) if store is not None else "cookie",
            "api": callee,
            "lang": _lang(ctx),
        }
    options = _pairs(_resolve_object(args[0], ctx)) if args else {}
    store = options.get("store")
    switched: tuple[Any, str | None] | None = None
    if store is not None and _unwrap(store) is not None and _unwrap(store).kind() == "ternary_expression":
        switched = _env_switched(_unwrap(store), ctx)
    elif store is None and args and _unwrap(args[0]) is not None and _unwrap(args[0]).kind() == "identifier":
        assigned = _assigned_stores(_unwrap(args[0]).text(), ctx)
        unconditional = [value for value, condition in assigned if condition is None]
        if unconditional:
            store = unconditional[-1]
        elif assigned:
            switched = assigned[0]
    if switched is not None:
        value, env = switched
        kind, api = _store_of(value, ctx)
        return {
            "library": library,
            "store": "memory",
            "default": True,
            "alternative": kind,
            "alternative_api": api,
            "alternative_env": env or "?",
            "api": callee,
            "lang": _lang(ctx),
        }
    if store is None:
        return {"library": library, "store": "memory", "default": True, "api": callee, "lang": _lang(ctx)}
    kind, api = _store_of(store, ctx)
    return {"library": library, "store": kind, "default": False, "store_api": api, "api": callee, "lang": _lang(ctx)}


def _store_of(store: Any, ctx: Context) -> tuple[str, str]:
    """(kind, shown constructor) of a session store expression (`new RedisStore({...})`)."""
    text = _bound_text(store, ctx)
    constructor = re.search(r"new\s+([\w$.]+)", text)
    name = constructor.group(1) if constructor else text
    origin = _origin(name, ctx)
    return _store_kind(f"{name} {origin} {text}", ctx), (f"{name} ({origin})" if origin else name)[:80]


_ENV_VAR = re.compile(r"\b(?:process|Bun)\.env(?:\.([A-Za-z_]\w*)|\[\s*['\"`]([A-Za-z_]\w*)['\"`]\s*\])")
#: a condition that picks the deployed environment by name (`NODE_ENV === "production"`)
_PRODUCTION_TEST = re.compile(
    r"(?i)\b(NODE_ENV|APP_ENV|ENVIRONMENT|DEPLOY_ENV|RUN_ENV)\b\s*===?\s*['\"`](production|prod)['\"`]|"
    r"['\"`](production|prod)['\"`]\s*===?\s*[\w.]*\b(NODE_ENV|APP_ENV|ENVIRONMENT)\b|\bisProd\w*\b"
)


def _env_condition(condition: Any, ctx: Context) -> tuple[bool, str | None] | None:
    """(production-only, variable) when *condition* reads the environment: a test of the deployed
    environment's name (`NODE_ENV === "production"`), or of a variable being set; None otherwise."""
    text = condition.text()
    names = [a or b for a, b in _ENV_VAR.findall(text)]
    if not names and not any(re.search(rf"\b{re.escape(n)}\b", text) for n in _info(ctx).env_names):
        return None
    if _PRODUCTION_TEST.search(text) and not re.search(r"!==?|\bnot\b", text):
        return True, names[0] if names else None
    local = next((n for n in _info(ctx).env_names if re.search(rf"\b{re.escape(n)}\b", text)), None)
    return False, names[0] if names else (_info(ctx).env_names[local][0] if local else None)


def _env_switched(node: Any, ctx: Context) -> tuple[Any, str | None] | None:
    """`store: process.env.REDIS_URL ? new RedisStore(...) : undefined`: (the store, the variable)."""
    condition, yes, no = node.field("condition"), node.field("consequence"), node.field("alternative")
    found = _env_condition(condition, ctx) if condition is not None else None
    if found is None or found[0]:
        return None
    empty = ("undefined", "null", "void 0", "")
    if yes is not None and no is not None and no.text() in empty:
        return yes, found[1]
    if yes is not None and no is not None and yes.text() in empty:
        return no, found[1]
    return None


def _assigned_stores(name: str, ctx: Context) -> list[tuple[Any, str | None]]:
    """(store, variable) of each `<name>.store = <store>` in the file: variable None when the
    assignment always runs (or runs only in production), else the environment variable whose
    presence the enclosing `if` tests."""
    found: list[tuple[Any, str | None]] = []
    for node in ctx.root.find_all(kind="assignment_expression"):
        left, right = node.field("left"), node.field("right")
        if (
            left is None
            or right is None
            or re.sub(r"\s+", "", left.text()) not in (f"{name}.store", f"{name}['store']", f'{name}["store"]')
        ):
            continue
        variable: str | None = None
        for ancestor in node.ancestors():
            if ancestor.kind() in _FUNCTIONS:
                break
            if ancestor.kind() != "if_statement":
                continue
            condition = ancestor.field("condition")
            tested = _env_condition(condition, ctx) if condition is not None else None
            if tested is not None and not tested[0]:
                variable = tested[1] or "?"
                break
        found.append((right, variable))
    return found


_WRITE_CALLS = re.compile(
    r"^(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|"
    r"rename|renameSync|outputFile|outputFileSync|writeJson|writeJSON|writeJsonSync)$"
)


def _file_write(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    last = _last(callee)
    module = _module(ctx, node)
    args = _args(node)
    upload = False
    if module == "multer" and ("." not in callee or callee.startswith("require(")):
        options = _pairs(_resolve_object(args[0], ctx)) if args else {}
        if "dest" not in options:
            return None
        target = options["dest"]
        api, upload = "multer(dest)", True
    elif module == "multer" and last == "diskStorage":
        options = _pairs(_resolve_object(args[0], ctx)) if args else {}
        target = options.get("destination")
        api, upload = "multer.diskStorage", True
    elif module in ("formidable", "express-formidable") and (
        "." not in callee or callee.startswith("require(") or last in ("IncomingForm", "formidable")
    ):
        # formidable writes every upload to `uploadDir` (its default, os.tmpdir(), is scratch space)
        options = _pairs(_resolve_object(args[0], ctx)) if args else {}
        target = options.get("uploadDir")
        if target is None:
            return None
        api, upload = f"{module}(uploadDir)", True
    elif last == "mv" and "express-fileupload" in ctx.source.text and re.search(r"(?i)files?|upload", callee):
        target = args[0] if args else None
        api, upload = "express-fileupload mv", True
    elif _WRITE_CALLS.match(last) and (
        module in ("fs", "fs/promises", "graceful-fs", "fs-extra") or callee.startswith(("fs.", "fsp.", "fs.promises."))
    ):
        target = args[0] if args else None
        if last in ("copyFile", "copyFileSync", "rename", "renameSync") and len(args) > 1:
            target = args[1]
        text = _bound_text(target, ctx) if target is not None else ""
        if last == "createWriteStream" and _LOG_PATH.search(text):
            return None  # a log file: log.handler
        api = f"fs.{last}"
    else:
        return None
    text = _bound_text(target, ctx) if target is not None else ""
    info = classify(target, ctx) if target is not None else {"source": "none"}
    tmp = bool(_TMP.search(text))
    upload = upload or bool(re.search(r"(?i)upload|media|req\.file|originalname|filename", text))
    return {
        "api": api,
        "target": info,
        "tmp": tmp,
        "upload": upload,
        "in_route": _in_route(node),
        "in_function": _in_function(node),
        "lang": _lang(ctx),
    }


#: embedded database libraries of Node.js, by module (SQLite is a `client`)
_EMBEDDED_MODULES = {
    "lowdb": "lowdb",
    "nedb": "nedb",
    "@seald-io/nedb": "nedb",
    "nedb-promises": "nedb",
    "level": "leveldb",
    "classic-level": "leveldb",
    "leveldown": "leveldb",
    "node-json-db": "node-json-db",
    "lmdb": "lmdb",
    "node-persist": "node-persist",
}
#: options that name the file or folder of such a store
_STORE_PATH_KEYS = ("filename", "path", "dir", "location")


def _embedded_library(node: Any, ctx: Context) -> dict[str, Any] | None:
    """An embedded database opened on a file: lowdb's JSON adapters, NeDB with a `filename`, a
    LevelDB folder, node-json-db, lmdb, node-persist."""
    module = _module(ctx, node)
    library = _EMBEDDED_MODULES.get(module or "")
    if library is None:
        return None
    callee = _callee(node)
    last = _last(callee)
    args = _args(node)
    if library == "lowdb" and last in ("low", "Low", "LowSync"):
        return None  # the adapter (`new JSONFile(file)`) names the file; `Low` alone may be in memory
    if library == "node-persist" and last not in ("init", "initSync", "create"):
        return None
    if library == "lmdb" and last != "open":
        return None
    target = args[0] if args else None
    options = _pairs(_resolve_object(target, ctx)) if target is not None else {}
    if options:
        target = next((options[k] for k in _STORE_PATH_KEYS if k in options), None)
        if library == "nedb" and target is None:
            return None  # NeDB with no filename keeps its data in memory
    if target is None and library != "node-persist":
        return None
    text = _bound_text(target, ctx) if target is not None else ""
    if re.search(r"(?i)memory|tmp|temp", text):
        return None
    return {
        "library": library,
        "api": callee[:60],
        "target": classify(target, ctx) if target is not None else {"source": "none"},
        "in_function": _in_function(node),
        "lang": _lang(ctx),
    }


_FS_READS = re.compile(
    r"^(fs\.|fsp\.|fs\.promises\.|fse\.|jsonfile\.)?(readFile|readFileSync|readJson|readJSON|readJsonSync|"
    r"readJSONSync)$"
)
_FS_WRITES = re.compile(
    r"^(fs\.|fsp\.|fs\.promises\.|fse\.|jsonfile\.)?(writeFile|writeFileSync|outputFile|outputFileSync|"
    r"writeJson|writeJSON|writeJsonSync|writeJSONSync|rename|renameSync)$"
)
_FILE_STORE_TEXT = NeedleGate(
    r"(?s)\A(?=.*\bread(?:File|Json|JSON)(?:Sync)?\b)(?=.*\b(?:write(?:File|Json|JSON)(?:Sync)?|"
    r"outputFile(?:Sync)?|rename(?:Sync)?)\b)",
    ("readFile", "readJson", "readJSON"),
    ("writeFile", "writeJson", "writeJSON", "outputFile", "rename"),
)


def _js_path_key(node: Any) -> str:
    return re.sub(r"^this\.", "", re.sub(r"\s+", "", node.text()))


def _js_scope(node: Any) -> tuple[int, int]:
    """Where a name means the same thing: the enclosing class, else function, else the module."""
    function = None
    for ancestor in node.ancestors():
        if ancestor.kind() in ("class_declaration", "class"):
            return ancestor.range().start.index, ancestor.range().end.index
        if function is None and ancestor.kind() in _FUNCTIONS:
            function = ancestor
    if function is not None:
        return function.range().start.index, function.range().end.index
    return 0, 0


def _file_stores(ctx: Context) -> list[Fact]:
    """Files a module reads whole and writes back at the same path (`JSON.parse(fs.readFileSync(p))`
    ... `fs.writeFileSync(p, ...)`, or a temporary file renamed onto it): a datastore on the disk."""
    reads: dict[str, list[Any]] = {}
    writes: list[tuple[Any, Any, str, bool]] = []
    for node in ctx.root.find_all(kind="call_expression"):
        callee = _callee(node)
        args = _args(node)
        if not args:
            continue
        if _FS_READS.match(callee) and (
            callee.startswith(("fs", "jsonfile")) or _module(ctx, node) in ("fs", "fs/promises", "fs-extra", "jsonfile")
        ):
            if not _TMP.search(args[0].text()):
                reads.setdefault(_js_path_key(args[0]), []).append(node)
        elif _FS_WRITES.match(callee) and (
            callee.startswith(("fs", "jsonfile")) or _module(ctx, node) in ("fs", "fs/promises", "fs-extra", "jsonfile")
        ):
            renamed = _last(callee).startswith("rename")
            target = args[1] if renamed and len(args) > 1 else args[0]
            writes.append((node, target, callee, renamed))
    facts: list[Fact] = []
    seen: set[str] = set()
    for node, target, callee, renamed in writes:
        key = _js_path_key(target)
        if key in seen or _TMP.search(target.text()) or _LOG_PATH.search(_bound_text(target, ctx)):
            continue
        shared = key[:1] in "'\"`" or bool(re.fullmatch(r"[A-Z][A-Z0-9_]*", key))
        read = next((r for r in reads.get(key, []) if shared or _js_scope(r) == _js_scope(node)), None)
        if read is None:
            continue
        seen.add(key)
        facts.append(
            ctx.source.fact(
                "state.embedded_store",
                line_of(node),
                library="file",
                api=callee[:60],
                target=classify(target, ctx),
                read_line=line_of(read),
                renamed=renamed,
                in_function=_in_function(node),
                lang=_lang(ctx),
            )
        )
    return facts


_WEB_APP_TEXT = re.compile(
    r"\bexpress\(\)|new\s+Koa\b|\b[Ff]astify\(|NestFactory\.create|createServer\(|new\s+Hono\b|Hapi\.server"
)
_BOOTSTRAP = re.compile(r"(?i)^(bootstrap|main|start\w*|init\w*|run|serve|server|listen\w*|boot)$")


def _scheduler_data(api: str, ctx: Context, started: bool = True) -> dict[str, Any]:
    return {
        "api": api,
        "web_app_in_file": bool(_WEB_APP_TEXT.search(ctx.source.text)),
        "started": started,
        "lang": _lang(ctx),
    }


def _scheduler(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    last = _last(callee)
    module = _module(ctx, node)
    args = _args(node)
    text = ctx.source.text
    if module == "node-cron" and last == "schedule":
        options = _pairs(_resolve_object(args[2], ctx)) if len(args) > 2 else {}
        started = "scheduled" not in options or literal(options["scheduled"])[1] is not False or ".start()" in text
        return _scheduler_data("node-cron schedule", ctx, started)
    if module == "cron" and (last == "CronJob" or callee.endswith("CronJob.from")):
        started = (
            ".start()" in text
            or (len(args) > 3 and literal(args[3])[1] is True)
            or bool(re.search(r"start\s*:\s*true", node.text()))
        )
        return _scheduler_data("cron CronJob", ctx, started)
    if module == "node-schedule" and last in ("scheduleJob", "RecurrenceRule"):
        return _scheduler_data("node-schedule scheduleJob", ctx)
    if module in ("agenda", "@hokify/agenda") and last == "Agenda":
        return _scheduler_data("agenda", ctx, ".start()" in text)
    if module == "bree" and last == "Bree":
        return _scheduler_data("bree", ctx, ".start()" in text)
    if module == "toad-scheduler" and last == "ToadScheduler":
        return _scheduler_data("toad-scheduler", ctx)
    if callee in ("setInterval", "timers.setInterval") and not _in_route(node):
        for anc in node.ancestors():
            if anc.kind() in _FUNCTIONS:
                name = anc.field("name")
                owner = name.text() if name is not None else _declared_name(anc)
                args_node = anc.parent()
                call = args_node.parent() if args_node is not None and args_node.kind() == "arguments" else None
                if (owner and _BOOTSTRAP.match(owner)) or (call is not None and _callee(call).endswith(".listen")):
                    return _scheduler_data("setInterval", ctx)
                return None
        return _scheduler_data("setInterval", ctx)
    return None


def _declared_name(function: Any) -> str | None:
    parent = function.parent()
    if parent is not None and parent.kind() == "variable_declarator":
        name = parent.field("name")
        return name.text() if name is not None else None
    return None


def _schedule_decorator(node: Any, ctx: Context) -> dict[str, Any] | None:
    if "@nestjs/schedule" not in ctx.source.text:
        return None
    match = re.match(r"@(Cron|Interval)\b", node.text())
    return _scheduler_data(f"@nestjs/schedule @{match.group(1)}", ctx) if match else None


_SPAWN_CALLS = frozenset({"exec", "execSync", "spawn", "spawnSync", "execFile", "execFileSync"})


def _program(node: Any) -> str | None:
    node = _unwrap(node)
    if node is None:
        return None
    ok, value = literal(node)
    if ok and isinstance(value, str) and value.strip():
        return value.strip().split()[0].rsplit("/", 1)[-1]
    if node.kind() == "template_string":
        head = (
            "".join(c.text() for c in node.children()[1:] if c.kind() in ("string_fragment",))
            if node.children()
            else ""
        )
        first = node.children()[1] if len(node.children()) > 1 else None
        if first is not None and first.kind() == "string_fragment" and head.strip():
            return first.text().strip().split()[0].rsplit("/", 1)[-1]
    return None


def _spawn(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    last = _last(callee)
    module = _module(ctx, node)
    args = _args(node)
    info = _info(ctx)
    if (
        node.kind() == "call_expression"
        and callee in info.bindings
        and re.search(r"promisify\(\s*([\w$.]*\.)?(exec|execFile)\s*\)", info.bindings[callee].text())
    ):
        promisified = re.search(r"(exec|execFile)\s*\)", info.bindings[callee].text())
        assert promisified is not None  # the condition above found `promisify(exec)`
        last = promisified.group(1)
        module = "child_process"
    if module == "child_process" and last in _SPAWN_CALLS:
        options = {}
        for arg in args[1:3]:
            obj = _resolve_object(arg, ctx)
            if obj is not None:
                options = _pairs(obj)
        shell = last in ("exec", "execSync") or (
            "shell" in options and literal(options["shell"])[1] not in (False, None)
        )
        return {
            "api": f"child_process.{last}",
            "program": _program(args[0]) if args else None,
            "shell": bool(shell),
            "lang": _lang(ctx),
        }
    if module == "execa" and last in ("execa", "execaSync", "execaCommand", "execaCommandSync", "execaNode"):
        if last == "execaNode":
            return None
        return {
            "api": f"execa.{last}",
            "program": _program(args[0]) if args else None,
            "shell": last.startswith("execaCommand"),
            "lang": _lang(ctx),
        }
    if module == "shelljs" and last == "exec":
        return {
            "api": "shelljs.exec",
            "program": _program(args[0]) if args else None,
            "shell": True,
            "lang": _lang(ctx),
        }
    return None


def _tagged_spawn(node: Any, ctx: Context) -> dict[str, Any] | None:
    """zx / execa `$\\`cmd ...\\``."""
    function, template = node.field("function"), node.field("arguments")
    if function is None or template is None or template.kind() != "template_string":
        return None
    if function.text() != "$" or _info(ctx).module_of("$") not in ("zx", "execa"):
        return None
    return {"api": f"{_info(ctx).module_of('$')} $", "program": _program(template), "shell": True, "lang": _lang(ctx)}


_FRAMEWORKS = {
    "express": "express",
    "koa": "koa",
    "fastify": "fastify",
    "@nestjs/core": "nestjs",
    "hono": "hono",
    "@hapi/hapi": "hapi",
    "hapi": "hapi",
    "restify": "restify",
    "next": "next",
    "polka": "polka",
    "@tinyhttp/app": "tinyhttp",
    "elysia": "elysia",
    "http": "node:http",
    "https": "node:http",
}


def _web_app(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    module = _module(ctx, node)
    framework = _FRAMEWORKS.get(module or "")
    if framework is None:
        return None
    last = _last(callee)
    plain = "." not in callee or callee.startswith("require(")
    if (
        (
            framework in ("express", "fastify", "next", "polka")
            and plain
            and node.kind() == "call_expression"
            and last not in ("Router", "json", "urlencoded", "static", "raw", "text")
        )
        or (framework in ("koa", "hono", "elysia") and node.kind() == "new_expression")
        or (framework == "nestjs" and callee.endswith("NestFactory.create"))
        or (framework == "hapi" and last in ("server", "Server"))
        or (framework == "restify" and last == "createServer")
        or (framework == "tinyhttp" and last == "App")
        or (framework == "node:http" and last == "createServer")
    ):
        return {
            "framework": framework,
            "api": re.sub(r"\(.*", "(…)", callee)[:60] if callee.startswith("require(") else callee,
            "lang": _lang(ctx),
        }
    return None


def _cli_command(node: Any, ctx: Context) -> dict[str, Any] | None:
    if node.kind() == "decorator":
        if "nest-commander" not in ctx.source.text:
            return None
        match = re.search(r"""@Command\(\s*\{[^}]*?name\s*:\s*['"]([^'"]+)['"]""", node.text())
        return (
            {"api": "nest-commander @Command", "name": match.group(1).split()[0], "function": "", "lang": _lang(ctx)}
            if match
            else None
        )
    if not _imports_any(ctx, "commander", "yargs", "cac", "sade", "caporal", "@caporal/core"):
        return None
    args = _args(node)
    ok, name = literal(args[0]) if args else (False, None)
    if not ok or not isinstance(name, str) or not name.strip():
        return None
    return {"api": _callee(node)[:60], "name": name.split()[0], "function": "", "lang": _lang(ctx)}


_ENV_BRANCH_COND = re.compile(
    r"(?i)\b(NODE_ENV|APP_ENV|ENVIRONMENT|STAGE|DEPLOY_ENV|RUN_ENV|isProd\w*|isDev\w*|isLocal|"
    r"IS_PROD\w*|USE_S3|USE_LOCAL\w*)\b|['\"`](production|prod|staging|development|dev|local)['\"`]"
)
_BRANCH_VALUE = re.compile(
    r"""['"`]((?:postgres(?:ql)?|mysql|sqlite|redis|mongodb(?:\+srv)?|amqp)(?:\+\w+)?://[^'"`]*|"""
    r"""[\w.-]+\.(?:internal|local|com|net|io)\b[^'"`]*)['"`]"""
)


def _env_branch(node: Any, ctx: Context) -> dict[str, Any] | None:
    condition = node.field("condition") if node.kind() != "switch_statement" else node.field("value")
    if condition is None or not _ENV_BRANCH_COND.search(condition.text()):
        return None
    body = node.text()
    values = sorted({m.group(1)[:80] for m in _BRANCH_VALUE.finditer(body)})
    engines = sorted(
        {
            _SQL_NAMES.get(m.group(1).lower(), m.group(1).lower())
            for m in re.finditer(
                r"""['"`:](postgres(?:ql)?|pg|mysql2?|sqlite3?|better-sqlite3|redis|mongodb)['"`:+]""", body
            )
        }
    )
    storage = sorted(
        {
            w
            for w in ("s3", "local", "disk", "filesystem", "gcs", "azure")
            if re.search(rf"\b{w}\b", body, re.IGNORECASE)
        }
    )
    if not values and not engines and not storage:
        return None
    return {
        "condition": condition.text()[:120],
        "values": [mask(v) if "@" in v else v for v in values],
        "engines": engines,
        "storage": storage,
        "lang": _lang(ctx),
    }


# --- file-level passes ------------------------------------------------------------------------------------

_CONTAINER = re.compile(r"^(new\s+(Map|Set|WeakMap|Array)\s*\(.*\)|\{\s*\}|\[\s*\])$", re.DOTALL)


def _global_mutations(ctx: Context) -> list[Fact]:
    """Module-level Map/Set/object/array containers mutated inside functions."""
    names: dict[str, int] = {}
    for statement in ctx.root.children():
        target = statement
        if statement.kind() == "export_statement":
            inner = [c for c in statement.children() if c.kind() in ("lexical_declaration", "variable_declaration")]
            target = inner[0] if inner else statement
        if target.kind() not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in target.children():
            if declarator.kind() != "variable_declarator":
                continue
            name, value = declarator.field("name"), declarator.field("value")
            if (
                name is None
                or value is None
                or name.kind() != "identifier"
                or not _CONTAINER.match(value.text().strip())
            ):
                continue
            if name.text().isupper() and value.kind() != "new_expression":
                continue  # constants written once
            names[name.text()] = line_of(declarator)
    if not names:
        return []
    alternatives = "|".join(re.escape(n) for n in names)
    rule = {
        "rule": {
            "any": [
                {
                    "kind": "call_expression",
                    "has": {
                        "field": "function",
                        "regex": rf"^({alternatives})\.(set|push|add|unshift|splice|delete|clear|pop|shift)$",
                    },
                },
                {"kind": "assignment_expression", "has": {"field": "left", "regex": rf"^({alternatives})(\[|\.)"}},
            ],
            "inside": {"any": [{"kind": k} for k in sorted(_FUNCTIONS)], "stopBy": "end"},
        }
    }
    facts: list[Fact] = []
    reported: set[str] = set()
    for node in ctx.root.find_all(rule):
        text = node.text()
        name = next((n for n in names if re.match(rf"{re.escape(n)}\b", text)), None)
        if name is None or name in reported:
            continue
        reported.add(name)
        facts.append(
            ctx.source.fact(
                "state.global",
                line_of(node),
                name=name,
                declared=names[name],
                in_route=_in_route(node),
                lang=_lang(ctx),
            )
        )
    return facts


_PM2_LOG_KEYS = ("out_file", "error_file", "log_file", "output", "error", "log")


def _option_value(options: dict[str, Any], key: str) -> Any:
    """A pm2 app option as written: its literal value, or its expression text."""
    if key not in options:
        return None
    ok, value = literal(options[key])
    return value if ok else options[key].text()[:80]


def _pm2_apps(ctx: Context) -> list[Fact]:
    """The apps of a pm2 ecosystem file (`module.exports = { apps: [{ name, script, ... }] }`)."""
    facts: list[Fact] = []
    for pair in ctx.root.find_all({"rule": {"kind": "pair", "has": {"field": "key", "regex": r"^['\"]?apps['\"]?$"}}}):
        array = _unwrap(pair.field("value"))
        if array is None or array.kind() != "array":
            continue
        for item in array.children():
            obj = _resolve_object(item, ctx) if item.is_named() else None
            if obj is None:
                continue
            options = _pairs(obj)
            facts.append(
                ctx.source.fact(
                    "pm2.app",
                    line_of(item),
                    **{
                        key: _option_value(options, key)
                        for key in ("name", "script", "args", "instances", "exec_mode", "watch", "autorestart")
                    },
                    lang=_lang(ctx),
                )
            )
            facts.extend(_pm2_log_files(options, ctx))
    return facts


def _pm2_log_files(options: dict[str, Any], ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    for key in _PM2_LOG_KEYS:
        if key not in options:
            continue
        target = classify(options[key], ctx)
        value = str(target.get("value", ""))
        if value == "/dev/null":
            continue
        stream = (
            "stdout"
            if value in ("/dev/stdout", "/dev/fd/1")
            else "stderr"
            if value in ("/dev/stderr", "/dev/fd/2")
            else None
        )
        facts.append(
            ctx.source.fact(
                "log.handler",
                line_of(options[key]),
                **_handler(
                    f"pm2.{key}",
                    "pm2 ecosystem",
                    ctx,
                    target=None if stream else target,
                    stream=stream,
                    file=stream is None,
                ),
            )
        )
    return facts


# --- the table ------------------------------------------------------------------------------------------

_ENV_MEMBER = {
    "rule": {
        "any": [
            {"kind": "member_expression", "has": {"field": "object", "regex": _ENV_OBJECT.pattern}},
            {"kind": "subscript_expression", "has": {"field": "object", "regex": _ENV_OBJECT.pattern}},
        ]
    }
}


def _calls(regex: str) -> dict[str, Any]:
    return {"rule": {"kind": "call_expression", "has": {"field": "function", "regex": regex}}}


def _news(regex: str) -> dict[str, Any]:
    return {"rule": {"kind": "new_expression", "has": {"field": "constructor", "regex": regex}}}


def _calls_or_news(regex: str) -> dict[str, Any]:
    return {"rule": {"any": [_calls(regex)["rule"], _news(regex)["rule"]]}}


def _imports_of(*modules: str) -> re.Pattern[str]:
    """A gate: the file names one of *modules* in quotes (an import, a require, a dynamic import)."""
    return re.compile(r"""['"](node:)?(""" + "|".join(re.escape(m) for m in modules) + r""")(/[\w./-]*)?['"]""")


_CLIENT_MODULES = (
    "pg",
    "pg-pool",
    "postgres",
    "mysql",
    "mysql2",
    "mariadb",
    "mongoose",
    "mongodb",
    "redis",
    "@redis/client",
    "ioredis",
    "amqplib",
    "amqp-connection-manager",
    "kafkajs",
    "knex",
    "sequelize",
    "typeorm",
    "@nestjs/typeorm",
    "@nestjs/mongoose",
    "@prisma/client",
    "nodemailer",
    "@aws-sdk/client-s3",
    "aws-sdk",
    "multer-s3",
    "@elastic/elasticsearch",
    "memjs",
    "bull",
    "bullmq",
    "bee-queue",
    "mongolass",
)

#: sharper prefilters for rows whose keywords are common words
#: (a leading `[\w$'"]*` before the words would change no answer, only make each search quadratic
#: in the length of long identifiers)
#: a string that starts with the URL of a datastore or broker (a locator by its value)
_DATASTORE_URL = re.compile(r"(?i)^(mongodb(\+srv)?|postgres(ql)?|mysql|mariadb|rediss?|amqps?|memcached?|nats)://")
_DATASTORE_URL_GATE = re.compile(
    r"(?i)['\"`](mongodb(\+srv)?|postgres(ql)?|mysql|mariadb|rediss?|amqps?|memcached?|nats)://"
)
_SETTING_GATE = CaselessWordsGate(
    (
        "secret",
        "passw",
        "pwd",
        "token",
        "apikey",
        "api_key",
        "privatekey",
        "private_key",
        "credential",
        "uri",
        "url",
        "dsn",
        "connectionstring",
        "host",
    ),
    r"[\w$'\"]*\s*[:=]",
)
#: a web app made in the file: the parts of one alternation, each searched the fast way (the
#: \b-led ones from their words, the others from their literal start)
_WEB_APP_GATE = AnyGate(
    AnchoredGate(
        r"\b(?:express|koa|fastify|Fastify|hono|restify|polka|elysia)\s*\(",
        ("express", "koa", "fastify", "Fastify", "hono", "restify", "polka", "elysia"),
        r"\s*\(",
    ),
    re.compile(r"new\s+(?:Koa|Hono|Elysia|App)\b"),
    re.compile(r"NestFactory\.create|Hapi\.server"),
    re.compile(r"createServer\s*\("),  # `.createServer(` included
    AnchoredGate(r"\bnext\s*\(\s*\{", ("next",), r"\s*\(\s*\{"),
)
#: the alternation the web-app gate stands for (its parts' answer is this regex's)
_WEB_APP_REGEX = (
    r"\b(?:express|koa|fastify|Fastify|hono|restify|polka|elysia)\s*\(|new\s+(?:Koa|Hono|Elysia|App)\b|"
    r"NestFactory\.create|Hapi\.server|\.createServer\s*\(|\bnext\s*\(\s*\{|createServer\s*\("
)

_TABLE: tuple[Spec, ...] = (
    Spec("env.read", ("process.env", "Bun.env"), _ENV_MEMBER, _env_read),
    Spec(
        "env.read",
        ("process.env", "Bun.env"),
        {"rule": {"kind": "variable_declarator", "has": {"field": "name", "kind": "object_pattern"}}},
        _env_destructure,
    ),
    Spec("env.read", ("onfigService", "config.get", "@nestjs/config"), _calls(r"\.(get|getOrThrow)$"), _config_service),
    Spec(
        "env.read",
        ("cleanEnv", "z.object", "Joi.object", "joi.object", "yup.object", "z.strictObject"),
        _calls(
            r"(^|\.)cleanEnv$|^(z\.object|z\.strictObject|[Jj]oi\.object|yup\.object)$|^[Jj]oi\.object\(\)\s*\.keys$"
        ),
        _env_schema,
    ),
    # clients run before settings: the objects passed to clients are not repeated as settings
    Spec(
        "client",
        (
            "pg",
            "mysql",
            "mariadb",
            "mongo",
            "redis",
            "Redis",
            "amqp",
            "kafka",
            "knex",
            "sequelize",
            "typeorm",
            "prisma",
            "nodemailer",
            "S3",
            "elastic",
            "memjs",
            "bull",
            "postgres",
            "multer-s3",
        ),
        _CLIENT_RULE,
        _client,
        gate=_imports_of(*_CLIENT_MODULES),
    ),
    Spec(
        "config.assign",
        _SETTING_WORDS,
        {"rule": {"kind": "pair", "has": {"field": "key", "regex": _SETTING_NAME}}},
        _pair_setting,
        gate=_SETTING_GATE,
    ),
    Spec(
        "config.assign",
        _SETTING_WORDS,
        {
            "rule": {
                "kind": "variable_declarator",
                "has": {"field": "name", "kind": "identifier", "regex": _SETTING_NAME},
            }
        },
        _variable_setting,
        gate=_SETTING_GATE,
    ),
    Spec(
        "state.file_store",
        ("lowdb", "nedb", "level", "node-json-db", "node-persist", "lokijs"),
        _calls_or_news(
            r"^[\w$.]*(JSONFile|JSONFileSync|FileSync|FileAsync|Datastore|Level|ClassicLevel|level|JsonDB|Loki|init|initSync|create)$"
        ),
        _embedded_db,
        gate=_imports_of(
            "lowdb",
            "lowdb/node",
            "lowdb/adapters/FileSync",
            "lowdb/adapters/FileAsync",
            "nedb",
            "@seald-io/nedb",
            "nedb-promises",
            "level",
            "classic-level",
            "node-json-db",
            "node-persist",
            "lokijs",
        ),
    ),
    Spec(
        "schema.autosync",
        (".sync(",),
        _calls(r"^[\w$.]+\.sync$"),
        _sequelize_sync,
        gate=_imports_of("sequelize", "sequelize-typescript"),
    ),
    Spec(
        "schema.autosync",
        ("synchronize",),
        {"rule": {"kind": "pair", "has": {"field": "key", "regex": r"^['\"]?synchronize['\"]?$"}}},
        _synchronize,
    ),
    Spec(
        "config.assign",
        ("://",),
        {"rule": {"kind": "pair", "has": {"field": "value", "kind": "string"}}},
        _pair_locator_url,
        gate=_DATASTORE_URL_GATE,
    ),
    Spec(
        "config.assign",
        ("://",),
        {"rule": {"kind": "variable_declarator", "has": {"field": "value", "kind": "string"}}},
        _variable_locator_url,
        gate=_DATASTORE_URL_GATE,
    ),
    Spec(
        "config.assign",
        ("jsonwebtoken", "cookie-parser"),
        _calls(r"(^|\.)(sign|verify)$|^[\w$]*[Cc]ookie[\w$]*$|^require\("),
        _secret_argument,
        gate=_imports_of("jsonwebtoken", "cookie-parser"),
    ),
    Spec(
        "server.run",
        ("listen", "serve", "Hapi", "hapi"),
        _calls(r"\.listen$|(^|\.)serve$|(^|\.)server$"),
        _server_run,
        gate=AnchoredGate(r"\.listen\s*\(|\bserve\s*\(|\.server\s*\(", ("listen", "serve", "server"), r"\s*\("),
    ),
    Spec("server.run", ("Hapi", "hapi"), _news(r"(^|\.)Server$"), _server_run),
    Spec("signal.handler", ("SIG",), _calls(r"^process\.(on|once|addListener|prependListener)$"), _signal),
    Spec(
        "shutdown.hook",
        (
            "enableShutdownHooks",
            "terminus",
            "Terminus",
            "HttpTerminator",
            "lightship",
            "stoppable",
            "gracefulShutdown",
            "closeWithGrace",
            "close-with-grace",
            "http-graceful-shutdown",
        ),
        _calls(
            r"(^|\.)(enableShutdownHooks|createTerminus|terminus|createHttpTerminator|createLightship|stoppable|"
            r"gracefulShutdown|closeWithGrace)$"
        ),
        _shutdown_hook,
    ),
    Spec(
        "log.handler",
        ("winston", "transports", "DailyRotateFile"),
        _news(r"(^|\.)[\w$]+$"),
        _winston_transport,
        gate=_imports_of("winston", "winston-daily-rotate-file", "winston-transport"),
    ),
    Spec(
        "log.handler",
        ("appenders",),
        {"rule": {"kind": "pair", "has": {"field": "key", "regex": r"^['\"]?appenders['\"]?$"}}},
        _log4js_appenders,
    ),
    Spec(
        "log.handler",
        ("bunyan", "pino", "morgan", "rotating-file-stream"),
        _calls(r"(^|\.)(createLogger|destination|transport|multistream|createStream)$|^[\w$]+$|^require\("),
        _logger_call,
        gate=_imports_of("bunyan", "pino", "pino-http", "morgan", "rotating-file-stream"),
    ),
    Spec(
        "log.handler",
        ("pino",),
        {"rule": {"kind": "pair", "has": {"field": "key", "regex": r"^['\"]?target['\"]?$"}}},
        _pino_target,
    ),
    Spec("log.handler", ("createWriteStream",), _calls(r"(^|\.)createWriteStream$"), _write_stream),
    Spec(
        "process.loop",
        ("login", "connect", "launch", "start", "run", "consume", "Worker", "TelegramBot"),
        _calls_or_news(r"\.(login|connect|launch|start|run|consume)$|(^|\.)(Worker|TelegramBot)$"),
        _node_loop,
        gate=_imports_of(*_LOOP_MODULES),
    ),
    Spec(
        "log.handler",
        ("setAutoCollectConsole",),
        _calls(r"\.setAutoCollectConsole$"),
        _app_insights,
        gate=_imports_of("applicationinsights"),
    ),
    Spec(
        "log.handler", ("Logtail",), _news(r"(^|\.)Logtail(Transport)?$"), _logtail, gate=_imports_of(*_LOGTAIL_MODULES)
    ),
    Spec("log.handler", ("@nestjs/common",), _news(r"^Logger$"), _nest_logger, gate=re.compile(r"\bnew\s+Logger\b")),
    Spec(
        "log.handler",
        ("NestFactory", "logger"),
        _calls(r"(^|\.)NestFactory\.create(Microservice)?$|^[\w$]+$|^require\("),
        _framework_logger,
        gate=_imports_of("@nestjs/core", "fastify"),
    ),
    Spec(
        "session.store",
        ("session", "Session"),
        _calls(r"^[\w$]*([Ss]ession|SESSION)[\w$]*$|^require\("),
        _session,
        gate=_imports_of(*_SESSION_MODULES),
    ),
    Spec(
        "file.write",
        (
            "writeFile",
            "appendFile",
            "createWriteStream",
            "copyFile",
            "rename",
            "outputFile",
            "writeJson",
            "writeJSON",
            "multer",
            ".mv(",
            "uploadDir",
        ),
        _calls(
            r"(^|\.)(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|rename|"
            r"renameSync|outputFile|outputFileSync|writeJson|writeJSON|writeJsonSync|diskStorage|mv|multer|formidable|"
            r"IncomingForm)$|^require\(|^[\w$]+$"
        ),
        _file_write,
        gate=NeedleGate(
            r"\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|"
            r"copyFileSync|renameSync|outputFile|outputFileSync|writeJson|writeJSON|writeJsonSync|"
            r"diskStorage|multer|uploadDir)\b|\.(mv|rename)\s*\(",
            ("writeFile", "appendFile", "createWriteStream", "copyFile", "renameSync", "outputFile", "writeJson")
            + ("writeJSON", "diskStorage", "multer", "uploadDir", ".mv", ".rename"),
        ),
    ),
    Spec(
        "state.embedded_store",
        (
            "lowdb",
            "nedb",
            "level",
            "Level",
            "JSONFile",
            "FileSync",
            "FileAsync",
            "node-json-db",
            "JsonDB",
            "lmdb",
            "node-persist",
        ),
        _calls_or_news(
            r"(^|\.)(low|Low|LowSync|JSONFile|JSONFileSync|JSONFilePreset|JSONFileSyncPreset|FileSync|FileAsync|"
            r"Datastore|level|Level|ClassicLevel|JsonDB|open|init|initSync|create)$|^require\("
        ),
        _embedded_library,
        gate=_imports_of(
            "lowdb",
            "lowdb/node",
            "lowdb/adapters/FileSync",
            "lowdb/adapters/FileAsync",
            "nedb",
            "@seald-io/nedb",
            "nedb-promises",
            "level",
            "classic-level",
            "leveldown",
            "node-json-db",
            "lmdb",
            "node-persist",
        ),
    ),
    Spec(
        "scheduler",
        ("cron", "Cron", "schedule", "Agenda", "Bree", "ToadScheduler", "setInterval"),
        _calls_or_news(r"(^|\.)(schedule|CronJob|from|scheduleJob|Agenda|Bree|ToadScheduler|setInterval)$"),
        _scheduler,
        gate=NeedleGate(
            r"\bsetInterval\b|"
            + _imports_of(
                "node-cron", "cron", "node-schedule", "agenda", "@hokify/agenda", "bree", "toad-scheduler"
            ).pattern,
            ("setInterval", "cron", "schedule", "agenda", "bree"),
        ),
    ),
    Spec("scheduler", ("@Cron", "@Interval"), {"rule": {"kind": "decorator"}}, _schedule_decorator),
    Spec(
        "process.spawn",
        ("child_process", "execa", "shelljs"),
        _calls(
            r"(^|\.)(exec|execSync|spawn|spawnSync|execFile|execFileSync|execa|execaSync|execaCommand|execaCommandSync)$|"
            r"^[\w$]*([Ee]xec|[Ss]pawn|[Rr]un)[\w$]*$"
        ),
        _spawn,
        gate=_imports_of("child_process", "execa", "shelljs"),
    ),
    Spec(
        "process.spawn",
        ("zx", "execa"),
        {"rule": {"kind": "call_expression", "has": {"field": "arguments", "kind": "template_string"}}},
        _tagged_spawn,
        gate=_imports_of("zx", "execa"),
    ),
    Spec(
        "web.app",
        (
            "express",
            "koa",
            "Koa",
            "fastify",
            "Fastify",
            "NestFactory",
            "hono",
            "Hono",
            "hapi",
            "Hapi",
            "restify",
            "next",
            "polka",
            "tinyhttp",
            "elysia",
            "createServer",
        ),
        _calls_or_news(r"^[\w$]+$|^require\(|(^|\.)(create|createServer|server|Server|App)$"),
        _web_app,
        gate=_WEB_APP_GATE,
    ),
    Spec(
        "cli.command",
        ("commander", "yargs", "cac", "sade", "caporal"),
        _calls(r"\.command$"),
        _cli_command,
        gate=_imports_of("commander", "yargs", "cac", "sade", "caporal", "@caporal/core"),
    ),
    Spec("cli.command", ("nest-commander",), {"rule": {"kind": "decorator", "regex": r"^@Command\("}}, _cli_command),
    Spec(
        "env.branch",
        ("NODE_ENV", "APP_ENV", "ENVIRONMENT", "STAGE", "production", "isProd", "isDev", "USE_"),
        {"rule": {"any": [{"kind": "if_statement"}, {"kind": "ternary_expression"}, {"kind": "switch_statement"}]}},
        _env_branch,
        gate=re.compile(
            r"\b(?:if|switch)\s*\([^\n]*(?:NODE_ENV|APP_ENV|ENVIRONMENT|STAGE|isProd\w*|isDev\w*|USE_\w+|"
            r"['\"](?:production|development|staging)['\"])|(?:NODE_ENV|APP_ENV|isProd\w*|isDev\w*|USE_\w+)[^\n;]*\?"
        ),
    ),
)


_STATE_TEXT = LineStart(
    r"(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*=\s*(?:new\s+(?:Map|Set|WeakMap)\b|\{\s*\}|\[\s*\])"
)
_IMPORT_BODY = (
    r"""(?P<indent>[ \t]*)(?:import\s+(?P<type>type\s+)?(?:[^'";]*?\s+from\s+)?['"](?P<a>[^'"]+)['"]"""
    r"""|export\s+[^'";]*?\s+from\s+['"](?P<b>[^'"]+)['"]"""
)
_DYNAMIC = r"""|.*?\b(?:require|import)\(\s*['"](?P<c>[^'"]+)['"]\s*\))"""
_IMPORT_LINE = re.compile(r"(?m)^" + _IMPORT_BODY + _DYNAMIC)
#: where a static import or export may start: after a newline (the first line is always tried)
_STATIC_START = re.compile(r"\n[ \t]*(?:import|export)\s")
#: what every line a dynamic import starts on holds (`.` of `.*?` never crosses a newline)
_DYNAMIC_CALL = re.compile(r"(?:require|import)\(")


def _import_lines(text: str) -> Iterator[re.Match[str]]:
    """The matches `(?m)^BODY` finds in *text*, found by trying the full regex only at the start
    of the lines that may hold one: the first line, those starting with `import`/`export`, and
    those holding `require(` or `import(` (searched at C speed; the dynamic alternative's `.*?`
    tried at every line was most of the time of a TypeScript tree's facts). A line start inside an
    earlier match is passed over, as a search from that match's end would."""
    starts = {0}
    starts.update(found.start() + 1 for found in _STATIC_START.finditer(text))
    if "require(" in text or "import(" in text:
        starts.update(text.rfind("\n", 0, found.start()) + 1 for found in _DYNAMIC_CALL.finditer(text))
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        match = _IMPORT_LINE.match(text, start)
        if match is not None:
            yield match
            end = match.end()


_CONSOLE = re.compile(r"\bconsole\.(log|info|warn|error|debug|trace)\s*\(")


def _line_facts(source: Source, lang: str) -> list[Fact]:
    """Imports and console output, read from the text: no parse needed for them."""
    facts: list[Fact] = []
    text = source.text
    if "import" in text or "require" in text:
        lines = LineCounter(text)
        for match in _import_lines(text):
            spec = match.group("a") or match.group("b") or match.group("c")
            if not spec:
                continue
            line = lines.line_at(match.start("indent"))
            relative = spec.startswith((".", "/"))
            here, before = source.line_text(line), source.line_text(line - 1).rstrip()
            optional = bool(re.search(r"\btry\s*\{", here)) or before.endswith(("try {", "try{"))
            facts.append(
                source.fact(
                    "import",
                    line,
                    modules=[spec] if relative else [_module_name(spec)],
                    relative=relative,
                    optional=optional,
                    type_checking=bool(match.group("type")),
                    in_function=bool(match.group("indent"))
                    or bool(re.search(r"\bfunction\b|=>", here.split("require(")[0].split("import(")[0])),
                    lang=lang,
                )
            )
    console_call = _CONSOLE.search(text) if "console." in text else None
    if console_call:
        method = console_call.group(1)
        facts.append(
            source.fact(
                "log.print",
                text.count("\n", 0, console_call.start()) + 1,
                stream="stderr" if method in ("error", "warn", "trace") else "stdout",
                flush=True,
                api=f"console.{method}",
                lang=lang,
            )
        )
    return facts


#: what _post states
_POST_KINDS = ("pm2.app", "log.handler", "state.global", "state.embedded_store")


def _post(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    text = ctx.source.text
    if ctx.source.kind == "pm2_config" and "apps" in text:
        facts.extend(_pm2_apps(ctx))
    if _STATE_TEXT.search(text):
        facts.extend(_global_mutations(ctx))
    if _FILE_STORE_TEXT.search(text):
        facts.extend(_file_stores(ctx))
    return facts


def _masked(fact: Fact, secrets: set[str]) -> Fact:
    """*fact* with the secret literals its file holds masked in its excerpt as well (the generic
    redaction only knows `name = "value"` shapes, not `jwt.sign(p, "value")` or `x || "value"`)."""
    excerpt = fact.excerpt
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in excerpt:
            excerpt = excerpt.replace(secret, mask(secret))
    return fact if excerpt == fact.excerpt else dataclasses.replace(fact, excerpt=excerpt)


def extract(source: Source) -> list[Fact]:
    text = source.text
    if not text.strip():
        return []
    # the keyword prefilter of run_table, repeated here so that the file-level pass below does not
    # force a parse of files no row wants
    lang = "typescript" if source.path.endswith((".ts", ".tsx", ".mts", ".cts")) else "javascript"
    lines = _line_facts(source, lang) + random_secrets(source, lang)
    active = active_rows(text, rows_for(_TABLE, source.wanted))
    posts = source.wanted is None or not source.wanted.isdisjoint(_POST_KINDS)
    if not (
        active or (posts and (source.kind == "pm2_config" or _STATE_TEXT.search(text) or _FILE_STORE_TEXT.search(text)))
    ):
        return lines
    secrets: set[str] = set()

    def post(ctx: Context) -> list[Fact]:
        found = _post(ctx)
        secrets.update(ctx.cache.get("secrets", ()))
        return found

    facts = lines + run_table(
        source,
        _language(source),
        _TABLE,
        post=post,
        active=active,
        post_kinds=_POST_KINDS,
    )
    return [_masked(f, secrets) for f in facts] if secrets else facts


__all__ = ["classify", "extract", "literal"]
