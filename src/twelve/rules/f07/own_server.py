"""F07-S01: the app's own process serves HTTP and binds its port, in every stack."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import declared, serving, value_text
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.knowledge.web import JVM_SERVER_STARTERS, SPRING_DEFAULT_PORT
from twelve.model import Location
from twelve.rules.registry import FOR, STRONG, Hit, hit, rule


def _python(facts: AppFacts) -> Iterator[Hit]:
    """A Python server declared in a manifest and started by a production start command; else a
    production server the code starts in its own process (`uvicorn.run`, `web.run_app`)."""
    manifests = declared(facts)
    reported: set[tuple[str, int | None]] = set()
    for found in serving.servings(facts):
        manifest = manifests.get(found.dist) if found.dist else None
        if manifest is None:  # dev servers (flask run, runserver, app.run) have no distribution here
            continue
        where = [found.start.fact, manifest] + ([found.call] if found.call else [])
        if found.call is not None:
            reported.add((found.call.path, found.call.line))
        yield hit(
            *where,
            server=found.dist,
            command=found.text,
            manifest=manifest.path,
            spec=f"{manifest.data.display or manifest.data.name}{manifest.data.spec or ''}",
        )
    for fact in serving.python_code_servers(facts):
        if (fact.path, fact.line) not in reported:
            yield hit(
                fact,
                variant="python_code",
                api=fact.data.api,
                port=value_text(fact.data.port, show_default=True, absent="default"),
                path=fact.path,
            )


def _node(facts: AppFacts) -> Iterator[Hit]:
    """A JavaScript/TypeScript server listening on a port: from the environment, or from a
    literal or the app's configuration (`node_fixed`; a literal port is advice, F07-S10)."""
    for fact in serving.node_listeners(facts):
        port = fact.data.port
        if port is not None and port.source == "env":
            default = port.env_default
            yield hit(
                fact,
                variant="node",
                api=fact.data.api,
                name=port.env_name or "?",
                fallback=f" (fallback {default})" if default else "",
            )
        else:
            yield hit(
                fact,
                variant="node_fixed",
                api=fact.data.api,
                port=value_text(port, show_default=True, absent="default"),
                path=fact.path,
            )


def _go(facts: AppFacts) -> Iterator[Hit]:
    """A Go listener, on the port from the environment or on one of its own (`go_fixed`)."""
    for fact in serving.code_listeners(facts, "go"):
        port = fact.data.port
        from_env = port is not None and port.source == "env"
        yield hit(
            fact,
            variant="go" if from_env else "go_fixed",
            api=fact.data.api,
            port=value_text(port, show_default=True, absent="default"),
            path=fact.path,
        )


def _java(facts: AppFacts) -> Iterator[Hit]:
    """An embedded-server starter and an executable artifact, unless the app ships as a WAR."""
    starters = serving.jvm_server_starters(facts)
    executable = serving.jvm_executables(facts)
    if not starters or not executable or serving.war_deployments(facts):
        return
    port = serving.spring_port_settings(facts)
    first: Fact | Location = executable[0]
    yield hit(
        starters[0],
        *executable[:2],
        *port[:1],
        variant="java",
        starter=JVM_SERVER_STARTERS[starters[0].data.name],
        packaging=first.excerpt if isinstance(first, Location) else "java -jar",
        port=serving.spring_value_text(port[0]) if port else SPRING_DEFAULT_PORT,
    )


def _ruby(facts: AppFacts) -> Iterator[Hit]:
    """A Ruby server gem, with the port its configuration binds (from the environment, fixed, or
    its default); with neither a port setting nor anything that starts the app (a start command,
    config.ru, a Sinatra classic main file, a Rails app), the server is only declared: no finding."""
    server = serving.ruby_server_gem(facts)
    if server is None:
        return
    runs = [f for f in serving.code_listeners(facts, "ruby") if f.data.port is None or f.data.port.source != "none"]
    from_env = [f for f in runs if f.data.port is not None and f.data.port.from_env]
    start = serving.ruby_start(facts)
    if from_env:
        yield hit(
            server,
            from_env[0],
            variant="ruby",
            server=server.data.display,
            port=value_text(from_env[0].data.port, show_default=True, absent="default"),
        )
    elif runs:
        yield hit(
            server,
            runs[0],
            variant="ruby_fixed",
            server=server.data.display,
            port=value_text(runs[0].data.port, show_default=True, absent="default"),
        )
    elif start is not None:
        yield hit(server, start, variant="ruby_default", server=server.data.display, port="default")


@rule(
    "F07-S01",
    factor=7,
    polarity=FOR,
    strength=STRONG,
    ecosystems=("py", "node", "go", "java", "rb"),
    replaces=("F07-S1", "F07-S2", "F07-S3", "F07-S4", "F07-S5"),
)
def own_server(facts: AppFacts) -> Iterator[Hit]:
    """The app carries its own web server and binds its port from its own process.

    One rule for every stack; each finding says which: Python (plain; `python_code` for a
    production server the code starts itself), Node.js `node` (`node_fixed` when the port is a
    literal or comes from the app's configuration), Go `go` (`go_fixed`), JVM `java`, Ruby `ruby`
    (`ruby_fixed`, `ruby_default`). Any listener in the app's own process is strong, whatever the
    port's source: a literal port is advice (F07-S10), not a lack of port binding.
    Why it matters: VII. Port binding — a twelve-factor app is self-contained: its server is an
    ordinary declared library running in the app's process, which exports HTTP by binding a port
    the deploy chooses.
    Fires on: `gunicorn` in requirements.txt started by the Procfile or Dockerfile; `uvicorn.run(app)`
    or aiohttp's `web.TCPSite(...)` in the app's code; `app.listen(process.env.PORT)` or
    `app.listen(config.port)`; `http.ListenAndServe(":8080", h)`; spring-boot-starter-web packaged
    by spring-boot-maven-plugin; `gem "puma"` with `port ENV.fetch("PORT")` in config/puma.rb, or
    with a config.ru.
    Near miss: a server started but not declared (F07-AP02); `flask run`, `runserver` or `app.run()`
    (development servers, F07-AP03); a Spring Boot WAR deployed into Tomcat; `gem "puma"` with
    nothing that starts the app.
    Fix: nothing to change.
    """
    yield from _python(facts)
    yield from _node(facts)
    yield from _go(facts)
    yield from _java(facts)
    yield from _ruby(facts)
