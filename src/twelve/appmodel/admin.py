"""The app's admin processes: the admin code it ships (migrations, management commands, CLI
commands, scripts), what an admin command line runs, the ways the repository runs admin tasks as
one-off processes against a release (`docker compose run`, `heroku run`, a Procfile `release:`
step, a Kubernetes Job or hook, a platform release command), admin tasks run by every start of a
process, Jobs paired with the workload whose release they should share, and schema changes made
by hand."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from twelve.appmodel.deploy import LONG_RUNNING_KINDS, app_containers, deployed_workloads
from twelve.appmodel.starts import dockerfile_starts, procfile_starts, program_of
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.shellwords import split_commands
from twelve.knowledge import admin, programs
from twelve.model import Location, Scope

# --- admin code -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdminCode:
    """A piece of admin code the app ships: a migration or script file, a CLI command."""

    where: Location
    name: str  # the file's name, or the command's (`init-db` of `@app.cli.command("init-db")`)


def admin_code(facts: AppFacts) -> list[AdminCode]:
    """Migrations, management commands, scripts and CLI commands of production code."""
    return list(facts.derive("admin.code", lambda: _find_admin_code(facts)))


def _find_admin_code(facts: AppFacts) -> list[AdminCode]:
    found: list[AdminCode] = []
    for entry in facts.files:
        if entry.scope is Scope.PRODUCTION and (admin.MIGRATION_PATH.search(entry.path) or admin.SCRIPT_PATH.search(entry.path)):
            found.append(AdminCode(Location(entry.path), posixpath.basename(entry.path)))
    for fact in facts.of("cli.command"):
        if fact.scope is Scope.PRODUCTION:
            excerpt = fact.excerpt
            name = excerpt.split("(")[-1].strip("\"')") if excerpt.startswith("@") else posixpath.basename(fact.path)
            found.append(AdminCode(Location(fact.path, fact.line, excerpt), name))
    return found


def cli_names(facts: AppFacts) -> set[str]:
    """The names of the app's own CLI commands (`flask init-db` runs one)."""
    return {f.data.name for f in facts.of("cli.command") if f.data.name}


# --- what an admin command line runs ---------------------------------------------------------------


def admin_command(argv: list[str] | tuple[str, ...], names: set[str]) -> str | None:
    """The admin task an argv runs (`flask init-db`, `manage.py migrate`, `alembic upgrade`,
    `prisma migrate`, `npm run migrate`), if any; *names* are the app's own CLI commands."""
    words = [w.rsplit("/", 1)[-1] for w in argv]
    program = program_of(tuple(argv)) if argv else ""
    row = programs.program(program) if program else None
    migrator = row.migrate_subcommand if row is not None and programs.MIGRATOR in row.roles else None
    if migrator is not None:
        rest = [w for w in words[words.index(program) + 1:] if not w.startswith("-")] if program in words else []
        if migrator == "" or (rest and rest[0].startswith(migrator)):
            return " ".join([program] + rest[:1])
    if program in admin.PACKAGE_MANAGERS and len(words) > 1 and admin.NPM_MIGRATE.search(" ".join(words[1:3])):
        return " ".join(words[:3])
    flag = next((w for w in argv if admin.MIGRATE_SWITCH.search(w)), None)
    if flag is not None:  # the release image run with its migration switch (`java -jar app.jar --spring.flyway.enabled=true`)
        return flag
    for i, word in enumerate(words):
        if word == "flask":
            rest = [w for w in words[i + 1:] if not w.startswith("-")]
            while rest and rest[0] in ("--app",):
                rest = rest[2:]
            if rest and rest[0] not in admin.FLASK_NOT_ADMIN and (rest[0] in names or rest[0] == "db"
                                                                  or admin.FLASK_ADMIN_WORDS.search(rest[0])):
                return " ".join(["flask"] + rest[:2])
        if word == "manage.py" and i + 1 < len(words) and words[i + 1] not in admin.MANAGE_NOT_ADMIN:
            return f"manage.py {words[i + 1]}"
        if word in admin.ADMIN_TOOLS and i + 1 < len(words):
            return f"{word} {words[i + 1]}"
        if word in admin.DB_TASK_RUNNERS and i + 1 < len(words) and words[i + 1].startswith(admin.DB_TASK):
            return f"{word} {words[i + 1]}"
        if word.endswith(".py") and any(part in argv[i] for part in admin.SCRIPT_DIRS):
            return argv[i]
    return None


# --- one-off runs, and admin tasks at every start ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class OneOffRun:
    """A way the repository runs an admin task as a one-off process of the release."""

    fact: Fact
    how: str  # `Procfile release`, `docker compose run --rm web flask db upgrade`, `Job migrate: ...`


def one_off_runs(facts: AppFacts) -> list[OneOffRun]:
    """Procfile `release:` steps, documented or scripted one-off runs (`docker compose run`,
    `heroku run`, `kubectl exec`...) of an admin command, app.json scripts, compose services that
    run an admin command, Jobs and hooks that do, and platform release commands."""
    return list(facts.derive("admin.one_off_runs", lambda: _one_off_runs(facts)))


def _one_off_runs(facts: AppFacts) -> list[OneOffRun]:
    names = cli_names(facts)
    out: list[OneOffRun] = []
    for fact in facts.of("procfile.process"):
        if fact.scope is Scope.PRODUCTION and fact.data.name == "release":
            out.append(OneOffRun(fact, "Procfile release"))
    for fact in facts.of("doc.command", "ci.step"):
        if fact.kind == "ci.step":
            argvs = [list(c.argv) for c in split_commands(fact.data.run or "")]
        else:
            argvs = [list(fact.data.argv or [])]
        for argv in argvs:
            words = [w.rsplit("/", 1)[-1] for w in argv]
            runner = next((r for r in admin.ONE_OFF_RUNNERS if tuple(words[:len(r)]) == r), None)
            if runner is None:
                continue
            command = argv[argv.index("--") + 1:] if "--" in argv else argv[len(runner):]
            if admin_command(command, names):
                out.append(OneOffRun(fact, " ".join(argv[:6])))
    for fact in facts.of("heroku.app"):
        scripts = fact.data.scripts or {}
        for key in admin.HEROKU_SCRIPTS:
            if key in scripts:
                out.append(OneOffRun(fact, f"app.json scripts.{key}"))
    for fact in facts.of("compose.service"):
        command = fact.data.command or {}
        argv = command.get("argv") or (command.get("command") or "").split()
        if argv and admin_command(argv, names) and not any(w in argv for w in admin.SERVER_WORDS):
            out.append(OneOffRun(fact, f"compose service {fact.data.name}"))
    for fact in facts.of("k8s.workload"):
        # a Job (or a Helm / Argo CD hook) that runs an admin command with the release's image
        if fact.data.kind not in ("Job",) and not (fact.data.helm_hook or fact.data.argo_hook):
            continue
        for container in fact.data.containers or []:
            argv = [str(w) for w in (container.get("command") or []) + (container.get("args") or [])]
            task = admin_command(argv, names) if argv else None
            if task:
                out.append(OneOffRun(fact, f"{fact.data.kind} {fact.data.name}: {task}"))
    for fact in facts.of("platform.service"):
        if fact.data.release:
            out.append(OneOffRun(fact, f"{fact.data.platform} release command: {fact.data.release}"))
    return out


@dataclass(frozen=True, slots=True)
class StartTask:
    """An admin command that the start path runs (an entrypoint script's `flask db upgrade`)."""

    fact: Fact
    task: str


def start_tasks(facts: AppFacts) -> list[StartTask]:
    """Admin commands run by the start path (entrypoint scripts of the Dockerfile or Procfile),
    before the server, at every start of a process."""
    def compute() -> list[StartTask]:
        names = cli_names(facts)
        scripts = {s.fact.path for s in dockerfile_starts(facts) + procfile_starts(facts) if s.fact.kind == "shell.command"}
        out: list[StartTask] = []
        for fact in facts.of("shell.command"):
            if fact.path in scripts:
                task = admin_command(fact.data.argv or [], names)
                if task:
                    out.append(StartTask(fact, task))
        return out

    return list(facts.derive("admin.start_tasks", compute))


# --- one-off Jobs of a cluster and the release they should share -------------------------------------


def workload_label(workload: Fact) -> str:
    """`Job migrate`, `Deployment web`."""
    return f"{workload.data.kind} {workload.data.name}".strip()


def container_process(container: dict[str, Any]) -> str:
    """The command a container runs, or `(image CMD)` when the image's own command runs."""
    words = (container.get("command") or []) + (container.get("args") or [])
    return " ".join(words) if words else "(image CMD)"


def job_hook(job: Fact) -> str:
    """How a Job runs: as a Helm or Argo CD hook of a release, or as a plain Job."""
    if job.data.helm_hook:
        return f"Helm hook {job.data.helm_hook}"
    if job.data.argo_hook:
        return f"Argo CD hook {job.data.argo_hook}"
    return "Job"


def _is_admin(job: Fact, container: dict[str, Any]) -> bool:
    hook = str(job.data.helm_hook or "") + " " + str(job.data.argo_hook or "")
    return bool(admin.PRE_RELEASE_HOOK.search(hook)) or bool(admin.ADMIN_COMMAND.search(container_process(container)))


def same_image(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two image references name the same build (templated ones: the same template)."""
    if a.get("templated") or b.get("templated"):
        return a.get("ref") == b.get("ref")
    return (a.get("image"), a.get("tag") or "latest", a.get("digest")) == (b.get("image"), b.get("tag") or "latest", b.get("digest"))


def config_sources(workload: Fact) -> set[str]:
    """The Secrets and ConfigMaps a workload's app containers take configuration from."""
    refs: set[str] = set()
    for container in app_containers(workload):
        refs.update(f"{e.get('source')}/{e.get('name')}" for e in container.get("env_from") or [])
        refs.update(f"{e.get('source')}/{e.get('ref')}" for e in container.get("env") or [] if e.get("source") in ("secret", "configmap"))
    return refs


def is_migration_tool_image(image: dict[str, Any]) -> bool:
    """An image of a migration tool (flyway, liquibase...), not of the app."""
    return bool(admin.TOOL_IMAGES.search(str(image.get("image") or "")))


@dataclass(frozen=True, slots=True)
class AdminJob:
    """A Job of this app with the long-running workload whose release it should run: the one
    with the same image repository, or the first one when the Job runs an admin task."""

    job: Fact
    container: dict[str, Any]
    deployment: Fact
    reference: dict[str, Any]


def admin_jobs(facts: AppFacts) -> list[AdminJob]:
    """Each Job with the long-running workload whose image it should share (same repository)."""
    deployments = [(w, c) for w in deployed_workloads(facts, LONG_RUNNING_KINDS) for c in app_containers(w)[:1]]
    jobs = [(w, c) for w in deployed_workloads(facts, frozenset({"Job"})) for c in app_containers(w)[:1]]
    found: list[AdminJob] = []
    for job, container in jobs:
        image = container["image"]
        same = [(w, c) for w, c in deployments if same_image(c["image"], image)]
        related = same or [(w, c) for w, c in deployments if not image.get("templated") and c["image"].get("image") == image.get("image")]
        if not related and _is_admin(job, container) and deployments:
            related = deployments[:1]
        for workload, reference in related[:1]:
            found.append(AdminJob(job, container, workload, reference))
    return found


# --- admin work done outside the release -------------------------------------------------------------


def schema_changes_by_hand(facts: AppFacts) -> list[Fact]:
    """Documented commands that change a production schema with a database shell (`psql -c
    "ALTER TABLE ..."`), outside the app's code and release."""
    found: list[Fact] = []
    for fact in facts.of("doc.command"):
        if fact.data.program not in admin.DATABASE_SHELLS:
            continue
        text = " ".join(fact.data.argv or [])
        if admin.SCHEMA_SQL.search(text) and admin.PRODUCTION_SECTION.search(fact.data.section or ""):
            found.append(fact)
    return found


@dataclass(frozen=True, slots=True)
class IgnoredAdminCode:
    """A `.dockerignore` pattern that leaves admin code out of the image."""

    fact: Fact
    pattern: str


def ignored_admin_code(facts: AppFacts) -> list[IgnoredAdminCode]:
    code = admin_code(facts)
    admin_dirs = {c.where.path.split("/")[0] for c in code}
    found: list[IgnoredAdminCode] = []
    for fact in facts.of("docker.ignore"):
        pattern = (fact.data.pattern or "").strip("/").rstrip("*").rstrip("/")
        if pattern and not pattern.startswith("!") and (pattern in admin_dirs or pattern in admin.ADMIN_NAMES):
            if any(c.where.path == pattern or c.where.path.startswith(pattern + "/") for c in code):
                found.append(IgnoredAdminCode(fact, pattern))
    return found
