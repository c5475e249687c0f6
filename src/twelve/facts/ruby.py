"""Facts from Ruby source (Rails, Sinatra, Rack, Puma, Sidekiq, rake): one table of ast-grep rows.

Besides application code this reads the Ruby files that configure a Rails app:
``config/environments/<env>.rb`` (``config.x = ...`` lines become ``config.assign`` facts with
``container: "file"`` and the environment named in ``class``/``environment``), ``config/application.rb``
and initializers, ``config/puma.rb`` (port, bind, workers, daemonize, pidfile, stdout_redirect),
``config.ru``, Rakefile and ``*.rake`` tasks. Kinds and data keys are the shared ones of
docs/facts.md with ``lang = "ruby"``; Ruby symbols are given as their name (``:local`` -> "local").
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.code import Context, Spec, line_of, run_table
from twelve.facts.connstrings import scrubbed
from twelve.facts.randomsecret import random_secrets
from twelve.facts.secrets import grade_value, mask, redact

LANG = "ruby"
_ENV_FILE = re.compile(r"(^|/)config/environments/([\w.-]+)\.rb$")
_PUMA_FILE = re.compile(r"(^|/)config/puma(/[\w.-]+)?\.rb$|(^|/)puma\.rb$")
_UNICORN_FILE = re.compile(r"(^|/)config/unicorn(/[\w.-]+)?\.rb$|(^|/)unicorn\.rb$")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "s": " ", "e": "\x1b"}

# --- literals ------------------------------------------------------------------------------------------


def literal(node: Any) -> tuple[bool, Any]:
    """(True, value) for a literal without interpolation; symbols give their name."""
    if node is None:
        return False, None
    kind = node.kind()
    if kind == "string":
        if node.find(kind="interpolation") is not None:
            return False, None
        parts = []
        for child in node.children():
            if child.kind() == "string_content":
                parts.append(child.text())
            elif child.kind() == "escape_sequence":
                text = child.text()
                parts.append(_ESCAPES.get(text[1:2], text[1:]) if len(text) == 2 else text)
        return True, "".join(parts)
    if kind == "chained_string":
        values = [literal(c) for c in node.children() if c.is_named()]
        if all(ok for ok, _ in values):
            return True, "".join(str(v) for _, v in values)
        return False, None
    if kind == "simple_symbol":
        return True, node.text()[1:]
    if kind == "delimited_symbol":
        if node.find(kind="interpolation") is not None:
            return False, None
        return True, "".join(c.text() for c in node.children() if c.kind() == "string_content")
    if kind in ("hash_key_symbol", "identifier") and node.parent() is not None and node.parent().kind() == "pair":
        return True, node.text()
    if kind == "integer":
        try:
            return True, int(node.text().replace("_", ""), 0)
        except ValueError:
            return True, node.text()
    if kind == "float":
        return True, node.text()
    if kind in ("true", "false"):
        return True, kind == "true"
    if kind == "nil":
        return True, None
    if kind == "parenthesized_statements":
        inner = [c for c in node.children() if c.is_named()]
        return literal(inner[0]) if len(inner) == 1 else (False, None)
    return False, None


def _method(node: Any) -> str:
    method = node.field("method")
    return method.text() if method is not None else ""


def _callee(node: Any) -> str:
    """`Receiver.method` (or `method`) of a call node."""
    receiver = node.field("receiver")
    method = _method(node)
    return f"{receiver.text()}.{method}" if receiver is not None else method


def _arguments(node: Any) -> tuple[list[Any], dict[str, Any]]:
    """Positional argument nodes and keyword (hash pair) value nodes of a call."""
    args = node.field("arguments")
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    if args is None:
        return positional, keywords
    for child in args.children():
        if not child.is_named() or child.kind() == "comment":
            continue
        if child.kind() == "pair":
            _pair_into(child, keywords)
        elif child.kind() == "hash":
            for pair in child.children():
                if pair.kind() == "pair":
                    _pair_into(pair, keywords)
        else:
            positional.append(child)
    return positional, keywords


def _pair_into(pair: Any, keywords: dict[str, Any]) -> None:
    key, value = pair.field("key"), pair.field("value")
    if key is None or value is None:
        return
    ok, name = literal(key)
    if key.kind() == "hash_key_symbol":
        ok, name = True, key.text()
    if ok and name is not None:
        keywords.setdefault(str(name), value)


def _hash_pairs(node: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if node is not None and node.kind() == "hash":
        for pair in node.children():
            if pair.kind() == "pair":
                _pair_into(pair, out)
    return out


# --- where values come from ----------------------------------------------------------------------------


def _is_env_read(node: Any) -> bool:
    if node is None:
        return False
    if node.kind() == "element_reference":
        obj = node.field("object")
        return obj is not None and obj.text() in ("ENV", "::ENV")
    if node.kind() == "call":
        receiver = node.field("receiver")
        return (
            receiver is not None
            and receiver.text() in ("ENV", "::ENV")
            and _method(node) in ("fetch", "[]", "key?", "include?", "dig")
        )
    return False


def _env_data(node: Any) -> dict[str, Any]:
    """name/has_default/default of `ENV["X"]`, `ENV.fetch("X", d)` or `ENV.fetch("X") { d }`."""
    if node.kind() == "element_reference":
        keys = [c for c in node.children() if c.is_named() and c.kind() != "comment"][1:]
        ok, name = literal(keys[0]) if keys else (False, None)
        return {
            "name": name if ok and isinstance(name, str) else None,
            "has_default": False,
            "default": None,
            "api": "ENV[]",
        }
    positional, _keywords = _arguments(node)
    ok, name = literal(positional[0]) if positional else (False, None)
    default_node = positional[1] if len(positional) > 1 else None
    block = node.field("block")
    if default_node is None and block is not None:
        body = [c for c in block.children() if c.kind() in ("block_body", "body_statement")]
        inner = [c for c in body[0].children() if c.is_named()] if body else []
        default_node = inner[-1] if inner else block
    default = None
    if default_node is not None:
        dok, value = literal(default_node)
        default = str(value) if dok and value is not None else None
    return {
        "name": name if ok and isinstance(name, str) else None,
        "has_default": default_node is not None,
        "default": default,
        "api": f"ENV.{_method(node)}",
    }


def _inner_env(node: Any) -> Any:
    if _is_env_read(node):
        return node
    for kind in ("element_reference", "call"):
        for inner in node.find_all(kind=kind):
            if _is_env_read(inner):
                return inner
    return None


def _bindings(ctx: Context) -> dict[str, dict[str, Any]]:
    """Local variables and constants assigned from an environment read in this file."""

    def compute() -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        if "ENV" not in ctx.source.text:
            return found
        for node in ctx.root.find_all(kind="assignment"):
            left, right = node.field("left"), node.field("right")
            if left is None or right is None or left.kind() not in ("identifier", "constant"):
                continue
            inner = _inner_env(right)
            if inner is not None:
                data = _env_data(inner)
                found.setdefault(
                    left.text(),
                    {
                        "source": "env",
                        "env_name": data["name"],
                        "env_has_default": data["has_default"],
                        "env_default": data["default"],
                    },
                )
        return found

    return ctx.memo("bindings", compute)


def classify(node: Any, ctx: Context) -> dict[str, Any]:
    """Where a value comes from: {'source': 'env'|'literal'|'other'|'none', ...}."""
    if node is None:
        return {"source": "none"}
    ok, value = literal(node)
    if ok:
        return {"source": "literal", "value": value}
    if "ENV" in node.text():
        inner = _inner_env(node)
        if inner is not None:
            data = _env_data(inner)
            return {
                "source": "env",
                "env_name": data["name"],
                "env_has_default": data["has_default"],
                "env_default": data["default"],
            }
    bindings = _bindings(ctx)
    if node.text() in bindings:
        return dict(bindings[node.text()])
    for ident in node.find_all(kind="identifier"):
        if ident.text() in bindings:
            return dict(bindings[ident.text()])
    return {"source": "other", "text": node.text()[:120]}


_SECRETISH = re.compile(r"(?i)pass|secret|token|key|credential|pwd")


def _described(key: str, node: Any, ctx: Context) -> dict[str, Any]:
    """A value description with secrets masked (URL passwords redacted in place)."""
    info = classify(node, ctx)
    if info["source"] == "literal" and isinstance(info.get("value"), str):
        value = info["value"]
        if "://" in value:
            info["value"], info["grade"] = mask_url(value)
        elif _SECRETISH.search(key):
            info["grade"] = grade_value(key, value)
            if info["grade"] == "secret":
                info["value"] = mask(value)
    elif info["source"] == "env" and isinstance(info.get("env_default"), str) and "://" in info["env_default"]:
        info["env_default"] = mask_url(info["env_default"])[0]
    return {"key": key, **info}


_URL_PASSWORD = re.compile(r"^([a-z][a-z0-9+.-]*://[^/@\s:]*:)([^@\s]+)(@)", re.I)


def mask_url(value: str) -> tuple[str, str | None]:
    """A URL with its password masked (also with an empty user name, `redis://:pw@host`), and the
    password's grade."""
    match = _URL_PASSWORD.match(value)
    if match is None:
        return redact(value), None
    secret = match.group(2)
    grade = grade_value("password", secret)
    shown = value[: match.start(2)] + (mask(secret) if grade else secret) + value[match.end(2) :]
    return shown, grade


def _environment(ctx: Context) -> str | None:
    match = _ENV_FILE.search(ctx.source.path)
    return match.group(2) if match else None


def _in_method(node: Any) -> bool:
    return any(a.kind() in ("method", "singleton_method") for a in node.ancestors())


def _condition(node: Any) -> str | None:
    """The condition of the nearest enclosing if/unless, as written (`unless ENV[...]` included)."""
    for anc in node.ancestors():
        if anc.kind() in ("if", "unless", "if_modifier", "unless_modifier", "elsif"):
            cond = anc.field("condition")
            prefix = "unless " if anc.kind().startswith("unless") else ""
            return (prefix + cond.text())[:120] if cond is not None else None
        if anc.kind() in ("method", "class", "program"):
            return None
    return None


# --- row extractors -----------------------------------------------------------------------------------------


def _env_read(node: Any, ctx: Context) -> dict[str, Any] | None:
    if not _is_env_read(node):
        return None
    data = _env_data(node)
    if data["name"] is None and data["api"] == "ENV.dig":
        return None
    if isinstance(data.get("default"), str) and data.get("name"):
        default = data["default"]
        if "://" in default:
            data["default"], data["default_grade"] = mask_url(default)
        else:
            data["default_grade"] = grade_value(data["name"], default)
            if data["default_grade"] == "secret" and _SECRETISH.search(data["name"]):
                data["default"] = mask(default)
    condition = _condition(node)
    if condition and node.text() in condition:
        data["in_condition"] = True
    data["lang"] = LANG
    return data


def _import(node: Any, ctx: Context) -> dict[str, Any] | None:
    method = _method(node)
    if node.field("receiver") is not None:
        return None
    positional, _ = _arguments(node)
    ok, value = literal(positional[0]) if positional else (False, None)
    if not ok or not isinstance(value, str) or not value:
        return None
    return {
        "modules": [value],
        "relative": method == "require_relative" or value.startswith("."),
        "optional": False,
        "type_checking": False,
        "in_function": _in_method(node),
        "lang": LANG,
    }


def _config_path(left: Any) -> str | None:
    """`config.active_storage.service` for `config.active_storage.service`, `Rails.application.config.x`..."""
    text = re.sub(r"\s+", "", left.text())
    match = re.match(r"^(?:::)?(?:Rails\.application\.|[\w:]+::Application\.|app\.)?config((?:\.\w+[?!]?)+)$", text)
    return "config" + match.group(1) if match else None


def _config_value(right: Any, ctx: Context) -> dict[str, Any]:
    """The value of a config setting: a literal, a symbol (its name), an env read, or an expression;
    for `:redis_cache_store, { url: ENV["REDIS_URL"] }` the store and the variables it reads."""
    first = right
    if right.kind() in ("right_assignment_list", "argument_list"):
        items = [c for c in right.children() if c.is_named()]
        first = items[0] if items else right
    info = classify(first, ctx)
    if info["source"] == "literal":
        value = info["value"]
        info["value_kind"] = "symbol" if first.kind() in ("simple_symbol", "delimited_symbol") else type(value).__name__
    env_names = [_env_data(n)["name"] for n in _env_nodes(right)]
    if env_names and info["source"] != "env":
        info["env_names"] = [n for n in env_names if n]
    return info


def _env_nodes(node: Any) -> list[Any]:
    if "ENV" not in node.text():
        return []
    found = [n for n in node.find_all(kind="element_reference") if _is_env_read(n)]
    found += [n for n in node.find_all(kind="call") if _is_env_read(n)]
    return found


def _config_assign(node: Any, ctx: Context) -> list[dict[str, Any]] | dict[str, Any] | None:
    if node.kind() == "binary":
        if _operator(node) != "<<":
            return None
        left, right, op = node.field("left"), node.field("right"), "<<"
    else:
        left, right, op = node.field("left"), node.field("right"), "="
    if left is None or right is None or left.kind() != "call":
        return None
    path = _config_path(left)
    if path is None:
        return None
    environment = _environment(ctx)
    base = {
        "name": path.rsplit(".", 1)[-1],
        "path": path,
        "container": "file",
        "class": environment,
        "environment": environment,
        "op": op,
        "lang": LANG,
    }
    if right.kind() == "hash":  # config.action_mailer.smtp_settings = { address: ..., password: ... }
        out = []
        for key, value in _hash_pairs(right).items():
            described = _described(key, value, ctx)
            described.pop("key", None)
            out.append({**base, "_line": line_of(value), "name": key, "path": f"{path}.{key}", **described})
        return out or None
    return {**base, **_config_value(right, ctx)}


def _operator(node: Any) -> str:
    op = node.field("operator")
    return op.text() if op is not None else ""


_LOGGERS = re.compile(
    r"^(::)?(Logger|ActiveSupport::Logger|ActiveSupport::TaggedLogging|Syslog::Logger|Ougai::Logger|"
    r"ActiveSupport::BroadcastLogger|MonoLogger)\.(new|logger)$"
)
_STREAMS = {
    "STDOUT": "stdout",
    "$stdout": "stdout",
    "STDERR": "stderr",
    "$stderr": "stderr",
    "::STDOUT": "stdout",
    "::STDERR": "stderr",
}


def _writer(node: Any, ctx: Context) -> tuple[str | None, dict[str, Any] | None]:
    """(stream, file target) of what a logger writes to."""
    text = node.text()
    if text in _STREAMS:
        return _STREAMS[text], None
    if node.kind() == "call" and _LOGGERS.match(_callee(node)):
        return None, None  # a wrapped logger: the inner call is its own fact
    info = classify(node, ctx)
    if info["source"] == "literal":
        value = info.get("value")
        if value in ("/dev/stdout", "/dev/stderr"):
            return str(value).rsplit("/", 1)[-1], None
        if value in (None, "/dev/null", "File::NULL"):
            return "other", None
        return None, info
    if info["source"] == "other" and re.search(r"(?i)log|\.join\(|File\.(open|new)|\bpath\b", text):
        return None, info
    if info["source"] == "env":
        return None, info
    return None, None


#: nodes a script's top-level loop is not inside (a method, a class, a block of another call)
_NOT_TOP = frozenset(
    {"method", "singleton_method", "class", "module", "singleton_class", "block", "do_block", "lambda"}
)


def _top_loop(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A script's loop at its top level (`loop do ... end`, `while true`), which keeps the process
    running: Ruby raises SignalException on SIGTERM wherever the loop is."""
    if node.kind() == "call":
        if _method(node) != "loop" or node.field("receiver") is not None or node.field("block") is None:
            return None
        api = "loop do"
    else:
        cond = node.field("condition")
        text = cond.text() if cond is not None else ""
        if text not in ({"true", "1"} if node.kind() == "while" else {"false", "nil"}):
            return None
        api = f"{node.kind()} {text}"
    if any(a.kind() in _NOT_TOP for a in node.ancestors()):
        return None
    return {"api": api, "main": True, "lang": LANG}


#: loggers that send records to a log service themselves: Better Stack's Logtail, logstash-logger
_SHIPPING_LOGGERS = re.compile(r"^(::)?(Logtail::Logger\.(new|create_default_logger)|LogStashLogger\.new)$")
#: logstash-logger `type:` values that are not the network
_LOGSTASH_LOCAL = {":stdout": "stdout", ":stderr": "stderr", ":file": "file", ":io": "io"}


def _shipping_logger(node: Any, ctx: Context, callee: str, keywords: dict[str, Any]) -> dict[str, Any] | None:
    """`Logtail::Logger.create_default_logger(key)`, `LogStashLogger.new(type: :tcp, host: ...)`."""
    base = {"api": callee, "rotation": False, "condition": _condition(node), "lang": LANG}
    if callee.lstrip(":").startswith("LogStashLogger"):
        kind = keywords["type"].text() if "type" in keywords else ":udp"  # logstash-logger's default
        local = _LOGSTASH_LOCAL.get(kind)
        if local == "file":
            return {
                **base,
                "handler": "LogStashLogger(file)",
                "target": classify(keywords["path"], ctx) if "path" in keywords else {"source": "none"},
                "stream": None,
            }
        if local is not None:
            return {
                **base,
                "handler": "LogStashLogger",
                "target": {"source": "none"},
                "stream": local if local != "io" else "other",
            }
        host = keywords.get("host") or keywords.get("uri")
        return {
            **base,
            "handler": "LogStashLogger",
            "target": classify(host, ctx) if host is not None else {"source": "none"},
            "stream": "other",
            "family": "network",
        }
    return {**base, "handler": "Logtail::Logger", "target": {"source": "none"}, "stream": "other", "family": "network"}


def _log_handler(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    positional, keywords = _arguments(node)
    if _SHIPPING_LOGGERS.match(callee):
        return _shipping_logger(node, ctx, callee, keywords)
    if _LOGGERS.match(callee):
        if callee.endswith("TaggedLogging.new") or callee.endswith("BroadcastLogger.new"):
            if not positional or positional[0].kind() == "call":
                return None
        handler = callee.rsplit(".", 1)[0].lstrip(":")
        if callee.startswith("Syslog::"):
            return {
                "handler": handler,
                "api": callee,
                "target": {"source": "none"},
                "rotation": False,
                "stream": None,
                "condition": _condition(node),
                "lang": LANG,
            }
        if not positional:
            return None
        stream, target = _writer(positional[0], ctx)
        if stream is None and target is None:
            return None
        rotation = len(positional) > 1 or "shift_age" in keywords or "shift_size" in keywords
        return {
            "handler": handler + ("(file)" if target is not None else ""),
            "api": callee,
            "target": target or {"source": "none"},
            "rotation": rotation and target is not None,
            "stream": stream,
            "condition": _condition(node),
            "lang": LANG,
        }
    if callee.endswith("add_appender"):  # SemanticLogger.add_appender(io: $stdout) / (file_name: "log/x.log")
        if "io" in keywords:
            stream, target = _writer(keywords["io"], ctx)
        elif "file_name" in keywords:
            stream, target = None, classify(keywords["file_name"], ctx)
        else:
            return None
        return {
            "handler": "SemanticLogger" + ("(file)" if target is not None else ""),
            "api": callee,
            "target": target or {"source": "none"},
            "rotation": False,
            "stream": stream,
            "condition": _condition(node),
            "lang": LANG,
        }
    return None


_SERVER_DSL = frozenset({"port", "bind", "listen"})


def _server_dsl(node: Any, ctx: Context) -> dict[str, Any] | None:
    """Puma `port`/`bind`, Unicorn `listen`, Sinatra `set :port`, `Rack::Handler::X.run(app, Port:)`."""
    method = _method(node)
    positional, keywords = _arguments(node)
    path = ctx.source.path
    workers = None
    if (
        node.field("receiver") is None
        and method in _SERVER_DSL
        and (_PUMA_FILE.search(path) or _UNICORN_FILE.search(path))
    ):
        if not positional:
            return None
        server = "puma" if _PUMA_FILE.search(path) else "unicorn"
        value = classify(positional[0], ctx)
        host: dict[str, Any] = {"source": "default"}
        port = value
        data: dict[str, Any] = {}
        if method == "bind" or (
            method == "listen" and value["source"] == "literal" and not isinstance(value.get("value"), int)
        ):
            host, port = _address(positional[0], value, ctx)
            data["listen"] = {k: v for k, v in value.items()} if value["source"] == "literal" else value
        elif method == "port" and len(positional) > 1:
            host = classify(positional[1], ctx)
        workers = _puma_setting(ctx, "workers" if server == "puma" else "worker_processes")
        api = f"{server} {method}"
    elif method == "set" and node.field("receiver") is None and positional and literal(positional[0]) == (True, "port"):
        if len(positional) < 2:
            return None
        host, port, data = {"source": "default"}, classify(positional[1], ctx), {}
        api = "sinatra set :port"
    elif re.match(r"^(Rack|Rackup)::Handler::\w+\.run$", _callee(node)) or _callee(node).endswith(".run!"):
        host = classify(keywords["Host"], ctx) if "Host" in keywords else {"source": "default"}
        port_node = keywords.get("Port") or keywords.get("port")
        port = classify(port_node, ctx) if port_node is not None else {"source": "default"}
        data = {}
        api = _callee(node)
        if api.endswith(".run!") and "sinatra" not in ctx.source.text.lower():
            return None
    else:
        return None
    out = {
        "api": api,
        "host": host,
        "port": port,
        "debug": {"source": "default"},
        "reload": {"source": "default"},
        "main_guard": False,
        **data,
        "lang": LANG,
    }
    if workers is not None:
        out["workers"] = workers
    return out


def _address(node: Any, value: dict[str, Any], ctx: Context) -> tuple[dict[str, Any], dict[str, Any]]:
    """(host, port) of a Puma bind/Unicorn listen address ("tcp://0.0.0.0:3000", "unix://...", interpolated)."""
    if value["source"] == "literal":
        text = str(value.get("value"))
        if text.startswith("unix:") or text.startswith("/"):
            return {"source": "literal", "value": text}, {"source": "none"}
        address = text.split("://", 1)[-1].split("?", 1)[0]
        host, sep, port = address.rpartition(":")
        if not sep:
            return {"source": "literal", "value": address}, {"source": "default"}
        return (
            {"source": "literal", "value": host} if host else {"source": "default"},
            {"source": "literal", "value": int(port) if port.isdigit() else port},
        )
    inner = _inner_env(node) if "ENV" in node.text() else None
    if inner is not None:
        data = _env_data(inner)
        host_match = re.search(r"://([\w.\[\]:-]*?):#\{", node.text())
        host_data = (
            {"source": "literal", "value": host_match.group(1)}
            if host_match and host_match.group(1)
            else {"source": "default"}
        )
        return host_data, {
            "source": "env",
            "env_name": data["name"],
            "env_has_default": data["has_default"],
            "env_default": data["default"],
        }
    return {"source": "other", "text": node.text()[:120]}, value


def _puma_setting(ctx: Context, name: str) -> dict[str, Any] | None:
    for call in ctx.root.find_all(kind="call"):
        if _method(call) == name and call.field("receiver") is None:
            positional, _ = _arguments(call)
            if positional:
                return classify(positional[0], ctx)
    return None


_PUMA_SETTINGS = frozenset(
    {
        "workers",
        "threads",
        "pidfile",
        "environment",
        "worker_timeout",
        "worker_processes",
        "timeout",
        "preload_app",
        "pid",
        "state_path",
    }
)


def _server_setting(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`workers 2`, `pidfile "tmp/pids/puma.pid"`, `environment ENV.fetch(...)` in Puma/Unicorn config."""
    path = ctx.source.path
    method = _method(node)
    if node.field("receiver") is not None or method not in _PUMA_SETTINGS:
        return None
    if not (_PUMA_FILE.search(path) or _UNICORN_FILE.search(path)):
        return None
    positional, _ = _arguments(node)
    if not positional:
        return None
    server = "puma" if _PUMA_FILE.search(path) else "unicorn"
    return {
        "name": method,
        "path": f"{server}.{method}",
        "container": "file",
        "class": None,
        "environment": None,
        **classify(positional[0], ctx),
        "lang": LANG,
    }


def _daemon(node: Any, ctx: Context) -> dict[str, Any] | None:
    path = ctx.source.path
    if node.kind() == "identifier":
        parent = node.parent()
        if node.text() != "daemonize" or parent is None or parent.kind() not in ("program", "body_statement"):
            return None
        return {"api": "puma daemonize", "lang": LANG} if _PUMA_FILE.search(path) else None
    callee = _callee(node)
    if callee in ("Process.daemon", "::Process.daemon"):
        return {"api": "Process.daemon", "lang": LANG}
    if callee == "daemonize" and _PUMA_FILE.search(path):
        positional, _ = _arguments(node)
        if positional and literal(positional[0]) == (True, False):
            return None
        return {"api": "puma daemonize", "lang": LANG}
    return None


def _pidfile(node: Any, ctx: Context) -> dict[str, Any] | None:
    path = ctx.source.path
    callee = _callee(node)
    if callee in ("pidfile", "pid") and (_PUMA_FILE.search(path) or _UNICORN_FILE.search(path)):
        if "ENV" in str(_condition(node) or ""):
            return None  # `pidfile ENV["PIDFILE"] if ENV["PIDFILE"]`: no PID file unless a deploy asks for one
        positional, _ = _arguments(node)
        return {
            "api": f"{'puma' if _PUMA_FILE.search(path) else 'unicorn'} {callee}",
            "target": classify(positional[0], ctx) if positional else {"source": "none"},
            "lang": LANG,
        }
    if re.match(r"^(File|IO)\.(write|open)$", callee) and re.search(r"Process\.pid|\$\$", node.text()):
        return {"api": "Process.pid->file", "lang": LANG}
    return None


def _redirect(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    """Puma `stdout_redirect "log/out.log", "log/err.log"`, Unicorn `stdout_path`/`stderr_path`."""
    path = ctx.source.path
    method = _method(node)
    if node.field("receiver") is not None or not (_PUMA_FILE.search(path) or _UNICORN_FILE.search(path)):
        return None
    if method not in ("stdout_redirect", "stdout_path", "stderr_path"):
        return None
    positional, _ = _arguments(node)
    out = []
    for arg in positional[:2]:
        stream, target = _writer(arg, ctx)
        if target is None and stream is None:
            continue
        out.append(
            {
                "handler": ("puma " if _PUMA_FILE.search(path) else "unicorn ") + method + ("(file)" if target else ""),
                "api": method,
                "target": target or {"source": "none"},
                "rotation": False,
                "stream": stream,
                "condition": _condition(node),
                "lang": LANG,
            }
        )
    return out or None


_CLIENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(::)?Redis(::Client)?\.new$|^RedisClient\.(new|config)$"), "redis"),
    (re.compile(r"^(::)?PG(::Connection)?\.(connect|new|open)$"), "postgresql"),
    (re.compile(r"^(::)?Mysql2::Client\.new$|^Trilogy\.new$"), "mysql"),
    (re.compile(r"^(::)?SQLite3::Database\.new$"), "sqlite"),
    (re.compile(r"^(::)?Sequel\.connect$"), "sql"),
    (re.compile(r"^(::)?(ActiveRecord::Base|ApplicationRecord)\.establish_connection$|^establish_connection$"), "sql"),
    (re.compile(r"^(::)?Mongo::Client\.new$"), "mongodb"),
    (re.compile(r"^(::)?Bunny\.new$"), "amqp"),
    (re.compile(r"^(::)?Dalli::Client\.new$"), "memcached"),
    (re.compile(r"^(::)?Elasticsearch::Client\.new$|^(::)?OpenSearch::Client\.new$"), "elasticsearch"),
    (re.compile(r"^(::)?Aws::S3::(Client|Resource|Bucket)\.new$|^(::)?Fog::Storage\.new$"), "object_storage"),
    (re.compile(r"^(::)?Kafka\.new$|^(::)?Rdkafka::Config\.new$"), "kafka"),
    (re.compile(r"^(::)?Net::SMTP\.(start|new)$"), "smtp"),
)
_URL_SERVICES = {
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "postgis": "postgresql",
    "mysql": "mysql",
    "mysql2": "mysql",
    "trilogy": "mysql",
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
    "redis": "redis",
    "rediss": "redis",
    "mongodb": "mongodb",
    "amqp": "amqp",
}
_ARG_KEYS = {
    "servers": "hosts",
    "conninfo": "dsn",
    "hostname": "host",
    "dbname": "database",
    "adapter": "adapter",
    "endpoint": "endpoint_url",
    "address": "address",
    "brokers": "hosts",
    "seed_brokers": "hosts",
}
_KEEP_KEYS = re.compile(
    r"(?i)^(url|uri|host|hosts|port|password|username|user|database|path|region|bucket|sentinels|"
    r"servers|conninfo|hostname|dbname|adapter|endpoint|address|brokers|seed_brokers|access_key_id|"
    r"secret_access_key)$"
)


def _client(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    service = next((s for pattern, s in _CLIENTS if pattern.match(callee)), None)
    if service is None:
        return None
    if callee == "establish_connection" and "ActiveRecord" not in ctx.source.text:
        return None
    positional, keywords = _arguments(node)
    args: list[dict[str, Any]] = []
    for index, arg in enumerate(positional[:2]):
        if arg.kind() == "hash":
            keywords.update({k: v for k, v in _hash_pairs(arg).items() if k not in keywords})
            continue
        args.append(_described("url" if index == 0 and service not in ("sqlite", "smtp") else str(index), arg, ctx))
    for key, value in keywords.items():
        if _KEEP_KEYS.match(key):
            args.append(_described(_ARG_KEYS.get(key, key), value, ctx))
    service = _refine(service, args)
    return {"service": service, "api": callee, "args": args, "lang": LANG}


def _embedded_database(node: Any, ctx: Context) -> dict[str, Any] | None:
    """The app's database named where it is opened as a file: Sinatra's `set :database, "sqlite://app.db"`
    (sinatra-activerecord, sinatra-sequel), `Sequel.sqlite("app.db")`."""
    callee = _callee(node)
    positional, keywords = _arguments(node)
    if callee == "set":
        if not positional or literal(positional[0]) != (True, "database") or (len(positional) < 2 and not keywords):
            return None
        value = positional[1] if len(positional) > 1 else None
        if value is None or value.kind() == "hash":
            pairs = keywords if value is None else _hash_pairs(value)
            args = [_described(_ARG_KEYS.get(k, k), v, ctx) for k, v in pairs.items() if _KEEP_KEYS.match(k)]
        else:
            args = [_described("url", value, ctx)]
        return {"service": _refine("sql", args), "api": "set :database", "args": args, "lang": LANG}
    if re.match(r"^(::)?Sequel\.sqlite$", callee):
        args = [_described("0", positional[0], ctx)] if positional else []
        return {"service": "sqlite", "api": callee, "args": args, "lang": LANG}
    return None


#: embedded stores of Ruby, by the class whose `new` opens one on a file (SQLite is a `client`)
_EMBEDDED_CLASSES = {
    "PStore": "pstore",
    "YAML::Store": "yaml-store",
    "Psych::Store": "yaml-store",
    "Daybreak::DB": "daybreak",
    "Moneta": "moneta",
}


def _embedded_store(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`PStore.new("data.pstore")`, `YAML::Store.new("db.yml")`, `Daybreak::DB.new("app.db")`."""
    receiver = node.field("receiver")
    name = re.sub(r"^::", "", receiver.text()) if receiver is not None else ""
    library = _EMBEDDED_CLASSES.get(name)
    positional, _ = _arguments(node)
    if library is None or not positional:
        return None
    return {
        "library": library,
        "api": f"{name}.new",
        "target": _described("path", positional[0], ctx),
        "in_function": False,
        "lang": LANG,
    }


def _refine(service: str, args: list[dict[str, Any]]) -> str:
    if service != "sql":
        return service
    for arg in args:
        value = arg.get("value")
        if arg.get("source") != "literal" or not isinstance(value, str):
            continue
        if arg["key"] == "adapter":
            return _adapter_service(value)
        if "://" in value or value.startswith("sqlite"):
            return _URL_SERVICES.get(value.split(":", 1)[0].split("+", 1)[0].lower(), service)
    return service


def _adapter_service(adapter: str) -> str:
    name = adapter.lower()
    if name.startswith(("postgres", "postgis")):
        return "postgresql"
    if name in ("mysql2", "mysql", "trilogy", "jdbcmysql"):
        return "mysql"
    if name.startswith("sqlite"):
        return "sqlite"
    return {"sqlserver": "mssql", "oracle_enhanced": "oracle"}.get(name, "sql")


def _sidekiq_redis(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`config.redis = { url: ENV["REDIS_URL"] }` inside Sidekiq.configure_server/configure_client."""
    left, right = node.field("left"), node.field("right")
    if left is None or right is None or not left.text().endswith(".redis") or "Sidekiq" not in ctx.source.text:
        return None
    pairs = _hash_pairs(right)
    args = [_described(_ARG_KEYS.get(k, k), v, ctx) for k, v in pairs.items() if _KEEP_KEYS.match(k)]
    if not pairs:
        args = [_described("url", right, ctx)]
    return {"service": "redis", "api": "Sidekiq.redis", "args": args, "lang": LANG}


def _smtp_settings(node: Any, ctx: Context) -> dict[str, Any] | None:
    left, right = node.field("left"), node.field("right")
    if left is None or right is None or not left.text().endswith("smtp_settings") or right.kind() != "hash":
        return None
    pairs = _hash_pairs(right)
    args = [
        _described({"address": "host"}.get(k, k), v, ctx)
        for k, v in pairs.items()
        if k in ("address", "port", "password", "user_name")
    ]
    return {"service": "smtp", "api": "action_mailer.smtp_settings", "args": args, "lang": LANG}


_SHELL_CALLS = re.compile(
    r"^((Kernel|::Kernel)\.)?(system|exec|spawn)$|^Process\.spawn$|^(::)?Open3\.(capture2e?|capture3|popen[23]e?|"
    r"pipeline\w*)$|^IO\.popen$|^(::)?PTY\.spawn$"
)
_WRAPPERS = (
    (re.compile(r"^MiniMagick(::|\.)"), "convert"),
    (re.compile(r"^(::)?WickedPdf\.new$"), "wkhtmltopdf"),
    (re.compile(r"^(::)?PDFKit\.new$"), "wkhtmltopdf"),
    (re.compile(r"^(::)?IMGKit\.new$"), "wkhtmltoimage"),
    (re.compile(r"^(::)?(FFMPEG::Movie|Streamio::FFMPEG)"), "ffmpeg"),
    (re.compile(r"^(::)?Docsplit\."), "pdftotext"),
)


def _first_word(text: str) -> str | None:
    words = text.strip().split()
    while words and "=" in words[0] and not words[0].startswith(("/", ".")):
        words.pop(0)  # FOO=bar convert ...
    return words[0].rsplit("/", 1)[-1] if words else None


def _spawn(node: Any, ctx: Context) -> dict[str, Any] | None:
    if node.kind() == "subshell":
        content = "".join(c.text() for c in node.children() if c.kind() == "string_content")
        return {
            "api": "backticks" if node.text().startswith("`") else "%x()",
            "program": _first_word(content),
            "shell": True,
            "lang": LANG,
        }
    callee = _callee(node)
    for pattern, tool in _WRAPPERS:
        if pattern.match(callee):
            return {
                "api": callee.split(".", 1)[0].split("::", 1)[0].lstrip(":"),
                "program": tool,
                "shell": False,
                "wrapper": True,
                "lang": LANG,
            }
    if not _SHELL_CALLS.match(callee):
        return None
    if callee in ("exec", "system", "spawn") and node.field("arguments") is None:
        return None
    positional, _ = _arguments(node)
    positional = [a for a in positional if a.kind() != "hash"]
    if not positional:
        return None
    ok, first = literal(positional[0])
    if positional[0].kind() == "array":
        items = [c for c in positional[0].children() if c.is_named()]
        ok, first = literal(items[0]) if items else (False, None)
        return {
            "api": callee,
            "program": first.rsplit("/", 1)[-1] if ok and isinstance(first, str) else None,
            "shell": False,
            "lang": LANG,
        }
    if ok and isinstance(first, str):
        single = len(positional) == 1
        return {
            "api": callee,
            "program": _first_word(first) if single else first.rsplit("/", 1)[-1],
            "shell": single and bool(re.search(r"[\s|&;<>$`]", first.strip())),
            "lang": LANG,
        }
    if positional[0].kind() == "string":  # interpolated: the program is still the first word
        content = "".join(c.text() for c in positional[0].children() if c.kind() == "string_content")
        return {
            "api": callee,
            "program": _first_word(content) if content and not content[0].isspace() else None,
            "shell": True,
            "lang": LANG,
        }
    return {"api": callee, "program": None, "shell": len(positional) == 1, "lang": LANG}


_WEB_SUPER = {
    "Rails::Application": "rails",
    "Sinatra::Base": "sinatra",
    "Sinatra::Application": "sinatra",
    "Roda": "roda",
    "Hanami::App": "hanami",
    "Grape::API": "grape",
}


def _web_app(node: Any, ctx: Context) -> dict[str, Any] | None:
    if node.kind() == "class":
        superclass = node.field("superclass")
        if superclass is None:
            return None
        parent = superclass.text().lstrip("<").strip().lstrip(":")
        framework = _WEB_SUPER.get(parent)
        if framework is None:
            return None
        return {"framework": framework, "api": f"< {parent}", "lang": LANG}
    positional, _ = _arguments(node)
    ok, value = literal(positional[0]) if positional else (False, None)
    if (
        _method(node) == "require" and ok and value == "sinatra"
    ):  # the classic style; modular apps subclass Sinatra::Base
        return {"framework": "sinatra", "api": 'require "sinatra"', "lang": LANG}
    return None


_ROUTE_VERBS = frozenset({"get", "post", "put", "patch", "delete", "options"})


def _classic_route(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A top-level Sinatra route (`get "/path" do ... end` outside any class or block): the file
    is a Sinatra classic app, however its requires are written. One fact per file."""
    if node.field("receiver") is not None or _method(node) not in _ROUTE_VERBS or node.field("block") is None:
        return None
    parent = node.parent()
    if parent is None or parent.kind() != "program":
        return None
    positional, _ = _arguments(node)
    ok, value = literal(positional[0]) if positional else (False, None)
    if not ok or not isinstance(value, str) or not value.startswith("/"):
        return None
    return {"framework": "sinatra", "api": f'{_method(node)} "{value}" do', "lang": LANG}


_SCHEDULERS = re.compile(
    r"^(::)?Rufus::Scheduler\.(new|singleton|start_new|s)$|^(::)?Concurrent::(TimerTask|ScheduledTask)\.(new|execute)$|"
    r"^(::)?Thread\.(new|start|fork)$"
)


def _scheduler(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    if not _SCHEDULERS.match(callee):
        return None
    text = ctx.source.text
    if "Thread." in callee:
        block = node.field("block")
        body = block.text() if block is not None else ""
        # only long-lived background loops, not a thread doing one piece of work
        if not (
            re.search(r"\bloop\s+do\b|\bloop\s*\{|\bwhile\s+true\b|\buntil\s+false\b", body)
            and re.search(r"\bsleep\b", body)
        ):
            return None
        api = "Thread.new(loop)"
    elif "Rufus" in callee:
        api = "rufus-scheduler"
    else:
        api = callee.rsplit(".", 1)[0].lstrip(":")
    return {
        "api": api,
        "web_app_in_file": bool(
            re.search(r"Rails::Application|Sinatra::(Base|Application)|require\s+['\"]sinatra", text)
        ),
        "started": "Thread." in callee
        or bool(re.search(r"\.(every|cron|in|at|interval|repeat|execute|start)\b", text)),
        "lang": LANG,
    }


def _signal_name(value: Any) -> str:
    name = str(value).upper()
    name = {"15": "SIGTERM", "2": "SIGINT", "1": "SIGHUP"}.get(name, name)
    return name if name.startswith("SIG") else "SIG" + name


def _signal(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    if callee not in ("Signal.trap", "trap", "::Signal.trap", "Kernel.trap"):
        return None
    positional, _ = _arguments(node)
    if not positional:
        return None
    ok, sig = literal(positional[0])
    if not ok or sig is None:
        return None
    handler = "block"
    body = ""
    if len(positional) > 1:
        ok_h, command = literal(positional[1])
        if ok_h and isinstance(command, str):
            handler = {
                "IGNORE": "SIG_IGN",
                "SIG_IGN": "SIG_IGN",
                "": "SIG_IGN",
                "DEFAULT": "SIG_DFL",
                "SIG_DFL": "SIG_DFL",
                "SYSTEM_DEFAULT": "SIG_DFL",
                "EXIT": "exit",
            }.get(command.upper(), command)
        else:
            body = positional[1].text()
            handler = body[:60]
    block = node.field("block")
    if block is not None:
        body = block.text()
    drains = re.search(r"shutdown|stop|close|drain|graceful|join|quit|running\s*=\s*false|@stop", body, re.I)
    exits = handler == "exit" or (
        bool(re.search(r"\b(exit!?|Process\.exit!?|abort|Process\.kill)\b", body)) and not drains
    )
    return {"signal": _signal_name(sig), "handler": handler, "exits_immediately": exits, "lang": LANG}


def _shutdown(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    path = ctx.source.path
    if callee in ("on_worker_shutdown", "on_stopped", "on_restart") and _PUMA_FILE.search(path):
        return {"api": f"puma {callee}", "lang": LANG}
    if _method(node) == "on" and "Sidekiq" in ctx.source.text:
        positional, _ = _arguments(node)
        if positional and literal(positional[0]) in ((True, "shutdown"), (True, "quiet")):
            return {"api": f"Sidekiq on(:{literal(positional[0])[1]})", "lang": LANG}
    return None


_SESSION_STORES = {
    "cookie_store": "cookie",
    "redis_store": "redis",
    "redis_session_store": "redis",
    "cache_store": "cache",
    "active_record_store": "db",
    "mem_cache_store": "memcached",
    "disabled": "none",
    "memory_store": "memory",
}
_RACK_SESSIONS = {
    "Pool": "memory",
    "Cookie": "cookie",
    "Redis": "redis",
    "RedisStore": "redis",
    "Dalli": "memcached",
    "Memcache": "memcached",
    "ActiveRecord": "db",
    "Sequel": "db",
}


def _session(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    positional, _ = _arguments(node)
    if callee.endswith("session_store") and re.match(
        r"^((::)?Rails\.application\.|[\w:]+::Application\.)?config\.session_store$", callee
    ):
        ok, store = literal(positional[0]) if positional else (True, "cookie_store")
        name = str(store) if ok else "?"
        return {
            "library": "rails",
            "store": _SESSION_STORES.get(name, name),
            "api": f"session_store :{name}",
            "environment": _environment(ctx),
            "lang": LANG,
        }
    if callee == "use" and positional:
        match = re.match(r"^(::)?Rack::Session::(\w+)", positional[0].text())
        if match:
            return {
                "library": "rack",
                "store": _RACK_SESSIONS.get(match.group(2), match.group(2).lower()),
                "api": f"Rack::Session::{match.group(2)}",
                "lang": LANG,
            }
        if re.match(r"^(::)?ActionDispatch::Session::(\w+)", positional[0].text()):
            name = positional[0].text().rsplit("::", 1)[-1]
            snake = re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()
            return {
                "library": "rails",
                "store": _SESSION_STORES.get(snake, snake),
                "api": positional[0].text(),
                "lang": LANG,
            }
    if callee in ("enable", "set") and positional and literal(positional[0]) == (True, "sessions"):
        if callee == "set" and len(positional) > 1 and literal(positional[1]) == (True, False):
            return None
        return {"library": "sinatra", "store": "cookie", "api": f"{callee} :sessions", "lang": LANG}
    return None


def _rake_task(node: Any, ctx: Context) -> dict[str, Any] | None:
    path = ctx.source.path
    if not (path.endswith(".rake") or posixpath.basename(path) == "Rakefile"):
        return None
    if node.field("receiver") is not None or _method(node) not in ("task", "multitask"):
        return None
    positional, keywords = _arguments(node)
    name = None
    if positional:
        ok, value = literal(positional[0])
        name = str(value) if ok and value is not None else None
    elif keywords:
        name = next(iter(keywords))
    if not name:
        return None
    namespaces = []
    for anc in node.ancestors():
        if anc.kind() == "call" and _method(anc) == "namespace" and anc.field("receiver") is None:
            args, _ = _arguments(anc)
            ok, value = literal(args[0]) if args else (False, None)
            if ok and value is not None:
                namespaces.append(str(value))
    full = ":".join(list(reversed(namespaces)) + [name])
    return {"api": "rake task", "name": full, "function": None, "lang": LANG}


_WRITE_MODE = re.compile(r"^[wa]|\+")


def _file_write(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = _callee(node)
    positional, keywords = _arguments(node)
    if not positional:
        return None
    if re.match(r"^(::)?(File|IO)\.(write|binwrite)$", callee):
        target = positional[0]
    elif re.match(r"^(::)?File\.(open|new)$", callee):
        mode_node = positional[1] if len(positional) > 1 else keywords.get("mode")
        ok, mode = literal(mode_node) if mode_node is not None else (True, "r")
        if not ok or not isinstance(mode, str) or not _WRITE_MODE.search(mode):
            return None
        target = positional[0]
    elif re.match(r"^(::)?FileUtils\.(cp|mv|copy|move|copy_file|install)$", callee) and len(positional) > 1:
        target = positional[1]
    else:
        return None
    text = target.text()
    info = classify(target, ctx)
    shown = str(info.get("value", "")) if info["source"] == "literal" else text
    in_route = ctx.source.path.startswith("app/controllers/") or "/app/controllers/" in ctx.source.path
    return {
        "api": callee,
        "target": info,
        "tmp": bool(re.search(r"(?i)tmp|temp|Dir\.tmpdir|Tempfile|/dev/null", shown + text)),
        "upload": bool(re.search(r"(?i)upload|params\[|attachment|original_filename|public/", node.text())),
        "in_route": in_route and _in_method(node),
        "in_function": _in_method(node),
        "lang": LANG,
    }


_PRINTS = frozenset({"puts", "print", "p", "pp", "warn", "printf"})


def _print(node: Any, ctx: Context) -> dict[str, Any] | None:
    receiver = node.field("receiver")
    method = _method(node)
    if receiver is None:
        if method not in _PRINTS or node.field("arguments") is None:
            return None
        return {"stream": "stderr" if method == "warn" else "stdout", "flush": False, "api": method, "lang": LANG}
    stream = _STREAMS.get(receiver.text())
    if stream is None or method not in ("puts", "print", "write", "printf", "<<"):
        return None
    return {"stream": stream, "flush": False, "api": f"{receiver.text()}.{method}", "lang": LANG}


def _sync(node: Any, ctx: Context) -> dict[str, Any] | None:
    left, right = node.field("left"), node.field("right")
    if left is None or right is None or right.kind() != "true":
        return None
    match = re.match(r"^(\$stdout|STDOUT|\$stderr|STDERR)\.sync$", left.text())
    if match is None:
        return None
    return {"stream": _STREAMS[match.group(1)], "flush": True, "api": f"{match.group(1)}.sync = true", "lang": LANG}


_ENV_BRANCH_COND = re.compile(
    r"Rails\.env\.(production|staging|development|test|local)\?|Rails\.env\s*==|RAILS_ENV|RACK_ENV|"
    r"APP_ENV|\b(production|development)\?"
)
_BRANCH_VALUE = re.compile(
    r"""['"]((?:postgres(?:ql)?|mysql2?|sqlite3?|redis|mongodb|amqp)://[^'"]*|[\w.-]+\.(?:internal|local|com|net|io)\b[^'"]*)['"]"""
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
                ("sqlite", r"sqlite"),
                ("postgresql", r"postgres"),
                ("mysql", r"mysql"),
                ("redis", r"redis://"),
            )
            if re.search(p, body, re.I)
        }
    )
    storage = sorted(
        {w for w in ("s3", "local", "disk", "amazon", "google", "azure") if re.search(rf"[:'\"]{w}\b", body, re.I)}
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


def _schema_migration(node: Any, ctx: Context) -> dict[str, Any] | None:
    """Migration code: `Sequel.migration do`, sinatra-sequel's `migration "create users" do`,
    `create_table :users do`, `alter_table`, `add_column`, `class X < ActiveRecord::Migration[7.1]`."""
    if node.kind() == "class":
        superclass = node.field("superclass")
        if superclass is None or not re.search(r"ActiveRecord::Migration|Sequel::Migration", superclass.text()):
            return None
        return {"api": "ActiveRecord::Migration", "lang": LANG}
    method = node.field("method")
    name = method.text() if method is not None else ""
    if name == "migration":
        receiver = node.field("receiver")
        if receiver is not None and receiver.text() != "Sequel":
            return None
        if receiver is None and not re.match(r"migration\s*\(?\s*['\"]", node.text()):
            return None  # sinatra-sequel names each migration
        return {"api": "Sequel.migration" if receiver is not None else "migration", "lang": LANG}
    return {"api": name, "lang": LANG}


def _method_rule(regex: str) -> dict[str, Any]:
    """Calls whose method name matches *regex* (filtered by ast-grep, not in Python)."""
    return {"rule": {"kind": "call", "has": {"field": "method", "regex": regex}}}


_TABLE: tuple[Spec, ...] = (
    Spec(
        "env.read",
        ("ENV",),
        {
            "rule": {
                "any": [
                    {"kind": "element_reference", "regex": r"^(::)?ENV\s*\["},
                    {"kind": "call", "regex": r"^(::)?ENV\s*\.\s*(fetch|key\?|include\?)"},
                ]
            }
        },
        _env_read,
    ),
    Spec("import", ("require",), {"rule": {"kind": "call", "regex": r"^require(_relative)?\b"}}, _import),
    Spec(
        "config.assign",
        ("config.",),
        {"rule": {"any": [{"kind": "assignment", "regex": r"config\."}, {"kind": "binary", "regex": r"config\."}]}},
        _config_assign,
    ),
    Spec(
        "config.assign",
        ("workers", "threads", "pidfile", "environment", "worker_timeout", "worker_processes", "timeout", "pid"),
        _method_rule(
            r"^(workers|threads|pidfile|environment|worker_timeout|worker_processes|timeout|preload_app|pid|state_path)$"
        ),
        _server_setting,
    ),
    Spec(
        "process.loop",
        ("loop", "while", "until"),
        {
            "rule": {
                "any": [
                    {"kind": "call", "has": {"field": "method", "regex": "^loop$"}},
                    {"kind": "while"},
                    {"kind": "until"},
                ]
            }
        },
        _top_loop,
        gate=re.compile(r"(?m)^(?:loop\s+(?:do|\{)|while\s+(?:true|1)\b|until\s+(?:false|nil)\b)"),
    ),
    Spec(
        "log.handler",
        ("Logger", "TaggedLogging.logger", "add_appender"),
        {"rule": {"kind": "call", "regex": r"Logger|TaggedLogging\.logger|add_appender"}},
        _log_handler,
    ),
    Spec(
        "log.handler",
        ("stdout_redirect", "stdout_path", "stderr_path"),
        _method_rule(r"^(stdout_redirect|stdout_path|stderr_path)$"),
        _redirect,
    ),
    Spec(
        "server.run",
        ("port", "bind", "listen", "set ", "Handler", "run!"),
        _method_rule(r"^(port|bind|listen|set|run!?)$"),
        _server_dsl,
    ),
    Spec(
        "client",
        (
            "Redis",
            "PG",
            "Mysql2",
            "Trilogy",
            "SQLite3",
            "Sequel",
            "establish_connection",
            "Mongo",
            "Bunny",
            "Dalli",
            "Elasticsearch",
            "OpenSearch",
            "Aws::S3",
            "Fog::Storage",
            "Kafka",
            "Rdkafka",
            "SMTP",
        ),
        {
            "rule": {
                "kind": "call",
                "has": {"field": "method", "regex": r"^(new|connect|open|establish_connection|config)$"},
            }
        },
        _client,
    ),
    Spec("client", ("database", "Sequel.sqlite"), _method_rule(r"^(set|sqlite)$"), _embedded_database),
    Spec(
        "state.embedded_store",
        ("PStore", "YAML::Store", "Psych::Store", "Daybreak"),
        {
            "rule": {
                "kind": "call",
                "all": [
                    {"has": {"field": "method", "regex": r"^new$"}},
                    {"has": {"field": "receiver", "regex": r"(PStore|YAML::Store|Psych::Store|Daybreak::DB)$"}},
                ],
            }
        },
        _embedded_store,
    ),
    Spec("client", ("Sidekiq",), {"rule": {"kind": "assignment", "regex": r"\.redis\s*="}}, _sidekiq_redis),
    Spec("client", ("smtp_settings",), {"rule": {"kind": "assignment", "regex": r"smtp_settings\s*="}}, _smtp_settings),
    Spec(
        "process.spawn",
        (
            "system",
            "exec",
            "spawn",
            "Open3",
            "popen",
            "`",
            "%x",
            "MiniMagick",
            "WickedPdf",
            "PDFKit",
            "IMGKit",
            "FFMPEG",
            "Docsplit",
        ),
        {
            "rule": {
                "any": [
                    {"kind": "subshell"},
                    {
                        "kind": "call",
                        "has": {
                            "field": "method",
                            "regex": r"^(system|exec|spawn|capture2e?|capture3|popen[23]?e?|pipeline\w*)$",
                        },
                    },
                    {
                        "kind": "call",
                        "has": {"field": "receiver", "regex": r"MiniMagick|WickedPdf|PDFKit|IMGKit|FFMPEG|Docsplit"},
                    },
                ]
            }
        },
        _spawn,
    ),
    Spec(
        "scheduler",
        ("Rufus", "Thread.", "TimerTask", "ScheduledTask"),
        {"rule": {"kind": "call", "regex": r"Rufus|Thread|TimerTask|ScheduledTask"}},
        _scheduler,
    ),
    Spec(
        "signal.handler", ("trap",), {"rule": {"kind": "call", "has": {"field": "method", "regex": "^trap$"}}}, _signal
    ),
    Spec(
        "shutdown.hook",
        ("on_worker_shutdown", "on_stopped", "on_restart", "Sidekiq"),
        _method_rule(r"^(on_worker_shutdown|on_stopped|on_restart|on)$"),
        _shutdown,
    ),
    Spec(
        "session.store",
        ("session_store", "Rack::Session", "ActionDispatch::Session", "sessions"),
        _method_rule(r"^(session_store|use|enable|set)$"),
        _session,
    ),
    Spec(
        "cli.command",
        ("task",),
        {"rule": {"kind": "call", "has": {"field": "method", "regex": "^(multi)?task$"}}},
        _rake_task,
    ),
    Spec(
        "schema.migration",
        ("migration", "create_table", "alter_table", "add_column", "Migration"),
        {
            "rule": {
                "any": [
                    {
                        "kind": "call",
                        "has": {
                            "field": "method",
                            "regex": r"^(migration|create_table|alter_table|add_column|"
                            r"create_join_table)$",
                        },
                    },
                    {"kind": "class", "has": {"field": "superclass", "regex": r"Migration"}},
                ]
            }
        },
        _schema_migration,
        once=True,
    ),
    Spec(
        "web.app",
        ("Rails::Application", "Sinatra", "Roda", "Hanami::App", "Grape::API", "sinatra"),
        {"rule": {"any": [{"kind": "class"}, {"kind": "call", "regex": r"^require\b"}]}},
        _web_app,
    ),
    Spec(
        "web.app",
        ("get", "post", "put", "patch", "delete"),
        _method_rule(r"^(get|post|put|patch|delete|options)$"),
        _classic_route,
        once=True,
    ),
    Spec(
        "process.daemon",
        ("daemonize", "Process.daemon"),
        {
            "rule": {
                "any": [
                    {"kind": "call", "has": {"field": "method", "regex": "^(daemon|daemonize)$"}},
                    {"kind": "identifier", "regex": "^daemonize$"},
                ]
            }
        },
        _daemon,
    ),
    Spec(
        "process.pidfile",
        ("pidfile", "pid ", "Process.pid", "$$"),
        _method_rule(r"^(pidfile|pid|write|open)$"),
        _pidfile,
    ),
    Spec(
        "file.write",
        ("File.", "IO.", "FileUtils."),
        {"rule": {"kind": "call", "regex": r"^(::)?(File|IO|FileUtils)\."}},
        _file_write,
    ),
    Spec(
        "log.print",
        ("puts", "print", "warn", "pp", "p "),
        _method_rule(r"^(puts|print|p|pp|warn|printf|write)$"),
        _print,
        once=True,
    ),
    Spec("log.print", (".sync",), {"rule": {"kind": "assignment", "regex": r"\.sync\s*="}}, _sync),
    Spec(
        "env.branch",
        ("Rails.env", "RAILS_ENV", "RACK_ENV", "APP_ENV", "production?", "development?"),
        {"rule": {"any": [{"kind": "if"}, {"kind": "unless"}, {"kind": "elsif"}]}},
        _env_branch,
    ),
)


def _global_state(ctx: Context) -> list[Fact]:
    """Global (`$cache`) and class variables (`@@cache`) written inside methods."""
    facts: list[Fact] = []
    reported: set[str] = set()
    rule = {
        "rule": {
            "any": [
                {
                    "kind": "assignment",
                    "has": {
                        "field": "left",
                        "kind": "element_reference",
                        "has": {"field": "object", "any": [{"kind": "global_variable"}, {"kind": "class_variable"}]},
                    },
                },
                {
                    "kind": "binary",
                    "has": {"field": "left", "any": [{"kind": "global_variable"}, {"kind": "class_variable"}]},
                    "regex": r"^\S+\s*<<",
                },
                {
                    "kind": "call",
                    "has": {"field": "receiver", "any": [{"kind": "global_variable"}, {"kind": "class_variable"}]},
                    "regex": r"\.(push|merge!|store|delete|update|clear|append|\[\]=)\b",
                },
            ],
            "inside": {"any": [{"kind": "method"}, {"kind": "singleton_method"}], "stopBy": "end"},
        }
    }
    for node in ctx.root.find_all(rule):
        match = re.match(r"^(\$\w+|@@\w+)", node.text())
        if match is None or match.group(1) in ("$stdout", "$stderr", "$stdin", "$PROGRAM_NAME", "$0", "$LOAD_PATH"):
            continue
        name = match.group(1)
        if name in reported:
            continue
        reported.add(name)
        declared = re.search(rf"^\s*{re.escape(name)}\s*(\|\|)?=", ctx.source.text, re.M)
        line = ctx.source.text.count("\n", 0, declared.start()) + 1 if declared else line_of(node)
        in_route = "app/controllers/" in ctx.source.path
        facts.append(
            ctx.source.fact("state.global", line_of(node), name=name, declared=line, in_route=in_route, lang=LANG)
        )
    return facts


def extract(source: Source) -> list[Fact]:
    text = source.text
    if not text.strip():
        return []
    post = _global_state if ("$" in text or "@@" in text) and "def " in text else None
    facts = run_table(source, "ruby", _TABLE, post=post, post_kinds=("state.global",)) + random_secrets(source, "ruby")
    return scrubbed(facts, text)  # connection-string passwords the shared redaction does not see in code


__all__ = ["classify", "extract", "literal", "mask_url"]
