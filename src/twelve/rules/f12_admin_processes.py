"""XII. Admin processes: run admin/management tasks as one-off processes."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.shellwords import split_commands
from twelve.model import Effect, Location, Scope
from twelve.appmodel import (
    dockerfile_starts, procfile_starts, production, program_of, service_dependencies, service_name,
)
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, NEUTRAL, STRONG, WEAK, Hit, hit, rule

_MIGRATION_PATH = re.compile(
    r"(^|/)(migrations|alembic/versions|migrations/versions|db/migrate|db/migration|db/changelog|"
    r"prisma/migrations/[^/]+|src/migrations|database/migrations)/[^/]+\.(py|sql|rb|js|mjs|cjs|ts|xml|ya?ml|go)$|"
    r"(^|/)management/commands/[^/]+\.py$|(^|/)(manage\.py|alembic\.ini|flyway\.conf|liquibase\.properties)$"
)
_SCRIPT_PATH = re.compile(r"(^|/)(scripts|bin|tasks|ops)/[^/]+\.(py|sh)$")
_ONE_OFF_RUNNERS = (("docker", "compose", "run"), ("docker-compose", "run"), ("docker", "run"), ("docker", "exec"),
                    ("kubectl", "exec"), ("kubectl", "run"), ("kubectl", "create", "job"), ("heroku", "run"),
                    ("fly", "ssh"), ("flyctl", "ssh"), ("railway", "run"), ("podman", "run"), ("podman", "exec"))
#: migration tools of the other stacks: (program, subcommand prefix or None for any)
_MIGRATORS = {"prisma": "migrate", "knex": "migrate", "sequelize": "db:migrate", "typeorm": "migration:run",
              "flyway": "migrate", "liquibase": "update", "goose": None, "migrate": None, "dbmate": None,
              "rake": "db:", "rails": "db:"}
_NPM_MIGRATE = re.compile(r"(?i)migrat|seed|db:")
_SCHEMA_SQL = re.compile(r"(?i)\b(create|alter|drop)\s+(table|index|schema|column)|\binsert\s+into\b|\.sql\b")
_FLASK_NOT_ADMIN = frozenset({"run", "shell", "routes", "--help", "--version"})


def _cli_names(facts: AppFacts) -> set[str]:
    return {f.get("name") for f in facts.of("cli.command") if f.get("name")}


def admin_command(argv: list[str] | tuple[str, ...], cli_names: set[str]) -> str | None:
    """The admin task an argv runs (`flask init-db`, `manage.py migrate`, `alembic upgrade`), if any."""
    words = [w.rsplit("/", 1)[-1] for w in argv]
    program = program_of(tuple(argv)) if argv else ""
    migrator = _MIGRATORS.get(program)
    if program in _MIGRATORS:
        rest = [w for w in words[words.index(program) + 1:] if not w.startswith("-")] if program in words else []
        if migrator is None or (rest and rest[0].startswith(migrator)):
            return " ".join([program] + rest[:1])
    if program in ("npm", "yarn", "pnpm") and len(words) > 1 and _NPM_MIGRATE.search(" ".join(words[1:3])):
        return " ".join(words[:3])
    flag = next((w for w in argv if re.search(r"^--spring\.(flyway|liquibase)\.|^--(migrate|flyway|liquibase)\b", w)), None)
    if flag is not None:  # the release image run with its migration switch (`java -jar app.jar --spring.flyway.enabled=true`)
        return flag
    for i, word in enumerate(words):
        if word == "flask":
            rest = [w for w in words[i + 1:] if not w.startswith("-")]
            while rest and rest[0] in ("--app",):
                rest = rest[2:]
            if rest and rest[0] not in _FLASK_NOT_ADMIN and (rest[0] in cli_names or rest[0] == "db" or re.search(r"init|migrat|seed|upgrade|create|load|import|sync", rest[0])):
                return " ".join(["flask"] + rest[:2])
        if word == "manage.py" and i + 1 < len(words) and words[i + 1] not in ("runserver", "shell", "--help"):
            return f"manage.py {words[i + 1]}"
        if word in ("alembic", "django-admin") and i + 1 < len(words):
            return f"{word} {words[i + 1]}"
        if word in ("rake", "rails") and i + 1 < len(words) and words[i + 1].startswith("db:"):
            return f"{word} {words[i + 1]}"
        if word.endswith(".py") and any(part in argv[i] for part in ("scripts/", "bin/", "tasks/")):
            return argv[i]
    return None


def _admin_code(facts: AppFacts) -> list[Location]:
    return list(facts.derive("admin_code", lambda: _find_admin_code(facts)))


def _find_admin_code(facts: AppFacts) -> list[Location]:
    found: list[Location] = []
    for entry in facts.files:
        if entry.scope is not Scope.PRODUCTION:
            continue
        if _MIGRATION_PATH.search(entry.path) or _SCRIPT_PATH.search(entry.path):
            found.append(Location(entry.path))
    for fact in production(facts.of("cli.command")):
        found.append(Location(fact.path, fact.line, fact.excerpt))
    return found


def _embedded_runs(facts: AppFacts) -> list[tuple[Fact, str]]:
    """Admin commands run by the start path (entrypoint scripts), before the server."""
    names = _cli_names(facts)
    scripts = {s.fact.path for s in dockerfile_starts(facts) + procfile_starts(facts) if s.fact.kind == "shell.command"}
    out = []
    for fact in facts.of("shell.command"):
        if fact.path in scripts:
            task = admin_command(fact.get("argv", []), names)
            if task:
                out.append((fact, task))
    return out


def _one_off_paths(facts: AppFacts) -> list[tuple[Fact, str]]:
    names = _cli_names(facts)
    out: list[tuple[Fact, str]] = []
    for fact in production(facts.of("procfile.process")):
        if fact.get("name") == "release":
            out.append((fact, "Procfile release"))
    for fact in facts.of("doc.command", "ci.step"):
        if fact.kind == "ci.step":
            argvs = [list(c.argv) for c in split_commands(fact.get("run") or "")]
        else:
            argvs = [fact.get("argv", [])]
        for argv in argvs:
            words = [w.rsplit("/", 1)[-1] for w in argv]
            runner = next((r for r in _ONE_OFF_RUNNERS if tuple(words[:len(r)]) == r), None)
            if runner is None:
                continue
            command = argv[argv.index("--") + 1:] if "--" in argv else argv[len(runner):]
            if admin_command(command, names):
                out.append((fact, " ".join(argv[:6])))
    for fact in facts.of("heroku.app"):
        scripts = fact.get("scripts", {})
        for key in ("postdeploy", "release", "pr-predestroy"):
            if key in scripts:
                out.append((fact, f"app.json scripts.{key}"))
    for fact in facts.of("compose.service"):
        command = fact.get("command") or {}
        argv = command.get("argv") or (command.get("command") or "").split()
        if argv and admin_command(argv, names) and not any(w in argv for w in ("gunicorn", "uvicorn", "runserver")):
            out.append((fact, f"compose service {fact.get('name')}"))
    for fact in facts.of("k8s.workload"):
        # a Job (or a Helm / Argo CD hook) that runs an admin command with the release's image
        if fact.get("kind") not in ("Job",) and not (fact.get("helm_hook") or fact.get("argo_hook")):
            continue
        for container in fact.get("containers") or []:
            argv = [str(w) for w in (container.get("command") or []) + (container.get("args") or [])]
            task = admin_command(argv, names) if argv else None
            if task:
                out.append((fact, f"{fact.get('kind')} {fact.get('name')}: {task}"))
    for fact in facts.of("platform.service"):
        if fact.get("release"):
            out.append((fact, f"{fact.get('platform')} release command: {fact.get('release')}"))
    return out


@rule("F12-S1", factor=12, polarity=FOR, strength=STRONG, ecosystems=("py",))
def admin_code_ships_with_app(facts: AppFacts) -> Iterator[Hit]:
    found = _admin_code(facts)
    if found:
        names = sorted({loc.excerpt.split("(")[-1].strip("\"')") if loc.excerpt.startswith("@") else posixpath.basename(loc.path) for loc in found})
        yield hit(*found[:3], what=names[:5], count=len(found))


@rule("F12-S2", factor=12, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def one_off_against_release(facts: AppFacts) -> Iterator[Hit]:
    for fact, how in _one_off_paths(facts)[:2]:
        yield hit(fact, scope=Scope.PRODUCTION, how=how)


@rule("F12-S5", factor=12, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",))
def out_of_band_schema_changes(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("doc.command"):
        if fact.get("program") not in ("psql", "mysql", "sqlite3", "mongosh", "mongo"):
            continue
        text = " ".join(fact.get("argv", []))
        if _SCHEMA_SQL.search(text) and re.search(r"(?i)produ|deploy|server|servidor", fact.get("section", "")):
            yield hit(fact, scope=Scope.PRODUCTION, tool=fact.get("program"), doc=fact.path)


@rule("F12-S7", factor=12, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def admin_code_left_out_of_image(facts: AppFacts) -> Iterator[Hit]:
    admin_dirs = {loc.path.split("/")[0] for loc in _admin_code(facts)}
    for fact in facts.of("docker.ignore"):
        pattern = fact.get("pattern", "").strip("/").rstrip("*").rstrip("/")
        if pattern and not pattern.startswith("!") and (pattern in admin_dirs or pattern in ("migrations", "scripts", "manage.py", "alembic")):
            if any(loc.path == pattern or loc.path.startswith(pattern + "/") for loc in _admin_code(facts)):
                yield hit(fact, scope=Scope.PRODUCTION, what=pattern, file=fact.path)


@rule("F12-S8", factor=12, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=("deploy",))
def admin_task_in_every_start(facts: AppFacts) -> Iterator[Hit]:
    for fact, task in _embedded_runs(facts):
        yield hit(fact, task=task, file=fact.path)


@rule("F12-AP1", factor=12, polarity=AGAINST, strength=MODERATE, ecosystems=("any",))
def no_one_off_path(facts: AppFacts) -> Iterator[Hit]:
    found = _admin_code(facts)
    if not found or _one_off_paths(facts):
        return
    embedded = _embedded_runs(facts)
    if embedded:
        fact, task = embedded[0]
        yield hit(found[0], fact, task=task, how="embedded", where=f"{fact.path}:{fact.line}")
    else:
        yield hit(found[0], task=posixpath.basename(found[0].path), how="undocumented", where=found[0].path)


@rule("F12-NA", factor=12, polarity=NEUTRAL, strength=WEAK, effect=Effect.NOT_APPLICABLE, ecosystems=("any",))
def no_admin_tasks(facts: AppFacts) -> Iterator[Hit]:
    stateful = facts.of("client") or service_dependencies(facts)
    if not _admin_code(facts) and not stateful and (facts.of("dep.declared") or facts.of("docker.file")):
        yield hit(Location("."))


@rule("F12-NE", factor=12, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE, ecosystems=("any",))
def state_without_admin_code(facts: AppFacts) -> Iterator[Hit]:
    stateful = production(facts.of("client"))
    if stateful and not _admin_code(facts):
        yield hit(stateful[0], service=service_name(stateful[0].get("service")))
