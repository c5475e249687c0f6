"""II. Dependencies: explicitly declare and isolate dependencies."""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.pymanifests import normalize
from twelve.facts.shellwords import split_commands
from twelve.model import Location, Scope
from twelve.appmodel import (
    TOOL_PACKAGES, WRAPPER_MODULES, declared, dockerfile_starts, installed_os_packages, production, tool_provider,
)
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

#: import names whose distribution is named differently
IMPORT_TO_DIST: dict[str, tuple[str, ...]] = {
    "psycopg2": ("psycopg2", "psycopg2-binary"), "psycopg": ("psycopg", "psycopg-binary"), "yaml": ("pyyaml",),
    "PIL": ("pillow",), "dotenv": ("python-dotenv",), "jwt": ("pyjwt",), "sklearn": ("scikit-learn",),
    "bs4": ("beautifulsoup4",), "dateutil": ("python-dateutil",), "attr": ("attrs",), "magic": ("python-magic",),
    "Crypto": ("pycryptodome", "pycryptodomex"), "cv2": ("opencv-python", "opencv-python-headless"),
    "MySQLdb": ("mysqlclient",), "pkg_resources": ("setuptools",), "setuptools": ("setuptools",),
    "OpenSSL": ("pyopenssl",), "jose": ("python-jose",), "multipart": ("python-multipart",),
    "decouple": ("python-decouple",), "environ": ("django-environ",), "dj_database_url": ("dj-database-url",),
    "rest_framework": ("djangorestframework",), "corsheaders": ("django-cors-headers",),
    "debug_toolbar": ("django-debug-toolbar",), "storages": ("django-storages",), "google": (),
    "memcache": ("python-memcached",), "slugify": ("python-slugify",), "socketio": ("python-socketio",),
    "engineio": ("python-engineio",), "telegram": ("python-telegram-bot",), "docx": ("python-docx",),
    "pptx": ("python-pptx",), "serial": ("pyserial",), "usb": ("pyusb",), "zmq": ("pyzmq",), "git": ("gitpython",),
    "github": ("pygithub",), "gitlab": ("python-gitlab",), "ldap": ("python-ldap",), "Levenshtein": ("python-levenshtein",),
    "flask_sqlalchemy": ("flask-sqlalchemy",), "flask_migrate": ("flask-migrate",), "flask_login": ("flask-login",),
    "flask_cors": ("flask-cors",), "flask_session": ("flask-session",), "flask_apscheduler": ("flask-apscheduler",),
    "sentry_sdk": ("sentry-sdk",), "pydantic_settings": ("pydantic-settings",), "typing_extensions": ("typing-extensions",),
    "google.protobuf": ("protobuf",), "grpc": ("grpcio",), "win32api": ("pywin32",), "kafka": ("kafka-python",),
    "confluent_kafka": ("confluent-kafka",), "aio_pika": ("aio-pika",), "Levenshtein_": (), "ruamel": ("ruamel-yaml",),
    "websocket": ("websocket-client",), "dns": ("dnspython",), "nacl": ("pynacl",), "markdown": ("markdown",),
    "lxml": ("lxml",), "fitz": ("pymupdf",), "wand": ("wand",), "uvloop": ("uvloop",), "httptools": ("httptools",),
}
#: what common frameworks bring along: importing these works "by accident" when only the framework is declared
TRANSITIVE: dict[str, tuple[str, ...]] = {
    "flask": ("werkzeug", "jinja2", "click", "itsdangerous", "markupsafe", "blinker"),
    "django": ("asgiref", "sqlparse"),
    "fastapi": ("starlette", "pydantic", "typing-extensions", "anyio", "pydantic-core"),
    "starlette": ("anyio",), "uvicorn": ("click", "h11"), "celery": ("kombu", "billiard", "vine", "click"),
    "requests": ("urllib3", "idna", "certifi", "charset-normalizer"), "gunicorn": ("packaging",),
    "pydantic": ("pydantic-core", "typing-extensions", "annotated-types"), "sqlalchemy": ("greenlet", "typing-extensions"),
    "alembic": ("mako", "sqlalchemy"), "flask-sqlalchemy": ("sqlalchemy",), "flask-migrate": ("alembic", "sqlalchemy"),
    "httpx": ("httpcore", "anyio", "certifi", "idna", "sniffio"), "boto3": ("botocore", "s3transfer", "jmespath"),
    "jinja2": ("markupsafe",), "djangorestframework": ("django",), "rq": ("redis", "click"),
}
_TOOLS = frozenset({"pip", "setuptools", "wheel", "poetry", "uv", "pipenv", "pip-tools", "pdm", "virtualenv", "hatch",
                    "build", "twine", "gunicorn-tools"})
_INSTALLERS = frozenset({"pip", "pip3", "uv", "poetry", "pipenv", "pdm"})
#: npm packages that drive a host binary, and that binary
NODE_WRAPPERS = {"fluent-ffmpeg": "ffmpeg", "gm": "gm", "imagemagick": "convert", "pdf2pic": "gs",
                 "node-tesseract-ocr": "tesseract", "wkhtmltopdf": "wkhtmltopdf", "pdf-poppler": "pdftoppm"}
_LOCK_NAMES = ("poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock")


def _python_files(facts: AppFacts) -> list:
    return [f for f in facts.files if f.kind == "python" and f.scope is Scope.PRODUCTION]


def _manifests(facts: AppFacts) -> list[Fact]:
    return [f for f in facts.of("dep.manifest") if f.get("ecosystem") == "python" and f.scope is Scope.PRODUCTION]


def _locks(facts: AppFacts) -> list[Fact]:
    return [f for f in facts.of("dep.lock") if f.get("ecosystem") == "python"]


@rule("F02-S1", factor=2, polarity=FOR, strength=STRONG, ecosystems=("py",))
def manifest_declared(facts: AppFacts) -> Iterator[Hit]:
    manifests = [m for m in _manifests(facts) if m.get("count", 0) or m.get("kind") == "pyproject"]
    if manifests:
        names = sorted({m.path for m in manifests})
        yield hit(*manifests, manifests=names, count=sum(m.get("count", 0) for m in manifests))


#: languages whose code needs a manifest of its ecosystem (Go and Node have their own rules:
#: F02-S4c and F02-S3b)
_MANIFEST_OF = {"python": ("python", "Python"), "java": ("java", "Java"), "kotlin": ("java", "Kotlin"),
                "ruby": ("ruby", "Ruby")}


@rule("F02-AP1", factor=2, polarity=AGAINST, strength=STRONG, ecosystems=("py", "java", "rb"))
def code_without_manifest(facts: AppFacts) -> Iterator[Hit]:
    ecosystems = {m.get("ecosystem") for m in facts.of("dep.manifest")}
    by_kind: dict[str, list] = {}
    for entry in facts.files:
        if entry.kind in _MANIFEST_OF and entry.scope is Scope.PRODUCTION:
            by_kind.setdefault(entry.kind, []).append(entry)
    reported: set[str] = set()
    for kind, code in sorted(by_kind.items()):
        ecosystem, language = _MANIFEST_OF[kind]
        if ecosystem in ecosystems or ecosystem in reported:
            continue
        if kind == "ruby" and len(code) < 2 and not facts.has_file("config.ru"):
            continue  # a lone Rakefile or helper script is not an app without a Gemfile
        reported.add(ecosystem)
        yield hit(Location(code[0].path), files=len(code), first=code[0].path, language=language)


def _main_requirements(facts: AppFacts) -> list[Fact]:
    return [d for d in facts.of("dep.declared") if d.get("ecosystem") == "python" and d.get("group") == "main"
            and d.scope is Scope.PRODUCTION]


@rule("F02-S2", factor=2, polarity=FOR, strength=MODERATE, ecosystems=("py",))
def exact_resolution(facts: AppFacts) -> Iterator[Hit]:
    locks = [l for l in _locks(facts) if not facts.ignored(posixpath.basename(l.path))]
    if locks:
        yield hit(*locks, how=", ".join(sorted(posixpath.basename(l.path) for l in locks)), count=sum(l.get("count", 0) for l in locks))
        return
    requirements = [d for d in _main_requirements(facts) if d.get("manifest", "").endswith((".txt", ".in"))]
    if requirements and all(d.get("pinned") for d in requirements):
        hashed = all(d.get("hashed") for d in requirements)
        files = sorted({d.get("manifest") for d in requirements})
        yield hit(*requirements[:1], how=", ".join(files), count=len(requirements),
                  hashes="yes" if hashed else "no")


@rule("F02-S8", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("py",))
def inexact_resolution(facts: AppFacts) -> Iterator[Hit]:
    if [l for l in _locks(facts) if not facts.ignored(posixpath.basename(l.path))]:
        return
    ignored = [name for name in _LOCK_NAMES if facts.ignored(name)]
    requirements = _main_requirements(facts)
    txt = [d for d in requirements if d.get("manifest", "").endswith((".txt", ".in"))]
    if txt and all(d.get("pinned") for d in txt):
        return
    loose = [d for d in (txt or requirements) if not d.get("pinned")]
    if loose:
        names = [d.get("display") or d.get("name") for d in loose]
        shown = ", ".join(names[:6]) + ("…" if len(names) > 6 else "")
        if ignored:
            shown += f" ({', '.join(ignored)} in .gitignore)"
        yield hit(*loose[:3], what=shown, names=shown, manifest=loose[0].get("manifest"))


def _local_modules(facts: AppFacts) -> set[str]:
    """Top-level names importable from the app's own tree (modules and packages, src layout)."""
    local: set[str] = set()
    prefix = "" if facts.app.path == "." else facts.app.path + "/"
    for entry in facts.files:
        if entry.kind != "python" or not entry.path.startswith(prefix):
            continue
        parts = entry.path[len(prefix):].split("/")
        if parts[0] == "src" and len(parts) > 1:
            parts = parts[1:]
        for index, part in enumerate(parts):
            name = part[:-3] if part.endswith(".py") else part
            local.add(name)
            if index >= 2:
                break
    return local


def _provided(module: str, declared_names: set[str], lock_names: set[str]) -> tuple[str, str | None]:
    """('declared'|'transitive'|'missing', providing distribution)."""
    candidates = IMPORT_TO_DIST.get(module, ())
    if module in IMPORT_TO_DIST and not candidates:
        return "declared", None  # namespace packages such as google.*: not decidable from the import
    names = {normalize(module), *candidates}
    hit_name = next((n for n in names if n in declared_names), None)
    if hit_name:
        return "declared", hit_name
    loose = next((d for d in declared_names if d.startswith(normalize(module) + "-") or d.endswith("-" + normalize(module))), None)
    if loose:
        return "declared", loose
    for framework in declared_names:
        brought = TRANSITIVE.get(framework, ())
        if names & set(brought):
            return "transitive", framework
    if names & lock_names:
        return "transitive", "lock"
    return "missing", None


def _undeclared(facts: AppFacts) -> list[tuple[Fact, str, str, str | None]]:
    return facts.derive("f02.undeclared", lambda: _compute_undeclared(facts))


def _compute_undeclared(facts: AppFacts) -> list[tuple[Fact, str, str, str | None]]:
    """(import fact, module, 'missing'|'transitive', provider) for third-party imports not declared."""
    declared_names = set(declared(facts))
    if not declared_names:
        return []  # no manifest at all is F02-AP1
    lock_names = {p for lock in _locks(facts) for p in lock.get("packages", [])}
    stdlib = set(getattr(sys, "stdlib_module_names", ())) | {"__future__"}
    local = _local_modules(facts)
    reported: set[str] = set()
    out: list[tuple[Fact, str, str, str | None]] = []
    for fact in production(facts.of("import")):
        if fact.get("lang") not in (None, "python"):
            continue  # other ecosystems' imports are checked against their own manifests, not requirements
        if fact.get("relative") or fact.get("optional") or fact.get("type_checking"):
            continue
        for full in fact.get("modules", []):
            module = full.split(".")[0]
            if not module or module in stdlib or module in local or module in reported or module.startswith("_"):
                continue
            status, provider = _provided(full if full in IMPORT_TO_DIST else module, declared_names, lock_names)
            if status != "declared":
                reported.add(module)
                out.append((fact, module, status, provider))
    return out


@rule("F02-S7", factor=2, polarity=AGAINST, strength=STRONG, ecosystems=("py",))
def undeclared_imports(facts: AppFacts) -> Iterator[Hit]:
    for fact, module, status, _provider in _undeclared(facts):
        if status == "missing":
            yield hit(fact, module=module)


@rule("F02-S7b", factor=2, polarity=AGAINST, strength=WEAK, ecosystems=("py",))
def transitive_imports(facts: AppFacts) -> Iterator[Hit]:
    for fact, module, status, provider in _undeclared(facts):
        if status == "transitive":
            yield hit(fact, module=module, via="lock" if provider == "lock" else provider)


def _install_commands(facts: AppFacts) -> list[tuple[Fact, list[str]]]:
    out = []
    for fact in production(facts.of("docker.run")):
        for command in split_commands(fact.get("command", "")):
            argv = list(command.argv)
            if argv[:1] in (["python"], ["python3"]) and argv[1:3] == ["-m", "pip"]:
                argv = ["pip"] + argv[3:]
            if argv and argv[0].rsplit("/", 1)[-1] in _INSTALLERS:
                out.append((fact, argv))
    return out


@rule("F02-S14", factor=2, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def self_contained_artifact(facts: AppFacts) -> Iterator[Hit]:
    for fact, argv in _install_commands(facts):
        program = argv[0].rsplit("/", 1)[-1]
        text = " ".join(argv)
        if program in ("pip", "pip3", "uv") and ("-r" in argv or "--requirement" in text or re.search(r"\binstall\s+(-e\s+)?\.(\[|\s|$)", text)
                                                 or "sync" in argv):
            yield hit(fact, how="Dockerfile", command=text)
            return
        if program in ("poetry", "pipenv", "pdm") and ("install" in argv or "sync" in argv):
            yield hit(fact, how="Dockerfile", command=text)
            return
    procfile = facts.of("procfile.process")
    if procfile and _manifests(facts):
        yield hit(procfile[0], how="Procfile", command=_manifests(facts)[0].path)


@rule("F02-S11", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "deploy"))
def host_packages_leak(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("syspath.modify")):
        yield hit(fact, how=fact.get("api"))
    for fact in production(facts.of("docker.run", "shell.command")):
        text = fact.get("command", "") if fact.kind == "docker.run" else " ".join(fact.get("argv", []))
        if "--system-site-packages" in text:
            yield hit(fact, how="--system-site-packages")
    for fact in production(facts.of("docker.env")):
        if fact.get("key") == "PYTHONPATH" and re.search(r"(dist|site)-packages", fact.get("value", "")):
            yield hit(fact, how="PYTHONPATH")


@rule("F02-S12", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def installs_outside_manifest(facts: AppFacts) -> Iterator[Hit]:
    declared_names = set(declared(facts))
    for fact, argv in _install_commands(facts):
        program = argv[0].rsplit("/", 1)[-1]
        if program not in ("pip", "pip3") and not (program == "uv" and "pip" in argv[:2]):
            continue
        if "install" not in argv:
            continue
        args = argv[argv.index("install") + 1:]
        packages: list[str] = []
        skip = False
        for word in args:
            if skip:
                skip = False
                continue
            if word in ("-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
                        "--extra-index-url", "-f", "--find-links", "--target", "-t", "--prefix", "--root"):
                skip = True
                continue
            if word.startswith("-") or word in (".",) or word.startswith((".", "/", "git+", "http")):
                continue
            name = normalize(re.split(r"[<>=!~\[;@ ]", word, maxsplit=1)[0])
            if name and name not in _TOOLS and name not in declared_names:
                packages.append(word)
        if packages:
            yield hit(fact, packages=packages)


@rule("F02-S13", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "deploy"))
def diverging_specs(facts: AppFacts) -> Iterator[Hit]:
    installed_files: set[str] = set()
    for _fact, argv in _install_commands(facts):
        for i, word in enumerate(argv):
            if word in ("-r", "--requirement") and i + 1 < len(argv):
                installed_files.add(posixpath.basename(argv[i + 1]))
    if not installed_files:
        return
    pins: dict[str, dict[str, Fact]] = {}
    for fact in facts.of("dep.declared"):
        if fact.get("ecosystem") == "python" and fact.get("pinned") and fact.get("manifest", "").endswith(".txt"):
            pins.setdefault(fact.get("name"), {})[fact.get("manifest")] = fact
    includes = {(f.path, posixpath.basename(f.get("target", ""))) for f in facts.of("dep.include")}
    for name, by_file in sorted(pins.items()):
        used = [f for m, f in by_file.items() if posixpath.basename(m) in installed_files]
        others = [f for m, f in by_file.items() if posixpath.basename(m) not in installed_files]
        for prod in used:
            for other in others:
                linked = (prod.path, posixpath.basename(other.path)) in includes or (other.path, posixpath.basename(prod.path)) in includes
                if not linked and prod.get("spec") != other.get("spec"):
                    yield hit(prod, other, package=prod.get("display") or name, prod_spec=prod.get("spec"),
                              prod_file=prod.path, other_spec=other.get("spec"), other_file=other.path)


@rule("F02-S21", factor=2, polarity=AGAINST, strength=MODERATE, basis=ADVICE, ecosystems=("deploy",))
def moving_base_image(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("docker.from")):
        image = fact.get("image", "")
        if fact.get("stage_ref") or fact.get("variable") or image == "scratch" or fact.get("digest"):
            continue
        if not fact.get("tag") or fact.get("tag") == "latest":
            yield hit(fact, image=image, tag=fact.get("tag") or "(none)")


@rule("F02-S20", factor=2, polarity=FOR, strength=WEAK, basis=ADVICE, ecosystems=("deploy",))
def pinned_base_image(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("docker.from")):
        if fact.get("digest"):
            yield hit(fact, image=fact.get("image"))


def _tools_needed(facts: AppFacts) -> list[tuple[str, Fact, str]]:
    """(tool, fact that needs it, how) for host binaries the app runs."""
    return facts.derive("f02.tools_needed", lambda: _compute_tools_needed(facts))


def _compute_tools_needed(facts: AppFacts) -> list[tuple[str, Fact, str]]:
    needed: list[tuple[str, Fact, str]] = []
    for fact in production(facts.of("process.spawn")):
        program = fact.get("program")
        if program and program in TOOL_PACKAGES:
            needed.append((program, fact, "code"))
    for fact in production(facts.of("import")):
        table = WRAPPER_MODULES if fact.get("lang") in (None, "python") else NODE_WRAPPERS \
            if fact.get("lang") in ("javascript", "typescript") else {}
        for module in fact.get("modules", []):
            tool = table.get(module) or table.get(module.split(".")[0])
            if tool:
                needed.append((tool, fact, module))
    scripts = {s.fact.path for s in dockerfile_starts(facts) if s.via == "entrypoint"}
    for fact in facts.of("shell.command"):
        if fact.path in scripts and fact.get("program") in TOOL_PACKAGES:
            needed.append((fact.get("program"), fact, "script"))
    seen: set[str] = set()
    out = []
    for tool, fact, how in needed:
        if tool not in seen:
            seen.add(tool)
            out.append((tool, fact, how))
    return out


def _documented_install(facts: AppFacts, tool: str) -> Fact | None:
    packages = set(TOOL_PACKAGES.get(tool, ())) | {tool}
    for fact in facts.of("doc.command"):
        argv = fact.get("argv", [])
        if fact.get("program") in ("apt-get", "apt", "apk", "brew", "yum", "dnf", "choco") and "install" in argv:
            if packages & set(argv):
                return fact
    return None


def _unprovisioned(facts: AppFacts) -> Iterator[tuple[str, Fact, Fact | None]]:
    """(tool, fact that needs it, README line that installs it or None) for tools the build lacks."""
    packages = installed_os_packages(facts)
    for tool, fact, _how in _tools_needed(facts):
        if not tool_provider(tool, packages):
            yield tool, fact, _documented_install(facts, tool)


@rule("F02-S22", factor=2, polarity=AGAINST, strength=STRONG, ecosystems=("py", "deploy"))
def unprovisioned_tool(facts: AppFacts) -> Iterator[Hit]:
    for tool, fact, documented in _unprovisioned(facts):
        if documented is None:  # documented-only is F02-S24
            yield hit(fact, tool=tool, where=fact.path, package=TOOL_PACKAGES.get(tool, (tool,))[0])


@rule("F02-S23", factor=2, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def provisioned_tool(facts: AppFacts) -> Iterator[Hit]:
    packages = installed_os_packages(facts)
    for tool, fact, _how in _tools_needed(facts):
        provider = tool_provider(tool, packages)
        if provider:
            package, where = provider
            yield hit(where, fact, tool=tool, package=package)


@rule("F02-S24", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("any",))
def tool_only_documented(facts: AppFacts) -> Iterator[Hit]:
    for tool, fact, documented in _unprovisioned(facts):
        if documented is not None:
            yield hit(fact, documented, tool=tool, doc=documented.path, package=TOOL_PACKAGES.get(tool, (tool,))[0])
