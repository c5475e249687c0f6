"""Rules specific to Java / Kotlin (Spring Boot, servlets): the catalogue's per-ecosystem signals, all factors.

They read the facts of facts/jvm.py (Java and Kotlin source), facts/jvmmanifests.py (Maven and
Gradle builds), facts/springconfig.py (``application*.yml|properties``) and facts/logconfig.py
(logback / log4j2 / log4j configuration), plus the deploy facts every stack shares (Dockerfile,
compose, CI). The generic rules of each factor already read the generic facts these extractors
emit (``env.read``, ``client``, ``scheduler``...); the rules here cover what only the JVM says:
Maven scopes and plugins, Spring properties, WAR deployment.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.springconfig import is_dev_profile, jdbc_engine
from twelve.model import Location, Scope
from twelve import appmodel
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

JAVA = ("java",)
JAVA_DEPLOY = ("java", "deploy")
_CODE_LANGS = frozenset({"java", "kotlin"})
_BUILD_KINDS = frozenset({"maven", "gradle"})
_PROVIDED = frozenset({"provided", "providedRuntime", "providedCompile", "compileOnly", "compileOnlyApi"})

# --- shared derivations ------------------------------------------------------------------------------


def _manifests(facts: AppFacts) -> list[Fact]:
    """Maven POMs and Gradle build scripts of the app (production files)."""
    return [m for m in appmodel.production(facts.of("dep.manifest"))
            if m.get("ecosystem") == "java" and m.get("kind") in _BUILD_KINDS]


def _deps(facts: AppFacts) -> list[Fact]:
    return [d for d in facts.of("dep.declared") if d.get("ecosystem") == "java" and d.scope is Scope.PRODUCTION]


def _runtime_deps(facts: AppFacts) -> list[Fact]:
    """Dependencies that end up in the running artifact (not test, not provided by a container)."""
    return [d for d in _deps(facts) if d.get("group") != "test" and d.get("scope") not in _PROVIDED | {"system"}]


def _spring(facts: AppFacts, *names: str) -> list[Fact]:
    """Spring configuration values of production files and non-development profiles."""
    return [f for f in appmodel.production(facts.of("config.assign"))
            if f.get("framework") == "spring" and not is_dev_profile(f.get("profile"))
            and (not names or f.get("name") in names)]




def _where(manifest: Fact, line: int | None, excerpt: str) -> Location:
    return Location(manifest.path, line or manifest.line, excerpt)


def _shown(fact: Fact) -> str:
    """How a value description reads in a message: the literal, `${VAR:default}` or the expression."""
    source = fact.get("source")
    if source == "literal":
        return str(fact.get("value"))
    if source == "env":
        if fact.get("template"):
            return str(fact.get("template"))
        default = fact.get("env_default")
        return f"${{{fact.get('env_name')}{':' + str(default) if default is not None else ''}}}"
    return str(fact.get("text") or "…")


# --- II. Dependencies ----------------------------------------------------------------------------------

_WRAPPER_JARS = re.compile(r"(^|/)(gradle/wrapper|\.mvn/wrapper)/[^/]+\.jar$")


@rule("F02-S5", factor=2, polarity=FOR, strength=STRONG, ecosystems=JAVA)
def jvm_build_declared(facts: AppFacts) -> Iterator[Hit]:
    manifests = _manifests(facts)
    if not manifests:
        return
    names = sorted({m.path for m in manifests})
    yield hit(*manifests, manifests=names, count=sum(m.get("count", 0) for m in manifests))
    wrappers = [f for f in facts.files if f.kind == "jvm_wrapper" and f.scope is Scope.PRODUCTION]
    if wrappers:
        yield hit(*(Location(w.path) for w in wrappers), strength=MODERATE, variant="wrapper",
                  wrapper=sorted(posixpath.basename(w.path) for w in wrappers))
    locks = [f for f in facts.of("dep.lock") if f.get("ecosystem") == "java"]
    locking = [m for m in manifests if m.get("locking")]
    if locks or locking:
        where = locks + [_where(m, m.get("locking"), "dependencyLocking") for m in locking]
        yield hit(*where, strength=WEAK, variant="lock",
                  lock=sorted({l.path for l in locks} | {f"{m.path} (dependencyLocking)" for m in locking}))


def _inside(path: str) -> bool:
    """Whether a systemPath points into the project itself (a vendored jar) rather than the host."""
    return "${project.basedir}" in path or "${basedir}" in path or not (path.startswith(("/", "${", "~")) or
                                                                         re.match(r"^[A-Za-z]:[\\/]", path))


@rule("F02-S9", factor=2, polarity=AGAINST, strength=STRONG, ecosystems=JAVA)
def system_scope_dependency(facts: AppFacts) -> Iterator[Hit]:
    for dep in _deps(facts):
        if dep.get("scope") != "system":
            continue
        path = str(dep.get("system_path_resolved") or dep.get("system_path") or "")
        if path and _inside(path):
            continue  # a jar committed with the project: F02-S10
        where = Location(dep.path, dep.get("system_path_line"), f"<systemPath>{path}</systemPath>") if path else dep
        yield hit(where, dependency=dep.get("name"), path=path or "(no systemPath)", manifest=dep.path)


def _committed_jars(facts: AppFacts) -> list[str]:
    found = {p for p in facts.all.git.tracked if p.endswith(".jar")}
    found |= {s.path for s in facts.all.skipped if s.path.endswith(".jar")}
    return sorted(p for p in found if facts.app.contains(p) and not _WRAPPER_JARS.search(p))


def _local_references(facts: AppFacts) -> list[tuple[Fact | Location, str, str]]:
    """(evidence, repository path the build reads jars from, how) for every local-jar reference."""
    refs: list[tuple[Fact | Location, str, str]] = []
    for dep in _deps(facts):
        base = posixpath.dirname(dep.path)
        if dep.get("local"):
            refs.append((dep, posixpath.normpath(posixpath.join(base, str(dep.get("local")))), f"{dep.get('local_api')}(…)"))
        elif dep.get("scope") == "system" and dep.get("system_path"):
            path = str(dep.get("system_path_resolved") or dep.get("system_path"))
            if _inside(path):
                rel = re.sub(r"^\$\{(project\.)?basedir\}/?", "", path)
                refs.append((dep, posixpath.normpath(posixpath.join(base, rel)), "systemPath"))
    for manifest in _manifests(facts):
        for flat in manifest.get("flat_dirs") or []:
            for folder in flat.get("dirs") or ["lib"]:
                path = posixpath.normpath(posixpath.join(posixpath.dirname(manifest.path), folder))
                refs.append((_where(manifest, flat.get("line"), f"flatDir {{ dirs '{folder}' }}"), path, "flatDir"))
    return refs


@rule("F02-S10", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=JAVA)
def vendored_jars(facts: AppFacts) -> Iterator[Hit]:
    jars = _committed_jars(facts)
    if not jars:
        return
    for evidence, path, how in _local_references(facts):
        path = path.removeprefix("./")
        matched = [j for j in jars if j == path or j.startswith(path.rstrip("/") + "/")]
        if matched:
            shown = ", ".join(matched[:4]) + ("…" if len(matched) > 4 else "")
            yield hit(evidence, how=how, jars=shown, count=len(matched),
                      manifest=evidence.path)


def _fat_artifact(manifest: Fact) -> tuple[str, int | None] | None:
    """How a build produces a self-contained artifact (all libraries inside, or an image)."""
    for plugin in manifest.get("plugins") or []:
        name = str(plugin.get("name"))
        if manifest.get("kind") == "maven":
            if name.endswith(":spring-boot-maven-plugin") and not plugin.get("skip"):
                return "spring-boot-maven-plugin (repackage)", plugin.get("line")
            if name.endswith((":maven-shade-plugin", ":jib-maven-plugin", ":maven-jlink-plugin", ":quarkus-maven-plugin",
                              ":micronaut-maven-plugin")):
                return name.split(":", 1)[1], plugin.get("line")
            if name.endswith(":maven-assembly-plugin") and "jar-with-dependencies" in (plugin.get("descriptors") or []):
                return "maven-assembly-plugin (jar-with-dependencies)", plugin.get("line")
        else:
            disabled = set(manifest.get("disabled_tasks") or [])
            if name == "org.springframework.boot":
                task = "bootWar" if manifest.get("packaging") == "war" else "bootJar"
                if task not in disabled:
                    return f"Spring Boot Gradle plugin ({task})", plugin.get("line")
            if name in ("com.github.johnrengelman.shadow", "com.gradleup.shadow", "io.github.goooler.shadow"):
                return "Shadow plugin (shadowJar)", plugin.get("line")
            if name in ("com.google.cloud.tools.jib", "org.beryx.jlink", "org.beryx.runtime", "io.quarkus",
                        "io.micronaut.application"):
                return name, plugin.get("line")
            if name == "application":
                return "application plugin (installDist)", plugin.get("line")
    return None


_IMAGE_BUILD = re.compile(r"spring-boot:build-image|\bbootBuildImage\b|\bjib(:build|:dockerBuild|Build|DockerBuild)?\b|\bpack\s+build\b")


@rule("F02-S19", factor=2, polarity=FOR, strength=MODERATE, ecosystems=JAVA_DEPLOY)
def self_contained_jar(facts: AppFacts) -> Iterator[Hit]:
    for manifest in _manifests(facts):
        found = _fat_artifact(manifest)
        if found:
            how, line = found
            yield hit(_where(manifest, line, how), how=how, manifest=manifest.path)
            return
    for step in facts.of("ci.step"):
        match = _IMAGE_BUILD.search(step.get("run") or "")
        if match:
            yield hit(step, how=match.group(0), manifest=step.path)
            return


# --- III. Config ---------------------------------------------------------------------------------------

_CREDENTIAL = re.compile(r"(?i)(password|passwd|pwd|secret|api[-_.]?key|apikey|token|private[-_.]?key|client[-_.]?secret|"
                         r"credentials?|signing[-_.]?key|encryption[-_.]?key|access[-_.]?key|secret[-_.]?key)([-_.]?(id|value))?$")
_JVM_PROPERTIES = re.compile(r"^(java|javax|jdk|sun|com\.sun|os|user|file|line|path)\.|^(log4j2?|logback|jna|io\.netty)\.")
_JAVA_OPTS = frozenset({"JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "CATALINA_OPTS", "JAVA_OPTIONS"})
_D_FLAG = re.compile(r"^-D([\w.\-]+)=(.+)$")


def _setting_name(fact: Fact) -> str:
    name = str(fact.get("name") or "")
    return re.split(r"[.\[\]]", name.rstrip("]"))[-1] or name


@rule("F03-S5", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=JAVA)
def spring_literal_credential(facts: AppFacts) -> Iterator[Hit]:
    for fact in appmodel.production(facts.of("config.assign")):
        spring = fact.get("framework") == "spring" or fact.get("container") == "annotation" and fact.get("lang") in _CODE_LANGS
        if not spring or is_dev_profile(fact.get("profile")) or not _CREDENTIAL.search(_setting_name(fact)):
            continue
        if fact.get("source") == "literal" and fact.get("grade"):
            yield hit(fact, strength=None if fact.get("grade") == "secret" else MODERATE, setting=fact.get("name"),
                      value=fact.get("value"), file=fact.path)
        elif fact.get("source") == "env" and fact.get("default_grade") == "secret":
            yield hit(fact, variant="default", setting=fact.get("name"), value=fact.get("env_default"),
                      variable=fact.get("env_name"), file=fact.path)


def _d_flags(words: list[str]) -> list[str]:
    found = []
    for word in words:
        match = _D_FLAG.match(word)
        if match and not _JVM_PROPERTIES.search(match.group(1)) and "$" not in match.group(2):
            found.append(word)
    return found


@rule("F03-S13", factor=3, polarity=AGAINST, strength=WEAK, ecosystems=JAVA_DEPLOY)
def system_properties_as_config(facts: AppFacts) -> Iterator[Hit]:
    for fact in appmodel.production(facts.of("env.read")):
        name = str(fact.get("name") or "")
        if fact.get("system_property") and fact.get("lang") in _CODE_LANGS and not _JVM_PROPERTIES.search(name):
            yield hit(fact, what=f"{fact.get('api')}(\"{name or '…'}\")", file=fact.path)
    for fact in appmodel.production(facts.of("docker.cmd", "docker.entrypoint")):
        words = list(fact.get("argv") or [])
        if fact.get("form") == "shell":
            words = str(fact.get("command") or "").split()
        flags = _d_flags(words)
        if fact.get("final") and flags:
            yield hit(fact, what=" ".join(flags[:3]), file=fact.path)
    for fact in appmodel.production(facts.of("docker.env")):
        flags = _d_flags(str(fact.get("value") or "").split())
        if fact.get("key") in _JAVA_OPTS and flags:
            yield hit(fact, what=f"{fact.get('key')}={' '.join(flags[:3])}", file=fact.path)


@rule("F03-S18", factor=3, polarity=FOR, strength=STRONG, ecosystems=JAVA)
def spring_environment_placeholders(facts: AppFacts) -> Iterator[Hit]:
    found = [f for f in appmodel.production(facts.of("config.assign"))
             if f.get("source") == "env" and not is_dev_profile(f.get("profile"))
             and (f.get("framework") == "spring" or f.get("container") == "annotation" and f.get("lang") in _CODE_LANGS)]
    if found:
        names = sorted({n for f in found for n in (f.get("env_names") or [f.get("env_name")]) if n})
        yield hit(*found[:4], names=names[:8], count=len(names))



SERVER_STARTERS = {
    "org.springframework.boot:spring-boot-starter-web": "spring-boot-starter-web",
    "org.springframework.boot:spring-boot-starter-webflux": "spring-boot-starter-webflux",
    "org.springframework.boot:spring-boot-starter-jetty": "spring-boot-starter-jetty",
    "org.springframework.boot:spring-boot-starter-undertow": "spring-boot-starter-undertow",
    "org.springframework.boot:spring-boot-starter-tomcat": "spring-boot-starter-tomcat",
    "org.springframework.boot:spring-boot-starter-reactor-netty": "spring-boot-starter-reactor-netty",
    "io.ktor:ktor-server-netty": "ktor-server-netty", "io.ktor:ktor-server-cio": "ktor-server-cio",
    "io.ktor:ktor-server-jetty": "ktor-server-jetty", "io.javalin:javalin": "javalin", "com.sparkjava:spark-core": "spark-core",
    "io.vertx:vertx-web": "vertx-web", "io.micronaut:micronaut-http-server-netty": "micronaut-http-server-netty",
    "io.quarkus:quarkus-rest": "quarkus-rest", "io.quarkus:quarkus-resteasy-reactive": "quarkus-resteasy-reactive",
    "io.quarkus:quarkus-vertx-http": "quarkus-vertx-http", "io.dropwizard:dropwizard-core": "dropwizard-core",
    "io.helidon.webserver:helidon-webserver": "helidon-webserver",
}


def _starters(facts: AppFacts) -> list[Fact]:
    return [d for d in _runtime_deps(facts) if d.get("name") in SERVER_STARTERS]




# --- X. Dev/prod parity ---------------------------------------------------------------------------------

_EMBEDDED = {"h2": "H2", "hsqldb": "HSQLDB", "derby": "Derby"}
_SERVERS = {"postgresql": "PostgreSQL", "mysql": "MySQL", "mssql": "SQL Server", "oracle": "Oracle", "db2": "Db2"}
_URL_KEYS = frozenset({"spring.datasource.url", "spring.datasource.jdbc-url", "spring.datasource.hikari.jdbc-url",
                       "spring.r2dbc.url", "spring.flyway.url", "spring.liquibase.url"})
EMBEDDED_DEPS = {"com.h2database:h2": "h2", "org.hsqldb:hsqldb": "hsqldb", "org.apache.derby:derby": "derby",
                 "io.r2dbc:r2dbc-h2": "h2"}
SERVER_DRIVERS = {"org.postgresql:postgresql": "postgresql", "org.postgresql:r2dbc-postgresql": "postgresql",
                  "mysql:mysql-connector-java": "mysql", "com.mysql:mysql-connector-j": "mysql",
                  "org.mariadb.jdbc:mariadb-java-client": "mysql", "com.microsoft.sqlserver:mssql-jdbc": "mssql",
                  "com.oracle.database.jdbc:ojdbc8": "oracle", "com.oracle.database.jdbc:ojdbc11": "oracle",
                  "com.ibm.db2:jcc": "db2"}
_SKIP = frozenset({Scope.EXAMPLE, Scope.VENDORED, Scope.GENERATED, Scope.DOCS})


def _describe(where: Fact | Location, detail: str) -> str:
    text = f"{where.path}:{where.line}" if where.line else where.path
    return f"{text} ({detail})"


def _datasources(facts: AppFacts) -> list[tuple[Fact, str, str]]:
    """(setting, engine, environment "dev"/"test"/"prod") for each datasource URL in Spring config."""
    out: list[tuple[Fact, str, str]] = []
    for fact in facts.of("config.assign"):
        if fact.get("framework") != "spring" or fact.get("name") not in _URL_KEYS or fact.scope in _SKIP:
            continue
        value = fact.get("value") if fact.get("source") == "literal" else fact.get("env_default")
        engine = jdbc_engine(value if isinstance(value, str) else None)
        if engine is None:
            continue
        if fact.scope is Scope.TEST:
            env = "test"
        elif is_dev_profile(fact.get("profile")) or fact.scope is Scope.DEV:
            env = "dev"
        else:
            env = "prod"
        out.append((fact, engine, env))
    return out


def _server_database(facts: AppFacts, sources: list[tuple[Fact, str, str]]) -> tuple[Fact | Location, str, str] | None:
    """(evidence, engine, description) of the database server production uses, most telling first."""
    for fact, engine, env in sources:
        if env == "prod" and engine in _SERVERS:
            return fact, engine, _describe(fact, f"{fact.get('name')} = {_shown(fact)}")
    for dep in _runtime_deps(facts):
        engine = SERVER_DRIVERS.get(str(dep.get("name")))
        if engine:
            return dep, engine, _describe(dep, str(dep.get("name")))
    for service in facts.of("compose.service"):
        found = appmodel.image_engine(service.get("image"))
        if found and found[0] in _SERVERS and service.scope not in _SKIP:
            label = f"{service.get('image', {}).get('image')}:{service.get('image', {}).get('tag') or 'latest'}"
            return service, found[0], _describe(service, label)
    return None
