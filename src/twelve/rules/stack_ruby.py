"""Rules specific to Ruby (Rails, Sinatra, Puma, Sidekiq): the catalogue's per-ecosystem signals, all factors.

The Ruby facts use the shared kinds (env reads, clients, schedulers, signal traps, rake tasks), so
the generic rules read them; the rules here need Bundler, Rails or Puma knowledge:
ActiveStorage and the asset pipeline (F06), Puma's port (F07-S5), framework shutdown defaults
(F09-S5), per-environment settings of database.yml and environment files (F10) and the Rails
logger (F11-S5).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.model import Location, Scope
from twelve.knowledge import programs
from twelve import appmodel
from twelve.appmodel import production
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

RB = ("rb",)
_DEV_ENV = re.compile(r"(?i)^(dev|development|local|test|testing|ci)$")
_SERVERS = ("puma", "falcon", "unicorn", "thin", "passenger", "iodine", "pitchfork", "agoo")  # in order of preference
_GRACEFUL = tuple(p.name for p in programs.PROGRAMS if p.ecosystem == "ruby" and p.graceful_sigterm)
_SKIP_SCOPES = frozenset({Scope.EXAMPLE, Scope.VENDORED, Scope.GENERATED})


def _rb(facts: AppFacts, kind: str) -> list[Fact]:
    return [f for f in production(facts.of(kind)) if f.get("lang") == "ruby"]


def _gems(facts: AppFacts) -> dict[str, Fact]:
    """Gems of the main group (what production bundles)."""
    return {name: fact for name, fact in appmodel.declared(facts, "ruby").items() if fact.get("group") != "dev"}


def _production_env(fact: Fact) -> bool:
    """A setting that applies to a deployed environment (production, staging...), not development or test."""
    env = fact.get("environment")
    return fact.scope is Scope.PRODUCTION and not (env and _DEV_ENV.match(str(env)))


def _settings(facts: AppFacts, path: str) -> list[Fact]:
    return [f for f in facts.of("config.assign") if f.get("lang") == "ruby" and f.get("path") == path and f.scope not in _SKIP_SCOPES]


def _where(fact: Fact, detail: str = "") -> str:
    text = f"{fact.path}:{fact.line}" if fact.line else fact.path
    return f"{text} ({detail})" if detail else text


# --- VI. Processes -------------------------------------------------------------------------------------


@rule("F06-S6r", factor=6, polarity=AGAINST, strength=STRONG, ecosystems=RB)
def active_storage_on_local_disk(facts: AppFacts) -> Iterator[Hit]:
    services = {str(f.get("path")).rsplit(".", 1)[0]: f for f in facts.of("config.assign")
                if f.get("file") == "storage.yml" and f.get("name") == "service" and f.get("source") == "literal"}
    for fact in _settings(facts, "config.active_storage.service"):
        if not _production_env(fact) or fact.get("source") != "literal":
            continue
        name = str(fact.get("value"))
        defined = services.get(name)
        if defined is not None and str(defined.get("value")).lower() == "disk":
            yield hit(fact, defined, service=name, kind="Disk", environment=fact.get("environment") or "?", path=fact.path)
        elif defined is None and name == "local":
            yield hit(fact, service=name, kind="Disk", environment=fact.get("environment") or "?", path=fact.path)


@rule("F06-S9", factor=6, polarity=AGAINST, strength=WEAK, ecosystems=RB)
def assets_compiled_at_run_time(facts: AppFacts) -> Iterator[Hit]:
    for fact in _settings(facts, "config.assets.compile"):
        if _production_env(fact) and fact.get("source") == "literal" and fact.get("value") is True:
            yield hit(fact, environment=fact.get("environment") or "?", path=fact.path)


# --- VII. Port binding ---------------------------------------------------------------------------------



@rule("F07-S5", factor=7, polarity=FOR, strength=STRONG, ecosystems=RB)
def ruby_server_binds_port(facts: AppFacts) -> Iterator[Hit]:
    gems = _gems(facts)
    server = next((gems[name] for name in _SERVERS if name in gems), None)
    if server is None:
        return
    runs = [f for f in _rb(facts, "server.run") if (f.get("port") or {}).get("source") != "none"]
    from_env = [f for f in runs if (f.get("port") or {}).get("source") == "env"]
    if from_env:
        yield hit(server, from_env[0], server=server.get("display"),
                  port=appmodel.value_text(from_env[0].get("port"), show_default=True, absent="default"))
    elif runs:
        yield hit(server, runs[0], strength=MODERATE, variant="fixed", server=server.get("display"),
                  port=appmodel.value_text(runs[0].get("port"), show_default=True, absent="default"))
    else:
        yield hit(server, strength=MODERATE, variant="default", server=server.get("display"), port="default")


@rule("F07-S5b", factor=7, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=RB)
def ruby_hard_coded_port(facts: AppFacts) -> Iterator[Hit]:
    for fact in _rb(facts, "server.run"):
        port = fact.get("port") or {}
        if port.get("source") == "literal":
            yield hit(fact, api=fact.get("api"), port=port.get("value"), path=fact.path)


# --- IX. Disposability -----------------------------------------------------------------------------


@rule("F09-S5", factor=9, polarity=FOR, strength=MODERATE, ecosystems=RB)
def ruby_framework_shutdown(facts: AppFacts) -> Iterator[Hit]:
    abrupt = [f for f in facts.of("signal.handler") if f.get("lang") == "ruby" and f.get("signal") == "SIGTERM"
              and (f.get("exits_immediately") or f.get("handler") == "SIG_IGN")]
    if abrupt:
        return  # a custom trap replaces the framework's graceful stop (F09-S13)
    gems = _gems(facts)
    found = [gems[name] for name in _GRACEFUL if name in gems]
    if found:
        yield hit(*found, servers=[f.get("display") for f in found])


# --- X. Dev/prod parity --------------------------------------------------------------------------------

_SERVER_ENGINES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "mssql": "SQL Server", "oracle": "Oracle"}


def _database_blocks(facts: AppFacts) -> list[Fact]:
    return [f for f in facts.of("client") if f.get("api") == "database.yml" and f.scope not in _SKIP_SCOPES]


_LOCAL_STORES = re.compile(r"^(memory_store|null_store|file_store|async|inline|test)$")
_SERVER_STORES = re.compile(r"^(redis_cache_store|mem_cache_store|solid_cache_store|sidekiq|resque|good_job|solid_queue|"
                            r"delayed_job|sneakers|que|shoryuken|redis|solid_cable)$")


def _by_environment(facts: AppFacts, path: str) -> tuple[list[Fact], list[Fact]]:
    settings = [f for f in _settings(facts, path) if f.get("source") == "literal"]
    dev = [f for f in settings if re.match(r"(?i)^(dev|development|local)$", str(f.get("environment") or ""))]
    prod = [f for f in settings if f.get("environment") and not _DEV_ENV.match(str(f.get("environment")))]
    return dev, prod


@rule("F10-S8r", factor=10, polarity=AGAINST, strength=MODERATE, ecosystems=RB)
def rails_services_differ_by_environment(facts: AppFacts) -> Iterator[Hit]:
    pairs = [("config.cache_store", "cache"), ("config.active_job.queue_adapter", "queue")]
    for path, what in pairs:
        dev, prod = _by_environment(facts, path)
        remote = [p for p in prod if _SERVER_STORES.match(str(p.get("value")))]
        for local in (d for d in dev if _LOCAL_STORES.match(str(d.get("value")))):
            if remote:
                other = remote[0]
                yield hit(local, other, scope=Scope.PRODUCTION, what=what, dev=_where(local, path),
                          dev_value=f":{local.get('value')}", prod=_where(other, str(other.get("environment"))),
                          prod_value=f":{other.get('value')}")
    cable = [f for f in facts.of("client") if f.get("api") == "cable.yml" and f.scope not in _SKIP_SCOPES]
    remote_cable = [c for c in cable if c.get("service") == "redis" and not _DEV_ENV.match(str(c.get("environment")))]
    for local in cable:
        if local.get("service") == "async" and re.match(r"(?i)^(dev|development|local)$", str(local.get("environment"))) and remote_cable:
            yield hit(local, remote_cable[0], scope=Scope.PRODUCTION, what="Action Cable", dev=_where(local, "development"),
                      dev_value="async", prod=_where(remote_cable[0], str(remote_cable[0].get("environment"))), prod_value="redis")


# --- XI. Logs --------------------------------------------------------------------------------------------



def _stdout_switches(facts: AppFacts) -> list[Fact]:
    return [f for f in _rb(facts, "env.read") if f.get("name") == "RAILS_LOG_TO_STDOUT"]


def _stream_loggers(facts: AppFacts) -> list[Fact]:
    return [f for f in _rb(facts, "log.handler") if f.get("stream") in ("stdout", "stderr")]


@rule("F11-S5", factor=11, polarity=AGAINST, strength=STRONG, ecosystems=RB)
def rails_log_files(facts: AppFacts) -> Iterator[Hit]:
    switched = bool(_stdout_switches(facts))
    for fact in facts.of("log.handler"):
        if fact.get("lang") != "ruby" or not str(fact.get("handler", "")).endswith("(file)"):
            continue
        conditional = "RAILS_LOG_TO_STDOUT" in str(fact.get("condition") or "")
        yield hit(fact, strength=WEAK if conditional and switched else None, handler=fact.get("api"),
                  target=appmodel.value_text(fact.get("target")), path=fact.path)
    yield from _default_file_logger(facts)


def _default_file_logger(facts: AppFacts) -> Iterator[Hit]:
    """Rails writes log/production.log when production.rb sets no logger and nothing switches to STDOUT."""
    if "rails" not in _gems(facts) and not any(f.get("framework") == "rails" for f in _rb(facts, "web.app")):
        return
    production_rb = next((f for f in facts.files if re.search(r"(^|/)config/environments/production\.rb$", f.path)), None)
    if production_rb is None or _stdout_switches(facts) or _stream_loggers(facts):
        return
    if any(f.get("path") == "config.logger" for f in _rb(facts, "config.assign")):
        return
    if any(str(f.get("handler", "")).endswith("(file)") for f in _rb(facts, "log.handler")):
        return  # the explicit file logger is the evidence already
    yield hit(Location(production_rb.path), strength=MODERATE, variant="default", handler="Rails.logger",
              target="log/production.log", path=production_rb.path)


@rule("F11-S5b", factor=11, polarity=FOR, strength=STRONG, ecosystems=RB)
def rails_logs_to_stdout(facts: AppFacts) -> Iterator[Hit]:
    for fact in _stream_loggers(facts):
        yield hit(fact, evidence=f"{fact.get('api')}({fact.get('stream', '').upper()})")
    for fact in _stdout_switches(facts)[:1]:
        yield hit(fact, evidence="RAILS_LOG_TO_STDOUT")
