"""How each process of the app stops, and what stands between its start command and a ready process.

- graceful stops: the server a start command runs and whether it drains on SIGTERM by default
  (`graceful_server`), the SIGTERM handlers and shutdown hooks the code registers
  (`draining_handlers`, `shutdown_hooks`), and what each stack adds: a Node.js handler that
  closes the server, Go's signal + `Shutdown` pair, Spring Boot's graceful shutdown
  (`spring_graceful`), Ruby servers whose TERM is graceful (`ruby_graceful_gems`);
- builder images: Dockerfiles whose start command builds a package instead of running the app
  (`builder_paths`), left out of the app's heads and starts (`app_heads`, `lasting_starts`);
- whether SIGTERM reaches the process: exec-form commands, `exec` in scripts, init programs,
  a package manager as PID 1 (`execs_directly`, `shell_heads`, `package_manager_pid1`);
- loops that keep a process running outside any server and that nothing stops gracefully
  (`unstopped_loops`);
- start-up work: schema changes, installs, long sleeps and unbounded waits in the start path
  (`startup_work`), and how long the server drains (`drain_timeout`).

Every answer is a pure function of one app's facts; the lists are computed once per app.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from twelve.appmodel.packages import declared, jvm_builds
from twelve.appmodel.starts import (
    SHELLS,
    DockerHead,
    Start,
    basename,
    builder_images,
    docker_heads,
    gunicorn_configs,
    head_script,
    long_running_starts,
    production,
    python_script_of,
    running_starts,
    shell_form,
    shell_string,
    start_commands,
    starts_with_exec,
    unwrap,
)
from twelve.appmodel.state import jvm_runtime_dependencies
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.shellwords import split_commands
from twelve.facts.springconfig import is_dev_profile
from twelve.knowledge import frameworks, programs
from twelve.model import Location

#: how the facts name the termination signal
SIGTERM = frozenset({"SIGTERM", "15"})
#: handler values that do not stop the process gracefully (ignore the signal, restore the default)
_NOT_HANDLING = frozenset({"SIG_IGN", "SIG_DFL"})
JS_LANGS = frozenset({"javascript", "typescript"})
_NODE_LANGS = frozenset({"javascript", "typescript", "prisma"})
#: hooks that do not run on SIGTERM: atexit (SIGTERM kills the interpreter) and per-request teardown
_NOT_ON_SIGTERM = ("atexit", "teardown")
_SUPERVISORS = programs.names(programs.SUPERVISOR)
_INIT_PROGRAMS = programs.names(programs.INIT)
#: the server whose configuration files `gunicorn_configs` reads
_GUNICORN: programs.Program = programs.program("gunicorn")  # type: ignore[assignment]


def _code(facts: AppFacts, kind: str, langs: frozenset[str]) -> list[Fact]:
    return [f for f in production(facts.of(kind)) if f.get("lang") in langs]


# --- builder images: Dockerfiles that package the app instead of running it ------------------------


def builder_paths(facts: AppFacts) -> frozenset[str]:
    """The builder images of the app model (`starts.builder_images`: production Dockerfiles whose
    start only packages the app) and the scripts their start runs: run by hand to produce a .deb,
    an .rpm or a release archive, their command is not a process of the app (its SIGTERM, start-up
    work and PID 1 are not the app's)."""

    def compute() -> frozenset[str]:
        images = builder_images(facts)
        found = set(images)
        for head in docker_heads(facts):
            if head.path in images:
                script = head_script(facts, head)
                if script is not None:
                    found.add(script.path)
        return frozenset(found)

    return facts.derive("shutdown.builder_paths", compute)


def app_heads(facts: AppFacts) -> list[DockerHead]:
    """The effective ENTRYPOINT and CMD of each production Dockerfile that runs the app (builder
    images aside)."""
    builders = builder_paths(facts)
    return [h for h in docker_heads(facts) if h.path not in builders]


def lasting_starts(facts: AppFacts) -> list[Start]:
    """The commands that start the app's long-running processes (`long_running_starts`), builder
    images' commands aside."""
    builders = builder_paths(facts)
    return [s for s in long_running_starts(facts) if s.fact.path not in builders]


def app_running_starts(facts: AppFacts) -> list[Start]:
    """Those, each reduced to the program that really runs (`running_starts`)."""
    builders = builder_paths(facts)
    return [s for s in running_starts(facts) if s.fact.path not in builders]


# --- handlers and hooks -------------------------------------------------------------------------


def draining_handlers(facts: AppFacts) -> list[Fact]:
    """Production SIGTERM handlers of any language that stop the process gracefully: they neither
    ignore the signal, restore its default nor exit at once, and (JavaScript) are not known to
    leave the server open (`drains` False: a handler that only logs or exits later)."""
    return list(
        facts.derive(
            "shutdown.draining_handlers",
            lambda: [
                f
                for f in production(facts.of("signal.handler"))
                if f.get("signal") in SIGTERM
                and f.get("handler") not in _NOT_HANDLING
                and not f.get("exits_immediately")
                and f.get("drains") is not False
            ],
        )
    )


def shutdown_hooks(facts: AppFacts) -> list[Fact]:
    """Production shutdown hooks of any language that run when SIGTERM stops the process (a FastAPI
    lifespan, `srv.Shutdown`, `@PreDestroy`, `server.shutdown=graceful`...), not atexit or teardown."""
    return list(
        facts.derive(
            "shutdown.hooks",
            lambda: [
                f
                for f in production(facts.of("shutdown.hook"))
                if not any(word in str(f.get("api")) for word in _NOT_ON_SIGTERM)
            ],
        )
    )


def python_code_shutdown(facts: AppFacts) -> bool:
    """Whether Python code registers a handler or hook that stops the process gracefully."""
    return any(f.get("lang") in (None, "python") for f in draining_handlers(facts) + shutdown_hooks(facts))


def node_draining(facts: AppFacts) -> list[Fact]:
    """JavaScript/TypeScript SIGTERM handlers known to close the server (`drains`), then the
    shutdown hooks (`app.enableShutdownHooks()`, terminus): what stops a Node.js server gracefully
    (Node.js exits at once on SIGTERM when nothing handles it)."""
    handlers = [
        f
        for f in _code(facts, "signal.handler", _NODE_LANGS)
        if f.get("signal") in SIGTERM and f.get("drains") and not f.get("exits_immediately")
    ]
    return handlers + _code(facts, "shutdown.hook", _NODE_LANGS)


def node_sigterm_handlers(facts: AppFacts) -> list[Fact]:
    """Every production JavaScript/TypeScript SIGTERM handler, draining or not."""
    return [f for f in _code(facts, "signal.handler", _NODE_LANGS) if f.get("signal") in SIGTERM]


def node_servers(facts: AppFacts) -> list[Fact]:
    """The servers a Node.js app starts (`app.listen`), or else its web apps."""
    return _code(facts, "server.run", _NODE_LANGS) or _code(facts, "web.app", _NODE_LANGS)


_GO = frozenset({"go"})


def go_term_handlers(facts: AppFacts) -> list[Fact]:
    """Production Go handlers that wait for SIGTERM (`signal.Notify`, `signal.NotifyContext`)."""
    return [
        f
        for f in _code(facts, "signal.handler", _GO)
        if "SIGTERM" in (f.get("signals") or [f.get("signal")])
        and f.get("handler") not in _NOT_HANDLING
        and not f.get("exits_immediately")
    ]


def go_hooks(facts: AppFacts) -> list[Fact]:
    """Production Go calls that stop a server gracefully (`srv.Shutdown(ctx)`)."""
    return _code(facts, "shutdown.hook", _GO)


def go_servers(facts: AppFacts) -> list[Fact]:
    return _code(facts, "server.run", _GO)


def go_graceful_pair(facts: AppFacts) -> tuple[Fact, Fact] | None:
    """The first SIGTERM wait and the first Shutdown call of a Go app, when it has both: a Go
    server stops gracefully only when the code catches the signal and calls Shutdown."""
    handlers, hooks = go_term_handlers(facts), go_hooks(facts)
    return (handlers[0], hooks[0]) if handlers and hooks else None


def read_per_stack(facts: AppFacts) -> set[tuple[str, int | None]]:
    """(path, line) of the handlers and hooks a stack reads its own way: JavaScript/TypeScript ones
    (`node_draining`), Spring Boot's `server.shutdown` (`spring_graceful`), and Go's signal and
    Shutdown when they make a pair (`go_graceful_pair`)."""
    found = {
        (f.path, f.line)
        for f in draining_handlers(facts) + shutdown_hooks(facts)
        if f.get("lang") in JS_LANGS or f.get("lang") == "spring"
    }
    go_handlers = [f for f in draining_handlers(facts) if f.get("lang") == "go"]
    go_stops = [f for f in shutdown_hooks(facts) if f.get("lang") == "go"]
    if go_handlers and go_stops:
        found |= {(f.path, f.line) for f in go_handlers + go_stops}
    return found


def abrupt_handlers(facts: AppFacts) -> list[Fact]:
    """SIGTERM handlers (any scope) that ignore the signal or exit at once."""
    return [
        f
        for f in facts.of("signal.handler")
        if f.get("signal") in SIGTERM and (f.get("handler") == "SIG_IGN" or f.get("exits_immediately"))
    ]


def ignoring_traps(facts: AppFacts) -> list[Fact]:
    """Shell `trap '' TERM` lines (any scope): the script ignores SIGTERM."""
    found: list[Fact] = []
    for fact in facts.of("shell.trap"):
        signals = {s.upper().removeprefix("SIG") for s in fact.data.signals or ()}
        if fact.data.ignore and signals & {"TERM", "15"}:
            found.append(fact)
    return found


# --- servers that stop gracefully by default ------------------------------------------------------


def graceful_server(facts: AppFacts, start: Start) -> str | None:
    """The name of the server or worker that *start* runs when it stops gracefully on SIGTERM by
    default: servers whose SIGTERM drains (gunicorn, uvicorn, Puma, Sidekiq...; also behind
    `bundle exec`), warm-shutdown workers (`celery worker`), the rake tasks and binstubs that start
    one (`solid_queue:start`, `bin/jobs`), a Spring Boot jar with graceful shutdown, and a Python script
    that serves the app with such a server in-process (`uvicorn.run(app)`: `python_graceful_run`)."""
    program = start.program
    owner = programs.binstub_owner(program)
    if owner:
        return owner
    row = programs.program(program)
    if row is None:
        return python_graceful_run(facts, start)
    if row.graceful_sigterm:
        return program
    warm = row.warm_subcommand
    if warm is not None and (not warm or warm in start.argv):
        return f"{program} {warm}".strip()
    if row.task_runner:
        owner = next((o for o in map(programs.task_owner, start.argv) if o), None)
        if owner:
            return owner
    if row.ecosystem == "java" and programs.RUNNER in row.roles and "-jar" in start.argv and spring_graceful(facts):
        return "Spring Boot (graceful shutdown)"
    return python_graceful_run(facts, start)


def python_graceful_run(facts: AppFacts, start: Start) -> str | None:
    """The call of the script *start* runs (`python main.py`) that serves the app in-process with a
    server that drains on SIGTERM (`uvicorn.run(app)`, `web.run_app(app)`), if any."""
    script = python_script_of(start)
    if not script:
        return None
    return next(
        (
            str(f.get("api"))
            for f in production(facts.of("server.run"))
            if basename(f.path) == basename(script) and programs.PY_GRACEFUL_RUN_CALLS.search(str(f.get("api")))
        ),
        None,
    )


def ruby_graceful_gems(facts: AppFacts) -> list[Fact]:
    """The gems of the main group whose servers stop gracefully on TERM (Puma, Sidekiq, Falcon,
    GoodJob, Solid Queue...), in the programs table's order; none when a Ruby trap ignores TERM or
    exits at once (a custom trap replaces the framework's graceful stop)."""
    if any(
        f.get("lang") == "ruby"
        and f.get("signal") == "SIGTERM"
        and (f.get("exits_immediately") or f.get("handler") == "SIG_IGN")
        for f in facts.of("signal.handler")
    ):
        return []
    gems = {name: fact for name, fact in declared(facts, "ruby").items() if fact.get("group") != "dev"}
    graceful = [p.name for p in programs.PROGRAMS if p.ecosystem == "ruby" and p.graceful_sigterm]
    return [gems[name] for name in graceful if name in gems]


# --- Spring Boot --------------------------------------------------------------------------------


def spring_settings(facts: AppFacts, *names: str) -> list[Fact]:
    """Spring configuration values of production files and non-development profiles."""
    return [
        f
        for f in production(facts.of("config.assign"))
        if f.get("framework") == "spring"
        and not is_dev_profile(f.get("profile"))
        and (not names or f.get("name") in names)
    ]


def spring_shutdown_mode(fact: Fact) -> str:
    """The value of a `server.shutdown` setting (or its environment default), lower-cased."""
    value = fact.get("value") if fact.get("source") == "literal" else fact.get("env_default")
    return str(value or "").strip().lower()


def _version_tuple(version: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version or "")[:3])


@dataclass(frozen=True, slots=True)
class SpringGraceful:
    """Spring Boot's graceful shutdown: set in the configuration (`setting`), or the default of the
    Spring Boot version a build names (`manifest`, `version`); `timeout` bounds it when set."""

    setting: Fact | None
    timeout: Fact | None
    manifest: Fact | None = None
    version: str | None = None

    @property
    def where(self) -> Fact | Location:
        if self.setting is not None:
            return self.setting
        assert self.manifest is not None
        return Location(self.manifest.path, self.manifest.line, f"Spring Boot {self.version}")


def spring_graceful(facts: AppFacts) -> SpringGraceful | None:
    """Whether Spring Boot's embedded server shuts down gracefully: `server.shutdown=graceful`, or,
    with an embedded server and no `server.shutdown` at all, a Spring Boot version whose default it is."""

    def compute() -> SpringGraceful | None:
        settings = spring_settings(facts, frameworks.SPRING_SHUTDOWN_SETTING)
        timeouts = spring_settings(facts, frameworks.SPRING_SHUTDOWN_TIMEOUT_SETTING)
        timeout = timeouts[0] if timeouts else None
        graceful = [s for s in settings if spring_shutdown_mode(s) == "graceful"]
        if graceful:
            return SpringGraceful(graceful[0], timeout)
        if settings or not any(
            d.get("name") in frameworks.SPRING_SERVER_STARTERS for d in jvm_runtime_dependencies(facts)
        ):
            return None
        for manifest in jvm_builds(facts):
            version = manifest.get("spring_boot_version")
            if version and _version_tuple(version) >= frameworks.SPRING_GRACEFUL_BY_DEFAULT_SINCE:
                return SpringGraceful(None, timeout, manifest, version)
        return None

    return facts.derive("shutdown.spring_graceful", compute)


def spring_immediate_shutdowns(facts: AppFacts) -> list[Fact]:
    """`server.shutdown=immediate` settings of production profiles: graceful shutdown switched off."""
    return [
        f for f in spring_settings(facts, frameworks.SPRING_SHUTDOWN_SETTING) if spring_shutdown_mode(f) == "immediate"
    ]


# --- long-running loops outside a server -------------------------------------------------------------


def _ruby_term_handled(facts: AppFacts) -> bool:
    return any(
        f.get("lang") == "ruby"
        and f.get("signal") in ("SIGTERM", "TERM")
        and f.get("handler") not in _NOT_HANDLING
        and not f.get("exits_immediately")
        for f in production(facts.of("signal.handler"))
    )


def unstopped_loops(facts: AppFacts) -> list[Fact]:
    """The production loops that keep a process of the app running outside any server (`process.loop`:
    an event loop that runs for ever, a bot, a queue consumer, a script's loop), in a language whose
    runtime stops at once on SIGTERM, when the app's code of that language neither handles SIGTERM
    nor registers a shutdown hook. Left to the server rule (F09-AP02) and not judged here: loops of a
    script a Python start command runs, and loops of apps whose start commands run a graceful server
    or worker (the loop is not evidently one of the app's processes), or that serve HTTP themselves
    (Node.js, Go)."""

    def compute() -> list[Fact]:
        loops = [f for f in production(facts.of("process.loop")) if f.get("main")]
        if not loops:
            return []
        starts = app_running_starts(facts)
        if any(graceful_server(facts, start) for start in starts):
            return []
        scripts = {basename(script) for start in starts if (script := python_script_of(start))}
        handled = {
            "python": python_code_shutdown(facts),
            "javascript": bool(node_draining(facts))
            or any(not f.get("exits_immediately") for f in node_sigterm_handlers(facts))
            or bool(node_servers(facts)),
            "go": bool(go_term_handlers(facts) or go_hooks(facts) or go_servers(facts)),
            "ruby": _ruby_term_handled(facts) or bool(ruby_graceful_gems(facts)),
        }
        handled["typescript"] = handled["javascript"]
        return [
            f
            for f in loops
            if not handled.get(str(f.get("lang")), True)
            and not (f.get("lang") == "python" and basename(f.path) in scripts)
        ]

    return list(facts.derive("shutdown.unstopped_loops", compute))


# --- which processes can be judged -----------------------------------------------------------------

_UNRESOLVED_SCRIPT = re.compile(r"\.(sh|bash)$|entrypoint")
_PY_FILE = re.compile(r"[\w.-]+\.py")


def runs_python(facts: AppFacts, start: Start) -> bool:
    """Whether *start* runs Python: an interpreter, a program of the Python ecosystem, a .py file,
    or a console script the app's Python manifest declares."""
    program = start.program
    return (
        programs.runs_python(program)
        or bool(_PY_FILE.fullmatch(program))
        or any(f.get("name") == program for f in facts.of("py.script"))
    )


def shutdown_unjudged(start: Start) -> bool:
    """Whether how *start*'s process stops cannot be read from its command: no program, a
    variable, a shell, a supervisor, a program whose SIGTERM depends on its configuration or
    subcommand, or a script the repository does not contain (or that could not be resolved)."""
    program = start.program
    if not program or program.startswith("$") or program in SHELLS or program in _SUPERVISORS:
        return True
    row = programs.program(program)
    if row is not None and not row.shutdown_judged:
        return True
    return bool(_UNRESOLVED_SCRIPT.search(program))


# --- does SIGTERM reach the app -------------------------------------------------------------------


def init_entrypoint(head: DockerHead) -> bool:
    """Whether *head*'s ENTRYPOINT is an init that forwards signals (`["tini", "--"]`), in exec form."""
    entry = head.entry
    argv = entry.get("argv") if entry is not None else None
    return bool(entry is not None and entry.get("form") == "exec" and argv and basename(argv[0]) in _INIT_PROGRAMS)


def args_line(facts: AppFacts, script: Fact) -> Fact:
    """The `exec "$@"` command of *script* (the script itself when the line is not a command fact)."""
    for command in facts.of("shell.command"):
        if (
            command.path == script.path
            and command.get("exec")
            and command.get("argv")[:1] in (["$@"], ["${@}"], ["$*"])
        ):
            return command
    return script


def uses_args(facts: AppFacts, script: Fact) -> bool:
    """Whether *script* passes its arguments ("$@") to any command: then CMD is not ignored."""
    if script.get("execs_args"):
        return True
    return any(
        any("$@" in a or a in ("${@}", "$*") for a in c.get("argv", ()))
        for c in facts.of("shell.command")
        if c.path == script.path
    )


def execs_directly(start: Start) -> bool:
    """Whether the start command is the process itself (no shell in between)."""
    fact = start.fact
    argv = tuple(fact.get("argv", ())) if fact.kind in ("docker.cmd", "docker.entrypoint") else start.argv
    text = shell_form(fact) if fact.kind in ("docker.cmd", "docker.entrypoint") else shell_string(argv)
    if text is not None:
        return starts_with_exec(text)
    argv = unwrap(argv)
    return bool(argv) and basename(argv[0]) not in SHELLS  # `sh script` keeps the shell as the process


def shell_heads(facts: AppFacts, head: DockerHead) -> list[Fact]:
    """The CMD/ENTRYPOINT of *head* that Docker runs through a shell without `exec`."""
    used: list[Fact] = []
    if head.entry is not None:
        used.append(head.entry)
        script = head_script(facts, head)
        entry_is_shell = shell_form(head.entry) is not None
        if head.cmd is not None and not entry_is_shell and (script is None or uses_args(facts, script)):
            used.append(head.cmd)  # CMD becomes the ENTRYPOINT's arguments
    elif head.cmd is not None:
        used.append(head.cmd)
    return [f for f in used if (text := shell_form(f)) is not None and not starts_with_exec(text)]


def package_manager_pid1(start: Start) -> bool:
    """Whether a package manager that does not pass SIGTERM on reliably (`npm start`) is the process
    that receives it: the exec form of a Dockerfile, compose or Kubernetes command, or an entrypoint
    script that execs it. (A Procfile's process group is signalled as a whole, and a shell-form line
    is a shell first.)"""
    if not start.package_script:
        return False
    row = programs.program(start.package_script.split()[0])
    if row is None or row.forwards_sigterm is not False:
        return False
    if start.via == "entrypoint":
        return bool(start.fact.get("exec"))
    if start.via in ("dockerfile", "compose"):
        return execs_directly(start)
    return start.via == "kubernetes"


# --- start-up work --------------------------------------------------------------------------------

_LONG_SLEEP = 10


def _words(argv: tuple[str, ...]) -> list[str]:
    """Positional words after the program, skipping options and the values of valued options."""
    out: list[str] = []
    skip = False
    for word in argv[1:]:
        if skip:
            skip = False
        elif word in programs.VALUED_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            out.append(word)
    return out


def _seconds(value: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd]?)", value)
    if not match:
        return 0.0
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def heavy_work(argv: tuple[str, ...]) -> str | None:
    """The kind of slow start-up work a command does: "schema", "sleep", "install", or None."""
    if not argv:
        return None
    program = basename(argv[0])
    words = _words(argv)
    if program.startswith("python") and argv[1:2] == ("-m",) and len(argv) > 2:
        program, words = argv[2], _words(argv[2:])
    if program.startswith("python") and words and words[0].endswith("manage.py"):
        program, words = "manage.py", words[1:]
    schema = False
    if program == "flask" and words:
        if words[0] == "db":
            schema = len(words) > 1 and words[1] in programs.FLASK_DB_SCHEMA_COMMANDS
        else:
            schema = bool(programs.SCHEMA_WORDS.search(words[0]))
    elif program in ("manage.py", "django-admin"):
        command = words[0] if words else ""
        schema = command in programs.DJANGO_SCHEMA_COMMANDS or bool(programs.SCHEMA_WORDS.search(command))
    elif program == "alembic":
        schema = "upgrade" in words
    elif program == "sleep":
        return "sleep" if any(_seconds(w) >= _LONG_SLEEP for w in words) else None
    else:
        verbs = programs.INSTALL_SUBCOMMANDS.get(program)
        return "install" if verbs and words and words[0] in verbs else None
    return "schema" if schema else None


def start_scripts(facts: AppFacts) -> set[str]:
    """The shell scripts in the start path: those a start command runs, and Dockerfile entrypoints."""
    paths = {s.fact.path for s in lasting_starts(facts) if s.fact.kind == "shell.command"}
    for head in app_heads(facts):
        script = head_script(facts, head)
        if script is not None:
            paths.add(script.path)
    return paths


def _chained(facts: AppFacts) -> Iterator[tuple[Fact, tuple[str, ...]]]:
    """Commands run before the last one on a start line (`migrate && gunicorn ...`)."""
    for head in app_heads(facts):
        for fact in (head.entry, head.cmd):
            text = shell_form(fact) if fact is not None else None
            if fact is not None and text is not None:
                for command in split_commands(text)[:-1]:
                    yield fact, command.argv
    for fact in production(facts.of("procfile.process")):
        if fact.get("name") == "release":  # the release phase is where schema work belongs
            continue
        for command in (fact.get("commands") or [])[:-1]:
            yield fact, tuple(command["argv"])


@dataclass(frozen=True, slots=True)
class StartupWork:
    """Work in the start path of a process, before it is ready: `kind` is "wait" (a loop with no
    time limit), "schema", "sleep" or "install"; `command` is how it reads."""

    fact: Fact
    kind: str
    command: str


_LOOP_TAIL = re.compile(r";?\s*do\s*$|\s*\d?>&?\s*\S+")


def startup_work(facts: AppFacts) -> list[StartupWork]:
    """Unbounded waits and slow work in the start path: loops and commands of the start scripts,
    and the commands chained before the last one of a start line (the same line may appear twice)."""

    def compute() -> list[StartupWork]:
        scripts = start_scripts(facts)
        found: list[StartupWork] = []
        for loop in facts.of("shell.loop"):
            if loop.path in scripts and not loop.data.bounded:
                condition = _LOOP_TAIL.sub("", str(loop.data.condition or "")).strip()
                found.append(StartupWork(loop, "wait", f"{loop.data.kind} {condition}"))
        for command in facts.of("shell.command"):
            argv = tuple(command.data.argv or ())
            kind = heavy_work(argv) if command.path in scripts and not command.data.in_loop else None
            if kind:
                found.append(StartupWork(command, kind, " ".join(argv)))
        for fact, argv in _chained(facts):
            kind = heavy_work(argv)
            if kind:
                found.append(StartupWork(fact, kind, " ".join(argv)))
        return found

    return list(facts.derive("shutdown.startup_work", compute))


# --- servers' timeouts ----------------------------------------------------------------------------


def timeout_flags(facts: AppFacts) -> list[tuple[Start, str, str]]:
    """(start, flag, value) of each per-request timeout a server's start command sets (`--timeout 300`)."""
    found: list[tuple[Start, str, str]] = []
    for start in app_running_starts(facts):
        row = programs.program(start.program)
        if row is not None and row.timeout_flags:
            value = start.command().flag_value(*row.timeout_flags)
            if value:
                found.append((start, row.timeout_flags[0], value))
    return found


def timeout_settings(facts: AppFacts) -> list[Fact]:
    """Per-request timeout settings of the server's configuration files (`timeout = 300`)."""
    return [f for f in gunicorn_configs(facts) if f.get("name") == _GUNICORN.timeout_setting]


def graceful_timeout_settings(facts: AppFacts) -> list[Fact]:
    """Settings of the server's configuration files that give in-flight work time after SIGTERM
    (`graceful_timeout = 30`)."""
    return [f for f in gunicorn_configs(facts) if f.get("name") == _GUNICORN.graceful_timeout_setting]


def drain_timeout(facts: AppFacts) -> tuple[float, Fact] | None:
    """The longest graceful-shutdown timeout the app's server is configured with (a start command's
    flag or its configuration file's setting), and where."""
    found: list[tuple[float, Fact]] = []
    for start in start_commands(facts):
        row = programs.program(start.program)
        if row is not None and row.graceful_timeout_flags:
            value = start.command().flag_value(*row.graceful_timeout_flags)
            if value and value.isdigit():
                found.append((float(value), start.fact))
    for fact in graceful_timeout_settings(facts):
        value = fact.get("value")
        if fact.get("source") == "literal" and isinstance(value, (int, float)) and not isinstance(value, bool):
            found.append((float(value), fact))
    return max(found, key=lambda item: item[0]) if found else None


__all__ = [
    "JS_LANGS",
    "SIGTERM",
    "SpringGraceful",
    "StartupWork",
    "abrupt_handlers",
    "app_heads",
    "app_running_starts",
    "args_line",
    "builder_paths",
    "lasting_starts",
    "draining_handlers",
    "drain_timeout",
    "execs_directly",
    "go_graceful_pair",
    "go_hooks",
    "go_servers",
    "go_term_handlers",
    "graceful_server",
    "graceful_timeout_settings",
    "heavy_work",
    "ignoring_traps",
    "init_entrypoint",
    "node_draining",
    "node_servers",
    "node_sigterm_handlers",
    "package_manager_pid1",
    "python_code_shutdown",
    "python_graceful_run",
    "read_per_stack",
    "ruby_graceful_gems",
    "runs_python",
    "shell_heads",
    "shutdown_hooks",
    "shutdown_unjudged",
    "spring_graceful",
    "spring_immediate_shutdowns",
    "spring_settings",
    "spring_shutdown_mode",
    "start_scripts",
    "startup_work",
    "timeout_flags",
    "timeout_settings",
    "unstopped_loops",
    "uses_args",
]
