"""What the app depends on and how its build installs it, in every ecosystem: the manifests and
lock files of the app, the imports no manifest declares, the install commands of its image and
CI, what makes its artifact self-contained, and the host tools it runs.

Every answer is computed from the facts (and the knowledge tables) once per app; the rules of
factor II read them and never parse a command line themselves.
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from twelve.appmodel.config import deploy_modules
from twelve.appmodel.starts import dockerfile_starts, effective, production, start_commands
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.pymanifests import normalize
from twelve.facts.shellwords import Command, split_commands
from twelve.knowledge.packages import (
    BUNDLER_FROZEN_VARIABLES,
    FROZEN_LOCK_FLAGS,
    GRADLE_SELF_CONTAINED_PLUGINS,
    GRADLE_SHADOW_PLUGINS,
    IMPORT_TO_DIST,
    JVM_BUILD_KINDS,
    LOCKING_PACKAGE_MANAGERS,
    MAVEN_SELF_CONTAINED_PLUGINS,
    NODE_LOCK_NAMES,
    NPM_FROZEN_VERBS,
    NPM_INSTALL_VERBS,
    PIP_LIKE,
    PIP_VALUE_OPTIONS,
    PROJECT_INSTALLERS,
    PYTHON_INSTALLERS,
    RACK_FRAMEWORKS,
    RACK_SERVER_GEMS,
    RACK_SERVER_IMAGES,
    STATIC_RUNTIME_IMAGES,
    TRANSITIVE,
    WRAPPER_JARS,
)
from twelve.knowledge.tools import DOCUMENTED_INSTALLERS, NODE_WRAPPERS, TOOL_PACKAGES, WRAPPER_MODULES
from twelve.model import Location, Scope


def declared(facts: AppFacts, ecosystem: str = "python") -> dict[str, Fact]:
    """The app's declared packages of *ecosystem* (production and dev), by name: first
    declaration wins (computed once per app and ecosystem; a copy, the caller may change it)."""
    return dict(facts.derive(f"packages.declared.{ecosystem}", lambda: _declared(facts, ecosystem)))


def _declared(facts: AppFacts, ecosystem: str) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    kept = facts.facts_where(
        f"packages.declared.{ecosystem}",
        "dep.declared",
        lambda fact: fact.get("ecosystem") == ecosystem and fact.scope in (Scope.PRODUCTION, Scope.DEV),
    )
    for fact in kept:
        out.setdefault(fact.get("name"), fact)
    return out


def installed_os_packages(facts: AppFacts) -> dict[str, Fact]:
    """OS packages installed by Dockerfile RUN lines (apt-get/apt/apk/dnf/yum/microdnf) and Aptfiles."""
    out: dict[str, Fact] = {}
    for fact in production(facts.of("docker.run")):
        for command in split_commands(fact.get("command", "")):
            if command.program in ("apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper") and any(
                word in ("install", "add") for word in command.argv[1:3]
            ):
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


def committed(facts: AppFacts, path: str) -> bool:
    """Whether a file is part of the codebase: tracked by git (or not ignored, when there is no
    git history to ask)."""
    if facts.git.vcs == "git" and facts.git.head:
        return facts.tracked(path)
    return not facts.ignored(posixpath.basename(path))


def _at(fact: Fact, line: int | None, excerpt: str) -> Location:
    return Location(fact.path, line or fact.line, excerpt)


# --- Python -------------------------------------------------------------------------------------------


def python_manifests(facts: AppFacts) -> list[Fact]:
    """The Python manifests of the app's production code."""
    return [f for f in facts.of("dep.manifest") if f.data.ecosystem == "python" and f.scope is Scope.PRODUCTION]


def python_locks(facts: AppFacts) -> list[Fact]:
    return [f for f in facts.of("dep.lock") if f.data.ecosystem == "python"]


def committed_python_locks(facts: AppFacts) -> list[Fact]:
    """Python lock files git does not ignore (an ignored lock never reaches another build)."""
    return [lock for lock in python_locks(facts) if not facts.ignored(posixpath.basename(lock.path))]


def main_requirements(facts: AppFacts) -> list[Fact]:
    """The Python dependencies of the main group, declared by production manifests."""
    return [
        d
        for d in facts.of("dep.declared")
        if d.data.ecosystem == "python" and d.data.group == "main" and d.scope is Scope.PRODUCTION
    ]


@dataclass(frozen=True, slots=True)
class UndeclaredImport:
    """A third-party module the Python code imports that no manifest declares."""

    fact: Fact  # the import
    module: str  # its top-level name
    status: str  # "missing": nothing installs it; "transitive": something declared brings it along
    provider: str | None  # for "transitive": the declared distribution that brings it, or "lock"


def undeclared_imports(facts: AppFacts) -> list[UndeclaredImport]:
    """Third-party imports of the production Python code that no manifest declares, each module
    once (none when the app has no manifest at all: that is another finding)."""
    return facts.derive("packages.undeclared_imports", lambda: _undeclared_imports(facts))


def _local_modules(facts: AppFacts) -> set[str]:
    """Top-level names importable from the app's own tree (modules and packages, src layout)."""
    local: set[str] = set()
    prefix = "" if facts.app.path == "." else facts.app.path + "/"
    for entry in facts.files:
        if entry.kind != "python" or not entry.path.startswith(prefix):
            continue
        parts = entry.path[len(prefix) :].split("/")
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
    found = next((n for n in names if n in declared_names), None)
    if found:
        return "declared", found
    loose = next(
        (d for d in declared_names if d.startswith(normalize(module) + "-") or d.endswith("-" + normalize(module))),
        None,
    )
    if loose:
        return "declared", loose
    for framework in declared_names:
        brought = TRANSITIVE.get(framework, ())
        if names & set(brought):
            return "transitive", framework
    if names & lock_names:
        return "transitive", "lock"
    return "missing", None


def _undeclared_imports(facts: AppFacts) -> list[UndeclaredImport]:
    declared_names = set(declared(facts))
    if not declared_names:
        return []
    lock_names = {p for lock in python_locks(facts) for p in lock.data.packages or []}
    stdlib = set(getattr(sys, "stdlib_module_names", ())) | {"__future__"}
    # the app's own modules, and those each deploy writes itself (a git-ignored `config.py`)
    local = _local_modules(facts) | {
        m.module.split(".")[0] for m in deploy_modules(facts) if m.fact.data.lang in (None, "python")
    }
    reported: set[str] = set()
    out: list[UndeclaredImport] = []
    provided: dict[str, tuple[str, str | None]] = {}  # by module: thousands of imports name few
    for fact in production(facts.of("import")):
        data = fact.data
        if data.lang not in (None, "python"):
            continue  # other ecosystems' imports are checked against their own manifests, not requirements
        if data.relative or data.optional or data.type_checking:
            continue
        if posixpath.basename(fact.path) in BUILD_SCRIPTS:
            continue  # setup.py runs at build time, under the build backend it imports (setuptools)
        for full in data.modules or []:
            module = full.split(".")[0]
            if not module or module in stdlib or module in local or module in reported or module.startswith("_"):
                continue
            key = full if full in IMPORT_TO_DIST else module
            answer = provided.get(key)
            if answer is None:
                answer = provided[key] = _provided(key, declared_names, lock_names)
            status, provider = answer
            if status != "declared":
                reported.add(module)
                out.append(UndeclaredImport(fact, module, status, provider))
    return out


#: Python files that run at build time, not in the app's processes: their imports are build requirements
BUILD_SCRIPTS = frozenset({"setup.py"})

_INSTALL_PROJECT = re.compile(r"\binstall\s+(-e\s+)?\.(\[|\s|$)")


@dataclass(frozen=True, slots=True)
class PythonInstall:
    """A command of a production Dockerfile's RUN line that installs Python packages
    (`python -m pip` is read as `pip`)."""

    fact: Fact
    argv: tuple[str, ...]
    #: it installs what the manifest declares: `pip install -r requirements.txt`, `pip install .`,
    #: `uv sync`, `poetry install`, `pipenv install`, `pdm sync`
    from_manifest: bool
    #: packages named on a `pip install` / `uv pip install` line: (as written, normalised name)
    named: tuple[tuple[str, str], ...]
    #: base names of the requirements files it installs (`-r requirements-prod.txt`)
    requirement_files: tuple[str, ...]

    @property
    def program(self) -> str:
        return self.argv[0].rsplit("/", 1)[-1]

    @property
    def text(self) -> str:
        return " ".join(self.argv)


def python_installs(facts: AppFacts) -> list[PythonInstall]:
    """Python package installs of the production Dockerfiles, in file order."""
    return facts.derive("packages.python_installs", lambda: _python_installs(facts))


def _python_installs(facts: AppFacts) -> list[PythonInstall]:
    out: list[PythonInstall] = []
    for fact in production(facts.of("docker.run")):
        for command in split_commands(fact.data.command or ""):
            argv = list(command.argv)
            if argv[:1] in (["python"], ["python3"]) and argv[1:3] == ["-m", "pip"]:
                argv = ["pip"] + argv[3:]
            if argv and argv[0].rsplit("/", 1)[-1] in PYTHON_INSTALLERS:
                out.append(
                    PythonInstall(fact, tuple(argv), _from_manifest(argv), _named(argv), _requirement_files(argv))
                )
    return out


def _from_manifest(argv: list[str]) -> bool:
    program, text = argv[0].rsplit("/", 1)[-1], " ".join(argv)
    if program in PIP_LIKE:
        return bool("-r" in argv or "--requirement" in text or _INSTALL_PROJECT.search(text) or "sync" in argv)
    return program in PROJECT_INSTALLERS and ("install" in argv or "sync" in argv)


def _named(argv: list[str]) -> tuple[tuple[str, str], ...]:
    program = argv[0].rsplit("/", 1)[-1]
    if program not in ("pip", "pip3") and not (program == "uv" and "pip" in argv[:2]):
        return ()
    if "install" not in argv:
        return ()
    found: list[tuple[str, str]] = []
    skip = False
    for word in argv[argv.index("install") + 1 :]:
        if skip:
            skip = False
            continue
        if word in PIP_VALUE_OPTIONS:
            skip = True
            continue
        if word.startswith("-") or word in (".",) or word.startswith((".", "/", "git+", "http")):
            continue
        found.append((word, normalize(re.split(r"[<>=!~\[;@ ]", word, maxsplit=1)[0])))
    return tuple(found)


def _requirement_files(argv: list[str]) -> tuple[str, ...]:
    return tuple(
        posixpath.basename(argv[i + 1])
        for i, word in enumerate(argv)
        if word in ("-r", "--requirement") and i + 1 < len(argv)
    )


def host_package_exposures(facts: AppFacts) -> list[tuple[Fact, str]]:
    """(evidence, how) for every way production code or its image lets the host's Python packages
    in: `sys.path` pointed at site-packages, `--system-site-packages`, a PYTHONPATH naming them."""
    found: list[tuple[Fact, str]] = [(fact, fact.data.api) for fact in production(facts.of("syspath.modify"))]
    for fact in production(facts.of("docker.run", "shell.command")):
        text = (fact.data.command or "") if fact.kind == "docker.run" else " ".join(fact.data.argv or [])
        if "--system-site-packages" in text:
            found.append((fact, "--system-site-packages"))
    for fact in production(facts.of("docker.env")):
        if fact.data.key == "PYTHONPATH" and re.search(r"(dist|site)-packages", fact.data.value or ""):
            found.append((fact, "PYTHONPATH"))
    return found


# --- host tools -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ToolUse:
    """A host program the app runs: spawned by code, driven by a wrapper library or run by the
    image's entrypoint script."""

    tool: str
    fact: Fact  # where the app needs it
    how: str  # "code", "script" or the wrapper module


def tools_needed(facts: AppFacts) -> list[ToolUse]:
    """The host tools the app needs, each once (first evidence wins)."""
    return facts.derive("packages.tools_needed", lambda: _tools_needed(facts))


def _tools_needed(facts: AppFacts) -> list[ToolUse]:
    needed: list[ToolUse] = []
    for fact in production(facts.of("process.spawn")):
        program = fact.data.program
        if program and program in TOOL_PACKAGES:
            needed.append(ToolUse(program, fact, "code"))
    for fact in production(facts.of("import")):
        lang = fact.data.lang
        table = (
            WRAPPER_MODULES
            if lang in (None, "python")
            else NODE_WRAPPERS
            if lang in ("javascript", "typescript")
            else {}
        )
        for module in fact.data.modules or []:
            tool = table.get(module) or table.get(module.split(".")[0])
            if tool:
                needed.append(ToolUse(tool, fact, module))
    scripts = {s.fact.path for s in dockerfile_starts(facts) if s.via == "entrypoint"}
    for fact in facts.of("shell.command"):
        if fact.path in scripts and fact.data.program in TOOL_PACKAGES:
            needed.append(ToolUse(fact.data.program, fact, "script"))
    seen: set[str] = set()
    out: list[ToolUse] = []
    for use in needed:
        if use.tool not in seen:
            seen.add(use.tool)
            out.append(use)
    return out


def documented_install(facts: AppFacts, tool: str) -> Fact | None:
    """The README command that installs *tool* by hand (`apt-get install imagemagick`), if any."""
    packages = set(TOOL_PACKAGES.get(tool, ())) | {tool}
    for fact in facts.of("doc.command"):
        argv = fact.data.argv or []
        if fact.data.program in DOCUMENTED_INSTALLERS and "install" in argv and packages & set(argv):
            return fact
    return None


@dataclass(frozen=True, slots=True)
class UnprovisionedTool:
    """A host tool the app runs that the build does not install."""

    tool: str
    fact: Fact  # where the app needs it
    documented: Fact | None  # the README line that tells people to install it, if any


def unprovisioned_tools(facts: AppFacts) -> list[UnprovisionedTool]:
    return facts.derive("packages.unprovisioned_tools", lambda: _unprovisioned_tools(facts))


def _unprovisioned_tools(facts: AppFacts) -> list[UnprovisionedTool]:
    packages = installed_os_packages(facts)
    return [
        UnprovisionedTool(use.tool, use.fact, documented_install(facts, use.tool))
        for use in tools_needed(facts)
        if not tool_provider(use.tool, packages)
    ]


# --- Node.js ------------------------------------------------------------------------------------------


def node_manifests(facts: AppFacts) -> list[Fact]:
    """The package.json files of the app's production code."""
    return [f for f in facts.of("dep.manifest") if f.data.ecosystem == "node" and f.scope is Scope.PRODUCTION]


def _node_lock_committed(facts: AppFacts, path: str) -> bool:
    """Whether a lock file is part of the codebase: not ignored, and in the index when there is one."""
    if facts.ignored(posixpath.basename(path)):
        return False
    tracked = facts.git.tracked
    return not tracked or path in tracked


def node_locks(facts: AppFacts) -> list[Location]:
    """The committed Node lock files of the app: read ones, unreadable ones (bun.lockb) and those
    too large to read."""
    return facts.derive("packages.node_locks", lambda: _node_locks(facts))


def _node_locks(facts: AppFacts) -> list[Location]:
    found: dict[str, Location] = {}
    for fact in facts.of("dep.lock"):
        if fact.data.ecosystem == "node" and fact.scope is Scope.PRODUCTION:
            found.setdefault(fact.path, Location(fact.path, fact.line, fact.excerpt))
    for entry in facts.files_of("node_lock"):
        if entry.scope is Scope.PRODUCTION:
            found.setdefault(entry.path, Location(entry.path))
    by_owner = facts.derive_repository("packages.skipped_node_locks", lambda: _skipped_node_locks(facts))
    for owner in (None, facts.app.path):
        for path in by_owner.get(owner, ()):
            found.setdefault(path, Location(path))
    return [loc for path, loc in sorted(found.items()) if _node_lock_committed(facts, path)]


def _skipped_node_locks(facts: AppFacts) -> dict[str | None, list[str]]:
    """The Node lock files left unread (too large, unreadable), by the path of the app root that
    owns them (None: no app root): once per run, each app takes its own and the shared ones."""
    repo = facts.all.repo
    found: dict[str | None, list[str]] = {}
    for skipped in facts.all.skipped:
        if posixpath.basename(skipped.path) in NODE_LOCK_NAMES:
            owner = repo.owner(skipped.path)
            found.setdefault(owner.path if owner is not None else None, []).append(skipped.path)
    return found


@dataclass(frozen=True, slots=True)
class NodeInstall:
    """An npm/Yarn/pnpm/Bun install of the app's dependencies in its image, CI or scripts."""

    fact: Fact
    command: Command
    #: "frozen": it installs exactly the lock (`npm ci`); "loose": it may rewrite the lock (`npm install`)
    how: str


def _node_install(command: Command) -> str | None:
    argv, program = command.argv, command.program
    words = [w for w in argv[1:] if not w.startswith("-")]
    verb = words[0] if words else ""
    if program == "npm":
        if verb in NPM_FROZEN_VERBS:
            return "frozen"
        if verb in NPM_INSTALL_VERBS and len(words) == 1 and not command.has_flag("-g", "--global"):
            return "loose"
    elif program in LOCKING_PACKAGE_MANAGERS:
        if verb not in ("", "install", "i"):
            return None
        if command.has_flag(*FROZEN_LOCK_FLAGS):
            return "frozen"
        if len(words) <= 1 and not command.has_flag("-g", "--global"):
            return "loose"
    return None


def node_installs(facts: AppFacts) -> list[NodeInstall]:
    """Installs of the whole dependency tree: production Dockerfile RUN lines, CI steps, then
    production shell scripts."""
    return facts.derive("packages.node_installs", lambda: list(_node_installs(facts)))


def _node_installs(facts: AppFacts) -> Iterator[NodeInstall]:
    for fact in production(facts.of("docker.run")):
        for command in split_commands(fact.data.command or ""):
            how = _node_install(command)
            if how:
                yield NodeInstall(fact, command, how)
    for step in facts.of("ci.step"):
        for command in split_commands(step.data.run or ""):
            how = _node_install(command)
            if how:
                yield NodeInstall(step, command, how)
    for fact in production(facts.of("shell.command")):
        argv = tuple(fact.data.argv or ())
        command = Command(argv, " ".join(argv), False, False)
        how = _node_install(command)
        if how:
            yield NodeInstall(fact, command, how)


# --- Go -----------------------------------------------------------------------------------------------


def go_modules(facts: AppFacts) -> list[Fact]:
    """The go.mod files of the app (production and development tooling)."""
    return [
        f
        for f in facts.of("dep.manifest")
        if f.data.ecosystem == "go" and f.data.kind == "go.mod" and f.scope in (Scope.PRODUCTION, Scope.DEV)
    ]


def go_sum_for(facts: AppFacts, manifest: Fact) -> Fact | None:
    """The go.sum next to *manifest*, if one was read."""
    folder = posixpath.dirname(manifest.path)
    return next(
        (s for s in facts.of("dep.lock") if s.data.ecosystem == "go" and posixpath.dirname(s.path) == folder), None
    )


def vendor_dir(facts: AppFacts, manifest: Fact) -> str | None:
    """The vendor/ folder next to *manifest*, when the module vendors its dependencies."""
    folder = posixpath.dirname(manifest.path)
    wanted = posixpath.join(folder, "vendor") if folder else "vendor"
    return wanted if wanted in facts.all.repo.vendored_dirs else None


_GO_BUILD_MODE = re.compile(r"\bgo\s+(build|install)\b[^&;|]*?(-mod=(vendor|readonly))")


def go_static_build(facts: AppFacts) -> list[tuple[Fact, str]]:
    """(evidence, how) for what makes the production image a static, self-contained Go build:
    CGO_ENABLED=0, `-mod=vendor|readonly` (GOFLAGS or the build command), a final stage on scratch
    or distroless."""
    return facts.derive("packages.go_static_build", lambda: _go_static_build(facts))


def _go_static_build(facts: AppFacts) -> list[tuple[Fact, str]]:
    found: list[tuple[Fact, str]] = []
    for fact in production(facts.of("docker.env", "docker.arg")):
        value = fact.data.value if fact.kind == "docker.env" else fact.data.default
        if fact.data.key == "CGO_ENABLED" and str(value).strip("\"'") == "0":
            found.append((fact, "CGO_ENABLED=0"))
        if fact.data.key == "GOFLAGS" and re.search(r"-mod=(vendor|readonly)", str(value)):
            found.append((fact, f"GOFLAGS={value}"))
    for fact in production(facts.of("docker.run")):
        command = str(fact.data.command or "")
        if "CGO_ENABLED=0" in command:
            found.append((fact, "CGO_ENABLED=0"))
        mode = _GO_BUILD_MODE.search(command)
        if mode:
            found.append((fact, f"go build {mode.group(2)}"))
    for fact in production(facts.of("docker.from")):
        image = str(fact.data.image or "")
        if (
            fact.data.final
            and not fact.data.stage_ref
            and (image == "scratch" or image.startswith(STATIC_RUNTIME_IMAGES))
        ):
            found.append((fact, f"FROM {image}" + (f":{fact.data.tag}" if fact.data.tag else "")))
    return found


# --- JVM ----------------------------------------------------------------------------------------------


def jvm_builds(facts: AppFacts) -> list[Fact]:
    """Maven POMs and Gradle build scripts of the app (production files)."""
    return facts.facts_where("packages.jvm_builds", "dep.manifest", is_jvm_build)


def is_jvm_build(manifest: Fact) -> bool:
    """Whether a dependency manifest is a production Maven POM or Gradle build script."""
    return (
        manifest.scope is Scope.PRODUCTION
        and manifest.data.ecosystem == "java"
        and manifest.data.kind in JVM_BUILD_KINDS
    )


def fat_builds(facts: AppFacts) -> list[Fact]:
    """The app's JVM builds that produce a self-contained artifact (see fat_artifact)."""
    return facts.facts_where(
        "packages.fat_builds", "dep.manifest", lambda m: is_jvm_build(m) and fat_artifact(m) is not None
    )


def jvm_dependencies(facts: AppFacts) -> list[Fact]:
    """Dependencies declared by the production Maven/Gradle builds (every scope)."""
    return facts.facts_where(
        "packages.jvm_dependencies",
        "dep.declared",
        lambda d: d.data.ecosystem == "java" and d.scope is Scope.PRODUCTION,
    )


def fat_artifact(manifest: Fact) -> tuple[str, int | None] | None:
    """(how, line) when a Maven/Gradle build produces a self-contained artifact (every library
    inside, a runtime image or a container image), else None."""
    data = manifest.data
    for plugin in data.plugins or []:
        name = str(plugin.get("name"))
        if data.kind == "maven":
            if name.endswith(":spring-boot-maven-plugin") and not plugin.get("skip"):
                return "spring-boot-maven-plugin (repackage)", plugin.get("line")
            if name.endswith(MAVEN_SELF_CONTAINED_PLUGINS):
                return name.split(":", 1)[1], plugin.get("line")
            if name.endswith(":maven-assembly-plugin") and "jar-with-dependencies" in (plugin.get("descriptors") or []):
                return "maven-assembly-plugin (jar-with-dependencies)", plugin.get("line")
        else:
            disabled = set(data.disabled_tasks or [])
            if name == "org.springframework.boot":
                task = "bootWar" if data.packaging == "war" else "bootJar"
                if task not in disabled:
                    return f"Spring Boot Gradle plugin ({task})", plugin.get("line")
            if name in GRADLE_SHADOW_PLUGINS:
                return "Shadow plugin (shadowJar)", plugin.get("line")
            if name in GRADLE_SELF_CONTAINED_PLUGINS:
                return name, plugin.get("line")
            if name == "application":
                return "application plugin (installDist)", plugin.get("line")
    return None


_JVM_IMAGE_BUILD = re.compile(
    r"spring-boot:build-image|\bbootBuildImage\b|\bjib(:build|:dockerBuild|Build|DockerBuild)?\b|"
    r"\bpack\s+build\b"
)


def jvm_image_build(facts: AppFacts) -> tuple[Fact, str] | None:
    """(CI step, command) of the first CI step that builds the app's image from the build itself
    (`spring-boot:build-image`, `bootBuildImage`, Jib, `pack build`)."""
    for step in facts.of("ci.step"):
        match = _JVM_IMAGE_BUILD.search(step.data.run or "")
        if match:
            return step, match.group(0)
    return None


def inside_project(path: str) -> bool:
    """Whether a Maven systemPath points into the project itself (a vendored jar) rather than the host."""
    return (
        "${project.basedir}" in path
        or "${basedir}" in path
        or not (path.startswith(("/", "${", "~")) or re.match(r"^[A-Za-z]:[\\/]", path))
    )


def committed_jars(facts: AppFacts) -> list[str]:
    """Jars committed inside the app (the build tools' wrapper jars excepted)."""
    jars = facts.derive_repository("packages.committed_jars", lambda: _committed_jars(facts))
    return [p for p in jars if facts.app.contains(p)]


def _committed_jars(facts: AppFacts) -> list[str]:
    """Every jar committed in the repository (tracked or left unread), wrapper jars excepted:
    computed once per run, each app keeps those under its root."""
    found = {p for p in facts.all.git.tracked if p.endswith(".jar")}
    found |= {s.path for s in facts.all.skipped if s.path.endswith(".jar")}
    return sorted(p for p in found if not WRAPPER_JARS.search(p))


def local_jar_references(facts: AppFacts) -> list[tuple[Fact | Location, str, str]]:
    """(evidence, repository path the build reads jars from, how) for every reference of a JVM
    build to jars in the project: `files(...)`/`fileTree(...)`, a systemPath inside the project,
    a Gradle `flatDir`."""
    refs: list[tuple[Fact | Location, str, str]] = []
    for dep in jvm_dependencies(facts):
        data, base = dep.data, posixpath.dirname(dep.path)
        if data.local:
            refs.append((dep, posixpath.normpath(posixpath.join(base, str(data.local))), f"{data.local_api}(…)"))
        elif data.scope == "system" and data.system_path:
            path = str(data.system_path_resolved or data.system_path)
            if inside_project(path):
                rel = re.sub(r"^\$\{(project\.)?basedir\}/?", "", path)
                refs.append((dep, posixpath.normpath(posixpath.join(base, rel)), "systemPath"))
    for manifest in jvm_builds(facts):
        for flat in manifest.data.flat_dirs or []:
            for folder in flat.get("dirs") or ["lib"]:
                path = posixpath.normpath(posixpath.join(posixpath.dirname(manifest.path), folder))
                refs.append((_at(manifest, flat.get("line"), f"flatDir {{ dirs '{folder}' }}"), path, "flatDir"))
    return refs


# --- Ruby ---------------------------------------------------------------------------------------------


def gemfiles(facts: AppFacts) -> list[Fact]:
    """The Gemfiles (and gemspecs) of the app (production and development tooling)."""
    return [
        f for f in facts.of("dep.manifest") if f.data.ecosystem == "ruby" and f.scope in (Scope.PRODUCTION, Scope.DEV)
    ]


def gemfile_lock(facts: AppFacts, manifest: Fact) -> Fact | None:
    """The Gemfile.lock next to *manifest*, if one was read."""
    folder = posixpath.dirname(manifest.path)
    return next(
        (f for f in facts.of("dep.lock") if f.data.ecosystem == "ruby" and posixpath.dirname(f.path) == folder), None
    )


@dataclass(frozen=True, slots=True)
class MissingRackServer:
    """A Ruby app built on a Rack framework whose bundle holds no Rack server gem."""

    manifest: Fact  # the Gemfile
    framework: str  # the framework gem (`sinatra`, `rails`)
    evidence: Fact | None  # where the Gemfile declares it (None: only its lock lists it as a direct gem)


def missing_rack_server(facts: AppFacts) -> list[MissingRackServer]:
    """The Gemfiles of apps (not gem libraries) whose direct gems include a Rack framework that
    needs a server gem (Sinatra, Roda, Hanami, Grape; Rails 7 or later) while neither the Gemfile
    nor its lock holds one (puma, falcon, unicorn, thin, passenger, webrick...), and no production
    image brings one."""
    if any(RACK_SERVER_IMAGES.search(f.data.image or "") for f in production(facts.of("docker.from"))):
        return []
    out: list[MissingRackServer] = []
    for manifest in gemfiles(facts):
        if manifest.scope is not Scope.PRODUCTION or manifest.data.kind != "Gemfile" or manifest.data.gemspec:
            continue
        declared_gems = {
            f.data.name: f
            for f in facts.of("dep.declared")
            if f.data.ecosystem == "ruby" and f.data.manifest == manifest.path
        }
        lock = gemfile_lock(facts, manifest)
        locked = set(lock.data.packages or []) if lock is not None else set()
        direct = set(declared_gems) | set(lock.data.dependencies or [] if lock is not None else [])
        if (set(declared_gems) | locked) & RACK_SERVER_GEMS:
            continue
        versions = (lock.data.versions or {}) if lock is not None else {}
        for framework, since in RACK_FRAMEWORKS.items():
            if framework not in direct:
                continue
            spec = declared_gems[framework].data.spec if framework in declared_gems else None
            version = versions.get(framework) or versions.get("railties") or spec
            if since is not None and not _major_at_least(version, since):
                continue
            out.append(MissingRackServer(manifest, framework, declared_gems.get(framework)))
            break
    return out


def _major_at_least(version: str | None, major: int) -> bool:
    match = re.search(r"\d+", version or "")
    return match is not None and int(match.group(0)) >= major


def _bundle_exec(argv: tuple[str, ...] | list[str]) -> bool:
    words = [w.rsplit("/", 1)[-1] for w in argv]
    return any(words[i] == "bundle" and words[i + 1] == "exec" for i in range(len(words) - 1))


_BUNDLE_CONFIG_FROZEN = re.compile(
    r"bundle\s+config\s+(?:set\s+)?(?:--local\s+|--global\s+)?(deployment|frozen)\s+['\"]?(true|1)"
)
_BUNDLE_INSTALL_FROZEN = re.compile(r"bundle\s+install\b[^&;|]*(--deployment|--frozen)")


def bundler_isolation(facts: AppFacts) -> list[tuple[str, Fact]]:
    """(how, first evidence) for every way the app runs with exactly its bundle: `bundle exec` in
    a start command or a production script, BUNDLE_DEPLOYMENT/BUNDLE_FROZEN in the image,
    `bundle config deployment true` or `bundle install --deployment` in a RUN line."""
    return facts.derive("packages.bundler_isolation", lambda: _bundler_isolation(facts))


def _bundler_isolation(facts: AppFacts) -> list[tuple[str, Fact]]:
    found: dict[str, Fact] = {}
    for start in start_commands(facts):
        if _bundle_exec(effective(start).argv) or _bundle_exec(start.argv):
            found.setdefault("bundle exec", start.fact)
    for fact in production(facts.of("shell.command")):
        if _bundle_exec(fact.data.argv or []):
            found.setdefault("bundle exec", fact)
    for fact in production(facts.of("docker.env")):
        if fact.data.key in BUNDLER_FROZEN_VARIABLES and str(fact.data.value).strip("\"'").lower() in (
            "1",
            "true",
            "yes",
        ):
            found.setdefault(f"{fact.data.key}={fact.data.value}", fact)
    for fact in production(facts.of("docker.run")):
        command = str(fact.data.command or "")
        mode = _BUNDLE_CONFIG_FROZEN.search(command) or _BUNDLE_INSTALL_FROZEN.search(command)
        if mode:
            found.setdefault(mode.group(0).strip(), fact)
    return list(found.items())


__all__ = [
    "MissingRackServer",
    "NodeInstall",
    "PythonInstall",
    "ToolUse",
    "UndeclaredImport",
    "UnprovisionedTool",
    "bundler_isolation",
    "committed",
    "committed_jars",
    "committed_python_locks",
    "declared",
    "documented_install",
    "fat_artifact",
    "gemfile_lock",
    "gemfiles",
    "go_modules",
    "go_static_build",
    "go_sum_for",
    "host_package_exposures",
    "inside_project",
    "installed_os_packages",
    "jvm_builds",
    "jvm_dependencies",
    "jvm_image_build",
    "local_jar_references",
    "main_requirements",
    "missing_rack_server",
    "node_installs",
    "node_locks",
    "node_manifests",
    "python_installs",
    "python_locks",
    "python_manifests",
    "tool_provider",
    "tools_needed",
    "undeclared_imports",
    "unprovisioned_tools",
    "vendor_dir",
]
