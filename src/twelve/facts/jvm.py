"""Facts from Java and Kotlin source (Spring Boot, servlets, plain JVM programs).

One table of rows serves both languages (see facts/code.py): a row names what it looks at (a call
by its callee, an annotation by its name, a class by its supertypes, a field, a parameter), the
keywords that must occur in the file for it to run, and the function that turns a match into fact
data. :func:`_table` compiles the rows into ast-grep rules for the tree of each language, whose
shapes differ (``method_invocation`` / ``object_creation_expression`` in Java, ``call_expression``
in Kotlin, ``annotation`` with or without a constructor call...); the helpers below normalise them
(:class:`Call`, :class:`Annotation`).

The facts are the generic ones of docs/facts.md with ``data["lang"]`` = ``java`` or ``kotlin``:
``env.read`` (``System.getenv``; ``System.getProperty`` with ``system_property: True``),
``config.assign`` (``@Value``, container ``annotation``), ``config.settings_class``
(``@ConfigurationProperties``), ``web.app`` (``@SpringBootApplication``, ``SpringBootServletInitializer``,
servlets, Ktor, Javalin), ``server.run``, ``client``, ``process.spawn``, ``scheduler``, ``shutdown.hook``,
``signal.handler``, ``process.exit``, ``session.store``, ``log.handler``, ``log.print``, ``file.write``,
``queue.consume``, ``state.global`` and ``cli.command``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.code import Context, Spec, line_of, run_table
from twelve.facts.secrets import grade_value
from twelve.facts.springconfig import describe_value, jdbc_engine, shown

LANGUAGES = {"java": "java", "kotlin": "kotlin"}
_CALL_KINDS = {"java": ("method_invocation", "object_creation_expression"), "kotlin": ("call_expression",)}
_ANNOTATION_KINDS = {"java": ("annotation", "marker_annotation"), "kotlin": ("annotation",)}
_CLASS_KINDS = {
    "java": ("class_declaration", "record_declaration", "enum_declaration"),
    "kotlin": ("class_declaration", "object_declaration"),
}
_METHOD_KINDS = frozenset({"method_declaration", "constructor_declaration", "function_declaration"})
_COMMENTS = frozenset({"line_comment", "block_comment", "comment", "multiline_comment"})
_ROUTE_ANNOTATIONS = frozenset(
    {
        "RequestMapping",
        "GetMapping",
        "PostMapping",
        "PutMapping",
        "PatchMapping",
        "DeleteMapping",
        "Get",
        "Post",
        "Put",
        "Delete",
        "Patch",
        "GET",
        "POST",
        "PUT",
        "DELETE",
        "PATCH",
        "Path",
    }
)
_WEB_FILE = re.compile(
    r"@SpringBootApplication|@RestController|@Controller\b|extends\s+HttpServlet|@WebServlet|"
    r"embeddedServer\s*\(|Javalin\.create"
)
_SHELLS = frozenset({"sh", "bash", "/bin/sh", "/bin/bash", "cmd", "cmd.exe", "powershell", "zsh"})


# --- normalised nodes ------------------------------------------------------------------------------


def squash(text: str) -> str:
    """Callee text without blanks and Kotlin null-safety operators: comparable across layouts."""
    return re.sub(r"\s+", "", text).replace("?.", ".").replace("!!", "")


@dataclass(frozen=True, slots=True)
class Call:
    node: Any
    callee: str  # "System.getenv", "new ProcessBuilder" (Java), "ProcessBuilder" (Kotlin)
    args: tuple[tuple[str | None, Any], ...]  # (name of a named argument or None, expression)

    def arg(self, index: int, name: str | None = None) -> Any:
        if name is not None:
            named = next((v for k, v in self.args if k == name), None)
            if named is not None:
                return named
        positional = [v for k, v in self.args if k is None]
        return positional[index] if 0 <= index < len(positional) else None


def _java_args(node: Any) -> tuple[tuple[str | None, Any], ...]:
    if node is None:
        return ()
    return tuple((None, c) for c in node.children() if c.is_named() and c.kind() not in _COMMENTS)


def _kotlin_args(suffix: Any) -> tuple[tuple[str | None, Any], ...]:
    out: list[tuple[str | None, Any]] = []
    for part in suffix.children():
        if part.kind() == "value_arguments":
            for arg in part.children():
                if arg.kind() != "value_argument":
                    continue
                named = [c for c in arg.children() if c.is_named() and c.kind() not in _COMMENTS]
                if not named:
                    continue
                is_named = any(c.text() == "=" for c in arg.children() if not c.is_named())
                out.append((named[0].text() if is_named and len(named) > 1 else None, named[-1]))
        elif part.kind() == "annotated_lambda":
            out.append((None, part))
    return tuple(out)


def call_of(node: Any) -> Call | None:
    kind = node.kind()
    if kind == "method_invocation":
        obj, name = node.field("object"), node.field("name")
        if name is None:
            return None
        callee = (squash(obj.text()) + "." if obj is not None else "") + name.text()
        return Call(node, callee, _java_args(node.field("arguments")))
    if kind == "object_creation_expression":
        typ = node.field("type")
        if typ is None:
            return None
        return Call(node, "new " + re.sub(r"<.*>", "", squash(typ.text())), _java_args(node.field("arguments")))
    if kind == "call_expression":
        named = [c for c in node.children() if c.is_named()]
        if len(named) < 2 or named[-1].kind() != "call_suffix":
            return None
        return Call(node, squash(named[0].text()), _kotlin_args(named[-1]))
    return None


@dataclass(frozen=True, slots=True)
class Annotation:
    node: Any
    name: str  # last segment: "Value", "Scheduled"
    args: tuple[tuple[str | None, Any], ...]
    target: Any  # the annotated declaration (class, method, field, parameter), or None

    def arg(self, name: str = "value") -> Any:
        named = next((v for k, v in self.args if k == name), None)
        if named is not None:
            return named
        return next((v for k, v in self.args if k is None), None) if name == "value" else None


def annotation_of(node: Any) -> Annotation | None:
    kind = node.kind()
    args: tuple[tuple[str | None, Any], ...] = ()
    if kind in ("annotation", "marker_annotation") and node.field("name") is not None:  # Java
        name = node.field("name").text()
        arguments = node.field("arguments")
        if arguments is not None:
            pairs: list[tuple[str | None, Any]] = []
            for child in arguments.children():
                if not child.is_named() or child.kind() in _COMMENTS:
                    continue
                if child.kind() == "element_value_pair":
                    key, value = child.field("key"), child.field("value")
                    if key is not None and value is not None:
                        pairs.append((key.text(), value))
                else:
                    pairs.append((None, child))
            args = tuple(pairs)
    elif kind == "annotation":  # Kotlin
        invocation = next((c for c in node.children() if c.kind() == "constructor_invocation"), None)
        user_type = (
            invocation.find(kind="user_type")
            if invocation is not None
            else next((c for c in node.children() if c.kind() == "user_type"), None)
        )
        if user_type is None:
            return None
        name = user_type.text()
        if invocation is not None:
            suffix = next((c for c in invocation.children() if c.kind() == "value_arguments"), None)
            if suffix is not None:
                args = _kotlin_args(invocation)
    else:
        return None
    return Annotation(node, re.sub(r"<.*>", "", name).rsplit(".", 1)[-1], args, _annotated(node))


def _annotated(node: Any) -> Any:
    parent = node.parent()
    if parent is None:
        return None
    if parent.kind() == "parameter_modifiers":  # Kotlin: the parameter follows its modifiers
        return parent.next()
    if parent.kind() == "modifiers":
        return parent.parent()
    return parent


def name_node(decl: Any) -> Any:
    """The identifier a declaration introduces (class, method, field, parameter, property)."""
    if decl is None:
        return None
    name = decl.field("name")
    if name is not None:
        return name
    declarator = decl.field("declarator")
    if declarator is not None and declarator.field("name") is not None:
        return declarator.field("name")
    for child in decl.children():
        if child.kind() in ("simple_identifier", "type_identifier", "identifier"):
            return child
        if child.kind() in ("variable_declaration", "variable_declarator"):
            inner = child.find(kind="simple_identifier") or child.find(kind="identifier")
            if inner is not None:
                return inner
    return None


def decl_name(decl: Any) -> str:
    node = name_node(decl)
    return node.text() if node is not None else ""


def annotations_on(decl: Any) -> list[Annotation]:
    if decl is None:
        return []
    found: list[Annotation] = []
    holders = [c for c in decl.children() if c.kind() == "modifiers"]
    for holder in holders:
        for child in holder.children():
            parsed = annotation_of(child) if child.kind() in ("annotation", "marker_annotation") else None
            if parsed is not None:
                found.append(parsed)
    return found


def supertypes(decl: Any) -> list[str]:
    """Squashed supertype texts of a class declaration (`ApplicationListener<ContextClosedEvent>`)."""
    out: list[str] = []
    superclass = decl.field("superclass")
    if superclass is not None:
        out.extend(squash(c.text()) for c in superclass.children() if c.is_named())
    interfaces = decl.field("interfaces")
    if interfaces is not None:
        for type_list in interfaces.children():
            if type_list.is_named():
                out.extend(squash(c.text()) for c in type_list.children() if c.is_named())
    for child in decl.children():
        if child.kind() == "delegation_specifier":
            inner = child.find(kind="user_type")
            if inner is not None:
                out.append(squash(inner.text()))
    return out


def base_name(typ: str) -> str:
    return re.sub(r"<.*>", "", typ).rsplit(".", 1)[-1]


# --- literals and values ------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[0-7]{1,3}|.)", re.S)
_SIMPLE_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", "s": " "}


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        body = match.group(1)
        if body.startswith("u") and len(body) == 5:
            return chr(int(body[1:], 16))
        if body[0] in "01234567":
            return chr(int(body, 8) % 0x110000)
        return _SIMPLE_ESCAPES.get(body, body)

    return _ESCAPE.sub(one, text)


_INTERPOLATION = frozenset({"interpolated_identifier", "interpolated_expression", "interpolation"})


def literal(node: Any) -> tuple[bool, Any]:
    """(True, value) when *node* is a literal of Java or Kotlin (no string templates)."""
    if node is None:
        return False, None
    kind = node.kind()
    text = node.text()
    if kind == "parenthesized_expression":
        inner = [c for c in node.children() if c.is_named()]
        return literal(inner[0]) if len(inner) == 1 else (False, None)
    if kind in ("string_literal", "multiline_string_literal", "line_string_literal"):
        if any(c.kind() in _INTERPOLATION for c in node.children()):
            return False, None
        if text.startswith('"""') and text.endswith('"""') and len(text) >= 6:
            body = text[3:-3]
            body = textwrap.dedent(body.split("\n", 1)[1]) if body.startswith("\n") else body
            return True, _unescape(body) if not kind.startswith("multiline") else body
        if len(text) >= 2 and text[0] == text[-1] == '"':
            return True, _unescape(text[1:-1])
        return False, None
    if kind in (
        "decimal_integer_literal",
        "hex_integer_literal",
        "octal_integer_literal",
        "binary_integer_literal",
        "integer_literal",
        "long_literal",
        "hex_literal",
        "bin_literal",
    ):
        try:
            return True, int(text.rstrip("lLuU").replace("_", ""), 0)
        except ValueError:
            return True, text
    if kind in ("decimal_floating_point_literal", "real_literal", "hex_floating_point_literal"):
        return True, text
    if kind in ("true", "false"):
        return True, kind == "true"
    if kind == "boolean_literal":
        return True, text == "true"
    if kind == "null_literal" or (text == "null" and kind == "null"):
        return True, None
    if kind == "character_literal":
        return True, _unescape(text[1:-1])
    if kind in ("binary_expression", "additive_expression"):
        parts = [c for c in node.children() if c.is_named()]
        operators = [c.text() for c in node.children() if not c.is_named()]
        if len(parts) == 2 and operators == ["+"]:
            ok_a, a = literal(parts[0])
            ok_b, b = literal(parts[1])
            if ok_a and ok_b and isinstance(a, str) and isinstance(b, str):
                return True, a + b
    return False, None


def literal_string(node: Any) -> str | None:
    ok, value = literal(node)
    return value if ok and isinstance(value, str) else None


def _env_rule(lang: str) -> dict[str, Any]:
    return {"rule": {"any": [{"kind": k, "regex": r"^System\s*\.\s*getenv\s*\(\s*[^)\s]"} for k in _CALL_KINDS[lang]]}}


def _env_name_default(call: Call) -> tuple[str | None, bool, str | None]:
    name = literal_string(call.arg(0))
    default_node = call.arg(1) if call.callee.endswith("getOrDefault") else None
    if default_node is None:
        default_node = _wrapped_default(call.node)
    if default_node is None:
        return name, False, None
    ok, value = literal(default_node)
    return name, True, str(value) if ok and value is not None else None


def _wrapped_default(node: Any) -> Any:
    """The fallback of `System.getenv("X") ?: d`, `Optional.ofNullable(getenv(..)).orElse(d)`,
    `Objects.requireNonNullElse(getenv(..), d)`."""
    parent = node.parent()
    if parent is None:
        return None
    if parent.kind() == "elvis_expression":
        parts = [c for c in parent.children() if c.is_named()]
        return parts[-1] if len(parts) == 2 and parts[0] == node else None
    holder = parent.parent() if parent.kind() in ("argument_list", "value_argument") else None
    if holder is not None and holder.kind() == "value_arguments":
        holder = holder.parent()
        holder = holder.parent() if holder is not None and holder.kind() == "call_suffix" else holder
    if holder is None:
        return None
    call = call_of(holder)
    if call is None:
        return None
    if call.callee.endswith("requireNonNullElse") and call.arg(0) == node:
        return call.arg(1)
    if call.callee.endswith("Optional.ofNullable"):
        outer = holder.parent()
        outer_call = call_of(outer) if outer is not None else None
        if outer_call is not None and outer_call.callee.endswith(".orElse"):
            return outer_call.arg(0)
    return None


def _env_value(call: Call) -> dict[str, Any]:
    name, has_default, default = _env_name_default(call)
    return {"source": "env", "env_name": name, "env_has_default": has_default, "env_default": default}


def _bindings(ctx: Context) -> dict[str, dict[str, Any]]:
    """Variables, fields and properties whose value comes from the environment: assigned from
    `System.getenv(...)`, or injected with `@Value("${ENV_VAR}")`."""
    out: dict[str, dict[str, Any]] = {}
    lang = ctx.source.kind
    text = ctx.source.text
    if "getenv" in text:
        for node in ctx.root.find_all(_env_rule(lang)):
            call = call_of(node)
            if call is None or not call.callee.startswith("System.getenv"):
                continue
            for anc in node.ancestors():
                if anc.kind() in ("variable_declarator", "property_declaration"):
                    name = decl_name(anc)
                    if name:
                        out.setdefault(name, _env_value(call))
                    break
                if anc.kind() in _METHOD_KINDS or anc.kind() in ("block", "class_body", "statements"):
                    break
    if "Value" in text:
        for node in ctx.root.find_all(_annotation_rule(lang, ("Value",))):
            ann = annotation_of(node)
            value = literal_string(ann.arg()) if ann is not None else None
            if ann is None or value is None:
                continue
            info = describe_value(decl_name(ann.target), value)
            if info.get("source") == "env":
                out.setdefault(decl_name(ann.target), info)
    return out


def classify(node: Any, ctx: Context) -> dict[str, Any]:
    """Where a value comes from (value description of docs/facts.md)."""
    if node is None:
        return {"source": "none"}
    ok, value = literal(node)
    if ok:
        return {"source": "literal", "value": value}
    text = node.text()
    if "getenv" in text:
        if node.kind() == "elvis_expression":
            left = next(c for c in node.children() if c.is_named())
            call = call_of(left)
            if call is not None and call.callee.startswith("System.getenv"):
                return _env_value(call)
        inner = (
            node
            if (outer := call_of(node)) is not None and outer.callee.startswith("System.getenv")
            else node.find(_env_rule(ctx.source.kind))
        )
        call = call_of(inner) if inner is not None else None
        if call is not None:
            return _env_value(call)
    bindings = ctx.memo("bindings", lambda: _bindings(ctx))
    name = squash(text).removeprefix("this.")
    if name in bindings:
        return dict(bindings[name])
    return {"source": "other", "text": text[:120]}


def _described(name: str, node: Any, ctx: Context) -> dict[str, Any]:
    """classify(), with literal strings graded and masked like every value description."""
    info = classify(node, ctx)
    if info["source"] == "literal" and isinstance(info["value"], str):
        raw = info["value"]
        info.update(value=shown(name, raw), value_kind="str", grade=grade_value(name, raw))
    elif info["source"] == "env" and isinstance(info.get("env_default"), str):
        info["default_grade"] = grade_value(name, info["env_default"])
        info["env_default"] = shown(name, info["env_default"])
    return info


# --- context of a node ------------------------------------------------------------------------------


def enclosing(node: Any, kinds: frozenset[str] | tuple[str, ...]) -> Any:
    for anc in node.ancestors():
        if anc.kind() in kinds:
            return anc
    return None


def _method(node: Any) -> Any:
    return enclosing(node, _METHOD_KINDS)


def _class_name(node: Any) -> str:
    owner = enclosing(
        node,
        ("class_declaration", "record_declaration", "enum_declaration", "object_declaration", "interface_declaration"),
    )
    return decl_name(owner) if owner is not None else ""


def in_route(node: Any) -> bool:
    method = _method(node)
    if method is None:
        return False
    if decl_name(method) in ("doGet", "doPost", "doPut", "doDelete", "service"):
        return True
    return any(a.name in _ROUTE_ANNOTATIONS for a in annotations_on(method))


def _lang(ctx: Context) -> str:
    return ctx.source.kind


def _web_file(ctx: Context) -> bool:
    return bool(ctx.memo("web_file", lambda: bool(_WEB_FILE.search(ctx.source.text))))


# --- row extractors: calls ----------------------------------------------------------------------------

CallFn = Callable[[Call, Context], "dict[str, Any] | list[dict[str, Any]] | None"]
AnnFn = Callable[[Annotation, Context], "dict[str, Any] | list[dict[str, Any]] | None"]


def _env_read(call: Call, ctx: Context) -> dict[str, Any] | None:
    if not call.args:
        return None  # System.getenv() returns the whole map; its .get(..) is the read
    name, has_default, default = _env_name_default(call)
    data: dict[str, Any] = {
        "name": name,
        "has_default": has_default,
        "default": default,
        "api": "System.getenv",
        "lang": _lang(ctx),
    }
    if name and isinstance(default, str):
        data["default_grade"] = grade_value(name, default)
        data["default"] = shown(name, default)
    return data


def _sysprop_read(call: Call, ctx: Context) -> dict[str, Any] | None:
    name = literal_string(call.arg(0))
    if name is None and not call.args:
        return None
    default_node = call.arg(1)
    default = literal(default_node)[1] if default_node is not None else None
    return {
        "name": name,
        "has_default": default_node is not None,
        "default": shown(name or "", str(default)) if default is not None else None,
        "api": _api(call.callee),
        "system_property": True,
        "lang": _lang(ctx),
    }


def _service_of_url(url: str | None) -> str | None:
    if not url:
        return None
    engine = jdbc_engine(url)
    if engine:
        return engine
    scheme = url.split(":", 1)[0].lower()
    return {
        "redis": "redis",
        "rediss": "redis",
        "mongodb": "mongodb",
        "mongodb+srv": "mongodb",
        "amqp": "amqp",
        "amqps": "amqp",
    }.get(scheme)


_CLIENT_APIS: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (re.compile(r"DriverManager\.getConnection"), "sql", None),
    (re.compile(r".*DataSourceBuilder.*\.url"), "sql", None),
    (re.compile(r"\w+\.set(Jdbc)?Url"), "sql", "DataSource|Hikari"),
    (re.compile(r"(RedisClient\.create|(new )?RedisURI|RedisURI\.create|(new )?Jedis(Pooled|Pool)?)"), "redis", None),
    (re.compile(r"(MongoClients\.create|(new )?MongoClient|(new )?ConnectionString)"), "mongodb", "(?i)mongo"),
    (re.compile(r"\w+\.set(Uri|Host)"), "amqp", "rabbitmq"),
    (re.compile(r"(new )?Kafka(Producer|Consumer)"), "kafka", None),
)


def _client(call: Call, ctx: Context) -> dict[str, Any] | None:
    for pattern, service, needs in _CLIENT_APIS:  # noqa: B007 (both are read after the loop)
        if pattern.fullmatch(call.callee):
            break
    else:
        return None
    if needs and not re.search(needs, ctx.source.text):
        return None
    first = call.arg(0)
    if first is None:
        return None
    info = _described("url", first, ctx)
    key = (
        "host"
        if call.callee.endswith(("setHost", "Jedis", "JedisPool", "JedisPooled"))
        and literal_string(first) is not None
        and "://" not in str(literal_string(first))
        else "url"
    )
    if service == "sql":
        raw = literal_string(first) if info.get("source") == "literal" else info.get("env_default")
        service = _service_of_url(raw) or "sql"
    args = [{"key": key, **info}]
    if call.callee.startswith("DriverManager") and len(call.args) > 2:
        args.append({"key": "password", **_described("password", call.arg(2), ctx)})
    return {"service": service, "api": _api(call.callee), "args": args, "lang": _lang(ctx)}


def _api(callee: str) -> str:
    """A readable API name: the callee without receiver chains (`DataSourceBuilder...url`)."""
    if "DataSourceBuilder" in callee:
        return "DataSourceBuilder.url"
    callee = re.sub(r"\(.*?\)", "()", callee.removeprefix("new "))
    parts = callee.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else callee


def _program(node: Any) -> tuple[str | None, list[str]]:
    """(program, literal words) of what an exec/ProcessBuilder argument runs."""
    if node is None:
        return None, []
    text = literal_string(node)
    if text is not None:
        words = text.split()
        return (words[0].rsplit("/", 1)[-1] if words else None), words
    items: list[Any] = []
    if node.kind() == "array_creation_expression":
        init = node.find(kind="array_initializer")
        items = [c for c in init.children() if c.is_named()] if init is not None else []
    else:
        call = call_of(node)
        if call is not None and re.fullmatch(
            r"(List\.of|Arrays\.asList|listOf|arrayOf|mutableListOf|java\.util\.List\.of)", call.callee
        ):
            items = [v for _k, v in call.args]
    words = [w for w in (literal_string(i) for i in items) if w is not None]
    first = literal_string(items[0]) if items else None
    return (first.rsplit("/", 1)[-1] if first else None), words


def _spawn(call: Call, ctx: Context) -> dict[str, Any] | None:
    if call.callee.endswith("exec") and not call.callee.startswith("Runtime.getRuntime()"):
        return None
    if "ProcessBuilder" in call.callee and len(call.args) > 1:
        literals = [literal_string(v) for _k, v in call.args]
        program = literals[0].rsplit("/", 1)[-1] if literals[0] else None
        words = [w for w in literals if w is not None]
    else:
        program, words = _program(call.arg(0))
    shell = program in _SHELLS and any(w in ("-c", "/c", "-Command") for w in words)
    return {
        "api": "ProcessBuilder" if "ProcessBuilder" in call.callee else "Runtime.exec",
        "program": program,
        "shell": shell,
        "lang": _lang(ctx),
    }


def _scheduler_call(call: Call, ctx: Context) -> dict[str, Any] | None:
    if (
        call.callee.endswith("Timer")
        and "java.util.Timer" not in ctx.source.text
        and "import java.util.*" not in ctx.source.text
    ):
        return None
    return {
        "api": _api(call.callee).removeprefix("new "),
        "web_app_in_file": _web_file(ctx),
        "started": True,
        "lang": _lang(ctx),
    }


def _shutdown_call(call: Call, ctx: Context) -> dict[str, Any] | None:
    return {"api": "Runtime.addShutdownHook", "lang": _lang(ctx)}


_DRAINS = re.compile(r"(?i)shutdown|close|stop|drain|graceful|await|join|interrupt|cancel|running\s*=\s*false")
_EXITS = re.compile(r"System\s*\.\s*exit|exitProcess|Runtime\.getRuntime\(\)\s*\.\s*halt")


def _signal(call: Call, ctx: Context) -> dict[str, Any] | None:
    first = call.arg(0)
    name = None
    if first is not None:
        inner = call_of(first)
        name = literal_string(inner.arg(0)) if inner is not None else literal_string(first)
    if name is None:
        return None
    handler = call.arg(1)
    body = handler.text() if handler is not None else ""
    return {
        "signal": "SIG" + name.upper().removeprefix("SIG"),
        "handler": body[:80],
        "exits_immediately": bool(_EXITS.search(body)) and not _DRAINS.search(body),
        "lang": _lang(ctx),
    }


def _exit(call: Call, ctx: Context) -> dict[str, Any] | None:
    if call.callee.endswith(".exit") and not call.callee.startswith(("System", "Runtime", "SpringApplication")):
        return None
    code = literal(call.arg(0))[1] if call.arg(0) is not None else None
    hook = False
    for anc in call.node.ancestors():
        outer = call_of(anc) if anc.kind() in _CALL_KINDS[_lang(ctx)] else None
        if outer is not None and re.search(r"addShutdownHook|Signal\.handle", outer.callee):
            hook = True
            break
        if anc.kind() in _METHOD_KINDS and any(a.name == "PreDestroy" for a in annotations_on(anc)):
            hook = True
            break
    return {
        "api": _api(call.callee),
        "code": code if isinstance(code, int) else None,
        "in_hook": hook,
        "lang": _lang(ctx),
    }


_REQUESTISH = re.compile(r"(?i)(request|req|httpServletRequest|servletRequest)$")


def _session_call(call: Call, ctx: Context) -> dict[str, Any] | None:
    receiver = call.callee.rsplit(".", 1)[0] if "." in call.callee else ""
    if call.callee.endswith(".getSession"):
        if not _REQUESTISH.search(receiver) and "HttpServletRequest" not in ctx.source.text:
            return None
    elif not re.search(r"(?i)session(\(\))?$", receiver):
        return None
    api = (
        "request.getSession()"
        if call.callee.endswith(".getSession")
        else "session." + call.callee.rsplit(".", 1)[-1] + "()"
    )
    return {"library": "servlet", "store": "memory", "api": api, "in_route": in_route(call.node), "lang": _lang(ctx)}


#: Apache Shiro session DAOs and where each keeps sessions (a memory DAO is Shiro's default store)
_SHIRO_SESSION_DAOS = {
    "MemorySessionDAO": "memory",
    "EnterpriseCacheSessionDAO": "memory",
    "RedisSessionDAO": "redis",
    "JdbcSessionDAO": "db",
    "MongoSessionDAO": "mongodb",
    "HazelcastSessionDAO": "hazelcast",
}


def _shiro_session_dao(call: Call, ctx: Context) -> dict[str, Any] | None:
    """`new MemorySessionDAO()` / `new RedisSessionDAO()`: where Shiro keeps the app's sessions."""
    if "shiro" not in ctx.source.text:
        return None
    name = base_name(call.callee.removeprefix("new "))
    store = _SHIRO_SESSION_DAOS.get(name)
    if store is None:
        return None
    return {"library": "shiro", "store": store, "api": f"new {name}()", "in_route": False, "lang": _lang(ctx)}


def _log_handler_call(call: Call, ctx: Context) -> dict[str, Any] | None:
    text = ctx.source.text
    name = base_name(call.callee.removeprefix("new ").replace(".newBuilder", "").replace(".createAppender", ""))
    if name.endswith("Handler"):
        if "java.util.logging" not in text:
            return None
        handler = f"java.util.logging.{name}"
    elif "logback" in text or "log4j" in text:
        handler = name
    else:
        return None
    stream: str | None = None
    target: dict[str, Any] = {"source": "none"}
    if name in ("ConsoleHandler",):
        stream = "stderr"
    elif name == "ConsoleAppender":
        stream = "stderr" if re.search(r"System\.err|SYSTEM_ERR", text) else "stdout"
    elif name == "SocketHandler":
        stream = "other"
    else:
        first = call.arg(0)
        if first is not None and name.endswith("Handler"):
            target = _described("file", first, ctx)
        else:
            found = re.search(r"""\.(setFile|withFileName|setFileName|withFilePattern)\(\s*"([^"]+)"\s*\)""", text)
            if found:
                target = describe_value("file", found.group(2))
    rotation = "Rolling" in name or (name == "FileHandler" and len(call.args) >= 3)
    return {
        "handler": handler,
        "api": _api(call.callee),
        "target": target,
        "rotation": rotation,
        "stream": stream,
        "family": "console" if stream in ("stdout", "stderr") else "network" if stream == "other" else "file",
        "lang": _lang(ctx),
    }


def _print(call: Call, ctx: Context) -> dict[str, Any] | None:
    if "." not in call.callee and _lang(ctx) != "kotlin":
        return None
    stream = "stderr" if call.callee.startswith("System.err") else "stdout"
    return {"stream": stream, "flush": True, "lang": _lang(ctx)}


_TMP = re.compile(r"(?i)tmp|temp|createTempFile|java\.io\.tmpdir|/dev/(null|stdout|stderr)")
_UPLOAD = re.compile(r"(?i)upload|multipart|getOriginalFilename|attachment|avatar|media")


def _file_write(call: Call, ctx: Context) -> dict[str, Any] | None:
    callee = call.callee
    upload = False
    if callee.endswith(".transferTo"):
        if "MultipartFile" not in ctx.source.text and "FilePart" not in ctx.source.text:
            return None
        target_node, upload = call.arg(0), True
    elif callee.startswith("Files.copy"):
        target_node = call.arg(1)
    elif re.fullmatch(
        r"(java\.io\.)?File\(.*\)\.(writeText|writeBytes|appendText|outputStream|bufferedWriter|printWriter)", callee
    ):
        receiver = next(c for c in call.node.children() if c.is_named())
        file_call = next((c for c in receiver.children() if c.kind() == "call_expression"), None)
        inner = call_of(file_call) if file_call is not None else None
        target_node = inner.arg(0) if inner is not None else None
    else:
        target_node = call.arg(0)
    if target_node is None:
        return None
    text = target_node.text()
    info = _described("path", target_node, ctx)
    return {
        "api": _api(callee).removeprefix("new "),
        "target": info,
        "tmp": bool(_TMP.search(text)),
        "upload": upload or bool(_UPLOAD.search(text)),
        "in_route": in_route(call.node),
        "in_function": _method(call.node) is not None,
        "lang": _lang(ctx),
    }


def _consume(call: Call, ctx: Context) -> dict[str, Any] | None:
    ok, value = literal(call.arg(1))
    if not ok or not isinstance(value, bool):
        return None
    return {"api": "Channel.basicConsume", "auto_ack": value, "lang": _lang(ctx)}


def _spring_run(call: Call, ctx: Context) -> dict[str, Any] | None:
    method = _method(call.node)
    return {
        "api": "SpringApplication.run" if "runApplication" not in call.callee else "runApplication",
        "host": {"source": "default"},
        "port": {"source": "default"},
        "debug": {"source": "default"},
        "reload": {"source": "default"},
        "main_guard": method is not None and decl_name(method) == "main",
        "framework": "spring-boot",
        "lang": _lang(ctx),
    }


def _embedded_server(call: Call, ctx: Context) -> list[dict[str, Any]] | None:
    if "Javalin" in call.callee:
        return [{"_kind": "web.app", "framework": "javalin", "api": "Javalin.create", "lang": _lang(ctx)}]
    port = call.arg(-1, "port")
    host = call.arg(-1, "host")
    method = _method(call.node)
    return [
        {"_kind": "web.app", "framework": "ktor", "api": "embeddedServer", "lang": _lang(ctx)},
        {
            "_kind": "server.run",
            "api": "embeddedServer",
            "framework": "ktor",
            "host": _described("host", host, ctx) if host is not None else {"source": "default"},
            "port": _described("port", port, ctx) if port is not None else {"source": "default"},
            "debug": {"source": "default"},
            "reload": {"source": "default"},
            "main_guard": method is not None and decl_name(method) == "main",
            "lang": _lang(ctx),
        },
    ]


# --- row extractors: annotations, classes, fields -------------------------------------------------------


def _value_annotation(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    raw = literal_string(ann.arg())
    if raw is None:
        return None
    name = decl_name(ann.target) or "?"
    info = describe_value(name, raw)
    prop = info.get("property") or info.get("env_name")
    data: dict[str, Any] = {
        "name": name,
        "path": prop or name,
        "container": "annotation",
        "api": "@Value",
        "class": _class_name(ann.node),
        "lang": _lang(ctx),
        **info,
    }
    if prop:
        data["property"] = prop
    if info.get("source") == "literal" and info.get("value") != raw:
        data["_mask"] = [raw, info["value"]]  # the excerpt must not show what the data masks
    return data


def _settings_class(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    prefix = literal_string(ann.arg("prefix")) or literal_string(ann.arg())
    target = ann.target
    if target is None:
        return None
    name = decl_name(target) or _class_name(ann.node)
    return {"name": name, "api": "@ConfigurationProperties", "prefix": prefix, "lang": _lang(ctx)}


def _boot_app(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    if ann.target is None or ann.target.kind() not in _CLASS_KINDS[_lang(ctx)]:
        return None
    package = re.search(r"^\s*package\s+([\w.]+)", ctx.source.text, re.M)
    name = decl_name(ann.target)
    return {
        "framework": "spring-boot",
        "api": "@SpringBootApplication",
        "main_class": f"{package.group(1)}.{name}" if package else name,
        "lang": _lang(ctx),
    }


def _servlet_annotation(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    return {"framework": "servlet", "api": "@WebServlet", "lang": _lang(ctx)}


def _scheduler_annotation(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    where = decl_name(ann.target)
    return {
        "api": f"@{ann.name}",
        "target": where,
        "web_app_in_file": _web_file(ctx),
        "started": True,
        "lang": _lang(ctx),
    }


def _predestroy(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    return {"api": "@PreDestroy", "method": decl_name(ann.target), "lang": _lang(ctx)}


def _event_listener(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    if ann.target is None or "ContextClosedEvent" not in ann.target.text()[:400]:
        return None
    return {"api": "@EventListener(ContextClosedEvent)", "method": decl_name(ann.target), "lang": _lang(ctx)}


_SPRING_SESSION = {
    "EnableRedisHttpSession": "redis",
    "EnableRedisIndexedHttpSession": "redis",
    "EnableRedisWebSession": "redis",
    "EnableJdbcHttpSession": "db",
    "EnableMongoHttpSession": "mongodb",
    "EnableMongoWebSession": "mongodb",
    "EnableHazelcastHttpSession": "hazelcast",
    "EnableSpringHttpSession": "custom",
}


def _spring_session(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    store = _SPRING_SESSION.get(ann.name)
    if store is None:
        return None
    return {"library": "spring-session", "store": store, "api": f"@{ann.name}", "lang": _lang(ctx)}


def _session_attributes(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    return {"library": "servlet", "store": "memory", "api": "@SessionAttributes", "in_route": False, "lang": _lang(ctx)}


def _cli_annotation(ann: Annotation, ctx: Context) -> dict[str, Any] | None:
    if ann.name == "Command" and "picocli" not in ctx.source.text:
        return None
    name = literal_string(ann.arg("name")) or literal_string(ann.arg("key")) or literal_string(ann.arg())
    target = decl_name(ann.target)
    return {"api": f"@{ann.name}", "name": name or target, "function": target, "lang": _lang(ctx)}


_SHUTDOWN_TYPES = {"SmartLifecycle": "SmartLifecycle", "DisposableBean": "DisposableBean", "Lifecycle": "Lifecycle"}


def _class_facts(decl: Any, ctx: Context) -> list[dict[str, Any]] | None:
    """Facts a class states through what it extends or implements."""
    out: list[dict[str, Any]] = []
    lang = _lang(ctx)
    types = supertypes(decl)
    names = {base_name(t) for t in types}
    line = line_of(name_node(decl) or decl)
    if "SpringBootServletInitializer" in names:
        out.append(
            {
                "_kind": "web.app",
                "_line": line,
                "framework": "servlet-war",
                "api": "SpringBootServletInitializer",
                "class": decl_name(decl),
                "lang": lang,
            }
        )
    if names & {"HttpServlet", "GenericServlet"}:
        out.append(
            {
                "_kind": "web.app",
                "_line": line,
                "framework": "servlet",
                "api": "HttpServlet",
                "class": decl_name(decl),
                "lang": lang,
            }
        )
    for typ in types:
        base = base_name(typ)
        if base in _SHUTDOWN_TYPES or (base == "ApplicationListener" and "ContextClosedEvent" in typ):
            out.append(
                {
                    "_kind": "shutdown.hook",
                    "_line": line,
                    "api": _SHUTDOWN_TYPES.get(base, "ApplicationListener<ContextClosedEvent>"),
                    "class": decl_name(decl),
                    "lang": lang,
                }
            )
    if names & {"CommandLineRunner", "ApplicationRunner"}:
        guards = [a for a in annotations_on(decl) if a.name in ("Profile", "ConditionalOnProperty")]
        if guards:
            guard = guards[0]
            flag = literal_string(guard.arg("name")) or literal_string(guard.arg()) or guard.node.text()[:60]
            out.append(
                {
                    "_kind": "cli.command",
                    "_line": line,
                    "api": next(iter(names & {"CommandLineRunner", "ApplicationRunner"})),
                    "name": flag,
                    "function": decl_name(decl),
                    "guard": f"@{guard.name}",
                    "lang": lang,
                }
            )
    return out or None


_COLLECTION = re.compile(
    r"^(new\s+)?(java\.util\.(concurrent\.)?)?(Hash|ConcurrentHash|LinkedHash|Tree|Weak|Identity|ConcurrentSkipList)?"
    r"(Map|Set|List)?(ArrayList|LinkedList|CopyOnWriteArrayList|ArrayDeque|HashMap|HashSet|Map|Set|List)\b|"
    r"^(mutable(Map|List|Set)Of|hashMapOf|arrayListOf|linkedMapOf|HashMap|ArrayList|ConcurrentHashMap|HashSet)\b"
)
_MUTATION = re.compile(
    r"\b([A-Za-z_]\w*)\s*(?:\.\s*(?:put|putIfAbsent|add|addAll|remove|clear|computeIfAbsent|compute|merge|"
    r"offer|push|set)\s*\(|\[[^\]\n]*\]\s*=[^=])"
)


def _mutations(ctx: Context) -> dict[str, list[int]]:
    """Name -> lines where a collection of that name is changed (one pass over the file)."""
    text = ctx.source.text
    found: dict[str, list[int]] = {}
    line, pos = 1, 0
    for match in _MUTATION.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        found.setdefault(match.group(1), []).append(line)
    return found


def _static_state(decl: Any, ctx: Context) -> dict[str, Any] | None:
    """A static (or companion/top-level) mutable collection that methods change."""
    lang = _lang(ctx)
    if lang == "java":
        modifiers = next((c for c in decl.children() if c.kind() == "modifiers"), None)
        if modifiers is None or not re.search(r"\bstatic\b", modifiers.text()):
            return None
        declarator = decl.field("declarator")
        value = declarator.field("value") if declarator is not None else None
    else:
        if (
            enclosing(decl, ("companion_object", "object_declaration", "class_body", "function_body")) is not None
            and enclosing(decl, ("companion_object", "object_declaration")) is None
        ):
            return None
        value = next((c for c in decl.children() if c.is_named() and c.kind().endswith("expression")), None)
    name = decl_name(decl)
    if (
        value is None
        or not name
        or not _COLLECTION.search(squash(value.text()) if lang == "kotlin" else value.text().strip())
    ):
        return None
    span = decl.range()
    first, last = span.start.line + 1, span.end.line + 1
    sites = [n for n in ctx.memo("mutations", lambda: _mutations(ctx)).get(name, []) if not first <= n <= last]
    if not sites:
        return None
    return {"name": name, "declared": line_of(decl), "in_route": False, "lang": lang, "_line": sites[0]}


def _param_session(node: Any, ctx: Context) -> dict[str, Any] | None:
    return {
        "library": "servlet",
        "store": "memory",
        "api": "HttpSession parameter",
        "in_route": in_route(node),
        "lang": _lang(ctx),
    }


# --- the table ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    keywords: tuple[str, ...]
    target: str  # "call", "annotation", "class", "field", "param"
    match: str  # callee regex (calls), annotation names (annotations); unused otherwise
    extract: Callable[..., Any]
    once: bool = False
    also: tuple[str, ...] = ()  # the other kinds its extract states (Spec.also)


def _annotation_rule(lang: str, names: tuple[str, ...]) -> dict[str, Any]:
    regex = r"^@\s*(\w+\s*:\s*)?([\w.]+\.)?(" + "|".join(names) + r")\b"
    return {"rule": {"any": [{"kind": k, "regex": regex} for k in _ANNOTATION_KINDS[lang]]}}


def _wrap_call(pattern: re.Pattern[str], fn: CallFn) -> Callable[[Any, Context], Any]:
    def run(node: Any, ctx: Context) -> Any:
        call = call_of(node)
        if call is None or not pattern.fullmatch(call.callee):
            return None
        return fn(call, ctx)

    return run


def _wrap_annotation(names: tuple[str, ...], fn: AnnFn) -> Callable[[Any, Context], Any]:
    def run(node: Any, ctx: Context) -> Any:
        ann = annotation_of(node)
        if ann is None or ann.name not in names:
            return None
        return fn(ann, ctx)

    return run


_ROWS: tuple[Row, ...] = (
    Row("env.read", ("getenv",), "call", r"System\.getenv|System\.getenv\(\)\.(get|getOrDefault)", _env_read),
    Row(
        "env.read",
        ("getProperty", "getInteger", "getLong", "getBoolean"),
        "call",
        r"System\.getProperty|Integer\.getInteger|Long\.getLong|Boolean\.getBoolean",
        _sysprop_read,
    ),
    Row("config.assign", ("@Value", ":Value("), "annotation", "Value", _value_annotation),
    Row(
        "config.settings_class", ("ConfigurationProperties",), "annotation", "ConfigurationProperties", _settings_class
    ),
    Row("web.app", ("SpringBootApplication",), "annotation", "SpringBootApplication", _boot_app),
    Row("web.app", ("WebServlet",), "annotation", "WebServlet", _servlet_annotation),
    Row(
        "web.app",
        (
            "SpringBootServletInitializer",
            "HttpServlet",
            "GenericServlet",
            "SmartLifecycle",
            "DisposableBean",
            "Lifecycle",
            "ContextClosedEvent",
            "CommandLineRunner",
            "ApplicationRunner",
        ),
        "class",
        "",
        _class_facts,
        also=("shutdown.hook", "cli.command"),
    ),
    Row(
        "server.run",
        ("SpringApplication", "runApplication"),
        "call",
        r"SpringApplication\.run|runApplication|(new )?SpringApplication(Builder)?\(.*\)(\.\w+\(.*\))*\.run",
        _spring_run,
    ),
    Row(
        "server.run",
        ("embeddedServer", "Javalin"),
        "call",
        r"embeddedServer|Javalin\.create",
        _embedded_server,
        also=("web.app",),
    ),
    Row(
        "client",
        (
            "getConnection",
            "DataSourceBuilder",
            "setJdbcUrl",
            "setUrl",
            "RedisClient",
            "RedisURI",
            "Jedis",
            "MongoClient",
            "ConnectionString",
            "setUri",
            "setHost",
            "KafkaProducer",
            "KafkaConsumer",
        ),
        "call",
        r"DriverManager\.getConnection|.*DataSourceBuilder.*\.url|\w+\.set(Jdbc)?Url|RedisClient\.create|(new )?RedisURI|"
        r"RedisURI\.create|(new )?Jedis(Pooled|Pool)?|MongoClients\.create|(new )?MongoClient|(new )?ConnectionString|"
        r"\w+\.set(Uri|Host)|(new )?Kafka(Producer|Consumer)",
        _client,
    ),
    Row(
        "process.spawn",
        ("exec", "ProcessBuilder"),
        "call",
        r"Runtime\.getRuntime\(\)\.exec|(new )?(java\.lang\.)?ProcessBuilder",
        _spawn,
    ),
    Row(
        "scheduler",
        ("Scheduled", "EnableScheduling", "Schedules"),
        "annotation",
        "Scheduled|EnableScheduling|Schedules",
        _scheduler_annotation,
    ),
    Row(
        "scheduler",
        (
            "newScheduledThreadPool",
            "newSingleThreadScheduledExecutor",
            "Timer",
            "ScheduledThreadPoolExecutor",
            "ThreadPoolTaskScheduler",
            "StdSchedulerFactory",
            "SchedulerFactoryBean",
        ),
        "call",
        r"Executors\.(newScheduledThreadPool|newSingleThreadScheduledExecutor)|(new )?(java\.util\.)?Timer|"
        r"(new )?(ScheduledThreadPoolExecutor|ThreadPoolTaskScheduler|StdSchedulerFactory|SchedulerFactoryBean)|"
        r"StdSchedulerFactory\.getDefaultScheduler",
        _scheduler_call,
    ),
    Row("shutdown.hook", ("PreDestroy",), "annotation", "PreDestroy", _predestroy),
    Row("shutdown.hook", ("ContextClosedEvent",), "annotation", "EventListener", _event_listener),
    Row("shutdown.hook", ("addShutdownHook",), "call", r"Runtime\.getRuntime\(\)\.addShutdownHook", _shutdown_call),
    Row("signal.handler", ("Signal.handle",), "call", r"(sun\.misc\.)?Signal\.handle", _signal),
    Row(
        "process.exit",
        ("System.exit", "exitProcess", "halt(", "SpringApplication.exit"),
        "call",
        r"System\.exit|Runtime\.getRuntime\(\)\.(halt|exit)|exitProcess|(kotlin\.system\.)?exitProcess|SpringApplication\.exit",
        _exit,
    ),
    Row(
        "session.store",
        ("getSession", "setAttribute", "getAttribute"),
        "call",
        r"[\w.()]+\.getSession|[\w.()]*[Ss]ession(\(\))?\.(setAttribute|getAttribute)",
        _session_call,
        once=True,
    ),
    Row("session.store", ("HttpSession",), "param", "HttpSession", _param_session, once=True),
    Row("session.store", ("SessionAttributes",), "annotation", "SessionAttributes", _session_attributes, once=True),
    Row("session.store", ("HttpSession", "WebSession"), "annotation", "|".join(_SPRING_SESSION), _spring_session),
    Row(
        "session.store",
        tuple(_SHIRO_SESSION_DAOS),
        "call",
        r"new (\w+\.)*(" + "|".join(_SHIRO_SESSION_DAOS) + ")",
        _shiro_session_dao,
    ),
    Row(
        "log.handler",
        ("FileHandler", "ConsoleHandler", "SocketHandler", "FileAppender", "ConsoleAppender"),
        "call",
        r"(new )?(java\.util\.logging\.)?(FileHandler|ConsoleHandler|SocketHandler)|"
        r"(new )?([\w.]+\.)?(FileAppender|RollingFileAppender|ConsoleAppender|RollingRandomAccessFileAppender)"
        r"(\.newBuilder|\.createAppender)?",
        _log_handler_call,
    ),
    Row(
        "log.print",
        ("System.out", "System.err", "println(", "print("),
        "call",
        r"System\.(out|err)\.(println|print|printf|format|write)|println|print",
        _print,
        once=True,
    ),
    Row(
        "file.write",
        ("Files.", "FileOutputStream", "FileWriter", "transferTo", "writeText", "writeBytes", "appendText"),
        "call",
        r"(java\.nio\.file\.)?Files\.(write|writeString|copy|newOutputStream|newBufferedWriter)|"
        r"(new )?(java\.io\.)?(FileOutputStream|FileWriter)|[\w.()]+\.transferTo|"
        r"(java\.io\.)?File\(.*\)\.(writeText|writeBytes|appendText|outputStream|bufferedWriter|printWriter)",
        _file_write,
    ),
    Row("queue.consume", ("basicConsume",), "call", r"[\w.()]+\.basicConsume", _consume),
    Row(
        "state.global",
        (
            "HashMap",
            "ArrayList",
            "HashSet",
            "LinkedList",
            "TreeMap",
            "CopyOnWriteArrayList",
            "ArrayDeque",
            "mutableMapOf",
            "mutableListOf",
            "mutableSetOf",
            "hashMapOf",
            "arrayListOf",
            "linkedMapOf",
        ),
        "field",
        "",
        _static_state,
    ),
    Row("cli.command", ("picocli", "ShellMethod"), "annotation", "Command|ShellMethod", _cli_annotation),
)


def _rule_for(row: Row, lang: str) -> dict[str, Any]:
    # keywords are identifiers and dots: escaped for the regex engine of ast-grep (Rust)
    words = "|".join(re.escape(k.rstrip("(.").lstrip("@:")) for k in row.keywords)
    if row.target == "call":
        return {"rule": {"any": [{"kind": k, "regex": words} for k in _CALL_KINDS[lang]]}}
    if row.target == "annotation":
        return _annotation_rule(lang, tuple(row.match.split("|")))
    if row.target == "class":
        return {"rule": {"any": [{"kind": k, "regex": words} for k in _CLASS_KINDS[lang]]}}
    if row.target == "field":
        kind = "field_declaration" if lang == "java" else "property_declaration"
        return {"rule": {"kind": kind, "regex": words}}
    if row.target == "param":
        kind = "formal_parameter" if lang == "java" else "parameter"
        return {"rule": {"kind": kind, "regex": r"\b" + words + r"\b"}}
    raise ValueError(row.target)  # pragma: no cover - the table is fixed


def _extractor(row: Row) -> Callable[[Any, Context], Any]:
    if row.target == "call":
        return _wrap_call(re.compile(row.match), row.extract)
    if row.target == "annotation":
        return _wrap_annotation(tuple(row.match.split("|")), row.extract)
    return row.extract


@lru_cache(maxsize=2)
@cache
def _table(lang: str) -> tuple[Spec, ...]:
    """The table of *lang*, built once: its keyword index and lowered rules are kept by identity
    (code.py), so a table rebuilt per file rebuilt them per file too."""
    return tuple(
        Spec(row.kind, row.keywords, _rule_for(row, lang), _extractor(row), row.once, also=row.also) for row in _ROWS
    )


def extract(source: Source) -> list[Fact]:
    lang = LANGUAGES.get(source.kind)
    if lang is None or not source.text.strip():
        return []
    return run_table(source, lang, _table(lang))


__all__ = ["Annotation", "Call", "annotation_of", "call_of", "classify", "extract", "literal", "squash"]
