"""Rules specific to Go: the catalogue's per-ecosystem signals, all factors.

The Go facts (facts/golang.py, facts/gomanifests.py) use the shared kinds, so the generic rules
already read most of them (env reads, clients, schedulers, process spawns, signal handlers and
shutdown hooks). The rules here are the Go rows of the catalogue: the process's own listener (F07-S3), the
signal + Shutdown pair (F09-S3) and log files (F11-S3).
"""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve import appmodel
from twelve.appmodel import production
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

GO = ("go",)


def _go(facts: AppFacts, kind: str) -> list[Fact]:
    return [f for f in production(facts.of(kind)) if f.get("lang") == "go"]


# --- VII. Port binding -------------------------------------------------------------------------------



@rule("F07-S3", factor=7, polarity=FOR, strength=STRONG, ecosystems=GO)
def go_process_binds_port(facts: AppFacts) -> Iterator[Hit]:
    for fact in _go(facts, "server.run"):
        port = fact.get("port") or {}
        strength = None if port.get("source") == "env" else MODERATE
        yield hit(fact, strength=strength, variant=None if strength is None else "fixed", api=fact.get("api"),
                  port=appmodel.value_text(port, show_default=True, absent="default"), path=fact.path)


@rule("F07-S3b", factor=7, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=GO)
def go_hard_coded_port(facts: AppFacts) -> Iterator[Hit]:
    for fact in _go(facts, "server.run"):
        port = fact.get("port") or {}
        if port.get("source") == "literal":
            yield hit(fact, api=fact.get("api"), port=port.get("value"), path=fact.path)


# --- IX. Disposability -----------------------------------------------------------------------------


def _term_handlers(facts: AppFacts) -> list[Fact]:
    return [f for f in _go(facts, "signal.handler") if "SIGTERM" in (f.get("signals") or [f.get("signal")])
            and f.get("handler") not in ("SIG_IGN", "SIG_DFL") and not f.get("exits_immediately")]


@rule("F09-S3", factor=9, polarity=FOR, strength=STRONG, ecosystems=GO)
def go_graceful_shutdown(facts: AppFacts) -> Iterator[Hit]:
    handlers = _term_handlers(facts)
    hooks = _go(facts, "shutdown.hook")
    if handlers and hooks:
        notify = "signal.NotifyContext" if handlers[0].get("handler") == "context" else "signal.Notify"
        yield hit(handlers[0], hooks[0], signal=notify, hook=hooks[0].get("api"))


@rule("F09-S3b", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=GO)
def go_listener_without_shutdown(facts: AppFacts) -> Iterator[Hit]:
    if _go(facts, "shutdown.hook"):
        return
    servers = _go(facts, "server.run")
    if servers:
        yield hit(servers[0], api=servers[0].get("api"), path=servers[0].path,
                  variant="signal" if _term_handlers(facts) else None)


# --- XI. Logs ----------------------------------------------------------------------------------------



def _is_file_handler(fact: Fact) -> bool:
    handler = str(fact.get("handler") or "")
    return handler.endswith("(file)") or handler == "lumberjack.Logger"


@rule("F11-S3", factor=11, polarity=AGAINST, strength=STRONG, ecosystems=GO)
def go_log_files(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("log.handler"):
        if fact.get("lang") == "go" and _is_file_handler(fact):
            yield hit(fact, handler=fact.get("handler"), target=appmodel.value_text(fact.get("target")), path=fact.path)


@rule("F11-S3b", factor=11, polarity=FOR, strength=STRONG, ecosystems=GO)
def go_logs_to_stream(facts: AppFacts) -> Iterator[Hit]:
    for fact in _go(facts, "log.handler"):
        if fact.get("stream") in ("stdout", "stderr"):
            yield hit(fact, evidence=f"{fact.get('api')} → {fact.get('stream')}")
