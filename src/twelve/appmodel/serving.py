"""What serves the app's HTTP, how and where it binds: the server each production start command
runs (a server program, or the in-process server call of the module or file it runs), the
address it binds, the ports the deploy definitions declare, the evidence that the app serves a
network service at all, and the ways an app is loaded into a server of the environment (a WAR in
a servlet container, a module of Apache HTTPD). Factor VII reads these; factor VIII asks what
serves HTTP. Knowledge of each server's flags and defaults is in ``twelve.knowledge.programs``,
of frameworks and server libraries in ``twelve.knowledge.web``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from twelve.appmodel.deploy import LONG_RUNNING_KINDS, app_containers, deployed, deployed_workloads
from twelve.appmodel.packages import declared, is_jvm_build, jvm_builds, jvm_dependencies
from twelve.appmodel.starts import (
    PY_WEB_SERVERS,
    SHELLS,
    Start,
    app_starts,
    basename,
    effective,
    is_web_server,
    production,
    python_script_of,
    running_starts,
    start_commands,
)
from twelve.appmodel.state import jvm_runtime_dependencies
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.springconfig import is_dev_profile
from twelve.knowledge import programs
from twelve.knowledge import web as known
from twelve.knowledge.services import PY_WEB_DISTS
from twelve.model import Location

_PYTHONS = programs.names(programs.RUNNER, ecosystem="python")
#: servers that bind 127.0.0.1 when no address is given on the command line
_LOOPBACK_DEFAULT_PROGRAMS = frozenset(
    n for p in programs.PROGRAMS if p.binds_loopback_by_default for n in (p.name, *p.aliases)
)
#: environment variables through which each server takes its address instead of a flag
_HOST_ENV = cast("dict[str, tuple[str, ...]]", programs.by_name("host_env"))
#: programs that run a JavaScript/TypeScript file
_NODE_RUNNERS = programs.names(ecosystem="node", having="runs_script")
_PACKAGE_MANAGERS = programs.names(having="runs_package_scripts")
_JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx")
_JS_LANGS = frozenset({"javascript", "typescript"})
#: folders a TypeScript build writes to, whose sources live under src/
_BUILD_DIRS = re.compile(r"^(\./)?(dist|build|lib|out)/")
#: servers of other stacks than Python a start command may run (their own rules judge how they bind)
OTHER_SERVERS = programs.names(programs.WEB_SERVER) - PY_WEB_SERVERS
#: programs whose process serves nothing: queue workers, clocks, keep-alives
_NON_SERVING = (
    programs.names(programs.WORKER, ecosystem="python")
    | {"sidekiq"}
    | programs.names(programs.IDLE)
    | programs.names(programs.SCHEDULER)
)
_SUPERVISORS = programs.names(programs.SUPERVISOR)
#: Python's development servers: Flask's CLI (its other commands are admin commands) and Django's
#: manage.py (`runserver`)
_FLASK, _MANAGE_PY = "flask", "manage.py"
#: code that runs as a one-off, a test or a tool, not as the app's server
_ONE_OFF_PATH = re.compile(
    r"(^|/)(scripts?|tools|bin|tests?|examples?|docs?)/|(^|/)(test_[^/]*|[^/]*_test|conftest)\.py$"
)


# --- the production start path -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bind:
    """The address a start command (or the server call it runs) binds."""

    host: str | None  # None: not given
    port: str | None
    unix: bool = False


def server_of(start: Start) -> str | None:
    """The Python server program a start command runs ("gunicorn", "flask", "manage.py"), if any:
    a server, a development server started with its serve subcommand (`flask run`), or Django's
    `python manage.py runserver`."""
    program = start.program
    if program in PY_WEB_SERVERS:
        return program
    if is_web_server(start):
        row = programs.program(program)
        return program if row is not None and row.serve_subcommand else _MANAGE_PY
    return None


def split_address(value: str) -> Bind:
    """`0.0.0.0:8000`, `[::1]:8000`, `:8000`, `8000`, `unix:/run/app.sock` as a Bind."""
    if value.startswith(("unix:", "fd://")) or value.startswith("/"):
        return Bind(None, None, unix=True)
    if value.startswith("["):  # [::1]:8000
        host, _, port = value[1:].partition("]")
        return Bind(host, port.lstrip(":") or None)
    if value.count(":") == 1:
        host, port = value.split(":")
        return Bind(host or "0.0.0.0", port or None)
    if value.isdigit():
        return Bind(None, value)
    return Bind(value, None)


def command_bind(start: Start, server: str) -> Bind:
    """The address *server* binds as its start command says (flags, or the word after `runserver`)."""
    row = programs.program(server)
    if row is None:  # pragma: no cover - servers come from the programs table
        return Bind(None, None)
    if row.address_argument:
        index = start.argv.index(str(row.serve_subcommand))
        rest = [w for w in start.argv[index + 1 :] if not w.startswith("-")]
        return split_address(rest[0]) if rest else Bind(None, None)
    command = start.command()
    if row.address_flags:
        value = command.flag_value(*row.address_flags)
        if value:
            return split_address(value)
        if row.socket_by_default:
            return Bind(None, None, unix=True)
    socket_flags = ("--uds", "--fd") if row.socket_flags is None else row.socket_flags
    if socket_flags and command.has_flag(*socket_flags):
        return Bind(None, None, unix=True)
    host_flags = ("--host", "-h") if row.host_flags is None else row.host_flags
    port_flags = ("--port", "-p") if row.port_flags is None else row.port_flags
    host = command.flag_value(*host_flags) if host_flags else None
    return Bind(host or row.default_host, command.flag_value(*port_flags) if port_flags else None)


def _module_paths(start: Start) -> tuple[str, ...]:
    """Candidate repository paths of the Python module a start command runs (`python app.py`)."""
    script = python_script_of(start)
    if script:
        return (script,)
    argv = start.argv
    if len(argv) > 2 and posixpath.basename(argv[0]) in _PYTHONS and argv[1] == "-m":
        module = argv[2].replace(".", "/")
        return (module + ".py", module + "/__main__.py")
    return ()


def same_file(path: str, ref: str) -> bool:
    """Whether the repository path *path* is the file the command names (relative to its workdir)."""
    parts = [p for p in ref.split("/") if p not in ("", ".")]
    for start in range(len(parts)):
        tail = "/".join(parts[start:])
        if tail and (path == tail or path.endswith("/" + tail)):
            return True
    return False


def _module_servers(facts: AppFacts, start: Start) -> list[Fact]:
    """server.run facts in the module the start command runs."""
    refs = _module_paths(start)
    if not refs:
        return []
    return [f for f in production(facts.of("server.run")) if any(same_file(f.path, r) for r in refs)]


def _node_file(start: Start) -> str | None:
    """The file argument of a Node runner (`node -r dotenv/config dist/main.js` -> "dist/main.js")."""
    words = list(start.argv)
    while words and basename(words[0]) not in _NODE_RUNNERS:
        words.pop(0)  # runner prefixes (`npx`, `env X=1`) before the program
    skip = True  # the program itself
    for index, word in enumerate(words):
        if skip:
            skip = False
        elif word in programs.NODE_VALUED_FLAGS:
            skip = True
        elif not word.startswith("-") and not (
            index == 1 and basename(words[0]) in _PACKAGE_MANAGERS and word == "run"
        ):
            return word  # the first positional word (`bun run server.ts` names the file after `run`)
    return None


def _node_paths(facts: AppFacts, start: Start) -> tuple[str, ...]:
    """Candidate repository paths of the JavaScript/TypeScript file a start command runs: the
    file given to node/ts-node/bun (or package.json's `main` for `node .`), its TypeScript source
    when it is a build output (dist/main.js -> src/main.ts), and server.js for an `npm start`
    with no start script (npm's own default)."""
    program = start.program
    if program in _PACKAGE_MANAGERS - _NODE_RUNNERS and start.package_script is None and start.argv[1:2] == ("start",):
        return ("server.js",)
    if program not in _NODE_RUNNERS:
        return ()
    ref = _node_file(start)
    if ref is None:
        return ()
    if ref in (".", "./"):
        mains = [str(m.get("main")) for m in facts.of("dep.manifest") if m.get("ecosystem") == "node" and m.get("main")]
        if not mains:
            return ("index.js",)
        ref = mains[0]
    stem, extension = posixpath.splitext(ref)
    if extension in _JS_EXTENSIONS:
        refs = [ref]
    else:
        stem = ref.rstrip("/")
        refs = [stem + ext for ext in (".js", ".ts", ".mjs", ".cjs")] + [f"{stem}/index.js", f"{stem}/index.ts"]
    if _BUILD_DIRS.match(stem):
        source = _BUILD_DIRS.sub("src/", stem)
        refs += [source + ".ts", source + ".js"]
    return tuple(refs)


def _node_servers(facts: AppFacts, start: Start) -> list[Fact]:
    """JavaScript/TypeScript server.run facts in the file the start command runs with Node."""
    refs = _node_paths(facts, start)
    if not refs:
        return []
    return [
        f
        for f in production(facts.of("server.run"))
        if f.get("lang") in _JS_LANGS and any(same_file(f.path, r) for r in refs)
    ]


def _embedded_dist(facts: AppFacts, call: Fact) -> str | None:
    """The package of a Python in-process server call (`uvicorn.run` → uvicorn)."""
    api = call.get("api", "")
    if api in known.PY_EMBEDDED_SERVERS:
        return known.PY_EMBEDDED_SERVERS[api]
    if api == "serve":  # `from waitress import serve` / `from hypercorn.asyncio import serve`
        modules = " ".join(m for f in facts.of("import") if f.path == call.path for m in f.get("modules", []))
        return next((m for m in known.PY_SERVE_MODULES if m in modules), None)
    if api.endswith("listen") and api != "listen":
        return known.PY_LISTEN_DIST
    return None


def _call_bind(call: Fact) -> Bind:
    host, port = call.get("host") or {}, call.get("port") or {}
    listen = call.get("listen")
    if listen and listen.get("source") == "literal":
        return split_address(str(listen.get("value")))
    shown_host = str(host.get("value")) if host.get("source") == "literal" else None
    api = call.get("api", "")
    if (
        host.get("source") == "default"
        and known.LOOPBACK_DEFAULT_CALLS.search(api)
        and not api.startswith(known.ALL_INTERFACES_CALLS)
    ):
        shown_host = "127.0.0.1"
    elif host.get("source") not in ("literal", "default"):
        shown_host = "$"  # read from config: not hard-coded
    shown_port = str(port.get("value")) if port.get("source") == "literal" else None
    return Bind(shown_host, shown_port)


@dataclass(frozen=True, slots=True)
class Serving:
    """A production start command that starts a network server, directly or through its module."""

    start: Start
    server: str  # program ("gunicorn") or in-process call ("uvicorn.run")
    dist: str | None  # the distribution that provides the server
    call: Fact | None = None  # the server.run fact when the module started serves itself

    @property
    def evidence(self) -> Fact:
        return self.call or self.start.fact

    @property
    def text(self) -> str:
        return self.call.excerpt if self.call else " ".join(self.start.argv)

    @property
    def node(self) -> bool:
        """A server call of JavaScript/TypeScript (its sentences are Node's)."""
        return self.call is not None and self.call.get("lang") in _JS_LANGS


def servings(facts: AppFacts) -> list[Serving]:
    """Every production start command that starts a server: a Python server program, or a
    Python module or Node file it runs that calls a server (`uvicorn.run`, `app.listen`)."""

    def compute() -> list[Serving]:
        found: list[Serving] = []
        for start in start_commands(facts):
            server = server_of(start)
            if server is not None:
                found.append(Serving(start, server, programs.dist_of(server) if server in PY_WEB_SERVERS else None))
                continue
            for call in _module_servers(facts, start):
                found.append(Serving(start, call.get("api", ""), _embedded_dist(facts, call), call))
            for call in _node_servers(facts, start):
                found.append(Serving(start, call.get("api", ""), None, call))
        return found

    return list(facts.derive("serving.servings", compute))


def distinct_servings(facts: AppFacts) -> list[Serving]:
    """One serving per evidence line: a Procfile and a Dockerfile may run the same file."""
    seen: set[tuple[str, int | None]] = set()
    out: list[Serving] = []
    for serving in servings(facts):
        key = (serving.evidence.path, serving.evidence.line)
        if key not in seen:
            seen.add(key)
            out.append(serving)
    return out


def _gunicorn_config_bind(facts: AppFacts) -> Fact | None:
    """`bind = ...` in a gunicorn configuration module (gunicorn reads ./gunicorn.conf.py itself)."""
    for fact in production(facts.of("config.assign")):
        if fact.get("name") == "bind" and posixpath.basename(fact.path).startswith("gunicorn"):
            return fact
    return None


def bind_of(facts: AppFacts, serving: Serving) -> Bind:
    """The address a serving binds: its call's arguments, its command line, or (gunicorn with
    neither) the `bind` of its configuration module."""
    if serving.call is not None:
        return _call_bind(serving.call)
    bind = command_bind(serving.start, serving.server)
    if programs.canonical_name(serving.server) == "gunicorn" and bind.host is None and bind.port is None:
        configured = _gunicorn_config_bind(facts)
        if configured is not None:  # `bind = "127.0.0.1:8000"` in gunicorn.conf.py
            value = configured.get("value") if configured.get("source") == "literal" else None
            return split_address(str(value)) if isinstance(value, str) else Bind("$", "$")
    return bind


def run_env(facts: AppFacts) -> frozenset[str]:
    """Variables the deploy definitions set for the running container."""

    def compute() -> frozenset[str]:
        names = {f.get("key") for f in production(facts.of("docker.env")) if f.get("final")}
        for service in facts.of("compose.service"):
            if service.get("role") == "deploy" and service.get("build"):
                names.update(e.get("key") for e in service.get("environment") or [])
        for app in facts.of("heroku.app"):
            names.update(app.get("env") or [])
        return frozenset(n for n in names if n)

    return facts.derive("serving.run_env", compute)


def is_loopback(host: str | None) -> bool:
    return bool(host) and (host in ("localhost", "::1", "ip6-localhost") or str(host).startswith("127."))


def is_literal_port(port: str | None) -> bool:
    return bool(port) and str(port).isdigit()


def default_is_loopback(facts: AppFacts, serving: Serving) -> bool:
    """Whether a server started without an address falls back to 127.0.0.1 in this deploy: it
    binds the loopback by default and the deploy sets none of the variables it reads an address
    from (under a Procfile the platform sets PORT; a configuration file states its own bind)."""
    server = serving.server
    if server not in _LOOPBACK_DEFAULT_PROGRAMS or run_env(facts) & set(_HOST_ENV.get(server, ())):
        return False
    row = programs.program(server)
    if row is not None and row.config_flags:
        return serving.start.via != "procfile" and not serving.start.command().has_flag(*row.config_flags)
    return True


# --- does the app serve HTTP? ------------------------------------------------------------------------


def python_web_evidence(facts: AppFacts) -> list[Fact]:
    """Evidence that the app serves HTTP from Python: a framework object in code, or a framework
    declared."""
    evidence = [f for f in production(facts.of("web.app")) if f.get("lang") in (None, "python")]
    found = declared(facts)
    evidence += [found[name] for name in sorted(PY_WEB_DISTS & found.keys())]
    return evidence


def workloads(facts: AppFacts) -> list[Fact]:
    """This app's long-running Kubernetes workloads that run an app container."""
    return deployed_workloads(facts, LONG_RUNNING_KINDS)


def deploy_definitions(facts: AppFacts) -> list[Fact]:
    """Dockerfiles, Procfile lines and deploy compose services built here."""
    found = production(facts.of("docker.file")) + production(facts.of("procfile.process"))
    found += [f for f in facts.of("compose.service") if f.get("role") == "deploy" and f.get("build")]
    return found


def inherits_start(facts: AppFacts) -> bool:
    """A production Dockerfile without CMD/ENTRYPOINT runs whatever its base image starts, and a
    workload or platform service that states no command runs its image's: unknown, unless the
    image is built here (then its Dockerfile's start is among the start commands)."""
    started = {f.path for f in facts.of("docker.cmd", "docker.entrypoint") if f.get("final")}
    dockerfiles = production(facts.of("docker.file"))
    if any(f.path not in started for f in dockerfiles):
        return True
    if dockerfiles:
        return False
    commandless = [c for w in workloads(facts) for c in app_containers(w) if not c.get("command")]
    return bool(commandless) or any(not s.get("start") for s in deployed(facts, "platform.service"))


def _loose_servers(facts: AppFacts) -> list[Fact]:
    """Server calls that run on import (no `__main__` guard): any module importing them serves."""
    return [f for f in production(facts.of("server.run")) if not f.get("main_guard")]


def known_idle(facts: AppFacts, start: Start) -> bool:
    """A start command we can tell exports no network service (a worker, a CLI, a script that
    does not serve); anything we cannot read (other languages, supervisors) is not idle."""
    if server_of(start) is not None:
        return False
    if start.program in _NON_SERVING:
        return True
    argv = start.argv
    if programs.canonical_name(start.program) == _FLASK or (len(argv) > 1 and argv[1].endswith(_MANAGE_PY)):
        return True  # admin commands; `flask run` / `runserver` were caught above
    refs = _module_paths(start)
    if refs and any(same_file(f.path, r) for f in facts.files for r in refs):
        return not _module_servers(facts, start) and not _loose_servers(facts)
    return False


def declared_ports(facts: AppFacts) -> Iterator[tuple[Fact | Location, str]]:
    """Ports the deploy definitions say a process listens on: EXPOSE, a Procfile `web:` line
    binding $PORT, Kubernetes containerPort and Service targetPort (evidence, excerpt)."""
    for fact in production(facts.of("procfile.process")):
        if fact.get("name") == "web" and re.search(r"\$\{?PORT\b", fact.get("command", "")):
            yield fact, fact.excerpt
    for fact in production(facts.of("docker.expose")):
        if fact.get("final"):
            yield fact, fact.excerpt
    for workload in workloads(facts):
        for container in app_containers(workload):
            for port in container.get("ports") or []:
                if port.get("port") is not None:
                    yield (
                        Location(
                            workload.path, port.get("line") or workload.line, f"containerPort: {port.get('port')}"
                        ),
                        f"containerPort: {port.get('port')} ({workload.get('kind')} {workload.get('name')})",
                    )
    for service in deployed(facts, "k8s.service"):
        for port in service.get("ports") or []:
            target = port.get("target_port") if port.get("target_port") is not None else port.get("port")
            if target is not None:
                yield (
                    Location(service.path, port.get("line") or service.line, f"targetPort: {target}"),
                    f"targetPort: {target} (Service {service.get('name')})",
                )


def serves_network(facts: AppFacts, starts: list[Start]) -> bool:
    """Whether anything says the app exports a network service, in any language: a web framework
    or listener in code, a web framework or server declared, a server started, a process type
    named web, or a port declared by the deploy definitions."""
    if production(facts.of("web.app", "server.run", "webserver.module")):
        return True
    # an HTTP client that is also a server library (aiohttp) counts only by its server API in code
    if any(
        (known.WEB_DEPS[ecosystem] - known.CLIENT_SERVER_DISTS) & declared(facts, ecosystem).keys()
        for ecosystem in known.WEB_DEPS
    ):
        return True
    if any(server_of(s) is not None or s.program in OTHER_SERVERS or s.process == "web" for s in starts):
        return True
    if any(s.get("type") == "web" for s in deployed(facts, "platform.service")):
        return True
    return next(declared_ports(facts), None) is not None


def has_listener_evidence(facts: AppFacts) -> bool:
    """Whether anything says that the app listens on a port, whatever starts it (or nothing
    does): see `serves_network`, with the app's start commands, conventional ones included."""
    return serves_network(facts, [effective(s) for s in app_starts(facts)])


# --- production servers and development servers ------------------------------------------------------


def python_code_servers(facts: AppFacts) -> list[Fact]:
    """Production servers the app's Python code starts in its own process (`uvicorn.run(app)`,
    `web.run_app(app)`, aiohttp's `web.TCPSite`, `waitress.serve`), not development servers
    (`app.run()`), outside scripts and tests."""
    found = []
    for fact in production(facts.of("server.run")):
        if fact.get("lang") not in (None, "python") or _ONE_OFF_PATH.search(fact.path):
            continue
        if _embedded_dist(facts, fact) is not None:
            found.append(fact)
    return found


def ruby_start(facts: AppFacts) -> Fact | None:
    """What starts a Ruby web app: a start command running Ruby or a Rack server, a Rack
    `config.ru`, a Sinatra classic main file, a Rails app."""
    for start in app_starts(facts):
        if start.via == "conventional" or start.program in {"ruby", "rackup", "rails", "bundle"} | set(
            known.RUBY_SERVERS
        ):
            return start.fact
    return next(
        (f for f in production(facts.of("web.app")) if f.get("lang") == "ruby" and f.get("framework") == "rails"), None
    )


@dataclass(frozen=True, slots=True)
class DevServing:
    """A development server as a way the app serves: a start command or a code path."""

    where: tuple[Fact, ...]
    label: str  # `manage.py runserver`, `flask run`, `python app.py (app.run)`, `Sinatra classic (no server gem)`
    path: str


def _dev_program(start: Start) -> str | None:
    """The development server a start command runs, if any: Django's runserver, `flask run`,
    reloaders and development servers of the programs table (nodemon, `next dev`, vite)."""
    server = server_of(start)
    if server is not None and programs.canonical_name(server) not in PY_WEB_SERVERS:
        return f"{server} runserver" if server == _MANAGE_PY else f"{server} run"
    row = programs.program(start.program)
    if row is None or row.dev_args is None or (programs.DEV_SERVER not in row.roles and not row.dev_args):
        return None
    if not row.dev_args:
        return None if programs.BUILDER in row.roles and "build" in start.argv else row.name
    arg = next((a for a in row.dev_args if a in start.argv), None)
    return f"{row.name} {arg}" if arg is not None else None


def dev_servings(facts: AppFacts) -> list[DevServing]:
    """Every way the app is served by a development server: start commands (scripts followed,
    conventional starts included) that run one, a module started with `python x.py` whose server is
    `app.run()`, a Flask/Dash `app.run()` in the code when nothing starts the app, and a Sinatra
    classic app without a server gem (Sinatra then has no production server to run)."""

    def compute() -> list[DevServing]:
        found: list[DevServing] = []
        starts = app_starts(facts)
        for start in starts:
            ran = effective(start)
            label = _dev_program(ran)
            if label is not None:
                found.append(DevServing((start.fact,), label, start.fact.path))
                continue
            for call in _module_servers(facts, ran):
                if _embedded_dist(facts, call) is None and known.LOOPBACK_DEFAULT_CALLS.search(
                    str(call.get("api") or "")
                ):
                    found.append(
                        DevServing(
                            (start.fact, call),
                            f"python {python_script_of(ran) or '?'} ({call.get('api')})",
                            start.fact.path,
                        )
                    )
        if not starts:
            for call in production(facts.of("server.run")):
                if (
                    call.get("lang") in (None, "python")
                    and not _ONE_OFF_PATH.search(call.path)
                    and _embedded_dist(facts, call) is None
                    and known.LOOPBACK_DEFAULT_CALLS.search(str(call.get("api") or ""))
                ):
                    found.append(DevServing((call,), f"{call.get('api')}()", call.path))
        if ruby_server_gem(facts) is None:
            for app in production(facts.of("web.app")):
                if app.get("framework") == "sinatra" and app.get("lang") == "ruby":
                    found.append(DevServing((app,), "Sinatra's built-in server, no server gem", app.path))
                    break
        return found

    return list(facts.derive("serving.dev_servings", compute))


def production_servers(facts: AppFacts) -> list[Fact | Location]:
    """Evidence that the app serves through a production server in its own process, in any
    stack: a Python server program or in-code server, a Node.js or Go listener, an embedded JVM
    server in an executable artifact, a Ruby server gem with what starts it, a server program of
    another stack on a start command."""

    def compute() -> list[Fact | Location]:
        found: list[Fact | Location] = [s.evidence for s in servings(facts) if s.dist is not None]
        found += python_code_servers(facts) + node_listeners(facts) + code_listeners(facts, "go")
        if jvm_server_starters(facts) and jvm_executables(facts) and not war_deployments(facts):
            found += jvm_executables(facts)[:1]
        gem = ruby_server_gem(facts)
        if gem is not None and (code_listeners(facts, "ruby") or ruby_start(facts) is not None):
            found.append(gem)
        found += [
            s.fact for s in start_commands(facts) if s.program in OTHER_SERVERS and _dev_program(effective(s)) is None
        ]
        return found

    return list(facts.derive("serving.production_servers", compute))


def opaque(facts: AppFacts, start: Start) -> bool:
    """A start command whose process we cannot see: a variable, a script or a supervisor, or a
    Python/Node file that is not in the repository."""
    program = start.program
    if (
        not program
        or program.startswith("$")
        or program in SHELLS
        or program in _SUPERVISORS
        or re.search(r"\.(sh|bash)$|entrypoint", program)
    ):
        return True
    refs = _module_paths(start) or _node_paths(facts, start)
    return bool(refs) and not any(same_file(f.path, r) for f in facts.files for r in refs)


def effective_starts(facts: AppFacts) -> list[Start]:
    """The start commands reduced to what really runs (`sh -c "..."` opened, wrappers dropped)."""
    return [effective(s) for s in start_commands(facts)]


def web_evidence(facts: AppFacts) -> tuple[str, str] | None:
    """(what serves HTTP, where) for the app, if it serves HTTP at all: a web framework in code,
    else a start command running a web server."""
    for fact in production(facts.of("web.app")):
        return str(fact.get("framework")), fact.path
    for start in start_commands(facts):
        if is_web_server(start):
            return start.program, start.fact.path
    return None


# --- servers the environment provides -----------------------------------------------------------------


def in_server_module(fact: Fact) -> str | None:
    """The server a web-server configuration directive loads the app into, if it does
    (`WSGIScriptAlias` → Apache mod_wsgi, `passenger_enabled on` → Phusion Passenger)."""
    directive, text = fact.get("directive", ""), fact.excerpt
    if known.DIRECTIVE_OFF.search(text):
        return None
    for by_directive, by_text, server in known.IN_SERVER_MODULES:
        if (by_directive is not None and by_directive.match(directive)) or (
            by_text is not None and by_text.search(text)
        ):
            return server
    return None  # uwsgi_pass, JkMount: a proxy to a separate server process


def apache_images(facts: AppFacts) -> list[tuple[Fact, str]]:
    """(FROM, server) of final Dockerfile stages built on Apache HTTPD (`httpd`, `php:*-apache`)."""
    found: list[tuple[Fact, str]] = []
    for fact in production(facts.of("docker.from")):
        name = posixpath.basename(str(fact.get("image") or "")).lower()
        tag = str(fact.get("tag") or "").lower()
        if (
            fact.get("final")
            and not fact.get("stage_ref")
            and (name in known.APACHE_IMAGES or (name.startswith("php") and "apache" in f"{name}:{tag}"))
        ):
            found.append((fact, "Apache HTTPD" + (" + mod_php" if name.startswith("php") else "")))
    return found


@dataclass(frozen=True, slots=True)
class WarDeployment:
    """A JVM app built to run inside a servlet container the environment provides."""

    where: tuple[Fact | Location, ...]
    image: str  # the servlet container's image (`tomcat:10`), empty for the initializer form
    dest: str  # where the WAR is copied
    path: str  # the Dockerfile, or the initializer's source file
    manifest: str | None = None  # the build that declares the container as provided (initializer form)


def war_deployments(facts: AppFacts) -> list[WarDeployment]:
    """A WAR (packaging, or a copy into the deploy folder) on a servlet container image; else a
    SpringBootServletInitializer with spring-boot-starter-tomcat provided and no `java -jar` start."""

    def compute() -> list[WarDeployment]:
        wars = [m for m in jvm_builds(facts) if m.get("packaging") == "war"]
        for image in production(facts.of("docker.from")):
            if (
                not image.get("final")
                or image.get("stage_ref")
                or not known.SERVLET_IMAGES.search(str(image.get("image") or ""))
            ):
                continue
            copies = [
                c
                for c in production(facts.of("docker.copy"))
                if c.path == image.path
                and c.get("final")
                and (
                    known.SERVLET_DEPLOY_DIRS.search(str(c.get("dest") or ""))
                    or any(str(s).endswith(".war") for s in c.get("sources") or [])
                )
            ]
            if not (copies or wars):
                continue
            where: list[Fact | Location] = [
                Location(
                    m.path,
                    m.get("packaging_line") or m.line,
                    "<packaging>war</packaging>" if m.get("kind") == "maven" else "id 'war'",
                )
                for m in wars[:1]
            ]
            dest = str(copies[0].get("dest")) if copies else "webapps/"
            return [
                WarDeployment(
                    (*where, image, *copies[:1]),
                    f"{image.get('image')}:{image.get('tag') or 'latest'}",
                    dest,
                    image.path,
                )
            ]
        initializers = [f for f in production(facts.of("web.app")) if f.get("framework") == "servlet-war"]
        provided = [
            d
            for d in jvm_dependencies(facts)
            if d.get("name") == known.JVM_PROVIDED_CONTAINER and d.get("scope") in known.JVM_PROVIDED_SCOPES
        ]
        if initializers and provided and not jar_starts(facts):
            return [WarDeployment((initializers[0], provided[0]), "", "", initializers[0].path, provided[0].path)]
        return []

    return list(facts.derive("serving.war_deployments", compute))


# --- the JVM's embedded servers -----------------------------------------------------------------------


def jar_starts(facts: AppFacts) -> list[Start]:
    """Production start commands that run a jar or a war with `java -jar`."""
    return [s for s in running_starts(facts) if s.program == "java" and "-jar" in s.argv]


def jvm_server_starters(facts: AppFacts) -> list[Fact]:
    """Runtime dependencies that embed a web server in the app's process (Spring Boot starters, Ktor...)."""
    return [d for d in jvm_runtime_dependencies(facts) if d.get("name") in known.JVM_SERVER_STARTERS]


def _executable_artifact(manifest: Fact) -> tuple[str, int | None] | None:
    """How a build produces a self-contained artifact (all libraries inside, or an image)."""
    for plugin in manifest.get("plugins") or []:
        name = str(plugin.get("name"))
        if manifest.get("kind") == "maven":
            if name.endswith(":spring-boot-maven-plugin") and not plugin.get("skip"):
                return "spring-boot-maven-plugin (repackage)", plugin.get("line")
            if name.endswith(
                (
                    ":maven-shade-plugin",
                    ":jib-maven-plugin",
                    ":maven-jlink-plugin",
                    ":quarkus-maven-plugin",
                    ":micronaut-maven-plugin",
                )
            ):
                return name.split(":", 1)[1], plugin.get("line")
            if name.endswith(":maven-assembly-plugin") and "jar-with-dependencies" in (plugin.get("descriptors") or []):
                return "maven-assembly-plugin (jar-with-dependencies)", plugin.get("line")
        else:
            disabled = set(manifest.get("disabled_tasks") or [])
            if name == "org.springframework.boot":
                task = "bootWar" if manifest.get("packaging") == "war" else "bootJar"
                if task not in disabled:
                    return f"Spring Boot Gradle plugin ({task})", plugin.get("line")
            if name in ("com.github.johnrengelman.shadow", "com.gradleup.shadow", "io.github.goooler.shadow"):
                return "Shadow plugin (shadowJar)", plugin.get("line")
            if name in (
                "com.google.cloud.tools.jib",
                "org.beryx.jlink",
                "org.beryx.runtime",
                "io.quarkus",
                "io.micronaut.application",
            ):
                return name, plugin.get("line")
            if name == "application":
                return "application plugin (installDist)", plugin.get("line")
    return None


def jvm_executables(facts: AppFacts) -> list[Fact | Location]:
    """Evidence that the JVM app runs as its own process: a self-contained build (not a WAR) or a
    `java -jar` start."""
    found: list[Fact | Location] = []
    executable = facts.facts_where(
        "serving.executable_builds",
        "dep.manifest",
        lambda m: is_jvm_build(m) and m.get("packaging") != "war" and bool(_executable_artifact(m)),
    )
    for manifest in executable:
        fat = _executable_artifact(manifest)
        if fat:  # always: the filter kept those
            found.append(Location(manifest.path, fat[1] or manifest.line, fat[0]))
    found += [s.fact for s in jar_starts(facts)]
    return found


def code_listeners(facts: AppFacts, *langs: str) -> list[Fact]:
    """Production server calls of code in *langs* (`app.listen(...)`, `http.ListenAndServe`, Puma's `port`)."""
    return [f for f in production(facts.of("server.run")) if f.get("lang") in langs]


def node_listeners(facts: AppFacts) -> list[Fact]:
    """Production server calls of JavaScript/TypeScript code."""
    return code_listeners(facts, *sorted(known.NODE_LANGS))


def ruby_server_gem(facts: AppFacts) -> Fact | None:
    """The Ruby web server the Gemfile declares outside the development group (Puma first)."""
    gems = {name: fact for name, fact in declared(facts, "ruby").items() if fact.get("group") != "dev"}
    return next((gems[name] for name in known.RUBY_SERVERS if name in gems), None)


def spring_port_settings(facts: AppFacts) -> list[Fact]:
    """`server.port` of Spring configuration in production files and non-development profiles."""
    return [
        f
        for f in production(facts.of("config.assign"))
        if f.get("framework") == "spring"
        and not is_dev_profile(f.get("profile"))
        and f.get("name") == known.SPRING_PORT_SETTING
    ]


def spring_value_text(fact: Fact) -> str:
    """How a Spring value reads in a message: the literal, `${VAR:default}` or the expression."""
    source = fact.get("source")
    if source == "literal":
        return str(fact.get("value"))
    if source == "env":
        if fact.get("template"):
            return str(fact.get("template"))
        default = fact.get("env_default")
        return f"${{{fact.get('env_name')}{':' + str(default) if default is not None else ''}}}"
    return str(fact.get("text") or "…")


__all__ = [
    "Bind",
    "DevServing",
    "OTHER_SERVERS",
    "Serving",
    "WarDeployment",
    "apache_images",
    "dev_servings",
    "has_listener_evidence",
    "production_servers",
    "python_code_servers",
    "ruby_start",
    "bind_of",
    "code_listeners",
    "command_bind",
    "declared_ports",
    "default_is_loopback",
    "deploy_definitions",
    "distinct_servings",
    "effective_starts",
    "in_server_module",
    "inherits_start",
    "is_literal_port",
    "is_loopback",
    "jar_starts",
    "jvm_executables",
    "jvm_server_starters",
    "known_idle",
    "node_listeners",
    "opaque",
    "python_web_evidence",
    "ruby_server_gem",
    "run_env",
    "same_file",
    "server_of",
    "serves_network",
    "servings",
    "split_address",
    "spring_port_settings",
    "spring_value_text",
    "war_deployments",
    "web_evidence",
    "workloads",
]
