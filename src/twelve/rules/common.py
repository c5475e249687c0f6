"""Derivations several factors share: how the app is started, which server runs it, which
backing services it talks to, which tools the image provides. All pure functions of facts."""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.shellwords import Command, split_commands
from twelve.knowledge import programs
from twelve.model import Scope

PY_WEB_SERVERS = programs.names(programs.WEB_SERVER, ecosystem="python")
PY_SERVER_DISTS = {name: str(programs.dist_of(name)) for name in PY_WEB_SERVERS}
WORKER_PROGRAMS = programs.names(programs.WORKER, ecosystem="python") | {"sidekiq"}
SUPERVISORS = programs.names(programs.SUPERVISOR)
PY_WEB_DISTS = frozenset({"flask", "django", "fastapi", "starlette", "quart", "sanic", "bottle", "falcon", "pyramid",
                          "aiohttp", "tornado", "litestar", "connexion", "flask-restx", "djangorestframework"})

#: binaries code commonly shells out to that a base image does not carry, and the OS packages
#: (Debian/Alpine names) that provide them
TOOL_PACKAGES: dict[str, tuple[str, ...]] = {
    "convert": ("imagemagick", "graphicsmagick-imagemagick-compat"), "magick": ("imagemagick",),
    "identify": ("imagemagick",), "mogrify": ("imagemagick",), "gm": ("graphicsmagick",),
    "ffmpeg": ("ffmpeg",), "ffprobe": ("ffmpeg",), "gs": ("ghostscript",),
    "pdftotext": ("poppler-utils",), "pdftoppm": ("poppler-utils",), "pdfinfo": ("poppler-utils",),
    "wkhtmltopdf": ("wkhtmltopdf",), "wkhtmltoimage": ("wkhtmltopdf",),
    "libreoffice": ("libreoffice", "libreoffice-core"), "soffice": ("libreoffice", "libreoffice-core"),
    "tesseract": ("tesseract-ocr", "tesseract"), "curl": ("curl",), "wget": ("wget",), "git": ("git",),
    "pg_dump": ("postgresql-client", "postgresql-client-common", "postgresql"), "pg_restore": ("postgresql-client", "postgresql"),
    "pg_isready": ("postgresql-client", "postgresql"), "psql": ("postgresql-client", "postgresql"),
    "mysql": ("default-mysql-client", "mariadb-client", "mysql-client"), "mysqldump": ("default-mysql-client", "mariadb-client", "mysql-client"),
    "redis-cli": ("redis-tools", "redis"), "chromium": ("chromium",), "google-chrome": ("google-chrome-stable",),
    "nc": ("netcat-openbsd", "netcat-traditional", "netcat"), "rsync": ("rsync",), "ssh": ("openssh-client",),
    "scp": ("openssh-client",), "zip": ("zip",), "unzip": ("unzip",), "7z": ("p7zip-full",), "exiftool": ("libimage-exiftool-perl", "exiftool"),
    "pandoc": ("pandoc",), "jq": ("jq",), "node": ("nodejs",), "java": ("default-jre", "openjdk-17-jre-headless"),
    "sendmail": ("sendmail", "postfix"), "lpr": ("cups-client",), "dig": ("dnsutils", "bind-tools"), "xvfb-run": ("xvfb",),
}
#: Python libraries that drive a host binary, and that binary
WRAPPER_MODULES: dict[str, str] = {
    "pdf2image": "pdftoppm", "wand": "convert", "pdfkit": "wkhtmltopdf", "imgkit": "wkhtmltoimage",
    "pytesseract": "tesseract", "pydub": "ffmpeg", "ffmpeg": "ffmpeg", "pgmagick": "gm",
}


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
        return Command(self.argv, " ".join(self.argv), 0, self.exec_, self.background)


_RUNNERS = {("bundle", "exec"): 2, ("poetry", "run"): 2, ("pipenv", "run"): 2, ("uv", "run"): 2, ("pdm", "run"): 2,
            ("npx",): 1, ("pnpm", "exec"): 2, ("yarn", "exec"): 2, ("bunx",): 1}


_PYTHON = re.compile(r"python[\d.]*")


def program_of(argv: tuple[str, ...] | list[str]) -> str:
    """The program a command line really runs (see Start.program)."""
    return _program_of(tuple(argv))


@functools.lru_cache(maxsize=4096)
def _program_of(argv: tuple[str, ...]) -> str:
    words = list(argv)
    while words:
        first = words[0].rsplit("/", 1)[-1]
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


_SCRIPT_ARG = re.compile(r"(^|/)[\w.-]+\.(sh|bash)$|(^|/)(docker-)?entrypoint[\w.-]*$|(^|/)bin/[\w.-]+$|(^|/)start[\w.-]*$")


def _script_facts(facts: AppFacts, ref: str) -> list[Fact]:
    name = basename(ref)
    candidates = [f for f in facts.of("shell.script") if basename(f.path) == name]
    return candidates


def _script_starts(facts: AppFacts, script: Fact, via_fact: Fact, cmd_argv: tuple[str, ...] | None) -> list[Start]:
    starts: list[Start] = []
    commands = [c for c in facts.of("shell.command") if c.path == script.path]
    last_line = script.get("last_line")
    for command in commands:
        if command.line == last_line:
            starts.append(Start(command, tuple(command.get("argv", ())), "entrypoint", "container",
                                bool(command.get("exec")), bool(command.get("background"))))
    if script.get("execs_args") and cmd_argv:
        starts.append(Start(via_fact, cmd_argv, "dockerfile", "container", True))
    return starts


def script_of(facts: AppFacts, argv: tuple[str, ...]) -> Fact | None:
    """The shell script a command runs (`sh ./entrypoint.sh`, `/docker-entrypoint.sh`), if we have it."""
    for word in argv[:5]:
        if word in ("sh", "bash", "/bin/sh", "/bin/bash", "-c", "-e", "-x", "--", "-g") or \
                word.rsplit("/", 1)[-1] in ("tini", "dumb-init", "tini-static", "gosu", "su-exec"):
            continue
        if _SCRIPT_ARG.search(word):
            found = _script_facts(facts, word)
            return found[0] if found else None
    return None


def dockerfile_starts(facts: AppFacts) -> list[Start]:
    """The start command of each Dockerfile's final stage (ENTRYPOINT + CMD, scripts resolved)."""
    starts: list[Start] = []
    by_file: dict[str, dict[str, Fact]] = {}
    for fact in production(facts.of("docker.entrypoint", "docker.cmd")):
        if not fact.get("final"):
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
                starts.append(Start(start.fact, start.argv, "procfile", fact.get("name"), start.exec_, start.background))
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


#: Kubernetes workload kinds that run a long-lived process, and those whose pods are interchangeable
LONG_RUNNING_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig",
                                "KnativeService"})
STATELESS_KINDS = frozenset({"Deployment", "ReplicaSet", "Rollout", "DeploymentConfig", "KnativeService"})
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")


def _words(*texts: str | None) -> set[str]:
    return {w for text in texts if text for w in _NAME_SPLIT.split(text.lower()) if w}


def _fact_words(fact: Fact) -> set[str]:
    texts: list[str | None] = [fact.get("name"), fact.get("target")]
    for container in fact.get("containers") or []:
        image = container.get("image") or {}
        texts.append(str(image.get("image") or "").rsplit("/", 1)[-1])
    return _words(*texts)


def concerns_app(facts: AppFacts, fact: Fact) -> bool:
    """Whether a fact of a deploy manifest concerns this app: a manifest inside an app root
    belongs to that app; a shared one (outside every app root) to the app its names mention, or
    to every app when it mentions none."""
    apps = facts.apps
    if len(apps) < 2 or facts.all.repo.owner(fact.path) is not None:
        return True
    names = {a.name.lower() for a in apps if a.path != "."}
    mentioned = names & _fact_words(fact)
    return not mentioned or facts.app.name.lower() in mentioned


def deployed(facts: AppFacts, *kinds: str) -> list[Fact]:
    """The production facts of *kinds* (deploy manifests: workloads, services, Helm values...)
    that concern this app; computed once per app and kind."""
    key = "deployed:" + ",".join(kinds)
    return list(facts.derive(key, lambda: [f for f in facts.of(*kinds)
                                           if f.scope is Scope.PRODUCTION and concerns_app(facts, f)]))


def app_containers(workload: Fact) -> list[dict]:
    """The containers that run the app itself: not init containers, not backing-service images."""
    return [c for c in workload.get("containers") or []
            if not c.get("init") and c.get("image") and image_engine(c.get("image")) is None]


def deployed_workloads(facts: AppFacts, kinds: frozenset[str] | None = None) -> list[Fact]:
    """This app's Kubernetes workloads (of *kinds*, default any) that run an app container."""
    key = "deployed_workloads:" + ",".join(sorted(kinds or ()))
    return list(facts.derive(key, lambda: [w for w in deployed(facts, "k8s.workload")
                                           if (kinds is None or w.get("kind") in kinds) and app_containers(w)]))


#: workload kinds whose containers' commands are start commands
_STARTING_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig",
                             "Service", "Pod"})


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
                starts.append(Start(fact, parsed[-1].argv, "platform", str(fact.get("name") or "web"),
                                    True, parsed[-1].background))
    return starts


def _package_script(facts: AppFacts, start: Start) -> Start:
    """`npm start` / `npm run web` / `yarn start` resolved to the command of that package.json script."""
    words = [w.rsplit("/", 1)[-1] for w in start.argv[:3]]
    if not words or words[0] not in ("npm", "yarn", "pnpm", "bun"):
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
    return Start(start.fact, last.argv, start.via, start.process, False, start.background or last.background,
                 " ".join(start.argv))


def start_commands(facts: AppFacts) -> list[Start]:
    """Every production start command the repository declares (Procfile, Dockerfile, compose,
    Kubernetes and platform descriptors), package-manager scripts resolved."""
    def compute() -> list[Start]:
        raw = procfile_starts(facts) + dockerfile_starts(facts) + compose_starts(facts) + kubernetes_starts(facts)
        return [_package_script(facts, start) for start in raw]

    return list(facts.derive("start_commands", compute))


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
    found: dict[str, dict[str, Fact]] = {}
    for fact in production(facts.of("docker.entrypoint", "docker.cmd")):
        if fact.get("final"):
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
            while words and (words[0].startswith("-") or "=" in words[0] and name == "env"):
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
    """Those start commands, each reduced to the program that really runs (see `effective`)."""
    return [effective(s) for s in long_running_starts(facts)]


def gunicorn_configs(facts: AppFacts) -> list[Fact]:
    """Assignments in gunicorn configuration files (gunicorn.conf.py or the file `-c` names)."""
    named = {basename(value) for s in running_starts(facts) if s.program in ("gunicorn", "gunicorn3")
             for value in [s.command().flag_value("-c", "--config")] if value and value.endswith(".py")}
    return [f for f in facts.of("config.assign")
            if f.get("container") == "module" and (re.match(r"gunicorn[\w.-]*\.py$", basename(f.path))
                                                  or basename(f.path) in named)]


def is_web_server(start: Start) -> bool:
    program = start.program
    if program in PY_WEB_SERVERS:
        return True
    if program in ("flask",) and "run" in start.argv:
        return True
    if program in ("python", "python3") and len(start.argv) > 1 and start.argv[1].endswith(("manage.py",)) and "runserver" in start.argv:
        return True
    return False


def python_script_of(start: Start) -> str | None:
    """`python app.py` -> "app.py"."""
    if start.program in ("python", "python3", "python2") and len(start.argv) > 1:
        for word in start.argv[1:]:
            if word.endswith(".py"):
                return word
            if not word.startswith("-"):
                return None
    return None


# --- dependencies -------------------------------------------------------------------------------


def declared(facts: AppFacts, ecosystem: str = "python") -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    for fact in facts.of("dep.declared"):
        if fact.get("ecosystem") == ecosystem and fact.scope in (Scope.PRODUCTION, Scope.DEV):
            out.setdefault(fact.get("name"), fact)
    return out


def installed_os_packages(facts: AppFacts) -> dict[str, Fact]:
    """OS packages installed by Dockerfile RUN lines (apt-get/apt/apk/dnf/yum/microdnf) and Aptfiles."""
    out: dict[str, Fact] = {}
    for fact in production(facts.of("docker.run")):
        for command in split_commands(fact.get("command", "")):
            if command.program in ("apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper") and \
                    any(word in ("install", "add") for word in command.argv[1:3]):
                for word in command.argv[2:]:
                    if not word.startswith("-") and word not in ("install", "add"):
                        out.setdefault(word.split("=", 1)[0], fact)
    for fact in facts.of("aptfile.package"):
        out.setdefault(fact.get("name"), fact)
    return out


def tool_provider(tool: str, packages: dict[str, Fact]) -> tuple[str, Fact] | None:
    for package in TOOL_PACKAGES.get(tool, (tool,)):
        if package in packages:
            return package, packages[package]
    if tool in packages:
        return tool, packages[tool]
    return None


# --- backing services -----------------------------------------------------------------------------

DB_IMAGES = {"postgres": "postgresql", "postgis/postgis": "postgresql", "bitnami/postgresql": "postgresql",
             "cimg/postgres": "postgresql", "circleci/postgres": "postgresql", "cimg/mysql": "mysql", "cimg/mariadb": "mysql",
             "circleci/mysql": "mysql", "cimg/redis": "redis", "circleci/redis": "redis", "circleci/mongo": "mongodb",
             "mysql": "mysql", "mariadb": "mysql", "bitnami/mysql": "mysql", "redis": "redis", "bitnami/redis": "redis",
             "valkey/valkey": "redis", "mongo": "mongodb", "bitnami/mongodb": "mongodb", "rabbitmq": "amqp",
             "memcached": "memcached", "elasticsearch": "elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch": "elasticsearch",
             "opensearchproject/opensearch": "elasticsearch", "bitnami/kafka": "kafka", "confluentinc/cp-kafka": "kafka",
             "apache/kafka": "kafka", "minio/minio": "object_storage", "mcr.microsoft.com/mssql/server": "mssql"}
DRIVER_ENGINES = {"psycopg2": "postgresql", "psycopg2-binary": "postgresql", "psycopg": "postgresql", "psycopg-binary": "postgresql",
                  "asyncpg": "postgresql", "pg8000": "postgresql", "mysqlclient": "mysql", "pymysql": "mysql",
                  "mysql-connector-python": "mysql", "aiomysql": "mysql", "redis": "redis", "aioredis": "redis",
                  "pymongo": "mongodb", "motor": "mongodb", "mongoengine": "mongodb", "pika": "amqp", "aio-pika": "amqp",
                  "kafka-python": "kafka", "aiokafka": "kafka", "confluent-kafka": "kafka", "elasticsearch": "elasticsearch",
                  "pymemcache": "memcached", "python-memcached": "memcached", "pylibmc": "memcached", "celery": "broker",
                  "boto3": "aws", "sqlalchemy": "sql", "django": "sql", "flask-sqlalchemy": "sql", "peewee": "sql",
                  "tortoise-orm": "sql", "dj-database-url": "sql", "databases": "sql", "sqlmodel": "sql"}


SERVICE_NAMES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "sqlite": "SQLite", "sql": "SQL database", "redis": "Redis",
                 "mongodb": "MongoDB", "amqp": "AMQP broker", "kafka": "Kafka", "smtp": "SMTP", "aws": "AWS",
                 "elasticsearch": "Elasticsearch", "memcached": "Memcached", "celery": "Celery broker",
                 "object_storage": "object storage", "h2": "H2", "hsqldb": "HSQLDB", "derby": "Derby",
                 "mssql": "SQL Server", "oracle": "Oracle", "nats": "NATS"}


#: drivers and clients of backing services in the manifests of the other ecosystems
#: drivers and clients of backing services in the other ecosystems (`sql` for ORMs that say no
#: more); Go modules are listed without their major-version suffix (github.com/jackc/pgx/v5 is
#: looked up as github.com/jackc/pgx)
OTHER_DRIVER_ENGINES: dict[str, dict[str, str]] = {
    "node": {"pg": "postgresql", "postgres": "postgresql", "pg-promise": "postgresql", "mysql": "mysql",
             "mysql2": "mysql", "mariadb": "mysql", "mongoose": "mongodb", "mongodb": "mongodb", "redis": "redis",
             "ioredis": "redis", "amqplib": "amqp", "kafkajs": "kafka", "knex": "sql", "sequelize": "sql",
             "typeorm": "sql", "prisma": "sql", "@prisma/client": "sql", "sqlite3": "sqlite",
             "better-sqlite3": "sqlite", "nodemailer": "smtp", "@aws-sdk/client-s3": "aws", "aws-sdk": "aws",
             "bull": "redis", "bullmq": "redis", "memjs": "memcached", "@redis/client": "redis",
             "amqp-connection-manager": "amqp", "memcached": "memcached", "@elastic/elasticsearch": "elasticsearch",
             "mssql": "mssql", "tedious": "mssql", "oracledb": "oracle"},
    "go": {"github.com/lib/pq": "postgresql", "github.com/jackc/pgx": "postgresql",
           "github.com/go-sql-driver/mysql": "mysql", "github.com/redis/go-redis": "redis",
           "github.com/go-redis/redis": "redis", "go.mongodb.org/mongo-driver": "mongodb",
           "github.com/rabbitmq/amqp091-go": "amqp", "github.com/streadway/amqp": "amqp", "gorm.io/gorm": "sql",
           "github.com/jmoiron/sqlx": "sql", "github.com/mattn/go-sqlite3": "sqlite",
           "github.com/segmentio/kafka-go": "kafka", "github.com/nats-io/nats.go": "nats",
           "github.com/go-pg/pg": "postgresql", "gorm.io/driver/postgres": "postgresql",
           "gorm.io/driver/mysql": "mysql", "github.com/gomodule/redigo": "redis",
           "github.com/confluentinc/confluent-kafka-go": "kafka", "github.com/IBM/sarama": "kafka",
           "github.com/Shopify/sarama": "kafka", "github.com/bradfitz/gomemcache": "memcached",
           "github.com/elastic/go-elasticsearch": "elasticsearch", "modernc.org/sqlite": "sqlite",
           "gorm.io/driver/sqlite": "sqlite"},
    "java": {"org.postgresql:postgresql": "postgresql", "mysql:mysql-connector-java": "mysql",
             "com.mysql:mysql-connector-j": "mysql", "org.mariadb.jdbc:mariadb-java-client": "mysql",
             "redis.clients:jedis": "redis", "io.lettuce:lettuce-core": "redis",
             "org.springframework.boot:spring-boot-starter-data-redis": "redis",
             "org.springframework.boot:spring-boot-starter-data-jpa": "sql",
             "org.springframework.boot:spring-boot-starter-jdbc": "sql",
             "org.springframework.boot:spring-boot-starter-data-mongodb": "mongodb",
             "org.mongodb:mongodb-driver-sync": "mongodb",
             "org.springframework.boot:spring-boot-starter-amqp": "amqp",
             "org.springframework.kafka:spring-kafka": "kafka", "com.h2database:h2": "h2",
             "org.hsqldb:hsqldb": "hsqldb", "org.apache.derby:derby": "derby",
             "org.postgresql:r2dbc-postgresql": "postgresql", "io.r2dbc:r2dbc-postgresql": "postgresql",
             "com.microsoft.sqlserver:mssql-jdbc": "mssql", "com.oracle.database.jdbc:ojdbc8": "oracle",
             "com.oracle.database.jdbc:ojdbc11": "oracle", "com.ibm.db2:jcc": "db2",
             "org.redisson:redisson": "redis",
             "org.springframework.boot:spring-boot-starter-data-redis-reactive": "redis",
             "org.springframework.boot:spring-boot-starter-data-mongodb-reactive": "mongodb",
             "com.rabbitmq:amqp-client": "amqp", "org.apache.kafka:kafka-clients": "kafka",
             "io.r2dbc:r2dbc-h2": "h2", "org.xerial:sqlite-jdbc": "sqlite"},
    "ruby": {"pg": "postgresql", "mysql2": "mysql", "sqlite3": "sqlite", "redis": "redis", "sidekiq": "redis",
             "mongoid": "mongodb", "bunny": "amqp", "dalli": "memcached", "activerecord": "sql", "sequel": "sql",
             "aws-sdk-s3": "aws", "trilogy": "mysql", "redis-client": "redis", "hiredis": "redis",
             "mongo": "mongodb", "ruby-kafka": "kafka", "rdkafka": "kafka"},
}


def driver_engine(dependency: Fact) -> str | None:
    """The backing service a declared dependency of any ecosystem is the driver or client of
    (`sql` for ORMs that say no more), or None."""
    ecosystem, name = str(dependency.get("ecosystem")), str(dependency.get("name") or "")
    if ecosystem == "python":
        return DRIVER_ENGINES.get(name)
    table = OTHER_DRIVER_ENGINES.get(ecosystem, {})
    return table.get(_GO_MAJOR.sub("", name) if ecosystem == "go" else name)


_GO_MAJOR = re.compile(r"/v\d+$")


def service_dependencies(facts: AppFacts) -> list[Fact]:
    """Declared dependencies (any ecosystem) that are clients of a backing service."""
    return [fact for fact in facts.of("dep.declared")
            if fact.scope in (Scope.PRODUCTION, Scope.DEV) and fact.get("group") in (None, "main")
            and driver_engine(fact) is not None]


def value_text(value: dict | None, *, show_default: bool = False, absent: str = "…") -> str:
    """How a value description (facts/base.py: env, literal, other) reads in a message: `$NAME`
    (with its default in parentheses when *show_default*), the literal, the expression; *absent*
    for a value the code leaves to the framework."""
    value = value or {}
    source = value.get("source")
    if source == "env":
        default = value.get("env_default") if show_default else None
        return f"${value.get('env_name') or '…'}" + (f" ({default})" if default else "")
    if source == "literal":
        return str(value.get("value"))
    if source == "other":
        return str(value.get("text") or "…")
    return absent


def service_name(service: str | None) -> str:
    return SERVICE_NAMES.get(service or "", service or "service")


def image_engine(image: dict | None) -> tuple[str, str | None] | None:
    """(engine, major version) of a backing-service image reference."""
    if not image or image.get("variable"):
        return None
    name = str(image.get("image", "")).lower()
    if "{{" in name or "${" in name or "$(" in name:  # a template or variable decides the image
        return None
    for prefix in ("docker.io/library/", "docker.io/", "library/"):
        if name.startswith(prefix):
            name = name[len(prefix):]
    engine = DB_IMAGES.get(name)
    if engine is None:
        return None
    tag = image.get("tag") or ""
    match = re.match(r"(\d+)", tag)
    return engine, match.group(1) if match else None


def _strip_jdbc(value: str) -> str:
    """`jdbc:postgresql://h/db` -> `postgresql://h/db` (JDBC and R2DBC URLs wrap an ordinary one)."""
    for prefix in ("jdbc:", "r2dbc:"):
        if value.lower().startswith(prefix):
            return value[len(prefix):]
    return value


def url_engine(value: str) -> str | None:
    value = _strip_jdbc(value)
    scheme = value.split(":", 1)[0].split("+", 1)[0].lower() if "://" in value or value.startswith("sqlite:") else ""
    return {"postgres": "postgresql", "postgresql": "postgresql", "postgis": "postgresql", "mysql": "mysql",
            "mariadb": "mysql", "sqlite": "sqlite", "sqlite3": "sqlite", "redis": "redis", "rediss": "redis",
            "mongodb": "mongodb", "amqp": "amqp", "amqps": "amqp", "memcache": "memcached"}.get(scheme)


LOCAL_HOSTS = re.compile(r"^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1|\[::1\]|host\.docker\.internal|db|database|postgres|mysql|redis|mongo|rabbitmq)$", re.I)


def url_host(value: str) -> str | None:
    value = _strip_jdbc(value)
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]*)", value, re.I)
    return match.group(1) if match else None


def is_local_host(host: str | None) -> bool:
    return bool(host) and bool(LOCAL_HOSTS.match(host or ""))


# --- documented procedures --------------------------------------------------------------------

_PRODUCTION_SECTION = re.compile(r"(?i)produ[cç]|deploy|implanta|publica|release|servidor|server|ec2|vps|\bvm\b|"
                                 r"droplet|hosting|hospedagem|go[- ]live|rollout")
_FETCH_CODE = frozenset({"git"})
_INSTALL = frozenset({"pip", "pip3", "poetry", "pipenv", "npm", "yarn", "pnpm", "bundle", "composer", "go", "mvn", "gradle", "uv"})


@dataclass(frozen=True, slots=True)
class ManualDeploy:
    """A documented deploy that fetches source and builds it on the machine that runs it."""

    doc: str
    section: str
    fetch: Fact  # git clone / git pull
    install: Fact | None  # pip install -r ..., npm install, ...
    start: Fact | None  # the server start command


def manual_deploys(facts: AppFacts) -> list[ManualDeploy]:
    """Deploy guides (README, docs) whose production section clones/pulls the code on the host,
    installs dependencies there and starts the server by hand: build and run on one machine,
    with no release in between (F05-AP1/S7, F10-S10)."""
    found: list[ManualDeploy] = []
    by_section: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts.of("doc.command"):
        section = fact.get("section", "")
        if _PRODUCTION_SECTION.search(section):
            by_section.setdefault((fact.path, section), []).append(fact)
    for (path, section), commands in sorted(by_section.items()):
        fetch = next((c for c in commands if c.get("program") in _FETCH_CODE and len(c.get("argv", [])) > 1
                      and c.get("argv")[1] in ("clone", "pull", "checkout", "fetch")), None)
        if fetch is None:
            continue
        install = next((c for c in commands if c.get("program") in _INSTALL and "install" in c.get("argv", [])
                        or c.get("program") in ("uv", "poetry") and "sync" in c.get("argv", [])), None)
        start = next((c for c in commands if c.get("program") in PY_WEB_SERVERS | {"node", "npm", "flask", "rails", "java", "systemctl", "supervisorctl", "pm2"}
                      or c.get("program") in ("python", "python3") and any(str(a).endswith(".py") for a in c.get("argv", []))), None)
        if install is None and start is None:
            continue
        found.append(ManualDeploy(path, section, fetch, install, start))
    return found
