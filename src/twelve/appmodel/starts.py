"""How the app is started: the start commands the repository declares (Procfile, Dockerfile final
stage with its entrypoint script resolved, deploy compose services, Kubernetes containers,
platform services, package.json scripts) and the program each one really runs."""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from twelve.appmodel.deploy import concerns_app
from twelve.facts import AppFacts
from twelve.facts.model import Fact, data_for
from twelve.facts.shellwords import Command, split_commands
from twelve.knowledge import parity, programs
from twelve.model import Scope

PY_WEB_SERVERS = programs.names(programs.WEB_SERVER, ecosystem="python")


def production(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.scope is Scope.PRODUCTION]


def basename(path: str) -> str:
    return posixpath.basename(path)


# --- how the app is started -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Start:
    """One command that starts a process of the app, with the fact that states it."""

    fact: Fact
    argv: tuple[str, ...]
    via: str  # "dockerfile", "entrypoint", "procfile", "compose", "kubernetes", "platform"
    process: str  # process type ("web", "worker", ...) or "container"
    exec_: bool = True  # replaces its shell (PID 1 receives signals)
    background: bool = False
    #: the package-manager command this start was resolved from (`npm start`), if any
    package_script: str | None = None

    @property
    def program(self) -> str:
        """The program that really runs: runner prefixes (`bundle exec`, `poetry run`, `npx`,
        `python -m`) are looked through, and `rails server` is Puma, Rails' default server."""
        return program_of(self.argv)

    def command(self) -> Command:
        return Command(self.argv, " ".join(self.argv), self.exec_, self.background)


_RUNNERS = programs.RUNNER_PREFIXES
_PACKAGE_MANAGERS = programs.names(having="runs_package_scripts")


_PYTHON = re.compile(r"python[\d.]*")


def program_of(argv: tuple[str, ...] | list[str]) -> str:
    """The program a command line really runs (see Start.program)."""
    return _program_of(tuple(argv))


#: variable assignments a command line sets before its program (`NODE_ENV=production node app.js`)
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
#: prefixes that only set the environment of the program after them (`cross-env NODE_ENV=production
#: pm2 start app.js`, `env -i X=1 app`, `dotenv -e .env -- node app.js`)
_ENV_SETTERS = frozenset({"cross-env", "cross-env-shell", "env", "dotenv", "dotenvx"})


@functools.lru_cache(maxsize=4096)
def _program_of(argv: tuple[str, ...]) -> str:
    words = list(argv)
    while words:
        while words and _ASSIGNMENT.match(words[0]):
            words = words[1:]
        if not words:
            break
        first = words[0].rsplit("/", 1)[-1]
        if first in _ENV_SETTERS:
            if "--" in words:
                words = words[words.index("--") + 1 :]
                continue
            words = words[1:]
            while words and (words[0].startswith("-") or _ASSIGNMENT.match(words[0])):
                words = words[1:]
            continue
        skip = _RUNNERS.get((first, words[1] if len(words) > 1 else "")) or _RUNNERS.get((first,))
        if not skip:
            break
        words = words[skip:]
        while words and words[0].startswith("-"):  # runner options (`npx --yes`)
            words = words[1:]
    if not words:
        return ""
    first = words[0].rsplit("/", 1)[-1]
    if _PYTHON.fullmatch(first) and len(words) > 2 and words[1] == "-m":
        return words[2]
    if first == "rails" and len(words) > 1 and words[1] in ("server", "s"):
        return "puma"
    return first


_SCRIPT_ARG = re.compile(
    r"(^|/)[\w.-]+\.(sh|bash)$|(^|/)(docker-)?entrypoint[\w.-]*$|(^|/)bin/[\w.-]+$|(^|/)start[\w.-]*$"
)


def _script_facts(facts: AppFacts, ref: str) -> list[Fact]:
    name = basename(ref)
    candidates = [f for f in facts.of("shell.script") if basename(f.path) == name]
    return candidates


#: how many scripts deep a start command is followed (`CMD entry.sh` -> `exec serve.sh` -> ...)
MAX_SCRIPT_DEPTH = 4


def _path_scripts(facts: AppFacts) -> dict[str, Fact]:
    """Scripts a container runs by bare name: the repository folders a production Dockerfile
    copies into a folder its `ENV PATH` lists (`COPY scripts /scripts` + `ENV PATH=/scripts:$PATH`
    makes `commands.sh` and `runserver` commands), by file name and by name without extension."""

    def compute() -> dict[str, Fact]:
        dirs: dict[str, set[str]] = {}
        for env in production(facts.of("docker.env")):
            if env.get("key") == "PATH" and env.get("final"):
                dirs.setdefault(env.path, set()).update(
                    d.rstrip("/") for d in str(env.get("value") or "").split(":") if d.startswith("/")
                )
        found: dict[str, Fact] = {}
        if not dirs:
            return found
        scripts = facts.of("shell.script")
        for copy in production(facts.of("docker.copy")):
            if (
                not copy.get("final")
                or copy.get("from_stage")
                or str(copy.get("dest") or "").rstrip("/") not in dirs.get(copy.path, ())
            ):
                continue
            context = posixpath.dirname(copy.path)
            for source in copy.get("sources") or []:
                folder = posixpath.normpath(posixpath.join(context, str(source))).lstrip("./")
                for script in scripts:
                    if posixpath.dirname(script.path) == folder or (folder in (".", "") and "/" not in script.path):
                        name = basename(script.path)
                        found.setdefault(name, script)
                        found.setdefault(posixpath.splitext(name)[0], script)
        return found

    return dict(facts.derive("starts.path_scripts", compute))


def _script_starts(
    facts: AppFacts, script: Fact, via_fact: Fact, cmd_argv: tuple[str, ...] | None, seen: frozenset[str] = frozenset()
) -> list[Start]:
    """The process a start script ends up running: its last command, followed into the script
    that command runs (bounded, no cycles), or the image's CMD when it execs its arguments."""
    starts: list[Start] = []
    commands = [c for c in facts.of("shell.command") if c.path == script.path]
    last_line = script.get("last_line")
    for command in commands:
        if command.line == last_line:
            argv = tuple(command.get("argv", ()))
            nested = script_of(facts, argv) if len(seen) < MAX_SCRIPT_DEPTH else None
            if nested is not None and nested.path != script.path and nested.path not in seen:
                starts.extend(_script_starts(facts, nested, via_fact, cmd_argv, seen | {script.path}))
                continue
            starts.append(
                Start(
                    command, argv, "entrypoint", "container", bool(command.get("exec")), bool(command.get("background"))
                )
            )
    if script.get("execs_args") and cmd_argv:
        starts.append(Start(via_fact, cmd_argv, "dockerfile", "container", True))
    return starts


def script_chain(facts: AppFacts, argv: tuple[str, ...]) -> list[Fact]:
    """The scripts a command runs, followed through every command of each (bounded): `CMD
    commands.sh` gives commands.sh and the scripts it calls by name (migrate.sh, runserver.sh)."""
    first = script_of(facts, argv)
    if first is None:
        return []
    chain, queue = [first], [first]
    commands = facts.of("shell.command")
    while queue and len(chain) < 4 * MAX_SCRIPT_DEPTH:
        script = queue.pop(0)
        for command in commands:
            if command.path != script.path:
                continue
            nested = script_of(facts, tuple(command.get("argv") or ()))
            if nested is not None and all(nested.path != c.path for c in chain):
                chain.append(nested)
                queue.append(nested)
    return chain


def script_of(facts: AppFacts, argv: tuple[str, ...]) -> Fact | None:
    """The shell script a command runs (`sh ./entrypoint.sh`, `/docker-entrypoint.sh`, or a bare
    name a Dockerfile puts on the PATH), if we have it."""
    for word in argv[:5]:
        if word in ("sh", "bash", "/bin/sh", "/bin/bash", "-c", "-e", "-x", "--", "-g", "exec") or word.rsplit("/", 1)[
            -1
        ] in ("tini", "dumb-init", "tini-static", "gosu", "su-exec"):
            continue
        if _SCRIPT_ARG.search(word):
            found = _script_facts(facts, word)
            return found[0] if found else None
        if "/" not in word and not word.startswith(("-", "$")):
            on_path = _path_scripts(facts).get(word)
            if on_path is not None:
                return on_path
    return None


def builder_image(facts: AppFacts, path: str) -> bool:
    """Whether the production Dockerfile at *path* is a builder image: its start only packages
    the app (dpkg-buildpackage, rpmbuild, goreleaser...), directly or in the scripts it runs. Such
    a container is build evidence, not a run definition (`docker run -v $PWD/dist:/out app-deb`)."""
    found = builder_images(facts)
    return path in found


def builder_images(facts: AppFacts) -> frozenset[str]:
    """The paths of the production Dockerfiles that are builder images (see `builder_image`)."""

    def compute() -> frozenset[str]:
        heads: dict[str, list[Fact]] = {}
        for fact in production(facts.of("docker.entrypoint", "docker.cmd")):
            if fact.get("final"):
                heads.setdefault(fact.path, []).append(fact)
        found: set[str] = set()
        commands = facts.of("shell.command")
        for path, items in heads.items():
            argvs: list[tuple[str, ...]] = []
            for fact in items:
                if fact.get("form") == "exec":
                    argvs.append(tuple(fact.get("argv") or ()))
                else:
                    argvs.extend(c.argv for c in split_commands(str(fact.get("command") or "")) if c.argv)
            for argv in list(argvs):
                for script in script_chain(facts, argv):
                    argvs.extend(tuple(c.get("argv") or ()) for c in commands if c.path == script.path)
            if any(basename(program_of(argv)) in programs.PACKAGING_TOOLS for argv in argvs if argv):
                found.add(path)
        return frozenset(found)

    return facts.derive("starts.builder_images", compute)


def dockerfile_starts(facts: AppFacts) -> list[Start]:
    """The start command of each Dockerfile's final stage (ENTRYPOINT + CMD, scripts resolved)."""
    starts: list[Start] = []
    by_file: dict[str, dict[str, Fact]] = {}
    builders = builder_images(facts)
    for fact in production(facts.of("docker.entrypoint", "docker.cmd")):
        if not fact.get("final") or fact.path in builders:
            continue
        by_file.setdefault(fact.path, {})[fact.kind] = fact  # the last one wins, as in Docker
    for path in sorted(by_file):
        found = by_file[path]
        entry, cmd = found.get("docker.entrypoint"), found.get("docker.cmd")
        cmd_argv = tuple(cmd.get("argv", ())) if cmd else None
        head = entry or cmd
        if head is None:
            continue
        argv = tuple(head.get("argv", ()))
        script = script_of(facts, argv)
        if script is not None:
            starts.extend(_script_starts(facts, script, cmd or head, cmd_argv if entry else None))
            continue
        if entry and cmd_argv and entry.get("form") == "exec":
            starts.append(Start(entry, argv + cmd_argv, "dockerfile", "container", True))
        else:
            starts.append(Start(head, argv, "dockerfile", "container", head.get("form") == "exec"))
    return starts


def procfile_starts(facts: AppFacts) -> list[Start]:
    starts: list[Start] = []
    for fact in production(facts.of("procfile.process")):
        commands = fact.get("commands") or []
        if not commands:
            continue
        argv = tuple(commands[-1]["argv"])
        script = script_of(facts, argv)
        if script is not None:
            for start in _script_starts(facts, script, fact, None):
                starts.append(
                    Start(start.fact, start.argv, "procfile", fact.get("name"), start.exec_, start.background)
                )
            continue
        starts.append(Start(fact, argv, "procfile", fact.get("name"), True, bool(commands[-1].get("background"))))
    return starts


def compose_starts(facts: AppFacts, roles: tuple[str, ...] = ("deploy",)) -> list[Start]:
    starts: list[Start] = []
    for fact in facts.of("compose.service"):
        if fact.get("role") not in roles or not fact.get("build"):
            continue
        command = fact.get("command")
        if not command:
            continue
        if command.get("form") == "exec":
            argv = tuple(command["argv"])
        else:
            parsed = split_commands(command.get("command", ""))
            argv = parsed[-1].argv if parsed else ()
        starts.append(Start(fact, argv, "compose", fact.get("name"), True))
    return starts


#: workload kinds whose containers' commands are start commands
_STARTING_KINDS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig", "Service", "Pod"}
)


def kubernetes_starts(facts: AppFacts) -> list[Start]:
    """Containers of long-running workloads that state their own command (otherwise the image's
    CMD, read from its Dockerfile, is what runs)."""
    starts: list[Start] = []
    for fact in facts.of("k8s.workload"):
        if fact.get("kind") not in _STARTING_KINDS or not concerns_app(facts, fact):
            continue
        for container in fact.get("containers") or []:
            argv = tuple(str(w) for w in (container.get("command") or []) + (container.get("args") or []))
            if container.get("init") or not container.get("command"):
                continue
            starts.append(Start(fact, argv, "kubernetes", f"{fact.get('name')}/{container.get('name')}", True))
    for fact in facts.of("platform.service"):
        if not concerns_app(facts, fact):
            continue
        command = fact.get("start")
        if isinstance(command, str) and command.strip():
            parsed = split_commands(command)
            if parsed:
                starts.append(
                    Start(
                        fact, parsed[-1].argv, "platform", str(fact.get("name") or "web"), True, parsed[-1].background
                    )
                )
    return starts


def _package_script(facts: AppFacts, start: Start) -> Start:
    """`npm start` / `npm run web` / `yarn start` resolved to the command of that package.json script
    (also as the last command of `sh -c "exec npm run prod"`)."""
    argv = start.argv
    text = shell_string(argv)
    if text is not None:
        inner = split_commands(text)
        argv = unwrap(inner[-1].argv) if inner else argv
    words = [w.rsplit("/", 1)[-1] for w in argv[:3]]
    if not words or words[0] not in _PACKAGE_MANAGERS:
        return start
    name = None
    if len(words) > 1 and words[1] in ("start", "dev", "serve"):
        name = words[1]
    elif len(words) > 2 and words[1] in ("run", "run-script"):
        name = words[2]
    elif words[0] in ("yarn", "pnpm", "bun") and len(words) > 1 and not words[1].startswith("-"):
        name = words[1]
    if name is None:
        return start
    scripts = [f for f in facts.of("node.script") if f.get("name") == name]
    if not scripts:
        return start
    parsed = split_commands(str(scripts[0].get("command", "")))
    if not parsed:
        return start
    last = parsed[-1]
    return Start(
        start.fact,
        last.argv,
        start.via,
        start.process,
        False,
        start.background or last.background,
        " ".join(argv),
    )


def start_commands(facts: AppFacts) -> list[Start]:
    """Every production start command the repository declares (Procfile, Dockerfile, compose,
    Kubernetes and platform descriptors), package-manager scripts resolved."""

    def compute() -> list[Start]:
        raw = procfile_starts(facts) + dockerfile_starts(facts) + compose_starts(facts) + kubernetes_starts(facts)
        resolved = [_package_script(facts, start) for start in raw]
        dev = _dev_images(facts, resolved)
        return [s for s in resolved if s.fact.path not in dev]

    return list(facts.derive("start_commands", compute))


def compose_dockerfile(service: Fact) -> str | None:
    """The Dockerfile (its path in the repository) a compose service builds from this repository."""
    build = service.get("build")
    if not build or parity.REMOTE_CONTEXT.match(str(build.get("context") or "")):
        return None
    return posixpath.normpath(
        posixpath.join(
            posixpath.dirname(service.path),
            str(build.get("context") or "."),
            str(build.get("dockerfile") or "Dockerfile"),
        )
    )


def dev_images(facts: AppFacts) -> frozenset[str]:
    """Dockerfiles named like production ones that are development images (`_dev_images`)."""
    start_commands(facts)  # works them out
    return frozenset(facts.derive("starts.dev_images", frozenset))


def _dev_images(facts: AppFacts, resolved: list[Start]) -> frozenset[str]:
    """Dockerfiles (named like production ones) that are development images: a development compose
    file (a source mount, a dev name) builds them, no deploy compose file does, their start runs a
    development server (nodemon, `npm run dev`), and another start command is production's (a
    Procfile, another image, a manifest). Their start is not the app's production start."""
    from twelve.appmodel.deploy import dev_server_label

    def compute() -> frozenset[str]:
        built: dict[str, set[str]] = {}
        for service in facts.of("compose.service"):
            path = compose_dockerfile(service)
            if path is not None:
                built.setdefault(path, set()).add(str(service.get("role")))
        dev = {
            s.fact.path
            for s in resolved
            if s.via == "dockerfile"
            and built.get(s.fact.path) == {"dev"}
            and dev_server_label(s.program, s.argv) is not None
        }
        if not dev or all(s.fact.path in dev for s in resolved):
            return frozenset()  # the only start there is stays the one read
        return frozenset(dev)

    return facts.derive("starts.dev_images", compute)


def _synthetic(kind: str, path: str, excerpt: str, **data: object) -> Fact:
    """A fact standing for a file that states a start by existing (`config.ru`)."""
    return Fact(kind, path, 1, excerpt, data_for(kind, data), Scope.PRODUCTION)


def conventional_starts(facts: AppFacts) -> list[Start]:
    """The start command the app's stack implies when the repository declares none (no Procfile,
    container, compose, workload or platform start): `npm start` (package.json's `start` script,
    with `cross-env`/`env`/`dotenv` looked through), Rack's `config.ru` (`rackup`), a Sinatra
    classic main file (`ruby app.rb`). Each has `via` "conventional". A Go main package or a
    Node.js file that listens needs no start command to be judged (they bind their own port)."""

    def compute() -> list[Start]:
        if start_commands(facts):
            return []
        found: list[Start] = []
        for script in production(facts.of("node.script")):
            if script.get("name") != "start" or not concerns_app(facts, script):
                continue
            parsed = [c for c in split_commands(str(script.get("command") or "")) if c.argv]
            if parsed:
                found.append(
                    Start(script, parsed[-1].argv, "conventional", "web", False, parsed[-1].background, "npm start")
                )
        racks = sorted(
            f.path
            for f in facts.files_where(
                "starts.config_ru",
                lambda f: (f.path == "config.ru" or f.path.endswith("/config.ru")) and f.scope is Scope.PRODUCTION,
            )
        )
        for path in racks[:1]:
            found.append(
                Start(
                    _synthetic("web.app", path, "config.ru", framework="rack", api="config.ru", lang="ruby"),
                    ("rackup", path),
                    "conventional",
                    "web",
                )
            )
        if not racks:
            for fact in production(facts.of("web.app")):
                if fact.get("framework") == "sinatra" and str(fact.get("api") or "").startswith("require"):
                    found.append(Start(fact, ("ruby", fact.path), "conventional", "web"))
                    break
        return found

    return list(facts.derive("starts.conventional", compute))


def app_starts(facts: AppFacts) -> list[Start]:
    """The declared start commands, or else the conventional ones (see `conventional_starts`)."""
    return start_commands(facts) or conventional_starts(facts)


#: init processes that forward signals to their child and reap zombies
INIT_PROGRAMS = programs.names(programs.INIT)
SHELLS = programs.names(programs.SHELL)
#: wrappers that run the rest of the command line in place of themselves
_EXEC_WRAPPERS = INIT_PROGRAMS | {"exec", "env", "nohup", "setsid", "nice", "stdbuf"}
_USER_WRAPPERS = frozenset({"gosu", "su-exec", "s6-setuidgid", "chpst"})


# --- the process that really runs ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DockerHead:
    """The effective ENTRYPOINT and CMD of one production Dockerfile's final stage."""

    path: str
    entry: Fact | None
    cmd: Fact | None

    @property
    def head(self) -> Fact:
        return self.entry or self.cmd  # type: ignore[return-value]


def docker_heads(facts: AppFacts) -> list[DockerHead]:
    """The effective ENTRYPOINT and CMD of each production Dockerfile that runs the app (builder
    images, whose start only packages it, are left out); found once per app."""
    return list(facts.derive("starts.docker_heads", lambda: _docker_heads(facts)))


def _docker_heads(facts: AppFacts) -> list[DockerHead]:
    found: dict[str, dict[str, Fact]] = {}
    builders = builder_images(facts) | dev_images(facts)
    for fact in production(facts.of("docker.entrypoint", "docker.cmd")):
        if fact.get("final") and fact.path not in builders:
            found.setdefault(fact.path, {})[fact.kind] = fact  # the last one wins, as in Docker
    return [DockerHead(path, f.get("docker.entrypoint"), f.get("docker.cmd")) for path, f in sorted(found.items())]


def head_script(facts: AppFacts, head: DockerHead) -> Fact | None:
    return script_of(facts, tuple(head.head.get("argv", ())))


def unwrap(argv: Iterable[str]) -> tuple[str, ...]:
    """The command an init, `exec`, `env` or user-switching wrapper ends up running."""
    words = list(argv)
    while words:
        name = words[0].rsplit("/", 1)[-1]
        if name in _USER_WRAPPERS:
            words = words[2:]
        elif name in _EXEC_WRAPPERS:
            words.pop(0)
            while words and (words[0].startswith("-") or ("=" in words[0] and name == "env")):
                if words.pop(0) == "--":
                    break
        else:
            break
    return tuple(words)


def shell_string(argv: tuple[str, ...]) -> str | None:
    """The command string of `sh -c "<string>"`, if *argv* is one."""
    if argv and argv[0].rsplit("/", 1)[-1] in SHELLS and "-c" in argv[1:-1]:
        return argv[argv.index("-c") + 1]
    return None


def shell_form(fact: Fact) -> str | None:
    """The text a shell runs for this CMD/ENTRYPOINT (shell form, or exec form of `sh -c`)."""
    if fact.get("form") == "shell":
        return str(fact.get("command", ""))
    return shell_string(tuple(fact.get("argv", ())))


def starts_with_exec(text: str) -> bool:
    commands = split_commands(text)
    return bool(commands) and commands[-1].is_exec


def effective(start: Start) -> Start:
    """*start* with the argv of the command that really becomes the process: the last command of
    a shell-form line, the string of `sh -c`, without init or `exec` wrappers."""
    argv = start.argv
    fact = start.fact
    if fact.kind in ("docker.cmd", "docker.entrypoint") and tuple(fact.get("argv", ())) == argv:
        text = shell_form(fact)
        if text is not None:
            commands = split_commands(text)
            argv = commands[-1].argv if commands else ()
    else:
        text = shell_string(argv)
        if text is not None:
            commands = split_commands(text)
            argv = commands[-1].argv if commands else ()
    return dataclasses.replace(start, argv=unwrap(argv))


def long_running_starts(facts: AppFacts) -> list[Start]:
    """The commands that start long-running processes (a Procfile `release:` step runs once per deploy)."""
    return [s for s in start_commands(facts) if not (s.via == "procfile" and s.process == "release")]


def running_starts(facts: AppFacts) -> list[Start]:
    """Those start commands, each reduced to the program that really runs (see `effective`);
    worked out once per app."""
    return list(facts.derive("starts.running", lambda: [effective(s) for s in long_running_starts(facts)]))


def gunicorn_configs(facts: AppFacts) -> list[Fact]:
    """Assignments in gunicorn configuration files (gunicorn.conf.py or the file `-c` names);
    found once per app."""
    return list(facts.derive("starts.gunicorn_configs", lambda: _gunicorn_configs(facts)))


def _gunicorn_configs(facts: AppFacts) -> list[Fact]:
    gunicorn = programs.program("gunicorn")
    assert gunicorn is not None
    named = {
        basename(value)
        for s in running_starts(facts)
        if programs.program(s.program) is gunicorn
        for value in [s.command().flag_value(*gunicorn.config_flags)]
        if value and value.endswith(".py")
    }
    return [
        f
        for f in facts.of("config.assign")
        if f.get("container") == "module"
        and (re.match(r"gunicorn[\w.-]*\.py$", basename(f.path)) or basename(f.path) in named)
    ]


def is_web_server(start: Start) -> bool:
    program = start.program
    if program in PY_WEB_SERVERS:
        return True
    if program in ("flask",) and "run" in start.argv:
        return True
    return bool(
        program in ("python", "python3")
        and len(start.argv) > 1
        and start.argv[1].endswith(("manage.py",))
        and "runserver" in start.argv
    )


def python_script_of(start: Start) -> str | None:
    """`python app.py` -> "app.py"."""
    if start.program in ("python", "python3", "python2") and len(start.argv) > 1:
        for word in start.argv[1:]:
            if word.endswith(".py"):
                return word
            if not word.startswith("-"):
                return None
    return None
