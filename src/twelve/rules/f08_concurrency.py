"""VIII. Concurrency: scale out via the process model.

Work is split into process types (web, worker, clock...) that the platform runs and multiplies;
processes stay in the foreground, write no PID files and leave supervision to the process
manager. The rules read the declared formation (Procfile, Dockerfile, compose) and every command
on the start path (including the start scripts those files run).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.shellwords import Command, split_commands
from twelve.model import Effect, Location
from twelve.rules import common
from twelve.rules.registry import AGAINST, FOR, MODERATE, NEUTRAL, STRONG, WEAK, Hit, hit, rule

_SHELLS = frozenset({"sh", "bash", "/bin/sh", "/bin/bash", "dash", "ash"})
#: programs that run the app's long-lived work (a loop re-running one of them is a supervisor)
_LONG_RUNNING = (common.PY_WEB_SERVERS | common.WORKER_PROGRAMS |
                 {"python", "python3", "python2", "flask", "node", "npm", "yarn", "java", "ruby", "rails", "puma",
                  "unicorn", "bundle", "php", "php-fpm", "nginx", "httpd", "dotnet", "deno", "bun"})
_DAEMON_FLAGS: dict[str, tuple[str, ...]] = {
    "gunicorn": ("--daemon", "-D"), "gunicorn3": ("--daemon", "-D"), "celery": ("--detach", "-D"),
    "uwsgi": ("--daemonize", "--daemonize2"), "unicorn": ("-D", "--daemonize"), "puma": ("-d", "--daemon"),
    "sidekiq": ("-d", "--daemon"), "thin": ("-d", "--daemonize"),
}
#: scripts that start the app on a host or in a container, by name (dev/local/test helpers excluded)
_START_SCRIPT = re.compile(r"^(start|run|serve|server|boot|deploy|launch|entrypoint|docker-entrypoint)([\w.-]*)$")
_DEV_SCRIPT = re.compile(r"(?i)dev|local|test")
#: programs that only keep a container alive once the real process was sent to the background
_IDLE = frozenset({"tail", "sleep", "wait"})
_PID_FLAGS = ("--pidfile", "--pid-file", "--pidfile2", "--safe-pidfile")
_PID_SHORT = {"gunicorn": ("-p", "--pid"), "gunicorn3": ("-p", "--pid"), "hypercorn": ("--pid",), "puma": ("-P",)}


@dataclass(frozen=True, slots=True)
class _Cmd:
    """One simple command on the start path, with the fact that states it."""

    fact: Fact
    argv: tuple[str, ...]
    background: bool = False
    last: bool = False  # the process the container, Procfile line or script ends up running
    idle_end: bool = False  # its sequence ends in a keep-alive (`tail -f`, `sleep infinity`, `wait`)

    @property
    def program(self) -> str:
        return common.Start(self.fact, self.argv, "", "").program

    def command(self) -> Command:
        return Command(self.argv, " ".join(self.argv), 0, False, self.background)


# --- the start path ------------------------------------------------------------------------------


def _split(fact: Fact, form: str | None, argv: list[str] | None, text: str | None) -> list[_Cmd]:
    """Commands of an exec-form or shell-form instruction (`sh -c "..."` is opened up)."""
    if form == "exec" and argv:
        if len(argv) > 2 and argv[0] in _SHELLS and argv[1] == "-c":
            text = argv[2]
        else:
            return [_Cmd(fact, tuple(argv), False, True)]
    commands = [c for c in split_commands(text or "") if c.argv]
    idle = bool(commands) and commands[-1].program in _IDLE
    return [_Cmd(fact, c.argv, c.background, i == len(commands) - 1, idle) for i, c in enumerate(commands)]


def _declared(facts: AppFacts) -> list[_Cmd]:
    """Commands written in the Procfile, the final Dockerfile stage and deploy compose services."""
    out: list[_Cmd] = []
    for fact in common.production(facts.of("procfile.process")):
        commands = fact.get("commands") or []
        idle = bool(commands) and common.basename(str((commands[-1].get("argv") or [""])[0])) in _IDLE
        out.extend(_Cmd(fact, tuple(c["argv"]), bool(c.get("background")), i == len(commands) - 1, idle)
                   for i, c in enumerate(commands) if c.get("argv"))
    for fact in common.production(facts.of("docker.entrypoint", "docker.cmd")):
        if fact.get("final"):
            out.extend(_split(fact, fact.get("form"), fact.get("argv"), fact.get("command")))
    for fact in common.production(facts.of("compose.service")):
        if fact.get("role") == "deploy" and fact.get("build"):
            for key in ("entrypoint", "command"):
                spec = fact.get(key)
                if spec:
                    out.extend(_split(fact, spec.get("form"), spec.get("argv"), spec.get("command")))
    return out


def _start_path(facts: AppFacts) -> list[_Cmd]:
    """The declared commands plus every command of the start scripts they run."""
    declared = _declared(facts)
    scripts = {s.path: s for s in (common.script_of(facts, c.argv) for c in declared) if s is not None}
    out = list(declared)
    for command in facts.of("shell.command"):
        script = scripts.get(command.path)
        if script is not None:
            out.append(_Cmd(command, tuple(command.get("argv") or ()), bool(command.get("background")),
                            command.line == script.get("last_line"), script.get("last_program") in _IDLE))
    return out


def _script_commands(facts: AppFacts) -> list[_Cmd]:
    """Every command of the production scripts named as start or deploy scripts (start.sh,
    run_server.sh, deploy.sh), which may start the app on a host outside any container."""
    scripts = {s.path: s for s in facts.of("shell.script")}
    out = []
    for command in common.production(facts.of("shell.command")):
        name = common.basename(command.path)
        if _START_SCRIPT.match(name) and not _DEV_SCRIPT.search(name):
            script = scripts.get(command.path)
            last, idle = (script.get("last_line"), script.get("last_program") in _IDLE) if script else (None, False)
            out.append(_Cmd(command, tuple(command.get("argv") or ()), bool(command.get("background")),
                            command.line == last, idle))
    return out


def _unique(commands: list[_Cmd]) -> list[_Cmd]:
    seen: set[tuple[str, int | None, tuple[str, ...]]] = set()
    out: list[_Cmd] = []
    for command in commands:
        key = (command.fact.path, command.fact.line, command.argv)
        if key not in seen:
            seen.add(key)
            out.append(command)
    return out


def _shown(argv: tuple[str, ...], limit: int = 6) -> str:
    return " ".join(argv[:limit]) + (" …" if len(argv) > limit else "")


# --- FOR: the formation ---------------------------------------------------------------------------


def _compose_formations(facts: AppFacts) -> list[list[Fact]]:
    """Compose services built from the same context with different commands (one image, several types)."""
    groups: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in facts.of("compose.service"):
        build = fact.get("build")
        if build and fact.get("role") in ("deploy", "dev"):
            key = (fact.path, str(build.get("context")), str(build.get("dockerfile")))
            groups.setdefault(key, []).append(fact)
    formations = []
    for key in sorted(groups):
        services = groups[key]
        commands = {repr(s.get("command")) for s in services}
        if len(services) > 1 and len(commands) > 1:
            formations.append(services)
    return formations


def _compose_command(service: Fact) -> str:
    spec = service.get("command") or {}
    return " ".join(spec["argv"]) if spec.get("form") == "exec" else str(spec.get("command") or "CMD")


@rule("F08-S1", factor=8, polarity=FOR, strength=STRONG)
def process_types_declared(facts: AppFacts) -> Iterator[Hit]:
    found = False
    procfiles: dict[str, list[Fact]] = {}
    for fact in common.production(facts.of("procfile.process")):
        procfiles.setdefault(fact.path, []).append(fact)
    for path in sorted(procfiles):
        processes = procfiles[path]
        found = True
        yield hit(*processes, source=path, count=len(processes), types=[p.get("name") for p in processes],
                  formation="; ".join(f"{p.get('name')}: {p.get('command')}" for p in processes))
    for services in _compose_formations(facts):
        found = True
        yield hit(*services, source=services[0].path, count=len(services), types=[s.get("name") for s in services],
                  formation="; ".join(f"{s.get('name')}: {_compose_command(s)}" for s in services))
    if found:
        return
    for start in common.dockerfile_starts(facts) or common.compose_starts(facts, roles=("deploy", "dev")):
        yield hit(start.fact, strength=MODERATE, source=start.fact.path, count=1, types=start.program,
                  formation=_shown(start.argv, 8))


def _env_value(value: str | None) -> bool:
    return bool(value) and "$" in str(value)


def _worker_knobs(facts: AppFacts) -> Iterator[Hit]:
    """Worker counts and replica counts a deploy can set without touching the code."""
    for start in common.start_commands(facts):
        command = start.command()
        workers = command.flag_value("--workers", "-w")
        if start.program in ("gunicorn", "gunicorn3") and _env_value(workers):
            yield hit(start.fact, knob=f"gunicorn --workers {workers}", path=start.fact.path)
        elif start.program == "uvicorn" and workers:
            yield hit(start.fact, knob=f"uvicorn --workers {workers}", path=start.fact.path)
    for fact in common.production(facts.of("config.assign")):
        if fact.get("name") == "workers" and fact.get("container") == "module" and fact.get("source") == "env":
            yield hit(fact, knob=f"workers = ${fact.get('env_name') or '?'}", path=fact.path)
    for fact in common.production(facts.of("server.run")):
        workers = fact.get("workers") or {}
        if workers.get("source") == "env":
            yield hit(fact, knob=f"{fact.get('api')}(workers=${workers.get('env_name') or '?'})", path=fact.path)
    for fact in common.production(facts.of("compose.service")):
        replicas = fact.get("replicas")
        if fact.get("role") == "deploy" and isinstance(replicas, int) and replicas > 1 \
                and not common.image_engine(fact.get("image")):
            yield hit(fact, knob=f"{fact.get('name')}: replicas {replicas}", path=fact.path)


def _worker_count_in_config(facts: AppFacts) -> bool:
    return any(f.get("name") == "workers" and f.get("container") == "module"
               for f in common.production(facts.of("config.assign")))


@rule("F08-S2", factor=8, polarity=FOR, strength=MODERATE)
def scaling_knobs(facts: AppFacts) -> Iterator[Hit]:
    knobs = list(_worker_knobs(facts))
    yield from knobs
    if knobs or _worker_count_in_config(facts):
        return
    # gunicorn and uvicorn read WEB_CONCURRENCY when no worker count is given
    for start in common.start_commands(facts):
        command = start.command()
        if start.program in ("gunicorn", "gunicorn3", "uvicorn") and command.flag_value("--workers", "-w") is None \
                and not command.has_flag("--workers", "-w", "--config", "-c"):
            yield hit(start.fact, strength=WEAK, knob=f"$WEB_CONCURRENCY → {start.program} --workers",
                      path=start.fact.path)


def _process_starts(facts: AppFacts) -> list[common.Start]:
    return common.procfile_starts(facts) + common.compose_starts(facts, roles=("deploy", "dev"))


@rule("F08-S3", factor=8, polarity=FOR, strength=MODERATE)
def worker_process_type(facts: AppFacts) -> Iterator[Hit]:
    for start in _process_starts(facts):
        if start.program in common.WORKER_PROGRAMS:
            yield hit(start.fact, process=start.process, program=start.program, path=start.fact.path)


# --- AGAINST: daemons, PID files, home-made supervision --------------------------------------------


def _daemon_how(command: _Cmd, start_path: bool) -> str | None:
    """How *command* detaches from its parent, if it does."""
    program, argv, parsed = command.program, command.argv, command.command()
    flags = _DAEMON_FLAGS.get(program, ())
    flag = next((f for f in flags if parsed.has_flag(f)), None)
    if flag:
        return f"{program} {flag}"
    if program == "rails" and argv[1:2] in (("server",), ("s",)) and parsed.has_flag("-d", "--daemon"):
        return "rails server -d"
    if program == "celery" and "multi" in argv[1:]:
        return "celery multi"
    if program in ("pm2", "forever") and "start" in argv[1:2]:
        return f"{program} start"
    if not start_path:
        return None
    if program == "start-stop-daemon":
        return "start-stop-daemon"
    if program == "service" and len(argv) > 2 and argv[2] in ("start", "restart"):
        return " ".join(argv[:3])
    return None


def _config_files(facts: AppFacts) -> set[str]:
    """Basenames of gunicorn configuration files: named so, or passed with -c/--config."""
    names = {common.basename(f.path) for f in facts.files
             if "gunicorn" in common.basename(f.path) and f.path.endswith(".py")}
    for start in common.start_commands(facts):
        value = start.command().flag_value("-c", "--config")
        if start.program in ("gunicorn", "gunicorn3") and value and not value.startswith("python:"):
            names.add(common.basename(value))
    return names


def _server_config(facts: AppFacts, name: str) -> list[Fact]:
    files = _config_files(facts)
    return [f for f in common.production(facts.of("config.assign"))
            if f.get("name") == name and f.get("container") == "module" and common.basename(f.path) in files]


def _sent_away(command: _Cmd, on_start_path: bool) -> bool:
    """A server or worker detached with `&`: as the last process, or with `nohup` or a keep-alive
    (`tail -f /dev/null`) left in the foreground in its place."""
    if not command.background:
        return False
    if command.last:
        return on_start_path or command.program in _LONG_RUNNING
    return command.program in _LONG_RUNNING and (command.idle_end or "nohup" in command.fact.excerpt)


@rule("F08-S4", factor=8, polarity=AGAINST, strength=STRONG)
def daemonizing(facts: AppFacts) -> Iterator[Hit]:
    start_path = _unique(_start_path(facts))
    on_path = {(c.fact.path, c.fact.line) for c in start_path}
    for command in _unique(start_path + _script_commands(facts)):
        here = (command.fact.path, command.fact.line) in on_path
        how = _daemon_how(command, here)
        if how is None and _sent_away(command, here):
            how = _shown(command.argv, 4) + " &"
        if how:
            yield hit(command.fact, how=how, path=command.fact.path)
    for fact in _server_config(facts, "daemon"):
        if fact.get("source") == "literal" and fact.get("value") is True:
            yield hit(fact, how="daemon = True", path=fact.path)
    by_file: dict[str, list[Fact]] = {}
    for fact in common.production(facts.of("process.daemon")):
        by_file.setdefault(fact.path, []).append(fact)
    for path in sorted(by_file):
        yield hit(*by_file[path], how=", ".join(sorted({str(f.get("api")) for f in by_file[path]})), path=path)


def _pidfile_how(command: _Cmd) -> str | None:
    parsed = command.command()
    for flag in _PID_SHORT.get(command.program, ()) + _PID_FLAGS:
        value = parsed.flag_value(flag)
        # `--pidfile=` (empty) is the usual way to switch the file off in a container
        if value and value != "/dev/null":
            return f"{command.program} {flag} {value}"
    return None


@rule("F08-S5", factor=8, polarity=AGAINST, strength=STRONG)
def pid_files(facts: AppFacts) -> Iterator[Hit]:
    for command in _unique(_start_path(facts) + _script_commands(facts)):
        how = _pidfile_how(command)
        if how:
            yield hit(command.fact, how=how, path=command.fact.path)
    for fact in _server_config(facts, "pidfile"):
        value = fact.get("value")
        if fact.get("source") != "literal" or (value and value != "/dev/null"):
            yield hit(fact, how=f"pidfile = {value if value is not None else '…'}", path=fact.path)
    for fact in common.production(facts.of("process.pidfile")):
        yield hit(fact, how="os.getpid() → file", path=fact.path)


def _loop_body_programs(loop: Fact) -> list[str]:
    """Programs a loop runs in its body; the programs of its condition only wait or test
    (`while ! pg_isready ...; do sleep 1; done` waits, it does not supervise)."""
    text = str(loop.get("condition") or "")
    condition, inline = text, ""
    match = re.search(r";\s*do\b", text)
    if match:
        condition, inline = text[:match.start()], text[match.end():]
    body = list(loop.get("programs") or [])
    for command in split_commands(condition.lstrip("! ")):
        if command.program in body:
            body.remove(command.program)
    body.extend(c.program for c in split_commands(inline) if c.program != "done")
    return body


@rule("F08-S6", factor=8, polarity=AGAINST, strength=MODERATE)
def restart_loops(facts: AppFacts) -> Iterator[Hit]:
    for loop in common.production(facts.of("shell.loop")):
        if loop.get("bounded"):
            continue
        programs = [p for p in _loop_body_programs(loop) if p in _LONG_RUNNING]
        if programs:
            yield hit(loop, programs=sorted(set(programs)), path=loop.path)


# --- AGAINST: work hidden inside the web process -------------------------------------------------

_ONE_OFF = re.compile(r"(^|/)(scripts?|tools|bin|management/commands)/")


def _module_names(path: str) -> set[str]:
    """The ways a command can name a Python file: path, file name, module, stem."""
    stem = posixpath.splitext(path)[0]
    names = {path, common.basename(path), stem.replace("/", "."), posixpath.basename(stem)}
    if posixpath.basename(stem) == "__init__":
        package = posixpath.dirname(stem)
        names |= {package.replace("/", "."), posixpath.basename(package)}
    return {n for n in names if n}


def _names(start: common.Start, path: str) -> bool:
    names = _module_names(path)
    for word in start.argv[1:]:
        for part in re.split(r"[:\s=]", word):
            part = part.removeprefix("./")
            if part in names or any(part.endswith("/" + n) for n in names if n.endswith(".py")):
                return True
    return False


def _web_evidence(facts: AppFacts) -> tuple[str, str] | None:
    """(what serves HTTP, where) for the app, if it serves HTTP at all."""
    for fact in common.production(facts.of("web.app")):
        return str(fact.get("framework")), fact.path
    for start in common.start_commands(facts):
        if common.is_web_server(start):
            return start.program, start.fact.path
    return None


def _own_process(facts: AppFacts, path: str) -> bool:
    """Whether *path* is the entry of a separate, non-web process type (`clock: python clock.py`)."""
    if any(f.path == path for f in facts.of("web.app")):
        return False
    starts = _process_starts(facts)
    web = [s for s in starts if common.is_web_server(s) or s.process == "web"]
    other = [s for s in starts if s not in web]
    return any(_names(s, path) for s in other) and not any(_names(s, path) for s in web)


@rule("F08-S7", factor=8, polarity=AGAINST, strength=MODERATE)
def scheduler_in_web_process(facts: AppFacts) -> Iterator[Hit]:
    web = _web_evidence(facts)
    if web is None:
        return
    for fact in common.production(facts.of("scheduler")):
        if _ONE_OFF.search(fact.path) or _own_process(facts, fact.path):
            continue
        yield hit(fact, api=fact.get("api"), web=web[0], web_path=web[1], path=fact.path)


def _supervisor_install(facts: AppFacts) -> Fact | None:
    packages = common.installed_os_packages(facts)
    if "supervisor" in packages:
        return packages["supervisor"]
    return next((f for f in common.production(facts.of("docker.run"))
                 if re.search(r"\bpip3?\s+install\b[^&;|]*\bsupervisor\b", str(f.get("command")))), None)


@rule("F08-S8", factor=8, polarity=AGAINST, strength=MODERATE)
def supervisor_in_container(facts: AppFacts) -> Iterator[Hit]:
    install = _supervisor_install(facts)
    for command in _unique(_start_path(facts)):
        if command.program in common.SUPERVISORS:
            installed = install is not None and command.program == "supervisord"
            yield hit(*((command.fact, install) if installed else (command.fact,)), program=command.program,
                      path=command.fact.path)
        elif command.program in _LONG_RUNNING and not _sent_away(command, True) and command.background:
            # a second long-running process next to the main one: the start script is the supervisor
            yield hit(command.fact, program=f"{common.basename(command.fact.path)} ({command.program} &)",
                      path=command.fact.path)


# --- no evidence ----------------------------------------------------------------------------------


@rule("F08-NE", factor=8, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def no_start_command(facts: AppFacts) -> Iterator[Hit]:
    if common.production(facts.of("procfile.process")) or common.dockerfile_starts(facts) or \
            common.compose_starts(facts, roles=("deploy", "dev")):
        return
    yield hit(Location("."))
