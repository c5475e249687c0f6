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
- ``daemonizer``: a host tool that starts a service in the background (start-stop-daemon, `service x start`);
- ``idle``: keeps a container alive after the real work was sent to the background (tail, sleep);
- ``runner``: starts code of a language (python, node, java, ruby, bundle);
- ``shell``: a command interpreter;
- ``builder``: a package manager or compiler whose subcommands do build work (`pip install`,
  `npm ci`, `mvn package`, `go build`: :data:`BUILD_SUBCOMMANDS`);
- ``migrator``: changes a database schema (`prisma migrate`, `rake db:migrate`, `goose`);
- ``packager``: builds a distributable package for others to install (`dpkg-buildpackage`,
  `rpmbuild`, `goreleaser`): an image whose start command runs one is a builder image, run by hand
  to produce the package, not a process of the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

WEB_SERVER, WORKER, SCHEDULER, SUPERVISOR, INIT = "web_server", "worker", "scheduler", "supervisor", "init"
DEV_SERVER, IDLE, RUNNER, SHELL, PROXY = "dev_server", "idle", "runner", "shell", "proxy"
DAEMONIZER = "daemonizer"
BUILDER, MIGRATOR, PACKAGER = "builder", "migrator", "packager"
#: subcommands and tasks that do build work when a builder runs them (`npm ci`, `mvn package`,
#: `bundle exec rails assets:precompile`, `manage.py collectstatic`)
BUILD_SUBCOMMANDS = frozenset(
    {
        "install",
        "ci",
        "sync",
        "build",
        "package",
        "compile",
        "collectstatic",
        "assets:precompile",
        "bundle",
        "bootJar",
        "assemble",
    }
)


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
    #: flags that send its own log lines somewhere (`--access-logfile`), the settings of its
    #: configuration file that do, and the values of either that mean a standard stream
    log_flags: tuple[str, ...] = ()
    log_settings: tuple[str, ...] = ()
    log_stream_values: tuple[str, ...] = ()
    #: flags and configuration setting of the longest a request may run
    timeout_flags: tuple[str, ...] = ()
    timeout_setting: str | None = None
    #: flags and configuration setting of the time in-flight work gets after SIGTERM
    graceful_timeout_flags: tuple[str, ...] = ()
    graceful_timeout_setting: str | None = None
    #: False when how it stops on SIGTERM depends on its configuration or subcommand (uWSGI's
    #: SIGTERM reloads unless `--die-on-term`; `celery` runs workers, beat or tools; `pserve` runs
    #: the server its .ini file names)
    shutdown_judged: bool = True
    #: False when, as PID 1, it does not reliably pass SIGTERM on to the command it runs (`npm start`)
    forwards_sigterm: bool | None = None
    #: rake/rails tasks that start it (`solid_queue:start`), and binstubs that do (`bin/jobs`)
    tasks: tuple[str, ...] = ()
    binstubs: tuple[str, ...] = ()
    task_runner: bool = False  # runs the tasks its command line names (rake, rails)

    # --- the process model (factors VI, VII, VIII) ---
    #: runs the app's own long-lived work (a server, a worker, a language runtime): a loop
    #: re-running it is a home-made supervisor, and `&` sends the app away
    app_process: bool = False
    #: subcommands that detach it from its parent (`celery multi`, `pm2 start`, `service x start`;
    #: a daemonizer with none detaches whatever it runs)
    daemon_subcommands: tuple[str, ...] = ()
    foreground_flags: tuple[str, ...] = ()  # flags that keep such a subcommand in the foreground
    #: flags and variables that set its number of worker processes (`--workers`, WEB_CONCURRENCY)
    workers_flags: tuple[str, ...] = ()
    workers_env: str | None = None
    #: the subcommand that starts its (development) server (`flask run`, `manage.py runserver`)
    serve_subcommand: str | None = None
    #: how its command line says where it binds: flags whose value is an address (`host:port`,
    #: `unix:/path`); flags of the host, of the port, of a socket instead of a port (None: the
    #: usual `--host`/`-h`, `--port`/`-p`, `--uds`/`--fd`); the address given as the word after
    #: its serve subcommand (`runserver 0.0.0.0:8000`)
    address_flags: tuple[str, ...] = ()
    host_flags: tuple[str, ...] | None = None
    port_flags: tuple[str, ...] | None = None
    socket_flags: tuple[str, ...] | None = None
    address_argument: bool = False
    socket_by_default: bool = False  # with no address flag it serves a socket, not a port (uwsgi)
    default_host: str | None = None  # the host it binds when only a port is given
    config_flags: tuple[str, ...] = ()  # flags that name its configuration file (which may state the bind)
    runs_script: bool = False  # runs the script file given as its first argument (`node server.js`)
    runs_package_scripts: bool = False  # runs package.json scripts (`npm start`, `yarn run web`)


def _p(name: str, *roles: str, **kw: object) -> Program:
    return Program(name, frozenset(roles), **kw)  # type: ignore[arg-type]


#: calls that run a Python server inside the script's own process and drain it on SIGTERM, as the
#: server's command would (`uvicorn.run(app)`, aiohttp's `web.run_app(app)`); matched on the
#: `server.run` fact's callee (Flask's `app.run` and waitress' `serve` stop at once)
PY_GRACEFUL_RUN_CALLS = re.compile(r"(^|\.)uvicorn\.run$|^(aiohttp\.)?(web\.)?run_app$")

PROGRAMS: tuple[Program, ...] = (
    # Python web servers
    _p(
        "gunicorn",
        WEB_SERVER,
        ecosystem="python",
        aliases=("gunicorn3",),
        dist="gunicorn",
        graceful_sigterm=True,
        daemon_flags=("--daemon", "-D"),
        pid_flags=("-p", "--pid"),
        host_env=("PORT", "GUNICORN_CMD_ARGS"),
        binds_loopback_by_default=True,
        logs_to="stderr",
        logs_through_logging=True,
        app_process=True,
        log_flags=("--access-logfile", "--error-logfile", "--log-file"),
        log_settings=("accesslog", "errorlog"),
        log_stream_values=("-", "/dev/stdout", "/dev/stderr"),
        timeout_flags=("--timeout", "-t"),
        timeout_setting="timeout",
        graceful_timeout_flags=("--graceful-timeout",),
        graceful_timeout_setting="graceful_timeout",
        workers_flags=("--workers", "-w"),
        workers_env="WEB_CONCURRENCY",
        address_flags=("--bind", "-b"),
        host_flags=(),
        port_flags=(),
        socket_flags=(),
        config_flags=("-c", "--config"),
    ),
    _p(
        "uvicorn",
        WEB_SERVER,
        ecosystem="python",
        dist="uvicorn",
        graceful_sigterm=True,
        host_env=("UVICORN_HOST",),
        binds_loopback_by_default=True,
        logs_to="stderr",
        logs_through_logging=True,
        app_process=True,
        workers_flags=("--workers", "-w"),
        workers_env="WEB_CONCURRENCY",
    ),
    _p(
        "hypercorn",
        WEB_SERVER,
        ecosystem="python",
        dist="hypercorn",
        graceful_sigterm=True,
        pid_flags=("--pid",),
        binds_loopback_by_default=True,
        logs_to="stderr",
        logs_through_logging=True,
        app_process=True,
        address_flags=("--bind", "-b"),
        host_flags=(),
        port_flags=(),
        socket_flags=(),
    ),
    _p(
        "daphne",
        WEB_SERVER,
        ecosystem="python",
        dist="daphne",
        graceful_sigterm=True,
        binds_loopback_by_default=True,
        logs_through_logging=True,
        app_process=True,
        host_flags=("-b", "--bind"),
        socket_flags=("-u", "--unix-socket", "--fd", "-e", "--endpoint"),
    ),
    _p(
        "granian",
        WEB_SERVER,
        ecosystem="python",
        dist="granian",
        graceful_sigterm=True,
        host_env=("GRANIAN_HOST",),
        binds_loopback_by_default=True,
        logs_through_logging=True,
        app_process=True,
    ),
    _p(
        "waitress-serve",
        WEB_SERVER,
        ecosystem="python",
        dist="waitress",
        logs_through_logging=True,
        app_process=True,
        address_flags=("--listen",),
        host_flags=("--host",),
        port_flags=("--port",),
        socket_flags=(),
        default_host="0.0.0.0",
    ),
    _p(
        "uwsgi",
        WEB_SERVER,
        ecosystem="python",
        dist="uwsgi",
        daemon_flags=("--daemonize", "--daemonize2"),
        shutdown_judged=False,
        app_process=True,
        address_flags=("--http", "--http-socket"),
        socket_by_default=True,
    ),
    _p("bjoern", WEB_SERVER, ecosystem="python", dist="bjoern", app_process=True),
    _p(
        "pserve", WEB_SERVER, ecosystem="python", dist="pyramid", shutdown_judged=False, app_process=True
    ),  # serves with the .ini's server
    _p("mod_wsgi-express", WEB_SERVER, ecosystem="python", dist="mod-wsgi", app_process=True),
    # Python workers and schedulers
    _p(
        "celery",
        WORKER,
        SCHEDULER,
        ecosystem="python",
        dist="celery",
        warm_subcommand="worker",
        daemon_flags=("--detach", "-D"),
        shutdown_judged=False,
        app_process=True,
        daemon_subcommands=("multi",),
        logs_to="stderr",
        log_flags=("--logfile", "-f"),
    ),
    _p("rq", WORKER, ecosystem="python", dist="rq", warm_subcommand="worker", app_process=True),
    _p("rqworker", WORKER, ecosystem="python", dist="rq", warm_subcommand="", app_process=True),
    _p("dramatiq", WORKER, ecosystem="python", dist="dramatiq", app_process=True),
    _p("arq", WORKER, ecosystem="python", dist="arq", app_process=True),
    _p("huey_consumer", WORKER, ecosystem="python", dist="huey", app_process=True),
    _p("faust", WORKER, ecosystem="python", dist="faust", app_process=True),
    # Python development servers (run with their reloader or debug flags; the F05/F07 rules read them)
    _p(
        "flask",
        DEV_SERVER,
        ecosystem="python",
        dist="flask",
        host_env=("FLASK_RUN_HOST",),
        binds_loopback_by_default=True,
        app_process=True,
        serve_subcommand="run",
        dev_args=("run",),
    ),
    _p(
        "manage.py",
        DEV_SERVER,
        ecosystem="python",
        binds_loopback_by_default=True,
        serve_subcommand="runserver",
        address_argument=True,
    ),
    _p("django-admin", DEV_SERVER, ecosystem="python", dist="django"),
    # Python programs that serve an app written as a script (their shutdown is the script's)
    _p("streamlit", RUNNER, ecosystem="python", dist="streamlit"),
    _p("panel", RUNNER, ecosystem="python", dist="panel"),
    _p("bokeh", RUNNER, ecosystem="python", dist="bokeh"),
    _p("gradio", RUNNER, ecosystem="python", dist="gradio"),
    _p("chainlit", RUNNER, ecosystem="python", dist="chainlit"),
    # Ruby servers and job runners (TERM is graceful for Puma, Sidekiq, Falcon, GoodJob, Solid Queue;
    # Unicorn's TERM is a quick shutdown, QUIT the graceful one)
    _p(
        "puma",
        WEB_SERVER,
        ecosystem="ruby",
        dist="puma",
        graceful_sigterm=True,
        daemon_flags=("-d", "--daemon"),
        pid_flags=("-P",),
        app_process=True,
    ),
    _p(
        "unicorn",
        WEB_SERVER,
        ecosystem="ruby",
        dist="unicorn",
        graceful_sigterm=False,
        daemon_flags=("-D", "--daemonize"),
        app_process=True,
    ),
    _p("falcon", WEB_SERVER, ecosystem="ruby", dist="falcon", graceful_sigterm=True),
    _p("thin", WEB_SERVER, ecosystem="ruby", dist="thin", daemon_flags=("-d", "--daemonize")),
    _p("passenger", WEB_SERVER, ecosystem="ruby", dist="passenger"),
    _p("iodine", WEB_SERVER, ecosystem="ruby", dist="iodine"),
    _p("pitchfork", WEB_SERVER, ecosystem="ruby", dist="pitchfork"),
    _p("agoo", WEB_SERVER, ecosystem="ruby", dist="agoo"),
    _p("rackup", WEB_SERVER, ecosystem="ruby", dist="rack"),
    _p(
        "sidekiq",
        WORKER,
        ecosystem="ruby",
        dist="sidekiq",
        graceful_sigterm=True,
        daemon_flags=("-d", "--daemon"),
        app_process=True,
    ),
    _p("good_job", WORKER, ecosystem="ruby", dist="good_job", graceful_sigterm=True, tasks=("good_job:start",)),
    _p(
        "solid_queue",
        WORKER,
        ecosystem="ruby",
        dist="solid_queue",
        graceful_sigterm=True,
        tasks=("solid_queue:start",),
        binstubs=("jobs",),
    ),
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
    _p("nodemon", DEV_SERVER, RUNNER, ecosystem="node", dist="nodemon", runs_script=True, dev_args=()),
    _p("ts-node-dev", DEV_SERVER, RUNNER, ecosystem="node", dist="ts-node-dev", runs_script=True, dev_args=()),
    _p("webpack-dev-server", DEV_SERVER, ecosystem="node", dist="webpack-dev-server", dev_args=()),
    _p("vite", DEV_SERVER, BUILDER, ecosystem="node", dist="vite", dev_args=()),
    _p(
        "node", RUNNER, ecosystem="node", aliases=("nodejs",), app_process=True, runs_script=True, dev_args=("--watch",)
    ),
    _p("ts-node", RUNNER, ecosystem="node", dist="ts-node", runs_script=True),
    _p("tsx", RUNNER, ecosystem="node", dist="tsx", runs_script=True, dev_args=("watch",)),
    _p("bun", RUNNER, ecosystem="node", app_process=True, runs_script=True, runs_package_scripts=True),
    _p("babel-node", RUNNER, ecosystem="node", dist="@babel/node", runs_script=True),
    _p("deno", RUNNER, ecosystem="node", app_process=True),
    _p("npm", RUNNER, BUILDER, ecosystem="node", forwards_sigterm=False, app_process=True, runs_package_scripts=True),
    _p("yarn", RUNNER, BUILDER, ecosystem="node", forwards_sigterm=False, app_process=True, runs_package_scripts=True),
    _p("pnpm", RUNNER, BUILDER, ecosystem="node", forwards_sigterm=False, runs_package_scripts=True),
    _p("faktory-worker", WORKER, ecosystem="any"),
    _p("asynqmon", WORKER, ecosystem="go"),
    # Go
    _p("air", DEV_SERVER, ecosystem="go", dev_args=()),
    # runners of other languages
    _p("python", RUNNER, ecosystem="python", aliases=("python3", "python2"), app_process=True),
    _p("java", RUNNER, ecosystem="java", app_process=True),
    _p("ruby", RUNNER, ecosystem="ruby", app_process=True),
    _p("rails", RUNNER, MIGRATOR, ecosystem="ruby", task_runner=True, app_process=True, migrate_subcommand="db:"),
    _p("rake", RUNNER, MIGRATOR, ecosystem="ruby", task_runner=True, migrate_subcommand="db:", long_running=False),
    _p("bundle", RUNNER, BUILDER, ecosystem="ruby", app_process=True),
    _p("php", RUNNER, ecosystem="php", app_process=True),
    _p("dotnet", RUNNER, ecosystem="dotnet", app_process=True),
    # servers and proxies around apps
    _p("nginx", WEB_SERVER, PROXY, app_process=True),
    _p("httpd", WEB_SERVER, PROXY, app_process=True),
    _p("apache2", WEB_SERVER, PROXY),
    _p("apache2ctl", WEB_SERVER, PROXY, long_running=False),
    _p("php-fpm", WEB_SERVER, ecosystem="php", app_process=True),
    _p("caddy", WEB_SERVER, PROXY),
    _p("catalina.sh", WEB_SERVER, ecosystem="java", long_running=False),
    # supervisors, init programs, idlers, clocks
    _p("supervisord", SUPERVISOR),
    _p("s6-svscan", SUPERVISOR),
    _p("runsvdir", SUPERVISOR),
    _p("pm2", SUPERVISOR, ecosystem="node", daemon_subcommands=("start",), foreground_flags=("--no-daemon",)),
    _p("forever", SUPERVISOR, ecosystem="node", daemon_subcommands=("start",), foreground_flags=("--no-daemon",)),
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
    # host tools that start services in the background
    _p("start-stop-daemon", DAEMONIZER, long_running=False),
    _p("service", DAEMONIZER, long_running=False, daemon_subcommands=("start", "restart")),
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
    # packagers: they build .deb, .rpm or release archives for others to install
    _p("dpkg-buildpackage", PACKAGER, long_running=False),
    _p("dpkg-deb", PACKAGER, long_running=False),
    _p("debuild", PACKAGER, long_running=False),
    _p("rpmbuild", PACKAGER, long_running=False),
    _p("fpm", PACKAGER, long_running=False),
    _p("nfpm", PACKAGER, long_running=False),
    _p("goreleaser", PACKAGER, long_running=False),
    _p("makepkg", PACKAGER, long_running=False),
    _p("snapcraft", PACKAGER, long_running=False),
    _p("flatpak-builder", PACKAGER, long_running=False),
    _p("electron-builder", PACKAGER, ecosystem="node", dist="electron-builder", long_running=False),
    _p("pyinstaller", PACKAGER, ecosystem="python", dist="pyinstaller", long_running=False),
    _p("mock", PACKAGER, long_running=False),
    _p("alien", PACKAGER, long_running=False),
    _p("pkgbuild", PACKAGER, long_running=False),
    _p("productbuild", PACKAGER, long_running=False),
    _p("lintian", PACKAGER, long_running=False),
    _p("checkinstall", PACKAGER, long_running=False),
    # migration tools (rails is listed above)
    _p("prisma", MIGRATOR, ecosystem="node", dist="prisma", migrate_subcommand="migrate", long_running=False),
    _p("knex", MIGRATOR, ecosystem="node", dist="knex", migrate_subcommand="migrate", long_running=False),
    _p(
        "sequelize",
        MIGRATOR,
        ecosystem="node",
        dist="sequelize-cli",
        migrate_subcommand="db:migrate",
        long_running=False,
    ),
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


# --- work a command does before the process is ready -----------------------------------------------

#: package managers and the subcommands that install software (`pip install`, `npm ci`, `apt-get install`)
INSTALL_SUBCOMMANDS: dict[str, tuple[str, ...]] = {
    "pip": ("install",),
    "pip3": ("install",),
    "poetry": ("install",),
    "pipenv": ("install", "sync"),
    "uv": ("sync", "pip"),
    "npm": ("install", "ci"),
    "yarn": ("install",),
    "pnpm": ("install",),
    "apt-get": ("install",),
    "apt": ("install",),
    "apk": ("add",),
    "yum": ("install",),
    "dnf": ("install",),
    "bundle": ("install",),
    "composer": ("install",),
}
#: Django management commands that change the schema or rebuild data
DJANGO_SCHEMA_COMMANDS = frozenset({"migrate", "loaddata", "collectstatic", "compilemessages", "syncdb"})
#: `flask db` subcommands that change the schema
FLASK_DB_SCHEMA_COMMANDS = frozenset({"upgrade", "migrate", "init", "stamp"})
#: words of a command's name that mean schema work (`flask init-db`, `manage.py migrate_schemas`)
SCHEMA_WORDS = re.compile(r"init|migrat|upgrade|seed", re.I)
#: options that take a value, so that the word after them is not a subcommand (flask's)
VALUED_OPTIONS = frozenset({"--app", "-A", "--env-file", "-e"})


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


def names(
    *roles: str,
    ecosystem: str | None = None,
    graceful: bool | None = None,
    long_running: bool | None = None,
    having: str | None = None,
) -> frozenset[str]:
    """Every name (aliases included) of the programs with one of *roles* (all roles when none),
    in *ecosystem* (any when None), whose SIGTERM is graceful (when *graceful* is given), that run
    until stopped (when *long_running* is given), whose field *having* is set (`app_process`)."""
    out: set[str] = set()
    for row in PROGRAMS:
        if roles and not row.roles & set(roles):
            continue
        if ecosystem is not None and row.ecosystem != ecosystem:
            continue
        if graceful is not None and row.graceful_sigterm is not graceful:
            continue
        if long_running is not None and row.long_running is not long_running:
            continue
        if having is not None and not getattr(row, having):
            continue
        out.update((row.name, *row.aliases))
    return frozenset(out)


_PYTHON_INTERPRETER = re.compile(r"(python|pypy)[\d.]*")


def python_interpreter(name: str | None) -> bool:
    """Whether *name* (a path's base name works too) is a Python interpreter (`python3.12`, `pypy3`)."""
    return bool(name) and bool(_PYTHON_INTERPRETER.fullmatch(str(name).rsplit("/", 1)[-1]))


def runs_python(name: str | None) -> bool:
    """Whether program *name* runs Python code: an interpreter, or a program of the Python ecosystem
    (servers, workers, `flask`, `manage.py`, `streamlit`...)."""
    found = program(name)
    return python_interpreter(name) or (found is not None and found.ecosystem == "python")


def task_owner(task: str) -> str | None:
    """The program that the rake/rails task *task* starts (`solid_queue:start` → solid_queue)."""
    return next((row.name for row in PROGRAMS if task in row.tasks), None)


def binstub_owner(name: str) -> str | None:
    """The program that the binstub *name* starts (`jobs` → solid_queue)."""
    return next((row.name for row in PROGRAMS if name in row.binstubs), None)


def by_name(field: str) -> dict[str, object]:
    """{name: value of *field*} for every name (aliases included) of the programs where it is set."""
    return {name: getattr(row, field) for row in PROGRAMS if getattr(row, field) for name in (row.name, *row.aliases)}


def canonical_name(name: str | None) -> str | None:
    """The row name of the program called *name* (`gunicorn3` → `gunicorn`), if twelve knows it."""
    found = program(name)
    return found.name if found else None


def has_role(name: str | None, role: str) -> bool:
    found = program(name)
    return found is not None and role in found.roles


def dist_of(name: str) -> str | None:
    """The package that provides program *name* (`waitress-serve` → `waitress`)."""
    found = program(name)
    return found.dist if found else None


#: options of the Node.js runners that take a value (`node -r dotenv/config server.js`)
#: programs that package or release a built artifact (a Debian or RPM package, a release archive):
#: a container whose start runs one of them is a builder image, not a run definition of the app
PACKAGING_TOOLS = frozenset(names(PACKAGER))

NODE_VALUED_FLAGS = frozenset(
    {
        "-r",
        "--require",
        "--import",
        "--loader",
        "--experimental-loader",
        "--env-file",
        "-w",
        "--watch",
        "--exec",
        "-e",
        "--ext",
        "--config",
        "-P",
        "--project",
        "--title",
        "-C",
        "--conditions",
    }
)
#: long options that make a server or worker write a PID file (each program's short ones are its `pid_flags`)
PID_FILE_FLAGS = ("--pidfile", "--pid-file", "--pidfile2", "--safe-pidfile")
#: task runners whose tasks start a queue worker (`bundle exec rake jobs:work`, `bin/rails solid_queue:start`)
TASK_RUNNERS = frozenset({"rake", "rails"})
WORKER_TASKS = re.compile(r"^(jobs:work|resque:work|resque:workers|solid_queue:start|sneakers:run|good_job:start)$")
#: runner prefixes a start command is looked through (`bundle exec puma`), and how many words they take
RUNNER_PREFIXES = {
    ("bundle", "exec"): 2,
    ("poetry", "run"): 2,
    ("pipenv", "run"): 2,
    ("uv", "run"): 2,
    ("pdm", "run"): 2,
    ("npx",): 1,
    ("pnpm", "exec"): 2,
    ("yarn", "exec"): 2,
    ("bunx",): 1,
}


__all__ = [
    "BUILDER",
    "BUILD_SUBCOMMANDS",
    "DAEMONIZER",
    "DEV_SERVER",
    "DJANGO_SCHEMA_COMMANDS",
    "FLASK_DB_SCHEMA_COMMANDS",
    "IDLE",
    "INIT",
    "INSTALL_SUBCOMMANDS",
    "MIGRATOR",
    "NODE_VALUED_FLAGS",
    "PACKAGER",
    "PACKAGING_TOOLS",
    "PID_FILE_FLAGS",
    "PROGRAMS",
    "PROXY",
    "Program",
    "RUNNER",
    "RUNNER_PREFIXES",
    "SCHEDULER",
    "SCHEMA_WORDS",
    "SHELL",
    "SUPERVISOR",
    "TASK_RUNNERS",
    "VALUED_OPTIONS",
    "WEB_SERVER",
    "WORKER",
    "WORKER_TASKS",
    "binstub_owner",
    "by_name",
    "canonical_name",
    "dist_of",
    "has_role",
    "names",
    "program",
    "python_interpreter",
    "runs_python",
    "task_owner",
]
