"""What twelve knows about the programs a start command can run: one row per program.

A fix about how gunicorn binds, drains or logs goes in its row here, and every rule that looks at
a start command sees it. Rows say what the program does *by default* (framework defaults count as
evidence, 12factor.net and the verdict rubric) and which flags or variables change that.

Roles:

- ``web_server``: serves HTTP on a port it binds itself (gunicorn, Puma, `next start`);
- ``worker``: takes jobs from a queue (Celery, Sidekiq);
- ``scheduler``: runs work on a clock (celery beat, cron, supercronic);
- ``supervisor``: starts and restarts other processes (supervisord, pm2);
- ``init``: a minimal PID 1 that forwards signals (tini, dumb-init);
- ``dev_server``: a development server or code reloader, not for production (nodemon, vite);
- ``idle``: keeps a container alive after the real work was sent to the background (tail, sleep);
- ``runner``: starts code of a language (python, node, java, ruby, bundle);
- ``shell``: a command interpreter;
- ``builder``: a package manager or compiler whose subcommands do build work (`pip install`,
  `npm ci`, `mvn package`, `go build`: :data:`BUILD_SUBCOMMANDS`);
- ``migrator``: changes a database schema (`prisma migrate`, `rake db:migrate`, `goose`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

WEB_SERVER, WORKER, SCHEDULER, SUPERVISOR, INIT = "web_server", "worker", "scheduler", "supervisor", "init"
DEV_SERVER, IDLE, RUNNER, SHELL, PROXY = "dev_server", "idle", "runner", "shell", "proxy"
BUILDER, MIGRATOR = "builder", "migrator"
#: subcommands and tasks that do build work when a builder runs them (`npm ci`, `mvn package`,
#: `bundle exec rails assets:precompile`, `manage.py collectstatic`)
BUILD_SUBCOMMANDS = frozenset({"install", "ci", "sync", "build", "package", "compile", "collectstatic", "assets:precompile",
                               "bundle", "bootJar", "assemble"})


@dataclass(frozen=True, slots=True)
class Program:
    """One program and its defaults."""

    name: str
    roles: frozenset[str]
    ecosystem: str = "any"  # python, node, ruby, go, java, php, any
    aliases: tuple[str, ...] = ()  # other names of the same program (`gunicorn3`)
    dist: str | None = None  # the package that provides it, in its ecosystem's manifests
    #: a development server or code reloader: () when it always is one (nodemon, vite), else the
    #: arguments that make it one (`tsx watch`, `next dev`, `node --watch`, `go run`, `flask run`)
    dev_args: tuple[str, ...] | None = None
    #: a migration tool: the subcommand (prefix) that changes the schema (`prisma migrate`,
    #: `rake db:`), "" when running the program at all does (`goose`, `dbmate`)
    migrate_subcommand: str | None = None
    #: on SIGTERM it stops accepting work and lets in-flight work finish (None: unknown)
    graceful_sigterm: bool | None = None
    #: the subcommand whose SIGTERM is a warm shutdown (`celery worker`), when it has one
    warm_subcommand: str | None = None
    daemon_flags: tuple[str, ...] = ()  # flags that make it detach from its parent
    pid_flags: tuple[str, ...] = ()  # short flags that make it write a PID file (long ones are shared)
    host_env: tuple[str, ...] = ()  # variables it reads its address from
    binds_loopback_by_default: bool = False  # with no address given it binds 127.0.0.1
    #: where its own log lines go by default: "stderr", "stdout", "file" (None: unknown)
    logs_to: str | None = None
    logs_through_logging: bool = False  # Python servers whose records go through `logging`
    long_running: bool = True  # runs until it is stopped (a loop re-running it is a supervisor)


def _p(name: str, *roles: str, **kw: object) -> Program:
    return Program(name, frozenset(roles), **kw)  # type: ignore[arg-type]


PROGRAMS: tuple[Program, ...] = (
    # Python web servers
    _p("gunicorn", WEB_SERVER, ecosystem="python", aliases=("gunicorn3",), dist="gunicorn", graceful_sigterm=True,
       daemon_flags=("--daemon", "-D"), pid_flags=("-p", "--pid"), host_env=("PORT", "GUNICORN_CMD_ARGS"),
       binds_loopback_by_default=True, logs_to="stderr", logs_through_logging=True),
    _p("uvicorn", WEB_SERVER, ecosystem="python", dist="uvicorn", graceful_sigterm=True, host_env=("UVICORN_HOST",),
       binds_loopback_by_default=True, logs_to="stderr", logs_through_logging=True),
    _p("hypercorn", WEB_SERVER, ecosystem="python", dist="hypercorn", graceful_sigterm=True, pid_flags=("--pid",),
       binds_loopback_by_default=True, logs_to="stderr", logs_through_logging=True),
    _p("daphne", WEB_SERVER, ecosystem="python", dist="daphne", graceful_sigterm=True, binds_loopback_by_default=True,
       logs_through_logging=True),
    _p("granian", WEB_SERVER, ecosystem="python", dist="granian", graceful_sigterm=True, host_env=("GRANIAN_HOST",),
       binds_loopback_by_default=True, logs_through_logging=True),
    _p("waitress-serve", WEB_SERVER, ecosystem="python", dist="waitress", logs_through_logging=True),
    _p("uwsgi", WEB_SERVER, ecosystem="python", dist="uwsgi", daemon_flags=("--daemonize", "--daemonize2")),
    _p("bjoern", WEB_SERVER, ecosystem="python", dist="bjoern"),
    _p("pserve", WEB_SERVER, ecosystem="python", dist="pyramid"),
    _p("mod_wsgi-express", WEB_SERVER, ecosystem="python", dist="mod-wsgi"),
    # Python workers and schedulers
    _p("celery", WORKER, SCHEDULER, ecosystem="python", dist="celery", warm_subcommand="worker",
       daemon_flags=("--detach", "-D")),
    _p("rq", WORKER, ecosystem="python", dist="rq", warm_subcommand="worker"),
    _p("rqworker", WORKER, ecosystem="python", dist="rq", warm_subcommand=""),
    _p("dramatiq", WORKER, ecosystem="python", dist="dramatiq"),
    _p("arq", WORKER, ecosystem="python", dist="arq"),
    _p("huey_consumer", WORKER, ecosystem="python", dist="huey"),
    _p("faust", WORKER, ecosystem="python", dist="faust"),
    # Python development servers (run with their reloader or debug flags; the F05/F07 rules read them)
    _p("flask", DEV_SERVER, ecosystem="python", dist="flask", host_env=("FLASK_RUN_HOST",),
       binds_loopback_by_default=True, dev_args=("run",)),
    _p("manage.py", DEV_SERVER, ecosystem="python", binds_loopback_by_default=True),
    # Ruby servers and job runners (TERM is graceful for Puma, Sidekiq, Falcon, GoodJob, Solid Queue;
    # Unicorn's TERM is a quick shutdown, QUIT the graceful one)
    _p("puma", WEB_SERVER, ecosystem="ruby", dist="puma", graceful_sigterm=True, daemon_flags=("-d", "--daemon"),
       pid_flags=("-P",)),
    _p("unicorn", WEB_SERVER, ecosystem="ruby", dist="unicorn", graceful_sigterm=False, daemon_flags=("-D", "--daemonize")),
    _p("falcon", WEB_SERVER, ecosystem="ruby", dist="falcon", graceful_sigterm=True),
    _p("thin", WEB_SERVER, ecosystem="ruby", dist="thin", daemon_flags=("-d", "--daemonize")),
    _p("passenger", WEB_SERVER, ecosystem="ruby", dist="passenger"),
    _p("iodine", WEB_SERVER, ecosystem="ruby", dist="iodine"),
    _p("pitchfork", WEB_SERVER, ecosystem="ruby", dist="pitchfork"),
    _p("agoo", WEB_SERVER, ecosystem="ruby", dist="agoo"),
    _p("rackup", WEB_SERVER, ecosystem="ruby", dist="rack"),
    _p("sidekiq", WORKER, ecosystem="ruby", dist="sidekiq", graceful_sigterm=True, daemon_flags=("-d", "--daemon")),
    _p("good_job", WORKER, ecosystem="ruby", dist="good_job", graceful_sigterm=True),
    _p("solid_queue", WORKER, ecosystem="ruby", dist="solid_queue", graceful_sigterm=True),
    _p("shoryuken", WORKER, ecosystem="ruby", dist="shoryuken", graceful_sigterm=True),
    _p("sneakers", WORKER, ecosystem="ruby", dist="sneakers", graceful_sigterm=True),
    _p("resque", WORKER, ecosystem="ruby", dist="resque"),
    _p("resque-pool", WORKER, ecosystem="ruby", dist="resque-pool"),
    _p("delayed_job", WORKER, ecosystem="ruby", dist="delayed_job"),
    _p("que", WORKER, ecosystem="ruby", dist="que"),
    _p("racecar", WORKER, ecosystem="ruby", dist="racecar"),
    _p("karafka", WORKER, ecosystem="ruby", dist="karafka"),
    _p("shotgun", DEV_SERVER, ecosystem="ruby", dist="shotgun", dev_args=()),
    # Node.js
    _p("next", WEB_SERVER, ecosystem="node", dist="next", dev_args=("dev",)),
    _p("nuxt", WEB_SERVER, ecosystem="node", dist="nuxt", dev_args=("dev",)),
    _p("serve", WEB_SERVER, ecosystem="node", dist="serve"),
    _p("http-server", WEB_SERVER, ecosystem="node", dist="http-server"),
    _p("nodemon", DEV_SERVER, RUNNER, ecosystem="node", dist="nodemon", dev_args=()),
    _p("ts-node-dev", DEV_SERVER, RUNNER, ecosystem="node", dist="ts-node-dev", dev_args=()),
    _p("webpack-dev-server", DEV_SERVER, ecosystem="node", dist="webpack-dev-server", dev_args=()),
    _p("vite", DEV_SERVER, BUILDER, ecosystem="node", dist="vite", dev_args=()),
    _p("node", RUNNER, ecosystem="node", aliases=("nodejs",), dev_args=("--watch",)),
    _p("ts-node", RUNNER, ecosystem="node", dist="ts-node"),
    _p("tsx", RUNNER, ecosystem="node", dist="tsx", dev_args=("watch",)),
    _p("bun", RUNNER, ecosystem="node"),
    _p("babel-node", RUNNER, ecosystem="node", dist="@babel/node"),
    _p("deno", RUNNER, ecosystem="node"),
    _p("npm", RUNNER, BUILDER, ecosystem="node"),
    _p("yarn", RUNNER, BUILDER, ecosystem="node"),
    _p("pnpm", RUNNER, BUILDER, ecosystem="node"),
    _p("faktory-worker", WORKER, ecosystem="any"),
    _p("asynqmon", WORKER, ecosystem="go"),
    # Go
    _p("air", DEV_SERVER, ecosystem="go", dev_args=()),
    # runners of other languages
    _p("python", RUNNER, ecosystem="python", aliases=("python3", "python2")),
    _p("java", RUNNER, ecosystem="java"),
    _p("ruby", RUNNER, ecosystem="ruby"),
    _p("rails", RUNNER, MIGRATOR, ecosystem="ruby", migrate_subcommand="db:"),
    _p("bundle", RUNNER, BUILDER, ecosystem="ruby"),
    _p("php", RUNNER, ecosystem="php"),
    _p("dotnet", RUNNER, ecosystem="dotnet"),
    # servers and proxies around apps
    _p("nginx", WEB_SERVER, PROXY),
    _p("httpd", WEB_SERVER, PROXY),
    _p("apache2", WEB_SERVER, PROXY),
    _p("apache2ctl", WEB_SERVER, PROXY, long_running=False),
    _p("php-fpm", WEB_SERVER, ecosystem="php"),
    _p("caddy", WEB_SERVER, PROXY),
    _p("catalina.sh", WEB_SERVER, ecosystem="java", long_running=False),
    # supervisors, init programs, idlers, clocks
    _p("supervisord", SUPERVISOR),
    _p("s6-svscan", SUPERVISOR),
    _p("runsvdir", SUPERVISOR),
    _p("pm2", SUPERVISOR, ecosystem="node"),
    _p("forever", SUPERVISOR, ecosystem="node"),
    _p("circusd", SUPERVISOR, ecosystem="python"),
    _p("honcho", SUPERVISOR, ecosystem="python"),
    _p("foreman", SUPERVISOR, ecosystem="ruby"),
    _p("tini", INIT, aliases=("tini-static",)),
    _p("dumb-init", INIT),
    _p("catatonit", INIT),
    _p("tail", IDLE),
    _p("sleep", IDLE),
    _p("wait", IDLE),
    _p("true", IDLE, long_running=False),
    _p("cron", SCHEDULER, aliases=("crond",)),
    _p("supercronic", SCHEDULER),
    # build tools and package managers (npm, yarn, pnpm, bundle and vite are listed above)
    _p("pip", BUILDER, ecosystem="python", aliases=("pip3",), long_running=False),
    _p("poetry", BUILDER, ecosystem="python", long_running=False),
    _p("pipenv", BUILDER, ecosystem="python", long_running=False),
    _p("uv", BUILDER, ecosystem="python", long_running=False),
    _p("composer", BUILDER, ecosystem="php", long_running=False),
    _p("go", BUILDER, ecosystem="go", dev_args=("run",)),
    _p("mvn", BUILDER, ecosystem="java", aliases=("mvnw",), long_running=False),
    _p("gradle", BUILDER, ecosystem="java", aliases=("gradlew",), long_running=False),
    _p("webpack", BUILDER, ecosystem="node", dist="webpack", long_running=False),
    _p("tsc", BUILDER, ecosystem="node", dist="typescript", long_running=False),
    # migration tools (rails is listed above)
    _p("rake", MIGRATOR, ecosystem="ruby", migrate_subcommand="db:", long_running=False),
    _p("prisma", MIGRATOR, ecosystem="node", dist="prisma", migrate_subcommand="migrate", long_running=False),
    _p("knex", MIGRATOR, ecosystem="node", dist="knex", migrate_subcommand="migrate", long_running=False),
    _p("sequelize", MIGRATOR, ecosystem="node", dist="sequelize-cli", migrate_subcommand="db:migrate", long_running=False),
    _p("typeorm", MIGRATOR, ecosystem="node", dist="typeorm", migrate_subcommand="migration:run", long_running=False),
    _p("flyway", MIGRATOR, ecosystem="java", migrate_subcommand="migrate", long_running=False),
    _p("liquibase", MIGRATOR, ecosystem="java", migrate_subcommand="update", long_running=False),
    _p("goose", MIGRATOR, ecosystem="go", migrate_subcommand="", long_running=False),
    _p("migrate", MIGRATOR, ecosystem="go", migrate_subcommand="", long_running=False),
    _p("dbmate", MIGRATOR, migrate_subcommand="", long_running=False),
    # shells
    _p("sh", SHELL, long_running=False),
    _p("bash", SHELL, long_running=False),
    _p("dash", SHELL, long_running=False),
    _p("ash", SHELL, long_running=False),
    _p("zsh", SHELL, long_running=False),
    _p("ksh", SHELL, long_running=False),
)


@lru_cache(maxsize=1)
def _index() -> dict[str, Program]:
    out: dict[str, Program] = {}
    for row in PROGRAMS:
        for name in (row.name, *row.aliases):
            if name in out:  # pragma: no cover - guarded by tests
                raise RuntimeError(f"program {name!r} listed twice")
            out[name] = row
    return out


def program(name: str | None) -> Program | None:
    """The row of the program called *name* (a path's base name works too), if twelve knows it."""
    if not name:
        return None
    return _index().get(name.rsplit("/", 1)[-1])


def names(*roles: str, ecosystem: str | None = None, graceful: bool | None = None) -> frozenset[str]:
    """Every name (aliases included) of the programs with one of *roles* (all roles when none),
    in *ecosystem* (any when None), whose SIGTERM is graceful (when *graceful* is given)."""
    out: set[str] = set()
    for row in PROGRAMS:
        if roles and not row.roles & set(roles):
            continue
        if ecosystem is not None and row.ecosystem != ecosystem:
            continue
        if graceful is not None and row.graceful_sigterm is not graceful:
            continue
        out.update((row.name, *row.aliases))
    return frozenset(out)


def has_role(name: str | None, role: str) -> bool:
    found = program(name)
    return found is not None and role in found.roles


def dist_of(name: str) -> str | None:
    """The package that provides program *name* (`waitress-serve` → `waitress`)."""
    found = program(name)
    return found.dist if found else None


__all__ = ["BUILDER", "BUILD_SUBCOMMANDS", "DEV_SERVER", "MIGRATOR", "IDLE", "INIT", "PROGRAMS", "PROXY", "Program", "RUNNER", "SCHEDULER", "SHELL", "SUPERVISOR",
           "WEB_SERVER", "WORKER", "dist_of", "has_role", "names", "program"]
