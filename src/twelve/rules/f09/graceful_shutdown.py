"""What stops each process gracefully on SIGTERM (F09-S01), and servers nothing stops gracefully
(F09-AP02): the two polarities of one concept, read per stack from ``twelve.appmodel.shutdown``.

Each stack has its own reading, reported with its own wording (the hit's variant):

- every stack: a start command that runs a server or worker that drains on SIGTERM by default
  (gunicorn, uvicorn, Puma, Sidekiq, `celery worker`, Solid Queue, a Spring Boot jar with graceful
  shutdown), a SIGTERM handler or shutdown hook of the code, gunicorn's `graceful_timeout`
  (no variant); for AP02, Python start commands only;
- Node.js (`node`): a handler that closes the server, or a shutdown hook; Node.js exits at once
  on SIGTERM when nothing handles it;
- Go (`go`): `signal.Notify` + `srv.Shutdown`; the Go runtime exits at once otherwise;
- Spring Boot (`java`, `java_default`): `server.shutdown=graceful`, or the default of Spring Boot
  3.4 and later;
- Ruby (`ruby`): gems whose servers stop gracefully on TERM (moderate: a framework default).
"""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.appmodel.serving import spring_value_text
from twelve.facts import AppFacts
from twelve.rules.f09._shared import handler_text, literal_number, unique
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, Hit, hit, rule

#: Spring Boot's shutdown phase timeout when the configuration sets none
_SPRING_DEFAULT_TIMEOUT = "30s (default)"


def _every_stack(facts: AppFacts) -> Iterator[Hit]:
    """Graceful servers of start commands, handlers and hooks (except those a stack reads its own
    way), and gunicorn's graceful timeout; one hit per line."""
    found: list[Hit] = []
    for start in appmodel.app_running_starts(facts):
        server = appmodel.graceful_server(facts, start)
        if server:
            found.append(hit(start.fact, source=server))
    apart = appmodel.read_per_stack(facts)
    for fact in appmodel.draining_handlers(facts):
        if (fact.path, fact.line) not in apart:
            found.append(hit(fact, source=handler_text(fact)))
    for fact in appmodel.shutdown_hooks(facts):
        if (fact.path, fact.line) not in apart:
            found.append(hit(fact, source=fact.data.api))
    for fact in appmodel.graceful_timeout_settings(facts):
        if (literal_number(fact) or 0) > 0:
            found.append(hit(fact, source=f"{fact.data.name} = {fact.get('value')}"))
    yield from unique(found)


def _node(facts: AppFacts) -> Iterator[Hit]:
    for fact in appmodel.node_draining(facts):
        source = (
            f'{fact.data.api}("SIGTERM", {fact.data.handler})' if fact.kind == "signal.handler" else str(fact.data.api)
        )
        yield hit(fact, variant="node", source=source)


def _go(facts: AppFacts) -> Iterator[Hit]:
    pair = appmodel.go_graceful_pair(facts)
    if pair is not None:
        handler, hook = pair
        notify = "signal.NotifyContext" if handler.data.handler == "context" else "signal.Notify"
        yield hit(handler, hook, variant="go", signal=notify, hook=hook.data.api)


def _spring(facts: AppFacts) -> Iterator[Hit]:
    graceful = appmodel.spring_graceful(facts)
    if graceful is None:
        return
    timeout = spring_value_text(graceful.timeout) if graceful.timeout is not None else _SPRING_DEFAULT_TIMEOUT
    if graceful.setting is not None:
        bound = [graceful.timeout] if graceful.timeout is not None else []
        yield hit(
            graceful.setting,
            *bound,
            variant="java",
            how=f"server.shutdown={spring_value_text(graceful.setting)}",
            timeout=timeout,
        )
    else:
        yield hit(graceful.where, variant="java_default", how=f"Spring Boot {graceful.version}", timeout=timeout)


def _ruby(facts: AppFacts) -> Iterator[Hit]:
    found = appmodel.ruby_graceful_gems(facts)
    if found:
        yield hit(*found, strength=MODERATE, variant="ruby", servers=[f.data.display for f in found])


@rule(
    "F09-S01",
    factor=9,
    polarity=FOR,
    strength=STRONG,
    ecosystems=("py", "node", "go", "java", "rb"),
    replaces=("F09-S1", "F09-S2", "F09-S3", "F09-S4", "F09-S5"),
)
def graceful_shutdown(facts: AppFacts) -> Iterator[Hit]:
    """A process that stops gracefully on SIGTERM: its server drains by default, or its code does.

    One reading per stack, each with its own wording: servers and workers that drain by default
    and the handlers and hooks of any language; Node.js handlers that close the server; Go's
    signal wait followed by `Shutdown`; Spring Boot's graceful shutdown, set or by default; Ruby
    servers whose TERM is graceful (moderate: a framework default, not checked against the code).

    Why it matters: IX. Disposability — the process manager stops a process with SIGTERM, and a
    disposable process answers by taking no new work and finishing (or handing back) what it
    has in hand before it exits.
    Fires on: `web: gunicorn app:app`, `celery -A app worker`, `python main.py` whose main guard runs
    `uvicorn.run(app)` or aiohttp's `web.run_app(app)`, `signal.signal(SIGTERM, drain)`, a
    FastAPI lifespan, `process.on("SIGTERM", () => server.close(...))`, `signal.NotifyContext` +
    `srv.Shutdown(ctx)`, `server.shutdown=graceful`, Spring Boot 3.4 with a web starter, the `puma`
    or `sidekiq` gem.
    Near miss: `signal.signal(SIGTERM, SIG_IGN)` or a handler that exits at once; an atexit hook;
    `python app.py` running Flask's `app.run()`;
    a Go program with `signal.Notify` but no `Shutdown`; a Node.js handler that does not close
    the server; Spring Boot 3.3 without `server.shutdown`; a Ruby app whose TERM trap exits.
    Fix: nothing to fix; keep the server's default or the handler, and give it a timeout shorter
    than the platform's grace period.
    """
    yield from _every_stack(facts)
    yield from _node(facts)
    yield from _go(facts)
    yield from _spring(facts)
    yield from _ruby(facts)


# --- nothing stops the server gracefully ------------------------------------------------------------


def _python_starts(facts: AppFacts) -> Iterator[Hit]:
    """Python start commands with no graceful server, when no Python handler or hook stops them."""
    if appmodel.python_code_shutdown(facts):
        return
    servers = facts.of("server.run")
    found: list[Hit] = []
    for start in appmodel.app_running_starts(facts):
        if (
            not appmodel.runs_python(facts, start)
            or appmodel.graceful_server(facts, start)
            or appmodel.shutdown_unjudged(start)
        ):
            continue
        script = appmodel.python_script_of(start)
        runs = [f for f in servers if script and appmodel.basename(f.path) == appmodel.basename(script)]
        shown = f"{appmodel.basename(start.argv[0])} {script}" if script else start.program
        found.append(hit(start.fact, *runs, program=shown, path=start.fact.path))
    yield from unique(found)


def _node_server(facts: AppFacts) -> Iterator[Hit]:
    """A Node.js server with no handler that closes it (a handler that exits at once is F09-S13's)."""
    if appmodel.node_draining(facts):
        return
    handlers = appmodel.node_sigterm_handlers(facts)
    if any(f.data.exits_immediately for f in handlers):
        return
    servers = appmodel.node_servers(facts)
    if not servers:
        return
    server = servers[0]
    if handlers:
        yield hit(handlers[0], server, variant="node_nodrain", api=server.get("api"), path=handlers[0].path)
    else:
        yield hit(server, variant="node", api=server.get("api"), path=server.path)


def _go_server(facts: AppFacts) -> Iterator[Hit]:
    """A Go server that nothing shuts down (with or without a SIGTERM wait)."""
    if appmodel.go_hooks(facts):
        return
    servers = appmodel.go_servers(facts)
    if servers:
        waits = bool(appmodel.go_term_handlers(facts))
        yield hit(servers[0], api=servers[0].get("api"), path=servers[0].path, variant="go_signal" if waits else "go")


@rule(
    "F09-AP02",
    factor=9,
    polarity=AGAINST,
    strength=MODERATE,
    ecosystems=("py", "node", "go"),
    replaces=("F09-AP2", "F09-S2b", "F09-S3b"),
)
def no_graceful_shutdown(facts: AppFacts) -> Iterator[Hit]:
    """A server or script that nothing stops gracefully: SIGTERM kills it with work in flight.

    Python: a start command whose program does not drain by default (`python app.py`, waitress,
    a console script), with no Python SIGTERM handler or shutdown hook anywhere; start commands
    whose shutdown depends on their configuration (uWSGI, supervisors, `celery`) or that run an
    unresolved script are not judged. Node.js: a server with no handler that closes it (Node.js
    dies at once on SIGTERM). Go: a server that nothing calls `Shutdown` on.

    Why it matters: IX. Disposability — a process must stop gracefully when it gets SIGTERM;
    without a server or code that does it, every deploy or scale-down cuts requests and jobs.
    Fires on: `web: python app.py` with `app.run()` and no handler; `app.listen(3000)` with no
    `process.on("SIGTERM", ...)`, or with one that never calls `server.close`; Go's
    `http.ListenAndServe` with no `srv.Shutdown`.
    Near miss: `gunicorn app:app` (drains by default); a FastAPI lifespan or a draining SIGTERM
    handler; a Node.js handler that closes the server; a Go program that calls `Shutdown`;
    `uwsgi` or `supervisord` as the start command (not judged).
    Fix: start a server that drains on SIGTERM, or register a SIGTERM handler (Node.js:
    `server.close`, Go: `srv.Shutdown(ctx)`) that stops taking work and finishes what is in progress.
    """
    yield from _python_starts(facts)
    yield from _node_server(facts)
    yield from _go_server(facts)
