"""Rules specific to Java / Kotlin (Spring Boot, servlets): the catalogue's per-ecosystem signals, all factors.

They read the facts of facts/jvm.py (Java and Kotlin source), facts/jvmmanifests.py (Maven and
Gradle builds), facts/springconfig.py (``application*.yml|properties``) and facts/logconfig.py
(logback / log4j2 / log4j configuration), plus the deploy facts every stack shares (Dockerfile,
compose, CI). The generic rules of each factor already read the generic facts these extractors
emit (``env.read``, ``client``, ``scheduler``...); the rules here cover what only the JVM says:
Maven scopes and plugins, Spring properties, WAR deployment, appenders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.springconfig import is_dev_profile, jdbc_engine
from twelve.model import Location, Scope
from twelve import appmodel
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, Hit, hit, rule

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


def _start_jar(facts: AppFacts) -> list[appmodel.Start]:
    """Production start commands that run a jar or a war with `java -jar`."""
    return [s for s in appmodel.running_starts(facts) if s.program == "java" and "-jar" in s.argv]


def _spring_boot(facts: AppFacts) -> Fact | None:
    """Evidence that the app is a Spring Boot app (the annotation, the parent, the plugin or a starter)."""
    for fact in appmodel.production(facts.of("web.app")):
        if fact.get("framework") == "spring-boot":
            return fact
    for manifest in _manifests(facts):
        if manifest.get("spring_boot_version"):
            return manifest
    return next((d for d in _deps(facts) if str(d.get("name")).startswith("org.springframework.boot:spring-boot-starter")), None)


def _version_tuple(version: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version or "")[:3])


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


# --- builds ----------------------------------------------------------------------------------------------


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


# --- IV. Backing services -------------------------------------------------------------------------------


@rule("F04-S4", factor=4, polarity=FOR, strength=STRONG, ecosystems=JAVA)
def spring_locators_from_environment(facts: AppFacts) -> Iterator[Hit]:
    for fact in appmodel.production(facts.of("client")):
        if fact.get("lang") != "spring" or is_dev_profile(fact.get("profile")):
            continue
        envs = [a for a in fact.get("args") or [] if a.get("source") == "env"]
        if envs:
            names = sorted({n for a in envs for n in (a.get("env_names") or [a.get("env_name")]) if n})
            yield hit(fact, service=appmodel.service_name(fact.get("service")), setting=fact.get("api"), names=names)


# --- VI. Processes --------------------------------------------------------------------------------------


def _shared_sessions(facts: AppFacts) -> list[Fact | Location]:
    """Evidence that sessions live in a backing service: Spring Session declared or configured."""
    found: list[Fact | Location] = [d for d in _runtime_deps(facts) if str(d.get("name")).startswith("org.springframework.session:")]
    found += [f for f in facts.of("session.store") if f.get("library") == "spring-session" and f.get("store") != "memory"]
    return found


@rule("F06-S4", factor=6, polarity=AGAINST, strength=MODERATE, ecosystems=JAVA)
def http_session_in_memory(facts: AppFacts) -> Iterator[Hit]:
    uses = [f for f in appmodel.production(facts.of("session.store"))
            if f.get("store") == "memory" and f.get("library") in ("servlet", "spring-session")]
    if not uses or _shared_sessions(facts):
        return
    by_file: dict[str, list[Fact]] = {}
    for fact in uses:
        by_file.setdefault(fact.path, []).append(fact)
    for path in sorted(by_file):
        found = by_file[path]
        yield hit(*found[:3], api=found[0].get("api"), file=path)


# --- VII. Port binding ----------------------------------------------------------------------------------

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
_SERVLET_IMAGES = re.compile(r"(^|/)(tomcat|tomee|jetty|wildfly|jboss|payara|glassfish|open-liberty|websphere-liberty|"
                             r"websphere-traditional|weblogic|resin)([-/][\w.-]*)?$", re.I)
_DEPLOY_DIRS = re.compile(r"(^|/)(webapps|deployments|dropins|autodeploy|apps)(/|$)")


def _starters(facts: AppFacts) -> list[Fact]:
    return [d for d in _runtime_deps(facts) if d.get("name") in SERVER_STARTERS]


def _executable(facts: AppFacts) -> list[Fact | Location]:
    """Evidence that the app runs as its own process: a self-contained build or a `java -jar` start."""
    found: list[Fact | Location] = []
    for manifest in _manifests(facts):
        fat = _fat_artifact(manifest)
        if fat and manifest.get("packaging") != "war":
            found.append(_where(manifest, fat[1], fat[0]))
    found += [s.fact for s in _start_jar(facts)]
    return found


def _servlet_containers(facts: AppFacts) -> list[Fact]:
    return [f for f in appmodel.production(facts.of("docker.from"))
            if f.get("final") and not f.get("stage_ref") and _SERVLET_IMAGES.search(str(f.get("image") or ""))]


def _war_copies(facts: AppFacts, dockerfile: str) -> list[Fact]:
    return [c for c in appmodel.production(facts.of("docker.copy")) if c.path == dockerfile and c.get("final") and
            (_DEPLOY_DIRS.search(str(c.get("dest") or "")) or any(str(s).endswith(".war") for s in c.get("sources") or []))]


def _port_setting(facts: AppFacts) -> str:
    settings = _spring(facts, "server.port")
    return _shown(settings[0]) if settings else "8080 (Spring Boot default)"


@rule("F07-S4", factor=7, polarity=FOR, strength=STRONG, ecosystems=JAVA)
def embedded_server(facts: AppFacts) -> Iterator[Hit]:
    starters = _starters(facts)
    executable = _executable(facts)
    if not starters or not executable or list(war_in_servlet_container.check(facts)):
        return
    port = _spring(facts, "server.port")
    yield hit(starters[0], *executable[:2], *port[:1], starter=SERVER_STARTERS[starters[0].get("name")],
              packaging=executable[0].excerpt if isinstance(executable[0], Location) else "java -jar",
              port=_port_setting(facts))


@rule("F07-S7", factor=7, polarity=AGAINST, strength=STRONG, ecosystems=JAVA_DEPLOY)
def war_in_servlet_container(facts: AppFacts) -> Iterator[Hit]:
    wars = [m for m in _manifests(facts) if m.get("packaging") == "war"]
    for image in _servlet_containers(facts):
        copies = _war_copies(facts, image.path)
        if not (copies or wars):
            continue
        where: list[Fact | Location] = [_where(m, m.get("packaging_line"), "<packaging>war</packaging>"
                                               if m.get("kind") == "maven" else "id 'war'") for m in wars[:1]]
        dest = str(copies[0].get("dest")) if copies else "webapps/"
        yield hit(*where, image, *copies[:1], image=f"{image.get('image')}:{image.get('tag') or 'latest'}", dest=dest,
                  path=image.path)
        return
    initializers = [f for f in appmodel.production(facts.of("web.app")) if f.get("framework") == "servlet-war"]
    provided = [d for d in _deps(facts) if d.get("name") == "org.springframework.boot:spring-boot-starter-tomcat"
                and d.get("scope") in _PROVIDED]
    if initializers and provided and not _start_jar(facts):
        yield hit(initializers[0], provided[0], variant="initializer", image="", dest="", path=initializers[0].path,
                  manifest=provided[0].path)


# --- IX. Disposability ----------------------------------------------------------------------------------


def _shutdown_mode(fact: Fact) -> str:
    value = fact.get("value") if fact.get("source") == "literal" else fact.get("env_default")
    return str(value or "").strip().lower()


@rule("F09-S4", factor=9, polarity=FOR, strength=STRONG, ecosystems=JAVA)
def spring_graceful_shutdown(facts: AppFacts) -> Iterator[Hit]:
    settings = _spring(facts, "server.shutdown")
    timeout = _spring(facts, "spring.lifecycle.timeout-per-shutdown-phase")
    shown_timeout = _shown(timeout[0]) if timeout else "30s (default)"
    graceful = [s for s in settings if _shutdown_mode(s) == "graceful"]
    if graceful:
        yield hit(graceful[0], *timeout[:1], how=f"server.shutdown={_shown(graceful[0])}", timeout=shown_timeout)
        return
    if settings or not _starters(facts):
        return
    for manifest in _manifests(facts):
        version = manifest.get("spring_boot_version")
        if version and _version_tuple(version) >= (3, 4):
            yield hit(_where(manifest, None, f"Spring Boot {version}"), variant="default", how=f"Spring Boot {version}",
                      timeout=shown_timeout)
            return


@rule("F09-S4b", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=JAVA)
def spring_immediate_shutdown(facts: AppFacts) -> Iterator[Hit]:
    for fact in _spring(facts, "server.shutdown"):
        if _shutdown_mode(fact) == "immediate":
            yield hit(fact, file=fact.path)


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


# --- XI. Logs ---------------------------------------------------------------------------------------------

_JVM_LOG_FORMATS = frozenset({"logback", "log4j", "log4j2", "spring"})


def _jvm_handler(fact: Fact) -> bool:
    return fact.get("format") in _JVM_LOG_FORMATS or fact.get("lang") in _CODE_LANGS


def _used_in_production(fact: Fact) -> bool:
    """An appender that a production profile uses (config files) or a handler code creates."""
    if is_dev_profile(fact.get("profile")):
        return False
    if fact.get("format") in ("logback", "log4j", "log4j2"):
        profiles = fact.get("ref_profiles") or []
        return any(p is None or not is_dev_profile(p) for p in profiles)
    return True


def _target(fact: Fact) -> str:
    target = fact.get("target") or {}
    if target.get("source") == "literal":
        return str(target.get("value"))
    if target.get("source") == "env":
        return str(target.get("template") or f"${{{target.get('env_name')}}}")
    return str(target.get("text") or "…")


def _file_handlers(facts: AppFacts) -> list[Fact]:
    return [f for f in appmodel.production(facts.of("log.handler"))
            if _jvm_handler(f) and (f.get("family") == "file" or f.get("format") == "spring") and _used_in_production(f)]


@rule("F11-S4", factor=11, polarity=AGAINST, strength=STRONG, ecosystems=JAVA)
def jvm_log_files(facts: AppFacts) -> Iterator[Hit]:
    for fact in _file_handlers(facts):
        handler = str(fact.get("handler"))
        variant = "spring" if fact.get("format") == "spring" else None
        yield hit(fact, variant=variant, handler=handler.rsplit(".", 1)[-1] if "." in handler and variant is None else handler,
                  target=_target(fact), path=fact.path)


def _console_handlers(facts: AppFacts) -> list[Fact]:
    return [f for f in appmodel.production(facts.of("log.handler"))
            if _jvm_handler(f) and f.get("family") == "console" and f.get("stream") in ("stdout", "stderr")
            and _used_in_production(f)]


@rule("F11-S11j", factor=11, polarity=FOR, strength=STRONG, ecosystems=JAVA)
def jvm_console_logging(facts: AppFacts) -> Iterator[Hit]:
    consoles = _console_handlers(facts)
    if consoles:
        yield hit(*consoles[:2], evidence=", ".join(sorted({f"{str(f.get('handler')).rsplit('.', 1)[-1]} → {f.get('stream')}"
                                                            for f in consoles})))
        return
    configured = [f for f in facts.files if f.kind in ("log_config_xml", "log_config_properties") and f.scope is Scope.PRODUCTION]
    boot = _spring_boot(facts)
    if boot is not None and not configured and not _file_handlers(facts):
        yield hit(boot, variant="default", evidence="Spring Boot")
