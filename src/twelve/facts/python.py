"""Facts from Python source: one table of ast-grep patterns (see facts/code.py).

Fact kinds are shared with the other languages where the rule is the same (``env.read``,
``client``, ``log.handler``, ``server.run``, ...), so rules are written once for all of them.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from twelve.facts.base import Fact, LineCounter, Source
from twelve.facts.code import (
    AnchoredGate,
    AnyGate,
    Context,
    LineGate,
    LineStart,
    NeedleGate,
    Spec,
    call_to,
    line_of,
    named_args,
    pattern,
    run_table,
)
from twelve.facts.randomsecret import random_secrets
from twelve.facts.secrets import grade_value, mask, redact

_ENV_PATTERNS = (
    "os.getenv($$$A)",
    "getenv($$$A)",
    "os.environ.get($$$A)",
    "environ.get($$$A)",
    "os.environ[$K]",
    "environ[$K]",
    "os.environ.setdefault($$$A)",
    "environ.setdefault($$$A)",
    "os.environ.pop($$$A)",
)
_ENV_RULE = pattern(*_ENV_PATTERNS)
_ENV_TEXT = re.compile(r"\b(os\.)?(getenv|environ)\b|\benv(\.[a-z_]+)?\(|\bconfig\(|dj_database_url|BaseSettings")

# --- literals and value sources ------------------------------------------------------------------

_LITERAL_KINDS = frozenset({"string", "concatenated_string", "integer", "float", "true", "false", "none"})


def literal(node: Any) -> tuple[bool, Any]:
    """(True, value) when *node* is a plain literal (no f-string interpolation)."""
    if node is None or node.kind() not in _LITERAL_KINDS:
        if node is not None and node.kind() == "unary_operator":
            try:
                return True, ast.literal_eval(node.text())
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return False, None
        return False, None
    if node.kind() in ("string", "concatenated_string") and node.find(kind="interpolation") is not None:
        return False, None
    try:
        return True, ast.literal_eval(node.text())
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return False, None


def _env_call_data(node: Any) -> dict[str, Any]:
    """name/default of an environment read node (call or subscript)."""
    if node.kind() == "subscript":
        key = node.field("subscript")
        ok, value = literal(key)
        return {"name": value if ok and isinstance(value, str) else None, "has_default": False, "default": None}
    positional, keywords = named_args(node)
    name = None
    if positional:
        ok, value = literal(positional[0])
        name = value if ok and isinstance(value, str) else None
    default_node = positional[1] if len(positional) > 1 else keywords.get("default")
    has_default = default_node is not None
    default = None
    if default_node is not None:
        ok, value = literal(default_node)
        default = str(value) if ok and value is not None else None
    return {"name": name, "has_default": has_default, "default": default}


def _env_bindings(ctx: Context) -> dict[str, dict[str, Any]]:
    """Names assigned (anywhere in the file) from an expression that reads the environment."""
    bindings: dict[str, dict[str, Any]] = {}
    text = ctx.source.text
    if "getenv" not in text and "environ" not in text:
        return bindings  # every pattern of the rule calls or indexes one of them: no tree walk
    for node in ctx.root.find_all(_ENV_RULE):
        data = _env_call_data(node)
        current = node.parent()
        for _ in range(6):
            if current is None:
                break
            if current.kind() == "assignment":
                left = current.field("left")
                if left is not None and left.kind() in ("identifier", "attribute"):
                    bindings.setdefault(left.text(), data)
                break
            if current.kind() in ("expression_statement", "block", "function_definition", "module"):
                break
            current = current.parent()
    return bindings


def classify(node: Any, ctx: Context) -> dict[str, Any]:
    """Where a value comes from: {'source': 'env'|'literal'|'other', ...}."""
    if node is None:
        return {"source": "none"}
    ok, value = literal(node)
    if ok:
        return {"source": "literal", "value": value if not isinstance(value, bytes) else value.decode("latin-1")}
    text = node.text()
    if _ENV_TEXT.search(text):
        inner = node if node.matches(**_ENV_RULE["rule"]) else node.find(_ENV_RULE)
        if inner is not None:
            return {"source": "env", **{("env_" + k): v for k, v in _env_call_data(inner).items()}}
        return {"source": "env", "env_name": None, "env_has_default": False, "env_default": None}
    bindings = ctx.memo("env_bindings", lambda: _env_bindings(ctx))
    if text in bindings:
        return {"source": "env", **{("env_" + k): v for k, v in bindings[text].items()}}
    if node.kind() in ("identifier", "attribute"):
        for name in re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", text):
            if name in bindings:
                return {"source": "env", **{("env_" + k): v for k, v in bindings[name].items()}}
    return {"source": "other", "text": text[:120]}


def _shown(name: str, value: Any) -> Any:
    """A literal as it may appear in a fact: URL passwords and secret values masked."""
    if not isinstance(value, str):
        return value
    if "://" in value:
        return redact(value)
    if grade_value(name, value) and re.search(r"(?i)pass|secret|token|key|credential|pwd", name):
        return mask(value)
    return value


# --- row extractors -------------------------------------------------------------------------------


def _env_read(node: Any, ctx: Context) -> dict[str, Any]:
    data = _env_call_data(node)
    if isinstance(data.get("default"), str) and data.get("name"):
        data["default_grade"] = grade_value(data["name"], data["default"])
        data["default"] = _shown(data["name"], data["default"])
    callee = (
        node.field("function").text() if node.kind() == "call" and node.field("function") else node.text().split("[")[0]
    )
    data["api"] = callee
    data["lang"] = "python"
    return data


def _env_library(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    text = ctx.source.text
    if callee.startswith("dj_database_url."):
        positional, keywords = named_args(node)
        env_node = keywords.get("env")
        name: str | None = "DATABASE_URL"
        if env_node is not None:
            ok, value = literal(env_node)
            name = value if ok else None
        default = None
        if "default" in keywords:
            ok, value = literal(keywords["default"])
            default = _shown("DATABASE_URL", value) if ok and isinstance(value, str) else None
        return {"name": name, "has_default": "default" in keywords, "default": default, "api": callee, "lang": "python"}
    if callee in ("config", "decouple.config") and "decouple" not in text:
        return None
    if (callee == "env" or callee.startswith("env.")) and "environ.Env" not in text and "Env(" not in text:
        return None
    positional, keywords = named_args(node)
    name = None
    if positional:
        ok, value = literal(positional[0])
        name = value if ok and isinstance(value, str) else None
    if name is None and not callee.endswith(("db", "db_url", "cache", "cache_url", "email", "email_url", "search_url")):
        return None
    if name is None:
        name = {
            "db": "DATABASE_URL",
            "db_url": "DATABASE_URL",
            "cache": "CACHE_URL",
            "cache_url": "CACHE_URL",
            "email": "EMAIL_URL",
            "email_url": "EMAIL_URL",
            "search_url": "SEARCH_URL",
        }[callee.rsplit(".", 1)[-1]]
    default_node = keywords.get("default") or (positional[1] if len(positional) > 1 else None)
    default = None
    if default_node is not None:
        ok, value = literal(default_node)
        default = str(value) if ok and value is not None else None
    return {"name": name, "has_default": default_node is not None, "default": default, "api": callee, "lang": "python"}


_CONFIG_NAME = re.compile(
    r"^[A-Z][A-Z0-9_]*$|^(secret_key|debug|bind|workers|threads|worker_class|daemon|pidfile|accesslog|errorlog|"
    r"graceful_timeout|timeout|loglevel|preload_app|reload|broker_url|result_backend|task_acks_late|"
    r"task_reject_on_worker_lost|task_always_eager|database_url|redis_url)$"
)


def _container(node: Any) -> tuple[str, str, str, bool]:
    """(container kind, class name, class bases, in_function) of an assignment node."""
    for anc in node.ancestors():
        kind = anc.kind()
        if kind == "function_definition":
            return "function", "", "", True
        if kind == "class_definition":
            name = anc.field("name")
            bases = anc.field("superclasses")
            return "class", name.text() if name else "", bases.text() if bases else "", False
    return "module", "", "", False


def _flatten_dict(node: Any, prefix: str, ctx: Context, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    for pair in node.children():
        if pair.kind() != "pair":
            continue
        key = pair.field("key")
        value = pair.field("value")
        ok, key_value = literal(key)
        if not ok or value is None:
            continue
        path = f"{prefix}.{key_value}"
        if value.kind() == "dictionary":
            _flatten_dict(value, path, ctx, out, depth + 1)
            continue
        out.append(
            {"_line": line_of(pair), "name": str(key_value), "path": path, **_value_data(str(key_value), value, ctx)}
        )


def _value_data(name: str, value: Any, ctx: Context) -> dict[str, Any]:
    info = classify(value, ctx)
    if info["source"] == "literal":
        raw = info["value"]
        info["value_kind"] = type(raw).__name__
        if isinstance(raw, str):
            info["grade"] = grade_value(name, raw)
        info["value"] = _shown(name, raw)
    elif info["source"] == "env" and isinstance(info.get("env_default"), str):
        info["default_grade"] = grade_value(name, info["env_default"])
        info["env_default"] = _shown(name, info["env_default"])
    return info


def _assignment(node: Any, ctx: Context) -> dict[str, Any] | list[dict[str, Any]] | None:
    left = node.field("left")
    right = node.field("right")
    if left is None:
        return None
    container, cls, bases, in_function = _container(node)
    if in_function:
        return None
    if left.kind() == "identifier":
        name = left.text()
        if container == "module" and not _CONFIG_NAME.match(name):
            return None
        if right is None:  # annotated class attribute without a value (pydantic field)
            if container != "class":
                return None
            return {
                "name": name,
                "path": f"{cls}.{name}",
                "container": container,
                "class": cls,
                "bases": bases,
                "source": "none",
                "annotation": (node.field("type").text() if node.field("type") else ""),
            }
        if right.kind() == "dictionary":
            out: list[dict[str, Any]] = []
            _flatten_dict(right, name, ctx, out)
            for item in out:
                item.update(container="dict", root=name, **({"class": cls} if cls else {}))
            return out or None
        data = {
            "name": name,
            "path": f"{cls}.{name}" if cls else name,
            "container": container,
            **_value_data(name, right, ctx),
        }
        if container == "class" and re.search(r"\bBaseSettings\b", bases) and data["source"] == "literal":
            # a pydantic-settings field reads the environment; its value is only the default
            data.update(
                source="env",
                env_name=name.upper(),
                env_has_default=True,
                env_default=data.pop("value"),
                default_grade=data.pop("grade", None),
            )
            data.pop("value_kind", None)
        if cls:
            data.update({"class": cls, "bases": bases})
        if node.field("type") is not None:
            data["annotation"] = node.field("type").text()
        return data
    if left.kind() == "subscript":  # app.config["KEY"] = value
        obj = left.field("value")
        ok, key = literal(left.field("subscript"))
        if obj is None or not ok or not isinstance(key, str) or not obj.text().endswith("config"):
            return None
        return {"name": key, "path": f"{obj.text()}[{key}]", "container": "config", **_value_data(key, right, ctx)}
    if left.kind() == "attribute":  # app.secret_key = value ; app.config.X = ...
        attr = left.field("attribute")
        if attr is None:
            return None
        name = attr.text()
        if not _CONFIG_NAME.match(name) and name not in ("secret_key", "debug"):
            return None
        return {"name": name, "path": left.text(), "container": "attribute", **_value_data(name, right, ctx)}
    return None


def _config_update(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    positional, keywords = named_args(node)
    out: list[dict[str, Any]] = []
    callee = node.field("function").text()
    for key, value in keywords.items():
        out.append(
            {
                "_line": line_of(value),
                "name": key,
                "path": f"{callee}({key})",
                "container": "config",
                **_value_data(key, value, ctx),
            }
        )
    for arg in positional:
        if arg.kind() == "dictionary":
            flat: list[dict[str, Any]] = []
            _flatten_dict(arg, callee.rsplit(".", 1)[-1], ctx, flat)
            for item in flat:
                item.update(container="dict", root=callee)
            out.extend(flat)
    return out or None


def _option_default(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`parser.addoption("--database-url", default="sqlite:///pytest.db")` in a conftest: a test
    setting named after the option (`DATABASE_URL`) with its default as the value."""
    positional, keywords = named_args(node)
    default = keywords.get("default")
    if default is None or not positional or positional[0].kind() != "string":
        return None
    try:
        option = ast.literal_eval(positional[0].text())
    except (ValueError, SyntaxError):
        return None
    if not isinstance(option, str) or not option.startswith("--"):
        return None
    name = option.lstrip("-").replace("-", "_").upper()
    return {
        "_line": line_of(default),
        "name": name,
        "path": f"addoption({option})",
        "container": "argument",
        "api": "addoption",
        **_value_data(name, default, ctx),
    }


def _config_select(node: Any, ctx: Context) -> dict[str, Any] | None:
    positional, _keywords = named_args(node)
    callee = node.field("function").text()
    target = positional[0] if positional else None
    info = classify(target, ctx) if target is not None else {"source": "none"}
    return {"api": callee.rsplit(".", 1)[-1], **info}


_CLIENTS: tuple[tuple[str, str], ...] = (
    (
        r"psycopg2?\.connect|psycopg\.(Async)?Connection\.connect|(psycopg_pool\.)?(Async)?ConnectionPool|psycopg2\.pool\.\w+ConnectionPool|"
        r"pg8000(\.native)?\.connect|asyncpg\.(connect|create_pool)",
        "postgresql",
    ),
    (r"(mysql\.connector|pymysql|MySQLdb|aiomysql)\.(connect|create_pool)", "mysql"),
    (r"sqlite3\.connect|aiosqlite\.connect", "sqlite"),
    (r"(sqlalchemy\.)?create(_async)?_engine", "sql"),
    (r"(redis\.(asyncio\.)?)?(Strict)?Redis(\.from_url)?|redis\.(asyncio\.)?from_url|aioredis\.from_url", "redis"),
    (r"(pymongo\.)?MongoClient|(motor\.motor_asyncio\.)?AsyncIOMotorClient|mongoengine\.connect", "mongodb"),
    (r"pika\.(ConnectionParameters|URLParameters)|aio_pika\.connect(_robust)?|kombu\.Connection", "amqp"),
    (
        r"(kafka\.)?Kafka(Producer|Consumer)|(aiokafka\.)?AIOKafka(Producer|Consumer)|confluent_kafka\.(Producer|Consumer)",
        "kafka",
    ),
    (r"(smtplib\.)?SMTP(_SSL)?", "smtp"),
    (r"boto3\.(client|resource)|boto3\.session\.Session|aioboto3\.Session", "aws"),
    (r"(elasticsearch\.)?(Async)?Elasticsearch|(opensearchpy\.)?OpenSearch", "elasticsearch"),
    (r"(pymemcache\.client\.(base\.)?)?Client|memcache\.Client|bmemcached\.Client", "memcached"),
    (r"Celery", "celery"),
    (
        r"(google\.cloud\.)?storage\.Client|(azure\.storage\.blob\.)?BlobServiceClient(\.from_connection_string)?",
        "object_storage",
    ),
)
_CLIENT_RULE = call_to("^(" + "|".join(p for p, _ in _CLIENTS) + ")$")
_CLIENT_SERVICE = [(re.compile("^(" + p + ")$"), s) for p, s in _CLIENTS]
_LOCATOR_KEYS = re.compile(
    r"(?i)^(host|hostname|server|port|url|uri|dsn|dbname|database|db|user|username|password|passwd|"
    r"broker|backend|bootstrap_servers|hosts|endpoint_url|connection_string|conninfo|address|unix_socket|path|0|1)$"
)


def _client(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    service = next((s for p, s in _CLIENT_SERVICE if p.match(callee)), None)
    if service is None:
        return None
    if service == "memcached" and "memcache" not in ctx.source.text:
        return None
    if service == "celery" and "celery" not in ctx.source.text.lower():
        return None
    positional, keywords = named_args(node)
    args: list[dict[str, Any]] = []
    # boto3.client("s3"): the first argument names the AWS service, not where it is
    for index, arg in enumerate(positional[:3] if service != "aws" else []):
        args.append({"key": str(index), **_value_data(str(index), arg, ctx)})
    for key, value in keywords.items():
        if _LOCATOR_KEYS.match(key) or (
            service in ("aws", "celery") and key in ("region_name", "broker", "backend", "endpoint_url")
        ):
            args.append({"key": key, **_value_data(key, value, ctx)})
    if service == "sql" and args:
        first = args[0]
        if first.get("source") == "literal" and isinstance(first.get("value"), str):
            service = _sql_service(first["value"])
    return {"service": service, "api": callee, "args": args, "lang": "python"}


def _sql_service(url: str) -> str:
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    return {
        "postgres": "postgresql",
        "postgresql": "postgresql",
        "mysql": "mysql",
        "mariadb": "mysql",
        "sqlite": "sqlite",
        "oracle": "oracle",
        "mssql": "mssql",
    }.get(scheme, "sql")


_HANDLERS = (
    "FileHandler",
    "RotatingFileHandler",
    "TimedRotatingFileHandler",
    "WatchedFileHandler",
    "SysLogHandler",
    "SocketHandler",
    "DatagramHandler",
    "HTTPHandler",
    "SMTPHandler",
    "StreamHandler",
    "NTEventLogHandler",
    "QueueHandler",
    "LogstashHandler",
    "AsynchronousLogstashHandler",
    "FluentHandler",
    "CloudWatchLogHandler",
    "SentryHandler",
    "LogglyHandler",
    "GraylogHandler",
    "GELFUDPHandler",
    "GELFTCPHandler",
    "TCPLogstashHandler",
    "UDPLogstashHandler",
    "LogtailHandler",
    "LokiHandler",
    "LokiQueueHandler",
    "AzureLogHandler",
    "LogzioHandler",
    "SplunkHandler",
    "CloudLoggingHandler",
)
_HANDLER_RULE = call_to(r"^([\w.]+\.)?(" + "|".join(_HANDLERS) + r")$")


def _log_handler(node: Any, ctx: Context) -> dict[str, Any]:
    callee = node.field("function").text()
    handler = callee.rsplit(".", 1)[-1]
    positional, keywords = named_args(node)
    target_node = (
        keywords.get("filename")
        or keywords.get("address")
        or keywords.get("host")
        or keywords.get("stream")
        or (positional[0] if positional else None)
    )
    target = classify(target_node, ctx) if target_node is not None else {"source": "none"}
    rotation = any(k in keywords for k in ("maxBytes", "backupCount", "when", "interval")) or handler.startswith(
        ("Rotating", "TimedRotating")
    )
    stream = None
    if handler == "StreamHandler":
        stream = "stderr"
        if target_node is not None:
            stream = (
                "stdout"
                if "stdout" in target_node.text()
                else ("stderr" if "stderr" in target_node.text() else "other")
            )
    return {
        "handler": handler,
        "api": callee,
        "target": target,
        "rotation": rotation,
        "stream": stream,
        "condition": _guard(node),
        "lang": "python",
    }


def _guard(node: Any) -> str | None:
    """The condition of the nearest `if` around *node* (not the main guard), as written: a handler
    created only when a setting is given (`if os.environ.get("SYSLOG_HOST"):`)."""
    for anc in node.ancestors():
        if anc.kind() in ("if_statement", "elif_clause"):
            cond = anc.field("condition")
            if cond is not None and not ("__name__" in cond.text() and "__main__" in cond.text()):
                return cond.text()[:120]
        if anc.kind() in ("function_definition", "class_definition", "module"):
            return None
    return None


def _basic_config(node: Any, ctx: Context) -> dict[str, Any]:
    _positional, keywords = named_args(node)
    if "filename" in keywords:
        return {
            "handler": "basicConfig(filename)",
            "api": "logging.basicConfig",
            "target": classify(keywords["filename"], ctx),
            "rotation": False,
            "stream": None,
            "lang": "python",
        }
    stream = keywords.get("stream")
    where = (
        "stderr"
        if stream is None
        else ("stdout" if "stdout" in stream.text() else "stderr" if "stderr" in stream.text() else "other")
    )
    return {
        "handler": "basicConfig",
        "api": "logging.basicConfig",
        "target": {"source": "none"},
        "rotation": False,
        "stream": where,
        "lang": "python",
    }


def _loguru_add(node: Any, ctx: Context) -> dict[str, Any] | None:
    if "loguru" not in ctx.source.text:
        return None
    positional, keywords = named_args(node)
    if not positional:
        return None
    target = classify(positional[0], ctx)
    text = positional[0].text()
    if "stdout" in text or "stderr" in text:
        return {
            "handler": "loguru",
            "api": "logger.add",
            "target": {"source": "none"},
            "rotation": False,
            "stream": "stdout" if "stdout" in text else "stderr",
            "lang": "python",
        }
    if target["source"] != "literal":
        return None
    return {
        "handler": "loguru(file)",
        "api": "logger.add",
        "target": target,
        "rotation": any(k in keywords for k in ("rotation", "retention", "compression")),
        "stream": None,
        "lang": "python",
    }


def _main_guard(node: Any) -> bool:
    for anc in node.ancestors():
        if anc.kind() == "if_statement":
            cond = anc.field("condition")
            if cond is not None and "__name__" in cond.text() and "__main__" in cond.text():
                return True
    return False


def _in_function(node: Any) -> bool:
    return any(a.kind() == "function_definition" for a in node.ancestors())


_SERVER_RULE = call_to(
    r"^((app|application|flask_app|server|api|socketio|sio)\.run|uvicorn\.run|waitress\.serve|serve|run_simple|"
    r"(werkzeug\.serving\.)?run_simple|web\.run_app|(wsgiref\.simple_server\.)?make_server|"
    r"(http\.server\.)?(ThreadingHTTPServer|HTTPServer)|hypercorn\.asyncio\.serve|bjoern\.run|"
    r"(gevent\.pywsgi\.)?WSGIServer|cherrypy\.quickstart|(tornado\.)?[\w.]*listen|(aiohttp\.)?(web\.)?TCPSite)$"
)


def _server_run(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    text = ctx.source.text
    if callee == "serve" and "waitress" not in text and "hypercorn" not in text:
        return None
    if callee.endswith("listen") and "tornado" not in text:
        return None
    if (
        callee.endswith(".run")
        and not callee.startswith(("uvicorn", "bjoern"))
        and not re.search(r"\b(Flask|Quart|SocketIO|Sanic|FastAPI|Bottle|Starlette)\(", text)
    ):
        return None
    if callee.endswith("TCPSite") and "aiohttp" not in text:
        return None
    positional, keywords = named_args(node)
    host = keywords.get("host")
    port = keywords.get("port")
    if callee.endswith("TCPSite"):  # `web.TCPSite(runner, "0.0.0.0", 8080)`: aiohttp's low-level server
        callee = "web.TCPSite"
        host = host if host is not None else (positional[1] if len(positional) > 1 else None)
        port = port if port is not None else (positional[2] if len(positional) > 2 else None)
    if callee.endswith(("make_server", "HTTPServer", "WSGIServer")) and positional:
        first = positional[0]
        if first.kind() == "tuple":
            parts = [c for c in first.children() if c.is_named()]
            host = parts[0] if parts else None
            port = parts[1] if len(parts) > 1 else None
        elif callee.endswith("make_server") and len(positional) > 1:
            host, port = positional[0], positional[1]
    elif callee.endswith(("run_simple",)) and len(positional) > 1:
        host, port = positional[0], positional[1]
    listen = keywords.get("listen")
    data = {
        "api": callee,
        "host": classify(host, ctx) if host is not None else {"source": "default"},
        "port": classify(port, ctx) if port is not None else {"source": "default"},
        "debug": classify(keywords["debug"], ctx) if "debug" in keywords else {"source": "default"},
        "reload": classify(keywords["reload"], ctx) if "reload" in keywords else {"source": "default"},
        "main_guard": _main_guard(node),
        "lang": "python",
    }
    if listen is not None:
        data["listen"] = classify(listen, ctx)
    workers = keywords.get("workers")
    if workers is not None:
        data["workers"] = classify(workers, ctx)
    return data


_SUBPROCESS_RULE = call_to(
    r"^(subprocess\.(run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|os\.(system|popen|"
    r"exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)|asyncio\.create_subprocess_(exec|shell)|pexpect\.(spawn|run)|"
    r"(check_output|check_call|Popen|getoutput))$"
)


def _program_of(node: Any) -> str | None:
    if node is None:
        return None
    if node.kind() == "list":
        items = [c for c in node.children() if c.is_named()]
        if not items:
            return None
        ok, value = literal(items[0])
        return value.rsplit("/", 1)[-1] if ok and isinstance(value, str) and value else None
    ok, value = literal(node)
    if ok and isinstance(value, str) and value.strip():
        word = value.strip().split()[0]
        return word.rsplit("/", 1)[-1]
    return None


def _subprocess(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    if "." not in callee and "subprocess" not in ctx.source.text:
        return None
    positional, keywords = named_args(node)
    program = None
    if callee.startswith("os.exec") or callee.startswith("os.spawn"):
        program = _program_of(
            positional[1]
            if callee.startswith("os.spawn") and len(positional) > 1
            else (positional[0] if positional else None)
        )
    else:
        program = _program_of(positional[0] if positional else keywords.get("args"))
    shell = ("shell" in keywords and keywords["shell"].text() == "True") or callee in ("os.system", "os.popen")
    return {"api": callee, "program": program, "shell": shell, "lang": "python"}


_SCHEDULER_RULE = call_to(
    r"^((apscheduler\.schedulers\.\w+\.)?(Background|AsyncIO|Gevent|Tornado|Twisted|Qt)Scheduler|"
    r"APScheduler|schedule\.every|(threading\.)?Timer|sched\.scheduler|Rocketry|crontab\.CronTab|"
    r"(threading\.)?Thread)$"
)
_WEB_APP = re.compile(
    r"\b(Flask|Quart|FastAPI|Starlette|Sanic|Bottle)\(|get_wsgi_application|get_asgi_application|\bweb\.Application\(|create_app\b|falcon\.(App|API)\("
)


def _scheduler(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    text = ctx.source.text
    name = callee.rsplit(".", 1)[-1]
    if name == "Thread":
        _positional, keywords = named_args(node)
        # only long-lived background loops: daemon threads started outside a request
        if "daemon" not in keywords or keywords["daemon"].text() != "True":
            return None
    if name in ("Timer", "Thread") and _in_route(node):
        return None
    return {
        "api": callee,
        "web_app_in_file": bool(_WEB_APP.search(text)),
        "started": ".start(" in text or "run_pending" in text,
        "lang": "python",
    }


_ROUTE_DECORATOR = re.compile(r"\.(route|get|post|put|patch|delete|api_route|websocket)\(|api_view|action\(")


def _in_route(node: Any) -> bool:
    for anc in node.ancestors():
        if anc.kind() == "decorated_definition":
            for child in anc.children():
                if child.kind() == "decorator" and _ROUTE_DECORATOR.search(child.text()):
                    return True
    return False


def _signal_names(node: Any) -> list[str]:
    """The signals an argument names: `signal.SIGTERM`, `SIGTERM`, `signal.Signals.SIGTERM`, or the
    items of the tuple or list the enclosing `for` walks (`for sig in (signal.SIGTERM, signal.SIGINT):`)."""
    text = node.text()
    if node.kind() == "identifier":
        for anc in node.ancestors():
            if anc.kind() == "for_statement" and (left := anc.field("left")) is not None and left.text() == text:
                right = anc.field("right")
                if right is not None and right.kind() in ("tuple", "list", "set"):
                    return [c.text().rsplit(".", 1)[-1] for c in right.children() if c.is_named()]
                break
    return [text.rsplit(".", 1)[-1]]


def _signal(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    """`signal.signal(SIGTERM, handler)` and asyncio's `loop.add_signal_handler(SIGTERM, stop.set)`,
    one fact per signal (a `for` over several signals included)."""
    positional, _keywords = named_args(node)
    if len(positional) < 2:
        return None
    callee = node.field("function").text()
    api = "loop.add_signal_handler" if callee.endswith("add_signal_handler") else "signal.signal"
    handler = positional[1].text()
    exits = False
    if positional[1].kind() == "identifier":
        func = ctx.root.find(
            {"rule": {"kind": "function_definition", "has": {"field": "name", "regex": "^" + re.escape(handler) + "$"}}}
        )
        if func is not None:
            body = func.text()
            drains = re.search(
                r"shutdown|close|stop|drain|graceful|join|cancel|set\(\)|should_exit|running\s*=\s*False", body
            )
            exits = bool(re.search(r"\b(os\._exit|sys\.exit|exit|quit)\(", body)) and not drains
    elif positional[1].kind() == "lambda":
        exits = bool(re.search(r"\b(os\._exit|sys\.exit|exit)\(", handler))
    shown = handler.rsplit(".", 1)[-1] if handler.startswith("signal.") else handler
    return [
        {"signal": sig, "handler": shown, "api": api, "exits_immediately": exits, "lang": "python"}
        for sig in _signal_names(positional[0])
    ]


def _shutdown_hook(node: Any, ctx: Context) -> dict[str, Any] | None:
    text = node.text()
    if node.kind() == "call":
        callee = node.field("function").text()
        if callee.endswith(("FastAPI", "Starlette", "Quart")):
            _positional, keywords = named_args(node)
            if "lifespan" in keywords or "on_shutdown" in keywords:
                return {"api": callee + "(lifespan)", "lang": "python"}
            return None
        if callee.endswith("on_event"):
            if "shutdown" in text:
                return {"api": "on_event('shutdown')", "lang": "python"}
            return None
        if callee.endswith("atexit.register"):
            return {"api": "atexit.register", "lang": "python"}
        if callee.endswith(("teardown_appcontext", "on_shutdown.append", "after_serving")):
            return {"api": callee, "lang": "python"}
    return None


# --- long-running loops outside a server (how such a process stops is the code's own affair) ---------

#: what makes a function run for ever: a loop with no end (or ended by a flag), a wait nothing in the
#: function ends, a bot or an event loop started and awaited
_FOREVER = re.compile(
    r"\bwhile\s+(?:True|1|not\s+[\w.]+(?:\(\))?|[\w.]*(?:running|alive|active|keep_going|should_run))\s*:|"
    r"\brun_forever\(|\bserve_forever\(|\brun_until_disconnected\(|"
    r"\bawait\s+[\w.]+\.(?:start|start_polling|idle|wait_closed|serve_forever)\(|"
    r"\bawait\s+[\w.]+(?:\(\))?\.wait\(\)|\bawait\s+asyncio\.Future\(\)"
)
_MAIN_GUARD = re.compile(
    r"(?m)^if\s+__name__\s*==\s*['\"]__main__['\"]\s*:|^if\s+['\"]__main__['\"]\s*==\s*__name__\s*:"
)
_LOCAL_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
#: chat-bot libraries whose `client.run(token)` runs the bot's loop until the process dies (discord.py
#: and its forks close on SIGINT only), and the calls of those that stop gracefully on SIGTERM by
#: themselves (python-telegram-bot's `run_polling`, aiogram 3's `start_polling`, hikari's `run`)
_BOT_LIBRARIES = NeedleGate(
    r"(?m)^\s*(?:import|from)\s+(discord|nextcord|disnake|interactions|telethon|pyrogram|aiogram|"
    r"telegram|hikari|slack_bolt|twitchio)\b",
    ("discord", "nextcord", "disnake", "interactions", "telethon", "pyrogram", "aiogram", "telegram", "hikari")
    + ("slack_bolt", "twitchio"),
)
_GRACEFUL_RUNNERS = {
    "telegram": ("run_polling", "run_webhook", "idle"),
    "aiogram": ("start_polling", "run_polling"),
    "hikari": ("run",),
}


def _functions(ctx: Context) -> dict[str, Any]:
    """The file's functions by name (the last definition wins, as at run time)."""

    def compute() -> dict[str, Any]:
        found: dict[str, Any] = {}
        for func in ctx.root.find_all(kind="function_definition"):
            name = func.field("name")
            if name is not None:
                found[name.text()] = func
        return found

    return ctx.memo("functions", compute)


def _runs_forever(ctx: Context, name: str, depth: int = 2) -> bool:
    """Whether the file's function *name* runs for ever, itself or through the file's functions it
    calls (up to *depth* calls deep)."""
    func = _functions(ctx).get(name)
    if func is None:
        return False
    body = func.text()
    if _FOREVER.search(body):
        return True
    if depth <= 0:
        return False
    called = {m.group(1) for m in _LOCAL_CALL.finditer(body)} - {name}
    return any(_runs_forever(ctx, other, depth - 1) for other in sorted(called) if other in _functions(ctx))


def _is_script(node: Any, ctx: Context) -> bool:
    """Whether the file runs as a program: it has a main guard, is a `__main__.py`, or *node* is at its top level."""
    return (
        bool(_MAIN_GUARD.search(ctx.source.text)) or ctx.source.path.endswith("__main__.py") or not _in_function(node)
    )


def _bot_library(ctx: Context) -> str | None:
    found = _BOT_LIBRARIES.search(ctx.source.text)
    return found.group(1) if found else None


def _event_loop(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`asyncio.run(main())`, `loop.run_until_complete(main())`, `anyio.run(main)` when the coroutine
    runs for ever; `loop.run_forever()`."""
    callee = node.field("function").text()
    if callee.endswith("run_forever"):
        return {"api": callee + "()", "main": _is_script(node, ctx), "lang": "python"}
    positional, _ = named_args(node)
    if not positional:
        return None
    first = positional[0]
    target = first.field("function") if first.kind() == "call" else first if first.kind() == "identifier" else None
    if target is None or target.kind() != "identifier" or not _runs_forever(ctx, target.text()):
        return None
    return {
        "api": f"{callee}({first.text()[:60]})",
        "target": target.text(),
        "main": _is_script(node, ctx),
        "lang": "python",
    }


def _bot_run(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A chat bot's blocking runner: `bot.run(token)` (discord.py and its forks), Telethon's
    `run_until_disconnected()`, aiogram 2's `executor.start_polling(dp)`; the runners that stop
    gracefully on SIGTERM are shutdown hooks (python-telegram-bot, aiogram 3, hikari)."""
    library = _bot_library(ctx)
    if library is None:
        return None
    callee = node.field("function").text()
    method = callee.rsplit(".", 1)[-1]
    if callee.startswith(("asyncio.", "anyio.", "trio.", "uvicorn.", "subprocess.")):
        return None  # event loops are _event_loop's; servers and programs are not bots
    if method in _GRACEFUL_RUNNERS.get(library, ()) and not callee.startswith("executor."):
        return {"_kind": "shutdown.hook", "api": f"{callee}() ({library}, stops on SIGTERM)", "lang": "python"}
    positional, _ = named_args(node)
    if (
        (method == "run" and library not in _GRACEFUL_RUNNERS and positional)
        or method == "run_until_disconnected"
        or callee == "executor.start_polling"
    ):
        return {"api": f"{callee}(…)" if positional else f"{callee}()", "main": _is_script(node, ctx), "lang": "python"}
    return None


def _main_block(node: Any, ctx: Context) -> list[dict[str, Any]] | None:
    """The main guard's own loop: `while True:` in it, or a call in it of the file's function that
    runs for ever (`if __name__ == "__main__": main()` with `main` looping)."""
    cond = node.field("condition")
    if cond is None or "__name__" not in cond.text() or "__main__" not in cond.text() or _in_function(node):
        return None
    block = node.field("consequence")
    if block is None:
        return None
    found: list[dict[str, Any]] = []
    for statement in block.children():
        if statement.kind() == "while_statement" and _FOREVER.match(statement.text()):
            found.append(
                {
                    "api": statement.text().split("\n", 1)[0][:60],
                    "main": True,
                    "lang": "python",
                    "_line": line_of(statement),
                }
            )
        elif statement.kind() == "expression_statement":
            call = statement.children()[0] if statement.children() else None
            function = call.field("function") if call is not None and call.kind() == "call" else None
            if function is not None and function.kind() == "identifier" and _runs_forever(ctx, function.text()):
                found.append(
                    {
                        "api": f"{function.text()}()",
                        "target": function.text(),
                        "main": True,
                        "lang": "python",
                        "_line": line_of(statement),
                    }
                )
    return found or None


def _top_loop(node: Any, ctx: Context) -> dict[str, Any] | None:
    """`while True:` at the top level of a module (a script's loop)."""
    parent = node.parent()
    if parent is None or parent.kind() != "module" or not _FOREVER.match(node.text()):
        return None
    return {"api": node.text().split("\n", 1)[0][:60], "main": True, "lang": "python"}


_WRITE_MODE = re.compile(r"[wax+]")


def _file_write(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    positional, keywords = named_args(node)
    if callee in ("open", "io.open", "codecs.open", "aiofiles.open"):
        mode_node = keywords.get("mode") or (positional[1] if len(positional) > 1 else None)
        ok, mode = literal(mode_node) if mode_node is not None else (True, "r")
        if not ok or not isinstance(mode, str) or not _WRITE_MODE.search(mode):
            return None
        target = positional[0] if positional else keywords.get("file")
    elif callee.endswith((".write_text", ".write_bytes")):
        obj = node.field("function").field("object")
        target = obj
    elif callee.endswith(".save"):
        obj = node.field("function").field("object")
        if obj is None:
            return None
        source = ctx.source.text
        if not ctx.memo(
            "py.uploads", lambda: "request.files" in source or "UploadFile" in source or "FileStorage" in source
        ):
            return None  # no upload in this file: `.save()` is a model's or a form's (checked first: it is cheap)
        otext = obj.text()
        from_request = "request.files" in otext or (
            "request.files" in source  # the assignment below holds it; searched once per file and name
            and ctx.memo(
                f"py.from_request:{otext}",
                lambda: bool(re.search(rf"\b{re.escape(otext)}\s*=\s*request\.files\b", source)),
            )
        )
        if not (
            from_request
            or re.search(r"\b(file|upload|uploaded|f|image|photo|picture|avatar|attachment|doc)\w*$", otext)
        ):
            return None
        target = positional[0] if positional else None
        if target is None:
            return None
    else:
        return None
    text = target.text() if target is not None else ""
    info = classify(target, ctx) if target is not None else {"source": "none"}
    tmp = bool(re.search(r"tmp|temp|mkstemp|NamedTemporaryFile|gettempdir|/dev/(null|stdout|stderr)", text, re.I))
    upload = callee.endswith(".save") or bool(re.search(r"upload|media|filename", text, re.I))
    return {
        "api": callee,
        "target": info,
        "tmp": tmp,
        "upload": upload,
        "in_route": _in_route(node),
        "in_function": _in_function(node),
        "lang": "python",
    }


# --- datastores kept in files on the process's disk ------------------------------------------------------

#: embedded database libraries of Python, by the call that opens one (SQLite is a `client`)
_EMBEDDED_LIBRARIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^shelve\.open$"), "shelve"),
    (re.compile(r"^(dbm(\.\w+)?|anydbm|gdbm|semidbm)\.open$"), "dbm"),
    (re.compile(r"^(tinydb\.)?TinyDB$"), "tinydb"),
    (re.compile(r"^pickledb\.load$"), "pickledb"),
    (re.compile(r"^plyvel\.DB$"), "leveldb"),
    (re.compile(r"^lmdb\.open$"), "lmdb"),
    (re.compile(r"^(sqlitedict\.)?SqliteDict$"), "sqlitedict"),
    (re.compile(r"^(ZODB\.)?FileStorage(\.FileStorage)?$"), "zodb"),
)
_EMBEDDED_RULE = call_to(
    r"^(shelve\.open|(dbm(\.\w+)?|anydbm|gdbm|semidbm)\.open|(tinydb\.)?TinyDB|pickledb\.load|plyvel\.DB|"
    r"lmdb\.open|(sqlitedict\.)?SqliteDict|(ZODB\.)?FileStorage(\.FileStorage)?)$"
)


def _embedded_library(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    library = next((name for pattern, name in _EMBEDDED_LIBRARIES if pattern.match(callee)), None)
    if library is None or (library == "tinydb" and "tinydb" not in ctx.source.text.lower()):
        return None
    positional, keywords = named_args(node)
    target = positional[0] if positional else keywords.get("filename") or keywords.get("path") or keywords.get("file")
    info = classify(target, ctx) if target is not None else {"source": "none"}
    if (target is not None and re.search(r":memory:|MemoryStorage", target.text())) or "MemoryStorage" in node.text():
        return None
    return {"library": library, "api": callee, "target": info, "in_function": _in_function(node), "lang": "python"}


#: loads of a whole file (the file is read back), and the calls that write a file whole or move one onto a path
_LOADERS = re.compile(r"^(json|yaml|pickle|toml|tomllib|marshal|ujson|orjson|simplejson)\.(safe_)?loads?$")
_READ_OPEN = re.compile(r"^(open|io\.open|codecs\.open|aiofiles\.open)$")
_MOVES = re.compile(r"^(os\.replace|os\.rename|shutil\.move|[\w.()\[\]'\"]+\.(replace|rename))$")
_STORE_GATE = NeedleGate(
    r"(?s)\A(?=.*\b(?:json|yaml|pickle|toml|tomllib|marshal|ujson|orjson|simplejson)\.(?:safe_)?load\b|.*\.read_(?:text|bytes)\()"
    r"(?=.*(?:os\.replace|os\.rename|shutil\.move|\.dump\(|\.write_(?:text|bytes)\(|open\([^)]*['\"][wax]))",
    ("load", ".read_"),  # what the first lookahead needs
    ("os.re", "shutil.move", ".dump(", ".write_", "open("),  # and the second
)
_TMP_NAME = re.compile(r"(?i)tmp|temp")


def _path_key(node: Any) -> str:
    """The text naming a path, without `self.`/`cls.` (an attribute set from the same parameter)."""
    return re.sub(r"^(self|cls)\.", "", re.sub(r"\s+", "", node.text()))


def _owner_scope(node: Any) -> tuple[int, int]:
    """Where a name means the same thing: the enclosing class, else function, else the module."""
    function = None
    for ancestor in node.ancestors():
        if ancestor.kind() == "class_definition":
            return ancestor.range().start.index, ancestor.range().end.index
        if function is None and ancestor.kind() == "function_definition":
            function = ancestor
    if function is not None:
        return function.range().start.index, function.range().end.index
    return 0, 0


def _shared_path(key: str) -> bool:
    """A path named the same way everywhere in a module: a string or a module-level constant."""
    return key[:1] in "'\"" or bool(re.fullmatch(r"[A-Z][A-Z0-9_]*", key))


def _open_mode(call: Any) -> tuple[Any, str | None]:
    positional, keywords = named_args(call)
    target = positional[0] if positional else keywords.get("file")
    mode_node = keywords.get("mode") or (positional[1] if len(positional) > 1 else None)
    ok, mode = literal(mode_node) if mode_node is not None else (True, "r")
    return target, mode if ok and isinstance(mode, str) else None


def _parameter_default(ctx: Context, name: str) -> str | None:
    """The literal default of a parameter called *name* (`def __init__(self, path="data/prefs.json")`)."""
    match = re.search(rf"\b{re.escape(name)}\s*(?::\s*[\w\[\]., |]+)?=\s*(['\"])([^'\"\n]+)\1", ctx.source.text)
    return match.group(2) if match else None


def _file_stores(ctx: Context) -> list[Fact]:
    """Files the module loads whole and writes back at the same path: directly (`open(p, "w")`,
    `p.write_text`) or through a temporary file moved onto it (`os.replace(tmp, p)`)."""
    if not _STORE_GATE.search(ctx.source.text):
        return []
    root = ctx.root
    reads: dict[str, list[Any]] = {}
    for call in root.find_all(kind="call"):
        function = call.field("function")
        callee = function.text() if function is not None else ""
        target = None
        if _READ_OPEN.match(callee):
            target, mode = _open_mode(call)
            if mode is None or re.search(r"[wax+]", mode):
                target = None
        elif callee.endswith((".read_text", ".read_bytes")) and function is not None:
            target = function.field("object")
        elif _LOADERS.match(callee):
            inner = next(iter(named_args(call)[0]), None)
            if inner is not None and inner.kind() == "call" and _READ_OPEN.match(inner.field("function").text()):
                target = _open_mode(inner)[0]
        if target is not None and not _TMP_NAME.search(target.text()):
            reads.setdefault(_path_key(target), []).append(target)
    if not reads:
        return []
    facts: list[Fact] = []
    seen: set[str] = set()
    for call in root.find_all(kind="call"):
        function = call.field("function")
        callee = function.text() if function is not None else ""
        positional = named_args(call)[0]
        renamed = False
        if _READ_OPEN.match(callee):
            target, mode = _open_mode(call)
            if mode is None or not re.search(r"[wa+]", mode):
                continue
            api = f"{callee}({mode!r})"
        elif callee.endswith((".write_text", ".write_bytes")) and function is not None:
            target, api = function.field("object"), callee.rsplit(".", 1)[-1]
        elif _MOVES.match(callee):
            if callee.startswith(("os.", "shutil.")):
                target = positional[1] if len(positional) > 1 else None
            else:
                target = positional[0] if positional else None  # Path(tmp).replace(path)
            api, renamed = callee if callee.startswith(("os.", "shutil.")) else callee.rsplit(".", 1)[-1], True
        else:
            continue
        if target is None:
            continue
        key = _path_key(target)
        where = _owner_scope(call)
        read = next((r for r in reads.get(key, []) if _shared_path(key) or _owner_scope(r) == where), None)
        if read is None or key in seen:
            continue
        seen.add(key)
        info = classify(target, ctx)
        if info.get("source") == "other":
            default = _parameter_default(ctx, key.rsplit(".", 1)[-1])
            if default is not None:
                info = {"source": "literal", "value": default}
        facts.append(
            ctx.source.fact(
                "state.embedded_store",
                line_of(call),
                library="file",
                api=api,
                target=info,
                read_line=line_of(read),
                renamed=renamed,
                in_function=_in_function(call),
                lang="python",
            )
        )
    return facts


#: loaders that read a whole data file back into memory, by the format they read
_CLASS_LOADERS = (
    ("json", re.compile(r"\bjson\.load\(|\borjson\.loads\(|\bujson\.load\(")),
    ("pickle", re.compile(r"\b(pickle|cPickle|dill|joblib)\.load\(")),
    ("yaml", re.compile(r"\byaml\.(safe_)?load\(")),
    ("toml", re.compile(r"\b(toml|tomllib|tomli)\.load\(")),
    ("csv", re.compile(r"\bcsv\.(reader|DictReader)\(")),
)
_CLASS_STORE_GATE = NeedleGate(
    r"\b(json|orjson|ujson|pickle|cPickle|dill|joblib|yaml|toml|tomllib|tomli|csv)\.(safe_)?(load|loads|reader|DictReader)\(",
    (".load", ".reader(", ".DictReader(", ".safe_"),
)
_CLASS_MOVES = frozenset({"os.replace", "os.rename", "shutil.move"})


def _file_store(node: Any, ctx: Context) -> dict[str, Any] | None:
    """A class that loads a data file and writes the same file back (`state.file_store`): every
    `open(X)` read by a loader (`json.load`) in one method, and `open(X, "w")` or a temporary file
    moved onto X (`os.replace(tmp, X)`) in another or the same."""
    name_node = node.field("name")
    reads: dict[str, tuple[int, str]] = {}
    writes: dict[str, int] = {}
    aliases: dict[str, str] = {}  # `self.path = path` in `__init__`: `open(path)` reads `self.path`
    for assignment in node.find_all(kind="assignment"):
        left, right = assignment.field("left"), assignment.field("right")
        if left is not None and right is not None and left.text().startswith("self.") and right.kind() == "identifier":
            aliases.setdefault(right.text(), left.text())
    for call in node.find_all(kind="call"):
        if next((a for a in call.ancestors() if a.kind() == "class_definition"), None) != node:
            continue  # a nested class is a store of its own
        function = call.field("function")
        callee = function.text() if function is not None else ""
        positional, keywords = named_args(call)
        if callee in ("open", "io.open", "codecs.open", "aiofiles.open") and positional:
            target = positional[0].text().strip()
            target = aliases.get(target, target)
            mode_node = keywords.get("mode") or (positional[1] if len(positional) > 1 else None)
            ok, mode = literal(mode_node) if mode_node is not None else (True, "r")
            if not ok or not isinstance(mode, str):
                continue
            if re.search(r"[wx]", mode):
                writes.setdefault(target, line_of(call))
            elif "a" not in mode and "+" not in mode:
                body = next((a for a in call.ancestors() if a.kind() == "function_definition"), None)
                text = body.text() if body is not None else ""
                found = next((fmt for fmt, loader in _CLASS_LOADERS if loader.search(text)), None)
                if found is not None:
                    reads.setdefault(target, (line_of(call), found))
        elif callee in _CLASS_MOVES and len(positional) > 1:
            moved = positional[1].text().strip()
            writes.setdefault(aliases.get(moved, moved), line_of(call))
    if _USER_FILE.search(node.text()):
        return None  # a desktop or command-line tool's own file under the user's home
    for target, line in sorted(writes.items(), key=lambda item: item[1]):
        if target in reads and not re.search(r"(?i)tmp|temp", target):
            read_line, fmt = reads[target]
            return {
                "_line": line,
                "target": target,
                "format": fmt,
                "read_line": read_line,
                "owner": name_node.text() if name_node is not None else None,
                "lang": "python",
            }
    return None


#: embedded databases kept in a file of the local disk, by constructor
_EMBEDDED_DBS = {
    "shelve.open": "shelve",
    "pickledb.load": "pickledb",
    "TinyDB": "tinydb",
    "SqliteDict": "sqlitedict",
    "PersistentDict": "persistentdict",
}
#: a file under the user's home or an app-data directory: a desktop or command-line tool's own file, not an app's datastore
_USER_FILE = re.compile(
    r"expanduser|Path\.home\(\)|appdirs|platformdirs|user_data_dir|user_config_dir|XDG_|APPDATA|['\"]~/"
)


def _embedded_db(node: Any, ctx: Context) -> dict[str, Any] | None:
    """An embedded database in a file: `shelve.open("data")`, `dbm.open("cache", "c")`,
    `TinyDB("db.json")`, `pickledb.load("app.db", True)`, `SqliteDict("store.sqlite")`."""
    callee = node.field("function").text()
    fmt = (
        "dbm"
        if re.match(r"^dbm(\.\w+)?\.open$", callee)
        else _EMBEDDED_DBS.get(callee) or _EMBEDDED_DBS.get(callee.rsplit(".", 1)[-1])
    )
    if fmt is None or (fmt in ("shelve", "pickledb") and callee not in _EMBEDDED_DBS):
        return None
    positional, keywords = named_args(node)
    target = positional[0] if positional else keywords.get("filename") or keywords.get("path")
    if target is None or "MemoryStorage" in node.text() or _USER_FILE.search(node.text()):
        return None
    return {"target": target.text().strip(), "format": fmt, "owner": None, "lang": "python"}


def _cli_command(node: Any, ctx: Context) -> dict[str, Any] | None:
    decorators = [c for c in node.children() if c.kind() == "decorator"]
    definition = node.field("definition")
    if definition is None or definition.kind() != "function_definition":
        return None
    for deco in decorators:
        text = deco.text()
        m = re.match(
            r"@([\w.]*?)(cli\.command|\.command|command|manager\.command|app\.command|group)\b(\((.*)\))?", text, re.S
        )
        if not m:
            continue
        if not _CLI_IMPORT.search(ctx.source.text) and ".cli." not in text and "manager" not in text:
            continue  # `@commands.command()` of a chat bot (discord.py) is no command line
        # the name given first (`@cli.command("init-db", help=...)`) or as `name=`; else the
        # function's, as click derives it (`purge_cache_command` is `purge-cache`; typer keeps suffixes)
        name_match = re.search(r"""\(\s*['"]([^'"]+)['"]""", text) or re.search(
            r"""[(,]\s*name\s*=\s*['"]([^'"]+)['"]""", text
        )
        fname = definition.field("name").text() if definition.field("name") else ""
        derived = fname if "typer" in ctx.source.text else _CLICK_SUFFIX.sub("", fname) or fname
        return {
            "api": m.group(1) + m.group(2),
            "name": name_match.group(1) if name_match else derived.replace("_", "-"),
            "function": fname,
            "lang": "python",
        }
    return None


#: the suffixes click drops from a function's name to name its command (click 8.0)
_CLICK_SUFFIX = re.compile(r"_(command|cmd|group|grp)$")
#: the command-line libraries whose decorators declare commands of the app
_CLI_IMPORT = re.compile(r"(?m)^\s*(from|import)\s+(click|asyncclick|rich_click|typer|cloup)\b")


def _enclosing_function(node: Any) -> str | None:
    for anc in node.ancestors():
        if anc.kind() == "function_definition":
            name = anc.field("name")
            return name.text() if name is not None else None
    return None


def _autosync(node: Any, ctx: Context) -> dict[str, Any] | None:
    """An ORM that creates the schema from the models: `Base.metadata.create_all(engine)`,
    `db.create_all()` (Flask-SQLAlchemy), `SQLModel.metadata.create_all(engine)`, peewee's
    `db.create_tables([...])`, `Tortoise.generate_schemas()` or `register_tortoise(..., generate_schemas=True)`."""
    callee = node.field("function").text()
    last = callee.rsplit(".", 1)[-1]
    if last == "create_all" and not re.search(r"(^|\.)(metadata|db|database)$|^\w*[Dd][Bb]$", callee.rsplit(".", 1)[0]):
        return None
    if last == "create_tables" and "peewee" not in ctx.source.text:
        return None
    if last in ("register_tortoise", "init") and not re.search(r"generate_schemas\s*=\s*True", node.text()):
        return None
    return {
        "api": callee.rsplit(".", 2)[-2] + "." + last if "." in callee else last,
        "function": _enclosing_function(node),
        "lang": "python",
    }


def _web_app(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    name = callee.rsplit(".", 1)[-1]
    framework = {
        "Flask": "flask",
        "Quart": "quart",
        "FastAPI": "fastapi",
        "Starlette": "starlette",
        "Sanic": "sanic",
        "Bottle": "bottle",
        "get_wsgi_application": "django",
        "get_asgi_application": "django",
        "Application": "aiohttp",
        "App": "falcon",
        "API": "falcon",
    }.get(name)
    if (
        framework is None
        or (name in ("Application",) and "aiohttp" not in ctx.source.text)
        or (name in ("App", "API") and "falcon" not in ctx.source.text)
    ):
        return None
    return {"framework": framework, "api": callee, "lang": "python"}


def _global_mutations(ctx: Context) -> list[Fact]:
    """Module-level containers mutated inside functions (state kept in process memory)."""
    root = ctx.root
    names: dict[str, int] = {}
    for child in root.children():
        if child.kind() != "expression_statement":
            continue
        assign = child.children()[0] if child.children() else None
        if assign is None or assign.kind() != "assignment":
            continue
        left, right = assign.field("left"), assign.field("right")
        if left is None or right is None or left.kind() != "identifier":
            continue
        if (
            right.kind() in ("dictionary", "list", "set") and not [c for c in right.children() if c.is_named()]
        ) or re.fullmatch(
            r"(dict|list|set|collections\.\w+|defaultdict|OrderedDict|Counter|deque)\(.*\)", right.text()
        ):
            if left.text().isupper() and right.kind() != "call":
                continue  # constants written once
            names[left.text()] = line_of(assign)
    if not names:
        return []
    facts: list[Fact] = []
    alternatives = "|".join(re.escape(n) for n in names)
    rule = {
        "rule": {
            "any": [
                {
                    "kind": "assignment",
                    "has": {
                        "field": "left",
                        "kind": "subscript",
                        "has": {"field": "value", "regex": f"^({alternatives})$"},
                    },
                },
                {
                    "kind": "call",
                    "has": {
                        "field": "function",
                        "regex": rf"^({alternatives})\.(append|extend|update|add|setdefault|insert|pop|clear|appendleft|__setitem__)$",
                    },
                },
            ],
            "inside": {"kind": "function_definition", "stopBy": "end"},
        }
    }
    reported: set[str] = set()
    for node in root.find_all(rule):
        text = node.text()
        name = next((n for n in names if text.startswith(n)), None)
        if name is None or name in reported:
            continue
        reported.add(name)
        facts.append(
            ctx.source.fact(
                "state.global", line_of(node), name=name, declared=names[name], in_route=_in_route(node), lang="python"
            )
        )
    return facts


def _syspath(node: Any, ctx: Context) -> dict[str, Any] | None:
    text = node.text()
    if not re.search(r"dist-packages|site-packages|/usr/lib/python|/usr/local/lib/python", text):
        return None
    return {"api": node.field("function").text(), "lang": "python"}


def _daemon(node: Any, ctx: Context) -> dict[str, Any] | None:
    callee = node.field("function").text()
    if callee == "os.fork" and "setsid" not in ctx.source.text:
        return None
    return {"api": callee, "lang": "python"}


def _pid_write(node: Any, ctx: Context) -> dict[str, Any] | None:
    return {"api": "getpid->file", "lang": "python"}


_ENV_BRANCH_COND = re.compile(
    r"(?i)\b(ENV|ENVIRONMENT|APP_ENV|FLASK_ENV|DJANGO_ENV|STAGE|DEPLOY_ENV|RUN_ENV|"
    r"DEBUG|TESTING|IS_PROD\w*|IS_LOCAL|USE_S3|USE_LOCAL\w*|LOCAL)\b|['\"](production|prod|staging|development|dev|local)['\"]"
)
_BRANCH_VALUE = re.compile(
    r"""['"]((?:postgres(?:ql)?|mysql|sqlite|redis|mongodb|amqp)(?:\+\w+)?://[^'"]*|[\w.-]+\.(?:internal|local|com|net|io)\b[^'"]*|sqlite[^'"]*)['"]"""
)


def _env_branch(node: Any, ctx: Context) -> dict[str, Any] | None:
    cond = node.field("condition")
    if cond is None or not _ENV_BRANCH_COND.search(cond.text()):
        return None
    if _in_function(node) and not _WEB_APP.search(ctx.source.text) and "settings" not in ctx.source.path:
        pass
    body = node.text()
    values = sorted({m.group(1)[:80] for m in _BRANCH_VALUE.finditer(body)})
    engines = sorted(
        {
            m.group(1).split(":", 1)[0].split("+", 1)[0].lower()
            for m in re.finditer(r"""['"](postgres(?:ql)?|mysql|sqlite3?|redis|mongodb)[:+'"]""", body)
        }
        | ({"sqlite"} if re.search(r"sqlite", body, re.I) else set())
    )
    storage = sorted(
        {w for w in ("s3", "local", "disk", "filesystem", "gcs", "azure") if re.search(rf"\b{w}\b", body, re.I)}
    )
    if not values and not engines and not storage:
        return None
    return {
        "condition": cond.text()[:120],
        "values": [mask(v) if "@" in v else v for v in values],
        "engines": engines,
        "storage": storage,
        "lang": "python",
    }


def _settings_class(node: Any, ctx: Context) -> dict[str, Any] | None:
    bases = node.field("superclasses")
    if bases is None or not re.search(r"\bBaseSettings\b", bases.text()):
        return None
    name = node.field("name").text() if node.field("name") else ""
    return {"name": name, "api": "pydantic_settings.BaseSettings", "lang": "python"}


def _upload_field(node: Any, ctx: Context) -> dict[str, Any] | None:
    text = node.text()
    if "models." not in text and "FileField" not in ctx.source.text and "ImageField" not in ctx.source.text:
        return None
    _positional, keywords = named_args(node)
    upload_to = keywords.get("upload_to")
    return {
        "api": node.field("function").text(),
        "upload_to": literal(upload_to)[1] if upload_to is not None else None,
        "storage": "storage" in keywords,
        "lang": "python",
    }


def _queue_consume(node: Any, ctx: Context) -> dict[str, Any] | None:
    _positional, keywords = named_args(node)
    ack = keywords.get("auto_ack") or keywords.get("no_ack")
    if ack is None:
        return None
    return {"api": node.field("function").text(), "auto_ack": ack.text() == "True", "lang": "python"}


# --- sharper prefilters for rows whose keywords are common words ---------------------------------

#: upper-case setting names: `DB_PASSWORD = ...`, `SECRET_KEY: str = ...` at the start of a line
_SETTING_WORDS = (
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "PRIVATEKEY",
    "ACCESS_KEY",
    "ACCESSKEY",
    "CREDENTIAL",
    "_URL",
    "_URI",
    "_DSN",
    "_HOST",
    "DATABASE",
    "DEBUG",
    "SESSION",
    "CACHE",
    "LOGGING",
    "STORAGE",
    "MEDIA",
    "ALLOWED_HOSTS",
    "CELERY",
    "BROKER",
    "EMAIL",
    "MAIL",
    "ENGINE",
    "SETTINGS_MODULE",
)
_ASSIGN_NAMES = (
    r"(?m)^[ \t]*[A-Z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|_URL|"
    r"_URI|_DSN|_HOST|DATABASE|DEBUG|SESSION|CACHE|LOGGING|STORAGE|MEDIA|ALLOWED_HOSTS|CELERY|BROKER|EMAIL|MAIL|"
    r"ENGINE|SETTINGS_MODULE)[A-Z0-9_]*\s*(?::[^=\n]+)?=(?!=)"
)
_ASSIGN_OTHER = r"\.config\[|\.secret_key\s*=|\.debug\s*=|BaseSettings|(?:Config|Settings)\b[^\n]*:\s*$"
_ASSIGN_SERVER_BODY = (
    r"(?:bind|workers|threads|worker_class|daemon|pidfile|accesslog|errorlog|graceful_timeout|timeout|"
    r"loglevel|preload_app|reload|broker_url|result_backend|task_\w+|secret_key|debug)\s*="
)
_ASSIGN_SERVER = r"(?m:^" + _ASSIGN_SERVER_BODY + ")"
#: the gate as one regex (what the parts below answer together, tested)
_ASSIGN_FULL = re.compile(_ASSIGN_NAMES + "|" + _ASSIGN_OTHER + "|" + _ASSIGN_SERVER)
#: the same alternatives searched one by one: a regex that starts with a literal is searched at
#: C speed (hundreds of MB/s), an alternation of them is tried at every position
_ASSIGN_GATE = AnyGate(
    LineGate(_ASSIGN_NAMES, _SETTING_WORDS),
    *(
        re.compile(part)
        for part in (
            r"\.config\[",
            r"\.secret_key\s*=",
            r"\.debug\s*=",
            r"BaseSettings",
            r"(?m)Config\b[^\n]*:\s*$",
            r"(?m)Settings\b[^\n]*:\s*$",
        )
    ),
    LineStart(_ASSIGN_SERVER_BODY),
)
#: every client call above ends with one of these words (a suffix of its last name) before its "("
_CLIENT_ENDINGS = (
    "connect",
    "Pool",
    "create_pool",
    "engine",
    "Redis",
    "from_url",
    "Client",
    "Parameters",
    "robust",
    "Connection",
    "Producer",
    "Consumer",
    "SMTP",
    "SSL",
    "client",
    "resource",
    "Session",
    "search",
    "Search",
    "Celery",
    "string",
)
_CLIENT_GATE = AnchoredGate(r"(?:" + "|".join(p for p, _ in _CLIENTS) + r")\s*\(", _CLIENT_ENDINGS, r"\s*\(")
_SERVER_GATE = AnchoredGate(
    r"(?:\b(?:app|application|flask_app|server|api|socketio|sio)\.run|uvicorn\.run|waitress\.serve|"
    r"\bserve|run_simple|run_app|make_server|HTTPServer|WSGIServer|bjoern\.run|quickstart|\.listen|TCPSite)\s*\(",
    ("run", "serve", "run_simple", "run_app", "make_server", "HTTPServer", "WSGIServer", "quickstart", "listen")
    + ("TCPSite",),
    r"\s*\(",
)
_SCHEDULER_GATE = re.compile(
    r"(?:Scheduler|schedule\.every|Timer|sched\.scheduler|Rocketry|CronTab)\s*\(|daemon\s*=\s*True"
)
_WRITE_GATE = re.compile(r"open\([^\n]*['\"][rwxabt+]{1,3}['\"]|\.save\(|write_text\(|write_bytes\(")
_CLI_GATE = re.compile(r"@[\w.]*(?:command|group)\b|@manager\.")
_BRANCH_BODY = (
    r"[ \t]*(?:el)?if\b[^\n]*(?:\b(?:ENV|ENVIRONMENT|APP_ENV|FLASK_ENV|DJANGO_ENV|STAGE|DEPLOY_ENV|"
    r"DEBUG|TESTING|IS_PROD\w*|IS_LOCAL|USE_\w+|LOCAL)\b|['\"](?:production|prod|staging|development|dev|local)['\"])"
)
#: tried only at the lines holding one of the words every match holds (its [^\n]* backtracked over
#: every `if` line of a file, a fifth of a library's gate time)
_BRANCH_GATE = LineGate(
    "(?m)^" + _BRANCH_BODY,
    ("ENV", "STAGE", "DEBUG", "TESTING", "IS_PROD", "LOCAL", "USE_", "prod", "staging", "dev", "local"),
)
_GLOBAL_GATE = LineStart(
    r"[a-z_]\w*\s*=\s*(?:\{\}|\[\]|dict\(\)|set\(\)|list\(\)|(?:collections\.)?"
    r"(?:defaultdict|OrderedDict|Counter|deque)\()"
)


_TABLE: tuple[Spec, ...] = (
    Spec("env.read", ("getenv", "environ"), _ENV_RULE, _env_read),
    Spec(
        "env.read",
        ("dj_database_url", "environ.Env", "Env(", "decouple"),
        call_to(
            r"^(dj_database_url\.(config|parse)|env(\.(str|bool|int|float|list|dict|json|url|db|db_url|cache|cache_url|email|email_url|search_url|path))?|config|decouple\.config)$"
        ),
        _env_library,
    ),
    Spec("config.settings_class", ("BaseSettings",), {"rule": {"kind": "class_definition"}}, _settings_class),
    Spec(
        "config.assign",
        (
            "SECRET",
            "PASSWORD",
            "_KEY",
            "TOKEN",
            "_URL",
            "_URI",
            "_HOST",
            "DATABASES",
            "DEBUG",
            "LOGGING",
            "SESSION_",
            "CACHES",
            "BROKER",
            "MEDIA_",
            "STORAGE",
            "ALLOWED_HOSTS",
            "config[",
            "secret_key",
            "Config",
            "Settings",
            "bind",
            "workers",
            "daemon",
            "pidfile",
            "accesslog",
            "errorlog",
            "timeout",
            "broker_url",
            "task_",
            "CELERY",
            "debug",
            "DEBUG",
            "EMAIL_",
            "MAIL_",
            "CACHE_TYPE",
        ),
        {"rule": {"kind": "assignment"}},
        _assignment,
        gate=_ASSIGN_GATE,
    ),
    Spec(
        "config.assign",
        ("config.update", "config.from_mapping", "dictConfig", "conf.update"),
        call_to(r"^([\w.]*config\.(update|from_mapping)|(logging\.config\.)?dictConfig|[\w.]*conf\.update)$"),
        _config_update,
    ),
    Spec("config.assign", ("addoption",), call_to(r"^[\w.]*\.addoption$"), _option_default),
    Spec(
        "config.select",
        ("from_object", "from_pyfile", "from_envvar", "from_prefixed_env", "config_from_object"),
        call_to(r"^[\w.]*(config\.(from_object|from_pyfile|from_envvar|from_prefixed_env)|config_from_object)$"),
        _config_select,
    ),
    Spec(
        "client",
        (
            "connect",
            "create_engine",
            "create_async_engine",
            "Redis",
            "from_url",
            "MongoClient",
            "MotorClient",
            "pika",
            "Pool",
            "Kafka",
            "SMTP",
            "boto3",
            "Elasticsearch",
            "OpenSearch",
            "Client",
            "Celery",
            "create_pool",
            "Connection",
            "BlobServiceClient",
        ),
        _CLIENT_RULE,
        _client,
        gate=_CLIENT_GATE,
    ),
    Spec("log.handler", _HANDLERS, _HANDLER_RULE, _log_handler),
    Spec("log.handler", ("basicConfig",), call_to(r"^(logging\.)?basicConfig$"), _basic_config),
    Spec("log.handler", ("loguru",), call_to(r"^logger\.add$"), _loguru_add),
    Spec(
        "server.run",
        (
            ".run(",
            "serve(",
            "run_simple",
            "run_app",
            "make_server",
            "HTTPServer",
            "WSGIServer",
            "quickstart",
            "listen(",
            "TCPSite",
        ),
        _SERVER_RULE,
        _server_run,
        gate=_SERVER_GATE,
    ),
    Spec(
        "process.spawn",
        ("subprocess", "os.system", "os.popen", "os.exec", "os.spawn", "posix_spawn", "create_subprocess", "pexpect"),
        _SUBPROCESS_RULE,
        _subprocess,
    ),
    Spec(
        "scheduler",
        ("Scheduler", "schedule.every", "Timer(", "sched.scheduler", "Rocketry", "CronTab", "Thread("),
        _SCHEDULER_RULE,
        _scheduler,
        gate=_SCHEDULER_GATE,
    ),
    Spec(
        "signal.handler",
        ("signal.signal", "signal(SIG", "add_signal_handler"),
        call_to(r"^(signal\.)?signal$|\.add_signal_handler$"),
        _signal,
    ),
    Spec(
        "process.loop",
        ("asyncio.run", "run_until_complete", "anyio.run", "trio.run", "run_forever"),
        call_to(r"^(asyncio\.run|anyio\.run|trio\.run|[\w.()]*\.run_until_complete|[\w.()]*\.run_forever)$"),
        _event_loop,
    ),
    Spec(
        "process.loop",
        ("run", "run_until_disconnected", "start_polling", "run_polling", "run_webhook", "idle"),
        call_to(r"^[\w.]+\.(run|run_until_disconnected|start_polling|run_polling|run_webhook|idle)$"),
        _bot_run,
        gate=_BOT_LIBRARIES,
        also=("shutdown.hook",),
    ),
    Spec("process.loop", ("__main__",), {"rule": {"kind": "if_statement"}}, _main_block, gate=_MAIN_GUARD),
    Spec("process.loop", ("while",), {"rule": {"kind": "while_statement"}}, _top_loop, gate=LineStart(r"while\b")),
    Spec(
        "shutdown.hook",
        ("lifespan", "on_event", "atexit", "on_shutdown", "after_serving", "teardown_appcontext"),
        call_to(
            r"^([\w.]*\.on_event|atexit\.register|[\w.]*(FastAPI|Starlette|Quart)|[\w.]*on_shutdown\.append|[\w.]*after_serving|[\w.]*teardown_appcontext)$"
        ),
        _shutdown_hook,
    ),
    Spec(
        "file.write",
        ("open(", "write_text", "write_bytes", ".save("),
        call_to(r"^(open|io\.open|codecs\.open|aiofiles\.open|[\w.\[\]'\"]+\.(write_text|write_bytes|save))$"),
        _file_write,
        gate=_WRITE_GATE,
    ),
    Spec("state.file_store", ("open(",), {"rule": {"kind": "class_definition"}}, _file_store, gate=_CLASS_STORE_GATE),
    Spec(
        "state.file_store",
        ("shelve", "dbm", "TinyDB", "pickledb", "SqliteDict", "PersistentDict"),
        call_to(r"^(shelve\.open|dbm(\.\w+)?\.open|([\w.]+\.)?TinyDB|pickledb\.load|SqliteDict|PersistentDict)$"),
        _embedded_db,
    ),
    Spec(
        "cli.command",
        ("command", "manager", "group"),
        {"rule": {"kind": "decorated_definition"}},
        _cli_command,
        gate=_CLI_GATE,
    ),
    Spec(
        "schema.autosync",
        ("create_all", "create_tables", "generate_schemas"),
        call_to(r"^[\w.()\[\]]+\.(create_all|create_tables|generate_schemas)$|^(register_tortoise|Tortoise\.init)$"),
        _autosync,
    ),
    Spec(
        "web.app",
        (
            "Flask",
            "Quart",
            "FastAPI",
            "Starlette",
            "Sanic",
            "Bottle",
            "get_wsgi_application",
            "get_asgi_application",
            "Application(",
            "falcon",
        ),
        call_to(
            r"^([\w.]+\.)?(Flask|Quart|FastAPI|Starlette|Sanic|Bottle|get_wsgi_application|get_asgi_application|Application|App|API)$"
        ),
        _web_app,
    ),
    Spec("syspath.modify", ("sys.path",), call_to(r"^sys\.path\.(append|insert|extend)$"), _syspath),
    Spec(
        "process.daemon",
        ("setsid", "DaemonContext", "daemonize"),
        call_to(r"^(os\.fork|os\.setsid|(daemon\.)?DaemonContext|daemonize(\.\w+)?)$"),
        _daemon,
    ),
    Spec(
        "process.pidfile",
        ("getpid",),
        {
            "rule": {
                "kind": "call",
                "all": [
                    {"has": {"field": "function", "regex": r"\.write$"}},
                    {"has": {"field": "arguments", "regex": r"getpid"}},
                ],
            }
        },
        _pid_write,
    ),
    Spec(
        "state.embedded_store",
        ("shelve", "dbm", "TinyDB", "pickledb", "plyvel", "lmdb", "SqliteDict", "FileStorage"),
        _EMBEDDED_RULE,
        _embedded_library,
    ),
    Spec("upload.field", ("FileField", "ImageField"), call_to(r"^([\w.]+\.)?(FileField|ImageField)$"), _upload_field),
    Spec(
        "queue.consume", ("auto_ack", "no_ack"), call_to(r"^[\w.]+\.(basic_consume|consume|Consumer)$"), _queue_consume
    ),
    Spec(
        "env.branch",
        ("ENV", "DEBUG", "TESTING", "production", "prod", "staging", "development", "LOCAL", "USE_"),
        {"rule": {"kind": "if_statement"}},
        _env_branch,
        gate=_BRANCH_GATE,
    ),
)


def _post(ctx: Context) -> list[Fact]:
    return _global_mutations(ctx) + _file_stores(ctx)


#: what _post states
_POST_KINDS = ("state.global", "state.embedded_store")
#: a module-level container, or a file loaded and written back (either needs the file-level pass)
_POST_GATE = AnyGate(_GLOBAL_GATE, _STORE_GATE)


_IMPORT_LINE = re.compile(r"(?:from[ \t]+(?P<from>\.*[\w.]*)[ \t]+import\b|import[ \t]+(?P<mods>[^#\n;]+))")
_PRINT_LINE = LineStart(r"[ \t]*print\((?P<rest>.*)$")
_BLOCKS = (("try:", "try"), ("except", "except"), ("def ", "def"), ("async def ", "def"))


_TOP_IMPORT = LineStart(r"from[ \t]+\.*[\w.]*[ \t]+import\b|import[ \t]+[^#\n;]+")
_INDENTED_IMPORT = LineStart(r"[ \t]+(?:from[ \t]+\.*[\w.]*[ \t]+import\b|import[ \t]+\w)")


def _import_fact(
    source: Source, number: int, line: str, kinds: set[str] | tuple, handles_import_error: bool
) -> list[Fact]:
    match = _IMPORT_LINE.match(line)
    if match is None:
        return []
    relative = bool(match.group("from") and match.group("from").startswith("."))
    if match.group("from") is not None:
        modules = [match.group("from").lstrip(".")] if match.group("from").strip(".") else []
    else:
        modules = [part.strip().split(" as ")[0].strip() for part in match.group("mods").split(",")]
        modules = [m for m in modules if re.fullmatch(r"[\w.]+", m)]
    if not modules and not relative:
        return []
    return [
        source.fact(
            "import",
            number,
            modules=modules,
            relative=relative,
            optional=bool(set(kinds) & {"try", "except"}) and handles_import_error,
            type_checking="tc" in kinds,
            in_function="def" in kinds,
        )
    ]


def _line_facts(source: Source) -> list[Fact]:
    """Imports and print() calls, read line by line: no parse needed for them.

    Block structure is tracked by indentation, enough to tell imports inside `try:`/`except`
    (optional when the file handles ImportError), inside functions, and under TYPE_CHECKING."""
    text = source.text
    facts: list[Fact] = []
    handles_import_error = "ImportError" in text or "ModuleNotFoundError" in text
    stack: list[tuple[int, str]] = []
    in_string: str | None = None
    tops = list(_TOP_IMPORT.finditer(text)) if "import" in text else []
    if tops and not _INDENTED_IMPORT.search(text):
        # every import is at the top level: no block to track (the common case, read in one pass)
        lines = LineCounter(text)
        for top in tops:
            facts.extend(_import_fact(source, lines.line_at(top.start("line")), top.group("line"), (), False))
    elif tops:
        for number, line in enumerate(source.lines, start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            stripped = line.lstrip()
            if not stripped or stripped.startswith("#"):
                continue
            indent = len(line) - len(stripped)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            for quote in ('"""', "'''"):
                if stripped.count(quote) % 2 == 1:
                    in_string = quote
                    break
            if in_string is not None:
                continue
            match = _IMPORT_LINE.match(stripped)
            if match:
                facts.extend(
                    _import_fact(source, number, stripped, {kind for _indent, kind in stack}, handles_import_error)
                )
                continue
            if stripped.endswith(":"):
                kind = next((k for prefix, k in _BLOCKS if stripped.startswith(prefix)), None)
                if kind is None and re.match(r"if\s+(typing\.)?TYPE_CHECKING\s*:", stripped):
                    kind = "tc"
                stack.append((indent, kind or "block"))
    match = _PRINT_LINE.search(text) if "print(" in text else None
    if match:
        print_line = text.count("\n", 0, match.start("line")) + 1
        rest = match.group("rest")
        if "file=" not in rest or "stdout" in rest or "stderr" in rest:
            facts.append(
                source.fact(
                    "log.print",
                    print_line,
                    stream="stderr" if "stderr" in rest else "stdout",
                    flush="flush=True" in rest,
                    lang="python",
                )
            )
    return facts


def extract(source: Source) -> list[Fact]:
    if not source.text.strip():
        return []
    return (
        _line_facts(source)
        + random_secrets(source, "python")
        + run_table(source, "python", _TABLE, post=_post, post_gate=_POST_GATE, post_kinds=_POST_KINDS)
    )


__all__ = ["classify", "extract", "literal"]
