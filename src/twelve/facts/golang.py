"""Facts from Go source (net/http, Gin, Echo, Fiber, chi): one table of ast-grep rows (facts/code.py).

Go patterns only match with a context, so the rows select nodes by kind (``call_expression``,
``composite_literal``...) and a regular expression on the callee, which is what a context pattern
would do at a higher price. Kinds and data keys are the shared ones of docs/facts.md, with
``lang = "go"``. Values written in the code are described as in every language (``source``
env/literal/other/default); what a variable holds is followed only inside the file.
"""

from __future__ import annotations

import re
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.code import AnyGate, CaselessWordsGate, Context, Spec, call_to, line_of, run_table
from twelve.facts.connstrings import scrubbed
from twelve.facts.randomsecret import random_secrets
from twelve.facts.secrets import grade_value, mask, redact

LANG = "go"

# --- literals ------------------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "0": "\0"}


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), body)


def literal(node: Any) -> tuple[bool, Any]:
    """(True, value) when *node* is a Go literal, or a `+` concatenation of string literals."""
    if node is None:
        return False, None
    kind = node.kind()
    if kind == "literal_element":
        inner = [c for c in node.children() if c.is_named()]
        return literal(inner[0]) if len(inner) == 1 else (False, None)
    text = node.text()
    if kind == "interpreted_string_literal" and len(text) >= 2:
        return True, _unquote(text)
    if kind == "raw_string_literal" and len(text) >= 2:
        return True, text[1:-1]
    if kind == "int_literal":
        try:
            return True, int(text.replace("_", ""), 0)
        except ValueError:
            return True, text
    if kind in ("true", "false"):
        return True, kind == "true"
    if kind == "nil":
        return True, None
    if kind == "parenthesized_expression":
        inner = [c for c in node.children() if c.is_named()]
        return literal(inner[0]) if len(inner) == 1 else (False, None)
    if kind == "binary_expression" and _operator(node) == "+":
        ok_l, left = literal(node.field("left"))
        ok_r, right = literal(node.field("right"))
        if ok_l and ok_r and isinstance(left, str) and isinstance(right, str):
            return True, left + right
    return False, None


def _operator(node: Any) -> str:
    op = node.field("operator")
    return op.text() if op is not None else ""


def _args(node: Any) -> list[Any]:
    """Argument nodes of a call expression."""
    args = node.field("arguments")
    if args is None:
        return []
    return [c for c in args.children() if c.is_named() and c.kind() != "comment"]


def _callee(node: Any) -> str:
    function = node.field("function")
    return function.text() if function is not None else ""


def _string_arg(node: Any, index: int = 0) -> str | None:
    args = _args(node)
    if len(args) <= index:
        return None
    ok, value = literal(args[index])
    return value if ok and isinstance(value, str) else None


def _keyed(body: Any) -> dict[str, Any]:
    """Field name -> value node of a composite literal's `{Key: value}` elements."""
    out: dict[str, Any] = {}
    if body is None:
        return out
    for element in body.children():
        if element.kind() != "keyed_element":
            continue
        parts = [c for c in element.children() if c.is_named()]
        if len(parts) == 2:
            out.setdefault(parts[0].text(), parts[1])
    return out


def _composite_fields(node: Any) -> dict[str, Any]:
    """The keyed fields of the composite literal *node* is, points to (`&T{...}`), or holds."""
    current = node
    for _ in range(3):
        if current is None:
            return {}
        if current.kind() == "composite_literal":
            return _keyed(current.field("body"))
        if current.kind() in ("unary_expression", "literal_element", "parenthesized_expression"):
            inner = [c for c in current.children() if c.is_named()]
            current = inner[-1] if inner else None
            continue
        return {}
    return {}


# --- where values come from ----------------------------------------------------------------------

_ENV_CALL = re.compile(r"^os\.(Getenv|LookupEnv)$")
_VIPER_GET = re.compile(r"^viper\.Get(String|Int|Int64|Bool|Duration|Float64|StringSlice)?$")
_ENV_TEXT = re.compile(r"\bos\.(Getenv|LookupEnv)\b|\bviper\.Get")


def _helpers(ctx: Context) -> set[str]:
    """Functions of the file that wrap os.Getenv/os.LookupEnv around their first parameter
    (`func getenv(key, fallback string) string`): their calls are environment reads."""

    def compute() -> set[str]:
        names: set[str] = set()
        if "func " not in ctx.source.text:
            return names
        for func in ctx.root.find_all(kind="function_declaration"):
            name, params, body = func.field("name"), func.field("parameters"), func.field("body")
            if name is None or params is None or body is None:
                continue
            first = params.find(kind="identifier")
            if first is None:
                continue
            pattern = rf"\bos\.(Getenv|LookupEnv)\(\s*{re.escape(first.text())}\s*\)"
            if re.search(pattern, body.text()):
                names.add(name.text())
        return names

    return ctx.memo("helpers", compute)


def _viper_env(ctx: Context) -> bool:
    return "AutomaticEnv" in ctx.source.text or "BindEnv" in ctx.source.text


def _reads_env(ctx: Context) -> bool:
    """Whether the file can hold a call that :func:`_env_call` takes for an environment read: each
    kind of one names os.Getenv or os.LookupEnv (directly or in a helper's body) or a viper getter
    (with AutomaticEnv or BindEnv) in the text; without any, no call node need be looked at."""

    def compute() -> bool:
        text = ctx.source.text
        return "os.Getenv" in text or "os.LookupEnv" in text or ("viper.Get" in text and _viper_env(ctx))

    return ctx.memo("go.reads_env", compute)


def _env_call(node: Any, ctx: Context) -> dict[str, Any] | None:
    """name/default of a call that reads the environment, or None if *node* is not one."""
    if node is None or node.kind() != "call_expression" or not _reads_env(ctx):
        return None
    callee = _callee(node)
    args = _args(node)
    if _ENV_CALL.match(callee):
        return {"name": _string_arg(node), "has_default": False, "default": None, "api": callee}
    if callee in _helpers(ctx):
        default = None
        if len(args) > 1:
            ok, value = literal(args[1])
            default = str(value) if ok and value is not None else None
        return {"name": _string_arg(node), "has_default": len(args) > 1, "default": default, "api": callee}
    if _VIPER_GET.match(callee) and _viper_env(ctx):
        key = _string_arg(node)
        return {
            "name": key.upper().replace(".", "_").replace("-", "_") if key else None,
            "has_default": False,
            "default": None,
            "api": callee,
        }
    return None


def _find_env_call(node: Any, ctx: Context) -> dict[str, Any] | None:
    direct = _env_call(node, ctx)
    if direct is not None:
        return direct
    if (
        node is None
        or node.kind() not in ("binary_expression", "call_expression", "parenthesized_expression")
        or not _reads_env(ctx)
    ):
        return None
    for call in node.find_all(kind="call_expression"):
        found = _env_call(call, ctx)
        if found is not None:
            return found
    return None


def _pairs(node: Any) -> list[tuple[Any, Any]]:
    """(left identifier, right expression) pairs of a declaration or assignment node."""
    kind = node.kind()
    if kind in ("short_var_declaration", "assignment_statement"):
        left, right = node.field("left"), node.field("right")
    elif kind in ("var_spec", "const_spec"):
        names = [c for c in node.children() if c.kind() == "identifier"]
        value = node.field("value")
        if not names or value is None:
            return []
        rights = [c for c in value.children() if c.is_named()]
        return list(zip(names, rights))
    else:
        return []
    if left is None or right is None:
        return []
    lefts = [c for c in left.children() if c.is_named()]
    rights = [c for c in right.children() if c.is_named()]
    if len(rights) == 1 and len(lefts) > 1:  # v, ok := os.LookupEnv("X")
        return [(lefts[0], rights[0])]
    return list(zip(lefts, rights))


_DEFAULT_COND = re.compile(r"^\s*(?:(\w+)\s*==\s*\"\"|\"\"\s*==\s*(\w+)|!\s*(\w+)|len\((\w+)\)\s*==\s*0)\s*$")


def _bindings(ctx: Context) -> dict[str, dict[str, Any]]:
    """Names assigned in the file from an environment read (with the `if x == "" { x = "d" }`
    default that usually follows) or from a literal (constants, `addr := ":8080"`)."""

    def compute() -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        ok_names: dict[str, str] = {}
        for node in ctx.root.find_all(
            {"rule": {"any": [{"kind": k} for k in ("short_var_declaration", "var_spec", "const_spec")]}}
        ):
            left = node.field("left")
            if node.kind() == "short_var_declaration" and left is not None:
                ids = [c.text() for c in left.children() if c.is_named()]
                if len(ids) == 2:
                    ok_names[ids[1]] = ids[0]
            for name, value in _pairs(node):
                if name.text() in found or name.text() == "_":
                    continue
                env = _find_env_call(value, ctx)
                if env is not None:
                    found[name.text()] = {
                        "source": "env",
                        "env_name": env["name"],
                        "env_has_default": env["has_default"],
                        "env_default": env["default"],
                        "_api": env["api"],
                    }
                    continue
                ok, lit = literal(value)
                if ok and lit is not None:
                    found[name.text()] = {"source": "literal", "value": lit}
        if "if " in ctx.source.text:
            for branch in ctx.root.find_all(kind="if_statement"):
                cond = branch.field("condition")
                body = branch.field("consequence")
                match = _DEFAULT_COND.match(cond.text()) if cond is not None else None
                if match is None or body is None:
                    continue
                tested = next(g for g in match.groups() if g)
                target = ok_names.get(tested, tested)
                binding = found.get(target)
                if binding is None or binding.get("source") != "env" or binding.get("env_has_default"):
                    continue
                for assign in body.find_all(kind="assignment_statement"):
                    for name, value in _pairs(assign):
                        ok, lit = literal(value)
                        if name.text() == target and ok:
                            binding["env_has_default"] = True
                            binding["env_default"] = None if lit is None else str(lit)
        return found

    return ctx.memo("bindings", compute)


def _tag_fields(ctx: Context) -> dict[str, dict[str, Any]]:
    """Struct fields bound to environment variables by tags (`env:"PORT" envDefault:"8080"`)."""

    def compute() -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        if 'env:"' not in ctx.source.text and 'envconfig:"' not in ctx.source.text:
            return out
        for field in ctx.root.find_all(kind="field_declaration"):
            data = _tag_env(field)
            name = field.field("name")
            if data is not None and name is not None:
                out.setdefault(name.text(), data)
        return out

    return ctx.memo("tags", compute)


def _tag_env(field: Any) -> dict[str, Any] | None:
    tag = field.field("tag")
    if tag is None:
        return None
    text = tag.text().strip("`")
    match = re.search(r'\b(env|envconfig)\s*:\s*"([^"]*)"', text)
    if match is None:
        return None
    name = match.group(2).split(",", 1)[0] or None
    default = re.search(r'\b(envDefault|default)\s*:\s*"([^"]*)"', text)
    field_name = field.field("name")
    if name is None and match.group(1) == "envconfig" and field_name is not None:
        name = field_name.text().upper()
    return {
        "name": name,
        "has_default": default is not None,
        "default": default.group(2) if default else None,
        "api": "envconfig tag" if match.group(1) == "envconfig" else "env tag",
    }


def classify(node: Any, ctx: Context) -> dict[str, Any]:
    """Where a value comes from: {'source': 'env'|'literal'|'other'|'none', ...}."""
    if node is None:
        return {"source": "none"}
    if node.kind() == "literal_element":
        inner = [c for c in node.children() if c.is_named()]
        node = inner[0] if len(inner) == 1 else node
    ok, value = literal(node)
    if ok:
        return {"source": "literal", "value": value}
    env = _find_env_call(node, ctx)
    if env is not None:
        return {
            "source": "env",
            "env_name": env["name"],
            "env_has_default": env["has_default"],
            "env_default": env["default"],
        }
    bindings = _bindings(ctx)
    identifiers = [node] if node.kind() == "identifier" else list(node.find_all(kind="identifier"))
    env_binding = next(
        (bindings[i.text()] for i in identifiers if bindings.get(i.text(), {}).get("source") == "env"), None
    )
    if env_binding is not None:
        return {k: v for k, v in env_binding.items() if not k.startswith("_")}
    if node.kind() == "identifier" and node.text() in bindings:
        return dict(bindings[node.text()])
    if node.kind() == "binary_expression":
        parts = [classify(node.field("left"), ctx), classify(node.field("right"), ctx)]
        from_env = next((p for p in parts if p["source"] == "env"), None)
        if from_env is not None:
            return from_env
        if all(p["source"] == "literal" for p in parts):
            return {"source": "literal", "value": "".join(str(p["value"]) for p in parts)}
    if node.kind() == "selector_expression":
        field = node.field("field")
        tagged = _tag_fields(ctx).get(field.text()) if field is not None else None
        if tagged is not None:
            return {
                "source": "env",
                "env_name": tagged["name"],
                "env_has_default": tagged["has_default"],
                "env_default": tagged["default"],
            }
    return {"source": "other", "text": node.text()[:120]}


def _masked_dsn(value: str) -> tuple[str, str | None]:
    """A connection string with its password masked, and the password's grade."""
    grade: str | None = None
    shown = value
    url = re.match(r"^[a-z][a-z0-9+.-]*://([^/@\s:]*):([^@\s]+)@", value, re.I)
    keyword = re.search(r"(?i)\b(password|pwd)\s*=\s*('[^']*'|\S+)", value)
    mysql = re.match(r"^([^:@/\s]+):([^@\s]+)@(tcp|unix|\()", value)
    if url:
        grade = grade_value("password", url.group(2))
        shown = value[: url.start(2)] + (mask(url.group(2)) if grade else url.group(2)) + value[url.end(2) :]
    elif keyword:
        secret = keyword.group(2).strip("'")
        grade = grade_value("password", secret)
        if grade:
            shown = value[: keyword.start(2)] + mask(secret) + value[keyword.end(2) :]
    elif mysql:
        grade = grade_value("password", mysql.group(2))
        if grade:
            shown = value[: mysql.start(2)] + mask(mysql.group(2)) + value[mysql.end(2) :]
    return shown, grade


def _described(key: str, node: Any, ctx: Context) -> dict[str, Any]:
    """A value description for a client argument or setting, secrets masked."""
    info = classify(node, ctx)
    if info["source"] == "literal" and isinstance(info.get("value"), str):
        value = info["value"]
        if re.search(r"(?i)pass|secret|token|key|credential|pwd", key):
            grade = grade_value(key, value)
            info["grade"] = grade
            info["value"] = mask(value) if grade == "secret" else value
        else:
            shown, grade = _masked_dsn(value)
            info["value"] = shown
            info["grade"] = grade
    elif info["source"] == "env" and isinstance(info.get("env_default"), str) and "://" in info["env_default"]:
        info["env_default"] = _masked_dsn(info["env_default"])[0]
    return {"key": key, **info}


# --- row extractors ---------------------------------------------------------------------------------


def _env_read(node: Any, ctx: Context) -> dict[str, Any] | None:
    data = _env_call(node, ctx)
    if data is None:
        callee = _callee(node)
        if callee in ("viper.AutomaticEnv", "viper.BindEnv"):
            return {
                "name": _string_arg(node) if callee == "viper.BindEnv" else None,
                "has_default": False,
                "default": None,
                "api": callee,
                "lang": LANG,
            }
        if re.match(r"^envconfig\.(Process|MustProcess)$", callee):
            return {
                "name": None,
                "prefix": _string_arg(node),
                "has_default": False,
                "default": None,
                "api": callee,
                "lang": LANG,
            }
        if re.match(r"^env\.(Parse|ParseWithOptions|ParseAs)$", callee) and "caarlos0/env" in ctx.source.text:
            return {"name": None, "has_default": False, "default": None, "api": callee, "lang": LANG}
        return None
    if data["name"] is None and _inside_helper(node, ctx):
        return None  # the helper's own body: its key is a parameter, each call is a read of its own
    if not data["has_default"]:
        parent = node.parent()
        if parent is not None and parent.kind() == "argument_list":
            outer = parent.parent()
            if outer is not None and _callee(outer) == "cmp.Or":  # cmp.Or(os.Getenv("PORT"), "8080")
                rest = _args(outer)[1:]
                ok, value = literal(rest[0]) if rest else (False, None)
                data["has_default"], data["default"] = bool(rest), str(value) if ok and value is not None else None
        binding = _binding_of(node, ctx)
        if binding is not None and binding.get("env_has_default"):
            data["has_default"], data["default"] = True, binding.get("env_default")
    if isinstance(data.get("default"), str) and data.get("name"):
        data["default_grade"] = _default_grade(data["name"], data["default"])
        if data["default_grade"] == "secret" and re.search(r"(?i)pass|secret|token|key|credential|pwd", data["name"]):
            data["default"] = mask(data["default"])
        elif "://" in data["default"]:
            data["default"] = _masked_dsn(data["default"])[0]
    data["lang"] = LANG
    return data


def _default_grade(name: str, value: str) -> str | None:
    """How secret a default looks; for a URL only its password counts (the host is not a secret)."""
    if "://" in value:
        return _masked_dsn(value)[1]
    return grade_value(name, value)


def _inside_helper(node: Any, ctx: Context) -> bool:
    helpers = _helpers(ctx)
    for anc in node.ancestors():
        if anc.kind() == "function_declaration":
            name = anc.field("name")
            return name is not None and name.text() in helpers
    return False


def _binding_of(node: Any, ctx: Context) -> dict[str, Any] | None:
    """The binding (see _bindings) of the variable the env read at *node* is assigned to."""
    current = node.parent()
    for _ in range(4):
        if current is None:
            return None
        if current.kind() in ("short_var_declaration", "var_spec", "assignment_statement"):
            for name, value in _pairs(current):
                if value.range().start.index <= node.range().start.index <= value.range().end.index:
                    return _bindings(ctx).get(name.text())
            return None
        current = current.parent()
    return None


def _env_tag(node: Any, ctx: Context) -> dict[str, Any] | None:
    data = _tag_env(node)
    if data is None:
        return None
    return {**data, "lang": LANG}


def _import(node: Any, ctx: Context) -> dict[str, Any] | None:
    path = node.field("path")
    ok, value = literal(path)
    if not ok or not isinstance(value, str) or not value:
        return None
    return {
        "modules": [value],
        "relative": value.startswith("."),
        "optional": False,
        "type_checking": False,
        "in_function": False,
        "lang": LANG,
    }


_SETTING_NAME = re.compile(
    r"(?i)(secret|passw(or)?d|pwd|token|key|credentials?|signing|"
    r"dsn|url|uri|host|addr(ess)?|endpoint|bucket|port)$|^(secret|password|token|key|dsn)"
)


def _package_setting(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    """Package-level constants and variables holding config-like literals (`const apiKey = "..."`)."""
    declaration = node.parent()
    if declaration is None or declaration.parent() is None or declaration.parent().kind() != "source_file":
        return None
    out = []
    for name, value in _pairs(node):
        if not _SETTING_NAME.search(name.text()):
            continue
        ok, raw = literal(value)
        if not ok or not isinstance(raw, str) or not raw:
            continue
        described = _described(name.text(), value, ctx)
        described.pop("key", None)
        out.append(
            {
                "_line": line_of(name),
                "name": name.text(),
                "path": name.text(),
                "container": "module",
                "declared_as": node.kind().split("_")[0],
                **described,
                "lang": LANG,
            }
        )
    return out or None


_SQL_DRIVERS = {
    "postgres": "postgresql",
    "pgx": "postgresql",
    "cloudsqlpostgres": "postgresql",
    "mysql": "mysql",
    "sqlite3": "sqlite",
    "sqlite": "sqlite",
    "sqlserver": "mssql",
    "mssql": "mssql",
    "oracle": "oracle",
    "godror": "oracle",
    "clickhouse": "clickhouse",
    "snowflake": "snowflake",
}
_GORM_DIALECTS = {"postgres": "postgresql", "mysql": "mysql", "sqlite": "sqlite", "sqlserver": "mssql"}
_CLIENT_RULE = call_to(
    r"^(sql\.Open|sqlx\.(Open|Connect|MustConnect|MustOpen)|gorm\.Open|pgx\.(Connect|ConnectConfig|ParseConfig)|"
    r"pgxpool\.(Connect|New|NewWithConfig|ParseConfig)|redis\.(NewClient|NewClusterClient|NewFailoverClient|"
    r"NewUniversalClient|ParseURL)|mongo\.(Connect|NewClient)|amqp\.(Dial|DialTLS|DialConfig)|"
    r"nats\.Connect|memcache\.New|minio\.New|mail\.NewDialer|gomail\.NewDialer|smtp\.(Dial|SendMail))$",
    kind="call_expression",
)


#: embedded databases of Go, by the package whose `Open` opens one on a file (SQLite is a `client`)
_EMBEDDED_PACKAGES = {
    "bolt": "boltdb",
    "bbolt": "boltdb",
    "badger": "badger",
    "leveldb": "leveldb",
    "buntdb": "buntdb",
    "pebble": "pebble",
    "storm": "storm",
    "nutsdb": "nutsdb",
}
_EMBEDDED_RULE = call_to(
    r"^(bolt|bbolt|badger|leveldb|buntdb|pebble|storm|nutsdb)\.(Open|OpenFile)$", kind="call_expression"
)


def _embedded_library(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`bolt.Open("app.db", 0600, nil)`, `badger.Open(badger.DefaultOptions(dir))`, `leveldb.OpenFile(dir, nil)`."""
    package = _callee(node).split(".", 1)[0]
    library = _EMBEDDED_PACKAGES.get(package)
    args = _args(node)
    imported = re.search(rf'/{package}(/v\d+)?"|\b{package}\s+"[\w./-]+"', ctx.source.text)
    if library is None or not args or imported is None:
        return None
    target = args[0]
    if target.kind() == "call_expression" and _args(target):  # badger.DefaultOptions(dir)
        target = _args(target)[0]
    if re.search(r":memory:|InMemory|WithInMemory\(true\)", node.text()):
        return None
    return {"library": library, "api": _callee(node), "target": _described("path", target, ctx), "lang": LANG}


def _url_service(value: str) -> str | None:
    scheme = value.split(":", 1)[0].split("+", 1)[0].lower() if "://" in value else ""
    return {
        "postgres": "postgresql",
        "postgresql": "postgresql",
        "mysql": "mysql",
        "redis": "redis",
        "rediss": "redis",
        "mongodb": "mongodb",
        "amqp": "amqp",
        "amqps": "amqp",
        "sqlite": "sqlite",
        "nats": "nats",
    }.get(scheme)


def _client(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    args = _args(node)
    package, _, func = callee.partition(".")
    described: list[dict[str, Any]] = []
    service: str | None
    if package in ("sql", "sqlx"):
        ok, driver = literal(args[0]) if args else (False, None)
        service = _SQL_DRIVERS.get(str(driver), "sql") if ok else "sql"
        if args:
            described.append(_described("driver", args[0], ctx))
        if len(args) > 1:
            described.append(_described("dsn", args[1], ctx))
    elif package == "gorm":
        if not args:
            return None
        dialect = args[0]
        service = "sql"
        ok, name = literal(dialect)
        if ok and isinstance(name, str):  # gorm v1: `gorm.Open("sqlite3", "./app.db")`, `gorm.Open("postgres", dsn)`
            service = _SQL_DRIVERS.get(name, "sql")
            described.append(_described("driver", dialect, ctx))
            if len(args) > 1:
                described.append(_described("dsn", args[1], ctx))
        elif dialect.kind() == "call_expression":
            service = _GORM_DIALECTS.get(_callee(dialect).split(".", 1)[0], "sql")
            inner = _args(dialect)
            if inner:
                described.append(_described("dsn", inner[0], ctx))
        else:
            # gorm v1: `gorm.Open("sqlite3", "./app.db")`, the dialect named by a string
            ok, name = literal(dialect)
            if ok and isinstance(name, str):
                service = _SQL_DRIVERS.get(name, "sql")
                described.append(_described("driver", dialect, ctx))
            if len(args) > 1:
                described.append(_described("dsn", args[1], ctx))
    elif package in ("pgx", "pgxpool"):
        service = "postgresql"
        target = args[0] if func == "ParseConfig" and args else (args[1] if len(args) > 1 else None)
        if target is not None and func not in ("ConnectConfig", "NewWithConfig"):
            described.append(_described("url", target, ctx))
    elif package == "redis":
        service = "redis"
        if func == "ParseURL":
            if args:
                described.append(_described("url", args[0], ctx))
        else:
            fields = _composite_fields(args[0]) if args else {}
            for field, key in (
                ("Addr", "address"),
                ("Addrs", "address"),
                ("Password", "password"),
                ("Username", "user"),
            ):
                if field in fields:
                    described.append(_described(key, fields[field], ctx))
    elif package == "mongo":
        service = "mongodb"
        for call in node.find_all(kind="call_expression"):
            if _callee(call).endswith("ApplyURI") and _args(call):
                described.append(_described("uri", _args(call)[0], ctx))
                break
    elif package == "amqp":
        service = "amqp"
        if args:
            described.append(_described("url", args[0], ctx))
    elif package == "nats":
        service = "nats"
        if args:
            described.append(_described("url", args[0], ctx))
    elif package == "memcache":
        service = "memcached"
        if args:
            described.append(_described("address", args[0], ctx))
    elif package == "minio":
        service = "object_storage"
        if args:
            described.append(_described("endpoint_url", args[0], ctx))
    else:  # mail / gomail / smtp
        service = "smtp"
        if args:
            described.append(_described("host", args[0], ctx))
        if package in ("mail", "gomail") and len(args) > 3:
            described.append(_described("password", args[3], ctx))
    if service == "sql":
        for item in described:
            if item.get("source") == "literal" and isinstance(item.get("value"), str):
                service = _url_service(item["value"]) or service
    return {"service": service, "api": callee, "args": described, "lang": LANG}


# --- listeners ------------------------------------------------------------------------------------------

_SERVER_RULE = call_to(
    r"^(http\.ListenAndServe(TLS)?|http\.Serve|[\w.\[\]()]+\.ListenAndServe(TLS)?|[\w.]+\.(Run|RunTLS|Start|StartTLS|"
    r"Listen|ListenTLS)|net\.Listen|autotls\.Run)$",
    kind="call_expression",
)
_FRAMEWORK_IMPORT = {
    "Run": "gin-gonic/gin",
    "RunTLS": "gin-gonic/gin",
    "Start": "labstack/echo",
    "StartTLS": "labstack/echo",
    "Listen": "gofiber/fiber",
    "ListenTLS": "gofiber/fiber",
}


def _split_addr(info: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(host, port) value descriptions of an address description (":8080", "0.0.0.0:" + port)."""
    if info.get("source") == "literal":
        value = str(info.get("value") if info.get("value") is not None else "")
        value = value.split("://", 1)[-1]
        host, sep, port = value.rpartition(":")
        if not sep:
            host, port = value, ""
        host_info = {"source": "literal", "value": host.strip("[]")} if host else {"source": "default"}
        port_info: dict[str, Any] = {"source": "default"}
        if port:
            port_info = {"source": "literal", "value": int(port) if port.isdigit() else port}
        return host_info, port_info
    if info.get("source") == "env":
        return {"source": "default"}, info
    return {"source": "other", "text": info.get("text", "")}, info


def _in_main(node: Any) -> bool:
    for anc in node.ancestors():
        if anc.kind() == "function_declaration":
            name = anc.field("name")
            return name is not None and name.text() == "main"
    return False


def _server_fields(ctx: Context) -> dict[str, Any]:
    """The fields of the first `http.Server{...}` literal of the file (its Addr, timeouts)."""

    def compute() -> dict[str, Any]:
        for lit in ctx.root.find_all(kind="composite_literal"):
            kind = lit.field("type")
            if kind is not None and kind.text() in ("http.Server", "fasthttp.Server"):
                return _keyed(lit.field("body"))
        return {}

    return ctx.memo("server_fields", compute)


_RECEIVERS = frozenset(
    {
        "r",
        "router",
        "engine",
        "e",
        "app",
        "srv",
        "server",
        "api",
        "g",
        "web",
        "s.router",
        "s.engine",
        "s.app",
        "s.echo",
        "a.router",
        "a.app",
    }
)


def _framework_receivers(ctx: Context) -> set[str]:
    """Variables holding a Gin, Echo or Fiber app (assigned from its constructor), plus usual names."""

    def compute() -> set[str]:
        names = set(_RECEIVERS)
        for node in ctx.root.find_all(
            {
                "rule": {
                    "any": [{"kind": "short_var_declaration"}, {"kind": "assignment_statement"}, {"kind": "var_spec"}]
                }
            }
        ):
            for name, value in _pairs(node):
                if value.kind() == "call_expression" and _callee(value) in _WEB:
                    names.add(name.text())
        return names

    return ctx.memo("receivers", compute)


def _server_run(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    args = _args(node)
    method = callee.rsplit(".", 1)[-1]
    text = ctx.source.text
    addr: Any = None
    default_addr: dict[str, Any] | None = None
    if callee in ("http.ListenAndServe", "http.ListenAndServeTLS", "autotls.Run"):
        addr = args[0] if args and callee != "autotls.Run" else None
    elif callee == "net.Listen":
        addr = args[1] if len(args) > 1 else None
    elif callee == "http.Serve":
        return None  # serves on a listener made elsewhere (net.Listen is the bind)
    elif method in ("ListenAndServe", "ListenAndServeTLS"):
        fields = _server_fields(ctx)
        addr = fields.get("Addr")
        if addr is None:
            default_addr = {"source": "other", "text": callee.rsplit(".", 1)[0] + ".Addr"} if not fields else None
    else:
        needed = _FRAMEWORK_IMPORT.get(method)
        if needed is None or needed not in text:
            return None
        if callee.rsplit(".", 1)[0] not in _framework_receivers(ctx):
            return None  # cmd.Run(), c.Start(): not the web framework's listener
        if method == "Run" and not args:
            # gin's Run() with no address reads $PORT and falls back to 8080
            default_addr = {"source": "env", "env_name": "PORT", "env_has_default": True, "env_default": "8080"}
        addr = args[0] if args else None
    if addr is not None:
        host, port = _split_addr(classify(addr, ctx))
    elif default_addr is not None:
        host, port = {"source": "default"}, default_addr
    else:
        host, port = {"source": "default"}, {"source": "default"}
    return {
        "api": callee,
        "host": host,
        "port": port,
        "debug": {"source": "default"},
        "reload": {"source": "default"},
        "main_guard": _in_main(node),
        "lang": LANG,
    }


# --- signals and shutdown ------------------------------------------------------------------------------

_SIGNAL_NAMES = {
    "os.Interrupt": "SIGINT",
    "os.Kill": "SIGKILL",
    "unix.SIGTERM": "SIGTERM",
    "syscall.SIGTERM": "SIGTERM",
}


def _signal(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    args = _args(node)
    listed = args[1:] if callee.endswith(("Notify", "NotifyContext")) else args
    signals = [_SIGNAL_NAMES.get(a.text(), a.text().rsplit(".", 1)[-1]) for a in listed]
    if callee == "signal.Ignore":
        if not signals:
            signals = ["SIGTERM"]  # Ignore() with no signal ignores them all
        return {
            "signal": "SIGTERM" if "SIGTERM" in signals else signals[0],
            "signals": signals,
            "handler": "SIG_IGN",
            "exits_immediately": False,
            "lang": LANG,
        }
    if not signals:
        signals = ["SIGTERM"]  # Notify(c) with no signal relays every incoming signal
    text = ctx.source.text
    drains = re.search(
        r"\.(Shutdown|ShutdownWithContext|GracefulStop|Close|Stop|Drain|Wait)\(|\bcancel\(|\bstop\(", text
    )
    exits = bool(re.search(r"\bos\.Exit\(", text)) and not drains
    return {
        "signal": "SIGTERM" if "SIGTERM" in signals else signals[0],
        "signals": signals,
        "handler": "context" if callee.endswith("NotifyContext") else "channel",
        "exits_immediately": exits,
        "lang": LANG,
    }


def _shutdown(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    method = callee.rsplit(".", 1)[-1]
    if re.search(r"(?i)tracer|meter|provider|exporter|telemetry|otel|logger|profiler", callee.rsplit(".", 1)[0]):
        return None  # flushing telemetry at exit is not the server's graceful stop
    if method == "RegisterOnShutdown":
        return {"api": "http.Server.RegisterOnShutdown", "lang": LANG}
    return {"api": callee, "method": method, "lang": LANG}


# --- logs --------------------------------------------------------------------------------------------------

_STREAMS = {"os.Stdout": "stdout", "os.Stderr": "stderr", "colorable.NewColorableStdout()": "stdout"}
_LOG_PATH = re.compile(r"(?i)\.log\b|(^|/)logs?(/|$)|/var/log")


def _opened_files(ctx: Context) -> dict[str, dict[str, Any]]:
    """Variables bound to a file the code opens or creates for writing: name -> target description."""

    def compute() -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        if "os.OpenFile" not in ctx.source.text and "os.Create" not in ctx.source.text:
            return out
        for node in ctx.root.find_all(
            {
                "rule": {
                    "any": [{"kind": "short_var_declaration"}, {"kind": "var_spec"}, {"kind": "assignment_statement"}]
                }
            }
        ):
            for name, value in _pairs(node):
                if (
                    value.kind() == "call_expression"
                    and _callee(value) in ("os.OpenFile", "os.Create")
                    and _args(value)
                ):
                    out.setdefault(name.text(), classify(_args(value)[0], ctx))
        return out

    return ctx.memo("opened", compute)


def _writer(node: Any, ctx: Context) -> tuple[str | None, dict[str, Any] | None]:
    """(stream, file target) of an io.Writer expression passed to a logger."""
    if node is None:
        return None, None
    text = node.text()
    if text in _STREAMS:
        return _STREAMS[text], None
    if node.kind() == "call_expression" and _callee(node) in ("os.OpenFile", "os.Create") and _args(node):
        return None, classify(_args(node)[0], ctx)
    if node.kind() == "call_expression" and _callee(node) == "io.MultiWriter":
        stream, target = None, None
        for arg in _args(node):
            s, t = _writer(arg, ctx)
            stream, target = stream or s, target or t
        return stream, target
    if "lumberjack" in text:
        fields = _composite_fields(node)
        return None, classify(fields.get("Filename"), ctx) if "Filename" in fields else {
            "source": "other",
            "text": text[:120],
        }
    opened = _opened_files(ctx)
    if node.kind() in ("identifier", "unary_expression") and node.text().lstrip("&") in opened:
        return None, opened[node.text().lstrip("&")]
    return None, None


def _set_output(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    args = _args(node)
    if not args:
        return None
    stream, target = _writer(args[0], ctx)
    owner = callee.rsplit(".", 1)[0]
    library = "logrus" if "logrus" in owner or ("logrus" in ctx.source.text and owner != "log") else "log"
    if stream is None and target is None:
        return None
    if target is not None and "lumberjack" in args[0].text():
        return None  # the lumberjack.Logger literal is its own fact
    handler = f"{library}.SetOutput" + ("(file)" if target is not None else "")
    return {
        "handler": handler,
        "api": callee,
        "target": target or {"source": "none"},
        "rotation": False,
        "stream": stream,
        "lang": LANG,
    }


#: what keeps a Go program running: a loop with no condition, an empty select, a ticker or a
#: delivery channel ranged over for ever
_GO_FOREVER = re.compile(
    r"(?m)^\s*for\s*\{|\bselect\s*\{\s*\}|\bfor\s+(?:\w+\s*:=\s*)?range\s+(?:time\.Tick\(|[\w.]+\.C\b|"
    r"\w*(?:msgs|messages|deliveries|Messages)\b)"
)


def _main_loop(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`func main()` of package main that runs for ever (`for {`, `select {}`, `for range ticker.C`),
    itself or through a function of the same file it calls."""
    name = node.field("name")
    if name is None or name.text() != "main" or not re.search(r"(?m)^package\s+main\b", ctx.source.text):
        return None
    body = node.field("body")
    text = body.text() if body is not None else ""
    found = _GO_FOREVER.search(text)
    if found is None:
        for called in sorted(set(re.findall(r"\b([a-z]\w*)\(", text))):
            func = re.search(rf"(?ms)^func\s+{re.escape(called)}\([^)]*\)[^{{]*\{{(.*?)^\}}", ctx.source.text)
            if func is not None and (found := _GO_FOREVER.search(func.group(1))) is not None:
                return {"api": found.group(0).strip(), "target": called, "main": True, "lang": LANG}
        return None
    return {"api": found.group(0).strip(), "main": True, "lang": LANG}


_HOOK_NETWORK = re.compile(
    r"(?i)syslog|logstash|graylog|gelf|fluent|loki|elastic|papertrail|loggly|logtail|splunk|datadog|"
    r"cloudwatch|kafka|amqp|influx"
)
_HOOK_FILE = re.compile(r"\blfshook\.|rotatelogs\.")


def _hook(node: Any, ctx: Context) -> dict[str, Any] | None:
    """logrus `AddHook(hook)` with a hook that sends records to a log service (`NewSyslogHook`,
    logrustash, graylog) or writes a file (lfshook): the hook's constructor is read from the
    argument or from the assignment of the variable it names."""
    args = _args(node)
    if not args or "logrus" not in ctx.source.text:
        return None
    text = args[0].text()
    if args[0].kind() == "identifier":
        bound = re.search(rf"\b{re.escape(text)}\b(?:\s*,\s*\w+)?\s*:?=\s*([^\n]+)", ctx.source.text)
        text = bound.group(1) if bound else text
    if _HOOK_FILE.search(text):
        return {
            "handler": "logrus.Hook(file)",
            "api": _callee(node),
            "target": {"source": "none"},
            "rotation": "rotatelogs" in text,
            "stream": None,
            "lang": LANG,
        }
    vendor = _HOOK_NETWORK.search(text)
    if vendor is None:
        return None
    return {
        "handler": f"logrus.Hook({vendor.group(0).lower()})",
        "api": _callee(node),
        "target": {"source": "none"},
        "rotation": False,
        "stream": "other",
        "family": "network",
        "lang": LANG,
    }


def _lumberjack(node: Any, ctx: Context) -> dict[str, Any] | None:
    kind = node.field("type")
    if kind is None or not kind.text().endswith("lumberjack.Logger"):
        return None
    fields = _keyed(node.field("body"))
    target = classify(fields["Filename"], ctx) if "Filename" in fields else {"source": "default"}
    return {
        "handler": "lumberjack.Logger",
        "api": "lumberjack.Logger",
        "target": target,
        "rotation": True,
        "stream": None,
        "lang": LANG,
    }


def _output_paths(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    if node.kind() == "keyed_element":
        parts = [c for c in node.children() if c.is_named()]
        if len(parts) != 2:
            return None
        key, value = parts[0].text(), parts[1]
    else:
        left = node.field("left")
        key = left.text().rsplit(".", 1)[-1] if left is not None else ""
        value = node.field("right")
    if key not in ("OutputPaths", "ErrorOutputPaths") or value is None:
        return None
    out = []
    for item in value.find_all(
        {"rule": {"any": [{"kind": "interpreted_string_literal"}, {"kind": "raw_string_literal"}]}}
    ):
        ok, path = literal(item)
        if not ok or not isinstance(path, str):
            continue
        if path in ("stdout", "stderr"):
            out.append(
                {
                    "handler": "zap.Config",
                    "api": key,
                    "target": {"source": "none"},
                    "rotation": False,
                    "stream": path,
                    "lang": LANG,
                }
            )
        else:
            out.append(
                {
                    "handler": "zap.OutputPaths(file)",
                    "api": key,
                    "target": {"source": "literal", "value": path},
                    "rotation": False,
                    "stream": None,
                    "lang": LANG,
                }
            )
    return out or None


_LOGGER_RULE = call_to(
    r"^(zap\.(NewProduction|NewDevelopment|NewExample)|slog\.(NewJSONHandler|NewTextHandler)|zerolog\.New|"
    r"zapcore\.(AddSync|Lock))$",
    kind="call_expression",
)


def _logger(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    if callee.startswith("zap.New"):
        return {
            "handler": callee,
            "api": callee,
            "target": {"source": "none"},
            "rotation": False,
            "stream": "stderr",
            "lang": LANG,
        }
    args = _args(node)
    stream, target = _writer(args[0], ctx) if args else (None, None)
    if stream is None and target is None:
        return None
    name = {"slog": "slog.Handler", "zerolog": "zerolog.Logger", "zapcore": "zapcore.WriteSyncer"}[
        callee.split(".", 1)[0]
    ]
    if target is not None and "lumberjack" in args[0].text():
        return None
    return {
        "handler": name + ("(file)" if target is not None else ""),
        "api": callee,
        "target": target or {"source": "none"},
        "rotation": False,
        "stream": stream,
        "lang": LANG,
    }


_PRINT_RULE = call_to(
    r"^(fmt\.(Print|Println|Printf)|log\.(Print|Println|Printf|Fatal|Fatalf|Fatalln|Panic|Panicf)|"
    r"fmt\.(Fprint|Fprintln|Fprintf)|\w+\.(Info|Infof|Infoln|Warn|Warnf|Warning|Warningf|Error|Errorf|"
    r"Debug|Debugf|WithField|WithFields|WithError))$",
    kind="call_expression",
)
#: the package-level loggers of logging libraries, which write to stderr unless told otherwise:
#: logrus (`logrus.Info`, `log.WithFields` under an alias) and zerolog's global `log.Info()`
_GLOBAL_LOGGERS = {"github.com/sirupsen/logrus": "logrus", "github.com/rs/zerolog/log": "zerolog"}
_LEVEL_CALL = re.compile(
    r"\.(Info|Infof|Infoln|Warn|Warnf|Warning|Warningf|Error|Errorf|Debug|Debugf|WithField|WithFields|WithError)$"
)


def _global_logger(callee: str, ctx: Context) -> str | None:
    """The library whose package-level logger *callee* (`log.Info`) calls, from the file's imports
    (searched once per file and package name, not once per call)."""
    alias = callee.split(".", 1)[0]

    def search() -> str | None:
        for path, library in _GLOBAL_LOGGERS.items():
            if f'"{path}"' not in ctx.source.text:
                continue
            for found in re.finditer(rf'(?m)(?:^|[\s(])(?!import\b)(\w+\s+)?"{re.escape(path)}"', ctx.source.text):
                if (found.group(1) or path.rsplit("/", 1)[-1]).strip() == alias:
                    return library
        return None

    return ctx.memo(f"go.global_logger:{alias}", search)


def _print(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    if _LEVEL_CALL.search(callee):
        library = _global_logger(callee, ctx)
        if library is None:
            return None
        alias = re.escape(callee.split(".", 1)[0])
        redirected = ctx.memo(
            f"go.redirected:{alias}",
            lambda: re.search(rf"\b{alias}\.(SetOutput\(\s*([\w.]+)|Logger\s*=)", ctx.source.text),
        )
        if redirected:
            stream = _STREAMS.get(redirected.group(2) or "")
            if stream is None:
                return None  # the global logger writes wherever it was sent, not to a stream
            return {"stream": stream, "flush": True, "api": callee, "lang": LANG}
        return {"stream": "stderr", "flush": True, "api": callee, "lang": LANG}
    if callee.startswith("fmt.F"):
        args = _args(node)
        stream = _STREAMS.get(args[0].text()) if args else None
        if stream is None:
            return None
        return {"stream": stream, "flush": True, "api": callee, "lang": LANG}
    redirected = (
        ctx.memo("go.log_redirected", lambda: re.search(r"\blog\.SetOutput\(\s*([\w.]+)", ctx.source.text))
        if callee.startswith("log.")
        else None
    )
    if redirected:
        stream = _STREAMS.get(redirected.group(1))
        if stream is None:
            return None  # the standard logger writes wherever SetOutput sent it, not to a stream
        return {"stream": stream, "flush": True, "api": callee, "lang": LANG}
    return {"stream": "stdout" if callee.startswith("fmt.") else "stderr", "flush": True, "api": callee, "lang": LANG}


# --- processes, files, schedulers -----------------------------------------------------------------------------

_WRITE_FLAGS = re.compile(r"O_(WRONLY|RDWR|CREATE|APPEND|TRUNC)")
_TMP = re.compile(r"(?i)tmp|temp|os\.TempDir|/dev/(null|stdout|stderr)")


def _in_function(node: Any) -> bool:
    return any(a.kind() in ("function_declaration", "method_declaration", "func_literal") for a in node.ancestors())


def _handler_params(node: Any) -> bool:
    """Whether *node* sits in an HTTP handler (a function taking a ResponseWriter or a framework context)."""
    for anc in node.ancestors():
        if anc.kind() in ("function_declaration", "method_declaration", "func_literal"):
            params = anc.field("parameters")
            if params is not None and re.search(
                r"http\.ResponseWriter|\*gin\.Context|echo\.Context|\*fiber\.Ctx", params.text()
            ):
                return True
    return False


def _file_write(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    args = _args(node)
    if not args:
        return None
    if callee == "os.OpenFile" and (len(args) < 2 or not _WRITE_FLAGS.search(args[1].text())):
        return None
    upload = callee.endswith("SaveUploadedFile")
    target_node = args[1] if upload and len(args) > 1 else args[0]
    text = target_node.text()
    info = classify(target_node, ctx)
    shown = str(info.get("value", "")) if info["source"] == "literal" else text
    return {
        "api": callee,
        "target": info,
        "tmp": bool(_TMP.search(shown) or _TMP.search(text)),
        "upload": upload or bool(re.search(r"(?i)upload|media|filename|FormFile", text)),
        "in_route": _handler_params(node),
        "in_function": _in_function(node),
        "lang": LANG,
    }


def _spawn(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    args = _args(node)
    if callee == "exec.CommandContext":
        args = args[1:]
    if callee == "syscall.Exec":
        args = args[:1]
    ok, program = literal(args[0]) if args else (False, None)
    shell = False
    if ok and isinstance(program, str):
        name: str | None = program.strip().rsplit("/", 1)[-1]
        if name in ("sh", "bash", "zsh") and len(args) > 2 and args[1].text().strip('"`') == "-c":
            shell = True
            ok_cmd, command = literal(args[2])
            name = (
                command.strip().split()[0].rsplit("/", 1)[-1]
                if ok_cmd and isinstance(command, str) and command.strip()
                else None
            )
        program = name or None
    else:
        program = None
    return {"api": callee, "program": program, "shell": shell, "lang": LANG}


def _scheduler(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    text = ctx.source.text
    if callee == "cron.New" and "robfig/cron" not in text:
        return None
    if callee.startswith("gocron.") and "go-co-op/gocron" not in text:
        return None
    if callee in ("time.NewTicker", "time.Tick") and _handler_params(node):
        return None  # a ticker inside a request handler is not a background job
    return {
        "api": callee,
        "web_app_in_file": bool(_WEB_TEXT.search(text)),
        "started": bool(re.search(r"\.(Start|StartAsync|StartBlocking|Run)\(|\bfor\b", text)),
        "lang": LANG,
    }


_WEB = {
    "gin.Default": "gin",
    "gin.New": "gin",
    "echo.New": "echo",
    "fiber.New": "fiber",
    "chi.NewRouter": "chi",
    "mux.NewRouter": "gorilla/mux",
    "http.NewServeMux": "net/http",
    "http.HandleFunc": "net/http",
    "httprouter.New": "httprouter",
}
_WEB_TEXT = re.compile(
    r"\b(gin\.(Default|New)|echo\.New|fiber\.New|chi\.NewRouter|mux\.NewRouter|http\.NewServeMux|"
    r"http\.HandleFunc|httprouter\.New)\("
)
_WEB_IMPORT = {
    "echo": "labstack/echo",
    "fiber": "gofiber/fiber",
    "chi": "go-chi/chi",
    "gorilla/mux": "gorilla/mux",
    "gin": "gin-gonic/gin",
    "httprouter": "julienschmidt/httprouter",
}


def _web_app(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    framework = _WEB.get(callee)
    if framework is None:
        return None
    needed = _WEB_IMPORT.get(framework)
    if needed is not None and needed not in ctx.source.text:
        return None
    return {"framework": framework, "api": callee, "lang": LANG}


def _cli_command(node: Any, ctx: Context) -> dict[str, Any] | None:
    kind = node.field("type")
    if kind is None or kind.text() not in ("cobra.Command", "cli.Command", "cli.App"):
        return None
    fields = _keyed(node.field("body"))
    name_node = fields.get("Use") if kind.text() == "cobra.Command" else fields.get("Name")
    ok, value = literal(name_node) if name_node is not None else (False, None)
    name = value.split()[0] if ok and isinstance(value, str) and value.strip() else None
    run = fields.get("RunE") or fields.get("Run") or fields.get("Action")
    function = run.text() if run is not None and re.fullmatch(r"[\w.]+", run.text()) else None
    return {"api": kind.text(), "name": name, "function": function, "lang": LANG}


#: names of `flag` options that run an admin task of the binary (`-migrate`, `-create-admin`, `-reset-password`)
_ADMIN_FLAG = re.compile(
    r"(?i)^(migrat|create[-_]|reset[-_]?|flush[-_]?|refresh[-_]?|cleanup|run[-_]clean|export[-_]?|"
    r"import[-_]?|seed|init[-_]?db|initdb|setup[-_]?db|sync[-_]?db|purge|backfill|rebuild|reindex|"
    r"upgrade|downgrade|rollback|backup|restore|prune)"
)


def _flag_command(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A command-line flag that runs an admin task of the binary: `flag.BoolVar(&m, "migrate", false, "...")`."""
    callee = _callee(node)
    match = re.match(r"^(flag|pflag|[\w.]*Flags\(\))\.(Bool|String|Int)(Var|VarP|P)?$", callee)
    if match is None:
        return None
    index = 1 if match.group(3) else 0
    name = _string_arg(node, index)
    if not name or not _ADMIN_FLAG.match(name):
        return None
    return {"api": callee, "name": f"-{name}", "function": None, "lang": LANG}


def _enclosing_function(node: Any) -> str | None:
    for anc in node.ancestors():
        if anc.kind() in ("function_declaration", "method_declaration"):
            name = anc.field("name")
            return name.text() if name is not None else None
    return None


def _autosync(node: Any, ctx: Context) -> dict[str, Any] | None:
    """An ORM that creates or updates the schema from the models: `db.AutoMigrate(&User{})` (GORM),
    `client.Schema.Create(ctx)` (ent), `engine.Sync2(new(User))` (xorm)."""
    callee = _callee(node)
    if callee.endswith(".Schema.Create") and "entgo.io" not in ctx.source.text and '/ent"' not in ctx.source.text:
        return None
    if re.search(r"\.Sync2?$", callee) and "xorm" not in ctx.source.text:
        return None
    if callee.endswith(".AutoMigrate") and "gorm" not in ctx.source.text:
        return None
    return {
        "api": callee.rsplit(".", 1)[-1] if not callee.endswith(".Schema.Create") else "Schema.Create",
        "function": _enclosing_function(node),
        "lang": LANG,
    }


#: embedded key-value stores kept in a file or folder of the local disk
_EMBEDDED_DBS = {
    "bolt.Open": "bolt",
    "bbolt.Open": "bolt",
    "badger.Open": "badger",
    "leveldb.OpenFile": "leveldb",
    "buntdb.Open": "buntdb",
    "pebble.Open": "pebble",
    "storm.Open": "storm",
    "nutsdb.Open": "nutsdb",
}


def _embedded_db(node: Any, ctx: Context) -> dict[str, Any] | None:
    """An embedded database in a file: `bolt.Open("my.db", 0600, nil)`, `badger.Open(badger.DefaultOptions("/tmp/badger"))`,
    `leveldb.OpenFile("path/to/db", nil)`, `buntdb.Open("data.db")` (not `":memory:"`)."""
    fmt = _EMBEDDED_DBS.get(_callee(node))
    args = _args(node)
    if fmt is None or not args:
        return None
    target = args[0]
    if target.kind() == "call_expression" and _args(target):  # badger.DefaultOptions(path)
        if "InMemory" in target.text():
            return None
        target = _args(target)[0]
    text = target.text()
    if ":memory:" in text or re.search(r"UserHomeDir|UserConfigDir|UserCacheDir", text):
        return None
    return {"target": text.strip()[:120], "format": fmt, "owner": None, "lang": LANG}


_DDL = re.compile(r"(?i)\b(create|alter)\s+(table|index|unique\s+index|type|extension|sequence)\b|\bdrop\s+table\b")
#: the same test over a whole file (what _DDL finds: its words found in one pass, the leading
#: boundary and the rest tested at each)
_DDL_GATE = AnyGate(
    CaselessWordsGate(
        ("create", "alter"), r"\s+(?:table|index|unique\s+index|type|extension|sequence)\b", word_start=True
    ),
    CaselessWordsGate(("drop",), r"\s+table\b", word_start=True),
)


def _ddl_string(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A string literal holding DDL (`CREATE TABLE users (...)`): schema code kept in Go."""
    return {"api": "sql", "lang": LANG} if _DDL.search(node.text()) else None


_SESSION_STORES = {
    "NewFilesystemStore": "file",
    "NewCookieStore": "cookie",
    "memstore.NewStore": "memory",
    "cookie.NewStore": "cookie",
    "redis.NewStore": "redis",
    "redistore.NewRediStore": "redis",
    "postgres.NewStore": "db",
    "gormsessions.NewStore": "db",
    "memcached.NewStore": "memcached",
}


def _session(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    store = next((s for name, s in _SESSION_STORES.items() if callee == name or callee.endswith("." + name)), None)
    if store is None or "sessions" not in ctx.source.text:
        return None
    library = "gin-contrib/sessions" if "gin-contrib/sessions" in ctx.source.text else "gorilla/sessions"
    return {"library": library, "store": store, "api": callee, "lang": LANG}


def _pidfile(node: Any, ctx: Context) -> dict[str, Any] | None:
    return {"api": "os.Getpid->file", "lang": LANG}


_ENV_BRANCH_COND = re.compile(
    r"(?i)\b(env|environment|appEnv|app_env|stage|mode|GO_ENV|APP_ENV|ENV)\b.*\"(production|prod|"
    r"staging|development|dev|local)\"|\"(production|prod|staging|development|dev|local)\".*\b(env|"
    r"environment|stage|mode)\b"
)
_BRANCH_VALUE = re.compile(
    r'"((?:postgres(?:ql)?|mysql|sqlite|redis|mongodb|amqp)://[^"]*|[\w.-]+\.(?:internal|local|com|net|io)\b[^"]*|'
    r'[^"]*\.(?:db|sqlite3?)|file:[^"]*)"'
)


def _env_branch(node: Any, ctx: Context) -> dict[str, Any] | None:
    cond = node.field("condition")
    if cond is None or not _ENV_BRANCH_COND.search(cond.text()):
        return None
    body = node.text()
    values = sorted({m.group(1)[:80] for m in _BRANCH_VALUE.finditer(body)})
    engines = sorted(
        {
            e
            for e, p in (
                ("sqlite", r'"sqlite3?"|sqlite\.Open|\.db"'),
                ("postgresql", r'"postgres"|"pgx"|postgres://|postgresql://'),
                ("mysql", r'"mysql"|mysql://'),
                ("redis", r"redis://"),
            )
            if re.search(p, body)
        }
    )
    storage = sorted(
        {w for w in ("s3", "local", "disk", "filesystem", "gcs", "azure") if re.search(rf"\b{w}\b", body, re.I)}
    )
    if not values and not engines and not storage:
        return None
    return {
        "condition": cond.text()[:120],
        "values": [redact(v) for v in values],
        "engines": engines,
        "storage": storage,
        "lang": LANG,
    }


_TABLE: tuple[Spec, ...] = (
    Spec("env.read", ("Getenv", "LookupEnv"), call_to(r"^os\.(Getenv|LookupEnv)$", kind="call_expression"), _env_read),
    Spec(
        "env.read",
        ("viper", "envconfig", "env.Parse", "getenv", "Getenv", "LookupEnv", "Env("),
        call_to(
            r"^(viper\.(AutomaticEnv|BindEnv|Get\w*)|envconfig\.(Process|MustProcess)|env\.(Parse|ParseWithOptions|ParseAs)|"
            r"[A-Za-z_]\w*)$",
            kind="call_expression",
        ),
        _env_read,
    ),
    Spec(
        "env.read",
        ('env:"', 'envconfig:"'),
        {"rule": {"kind": "field_declaration", "has": {"field": "tag", "regex": "env"}}},
        _env_tag,
    ),
    Spec("import", ("import",), {"rule": {"kind": "import_spec"}}, _import),
    Spec(
        "config.assign",
        ("const", "var"),
        {"rule": {"any": [{"kind": "const_spec"}, {"kind": "var_spec"}]}},
        _package_setting,
    ),
    Spec(
        "client",
        (
            "sql.Open",
            "sqlx.",
            "gorm.Open",
            "pgx",
            "redis.",
            "mongo.",
            "amqp.",
            "nats.Connect",
            "memcache.New",
            "minio.New",
            "NewDialer",
            "smtp.",
        ),
        _CLIENT_RULE,
        _client,
    ),
    Spec(
        "state.embedded_store",
        ("bolt", "badger", "leveldb", "buntdb", "pebble", "storm", "nutsdb"),
        _EMBEDDED_RULE,
        _embedded_library,
    ),
    Spec(
        "server.run",
        (
            "ListenAndServe",
            ".Run(",
            ".RunTLS(",
            ".Start(",
            ".StartTLS(",
            ".Listen(",
            ".ListenTLS(",
            "net.Listen",
            "autotls.Run",
        ),
        _SERVER_RULE,
        _server_run,
    ),
    Spec(
        "signal.handler",
        ("signal.Notify", "signal.Ignore"),
        call_to(r"^signal\.(Notify|NotifyContext|Ignore)$", kind="call_expression"),
        _signal,
    ),
    Spec(
        "shutdown.hook",
        ("Shutdown", "GracefulStop"),
        call_to(
            r"^[\w.()\[\]]+\.(Shutdown|ShutdownWithContext|ShutdownWithTimeout|GracefulStop|RegisterOnShutdown)$",
            kind="call_expression",
        ),
        _shutdown,
    ),
    Spec("log.handler", ("SetOutput",), call_to(r"^[\w.]+\.SetOutput$", kind="call_expression"), _set_output),
    Spec("log.handler", ("lumberjack",), {"rule": {"kind": "composite_literal"}}, _lumberjack),
    Spec(
        "process.loop",
        ("func main",),
        {"rule": {"kind": "function_declaration"}},
        _main_loop,
        gate=re.compile(r"(?m)^func\s+main\s*\("),
    ),
    Spec("log.handler", ("AddHook",), call_to(r"\.AddHook$", kind="call_expression"), _hook),
    Spec(
        "log.handler",
        ("OutputPaths",),
        {
            "rule": {
                "any": [
                    {"kind": "keyed_element", "regex": "^(Error)?OutputPaths"},
                    {"kind": "assignment_statement", "regex": "OutputPaths"},
                ]
            }
        },
        _output_paths,
    ),
    Spec("log.handler", ("zap.New", "slog.New", "zerolog.New", "zapcore."), _LOGGER_RULE, _logger),
    Spec(
        "file.write",
        ("os.WriteFile", "os.Create", "os.OpenFile", "ioutil.WriteFile", "SaveUploadedFile"),
        call_to(
            r"^(os\.(WriteFile|Create|OpenFile)|ioutil\.WriteFile|[\w.]+\.SaveUploadedFile)$", kind="call_expression"
        ),
        _file_write,
    ),
    Spec(
        "process.spawn",
        ("exec.Command", "os.StartProcess", "syscall.Exec"),
        call_to(r"^(exec\.(Command|CommandContext)|os\.StartProcess|syscall\.Exec)$", kind="call_expression"),
        _spawn,
    ),
    Spec(
        "scheduler",
        ("cron.New", "gocron.", "NewTicker", "time.Tick("),
        call_to(r"^(cron\.New|gocron\.(NewScheduler|NewScheduler\w*)|time\.(NewTicker|Tick))$", kind="call_expression"),
        _scheduler,
    ),
    Spec(
        "web.app",
        (
            "gin.",
            "echo.New",
            "fiber.New",
            "chi.NewRouter",
            "mux.NewRouter",
            "http.NewServeMux",
            "http.HandleFunc",
            "httprouter.New",
        ),
        call_to(
            r"^(gin\.(Default|New)|echo\.New|fiber\.New|chi\.NewRouter|mux\.NewRouter|http\.NewServeMux|http\.HandleFunc|"
            r"httprouter\.New)$",
            kind="call_expression",
        ),
        _web_app,
    ),
    Spec(
        "cli.command",
        ("cobra.Command", "cli.Command", "cli.App"),
        {"rule": {"kind": "composite_literal"}},
        _cli_command,
    ),
    Spec(
        "cli.command",
        ("flag.", "Flags()."),
        call_to(r"^(flag|pflag|[\w.]*Flags\(\))\.(Bool|String|Int)(Var|VarP|P)?$", kind="call_expression"),
        _flag_command,
    ),
    Spec(
        "state.file_store",
        ("bolt", "badger", "leveldb", "buntdb", "pebble", "storm", "nutsdb"),
        call_to(r"^(bolt|bbolt|badger|leveldb|buntdb|pebble|storm|nutsdb)\.(Open|OpenFile)$", kind="call_expression"),
        _embedded_db,
    ),
    Spec(
        "schema.autosync",
        ("AutoMigrate", "Schema.Create", "Sync2", ".Sync("),
        call_to(r"^[\w.()\[\]]+\.(AutoMigrate|Schema\.Create|Sync2|Sync)$", kind="call_expression"),
        _autosync,
    ),
    Spec(
        "schema.migration",
        ("CREATE", "create", "ALTER", "alter", "DROP TABLE", "drop table"),
        {"rule": {"any": [{"kind": "raw_string_literal"}, {"kind": "interpreted_string_literal"}]}},
        _ddl_string,
        once=True,
        gate=_DDL_GATE,
    ),
    Spec(
        "session.store",
        ("sessions",),
        call_to(r"^[\w.]*(NewFilesystemStore|NewCookieStore|NewStore|NewRediStore)$", kind="call_expression"),
        _session,
    ),
    Spec(
        "process.pidfile",
        ("Getpid",),
        {
            "rule": {
                "kind": "call_expression",
                "all": [
                    {"has": {"field": "function", "regex": r"^(os|ioutil)\.WriteFile$"}},
                    {"has": {"field": "arguments", "regex": r"Getpid"}},
                ],
            }
        },
        _pidfile,
    ),
    Spec(
        "log.print",
        ("fmt.Print", "log.Print", "log.Fatal", "log.Panic", "fmt.Fprint", "sirupsen/logrus", "zerolog/log"),
        _PRINT_RULE,
        _print,
        once=True,
    ),
    Spec(
        "env.branch",
        ("production", "prod", "staging", "development", "dev", "local"),
        {"rule": {"kind": "if_statement"}},
        _env_branch,
    ),
)


# --- process-global state ---------------------------------------------------------------------------------


def _global_state(ctx: Context) -> list[Fact]:
    """Package-level maps and slices written inside functions (state kept in process memory)."""
    names: dict[str, int] = {}
    for declaration in ctx.root.children():
        if declaration.kind() != "var_declaration":
            continue
        for spec in declaration.find_all(kind="var_spec"):
            for name, value in _pairs(spec):
                text = value.text()
                if re.match(r"^(make\(\s*(map|\[\])|map\[|\[\]\w)", text):
                    names[name.text()] = line_of(spec)
            kind = spec.field("type")
            if spec.field("value") is None and kind is not None and kind.text().startswith(("map[", "[]")):
                for name in spec.children():
                    if name.kind() == "identifier":
                        names[name.text()] = line_of(spec)
    if not names:
        return []
    facts: list[Fact] = []
    reported: set[str] = set()
    alternatives = "|".join(re.escape(n) for n in names)
    rule = {
        "rule": {
            "any": [
                {"kind": "assignment_statement", "has": {"field": "left", "regex": rf"^({alternatives})\["}},
                {"kind": "assignment_statement", "regex": rf"^({alternatives})\s*=\s*append\("},
                {"kind": "call_expression", "regex": rf"^delete\(\s*({alternatives})\b"},
            ],
            "inside": {
                "any": [{"kind": "function_declaration"}, {"kind": "method_declaration"}, {"kind": "func_literal"}],
                "stopBy": "end",
            },
        }
    }
    for node in ctx.root.find_all(rule):
        text = node.text()
        name = next((n for n in names if re.match(rf"^(delete\(\s*)?{re.escape(n)}\b", text)), None)
        if name is None or name in reported:
            continue
        reported.add(name)
        facts.append(
            ctx.source.fact(
                "state.global",
                line_of(node),
                name=name,
                declared=names[name],
                in_route=_handler_params(node),
                lang=LANG,
            )
        )
    return facts


def extract(source: Source) -> list[Fact]:
    text = source.text
    if not text.strip():
        return []
    # package-level containers are looked for only when the text can hold one (keeps the parse optional)
    post = _global_state if "var " in text and ("map[" in text or "[]" in text) else None
    facts = run_table(source, "go", _TABLE, post=post, post_kinds=("state.global",)) + random_secrets(source, "go")
    return scrubbed(facts, text)


__all__ = ["classify", "extract", "literal"]
