"""VII. Port binding: the app is self-contained and exports its service by binding a port.

Everything here looks at the production start path (appmodel.start_commands): which server the
app's process starts, whether that server is a declared dependency, and which address and port
it binds. A server call under ``if __name__ == "__main__"`` counts only when the start command
runs that very module (``python app.py``); otherwise it is a developer convenience.

JavaScript/TypeScript servers are read the same way: a start command that runs a file with Node
(`node server.js`, `ts-node`, `bun`, an `npm start` resolved to its package.json script) serves
through the `server.run` facts of that file. Go and Ruby listeners have their own rules
(stack_go, stack_ruby), and so do the positive evidence of every stack other than Python (F07-S2
Node, F07-S3 Go, F07-S4 Spring Boot, F07-S5 Ruby): the generic rules here never judge those
stacks' start commands as missing a listener.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.model import Effect, Location
from twelve.knowledge import programs
from twelve import appmodel
from twelve.appmodel import Start
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, NEUTRAL, STRONG, WEAK, Hit, hit, rule

_PYTHONS = frozenset({"python", "python3", "python2"})
#: in-process server calls that are production servers (the dev servers, app.run and friends,
#: bind a port too but are not what the app should ship with: F05-S9)
_EMBEDDED_SERVERS = {"uvicorn.run": "uvicorn", "waitress.serve": "waitress", "hypercorn.asyncio.serve": "hypercorn",
                     "bjoern.run": "bjoern", "web.run_app": "aiohttp", "cherrypy.quickstart": "cherrypy",
                     "WSGIServer": "gevent", "gevent.pywsgi.WSGIServer": "gevent"}
#: in-process server calls whose default host is the loopback interface
_LOOPBACK_DEFAULT_CALLS = re.compile(r"(^|\.)(run|run_simple|quickstart)$")
#: servers that bind 127.0.0.1 when no address is given on the command line
_LOOPBACK_DEFAULT_PROGRAMS = frozenset(n for p in programs.PROGRAMS if p.binds_loopback_by_default for n in (p.name, *p.aliases))
#: environment variables through which each server takes its address instead of a flag
_HOST_ENV = {n: p.host_env for p in programs.PROGRAMS if p.host_env for n in (p.name, *p.aliases)}
_NON_SERVING_PROGRAMS = appmodel.WORKER_PROGRAMS | {"sleep", "tail", "cron", "crond", "supercronic", "true"}
#: programs that run a JavaScript/TypeScript file, and the options of theirs that take a value
_NODE_RUNNERS = frozenset({"node", "nodejs", "ts-node", "ts-node-dev", "tsx", "bun", "nodemon", "babel-node"})
_NODE_VALUED = frozenset({"-r", "--require", "--import", "--loader", "--experimental-loader", "--env-file", "-w",
                          "--watch", "--exec", "-e", "--ext", "--config", "-P", "--project", "--title", "-C", "--conditions"})
_JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx")
_JS_LANGS = frozenset({"javascript", "typescript"})
#: folders a TypeScript build writes to, whose sources live under src/
_BUILD_DIRS = re.compile(r"^(\./)?(dist|build|lib|out)/")
#: servers of other stacks a start command may run (their own rules judge how they bind)
_OTHER_SERVERS = frozenset({"puma", "unicorn", "falcon", "thin", "passenger", "rackup", "iodine", "next", "nuxt", "nginx",
                            "httpd", "apache2", "apache2ctl", "php-fpm", "caddy", "catalina.sh", "serve", "http-server"})
#: web frameworks and servers of every ecosystem: a declared one means the app serves a port
_WEB_DEPS = {
    "python": appmodel.PY_WEB_DISTS | set(appmodel.PY_SERVER_DISTS.values()),
    "node": {"express", "fastify", "koa", "@nestjs/core", "@nestjs/platform-express", "@nestjs/platform-fastify", "next",
             "nuxt", "@hapi/hapi", "hapi", "restify", "@remix-run/serve", "sails", "@adonisjs/core", "polka", "micro",
             "hono", "@hono/node-server", "elysia", "@feathersjs/feathers", "@sveltejs/kit", "astro"},
    "ruby": {"rails", "railties", "sinatra", "puma", "unicorn", "falcon", "thin", "passenger", "hanami", "roda", "grape",
             "iodine"},
    "java": {"org.springframework.boot:spring-boot-starter-web", "org.springframework.boot:spring-boot-starter-webflux",
             "org.springframework.boot:spring-boot-starter-jersey", "io.micronaut:micronaut-http-server-netty",
             "io.quarkus:quarkus-resteasy", "io.quarkus:quarkus-resteasy-reactive", "io.quarkus:quarkus-rest",
             "io.quarkus:quarkus-vertx-http", "io.javalin:javalin", "io.ktor:ktor-server-netty", "io.ktor:ktor-server-cio",
             "io.dropwizard:dropwizard-core", "io.vertx:vertx-web", "com.sparkjava:spark-core",
             "org.apache.tomcat.embed:tomcat-embed-core", "org.eclipse.jetty:jetty-server"},
    "go": {"github.com/gin-gonic/gin", "github.com/labstack/echo/v4", "github.com/labstack/echo", "github.com/gofiber/fiber/v2",
           "github.com/gofiber/fiber/v3", "github.com/go-chi/chi/v5", "github.com/go-chi/chi", "github.com/gorilla/mux",
           "google.golang.org/grpc", "github.com/valyala/fasthttp", "github.com/julienschmidt/httprouter"},
}


# --- the production start path -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bind:
    """The address a start command (or the server call it runs) binds."""

    host: str | None  # None: not given
    port: str | None
    unix: bool = False


def _server_of(start: Start) -> str | None:
    """The server program a start command runs ("gunicorn", "flask", "manage.py"), if any."""
    program = start.program
    if program in appmodel.PY_WEB_SERVERS:
        return program
    if program == "flask" and "run" in start.argv:
        return "flask"
    if appmodel.is_web_server(start) and "runserver" in start.argv:
        return "manage.py"
    return None


def _split_address(value: str) -> Bind:
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


def _command_bind(start: Start, server: str) -> Bind:
    command = start.command()
    if server in ("gunicorn", "gunicorn3", "hypercorn"):
        value = command.flag_value("--bind", "-b")
        return _split_address(value) if value else Bind(None, None)
    if server == "daphne":
        if command.has_flag("-u", "--unix-socket", "--fd", "-e", "--endpoint"):
            return Bind(None, None, unix=True)
        return Bind(command.flag_value("-b", "--bind"), command.flag_value("-p", "--port"))
    if server == "waitress-serve":
        listen = command.flag_value("--listen")
        if listen:
            return _split_address(listen)
        return Bind(command.flag_value("--host") or "0.0.0.0", command.flag_value("--port"))
    if server in ("uwsgi",):
        value = command.flag_value("--http", "--http-socket")
        return _split_address(value) if value else Bind(None, None, unix=True)
    if server == "manage.py":
        index = start.argv.index("runserver")
        rest = [w for w in start.argv[index + 1:] if not w.startswith("-")]
        return _split_address(rest[0]) if rest else Bind(None, None)
    if command.has_flag("--uds", "--fd"):
        return Bind(None, None, unix=True)
    return Bind(command.flag_value("--host", "-h"), command.flag_value("--port", "-p"))


def _module_paths(start: Start) -> tuple[str, ...]:
    """Candidate repository paths of the Python module a start command runs (`python app.py`)."""
    script = appmodel.python_script_of(start)
    if script:
        return (script,)
    argv = start.argv
    if len(argv) > 2 and posixpath.basename(argv[0]) in _PYTHONS and argv[1] == "-m":
        module = argv[2].replace(".", "/")
        return (module + ".py", module + "/__main__.py")
    return ()


def _same_file(path: str, ref: str) -> bool:
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
    return [f for f in appmodel.production(facts.of("server.run")) if any(_same_file(f.path, r) for r in refs)]


def _node_file(start: Start) -> str | None:
    """The file argument of a Node runner (`node -r dotenv/config dist/main.js` -> "dist/main.js")."""
    words = list(start.argv)
    while words and appmodel.basename(words[0]) not in _NODE_RUNNERS:
        words.pop(0)  # runner prefixes (`npx`, `env X=1`) before the program
    skip = True  # the program itself
    for index, word in enumerate(words):
        if skip:
            skip = False
        elif word in _NODE_VALUED:
            skip = True
        elif not word.startswith("-") and not (index == 1 and appmodel.basename(words[0]) == "bun" and word == "run"):
            return word  # the first positional word (`bun run server.ts` names the file after `run`)
    return None


def _node_paths(facts: AppFacts, start: Start) -> tuple[str, ...]:
    """Candidate repository paths of the JavaScript/TypeScript file a start command runs: the
    file given to node/ts-node/bun (or package.json's `main` for `node .`), its TypeScript source
    when it is a build output (dist/main.js -> src/main.ts), and server.js for an `npm start`
    with no start script (npm's own default)."""
    program = start.program
    if program in ("npm", "yarn", "pnpm") and start.package_script is None and start.argv[1:2] == ("start",):
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
    return [f for f in appmodel.production(facts.of("server.run"))
            if f.get("lang") in _JS_LANGS and any(_same_file(f.path, r) for r in refs)]


def _embedded_dist(facts: AppFacts, call: Fact) -> str | None:
    api = call.get("api", "")
    if api in _EMBEDDED_SERVERS:
        return _EMBEDDED_SERVERS[api]
    if api == "serve":  # `from waitress import serve` / `from hypercorn.asyncio import serve`
        modules = " ".join(m for f in facts.of("import") if f.path == call.path for m in f.get("modules", []))
        return "waitress" if "waitress" in modules else "hypercorn" if "hypercorn" in modules else None
    if api.endswith("listen") and api != "listen":
        return "tornado"
    return None


def _call_bind(call: Fact) -> Bind:
    host, port = call.get("host") or {}, call.get("port") or {}
    listen = call.get("listen")
    if listen and listen.get("source") == "literal":
        return _split_address(str(listen.get("value")))
    shown_host = str(host.get("value")) if host.get("source") == "literal" else None
    if host.get("source") == "default" and _LOOPBACK_DEFAULT_CALLS.search(call.get("api", "")) \
            and not call.get("api", "").startswith("bjoern"):
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


def _servings(facts: AppFacts) -> list[Serving]:
    found: list[Serving] = []
    for start in appmodel.start_commands(facts):
        server = _server_of(start)
        if server is not None:
            found.append(Serving(start, server, appmodel.PY_SERVER_DISTS.get(server)))
            continue
        for call in _module_servers(facts, start):
            found.append(Serving(start, call.get("api", ""), _embedded_dist(facts, call), call))
        for call in _node_servers(facts, start):
            found.append(Serving(start, call.get("api", ""), None, call))
    return found


def _bind(facts: AppFacts, serving: Serving) -> Bind:
    if serving.call is not None:
        return _call_bind(serving.call)
    bind = _command_bind(serving.start, serving.server)
    if serving.server in ("gunicorn", "gunicorn3") and bind.host is None and bind.port is None:
        configured = _gunicorn_config_bind(facts)
        if configured is not None:  # `bind = "127.0.0.1:8000"` in gunicorn.conf.py
            value = configured.get("value") if configured.get("source") == "literal" else None
            return _split_address(str(value)) if isinstance(value, str) else Bind("$", "$")
    return bind


def _run_env(facts: AppFacts) -> set[str]:
    """Variables the deploy definitions set for the running container."""
    names = {f.get("key") for f in appmodel.production(facts.of("docker.env")) if f.get("final")}
    for service in facts.of("compose.service"):
        if service.get("role") == "deploy" and service.get("build"):
            names.update(e.get("key") for e in service.get("environment") or [])
    for app in facts.of("heroku.app"):
        names.update(app.get("env") or [])
    return {n for n in names if n}


def _gunicorn_config_bind(facts: AppFacts) -> Fact | None:
    """`bind = ...` in a gunicorn configuration module (gunicorn reads ./gunicorn.conf.py itself)."""
    for fact in appmodel.production(facts.of("config.assign")):
        if fact.get("name") == "bind" and posixpath.basename(fact.path).startswith("gunicorn"):
            return fact
    return None


def _is_loopback(host: str | None) -> bool:
    return bool(host) and (host in ("localhost", "::1", "ip6-localhost") or str(host).startswith("127."))


def _is_literal_port(port: str | None) -> bool:
    return bool(port) and str(port).isdigit()


def _is_python(fact: Fact) -> bool:
    return fact.get("lang") in (None, "python")


def _is_web_app(facts: AppFacts) -> list[Fact]:
    """Evidence that the app serves HTTP from Python: a framework object in code, or a framework
    declared. The other stacks' serving is judged by their own rules (F07-S2...S5)."""
    evidence = [f for f in appmodel.production(facts.of("web.app")) if _is_python(f)]
    declared = appmodel.declared(facts)
    evidence += [declared[name] for name in sorted(appmodel.PY_WEB_DISTS & declared.keys())]
    return evidence


def _workloads(facts: AppFacts) -> list[Fact]:
    """This app's long-running Kubernetes workloads that run an app container (stack_deploy
    attributes a shared manifest to the app it names)."""
    return appmodel.deployed_workloads(facts, appmodel.LONG_RUNNING_KINDS)


def _services(facts: AppFacts) -> list[Fact]:
    return appmodel.deployed(facts, "platform.service")


def _deploy_definitions(facts: AppFacts) -> list[Fact]:
    found = appmodel.production(facts.of("docker.file")) + appmodel.production(facts.of("procfile.process"))
    found += [f for f in facts.of("compose.service") if f.get("role") == "deploy" and f.get("build")]
    return found


def _inherits_start(facts: AppFacts) -> bool:
    """A production Dockerfile without CMD/ENTRYPOINT runs whatever its base image starts, and a
    workload or platform service that states no command runs its image's: unknown, unless the
    image is built here (then its Dockerfile's start is among the start commands)."""
    started = {f.path for f in facts.of("docker.cmd", "docker.entrypoint") if f.get("final")}
    dockerfiles = appmodel.production(facts.of("docker.file"))
    if any(f.path not in started for f in dockerfiles):
        return True
    if dockerfiles:
        return False
    commandless = [c for w in _workloads(facts) for c in appmodel.app_containers(w) if not c.get("command")]
    return bool(commandless) or any(not s.get("start") for s in _services(facts))


def _loose_servers(facts: AppFacts) -> list[Fact]:
    """Server calls that run on import (no `__main__` guard): any module importing them serves."""
    return [f for f in appmodel.production(facts.of("server.run")) if not f.get("main_guard")]


def _known_idle(facts: AppFacts, start: Start) -> bool:
    """A start command we can tell exports no network service (a worker, a CLI, a script that
    does not serve); anything we cannot read (other languages, supervisors) is not idle."""
    if _server_of(start) is not None:
        return False
    if start.program in _NON_SERVING_PROGRAMS:
        return True
    argv = start.argv
    if start.program == "flask" or len(argv) > 1 and argv[1].endswith("manage.py"):
        return True  # admin commands; `flask run` / `runserver` were caught above
    refs = _module_paths(start)
    if refs and any(_same_file(f.path, r) for f in facts.files for r in refs):
        return not _module_servers(facts, start) and not _loose_servers(facts)
    return False


# --- rules ------------------------------------------------------------------------------------------


def _declared_ports(facts: AppFacts) -> Iterator[tuple[Fact | Location, str]]:
    """Ports the deploy definitions say a process listens on: EXPOSE, a Procfile `web:` line
    binding $PORT, Kubernetes containerPort and Service targetPort (evidence, excerpt)."""
    for fact in appmodel.production(facts.of("procfile.process")):
        if fact.get("name") == "web" and re.search(r"\$\{?PORT\b", fact.get("command", "")):
            yield fact, fact.excerpt
    for fact in appmodel.production(facts.of("docker.expose")):
        if fact.get("final"):
            yield fact, fact.excerpt
    for workload in _workloads(facts):
        for container in appmodel.app_containers(workload):
            for port in container.get("ports") or []:
                if port.get("port") is not None:
                    yield (Location(workload.path, port.get("line") or workload.line, f"containerPort: {port.get('port')}"),
                           f"containerPort: {port.get('port')} ({workload.get('kind')} {workload.get('name')})")
    for service in appmodel.deployed(facts, "k8s.service"):
        for port in service.get("ports") or []:
            target = port.get("target_port") if port.get("target_port") is not None else port.get("port")
            if target is not None:
                yield (Location(service.path, port.get("line") or service.line, f"targetPort: {target}"),
                       f"targetPort: {target} (Service {service.get('name')})")


def _serving_evidence(facts: AppFacts, starts: list[Start]) -> bool:
    """Whether anything says the app exports a network service, in any language: a web framework
    or listener in code, a web framework or server declared, a server started, a process type
    named web, or a port declared by the deploy definitions."""
    if appmodel.production(facts.of("web.app", "server.run", "webserver.module")):
        return True
    if any(_WEB_DEPS[ecosystem] & appmodel.declared(facts, ecosystem).keys() for ecosystem in _WEB_DEPS):
        return True
    if any(_server_of(s) is not None or s.program in _OTHER_SERVERS or s.process == "web" for s in starts):
        return True
    if any(s.get("type") == "web" for s in _services(facts)):
        return True
    return next(_declared_ports(facts), None) is not None


def _opaque(facts: AppFacts, start: Start) -> bool:
    """A start command whose process we cannot see: a variable, a script or a supervisor, or a
    Python/Node file that is not in the repository."""
    program = start.program
    if not program or program.startswith("$") or program in appmodel.SHELLS or program in appmodel.SUPERVISORS \
            or re.search(r"\.(sh|bash)$|entrypoint", program):
        return True
    refs = _module_paths(start) or _node_paths(facts, start)
    return bool(refs) and not any(_same_file(f.path, r) for f in facts.files for r in refs)


@rule("F07-NA", factor=7, polarity=NEUTRAL, strength=WEAK, effect=Effect.NOT_APPLICABLE)
def no_network_service(facts: AppFacts) -> Iterator[Hit]:
    starts = [appmodel.effective(s) for s in appmodel.start_commands(facts)]  # `sh -c "..."` opened, wrappers dropped
    if not starts or _inherits_start(facts) or _serving_evidence(facts, starts):
        return
    if not any(_opaque(facts, s) for s in starts):
        yield hit(*(s.fact for s in starts), processes=sorted({s.process for s in starts}),
                  commands=[" ".join(s.argv) for s in starts])


@rule("F07-S1", factor=7, polarity=FOR, strength=STRONG, ecosystems=("py",))
def self_contained_server(facts: AppFacts) -> Iterator[Hit]:
    declared = appmodel.declared(facts)
    for serving in _servings(facts):
        manifest = declared.get(serving.dist) if serving.dist else None
        if manifest is None:  # dev servers (flask run, runserver, app.run) have no distribution here
            continue
        where = [serving.start.fact, manifest] + ([serving.call] if serving.call else [])
        yield hit(*where, server=serving.dist, command=serving.text,
                  manifest=manifest.path, spec=f"{manifest.get('display') or manifest.get('name')}{manifest.get('spec') or ''}")


@rule("F07-AP2", factor=7, polarity=AGAINST, strength=MODERATE, ecosystems=("py",))
def server_not_declared(facts: AppFacts) -> Iterator[Hit]:
    declared = appmodel.declared(facts)
    for serving in _servings(facts):
        if serving.dist and serving.dist not in declared:
            yield hit(serving.evidence, server=serving.dist, command=serving.text)


@rule("F07-S6", factor=7, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def port_declared_by_deploy(facts: AppFacts) -> Iterator[Hit]:
    for where, detail in _declared_ports(facts):
        yield hit(where, detail=detail)


def _module_server(fact: Fact) -> str | None:
    """The in-server module a configuration directive loads the app with, if it does."""
    directive, text = fact.get("directive", ""), fact.excerpt
    if re.search(r"(?i)\boff\b", text):
        return None
    if re.match(r"(?i)passenger", directive):
        return "Phusion Passenger"
    if re.match(r"(?i)wsgi", directive) or re.search(r"(?i)wsgi_module", text):
        return "Apache mod_wsgi"
    if re.search(r"(?i)php\w*_module", text):
        return "Apache mod_php"
    return None  # uwsgi_pass, JkMount: a proxy to a separate server process


@rule("F07-S8", factor=7, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",))
def loaded_into_web_server(facts: AppFacts) -> Iterator[Hit]:
    for fact in appmodel.production(facts.of("webserver.module")):
        server = _module_server(fact)
        if server is not None:
            yield hit(fact, server=server, detail=fact.excerpt, path=fact.path)
    for fact in appmodel.production(facts.of("docker.from")):
        name = posixpath.basename(str(fact.get("image") or "")).lower()
        tag = str(fact.get("tag") or "").lower()
        if fact.get("final") and not fact.get("stage_ref") and \
                (name in ("httpd", "apache", "apache2") or name.startswith("php") and "apache" in f"{name}:{tag}"):
            yield hit(fact, server="Apache HTTPD" + (" + mod_php" if name.startswith("php") else ""), detail=fact.excerpt,
                      path=fact.path)


@rule("F07-S9", factor=7, polarity=AGAINST, strength=MODERATE)
def web_app_without_listener(facts: AppFacts) -> Iterator[Hit]:
    web = _is_web_app(facts)
    definitions = _deploy_definitions(facts)
    starts = appmodel.start_commands(facts)
    if not web or not definitions or not starts or _inherits_start(facts):
        return
    if all(_known_idle(facts, s) for s in starts):
        yield hit(web[0], *(s.fact for s in starts), web=web[0].path,
                  commands=[" ".join(s.argv) for s in starts])


def _variant(serving: Serving) -> str | None:
    """The catalogue variant for a server call of another language (its remediation is Node's)."""
    return "node" if serving.call is not None and serving.call.get("lang") in _JS_LANGS else None


def _once(servings: list[Serving]) -> list[Serving]:
    """One serving per evidence line: a Procfile and a Dockerfile may run the same file."""
    seen: set[tuple[str, int | None]] = set()
    out: list[Serving] = []
    for serving in servings:
        key = (serving.evidence.path, serving.evidence.line)
        if key not in seen:
            seen.add(key)
            out.append(serving)
    return out


@rule("F07-S10", factor=7, polarity=AGAINST, strength=WEAK, basis=ADVICE)
def hard_coded_port(facts: AppFacts) -> Iterator[Hit]:
    # a literal on the command line or in code wins over any environment variable
    for serving in _once(_servings(facts)):
        bind = _bind(facts, serving)
        if bind.unix or not _is_literal_port(bind.port):
            continue
        yield hit(serving.evidence, variant=_variant(serving), port=bind.port, command=serving.text,
                  path=serving.evidence.path)


@rule("F07-S11", factor=7, polarity=AGAINST, strength=MODERATE, basis=ADVICE)
def loopback_only(facts: AppFacts) -> Iterator[Hit]:
    env = _run_env(facts)
    for serving in _once(_servings(facts)):
        bind = _bind(facts, serving)
        if bind.unix:
            continue
        if _is_loopback(bind.host):
            yield hit(serving.evidence, variant=_variant(serving), host=bind.host, command=serving.text,
                      path=serving.evidence.path)
        elif bind.host is None and serving.call is None and _default_is_loopback(serving, env):
            yield hit(serving.evidence, host="127.0.0.1", command=serving.text, path=serving.evidence.path)


def _default_is_loopback(serving: Serving, env: set[str]) -> bool:
    """Whether a server started without an address falls back to 127.0.0.1 in this deploy."""
    server = serving.server
    if server not in _LOOPBACK_DEFAULT_PROGRAMS or env & set(_HOST_ENV.get(server, ())):
        return False
    if server in ("gunicorn", "gunicorn3"):
        # the platform sets PORT under a Procfile; a config file states its own bind
        return serving.start.via != "procfile" and not serving.start.command().has_flag("-c", "--config")
    return True


@rule("F07-NE", factor=7, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def web_app_without_start(facts: AppFacts) -> Iterator[Hit]:
    web = _is_web_app(facts)
    if web and not appmodel.start_commands(facts) and not _deploy_definitions(facts):
        yield hit(web[0], web=web[0].path)
