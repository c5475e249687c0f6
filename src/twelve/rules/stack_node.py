"""Rules specific to Node.js / TypeScript: the catalogue's per-ecosystem signals (`node`), all factors.

VI (F06-S2): express-session keeping sessions in the process (MemoryStore, memorystore).
VII (F07-S2): the server listens on the port the environment gives it.
IX (F09-S2): SIGTERM closes the server (Node exits at once on SIGTERM when nothing handles it).
XI (F11-S2): winston/log4js/bunyan/pino/morgan writing log files.

Everything here reads the generic fact kinds (docs/facts.md) restricted to `lang` javascript or
typescript.
"""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.model import Value
from twelve import appmodel
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, Hit, hit, rule

_LANGS = frozenset({"javascript", "typescript", "prisma"})


def _code(facts: AppFacts, kind: str) -> list[Fact]:
    """Production facts of *kind* extracted from JavaScript/TypeScript."""
    return [f for f in appmodel.production(facts.of(kind)) if f.get("lang") in _LANGS]


def _shown_value(value: object) -> str:
    if isinstance(value, (dict, Value)):
        source = value.get("source")
        if source == "literal":
            return str(value.get("value"))
        if source == "env":
            return f"${value.get('env_name') or '…'}"
        return str(value.get("text") or "…")
    return str(value)


# --- VI. Processes --------------------------------------------------------------------------------------

_SERVER_SESSIONS = frozenset({"express-session", "@fastify/session", "koa-generic-session"})


@rule("F06-S2", factor=6, polarity=AGAINST, strength=STRONG, ecosystems=("node",))
def sessions_in_process_memory(facts: AppFacts) -> Iterator[Hit]:
    for fact in _code(facts, "session.store"):
        if fact.get("library") in _SERVER_SESSIONS and fact.get("store") == "memory":
            variant = "memorystore" if "memorystore" in str(fact.get("store_api", "")).lower() else None
            yield hit(fact, variant=variant, library=fact.get("library"), store=fact.get("store_api") or "MemoryStore",
                      path=fact.path)


# --- VII. Port binding ----------------------------------------------------------------------------------


@rule("F07-S2", factor=7, polarity=FOR, strength=STRONG, ecosystems=("node",))
def port_from_environment(facts: AppFacts) -> Iterator[Hit]:
    for fact in _code(facts, "server.run"):
        port = fact.get("port") or {}
        if port.get("source") == "env":
            default = port.get("env_default")
            yield hit(fact, api=fact.get("api"), name=port.get("env_name") or "?",
                      fallback=f" (fallback {default})" if default else "")


# --- IX. Disposability ----------------------------------------------------------------------------------

_SIGTERM = frozenset({"SIGTERM", "15"})


def _draining(facts: AppFacts) -> list[tuple[Fact, str]]:
    found: list[tuple[Fact, str]] = []
    for fact in _code(facts, "signal.handler"):
        if fact.get("signal") in _SIGTERM and fact.get("drains") and not fact.get("exits_immediately"):
            found.append((fact, f"{fact.get('api')}(\"SIGTERM\", {fact.get('handler')})"))
    for fact in _code(facts, "shutdown.hook"):
        found.append((fact, str(fact.get("api"))))
    return found


@rule("F09-S2", factor=9, polarity=FOR, strength=STRONG, ecosystems=("node",))
def graceful_sigterm(facts: AppFacts) -> Iterator[Hit]:
    for fact, source in _draining(facts):
        yield hit(fact, source=source)


@rule("F09-S2b", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=("node",))
def node_dies_on_sigterm(facts: AppFacts) -> Iterator[Hit]:
    if _draining(facts):
        return
    handlers = [f for f in _code(facts, "signal.handler") if f.get("signal") in _SIGTERM]
    if any(f.get("exits_immediately") for f in handlers):
        return  # F09-S13: a handler that exits at once
    servers = _code(facts, "server.run") or _code(facts, "web.app")
    if not servers:
        return
    server = servers[0]
    if handlers:
        yield hit(handlers[0], server, variant="nodrain", api=server.get("api"), path=handlers[0].path)
    else:
        yield hit(server, api=server.get("api"), path=server.path)


# --- XI. Logs -------------------------------------------------------------------------------------------


@rule("F11-S2", factor=11, polarity=AGAINST, strength=STRONG, ecosystems=("node",))
def log_files(facts: AppFacts) -> Iterator[Hit]:
    for fact in _code(facts, "log.handler"):
        if fact.get("file"):
            yield hit(fact, handler=fact.get("handler"), target=_shown_value(fact.get("target") or {}), path=fact.path)
