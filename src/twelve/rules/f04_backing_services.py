"""IV. Backing services: treat backing services as attached resources."""

from __future__ import annotations

import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.model import Effect, Location
from twelve.repository.kinds import CODE_KINDS
from twelve.appmodel import (
    SERVICE_NAMES, is_local_host, production, service_dependencies, url_engine, url_host,
)
from twelve.knowledge.services import LOCATOR_NAME
from twelve.rules.registry import AGAINST, FOR, MODERATE, NEUTRAL, STRONG, WEAK, Hit, hit, rule

_LOCATOR_ARG = re.compile(r"(?i)^(0|host|hostname|server|servers|url|uri|dsn|conninfo|connection_?string|broker|brokers|"
                          r"backend|hosts|node|nodes|addr|address|bootstrap_servers|endpoint_url|endpoint|unix_socket|"
                          r"socket_?path|database|dbname|db|path)$")
#: the arguments that say *where* a service is: a literal among them hard-codes the endpoint
#: (a literal database or user name next to a configured host does not)
_ENDPOINT_ARG = re.compile(r"(?i)^(0|host|hostname|server|servers|url|uri|dsn|conninfo|connection_?string|broker|brokers|"
                           r"backend|hosts|node|nodes|addr|address|bootstrap_servers|endpoint_url|endpoint|unix_socket|"
                           r"socket_?path)$")
_SOCKET = re.compile(r"(/var/run/[\w./-]+|/tmp/[\w.-]+\.sock|\.s\.PGSQL\.\d+|mysqld?\.sock)")


def _service(fact: Fact) -> str:
    return SERVICE_NAMES.get(fact.get("service", ""), fact.get("service", "service"))


def _env_config_names(facts: AppFacts) -> set[str]:
    """Setting names (anywhere in the app) whose value comes from the environment."""
    return {f.get("name") for f in facts.of("config.assign") if f.get("source") == "env"} | \
           {f.get("name") for f in facts.of("env.read") if f.get("name")}


def _locator_args(fact: Fact) -> list[dict]:
    return [a for a in fact.get("args", []) if _LOCATOR_ARG.match(str(a.get("key", "")))]


def _arg_source(arg: dict, env_names: set[str]) -> str:
    source = arg.get("source")
    if source == "other":
        last = re.split(r"[.\[\]'\"]+", arg.get("text", "").strip("[]'\" "))
        names = [p for p in last if p]
        if names and names[-1] in env_names:
            return "env"
    return source or "none"


def _classified(facts: AppFacts) -> list[tuple[Fact, str, list[dict]]]:
    """(client fact, 'env'|'literal'|'other', args) for each client in production code."""
    env_names = _env_config_names(facts)
    out = []
    for fact in production(facts.of("client")):
        args = _locator_args(fact) or fact.get("args", [])
        sources = {_arg_source(a, env_names) for a in args}
        endpoint_literal = any(_arg_source(a, env_names) == "literal" for a in args if _ENDPOINT_ARG.match(str(a.get("key", ""))))
        if endpoint_literal or ("literal" in sources and "env" not in sources):
            verdict = "literal"
        elif "env" in sources:
            verdict = "env"
        elif args:
            verdict = "other"
        else:
            verdict = "default"  # e.g. redis.Redis() with no arguments: the library's localhost default
        out.append((fact, verdict, args))
    return out


_LOCATOR_ENV = re.compile(r"(?i)(_URL|_URI|_DSN|_HOST|_ENDPOINT|_ADDR|_ADDRESS|^DATABASE_\w+|^REDIS_\w+|^AMQP_\w+|^KAFKA_\w+)$")


def _locator_reads(facts: AppFacts) -> list[Fact]:
    return [r for r in production(facts.of("env.read")) if r.get("name") and _LOCATOR_ENV.search(r.get("name"))
            and not re.search(r"(?i)^(PUBLIC_|NEXT_PUBLIC_|VITE_)|CALLBACK|REDIRECT|SITE_URL|BASE_URL|APP_URL", r.get("name"))]


def _locator_settings(facts: AppFacts) -> list[Fact]:
    out = []
    for fact in production(facts.of("config.assign")):
        name = fact.get("name", "")
        if not LOCATOR_NAME.search(name) or fact.get("container") == "function":
            continue
        value = fact.get("value")
        if fact.get("source") == "literal" and not (isinstance(value, str) and ("://" in value or name.lower().endswith("host"))):
            continue
        out.append(fact)
    return out


@rule("F04-S1", factor=4, polarity=FOR, strength=STRONG, ecosystems=("py",))
def locator_from_config(facts: AppFacts) -> Iterator[Hit]:
    for fact, verdict, args in _classified(facts):
        if fact.get("lang") == "spring":
            continue  # Spring configuration taken from the environment is F04-S4's (rules/stack_jvm.py)
        if verdict == "env":
            names = sorted({a.get("env_name") for a in fact.get("args", []) if a.get("env_name")})
            yield hit(fact, service=_service(fact), names=names or "?")
        elif verdict == "other":
            yield hit(fact, strength=MODERATE, service=_service(fact), names=", ".join(a.get("text", "?")[:40] for a in args[:3]))
    if any(v in ("env", "other") for _f, v, _a in _classified(facts)):
        return  # the clients themselves are the evidence; settings would repeat it
    for fact in _locator_settings(facts):
        if fact.get("source") == "env":
            engine = url_engine(fact.get("env_default") or "")
            yield hit(fact, service=SERVICE_NAMES.get(engine or "", fact.get("name")), names=fact.get("env_name") or fact.get("name"))
    for fact in production(facts.of("env.read")):
        if fact.get("api", "").startswith("dj_database_url") or fact.get("api", "").endswith((".db", ".db_url", ".cache_url", ".cache")):
            yield hit(fact, variant="database", service="", names=fact.get("name"))
    if not production(facts.of("client")):
        # no client construction recognised, but the locator of a service is read from the
        # environment (another app's URL, a service host): the resource is attached through config
        reads = _locator_reads(facts)
        if reads:
            yield hit(*reads[:3], strength=MODERATE, variant="env_locator", service="",
                      names=sorted({r.get("name") for r in reads}))


@rule("F04-S6", factor=4, polarity=AGAINST, strength=STRONG, ecosystems=("py",))
def literal_endpoint(facts: AppFacts) -> Iterator[Hit]:
    for fact, verdict, args in _classified(facts):
        if fact.get("service") == "sqlite":
            continue  # a local file, not an endpoint: F04-S8
        if verdict == "literal":
            literals = [str(a.get("value")) for a in args if a.get("source") == "literal"]
            yield hit(fact, service=_service(fact), value=", ".join(literals[:2]))
        elif verdict == "env":
            defaults = [a.get("env_default") for a in args if a.get("env_default")]
            for default in defaults:
                host = url_host(default) if "://" in default else default
                local = is_local_host(host)
                yield hit(fact, strength=WEAK if local else STRONG, service=_service(fact), value=default)
    for fact in _locator_settings(facts):
        value = fact.get("value") if fact.get("source") == "literal" else fact.get("env_default")
        if not isinstance(value, str) or not value or fact.get("class") and re.search(r"(?i)dev|test|local", fact.get("class")):
            continue
        engine = url_engine(value)
        if engine == "sqlite":
            continue
        host = url_host(value) if "://" in value else value
        if fact.get("source") == "literal":
            yield hit(fact, service=SERVICE_NAMES.get(engine or "", fact.get("name")), value=value)
        elif host and not is_local_host(host):
            yield hit(fact, service=SERVICE_NAMES.get(engine or "", fact.get("name")), value=value)
        elif host:
            yield hit(fact, strength=WEAK, service=SERVICE_NAMES.get(engine or "", fact.get("name")), value=value)


@rule("F04-S7", factor=4, polarity=AGAINST, strength=MODERATE, ecosystems=("py",))
def local_versus_remote_branch(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("env.branch")):
        storage = fact.get("storage", [])
        engines = fact.get("engines", [])
        if (len(storage) > 1 and any(s in storage for s in ("local", "disk", "filesystem"))) or len(set(engines)) > 1:
            yield hit(fact, condition=fact.get("condition"), options=storage if len(storage) > 1 else engines)


@rule("F04-S8", factor=4, polarity=AGAINST, strength=MODERATE, ecosystems=("py",))
def local_resource_as_service(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("client")):
        if fact.get("service") == "sqlite":
            yield hit(fact, what="SQLite")
        for arg in fact.get("args", []):
            value = arg.get("value")
            if isinstance(value, str) and _SOCKET.search(value):
                yield hit(fact, what=value)
    for fact in _locator_settings(facts):
        value = fact.get("value") if fact.get("source") == "literal" else fact.get("env_default")
        if isinstance(value, str) and url_engine(value) == "sqlite" and not (fact.get("class") and re.search(r"(?i)dev|test|local", fact.get("class"))):
            yield hit(fact, what="SQLite")
    for fact in production(facts.of("config.assign")):
        if fact.get("name") == "ENGINE" and str(fact.get("value", "")).endswith("sqlite3") and fact.get("path", "").startswith("DATABASES"):
            yield hit(fact, what="SQLite")


@rule("F04-S9", factor=4, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def attached_by_deploy_config(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("compose.service"):
        if not fact.get("build"):
            continue
        keys = [e for e in fact.get("environment", []) if re.search(r"(?i)(_URL|_URI|_HOST|_DSN|DATABASE|BROKER)$", e.get("key", ""))]
        if keys:
            yield hit(Location(fact.path, keys[0].get("line"), ""), scope=fact.scope, file=fact.path,
                      names=[k.get("key") for k in keys])


@rule("F04-NA", factor=4, polarity=NEUTRAL, strength=WEAK, effect=Effect.NOT_APPLICABLE, ecosystems=("any",))
def no_backing_service(facts: AppFacts) -> Iterator[Hit]:
    if facts.of("client") or _locator_settings(facts) or service_dependencies(facts) or _locator_reads(facts):
        return
    if not facts.of("dep.declared") and not [f for f in facts.files if f.kind in CODE_KINDS]:
        return  # nothing to judge from: inconclusive, not "not applicable"
    yield hit(Location("."))


@rule("F04-NE", factor=4, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE, ecosystems=("any",))
def client_setup_not_found(facts: AppFacts) -> Iterator[Hit]:
    if production(facts.of("client")) or _locator_settings(facts):
        return
    deps = service_dependencies(facts)
    if deps:
        yield hit(*deps[:3], libraries=sorted({d.get("display") or d.get("name") for d in deps}))
