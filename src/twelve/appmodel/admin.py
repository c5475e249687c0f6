"""The app's admin processes: the admin code it ships (migrations, management commands, CLI
commands, scripts), what an admin command line runs, the ways the repository runs admin tasks as
one-off processes against a release (`docker compose run`, `heroku run`, a Procfile `release:`
step, a Kubernetes Job or hook, a platform release command), admin tasks run by every start of a
process, Jobs paired with the workload whose release they should share, and schema changes made
by hand."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from twelve.appmodel.deploy import LONG_RUNNING_KINDS, app_containers, deployed_workloads
from twelve.appmodel.services import declared_drivers
from twelve.appmodel.starts import dockerfile_starts, procfile_starts, production, program_of, script_chain
from twelve.appmodel.state import is_one_off
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.shellwords import split_commands
from twelve.facts.springconfig import is_dev_profile
from twelve.knowledge import admin, programs
from twelve.model import Location, Scope

# --- admin code -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdminCode:
    """A piece of admin code the app ships: a migration or script file, a CLI command."""

    where: Location
    name: str  # the file's name, or the command's (`init-db` of `@app.cli.command("init-db")`)
    #: "migration", "command", "script", or "config" (a migration tool's configuration or entry
    #: point, `alembic.ini`, `manage.py`: evidence of admin code, never named as a task)
    kind: str = "script"


def admin_code(facts: AppFacts) -> list[AdminCode]:
    """Migrations, management commands, scripts and CLI commands of production code (migrations
    first, then commands, scripts and the tools' configuration). Build, test, CI and start tooling
    is not admin code (`scripts/coverage.sh`, `scripts/lint.sh`, `scripts/runserver.sh`), nor
    are commands that start or describe the app (`serve`, `version`)."""
    return list(facts.derive("admin.code", lambda: _find_admin_code(facts)))


def _admin_paths(facts: AppFacts) -> list[tuple[str, str]]:
    """(path, what its path says) of every production file of the repository whose path names a
    migration ("migration", "config"), a migration-like file ("file", "file+script" when it is
    also where scripts live) or a script ("script"): the
    path patterns do not depend on the app, so they run once per run, not once per app."""
    found: list[tuple[str, str]] = []
    for entry in facts.all.repo.files:
        if entry.scope is not Scope.PRODUCTION:
            continue
        path = entry.path
        if admin.MIGRATION_PATH.search(path):
            found.append((path, "config" if admin.ADMIN_CONFIG_FILE.search(path) else "migration"))
        elif admin.MIGRATION_FILE.search(path):
            # a migration when the schema facts say so, else a script when it lies where they do
            found.append((path, "file+script" if admin.SCRIPT_PATH.search(path) else "file"))
        elif admin.SCRIPT_PATH.search(path):
            found.append((path, "script"))
    return found


def _find_admin_code(facts: AppFacts) -> list[AdminCode]:
    found: list[AdminCode] = []
    schema_files = {f.path for f in facts.of("schema.migration") if f.scope is Scope.PRODUCTION}
    candidates = facts.derive_repository("admin.paths", lambda: _admin_paths(facts))
    repo, app = facts.all.repo, facts.app
    several = len(repo.apps) > 1
    for path, said in candidates:
        if several:  # the app's files: those of its root and those outside every app root
            owner = repo.owner(path)
            if owner is not None and owner.path != app.path:
                continue
        name = posixpath.basename(path)
        if said in ("migration", "config"):
            found.append(AdminCode(Location(path), name, said))
        elif said.startswith("file") and path in schema_files:
            found.append(AdminCode(Location(path), name, "migration"))
        elif said != "file" and not is_tooling_script(facts, path):
            found.append(AdminCode(Location(path), name, "script"))
    for fact in facts.of("cli.command"):
        if (
            fact.scope is Scope.PRODUCTION
            and fact.data.name
            and fact.data.name.lstrip("-") not in admin.NOT_ADMIN_COMMANDS
            and not _tooling_command(fact.data.name)
        ):
            found.append(AdminCode(Location(fact.path, fact.line, fact.excerpt), fact.data.name, "command"))
    order = {"migration": 0, "command": 1, "script": 2, "config": 3}
    return sorted(found, key=lambda code: order.get(code.kind, 4))


def _tooling_command(name: str) -> bool:
    """A command of the app's CLI or task runner that builds, tests, lints or benchmarks
    (`benchmarking:endpoint`, `lint`, `assets:precompile`), unless it also names an admin word."""
    words = set(re.split(r"[-_.:\s]+", name.lower().lstrip("-")))
    return bool(words & admin.TOOLING_WORDS) and not words & admin.ADMIN_WORDS


def admin_code_names(found: list[AdminCode]) -> list[str]:
    """How admin code reads in a message: each migrations folder once (`db/migrate/`), commands and
    scripts by name; configuration files only when nothing else is there."""
    names: list[str] = []
    for code in found:
        if code.kind == "config" and any(c.kind != "config" for c in found):
            continue
        name = (
            posixpath.dirname(code.where.path) + "/"
            if code.kind == "migration" and admin.MIGRATION_PATH.search(code.where.path)
            else code.name
        )
        if name not in names:
            names.append(name)
    return names


def admin_task_name(found: list[AdminCode]) -> str:
    """The admin task a message names for the admin code: a migration, a command or a script, never
    a tool's configuration (`alembic.ini`)."""
    real = [c for c in found if c.kind != "config"]
    return admin_code_names(real or found)[0] if found else ""


def is_tooling_script(facts: AppFacts, path: str) -> bool:
    """A script of the repository that is build, test, CI, release or start tooling rather than
    admin code: by its name (`coverage.sh`, `run-tests.sh`, but not `run_migrations.sh`), or because
    the commands it runs are such tools (`go test`, `gofmt`, `eslint`, `docker build`) and none is
    an admin command."""
    stem = posixpath.basename(path).rsplit(".", 1)[0].lower()
    words = set(re.split(r"[-_.]+", stem))
    if words & admin.ADMIN_WORDS:
        return False
    if words & admin.TOOLING_WORDS:
        return True
    commands = [c for c in facts.of("shell.command") if c.path == path]
    if not commands:
        return False
    names = cli_names(facts)
    if any(admin_command(c.data.argv or [], names) for c in commands):
        return False
    for command in commands:
        argv = [w.rsplit("/", 1)[-1] for w in command.data.argv or []]
        subcommands = admin.DEV_TOOL_COMMANDS.get(argv[0]) if argv else None
        if subcommands is not None and (not subcommands or (len(argv) > 1 and argv[1] in subcommands)):
            return True
    return False


def cli_names(facts: AppFacts) -> set[str]:
    """The names of the app's own CLI commands (`flask init-db` runs one)."""
    return {f.data.name for f in facts.of("cli.command") if f.data.name}


# --- what an admin command line runs ---------------------------------------------------------------


def admin_command(argv: list[str] | tuple[str, ...], names: Set[str]) -> str | None:
    """The admin task an argv runs (`flask init-db`, `manage.py migrate`, `alembic upgrade`,
    `prisma migrate`, `npm run migrate`), if any; *names* are the app's own CLI commands."""
    words = [w.rsplit("/", 1)[-1] for w in argv]
    program = program_of(tuple(argv)) if argv else ""
    row = programs.program(program) if program else None
    migrator = row.migrate_subcommand if row is not None and programs.MIGRATOR in row.roles else None
    if migrator is not None:
        rest = [w for w in words[words.index(program) + 1 :] if not w.startswith("-")] if program in words else []
        if migrator == "" or (rest and rest[0].startswith(migrator)):
            return " ".join([program] + rest[:1])
    if program in admin.PACKAGE_MANAGERS and len(words) > 1 and admin.NPM_MIGRATE.search(" ".join(words[1:3])):
        return " ".join(words[:3])
    flag = next((w for w in argv if admin.MIGRATE_SWITCH.search(w)), None)
    if (
        flag is not None
    ):  # the release image run with its migration switch (`java -jar app.jar --spring.flyway.enabled=true`)
        return flag
    for i, word in enumerate(words):
        if word == "flask":
            rest = [w for w in words[i + 1 :] if not w.startswith("-")]
            while rest and rest[0] in ("--app",):
                rest = rest[2:]
            if (
                rest
                and rest[0] not in admin.FLASK_NOT_ADMIN
                and (rest[0] in names or rest[0] == "db" or admin.FLASK_ADMIN_WORDS.search(rest[0]))
            ):
                return " ".join(["flask"] + rest[:2])
        if word == "manage.py" and i + 1 < len(words) and words[i + 1] not in admin.MANAGE_NOT_ADMIN:
            return f"manage.py {words[i + 1]}"
        if word in admin.ADMIN_TOOLS and i + 1 < len(words):
            return f"{word} {words[i + 1]}"
        if word in admin.DB_TASK_RUNNERS and i + 1 < len(words) and words[i + 1].startswith(admin.DB_TASK):
            return f"{word} {words[i + 1]}"
        if word.endswith(".py") and any(part in argv[i] for part in admin.SCRIPT_DIRS):
            return argv[i]
        if word.endswith(".py") and i + 1 < len(words) and words[i + 1] in names - admin.NOT_ADMIN_COMMANDS:
            return " ".join(words[i : i + 3])  # the app's own click or typer command (`launcher.py db init`)
    switch = next((w for w in argv[1:] if w.startswith("-") and "-" + w.lstrip("-").split("=", 1)[0] in names), None)
    if switch is not None:  # a flag of the app's binary that runs an admin task (`miniflux -migrate`)
        return f"{words[0]} {switch}"
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
            runner = next((r for r in admin.ONE_OFF_RUNNERS if tuple(words[: len(r)]) == r), None)
            if runner is None:
                if fact.kind == "doc.command" and fact.scope is Scope.PRODUCTION and admin_command(argv, names):
                    # the guide runs the app's own admin command as a one-off (`python manage.py migrate`,
                    # `./miniflux -migrate`, `flask db upgrade`)
                    out.append(OneOffRun(fact, " ".join(argv[:6])))
                continue
            command = argv[argv.index("--") + 1 :] if "--" in argv else argv[len(runner) :]
            if admin_command(command, names):
                out.append(OneOffRun(fact, " ".join(argv[:6])))
    for fact in facts.of("heroku.app"):
        scripts = fact.data.scripts or {}
        for key in admin.HEROKU_SCRIPTS:
            if key in scripts:
                out.append(OneOffRun(fact, f"app.json scripts.{key}"))
    for fact in facts.of("compose.service"):
        service_command = fact.data.command or {}
        argv = service_command.get("argv") or (service_command.get("command") or "").split()
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
            elif (
                not argv
                and fact.data.kind == "Job"
                and admin.ADMIN_COMMAND.search(f" {fact.data.name} {container.get('name')} ")
            ):
                # the release's image run once by a Job named for its task (`orders-migrate-1-4-0` with
                # the image's own command and a migration profile)
                out.append(OneOffRun(fact, f"Job {fact.data.name}"))
    for fact in facts.of("platform.service"):
        if fact.data.release:
            out.append(OneOffRun(fact, f"{fact.data.platform} release command: {fact.data.release}"))
    return out


@dataclass(frozen=True, slots=True)
class StartTask:
    """An admin command that the start path runs (an entrypoint script's `flask db upgrade`)."""

    fact: Fact
    task: str
    #: the task generates schema changes instead of applying committed ones (`manage.py
    #: makemigrations`, `alembic revision --autogenerate`, `prisma migrate dev`, `prisma db push`)
    generates: bool = False


def start_tasks(facts: AppFacts) -> list[StartTask]:
    """Admin commands run by the start path (entrypoint scripts of the Dockerfile or Procfile, and
    the scripts of the repository they run in turn, by path or by name), before the server, at
    every start of a process."""

    def compute() -> list[StartTask]:
        names = cli_names(facts)
        scripts = _start_scripts(facts)
        out: list[StartTask] = []
        for fact in facts.of("shell.command"):
            if fact.path in scripts:
                argv = fact.data.argv or []
                task = admin_command(argv, names)
                if task:
                    out.append(StartTask(fact, task, bool(admin.SCHEMA_GENERATION.search(" ".join(argv)))))
        return out

    return list(facts.derive("admin.start_tasks", compute))


def _start_scripts(facts: AppFacts) -> set[str]:
    """The scripts the start path runs: the entrypoint scripts of the Dockerfile and the Procfile,
    and every script of the repository one of them runs (`commands.sh` running `migrate.sh`, found
    on the PATH of the image, runs `makemigrations.sh` in turn)."""
    by_name: dict[str, list[str]] = {}
    for script in facts.of("shell.script"):
        by_name.setdefault(posixpath.basename(script.path), []).append(script.path)
    starts = dockerfile_starts(facts) + procfile_starts(facts)
    pending = [s.fact.path for s in starts if s.fact.kind == "shell.command"]
    # the scripts a start runs by path or by a name the image puts on its PATH (the app model's chain)
    heads = [
        tuple(f.get("argv") or ()) for f in production(facts.of("docker.entrypoint", "docker.cmd")) if f.get("final")
    ]
    pending += [script.path for argv in [*heads, *(s.argv for s in starts)] for script in script_chain(facts, argv)]
    seen: set[str] = set()
    commands: dict[str, list[Fact]] = {}
    for fact in facts.of("shell.command"):
        commands.setdefault(fact.path, []).append(fact)
    while pending and len(seen) < 50:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for command in commands.get(path, []):
            for word in (command.data.argv or [])[:3]:
                name = posixpath.basename(word)
                if name.endswith((".sh", ".bash")):
                    pending.extend(p for p in by_name.get(name, []) if p not in seen)
    return seen


@dataclass(frozen=True, slots=True)
class StartMigration:
    """Migrations that run when the app starts, without an entrypoint script saying so: Spring Boot
    applying Flyway or Liquibase migrations at start-up (the default when the tool is on the
    classpath), or a deploy that switches the app's own migrate-at-start option on (`RUN_MIGRATIONS=1`)."""

    fact: Fact
    how: str  # `Flyway (Spring Boot default)`, `RUN_MIGRATIONS=1`
    variant: str  # "framework", "switch"


def start_migrations(facts: AppFacts) -> list[StartMigration]:
    def compute() -> list[StartMigration]:
        out: list[StartMigration] = []
        deps = [d for d in facts.of("dep.declared") if d.scope is Scope.PRODUCTION and d.data.ecosystem == "java"]
        spring = any("spring-boot" in str(d.data.name) for d in deps)
        migrations = any(c.kind == "migration" for c in admin_code(facts))
        if spring and migrations:
            settings = [
                f for f in facts.of("config.assign") if f.data.framework == "spring" and f.scope is Scope.PRODUCTION
            ]
            for tool, (dependency, switch) in admin.SPRING_MIGRATION_TOOLS.items():
                dep = next((d for d in deps if dependency.search(str(d.data.name))), None)
                if dep is None:
                    continue
                values = [f for f in settings if f.data.name == switch and not f.data.profile]
                if values and _setting_value(values[-1]).lower() == "false":
                    continue  # switched off for the app (`false`, `${FLYWAY_ENABLED:false}`); a Job may still run it once
                out.append(
                    StartMigration(
                        values[-1] if values else dep, f"{tool} (Spring Boot runs it at start-up)", "framework"
                    )
                )
        for fact in facts.of("schema.migration"):
            if (
                fact.scope is Scope.PRODUCTION
                and fact.data.api in admin.BOOT_MIGRATION_APIS
                and not admin.MIGRATION_PATH.search(fact.path)
                and not is_one_off(fact.path)
            ):
                # sinatra-sequel's `migration "create users" do` runs when the file is loaded: the
                # app's own code, loaded at boot, migrates the schema at every start
                out.append(StartMigration(fact, f"{admin.BOOT_MIGRATION_APIS[fact.data.api]} ({fact.path})", "boot"))
        for fact in facts.of("compose.service"):
            if fact.scope is not Scope.PRODUCTION or not (fact.data.build or fact.data.image):
                continue
            for entry in fact.data.environment or []:
                if (
                    admin.MIGRATE_AT_START_ENV.match(str(entry.get("key", "")))
                    and str(entry.get("value", "")).strip().lower() in admin.TRUE_VALUES
                ):
                    out.append(StartMigration(fact, f"{entry.get('key')}={entry.get('value')} ({fact.path})", "switch"))
        for fact in facts.of("docker.env"):
            key, value = str(fact.data.key or ""), str(fact.data.value or "")
            if (
                fact.scope is Scope.PRODUCTION
                and fact.data.final is not False
                and admin.MIGRATE_AT_START_ENV.match(key)
                and value.strip().strip("'\"").lower() in admin.TRUE_VALUES
            ):
                out.append(StartMigration(fact, f"{key}={value} ({fact.path})", "switch"))
        return out

    return list(facts.derive("admin.start_migrations", compute))


def _setting_value(fact: Fact) -> str:
    """The value a setting has when the environment does not set it: `false` for
    `${FLYWAY_ENABLED:false}`, the literal otherwise."""
    value = getattr(fact.data, "value", None)
    if value is None or not hasattr(value, "env_default"):
        return str(value or "").strip()
    found = value.value if value.value is not None else value.env_default
    return str(found if found is not None else "").strip()


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
    return (a.get("image"), a.get("tag") or "latest", a.get("digest")) == (
        b.get("image"),
        b.get("tag") or "latest",
        b.get("digest"),
    )


def config_sources(workload: Fact) -> set[str]:
    """The Secrets and ConfigMaps a workload's app containers take configuration from."""
    refs: set[str] = set()
    for container in app_containers(workload):
        refs.update(f"{e.get('source')}/{e.get('name')}" for e in container.get("env_from") or [])
        refs.update(
            f"{e.get('source')}/{e.get('ref')}"
            for e in container.get("env") or []
            if e.get("source") in ("secret", "configmap")
        )
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
        related = same or [
            (w, c)
            for w, c in deployments
            if not image.get("templated") and c["image"].get("image") == image.get("image")
        ]
        if not related and _is_admin(job, container) and deployments:
            related = deployments[:1]
        for workload, reference in related[:1]:
            found.append(AdminJob(job, container, workload, reference))
    return found


# --- the app's schema: which stores have one, and what manages it --------------------------------------


@dataclass(frozen=True, slots=True)
class Store:
    """A data store the app uses, with the fact that says so (a client, a declared driver, a Spring
    datasource) and its engine (`postgresql`, `mongodb`, `sql` when only an ORM says so)."""

    fact: Fact
    engine: str

    @property
    def relational(self) -> bool:
        return self.engine in admin.RELATIONAL_ENGINES


def data_stores(facts: AppFacts) -> list[Store]:
    """The data stores the app uses: clients of production code (first) and the drivers its
    production dependencies declare (a test database driver among the development dependencies is not one)."""

    def compute() -> list[Store]:
        out = [
            Store(f, str(f.data.service)) for f in facts.of("client") if f.scope is Scope.PRODUCTION and f.data.service
        ]
        out.extend(
            Store(dep, engine)
            for dep, engine in declared_drivers(facts)
            if dep.scope is Scope.PRODUCTION
            and str(dep.data.group or "main").lower() not in admin.DEV_DEPENDENCY_GROUPS
        )
        return out

    return list(facts.derive("admin.stores", compute))


def relational_stores(facts: AppFacts) -> list[Store]:
    """Stores with a relational schema to administer (PostgreSQL, MySQL, SQLite, an SQL ORM)."""
    return [s for s in data_stores(facts) if s.relational]


@dataclass(frozen=True, slots=True)
class Autosync:
    """The app creates or updates its schema from its models when it runs (GORM `AutoMigrate`,
    `sequelize.sync()`, TypeORM `synchronize: true`, `metadata.create_all()`, Hibernate
    `ddl-auto: update`), outside any command of its own CLI."""

    fact: Fact
    api: str


def schema_autosync(facts: AppFacts) -> list[Autosync]:
    def compute() -> list[Autosync]:
        commands = {f.data.function for f in facts.of("cli.command") if f.data.function}
        out: list[Autosync] = []
        for fact in facts.of("schema.autosync"):
            if fact.scope is Scope.PRODUCTION and (fact.data.function is None or fact.data.function not in commands):
                out.append(Autosync(fact, str(fact.data.api)))
        for fact in facts.of("config.assign"):
            if (
                fact.scope is Scope.PRODUCTION
                and fact.data.name in admin.HIBERNATE_DDL_AUTO
                and (
                    _setting_value(fact).lower() in admin.HIBERNATE_DDL_SYNC
                    or (fact.data.name == "spring.jpa.generate-ddl" and _setting_value(fact).lower() == "true")
                )
                and not is_dev_profile(fact.data.profile)
            ):
                out.append(Autosync(fact, f"{fact.data.name}: {_setting_value(fact)}"))
        return out

    return list(facts.derive("admin.autosync", compute))


def sql_dumps(facts: AppFacts) -> list[Fact]:
    """SQL files outside migrations that create a schema (`sql/init.sql` with CREATE TABLE and
    INSERT, a Navicat or mysqldump export): a schema imported by hand, not migrated."""
    return [
        f
        for f in facts.of("sql.script")
        if f.scope is Scope.PRODUCTION
        and not admin.MIGRATION_PATH.search(f.path)
        and (f.data.dump or (f.data.creates or 0) > 0)
    ]


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
