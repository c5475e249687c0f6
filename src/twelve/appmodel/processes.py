"""The app's processes: the process types it declares (its formation), every command on the
start path and what each does (serves, works a queue, detaches, writes a PID file, supervises
others), the schedulers and supervisors inside them, and how many copies the deploy runs.
Factor VIII reads these, factor VI asks how many replicas run.

The start path is every command the deploy definitions run: Procfile lines, the final
Dockerfile stage, deploy compose services, Kubernetes containers and platform services, plus the
start scripts they run and the package.json scripts `npm start` runs. Knowledge of each program
(daemon and PID flags, worker counts, which programs run the app's work) is in
``twelve.knowledge.programs``.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass
from typing import Any, cast

from twelve.appmodel.admin import admin_command
from twelve.appmodel.deploy import LONG_RUNNING_KINDS, app_containers, deployed, deployed_workloads
from twelve.appmodel.packages import installed_os_packages
from twelve.appmodel.services import image_engine
from twelve.appmodel.starts import (
    SHELLS,
    Start,
    basename,
    builder_images,
    compose_starts,
    conventional_starts,
    dockerfile_starts,
    effective,
    is_web_server,
    kubernetes_starts,
    procfile_starts,
    production,
    program_of,
    script_chain,
    shell_string,
    start_commands,
    unwrap,
)
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.shellwords import Command, split_commands
from twelve.knowledge import programs
from twelve.model import Location, Scope

#: programs that run the app's long-lived work (a loop re-running one of them is a supervisor)
APP_PROCESSES = programs.names(having="app_process")
#: programs that only keep a container alive once the real process was sent to the background
_IDLE = programs.names(programs.IDLE, long_running=True)
_PACKAGE_MANAGERS = programs.names(having="runs_package_scripts")
_DAEMON_FLAGS = cast("dict[str, tuple[str, ...]]", programs.by_name("daemon_flags"))
_PID_SHORT = programs.by_name("pid_flags")
#: queue workers of every stack, by program
WORKERS = programs.names(programs.WORKER)
#: web servers of stacks other than Python (their process is a web process type, not a worker)
_OTHER_WEB = programs.names(programs.WEB_SERVER) - programs.names(programs.WEB_SERVER, ecosystem="python")
_SUPERVISORS = programs.names(programs.SUPERVISOR)
#: scripts that start the app on a host or in a container, by name (dev/local/test helpers excluded)
_START_SCRIPT = re.compile(r"^(start|run|serve|server|boot|deploy|launch|entrypoint|docker-entrypoint)([\w.-]*)$")
_DEV_SCRIPT = re.compile(r"(?i)dev|local|test")
#: process types named for background work (`worker:`, `email-worker`, `jobs`, a `consumer` deployment)
_WORKER_NAME = re.compile(r"(?i)(^|[-_/])(workers?|consumers?|jobs|queues?|sidekiq)([-_/]|$)")
#: code run as a one-off, not as one of the app's processes
_ONE_OFF = re.compile(r"(^|/)(scripts?|tools|bin|management/commands)/")
#: a replica count pinned by a note that the workload must not be scaled
_SINGLETON = re.compile(
    r"(?i)(must|should|do|does|can|could)\s*(not|n't)\s+(be\s+)?scal|(cannot|can't|won't)\s+(be\s+)?scal|"
    r"never\s+scale|dont\s+scale|"
    r"singleton|only\s+one\s+(instance|replica|pod|copy|process)|single\s+(instance|replica|pod)|"
    r"one\s+(replica|instance)\s+only|not\s+safe\s+to\s+scale|leader\s+(only|election)|exactly\s+one"
)
_CODE_SUFFIXES = (".py", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".rb")


def shown(argv: tuple[str, ...], limit: int = 6) -> str:
    """A command line cut to *limit* words for a message."""
    return " ".join(argv[:limit]) + (" …" if len(argv) > limit else "")


def running(start: Start) -> tuple[str, str]:
    """(program, command) of the process a start command ends up running, for a message: shells
    (`sh -c "wait; exec gunicorn ..."`, also nested) and wrappers opened, an `npm start` shown with
    the command of its package.json script."""
    found = effective(start)
    for _ in range(3):
        inner = shell_string(found.argv)
        commands = split_commands(inner) if inner is not None else []
        if not commands:
            break
        found = dataclasses.replace(found, argv=unwrap(commands[-1].argv))
    text = f"{found.package_script} → {shown(found.argv, 6)}" if found.package_script else shown(found.argv, 8)
    return found.program or start.program, text


# --- the start path ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cmd:
    """One simple command on the start path, with the fact that states it."""

    fact: Fact
    argv: tuple[str, ...]
    background: bool = False
    last: bool = False  # the process the container, Procfile line or script ends up running
    idle_end: bool = False  # its sequence ends in a keep-alive (`tail -f`, `sleep infinity`, `wait`)

    @property
    def program(self) -> str:
        """The program that really runs (runner prefixes looked through, see Start.program)."""
        return program_of(self.argv)

    def command(self) -> Command:
        return Command(self.argv, " ".join(self.argv), False, self.background)

    def from_program(self) -> tuple[str, ...]:
        """The argv from the program that really runs (`npx pm2 start` -> `pm2 start`)."""
        program = self.program
        for index, word in enumerate(self.argv):
            if basename(word) == program:
                return self.argv[index:]
        return self.argv


def _split(fact: Fact, form: str | None, argv: list[str] | None, text: str | None) -> list[Cmd]:
    """Commands of an exec-form or shell-form instruction (`sh -c "..."` is opened up)."""
    if form == "exec" and argv:
        if len(argv) > 2 and basename(argv[0]) in SHELLS and argv[1] == "-c":
            text = argv[2]
        else:
            return [Cmd(fact, tuple(argv), False, True)]
    commands = [c for c in split_commands(text or "") if c.argv]
    idle = bool(commands) and commands[-1].program in _IDLE
    return [Cmd(fact, c.argv, c.background, i == len(commands) - 1, idle) for i, c in enumerate(commands)]


def workloads(facts: AppFacts) -> list[Fact]:
    """This app's long-running Kubernetes workloads (a shared manifest counts for the app it names)."""
    return deployed_workloads(facts, LONG_RUNNING_KINDS)


def containers(facts: AppFacts) -> list[tuple[Fact, dict]]:
    """(workload, container) for the app containers of those workloads."""
    return [(w, c) for w in workloads(facts) for c in app_containers(w)]


def platform_services(facts: AppFacts) -> list[Fact]:
    """This app's platform services (fly.toml processes, render.yaml services)."""
    return deployed(facts, "platform.service")


def _declared(facts: AppFacts) -> list[Cmd]:
    """Commands written in the Procfile, the final Dockerfile stage, deploy compose services,
    Kubernetes containers and platform services."""
    out: list[Cmd] = []
    for fact in production(facts.of("procfile.process")):
        commands = fact.get("commands") or []
        idle = bool(commands) and basename(str((commands[-1].get("argv") or [""])[0])) in _IDLE
        out.extend(
            Cmd(fact, tuple(c["argv"]), bool(c.get("background")), i == len(commands) - 1, idle)
            for i, c in enumerate(commands)
            if c.get("argv")
        )
    builders = builder_images(facts)
    for fact in production(facts.of("docker.entrypoint", "docker.cmd")):
        if fact.get("final") and fact.path not in builders:
            out.extend(_split(fact, fact.get("form"), fact.get("argv"), fact.get("command")))
    for fact in production(facts.of("compose.service")):
        if fact.get("role") == "deploy" and fact.get("build"):
            for key in ("entrypoint", "command"):
                spec = fact.get(key)
                if spec:
                    out.extend(_split(fact, spec.get("form"), spec.get("argv"), spec.get("command")))
    for workload, container in containers(facts):
        argv = [str(w) for w in (container.get("command") or []) + (container.get("args") or [])]
        if container.get("command"):
            out.extend(_split(workload, "exec", argv, None))
    for service in platform_services(facts):
        if service.get("start"):
            out.extend(_split(service, "shell", None, str(service.get("start"))))
    if not out:  # nothing declared: the start the stack implies (`npm start`, config.ru)
        out.extend(Cmd(start.fact, start.argv, start.background, True) for start in conventional_starts(facts))
    return out


def _script_name(argv: tuple[str, ...]) -> str | None:
    """The package.json script a package-manager command runs (`npm start`, `yarn run worker`)."""
    words = [basename(w) for w in argv[:3]]
    if not words or words[0] not in _PACKAGE_MANAGERS or len(words) < 2:
        return None
    if words[1] in ("start", "dev", "serve"):
        return words[1]
    if words[1] in ("run", "run-script") and len(words) > 2:
        return words[2]
    # yarn, pnpm and bun run a script named as their first word (`yarn web`); npm needs `run`
    if words[0] != "npm" and not words[1].startswith("-") and words[1] not in ("install", "add", "exec", "dlx", "x"):
        return words[1]
    return None


def _package_scripts(facts: AppFacts, commands: list[Cmd]) -> list[Cmd]:
    """The commands of the package.json scripts that *commands* run (`npm start` -> `pm2 start
    app.js`), stated by the package.json line of the script."""
    scripts = {f.get("name"): f for f in facts.of("node.script")}
    out: list[Cmd] = []
    for command in commands:
        name = _script_name(command.argv)
        script = scripts.get(name) if name else None
        if script is None:
            continue
        parsed = [c for c in split_commands(str(script.get("command") or "")) if c.argv]
        idle = bool(parsed) and parsed[-1].program in _IDLE
        out.extend(
            Cmd(
                script,
                c.argv,
                c.background or command.background,
                command.last and i == len(parsed) - 1,
                idle or command.idle_end,
            )
            for i, c in enumerate(parsed)
        )
    return out


def unique(commands: list[Cmd]) -> list[Cmd]:
    """*commands* without repeats of one command of one line."""
    seen: set[tuple[str, int | None, tuple[str, ...]]] = set()
    out: list[Cmd] = []
    for command in commands:
        key = (command.fact.path, command.fact.line, command.argv)
        if key not in seen:
            seen.add(key)
            out.append(command)
    return out


def start_path(facts: AppFacts) -> list[Cmd]:
    """The declared commands plus every command of the start scripts and package.json scripts
    they run, once each."""

    def compute() -> list[Cmd]:
        declared = _declared(facts)
        # the scripts the declared commands run, and the scripts those run by name (bounded)
        scripts = {s.path: s for c in declared for s in script_chain(facts, c.argv)}
        out = list(declared)
        for command in facts.of("shell.command"):
            script = scripts.get(command.path)
            if script is not None:
                out.append(
                    Cmd(
                        command,
                        tuple(command.get("argv") or ()),
                        bool(command.get("background")),
                        command.line == script.get("last_line"),
                        script.get("last_program") in _IDLE,
                    )
                )
        return unique(out + _package_scripts(facts, out))

    return list(facts.derive("processes.start_path", compute))


def host_script_commands(facts: AppFacts) -> list[Cmd]:
    """Every command of the production scripts named as start or deploy scripts (start.sh,
    run_server.sh, deploy.sh), which may start the app on a host outside any container."""
    scripts = {s.path: s for s in facts.of("shell.script")}
    out = []
    for command in production(facts.of("shell.command")):
        name = basename(command.path)
        if _START_SCRIPT.match(name) and not _DEV_SCRIPT.search(name):
            script = scripts.get(command.path)
            last, idle = (script.get("last_line"), script.get("last_program") in _IDLE) if script else (None, False)
            out.append(
                Cmd(
                    command,
                    tuple(command.get("argv") or ()),
                    bool(command.get("background")),
                    command.line == last,
                    idle,
                )
            )
    return out


# --- the formation --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Formation:
    """Several process types declared together: a Procfile, compose services of one build, the
    workloads of one image, the processes of one platform app."""

    where: tuple[Fact | Location, ...]
    scope: Scope
    source: str  # the file(s), or the image or app the types share
    count: int
    types: tuple[str, ...]  # the names of the types
    formation: str  # `name: command; ...`


def _compose_command(service: Fact) -> str:
    spec = service.get("command") or {}
    return " ".join(spec["argv"]) if spec.get("form") == "exec" else str(spec.get("command") or "CMD")


def _cli_names(facts: AppFacts) -> frozenset[str]:
    """The names of the app's CLI commands, gathered once per app."""
    return facts.derive(
        "processes.cli_names", lambda: frozenset(str(f.get("name")) for f in facts.of("cli.command") if f.get("name"))
    )


def one_off(facts: AppFacts, argv: list[str] | tuple[str, ...]) -> bool:
    """Whether a command runs a one-off admin task (a migration, `manage.py migrate`), not a
    long-running process type."""
    return bool(argv) and admin_command(tuple(str(w) for w in argv), _cli_names(facts)) is not None


def procfile_formations(facts: AppFacts) -> list[Formation]:
    """Each production Procfile and its long-running process types (the `release` phase runs
    once per deploy: it is not a process type)."""
    procfiles: dict[str, list[Fact]] = {}
    for fact in production(facts.of("procfile.process")):
        if fact.get("name") != "release":
            procfiles.setdefault(fact.path, []).append(fact)
    return [
        Formation(
            tuple(types),
            Scope.PRODUCTION if any(t.scope is Scope.PRODUCTION for t in types) else types[0].scope,
            path,
            len(types),
            tuple(str(p.get("name")) for p in types),
            "; ".join(f"{p.get('name')}: {p.get('command')}" for p in types),
        )
        for path, types in sorted(procfiles.items())
    ]


def compose_formations(facts: AppFacts) -> list[Formation]:
    """Compose services built from the same context with different commands (one image, several types)."""
    groups: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in facts.of("compose.service"):
        build = fact.get("build")
        command = fact.get("command") or {}
        argv = command.get("argv") if command.get("form") == "exec" else str(command.get("command") or "").split()
        if build and fact.get("role") in ("deploy", "dev") and not one_off(facts, argv or []):
            key = (fact.path, str(build.get("context")), str(build.get("dockerfile")))
            groups.setdefault(key, []).append(fact)
    formations = []
    for key in sorted(groups):
        services = groups[key]
        commands = {repr(s.get("command")) for s in services}
        if len(services) > 1 and len(commands) > 1:
            scope = Scope.PRODUCTION if any(s.scope is Scope.PRODUCTION for s in services) else services[0].scope
            formations.append(
                Formation(
                    tuple(services),
                    scope,
                    services[0].path,
                    len(services),
                    tuple(str(s.get("name")) for s in services),
                    "; ".join(f"{s.get('name')}: {_compose_command(s)}" for s in services),
                )
            )
    return formations


def _image_key(container: dict[str, Any]) -> str:
    image = container.get("image") or {}
    return str(image.get("ref") if image.get("templated") else image.get("image"))


def container_command(container: dict[str, Any]) -> str:
    """What a container runs: its command and arguments, or its image's CMD."""
    words = (container.get("command") or []) + (container.get("args") or [])
    return " ".join(words) if words else "(image CMD)"


def workload_formations(facts: AppFacts) -> list[Formation]:
    """Long-running workloads of one image with different commands (one per process type), and
    the processes of one fly.io app that state their commands."""

    def compute() -> list[Formation]:
        found: list[Formation] = []
        groups: dict[str, list[tuple[Fact, dict[str, Any]]]] = {}
        for workload in workloads(facts):
            for container in app_containers(workload)[:1]:
                if not one_off(facts, (container.get("command") or []) + (container.get("args") or [])):
                    groups.setdefault(_image_key(container), []).append((workload, container))
        for image, members in sorted(groups.items()):
            commands = {container_command(c) for _w, c in members}
            if len(members) > 1 and len(commands) > 1:
                where = tuple(
                    Location(
                        w.path,
                        c.get("command_line") or c.get("line") or w.line,
                        f"{w.get('name')}: {container_command(c)}",
                    )
                    for w, c in members[:4]
                )
                found.append(
                    Formation(
                        where,
                        members[0][0].scope,
                        image,
                        len(members),
                        tuple(str(w.get("name")) for w, _c in members),
                        "; ".join(f"{w.get('name')}: {container_command(c)}" for w, c in members[:6]),
                    )
                )
        by_app: dict[tuple[str, str], list[Fact]] = {}
        for service in platform_services(facts):
            if service.get("start"):
                by_app.setdefault((service.path, str(service.get("app"))), []).append(service)
        for (_path, app), services in sorted(by_app.items()):
            if len(services) > 1 and services[0].get("platform") == "fly":
                found.append(
                    Formation(
                        tuple(services[:4]),
                        services[0].scope,
                        app,
                        len(services),
                        tuple(str(s.get("name")) for s in services),
                        "; ".join(f"{s.get('name')}: {s.get('start')}" for s in services[:6]),
                    )
                )
        return found

    return list(facts.derive("processes.workload_formations", compute))


def deployed_processes(facts: AppFacts) -> list[tuple[Location, str, str]]:
    """The process types an orchestrator or platform runs: one per long-running Kubernetes
    workload and per platform service (location, name, command)."""
    found: list[tuple[Location, str, str]] = []
    # a container that states no command runs its image's CMD: the app's Dockerfile's, when it has one
    images = {shown(s.argv, 6) for s in start_commands(facts) if s.via in ("dockerfile", "entrypoint")}
    image_cmd = f"(image CMD: {next(iter(images))})" if len(images) == 1 else "(image CMD)"
    for workload in workloads(facts):
        container = app_containers(workload)[0]
        words = [str(w) for w in (container.get("command") or []) + (container.get("args") or [])]
        line = container.get("command_line") or container.get("line") or workload.line
        found.append(
            (
                Location(workload.path, line, f"{workload.get('kind')} {workload.get('name')}"),
                str(workload.get("name")),
                shown(tuple(words), 8) if words else image_cmd,
            )
        )
    for service in platform_services(facts):
        found.append(
            (
                Location(service.path, service.line, service.excerpt),
                str(service.get("name")),
                str(service.get("start") or image_cmd),
            )
        )
    return found


def declares_processes(facts: AppFacts) -> bool:
    """Whether the repository says how the app's processes start: a Procfile, a Dockerfile's
    CMD/ENTRYPOINT, a compose service's command, a Kubernetes workload or a platform service."""
    return bool(
        production(facts.of("procfile.process"))
        or dockerfile_starts(facts)
        or compose_starts(facts, roles=("deploy", "dev"))
        or workloads(facts)
        or platform_services(facts)
        or conventional_starts(facts)
    )


# --- how many copies run ------------------------------------------------------------------------------


def _env_value(value: str | None) -> bool:
    return bool(value) and "$" in str(value)


def _label(fact: Fact) -> str:
    return f"{fact.get('kind')} {fact.get('name')}".strip()


def concurrency_knobs(facts: AppFacts) -> list[tuple[Fact, str]]:
    """(evidence, knob) of the worker and replica counts a deploy sets without touching the
    code: a server's worker count from the environment, a configuration module's `workers` read
    from the environment, a server call's `workers=` from the environment, compose replicas."""
    found: list[tuple[Fact, str]] = []
    for start in start_commands(facts):
        row = programs.program(start.program)
        if row is None or not row.workers_flags:
            continue
        workers = start.command().flag_value(*row.workers_flags)
        # a worker count is a knob when it comes from the environment (a fixed `--workers 4` is
        # decided in the image, not per deploy)
        if _env_value(workers):
            found.append((start.fact, f"{row.name} --workers {workers}"))
    for fact in production(facts.of("config.assign")):
        if fact.get("name") == "workers" and fact.get("container") == "module" and fact.get("source") == "env":
            found.append((fact, f"workers = ${fact.get('env_name') or '?'}"))
    for fact in production(facts.of("server.run")):
        run_workers = fact.get("workers") or {}
        if run_workers.get("source") == "env":
            found.append((fact, f"{fact.get('api')}(workers=${run_workers.get('env_name') or '?'})"))
    for fact in production(facts.of("compose.service")):
        replicas = fact.get("replicas")
        if (
            fact.get("role") == "deploy"
            and isinstance(replicas, int)
            and replicas > 1
            and not image_engine(fact.get("image"))
        ):
            found.append((fact, f"{fact.get('name')}: replicas {replicas}"))
    return found


def default_concurrency(facts: AppFacts) -> list[tuple[Fact, str]]:
    """(start, knob) of servers started with no worker count that read it from the environment
    (gunicorn and uvicorn read WEB_CONCURRENCY), when no worker count is configured anywhere."""
    if concurrency_knobs(facts) or any(
        f.get("name") == "workers" and f.get("container") == "module" for f in production(facts.of("config.assign"))
    ):
        return []
    found: list[tuple[Fact, str]] = []
    for start in start_commands(facts):
        row = programs.program(start.program)
        if row is None or not row.workers_env:
            continue
        command = start.command()
        if command.flag_value(*row.workers_flags) is None and not command.has_flag(
            *row.workers_flags, "--config", "-c"
        ):
            found.append((start.fact, f"${row.workers_env} → {start.program} --workers"))
    return found


def replicated(facts: AppFacts) -> list[tuple[Location, Scope, str, str]]:
    """(where, scope, what, knob) of every way the deploy runs (or may run) several copies:
    replicas of long-running workloads, autoscalers, Helm values, Kustomize replicas, platform
    instance counts."""

    def compute() -> list[tuple[Location, Scope, str, str]]:
        found: list[tuple[Location, Scope, str, str]] = []
        for workload in workloads(facts):
            if (workload.get("replicas") or 0) > 1:
                found.append(
                    (
                        Location(
                            workload.path,
                            workload.get("replicas_line") or workload.line,
                            f"replicas: {workload.get('replicas')}",
                        ),
                        workload.scope,
                        _label(workload),
                        f"replicas: {workload.get('replicas')}",
                    )
                )
        for scaler in deployed(facts, "k8s.autoscaler"):
            if (scaler.get("max") or 0) > 1:
                low = scaler.get("min") if scaler.get("min") is not None else "?"
                found.append(
                    (
                        Location(scaler.path, scaler.line, scaler.excerpt),
                        scaler.scope,
                        f"{scaler.get('kind')} {scaler.get('name')}",
                        f"{scaler.get('kind')} → {scaler.get('target')} ({low}–{scaler.get('max')})",
                    )
                )
        for values in deployed(facts, "k8s.helm_values"):
            images = values.get("images") or []
            if images and all(image_engine(i) for i in images):
                continue  # the values of a backing service's chart (redis, postgresql)
            for entry in values.get("replicas") or []:
                if (entry.get("value") or 0) > 1:
                    found.append(
                        (
                            Location(values.path, entry.get("line"), f"{entry.get('path')}: {entry.get('value')}"),
                            values.scope,
                            values.path,
                            f"{entry.get('path')}: {entry.get('value')}",
                        )
                    )
            for entry in values.get("autoscaling") or []:
                if entry.get("enabled") and (entry.get("max") or 0) > 1:
                    found.append(
                        (
                            Location(values.path, entry.get("line"), f"{entry.get('path')}.enabled: true"),
                            values.scope,
                            values.path,
                            f"{entry.get('path')} ({entry.get('min')}–{entry.get('max')})",
                        )
                    )
        for kustomization in deployed(facts, "k8s.kustomization"):
            for entry in kustomization.get("replicas") or []:
                if (entry.get("count") or 0) > 1:
                    found.append(
                        (
                            Location(
                                kustomization.path, entry.get("line"), f"{entry.get('name')}: {entry.get('count')}"
                            ),
                            kustomization.scope,
                            kustomization.path,
                            f"replicas {entry.get('name')}: {entry.get('count')}",
                        )
                    )
        for service in platform_services(facts):
            count = max(
                service.get("instances") or 0, service.get("min_instances") or 0, service.get("max_instances") or 0
            )
            if count > 1:
                found.append(
                    (
                        Location(service.path, service.line, service.excerpt),
                        service.scope,
                        f"{service.get('platform')} {service.get('name')}",
                        f"{service.get('platform')} {service.get('name')}: {count} instances",
                    )
                )
        return found

    return list(facts.derive("processes.replicated", compute))


def pm2_clusters(facts: AppFacts) -> list[tuple[Fact, str]]:
    """(app, knob) of pm2 apps that run several instances (cluster mode over the CPUs, or a count)."""
    found: list[tuple[Fact, str]] = []
    for app in production(facts.of("pm2.app")):
        instances = app.get("instances")
        text = str(instances).strip().lower() if instances is not None else ""
        several = text in ("max", "-1", "0") or (text.isdigit() and int(text) > 1) or _env_value(text)
        if several:
            found.append((app, f"pm2 {app.get('name') or app.get('script') or 'app'}: instances {instances}"))
    return found


@dataclass(frozen=True, slots=True)
class FormationDeclared:
    """One way the repository declares how the app scales out as processes."""

    where: tuple[Fact | Location, ...]
    scope: Scope
    what: str  # `Procfile: web, worker`, `replicas: 3`, `gunicorn --workers $WEB_CONCURRENCY`


def declared_formation(facts: AppFacts) -> list[FormationDeclared]:
    """Every declaration of the app's formation (the rubric's "scale expressed as process types
    and instances"): a Procfile with a long-running type; two long-running process types or more
    of the app's own artifact (compose services of one build, workloads of one image, the app's
    workloads and platform services); several replicas or an autoscaler; pm2 cluster instances; a
    worker count the deploy sets through the environment. One-off services (migrations, Jobs,
    the Procfile `release` phase) are not process types; one container with one command is not
    a formation."""

    def compute() -> list[FormationDeclared]:
        found: list[FormationDeclared] = []
        for formation in procfile_formations(facts) + compose_formations(facts) + workload_formations(facts):
            found.append(
                FormationDeclared(formation.where, formation.scope, f"{formation.source}: {', '.join(formation.types)}")
            )
        deployed = [d for d in deployed_processes(facts) if not one_off(facts, d[2].split())]
        if len(deployed) > 1 and not workload_formations(facts):
            found.append(
                FormationDeclared(
                    tuple(w for w, _n, _c in deployed[:4]), Scope.PRODUCTION, ", ".join(n for _w, n, _c in deployed[:6])
                )
            )
        for fact, knob in concurrency_knobs(facts) + pm2_clusters(facts):
            found.append(FormationDeclared((fact,), fact.scope, knob))
        for where, scope, _what, knob in replicated(facts):
            found.append(FormationDeclared((where,), scope, knob))
        return found

    return list(facts.derive("processes.declared_formation", compute))


def pinned_to_one(facts: AppFacts) -> list[tuple[Location, Scope, str, str]]:
    """(where, scope, what, note) of replica counts forced to one by a note that says the
    workload must not scale (`replicas: 1  # singleton, do not scale`)."""
    found: list[tuple[Location, Scope, str, str]] = []
    for workload in workloads(facts):
        note = str(workload.get("replicas_note") or "")
        if workload.get("replicas") == 1 and _SINGLETON.search(note):
            found.append(
                (
                    Location(workload.path, workload.get("replicas_line") or workload.line, "replicas: 1"),
                    workload.scope,
                    _label(workload),
                    note,
                )
            )
    for values in deployed(facts, "k8s.helm_values"):
        for entry in values.get("replicas") or []:
            if entry.get("value") == 1 and _SINGLETON.search(str(entry.get("note") or "")):
                found.append(
                    (
                        Location(values.path, entry.get("line"), f"{entry.get('path')}: 1"),
                        values.scope,
                        values.path,
                        str(entry.get("note")),
                    )
                )
    for kustomization in deployed(facts, "k8s.kustomization"):
        for entry in kustomization.get("replicas") or []:
            if entry.get("count") == 1 and _SINGLETON.search(str(entry.get("note") or "")):
                found.append(
                    (
                        Location(kustomization.path, entry.get("line"), f"{entry.get('name')}: 1"),
                        kustomization.scope,
                        f"replicas {entry.get('name')}",
                        str(entry.get("note")),
                    )
                )
    return found


# --- workers ------------------------------------------------------------------------------------------


def process_starts(facts: AppFacts) -> list[Start]:
    """Start commands of named process types: Procfile lines, compose services, the Kubernetes
    containers and platform services of this app that state their command."""
    return procfile_starts(facts) + compose_starts(facts, roles=("deploy", "dev")) + kubernetes_starts(facts)


def worker_program(start: Start) -> str | None:
    """The queue worker a start command runs, by program or by rake task (`rake jobs:work`)."""
    program = start.program
    if program in WORKERS:
        return program
    if program == "jobs":
        return "bin/jobs"  # Solid Queue's supervisor (Rails 8)
    if program in programs.TASK_RUNNERS:
        tasks = [w for w in start.argv if programs.WORKER_TASKS.match(w)]
        if tasks:
            return f"{program} {tasks[0]}"
    return None


def serves(start: Start) -> bool:
    """Whether a start command serves requests (a web server, a process type named web) or runs
    the release phase."""
    return is_web_server(start) or start.program in _OTHER_WEB or start.process in ("web", "release")


def worker_named(name: str) -> bool:
    """Whether a process type is named for background work (`worker`, `email-worker`, `jobs`)."""
    return bool(_WORKER_NAME.search(name))


@dataclass(frozen=True, slots=True)
class Worker:
    """A process type that works a queue."""

    where: Fact | Location
    process: str
    program: str
    path: str


def worker_processes(facts: AppFacts) -> list[Worker]:
    """Process types that run a queue worker (by program or rake task), or are named for
    background work and do not serve, and worker-named workloads that run their image's CMD."""
    found: list[Worker] = []
    seen: set[tuple[str, int | None]] = set()
    for start in process_starts(facts):
        program = worker_program(start)
        if program is None and worker_named(start.process) and not serves(start):
            program = shown(start.argv, 4)  # a process type named for background work (`worker: node worker.js`)
        if program and (start.fact.path, start.fact.line) not in seen:
            seen.add((start.fact.path, start.fact.line))
            found.append(Worker(start.fact, start.process, program, start.fact.path))
    for workload, container in containers(facts):
        if not container.get("command") and worker_named(str(workload.get("name"))):
            image = container.get("image") or {}
            found.append(
                Worker(
                    Location(
                        workload.path,
                        container.get("line") or workload.line,
                        f"{workload.get('kind')} {workload.get('name')}",
                    ),
                    str(workload.get("name")),
                    str(image.get("ref") or image.get("image")),
                    workload.path,
                )
            )
    return found


# --- daemons, PID files, home-made supervision -----------------------------------------------------


def daemonizes(command: Cmd, on_start_path: bool) -> str | None:
    """How *command* detaches from its parent, if it does: a daemon flag, a detaching subcommand
    (`celery multi`, `pm2 start`), or (on the start path) a daemonizer (`service x start`)."""
    program, parsed = command.program, command.command()
    argv = command.from_program()
    words = [basename(w) for w in command.argv]
    if (
        "rails" in words
        and command.argv[words.index("rails") + 1 : words.index("rails") + 2] in (("server",), ("s",))
        and parsed.has_flag("-d", "--daemon")
    ):
        return "rails server -d"  # Start.program reads `rails server` as puma
    flags = _DAEMON_FLAGS.get(program, ())
    flag = next((f for f in flags if parsed.has_flag(f)), None)
    if flag:
        return f"{program} {flag}"
    row = programs.program(program)
    if row is None:
        return None
    daemonizer = programs.DAEMONIZER in row.roles
    if daemonizer and not on_start_path:
        return None
    if row.foreground_flags and parsed.has_flag(*row.foreground_flags):
        return None  # `pm2 start --no-daemon` stays in the foreground (as pm2-runtime does)
    for sub in row.daemon_subcommands:
        if sub in argv[1:]:
            return " ".join(argv[: argv.index(sub, 1) + 1]) if daemonizer else f"{program} {sub}"
    return program if daemonizer and not row.daemon_subcommands else None


def sent_away(command: Cmd, on_start_path: bool) -> bool:
    """A server or worker detached with `&`: as the last process, or with `nohup` or a keep-alive
    (`tail -f /dev/null`) left in the foreground in its place."""
    if not command.background:
        return False
    if command.last:
        return on_start_path or command.program in APP_PROCESSES
    return command.program in APP_PROCESSES and (command.idle_end or "nohup" in command.fact.excerpt)


def pid_file(command: Cmd) -> str | None:
    """How *command* writes a PID file (`gunicorn --pid /run/app.pid`), if it does."""
    parsed = command.command()
    for flag in _PID_SHORT.get(command.program, ()) + programs.PID_FILE_FLAGS:  # type: ignore[operator]
        value = parsed.flag_value(flag)
        # `--pidfile=` (empty) is the usual way to switch the file off in a container
        if value and value != "/dev/null":
            return f"{command.program} {flag} {value}"
    return None


def _server_config_files(facts: AppFacts) -> set[str]:
    """Base names of gunicorn configuration files: named so, or passed with -c/--config (once per
    app, however many settings are asked for)."""
    return set(facts.derive("processes.server_config_files", lambda: _find_server_config_files(facts)))


def _find_server_config_files(facts: AppFacts) -> frozenset[str]:
    if facts.names:  # the app's file names, each once: not every file of the app (and the shared ones)
        names = {name for table in facts.names for name in table if "gunicorn" in name and name.endswith(".py")}
    else:
        names = {basename(f.path) for f in facts.files if "gunicorn" in basename(f.path) and f.path.endswith(".py")}
    for start in start_commands(facts):
        row = programs.program(start.program)
        if row is None or not row.config_flags:
            continue
        value = start.command().flag_value(*row.config_flags)
        if value and not value.startswith("python:"):
            names.add(basename(value))
    return frozenset(names)


def server_config(facts: AppFacts, name: str) -> list[Fact]:
    """The settings called *name* of the app's server configuration modules (gunicorn.conf.py)."""
    files = _server_config_files(facts)
    return [
        f
        for f in production(facts.of("config.assign"))
        if f.get("name") == name and f.get("container") == "module" and basename(f.path) in files
    ]


def restarted_programs(loop: Fact) -> list[str]:
    """The app processes an endless shell loop re-runs in its body; the programs of its condition
    only wait or test (`while ! pg_isready ...; do sleep 1; done` waits, it does not supervise)."""
    if loop.get("bounded"):
        return []
    text = str(loop.get("condition") or "")
    condition, inline = text, ""
    match = re.search(r";\s*do\b", text)
    if match:
        condition, inline = text[: match.start()], text[match.end() :]
    body = list(loop.get("programs") or [])
    for command in split_commands(condition.lstrip("! ")):
        if command.program in body:
            body.remove(command.program)
    body.extend(c.program for c in split_commands(inline) if c.program != "done")
    return [p for p in body if p in APP_PROCESSES]


def _supervisor_install(facts: AppFacts) -> Fact | None:
    packages = installed_os_packages(facts)
    if "supervisor" in packages:
        return packages["supervisor"]
    return next(
        (
            f
            for f in production(facts.of("docker.run"))
            if re.search(r"\bpip3?\s+install\b[^&;|]*\bsupervisor\b", str(f.get("command")))
        ),
        None,
    )


def _pm2_apps(facts: AppFacts, command: Cmd) -> list[Fact]:
    """The apps of the pm2 ecosystem file a pm2 command starts (`pm2-runtime ecosystem.config.js`)."""
    named = {basename(w) for w in command.argv[1:]}
    return [f for f in production(facts.of("pm2.app")) if basename(f.path) in named]


def _supervisor(facts: AppFacts, command: Cmd) -> tuple[str, list[Fact]] | None:
    """(what, evidence) when *command* runs a process supervisor inside the container. pm2-runtime
    is pm2's foreground mode for containers: it counts only when its ecosystem file runs several
    apps (several process types); pm2's `instances`/cluster mode copies one app over the CPUs and
    is not a second process type."""
    program = command.program
    if program not in _SUPERVISORS and program != "pm2-runtime":
        return None
    apps = _pm2_apps(facts, command) if program.startswith("pm2") else []
    scripts = {str(a.get("script") or a.get("name")) for a in apps}
    if len(scripts) > 1:
        return f"{program} ({', '.join(str(a.get('name') or a.get('script')) for a in apps[:5])})", apps[:5]
    return (program, []) if program != "pm2-runtime" else None


def in_container_supervisors(facts: AppFacts) -> list[tuple[Cmd, str, list[Fact]]]:
    """(command, what, evidence) for each start-path command that supervises several processes
    in one container: a supervisor (supervisord with its install, pm2 with an ecosystem of
    several apps), or a long-running process sent to the background next to the main one."""
    if not start_commands(facts):
        return []  # a conventional start (`npm start` on a host) runs in no container
    install = _supervisor_install(facts)
    found: list[tuple[Cmd, str, list[Fact]]] = []
    seen: set[tuple[str, int | None, str]] = set()
    for command in start_path(facts):
        supervisor = _supervisor(facts, command)
        if supervisor is not None:
            what, apps = supervisor
            where = (
                [command.fact] + ([install] if install is not None and command.program == "supervisord" else []) + apps
            )
        elif command.program in APP_PROCESSES and not sent_away(command, True) and command.background:
            # a second long-running process next to the main one: the start script is the supervisor
            what, where = f"{basename(command.fact.path)} ({command.program} &)", [command.fact]
        else:
            continue
        key = (command.fact.path, command.fact.line, what)
        if key not in seen:  # `pm2 start app.js && pm2 logs`: one container, one finding
            seen.add(key)
            found.append((command, what, where))
    return found


# --- work hidden inside the web process ---------------------------------------------------------------


def _module_names(path: str) -> set[str]:
    """The ways a command can name a Python file: path, file name, module, stem."""
    stem = posixpath.splitext(path)[0]
    names = {path, basename(path), stem.replace("/", "."), posixpath.basename(stem)}
    if posixpath.basename(stem) == "__init__":
        package = posixpath.dirname(stem)
        names |= {package.replace("/", "."), posixpath.basename(package)}
    return {n for n in names if n}


def names_file(argv: tuple[str, ...], path: str) -> bool:
    """Whether a command names the file *path* (`python clock.py`, `celery -A tasks`, `node worker.js`)."""
    names = _module_names(path)
    for word in argv[1:]:
        for part in re.split(r"[:\s=]", word):
            part = part.removeprefix("./")
            if part in names or any(part.endswith("/" + n) for n in names if n.endswith(_CODE_SUFFIXES)):
                return True
    return False


@dataclass(frozen=True, slots=True)
class ProcessType:
    """One process type and every command it runs (its scripts and package.json scripts included)."""

    name: str
    commands: tuple[Cmd, ...]


def process_types(facts: AppFacts) -> list[ProcessType]:
    """The process types of the app: Procfile lines, compose services (deploy and dev), each
    production Dockerfile's CMD/ENTRYPOINT, Kubernetes containers and platform services that
    state their command."""

    def compute() -> list[ProcessType]:
        groups: dict[tuple[str, int | None], tuple[str, list[Cmd]]] = {}
        dev = [
            Cmd(f, c.argv, c.background, c.last)
            for f in facts.of("compose.service")
            if f.get("role") == "dev" and f.get("build") and f.get("command")
            for c in _split(
                f, f.get("command").get("form"), f.get("command").get("argv"), f.get("command").get("command")
            )
        ]
        for command in _declared(facts) + dev:
            fact = command.fact
            docker = fact.kind in ("docker.cmd", "docker.entrypoint")
            key = (fact.path, None) if docker else (fact.path, fact.line)
            name = (
                "container"
                if docker
                else str(fact.get("type") if fact.get("type") == "web" else fact.get("name") or "container")
            )
            groups.setdefault(key, (name, []))[1].append(command)
        out: list[ProcessType] = []
        for name, commands in groups.values():
            scripts = {s.path for c in commands for s in script_chain(facts, c.argv)}
            everything = commands + [
                Cmd(c, tuple(c.get("argv") or ())) for c in facts.of("shell.command") if c.path in scripts
            ]
            out.append(ProcessType(name, tuple(everything + _package_scripts(facts, everything))))
        return out

    return list(facts.derive("processes.process_types", compute))


def is_web_process(facts: AppFacts, process: ProcessType) -> bool:
    """Whether a process type serves HTTP: named web, starting a web server, or running a file
    that creates a web app or listens on a port."""
    if process.name == "web":
        return True
    serving = {f.path for f in production(facts.of("web.app", "server.run"))}
    for command in process.commands:
        start = Start(command.fact, command.argv, "", process.name)
        if is_web_server(start) or start.program in _OTHER_WEB or any(names_file(command.argv, p) for p in serving):
            return True
    return False


def own_process(facts: AppFacts, path: str) -> bool:
    """Whether *path* is the entry of a separate, non-web process type (`clock: python clock.py`,
    a Dockerfile.worker running `node worker.js`)."""
    if any(f.path == path for f in facts.of("web.app")):
        return False
    named = [p for p in process_types(facts) if any(names_file(c.argv, path) for c in p.commands)]
    return bool(named) and not any(is_web_process(facts, p) for p in named)


def in_process_schedulers(facts: AppFacts) -> list[Fact]:
    """Schedulers started by code that runs in a web process: not one-off scripts, not the entry
    of a separate process type of their own."""
    return [
        f for f in production(facts.of("scheduler")) if not _ONE_OFF.search(f.path) and not own_process(facts, f.path)
    ]


__all__ = [
    "APP_PROCESSES",
    "WORKERS",
    "Cmd",
    "Formation",
    "FormationDeclared",
    "ProcessType",
    "Worker",
    "compose_formations",
    "concurrency_knobs",
    "container_command",
    "containers",
    "daemonizes",
    "declared_formation",
    "declares_processes",
    "default_concurrency",
    "deployed_processes",
    "host_script_commands",
    "in_container_supervisors",
    "in_process_schedulers",
    "is_web_process",
    "names_file",
    "one_off",
    "own_process",
    "pid_file",
    "pinned_to_one",
    "pm2_clusters",
    "platform_services",
    "procfile_formations",
    "process_starts",
    "process_types",
    "replicated",
    "restarted_programs",
    "running",
    "sent_away",
    "serves",
    "server_config",
    "shown",
    "start_path",
    "unique",
    "worker_named",
    "worker_processes",
    "worker_program",
    "workload_formations",
    "workloads",
]
