"""VIII. Concurrency: scale out via the process model.

Work is split into process types (web, worker, clock...) that the platform runs and multiplies;
processes stay in the foreground, write no PID files and leave supervision to the process
manager. The rules read the declared formation (Procfile, Dockerfile, compose, Kubernetes
workloads, platform services) and every command on the start path (including the start scripts
those files run and the package.json scripts `npm start` runs).
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
from twelve.knowledge import programs
from twelve import appmodel
from twelve.rules import stack_deploy
from twelve.rules.registry import AGAINST, FOR, MODERATE, NEUTRAL, STRONG, WEAK, Hit, hit, rule

_SHELLS = frozenset({"sh", "bash", "/bin/sh", "/bin/bash", "dash", "ash"})
#: programs that run the app's long-lived work (a loop re-running one of them is a supervisor)
_LONG_RUNNING = (appmodel.PY_WEB_SERVERS | appmodel.WORKER_PROGRAMS |
                 {"python", "python3", "python2", "flask", "node", "npm", "yarn", "java", "ruby", "rails", "puma",
                  "unicorn", "bundle", "php", "php-fpm", "nginx", "httpd", "dotnet", "deno", "bun"})
_DAEMON_FLAGS = {n: p.daemon_flags for p in programs.PROGRAMS if p.daemon_flags for n in (p.name, *p.aliases)}
#: scripts that start the app on a host or in a container, by name (dev/local/test helpers excluded)
_START_SCRIPT = re.compile(r"^(start|run|serve|server|boot|deploy|launch|entrypoint|docker-entrypoint)([\w.-]*)$")
_DEV_SCRIPT = re.compile(r"(?i)dev|local|test")
#: programs that only keep a container alive once the real process was sent to the background
_IDLE = frozenset({"tail", "sleep", "wait"})
_PID_FLAGS = ("--pidfile", "--pid-file", "--pidfile2", "--safe-pidfile")
_PID_SHORT = {n: p.pid_flags for p in programs.PROGRAMS if p.pid_flags for n in (p.name, *p.aliases)}
_PACKAGE_MANAGERS = frozenset({"npm", "yarn", "pnpm", "bun"})
#: queue workers of every stack, by program (Python's are in appmodel.WORKER_PROGRAMS)
_WORKERS = appmodel.WORKER_PROGRAMS | {"good_job", "resque", "resque-pool", "solid_queue", "delayed_job", "shoryuken",
                                     "sneakers", "que", "racecar", "karafka", "faktory-worker", "asynqmon"}
#: job-runner tasks started through rake/rails (`bundle exec rake jobs:work`, `bin/rails solid_queue:start`)
_WORKER_TASKS = re.compile(r"^(jobs:work|resque:work|resque:workers|solid_queue:start|sneakers:run|good_job:start)$")
#: process types named for background work (`worker:`, `email-worker`, `jobs`, a `consumer` deployment)
_WORKER_NAME = re.compile(r"(?i)(^|[-_/])(workers?|consumers?|jobs|queues?|sidekiq)([-_/]|$)")
#: web servers of other stacks (their process is a web process type, not a worker)
_OTHER_WEB = frozenset({"puma", "unicorn", "falcon", "thin", "passenger", "rackup", "iodine", "next", "nuxt", "nginx",
                        "httpd", "php-fpm"})


def _from_program(command: _Cmd) -> tuple[str, ...]:
    """The argv from the program that really runs (`npx pm2 start` -> `pm2 start`)."""
    program = command.program
    for index, word in enumerate(command.argv):
        if appmodel.basename(word) == program:
            return command.argv[index:]
    return command.argv


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
        return appmodel.Start(self.fact, self.argv, "", "").program

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
    for fact in appmodel.production(facts.of("procfile.process")):
        commands = fact.get("commands") or []
        idle = bool(commands) and appmodel.basename(str((commands[-1].get("argv") or [""])[0])) in _IDLE
        out.extend(_Cmd(fact, tuple(c["argv"]), bool(c.get("background")), i == len(commands) - 1, idle)
                   for i, c in enumerate(commands) if c.get("argv"))
    for fact in appmodel.production(facts.of("docker.entrypoint", "docker.cmd")):
        if fact.get("final"):
            out.extend(_split(fact, fact.get("form"), fact.get("argv"), fact.get("command")))
    for fact in appmodel.production(facts.of("compose.service")):
        if fact.get("role") == "deploy" and fact.get("build"):
            for key in ("entrypoint", "command"):
                spec = fact.get(key)
                if spec:
                    out.extend(_split(fact, spec.get("form"), spec.get("argv"), spec.get("command")))
    for workload, container in _containers(facts):
        argv = [str(w) for w in (container.get("command") or []) + (container.get("args") or [])]
        if container.get("command"):
            out.extend(_split(workload, "exec", argv, None))
    for service in _services(facts):
        if service.get("start"):
            out.extend(_split(service, "shell", None, str(service.get("start"))))
    return out


def _workloads(facts: AppFacts) -> list[Fact]:
    """This app's long-running Kubernetes workloads (a shared manifest counts for the app it names)."""
    return appmodel.deployed_workloads(facts, appmodel.LONG_RUNNING_KINDS)


def _containers(facts: AppFacts) -> list[tuple[Fact, dict]]:
    return [(w, c) for w in _workloads(facts) for c in appmodel.app_containers(w)]


def _services(facts: AppFacts) -> list[Fact]:
    """This app's platform services (fly.toml processes, render.yaml services)."""
    return appmodel.deployed(facts, "platform.service")


def _script_name(argv: tuple[str, ...]) -> str | None:
    """The package.json script a package-manager command runs (`npm start`, `yarn run worker`)."""
    words = [appmodel.basename(w) for w in argv[:3]]
    if not words or words[0] not in _PACKAGE_MANAGERS or len(words) < 2:
        return None
    if words[1] in ("start", "dev", "serve"):
        return words[1]
    if words[1] in ("run", "run-script") and len(words) > 2:
        return words[2]
    if words[0] != "npm" and not words[1].startswith("-") and words[1] not in ("install", "add", "exec", "dlx", "x"):
        return words[1]
    return None


def _package_scripts(facts: AppFacts, commands: list[_Cmd]) -> list[_Cmd]:
    """The commands of the package.json scripts that *commands* run (`npm start` -> `pm2 start
    app.js`), stated by the package.json line of the script."""
    scripts = {f.get("name"): f for f in facts.of("node.script")}
    out: list[_Cmd] = []
    for command in commands:
        name = _script_name(command.argv)
        script = scripts.get(name) if name else None
        if script is None:
            continue
        parsed = [c for c in split_commands(str(script.get("command") or "")) if c.argv]
        idle = bool(parsed) and parsed[-1].program in _IDLE
        out.extend(_Cmd(script, c.argv, c.background or command.background, command.last and i == len(parsed) - 1,
                        idle or command.idle_end) for i, c in enumerate(parsed))
    return out


def _start_path(facts: AppFacts) -> list[_Cmd]:
    """The declared commands plus every command of the start scripts and package.json scripts
    they run."""
    declared = _declared(facts)
    scripts = {s.path: s for s in (appmodel.script_of(facts, c.argv) for c in declared) if s is not None}
    out = list(declared)
    for command in facts.of("shell.command"):
        script = scripts.get(command.path)
        if script is not None:
            out.append(_Cmd(command, tuple(command.get("argv") or ()), bool(command.get("background")),
                            command.line == script.get("last_line"), script.get("last_program") in _IDLE))
    return out + _package_scripts(facts, out)


def _script_commands(facts: AppFacts) -> list[_Cmd]:
    """Every command of the production scripts named as start or deploy scripts (start.sh,
    run_server.sh, deploy.sh), which may start the app on a host outside any container."""
    scripts = {s.path: s for s in facts.of("shell.script")}
    out = []
    for command in appmodel.production(facts.of("shell.command")):
        name = appmodel.basename(command.path)
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
    for fact in appmodel.production(facts.of("procfile.process")):
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
    deployed = _deployed_processes(facts)
    if deployed and not any(True for _ in stack_deploy.process_types_as_workloads.check(facts)):
        # F08-S1k reports several Deployments of one image; here each workload or service is a type
        yield hit(*(where for where, _name, _command in deployed[:6]), source=", ".join(sorted({w.path for w, _n, _c in deployed})),
                  count=len(deployed), types=[name for _w, name, _c in deployed],
                  formation="; ".join(f"{name}: {command}" for _w, name, command in deployed[:8]))
        return
    docker = [s for s in appmodel.start_commands(facts) if s.via in ("dockerfile", "entrypoint")]
    for start in docker or appmodel.compose_starts(facts, roles=("deploy", "dev")):
        # `npm start` is shown with the command its package.json script runs; `bundle exec` is looked through
        shown = f"{start.package_script} → {_shown(start.argv, 6)}" if start.package_script else _shown(start.argv, 8)
        yield hit(start.fact, strength=MODERATE, source=start.fact.path, count=1, types=start.program, formation=shown)


def _deployed_processes(facts: AppFacts) -> list[tuple[Location, str, str]]:
    """The process types an orchestrator or platform runs: one per long-running Kubernetes
    workload and per platform service (location, name, command)."""
    found: list[tuple[Location, str, str]] = []
    # a container that states no command runs its image's CMD: the app's Dockerfile's, when it has one
    images = {_shown(s.argv, 6) for s in appmodel.start_commands(facts) if s.via in ("dockerfile", "entrypoint")}
    image_cmd = f"(image CMD: {next(iter(images))})" if len(images) == 1 else "(image CMD)"
    for workload in _workloads(facts):
        container = appmodel.app_containers(workload)[0]
        words = [str(w) for w in (container.get("command") or []) + (container.get("args") or [])]
        line = container.get("command_line") or container.get("line") or workload.line
        found.append((Location(workload.path, line, f"{workload.get('kind')} {workload.get('name')}"),
                      str(workload.get("name")), _shown(tuple(words), 8) if words else image_cmd))
    for service in _services(facts):
        found.append((Location(service.path, service.line, service.excerpt), str(service.get("name")),
                      str(service.get("start") or image_cmd)))
    return found


def _env_value(value: str | None) -> bool:
    return bool(value) and "$" in str(value)


def _worker_knobs(facts: AppFacts) -> Iterator[Hit]:
    """Worker counts and replica counts a deploy can set without touching the code."""
    for start in appmodel.start_commands(facts):
        command = start.command()
        workers = command.flag_value("--workers", "-w")
        if start.program in ("gunicorn", "gunicorn3") and _env_value(workers):
            yield hit(start.fact, knob=f"gunicorn --workers {workers}", path=start.fact.path)
        elif start.program == "uvicorn" and workers:
            yield hit(start.fact, knob=f"uvicorn --workers {workers}", path=start.fact.path)
    for fact in appmodel.production(facts.of("config.assign")):
        if fact.get("name") == "workers" and fact.get("container") == "module" and fact.get("source") == "env":
            yield hit(fact, knob=f"workers = ${fact.get('env_name') or '?'}", path=fact.path)
    for fact in appmodel.production(facts.of("server.run")):
        workers = fact.get("workers") or {}
        if workers.get("source") == "env":
            yield hit(fact, knob=f"{fact.get('api')}(workers=${workers.get('env_name') or '?'})", path=fact.path)
    for fact in appmodel.production(facts.of("compose.service")):
        replicas = fact.get("replicas")
        if fact.get("role") == "deploy" and isinstance(replicas, int) and replicas > 1 \
                and not appmodel.image_engine(fact.get("image")):
            yield hit(fact, knob=f"{fact.get('name')}: replicas {replicas}", path=fact.path)


def _worker_count_in_config(facts: AppFacts) -> bool:
    return any(f.get("name") == "workers" and f.get("container") == "module"
               for f in appmodel.production(facts.of("config.assign")))


@rule("F08-S2", factor=8, polarity=FOR, strength=MODERATE)
def scaling_knobs(facts: AppFacts) -> Iterator[Hit]:
    knobs = list(_worker_knobs(facts))
    yield from knobs
    if knobs or _worker_count_in_config(facts):
        return
    # gunicorn and uvicorn read WEB_CONCURRENCY when no worker count is given
    for start in appmodel.start_commands(facts):
        command = start.command()
        if start.program in ("gunicorn", "gunicorn3", "uvicorn") and command.flag_value("--workers", "-w") is None \
                and not command.has_flag("--workers", "-w", "--config", "-c"):
            yield hit(start.fact, strength=WEAK, knob=f"$WEB_CONCURRENCY → {start.program} --workers",
                      path=start.fact.path)


def _process_starts(facts: AppFacts) -> list[appmodel.Start]:
    """Start commands of named process types: Procfile lines, compose services, the Kubernetes
    containers and platform services of this app that state their command."""
    deployed = appmodel.kubernetes_starts(facts)
    return appmodel.procfile_starts(facts) + appmodel.compose_starts(facts, roles=("deploy", "dev")) + deployed


def _worker_program(start: appmodel.Start) -> str | None:
    """The queue worker a start command runs, by program or by rake task (`rake jobs:work`)."""
    program = start.program
    if program in _WORKERS:
        return program
    if program == "jobs":
        return "bin/jobs"  # Solid Queue's supervisor (Rails 8)
    if program in ("rake", "rails"):
        tasks = [w for w in start.argv if _WORKER_TASKS.match(w)]
        if tasks:
            return f"{program} {tasks[0]}"
    return None


def _serves(start: appmodel.Start) -> bool:
    return appmodel.is_web_server(start) or start.program in _OTHER_WEB or start.process in ("web", "release")


@rule("F08-S3", factor=8, polarity=FOR, strength=MODERATE)
def worker_process_type(facts: AppFacts) -> Iterator[Hit]:
    seen: set[tuple[str, int | None]] = set()
    for start in _process_starts(facts):
        program = _worker_program(start)
        if program is None and _WORKER_NAME.search(start.process) and not _serves(start):
            program = _shown(start.argv, 4)  # a process type named for background work (`worker: node worker.js`)
        if program and (start.fact.path, start.fact.line) not in seen:
            seen.add((start.fact.path, start.fact.line))
            yield hit(start.fact, process=start.process, program=program, path=start.fact.path)
    for workload, container in _containers(facts):
        if not container.get("command") and _WORKER_NAME.search(str(workload.get("name"))):
            image = container.get("image") or {}
            yield hit(Location(workload.path, container.get("line") or workload.line, f"{workload.get('kind')} {workload.get('name')}"),
                      process=workload.get("name"), program=str(image.get("ref") or image.get("image")), path=workload.path)


# --- AGAINST: daemons, PID files, home-made supervision --------------------------------------------


def _daemon_how(command: _Cmd, start_path: bool) -> str | None:
    """How *command* detaches from its parent, if it does."""
    program, parsed = command.program, command.command()
    argv = _from_program(command)
    words = [appmodel.basename(w) for w in command.argv]
    if "rails" in words and command.argv[words.index("rails") + 1:words.index("rails") + 2] in (("server",), ("s",)) \
            and parsed.has_flag("-d", "--daemon"):
        return "rails server -d"  # Start.program reads `rails server` as puma
    flags = _DAEMON_FLAGS.get(program, ())
    flag = next((f for f in flags if parsed.has_flag(f)), None)
    if flag:
        return f"{program} {flag}"
    if program == "celery" and "multi" in argv[1:]:
        return "celery multi"
    if program in ("pm2", "forever") and "start" in argv[1:2] and not parsed.has_flag("--no-daemon"):
        return f"{program} start"  # `pm2 start --no-daemon` stays in the foreground (as pm2-runtime does)
    if not start_path:
        return None
    if program == "start-stop-daemon":
        return "start-stop-daemon"
    if program == "service" and len(argv) > 2 and argv[2] in ("start", "restart"):
        return " ".join(argv[:3])
    return None


def _config_files(facts: AppFacts) -> set[str]:
    """Basenames of gunicorn configuration files: named so, or passed with -c/--config."""
    names = {appmodel.basename(f.path) for f in facts.files
             if "gunicorn" in appmodel.basename(f.path) and f.path.endswith(".py")}
    for start in appmodel.start_commands(facts):
        value = start.command().flag_value("-c", "--config")
        if start.program in ("gunicorn", "gunicorn3") and value and not value.startswith("python:"):
            names.add(appmodel.basename(value))
    return names


def _server_config(facts: AppFacts, name: str) -> list[Fact]:
    files = _config_files(facts)
    return [f for f in appmodel.production(facts.of("config.assign"))
            if f.get("name") == name and f.get("container") == "module" and appmodel.basename(f.path) in files]


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
    for fact in appmodel.production(facts.of("process.daemon")):
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
    for fact in appmodel.production(facts.of("process.pidfile")):
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
    for loop in appmodel.production(facts.of("shell.loop")):
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
    names = {path, appmodel.basename(path), stem.replace("/", "."), posixpath.basename(stem)}
    if posixpath.basename(stem) == "__init__":
        package = posixpath.dirname(stem)
        names |= {package.replace("/", "."), posixpath.basename(package)}
    return {n for n in names if n}


_CODE_SUFFIXES = (".py", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".rb")


def _names(argv: tuple[str, ...], path: str) -> bool:
    """Whether a command names the file *path* (`python clock.py`, `celery -A tasks`, `node worker.js`)."""
    names = _module_names(path)
    for word in argv[1:]:
        for part in re.split(r"[:\s=]", word):
            part = part.removeprefix("./")
            if part in names or any(part.endswith("/" + n) for n in names if n.endswith(_CODE_SUFFIXES)):
                return True
    return False


def _web_evidence(facts: AppFacts) -> tuple[str, str] | None:
    """(what serves HTTP, where) for the app, if it serves HTTP at all."""
    for fact in appmodel.production(facts.of("web.app")):
        return str(fact.get("framework")), fact.path
    for start in appmodel.start_commands(facts):
        if appmodel.is_web_server(start):
            return start.program, start.fact.path
    return None


@dataclass(frozen=True, slots=True)
class _Process:
    """One process type and every command it runs (its scripts and package.json scripts included)."""

    name: str
    commands: tuple[_Cmd, ...]


def _processes(facts: AppFacts) -> list[_Process]:
    """The process types of the app: Procfile lines, compose services (deploy and dev), each
    production Dockerfile's CMD/ENTRYPOINT, Kubernetes containers and platform services that
    state their command."""
    groups: dict[tuple[str, int | None], tuple[str, list[_Cmd]]] = {}
    dev = [_Cmd(f, c.argv, c.background, c.last) for f in facts.of("compose.service") if f.get("role") == "dev"
           and f.get("build") and f.get("command") for c in _split(f, f.get("command").get("form"),
                                                                    f.get("command").get("argv"),
                                                                    f.get("command").get("command"))]
    for command in _declared(facts) + dev:
        fact = command.fact
        docker = fact.kind in ("docker.cmd", "docker.entrypoint")
        key = (fact.path, None) if docker else (fact.path, fact.line)
        name = "container" if docker else str(fact.get("type") if fact.get("type") == "web" else fact.get("name") or "container")
        groups.setdefault(key, (name, []))[1].append(command)
    out: list[_Process] = []
    for name, commands in groups.values():
        scripts = {s.path for s in (appmodel.script_of(facts, c.argv) for c in commands) if s is not None}
        everything = commands + [_Cmd(c, tuple(c.get("argv") or ())) for c in facts.of("shell.command") if c.path in scripts]
        out.append(_Process(name, tuple(everything + _package_scripts(facts, everything))))
    return out


def _is_web(facts: AppFacts, process: _Process) -> bool:
    """Whether a process type serves HTTP: named web, starting a web server, or running a file
    that creates a web app or listens on a port."""
    if process.name == "web":
        return True
    serving = {f.path for f in appmodel.production(facts.of("web.app", "server.run"))}
    for command in process.commands:
        start = appmodel.Start(command.fact, command.argv, "", process.name)
        if appmodel.is_web_server(start) or start.program in _OTHER_WEB or any(_names(command.argv, p) for p in serving):
            return True
    return False


def _own_process(facts: AppFacts, path: str) -> bool:
    """Whether *path* is the entry of a separate, non-web process type (`clock: python clock.py`,
    a Dockerfile.worker running `node worker.js`)."""
    if any(f.path == path for f in facts.of("web.app")):
        return False
    named = [p for p in _processes(facts) if any(_names(c.argv, path) for c in p.commands)]
    return bool(named) and not any(_is_web(facts, p) for p in named)


@rule("F08-S7", factor=8, polarity=AGAINST, strength=MODERATE)
def scheduler_in_web_process(facts: AppFacts) -> Iterator[Hit]:
    web = _web_evidence(facts)
    if web is None:
        return
    for fact in appmodel.production(facts.of("scheduler")):
        if _ONE_OFF.search(fact.path) or _own_process(facts, fact.path):
            continue
        yield hit(fact, api=fact.get("api"), web=web[0], web_path=web[1], path=fact.path)


def _supervisor_install(facts: AppFacts) -> Fact | None:
    packages = appmodel.installed_os_packages(facts)
    if "supervisor" in packages:
        return packages["supervisor"]
    return next((f for f in appmodel.production(facts.of("docker.run"))
                 if re.search(r"\bpip3?\s+install\b[^&;|]*\bsupervisor\b", str(f.get("command")))), None)


def _pm2_apps(facts: AppFacts, command: _Cmd) -> list[Fact]:
    """The apps of the pm2 ecosystem file a pm2 command starts (`pm2-runtime ecosystem.config.js`)."""
    named = {appmodel.basename(w) for w in command.argv[1:]}
    return [f for f in appmodel.production(facts.of("pm2.app")) if appmodel.basename(f.path) in named]


def _supervisor(facts: AppFacts, command: _Cmd) -> tuple[str, list[Fact]] | None:
    """(what, evidence) when *command* runs a process supervisor inside the container. pm2-runtime
    is pm2's foreground mode for containers: it counts only when its ecosystem file runs several
    apps (several process types); pm2's `instances`/cluster mode copies one app over the CPUs and
    is not a second process type."""
    program = command.program
    if program not in appmodel.SUPERVISORS and program != "pm2-runtime":
        return None
    apps = _pm2_apps(facts, command) if program.startswith("pm2") else []
    scripts = {str(a.get("script") or a.get("name")) for a in apps}
    if len(scripts) > 1:
        return f"{program} ({', '.join(str(a.get('name') or a.get('script')) for a in apps[:5])})", apps[:5]
    return (program, []) if program != "pm2-runtime" else None


@rule("F08-S8", factor=8, polarity=AGAINST, strength=MODERATE)
def supervisor_in_container(facts: AppFacts) -> Iterator[Hit]:
    install = _supervisor_install(facts)
    seen: set[tuple[str, int | None, str]] = set()
    for command in _unique(_start_path(facts)):
        found = _supervisor(facts, command)
        if found is not None:
            what, apps = found
            installed = install is not None and command.program == "supervisord"
            where = [command.fact] + ([install] if installed else []) + apps
        elif command.program in _LONG_RUNNING and not _sent_away(command, True) and command.background:
            # a second long-running process next to the main one: the start script is the supervisor
            what, where = f"{appmodel.basename(command.fact.path)} ({command.program} &)", [command.fact]
        else:
            continue
        key = (command.fact.path, command.fact.line, what)
        if key not in seen:  # `pm2 start app.js && pm2 logs`: one container, one finding
            seen.add(key)
            yield hit(*where, program=what, path=command.fact.path)


# --- no evidence ----------------------------------------------------------------------------------


@rule("F08-NE", factor=8, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def no_start_command(facts: AppFacts) -> Iterator[Hit]:
    if appmodel.production(facts.of("procfile.process")) or appmodel.dockerfile_starts(facts) or \
            appmodel.compose_starts(facts, roles=("deploy", "dev")) or _workloads(facts) or _services(facts):
        return  # Kubernetes workloads and platform services declare the processes too
    yield hit(Location("."))
