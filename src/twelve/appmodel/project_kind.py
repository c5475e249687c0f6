"""Whether the target is a deployable app or a library/framework (issue 12), from facts only.

A repository reads as a **library** when its top-level build manifest declares a distributable
package and nothing in production deploys it. The decision is conservative: any one sign of a
deployment keeps the current reading (an app, or several), and so does any doubt (a file that
cannot be read, a bound reached).

Package declarations (only the root's manifests count: they say what the repository *is*):

- Python: ``pyproject.toml`` with a ``[project]`` table with a name and a ``[build-system]``
  (PEP 517/621), ``[tool.poetry]`` with a name and a poetry build backend; ``setup.py`` calling
  ``setup(`` with ``packages``/``py_modules``; ``setup.cfg`` with ``[metadata] name`` and
  ``[options] packages``;
- Node: ``package.json`` with a name, not ``"private": true``, declaring ``main``, ``exports``,
  ``module``, ``types`` or ``typings``;
- Ruby: a ``*.gemspec`` at the root (``Gem::Specification.new``);
- JVM: the root ``build.gradle(.kts)`` or its convention plugins (``buildSrc/``, ``build-logic/``)
  applying ``java-library``, ``maven-publish`` or ``java-gradle-plugin``; a root ``pom.xml``
  with ``<distributionManagement>`` or a Maven Central publishing plugin;
- Go: a root ``go.mod`` (its ``module`` line) when no production ``.go`` file is ``package main``.

Deployment signs (any one makes it an app), in production files only: a Dockerfile, a Procfile,
a compose file with a service built from the repository (``build:``), Kubernetes manifests (a
Helm chart, a kustomization, a YAML file with ``apiVersion`` and a workload ``kind``), platform
files (fly.toml, app.json, render.yaml, app.yaml with ``runtime``, vercel.json, netlify.toml,
serverless.yml, heroku.yml, railway.json/toml, nixpacks.toml, Cloud Foundry manifest.yml with
``applications``), a root ``package.json`` start script, a Node server entry point
(``server.js`` at the root or in ``src/``, ``bin/www``) or app framework configuration
(``next.config.*``, ``nuxt.config.*``, ``nest-cli.json``), a Django project (``manage.py`` next
to a settings module), a ``wsgi.py``/``asgi.py`` at the root or in a top-level package, a
``gunicorn.conf.py``, a ``config.ru``, a Rails ``bin/rails``, a JVM build
that packages an app (the Spring Boot, Quarkus, Micronaut-application, Jib, ``application`` or
``war`` plugins, ``<packaging>war``), a Go ``package main``; and production code that runs an app
(``RUN_SIGNS``, by ecosystem): a Python web app, server, bot, worker or scheduler created or
started at module level or in a factory (``app = Flask(__name__)``, ``FastAPI(``, ``Celery(``,
``uvicorn.run(``, ``commands.Bot(``, Django settings with ``ROOT_URLCONF``...), a Node server,
bot or worker (``express()``, ``new Koa(``, ``NestFactory.create(``, ``http.createServer(``,
``app.listen(PORT)``, ``Bun.serve(``, ``bot.launch(``, a BullMQ ``new Worker(``...). Those are
read in the modules an app starts from (at most ``RUN_DEPTH`` directories deep, the usual entry
names first, the first ``RUN_HEAD`` bytes), as a statement at the start of a line (never a
definition, an import or a comment), outside a Python doc string or a JavaScript template literal
(a framework that writes the code of new projects), and only when the file names the library the
call belongs to; a ``.env.example`` listing ``PORT`` is not a sign (libraries keep one for their
tests and examples).

Tests, examples, docs, development and CI tooling never decide, and neither do the trees a
framework keeps to generate or test other projects: directories named like tests
(``smoke-test``, ``intTest``, ``test-support``), templates (``*template*``, ``skeleton``,
``generators``), resources packaged into a program (``src/*/resources``) and files with a
template suffix (``.tt``, ``-tpl``, ``.j2``...).

The user overrides the reading with ``--kind app|library`` or ``kind = "..."`` in the
configuration file (the command line wins).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from twelve.model import KindEvidence, ProjectKind, Scope
from twelve.repository import AppRoot, FileEntry, Repository
from twelve.repository.walk import read_regular

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef,unused-ignore]

KINDS = ("auto", "app", "library")
#: at most this much of a manifest is read
MAX_READ = 512 * 1024
#: at most this many files are opened to look for a sign of deployment (a Go main package, a
#: Kubernetes manifest, a convention plugin); past it the reading stays "app" (doubt)
MAX_OPENED = 4000
#: at most this much of a Go file is read for its package clause
GO_HEAD = 16 * 1024

_TEST_SEGMENT = re.compile(
    r"(?:^|[-_.])tests?(?:[-_.]|$)|^tests?[A-Z]|[a-z]Tests?$|^(?:it|e2e|smoke|integration|system|functional|acceptance)"
    r"(?:[-_]?tests?)?$"
)
_TEMPLATE_SEGMENT = re.compile(r"(?i)templates?|skeleton|boilerplate|^generators?$|scaffold|^resources$")
_TEMPLATE_SUFFIX = (
    ".tt",
    "-tpl",
    ".tpl",
    ".tmpl",
    ".template",
    ".j2",
    ".jinja",
    ".jinja2",
    ".erb",
    ".mustache",
    ".hbs",
)
_TOOLING_DIRS = frozenset({"buildsrc", "build-logic", "hack", "tools", "tooling", "scripts", "benchmarks", "bench"})

_PLATFORM_FILES = frozenset(
    {
        "fly.toml",
        "app.json",
        "render.yaml",
        "vercel.json",
        "netlify.toml",
        "serverless.yml",
        "serverless.yaml",
        "heroku.yml",
        "railway.json",
        "railway.toml",
        "nixpacks.toml",
        "now.json",
        "Dockerrun.aws.json",
        ".platform.app.yaml",
    }
)
_K8S_KIND = re.compile(
    r"(?m)^kind:\s*[\"']?(Deployment|StatefulSet|DaemonSet|ReplicaSet|Pod|CronJob|Job|Service|Ingress|"
    r"Knative|KnativeService|Rollout|DeploymentConfig)\b"
)
_API_VERSION = re.compile(r"(?m)^apiVersion:\s*\S")
#: a Node server's own entry point (at the root or in src/), and the configuration of a framework
#: that builds a deployed site
_NODE_SERVER = re.compile(r"^server\.(?:js|mjs|cjs|ts|mts|cts)$")
_NODE_APP_CONFIG = re.compile(r"^(?:next\.config\.(?:js|mjs|cjs|ts)|nuxt\.config\.(?:js|mjs|ts)|nest-cli\.json)$")
_COMPOSE_BUILD = re.compile(r"(?m)^\s+build\s*:")
_GO_MAIN = re.compile(r"(?m)^package\s+main\b")
_GRADLE_APP = re.compile(
    r"""(?x)(?:\bid\s*\(?\s*["'](?:org\.springframework\.boot|io\.quarkus|io\.micronaut\.application|
    com\.google\.cloud\.tools\.jib|application|war)["']|apply\s*\(?\s*plugin\s*[:=]\s*["']
    (?:org\.springframework\.boot|io\.quarkus|application|war)["']|^\s*(?:application|war)\s*$)""",
    re.MULTILINE,
)
_MAVEN_APP = re.compile(
    r"<artifactId>(?:spring-boot-maven-plugin|quarkus-maven-plugin|micronaut-maven-plugin|jib-maven-plugin|"
    r"appengine-maven-plugin|dockerfile-maven-plugin)</artifactId>|<packaging>\s*(?:war|ear)\s*</packaging>"
)
_GRADLE_LIBRARY = re.compile(
    r"""["'`](?:java-library|maven-publish|java-gradle-plugin|com\.vanniktech\.maven\.publish)["'`]|"""
    r"""\b(?:JavaLibraryPlugin|MavenPublishPlugin|JavaGradlePluginPlugin)\b|^\s*`?(?:java-library|maven-publish)`?\s*$""",
    re.MULTILINE,
)
_MAVEN_LIBRARY = re.compile(
    r"<distributionManagement\b|<artifactId>(?:central-publishing-maven-plugin|nexus-staging-maven-plugin|"
    r"maven-gpg-plugin)</artifactId>"
)
#: the keys of package.json that say what a package exports to the code that requires it
_NODE_ENTRIES = ("exports", "main", "module", "types", "typings")
_SETUP_CALL = re.compile(r"\bsetup\s*\(")
_SETUP_PACKAGES = re.compile(r"\b(?:packages|py_modules)\s*=")
_GEMSPEC = re.compile(r"Gem::Specification\.new")


def deciding(entry: FileEntry) -> bool:
    """Whether *entry* may decide the kind: a production file outside the trees a framework keeps
    for its tests, its tooling and the projects it generates."""
    if entry.scope is not Scope.PRODUCTION:
        return False
    path = entry.path
    if path.endswith(_TEMPLATE_SUFFIX):
        return False
    segments = path.split("/")[:-1]
    for segment in segments:
        if _TEST_SEGMENT.search(segment) or _TEMPLATE_SEGMENT.search(segment) or segment.lower() in _TOOLING_DIRS:
            return False
    return True


@dataclass(slots=True)
class _Reader:
    """Bounded reads of the repository's files (never through a symlink), counted."""

    repo: Repository
    opened: int = 0
    doubt: bool = False

    def text(self, entry: FileEntry, limit: int = MAX_READ) -> str | None:
        if self.opened >= MAX_OPENED:
            self.doubt = True
            return None
        self.opened += 1
        try:
            data = read_regular(
                self.repo.abspath(entry.path), limit, entry.identity, root=self.repo.root, relpath=entry.path
            )
        except OSError:
            self.doubt = True
            return None
        return data[:limit].decode("utf-8", "replace")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _first(pattern: re.Pattern[str], text: str) -> int | None:
    found = pattern.search(text)
    return _line_of(text, found.start()) if found else None


def _key_line(text: str, pattern: str) -> int | None:
    return _first(re.compile(pattern, re.MULTILINE), text)


# -- package declarations ------------------------------------------------------------------------


def _pyproject(entry: FileEntry, text: str) -> KindEvidence | None:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeError, ValueError):
        return None
    build = data.get("build-system")
    project = data.get("project")
    if isinstance(build, dict) and isinstance(project, dict) and isinstance(project.get("name"), str):
        return KindEvidence(entry.path, _key_line(text, r"^\[project\]"), "python_project", project["name"])
    poetry = data.get("tool", {}).get("poetry") if isinstance(data.get("tool"), dict) else None
    if (
        isinstance(build, dict)
        and "poetry" in str(build.get("build-backend", ""))
        and isinstance(poetry, dict)
        and isinstance(poetry.get("name"), str)
        and poetry.get("package-mode", True) is not False
    ):
        return KindEvidence(entry.path, _key_line(text, r"^\[tool\.poetry\]"), "python_project", poetry["name"])
    return None


def _setup_py(entry: FileEntry, text: str) -> KindEvidence | None:
    call = _SETUP_CALL.search(text)
    if call and _SETUP_PACKAGES.search(text, call.start()):
        return KindEvidence(entry.path, _line_of(text, call.start()), "python_setup", "")
    return None


def _setup_cfg(entry: FileEntry, text: str) -> KindEvidence | None:
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    if parser.has_option("metadata", "name") and (
        parser.has_option("options", "packages") or parser.has_option("options", "py_modules")
    ):
        return KindEvidence(
            entry.path, _key_line(text, r"^\[metadata\]"), "python_setup", parser.get("metadata", "name")
        )
    return None


def _package_json(entry: FileEntry, text: str) -> tuple[KindEvidence | None, KindEvidence | None]:
    """(the package it declares, its start script): either may be None."""
    try:
        data = json.loads(text)
    except ValueError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    scripts = data.get("scripts")
    start = None
    if isinstance(scripts, dict) and isinstance(scripts.get("start"), str) and scripts["start"].strip():
        start = KindEvidence(entry.path, _key_line(text, r'^\s*"start"\s*:'), "start_script", scripts["start"][:80])
    if data.get("private") is True or not isinstance(data.get("name"), str):
        return None, start
    lines = [_key_line(text, rf'^\s*"{key}"\s*:') for key in _NODE_ENTRIES if key in data]
    if lines:
        line = min((n for n in lines if n is not None), default=None)
        return KindEvidence(entry.path, line, "node_package", data["name"]), start
    return None, start


def _gemspec(entry: FileEntry, text: str) -> KindEvidence | None:
    line = _first(_GEMSPEC, text)
    return KindEvidence(entry.path, line, "gemspec", posixpath.basename(entry.path)) if line else None


def _gradle(entry: FileEntry, text: str) -> KindEvidence | None:
    found = _GRADLE_LIBRARY.search(text)
    if found is None:
        return None
    return KindEvidence(entry.path, _line_of(text, found.start()), "gradle_library", found.group(0).strip("\"'` "))


def _pom(entry: FileEntry, text: str) -> KindEvidence | None:
    found = _MAVEN_LIBRARY.search(text)
    if found is None:
        return None
    said = found.group(0)
    detail = "distributionManagement" if said.startswith("<distributionManagement") else re.sub(r"<[^>]*>", "", said)
    return KindEvidence(entry.path, _line_of(text, found.start()), "maven_library", detail)


def _go_mod(entry: FileEntry, text: str) -> KindEvidence | None:
    found = re.search(r"(?m)^module\s+(\S+)", text)
    return KindEvidence(entry.path, _line_of(text, found.start()), "go_module", found.group(1)) if found else None


#: where a Gradle build keeps its convention plugins (their sources under src/main/ say what the
#: modules apply; the build file of the plugins themselves does not)
_CONVENTION_DIRS = ("buildSrc/", "build-logic/", "gradle/plugins/")
_CONVENTION_FILE = re.compile(r"\.(gradle|gradle\.kts|java|kt|groovy)$")


def _declarations(repo: Repository, reader: _Reader, deploys: list[KindEvidence]) -> list[KindEvidence]:
    """The packages the root's manifests declare (and the root start script, into *deploys*)."""
    found: list[KindEvidence] = []
    readers: dict[str, Callable[[FileEntry, str], KindEvidence | None]] = {
        "pyproject.toml": _pyproject,
        "setup.py": _setup_py,
        "setup.cfg": _setup_cfg,
        "build.gradle": _gradle,
        "build.gradle.kts": _gradle,
        "pom.xml": _pom,
        "go.mod": _go_mod,
    }
    conventions: list[FileEntry] = []
    for entry in repo.files:
        path = entry.path
        if "/" not in path:
            name = path
            if name == "package.json":
                text = reader.text(entry)
                if text is not None:
                    package, start = _package_json(entry, text)
                    if package:
                        found.append(package)
                    if start:
                        deploys.append(start)
            elif name.endswith(".gemspec"):
                text = reader.text(entry)
                gem = _gemspec(entry, text) if text is not None else None
                if gem:
                    found.append(gem)
            elif name in readers:
                text = reader.text(entry)
                declared = readers[name](entry, text) if text is not None else None
                if declared:
                    found.append(declared)
        elif path.startswith(_CONVENTION_DIRS) and "/src/main/" in path and _CONVENTION_FILE.search(path):
            conventions.append(entry)
    if conventions and not any(e.what == "gradle_library" for e in found):
        if any(
            e.path in ("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts") for e in repo.files
        ):
            for entry in conventions:
                text = reader.text(entry)
                declared = _gradle(entry, text) if text is not None else None
                if declared:
                    found.append(declared)
                    break
    return found


# -- signs of a deployment ---------------------------------------------------------------------


def _by_name(entries: Iterable[FileEntry]) -> KindEvidence | None:
    """The first sign of a deployment that a file's name alone gives."""
    names: dict[str, set[str]] = {}
    for entry in entries:
        directory, _, name = entry.path.rpartition("/")
        names.setdefault(directory, set()).add(name)
    for entry in entries:
        directory, _, name = entry.path.rpartition("/")
        if entry.kind == "dockerfile":
            return KindEvidence(entry.path, None, "dockerfile", "")
        if entry.kind == "procfile":
            return KindEvidence(entry.path, None, "procfile", "")
        if entry.kind in ("helm_chart", "kustomization"):
            return KindEvidence(entry.path, None, "kubernetes", "")
        if name in _PLATFORM_FILES:
            return KindEvidence(entry.path, None, "platform", name)
        if name in ("config.ru", "gunicorn.conf.py") or _NODE_APP_CONFIG.match(name):
            return KindEvidence(entry.path, None, "server", name)
        if name in ("wsgi.py", "asgi.py") and directory.count("/") < 1:  # a framework's own is deeper
            return KindEvidence(entry.path, None, "server", name)
        if _NODE_SERVER.match(name) and directory in ("", "src"):
            return KindEvidence(entry.path, None, "server", name)
        if name == "www" and directory.endswith("bin") and posixpath.basename(directory) == "bin":
            return KindEvidence(entry.path, None, "server", "bin/www")
        if name == "rails" and directory.endswith("bin") and posixpath.basename(directory) == "bin":
            return KindEvidence(entry.path, None, "server", "bin/rails")
        if name == "manage.py":
            here = names.get(directory, set())
            below = [d for d in names if d.startswith(f"{directory}/" if directory else "")]
            if "settings.py" in here or any("settings.py" in names[d] or d.endswith("/settings") for d in below):
                return KindEvidence(entry.path, None, "django_project", "")
    return None


def _by_content(entries: list[FileEntry], reader: _Reader) -> KindEvidence | None:
    """The first sign of a deployment that a file's text gives (bounded by MAX_OPENED)."""
    for entry in entries:
        name = posixpath.basename(entry.path)
        if entry.kind == "compose":
            text = reader.text(entry)
            line = _first(_COMPOSE_BUILD, text) if text else None
            if line:
                return KindEvidence(entry.path, line, "compose_build", "")
        elif name in ("app.yaml", "app.yml"):
            text = reader.text(entry)
            line = _key_line(text, r"^runtime\s*:") if text else None
            if line:
                return KindEvidence(entry.path, line, "platform", name)
        elif name in ("manifest.yml", "manifest.yaml"):
            text = reader.text(entry)
            line = _key_line(text, r"^applications\s*:") if text else None
            if line:
                return KindEvidence(entry.path, line, "platform", name)
        elif name in ("build.gradle", "build.gradle.kts", "pom.xml"):
            text = reader.text(entry)
            if text:
                line = _first(_GRADLE_APP if name != "pom.xml" else _MAVEN_APP, text)
                if line:
                    return KindEvidence(entry.path, line, "jvm_app", "")
    for entry in entries:
        if entry.path.endswith(".go"):
            text = reader.text(entry, GO_HEAD)
            line = _first(_GO_MAIN, text) if text else None
            if line:
                return KindEvidence(entry.path, line, "go_main", "")
    for entry in entries:
        if entry.kind in ("yaml", "helm_values") and entry.path.endswith((".yaml", ".yml")) and entry.size <= MAX_READ:
            text = reader.text(entry)
            if text and _API_VERSION.search(text):
                line = _first(_K8S_KIND, text)
                if line:
                    return KindEvidence(entry.path, line, "kubernetes", "")
    return None


#: at most this much of a source file is read for a sign of a running app
RUN_HEAD = 128 * 1024
#: the source files read for a sign of a running app are at most this many directories deep (an
#: app starts from a shallow module: app.py, src/main.ts, pkg/__init__.py; a framework's own
#: thousands of modules sit deeper)
RUN_DEPTH = 3

#: a statement's start: at the beginning of a line (never in a comment, a doc block or a ``>>>``
#: example), an optional assignment (``app =``, ``app: FastAPI =``, ``const app =``) or return
_PY_STMT = r"^[ \t]*(?:[A-Za-z_][\w.]*(?:[ \t]*:[ \t]*[\w.\[\], ]+)?[ \t]*=[ \t]*|return[ \t]+)?(?:await[ \t]+)?"
_JS_STMT = (
    r"^[ \t]*(?:(?:export[ \t]+)?(?:const|let|var)[ \t]+[\w$]+(?:[ \t]*:[ \t]*[\w.<>]+)?[ \t]*=[ \t]*"
    r"|export[ \t]+default[ \t]+|module\.exports[ \t]*=[ \t]*)?(?:await[ \t]+)?"
)


@dataclass(frozen=True, slots=True)
class RunSign:
    """A sign that a source file runs an app: in files ending with *suffixes*, when the text holds
    *needle* (a quick substring test) and, if given, *requires* (the library the call belongs
    to, named in an import), a statement matching *pattern* outside a doc string."""

    name: str
    suffixes: tuple[str, ...]
    needle: str
    pattern: re.Pattern[str]
    requires: str = ""


_PY = (".py",)
_JS = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")


def _py(name: str, needle: str, call: str, requires: str = "") -> RunSign:
    return RunSign(name, _PY, needle, re.compile(_PY_STMT + call, re.MULTILINE), requires)


def _js(name: str, needle: str, call: str, requires: str = "") -> RunSign:
    return RunSign(name, _JS, needle, re.compile(_JS_STMT + call, re.MULTILINE), requires)


#: the signs of a running app in production code, by ecosystem: an app, server, bot, worker or
#: scheduler created or started at module level or in a factory (never its definition, its
#: import, nor a mention in a comment or a doc string)
RUN_SIGNS: tuple[RunSign, ...] = (
    # Python web apps and servers
    _py("Flask", "Flask(", r"(?:flask\.)?Flask\(", "flask"),
    _py("Quart", "Quart(", r"(?:quart\.)?Quart\(", "quart"),
    _py("FastAPI", "FastAPI(", r"(?:fastapi\.)?FastAPI\(", "fastapi"),
    _py("Starlette", "Starlette(", r"(?:starlette\.applications\.)?Starlette\(", "starlette"),
    _py("Sanic", "Sanic(", r"(?:sanic\.)?Sanic\(", "sanic"),
    _py("Litestar", "Litestar(", r"(?:litestar\.)?Litestar\(", "litestar"),
    _py("falcon.App", "App(", r"falcon\.(?:asgi\.)?App\("),
    _py("Bottle", "Bottle(", r"(?:bottle\.)?Bottle\(", "bottle"),
    _py("tornado.web.Application", "Application(", r"(?:tornado\.)?web\.Application\(", "tornado"),
    _py("aiohttp web.Application", "Application(", r"web\.Application\(", "aiohttp"),
    _py("aiohttp web.run_app", "run_app(", r"web\.run_app\("),
    _py("uvicorn.run", "uvicorn.run(", r"uvicorn\.run\("),
    _py("hypercorn serve", "serve(", r"(?:hypercorn\.(?:asyncio|trio)\.)?serve\(", "hypercorn"),
    _py("waitress.serve", "serve(", r"(?:waitress\.)?serve\(", "waitress"),
    _py("app.run", "app.run(", r"app\.run\((?!main\b)"),
    RunSign("Django settings", _PY, "ROOT_URLCONF", re.compile(r"^ROOT_URLCONF[ \t]*=[ \t]*[\"']", re.MULTILINE)),
    # Python workers, bots and schedulers
    _py("Celery", "Celery(", r"(?:celery\.)?Celery\(", "celery"),
    _py("rq Worker", "Worker(", r"(?:rq\.)?Worker\(", "from rq "),
    _py("discord bot", "Bot(", r"(?:commands|discord)\.(?:Bot|AutoShardedBot)\(", "discord"),
    _py("discord client", "Client(", r"discord\.(?:Client|AutoShardedClient)\(", "discord"),
    _py("bot.run", ".run(", r"(?:bot|client)\.run\((?!\))", "discord"),
    _py("telegram Application", "builder(", r"(?:telegram\.ext\.)?Application\.builder\(\)", "telegram"),
    _py("aiogram Dispatcher", "Dispatcher(", r"(?:aiogram\.)?Dispatcher\(", "aiogram"),
    _py("bot polling", "polling(", r"\w+\.(?:start_polling|run_polling|infinity_polling)\("),
    _py("APScheduler", "Scheduler(", r"(?:BlockingScheduler|AsyncIOScheduler)\(", "apscheduler"),
    _py("schedule loop", "run_pending(", r"schedule\.run_pending\(", "schedule"),
    _py("Gradio launch", ".launch(", r"\w+\.launch\(", "gradio"),
    _py("Streamlit page", "set_page_config(", r"st\.set_page_config\(", "streamlit"),
    # Node and TypeScript servers, bots and workers
    _js("express()", "express(", r"express\(\s*\)", "express"),
    _js("Koa", "Koa(", r"new[ \t]+Koa\("),
    _js("Fastify", "astify(", r"[Ff]astify\((?!\s*\)\s*\{)", "fastify"),
    _js("Hono", "Hono(", r"new[ \t]+Hono\("),
    _js("Nest", "NestFactory.create", r"NestFactory\.create(?:Microservice)?(?:<[\w.]+>)?\("),
    _js("http.createServer", "createServer(", r"(?:https?|http2)\.create(?:Secure)?Server\("),
    _js(
        ".listen(port)",
        ".listen(",
        r"(?:app|server|httpServer)\.listen\(\s*(?:process\.env\.PORT|PORT\b|port\b|\d{2,5}\b)",
    ),
    _js("Bun.serve", "Bun.serve(", r"Bun\.serve\("),
    _js("Deno.serve", "Deno.serve(", r"Deno\.serve\("),
    _js("discord.js login", ".login(", r"client\.login\(", "discord.js"),
    _js("telegraf launch", ".launch(", r"bot\.launch\(", "telegraf"),
    _js("BullMQ Worker", "Worker(", r"new[ \t]+Worker\(", "bullmq"),
)
_SOURCE_SUFFIXES = tuple(sorted({s for sign in RUN_SIGNS for s in sign.suffixes}))
#: the modules an app usually starts from, read first
_ENTRY_STEMS = frozenset(
    {"app", "main", "__main__", "__init__", "server", "bot", "worker", "run", "settings", "index", "celery", "tasks"}
)


def _in_string(text: str, offset: int, python: bool) -> bool:
    """Whether *offset* falls inside a Python triple-quoted string or a JavaScript template
    literal (counted from the top): a doc string, or code that writes the code of another project."""
    head = text[:offset]
    if python:
        return head.count('"""') % 2 == 1 or head.count("'''") % 2 == 1
    return head.count("`") % 2 == 1


def _run_sign(entry: FileEntry, text: str) -> KindEvidence | None:
    """The first sign in *text* (the file *entry*) that it runs an app."""
    python = entry.path.endswith(_PY)
    for sign in RUN_SIGNS:
        if not entry.path.endswith(sign.suffixes) or sign.needle not in text:
            continue
        if sign.requires and sign.requires not in text:
            continue
        for found in sign.pattern.finditer(text):
            if _in_string(text, found.start(), python):
                continue
            return KindEvidence(entry.path, _line_of(text, found.start()), "runs_app", sign.name)
    return None


def _by_source(entries: list[FileEntry], reader: _Reader) -> KindEvidence | None:
    """The first sign that production code runs an app (bounded by MAX_OPENED, RUN_HEAD and
    RUN_DEPTH): the usual entry modules first, shallow ones before deep ones."""

    def order(entry: FileEntry) -> tuple[int, int, str]:
        stem = posixpath.basename(entry.path).split(".", 1)[0]
        return (0 if stem in _ENTRY_STEMS else 1, entry.path.count("/"), entry.path)

    sources = [
        e
        for e in entries
        if e.path.endswith(_SOURCE_SUFFIXES) and not e.path.endswith(".d.ts") and e.path.count("/") <= RUN_DEPTH
    ]
    for entry in sorted(sources, key=order):
        text = reader.text(entry, RUN_HEAD)
        sign = _run_sign(entry, text) if text else None
        if sign is not None:
            return sign
    return None


def detect(repo: Repository) -> ProjectKind:
    """The kind of *repo* as read from its files (``requested`` "auto")."""
    reader = _Reader(repo)
    deploys: list[KindEvidence] = []
    package = _declarations(repo, reader, deploys)
    if not package:
        return ProjectKind("app", "auto", "detected", (), tuple(deploys))
    if not deploys:
        entries = [e for e in repo.files if deciding(e)]
        sign = _by_name(entries) or _by_content(entries, reader) or _by_source(entries, reader)
        if sign is not None:
            deploys.append(sign)
    if deploys or reader.doubt:
        return ProjectKind("app", "auto", "detected", tuple(package), tuple(deploys))
    return ProjectKind("library", "auto", "detected", tuple(package), ())


def resolve(repo: Repository, requested: str, source: str) -> ProjectKind:
    """The kind in force: detected under ``auto``, else as *source* ("cli" or "config") asked
    (what the files say is still read, to be shown next to the override)."""
    if requested not in KINDS:
        raise ValueError(f"unknown kind: {requested!r} (expected one of {', '.join(KINDS)})")
    detected = detect(repo)
    if requested == "auto":
        return detected
    return ProjectKind(requested, requested, source, detected.package, detected.deploys, detected.kind)


def library_root(repo: Repository, kind: ProjectKind) -> AppRoot:
    """The one unit a library is assessed as: the target root, with every stack of the app roots
    found and the root manifests that declare the package."""
    stacks = sorted({s for app in repo.apps for s in app.stacks})
    manifests = {m for app in repo.apps if app.path == "." for m in app.manifests}
    manifests.update(e.path for e in kind.package if "/" not in e.path)
    return AppRoot(".", tuple(stacks), tuple(sorted(manifests)), ())
