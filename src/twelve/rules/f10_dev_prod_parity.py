"""X. Dev/prod parity: small time, personnel and tools gaps; the same type and version of every
backing service in every deploy.

Unlike the other factors, development-only files (compose overrides, dev settings, test
configuration) are the evidence here, so they are read rather than filtered out; a finding that
compares them with production definitions or production code is reported in production scope.

Every stack is read: backing services are defined by compose files, CI service containers,
Kubernetes workloads, Helm values and chart dependencies, platform descriptors (Heroku add-ons,
fly.toml/render.yaml databases), Spring profiles and Rails database.yml environments; the code's
engines come from the drivers every ecosystem declares (pip, npm, Go modules, Maven/Gradle, Bundler)
and from client calls.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.springconfig import is_dev_profile, jdbc_engine
from twelve.model import Location, Scope
from twelve import appmodel
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

ENGINE_NAMES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "sqlite": "SQLite", "redis": "Redis", "mongodb": "MongoDB",
                "amqp": "RabbitMQ (AMQP)", "kafka": "Kafka", "elasticsearch": "Elasticsearch", "memcached": "Memcached",
                "mssql": "SQL Server", "oracle": "Oracle", "db2": "Db2", "h2": "H2", "hsqldb": "HSQLDB", "derby": "Derby"}
#: databases that run inside the app's process (a file or memory), stand-ins for a server in development
EMBEDDED = frozenset({"sqlite", "h2", "hsqldb", "derby"})
#: engines a definition can name precisely (drivers such as SQLAlchemy only say "some SQL")
_CONCRETE = frozenset(ENGINE_NAMES) - EMBEDDED
_SERVER_DATABASES = frozenset({"postgresql", "mysql", "mssql", "oracle", "db2"})
_ADDONS = (("heroku-postgresql", "postgresql"), ("heroku-redis", "redis"), ("jawsdb", "mysql"), ("cleardb", "mysql"),
           ("memcachier", "memcached"), ("cloudamqp", "amqp"), ("mongolab", "mongodb"), ("heroku-kafka", "kafka"))
_PROD_COMPOSE = re.compile(r"(?i)(^|[._-])(prod|production|deploy|stack|swarm|release)([._-]|$)")
_SKIP_SCOPES = frozenset({Scope.EXAMPLE, Scope.VENDORED, Scope.GENERATED})


def display(engine: str) -> str:
    return ENGINE_NAMES.get(engine, engine)


def describe(where: Fact | Location, detail: str = "") -> str:
    """`path:line (detail)`: how one piece of evidence is named inside a message."""
    text = f"{where.path}:{where.line}" if where.line else where.path
    return f"{text} ({detail})" if detail else text


# --- backing-service definitions -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Definition:
    """A backing service an environment definition runs: a compose or CI service image, a Kubernetes
    container, a Helm value or chart dependency, a platform database or add-on, a production profile."""

    engine: str
    version: str | None  # the numeric part of the tag ("13", "13.4"), None when not stated
    side: str  # "dev", "prod" or "ci"
    where: Location
    scope: Scope
    label: str  # "postgres:13"

    @property
    def major(self) -> str | None:
        return self.version.split(".", 1)[0] if self.version else None


def _version(tag: str | None) -> str | None:
    match = re.match(r"v?(\d+(?:\.\d+)*)", tag or "")
    return match.group(1) if match else None


def _image_label(image: dict) -> str:
    return f"{image.get('image')}:{image.get('tag')}" if image.get("tag") else str(image.get("image"))


#: CI convenience images of backing services (CircleCI) that appmodel.DB_IMAGES does not list
_CI_IMAGES = {"cimg/postgres": "postgresql", "circleci/postgres": "postgresql", "cimg/redis": "redis",
              "circleci/redis": "redis", "cimg/mysql": "mysql", "circleci/mysql": "mysql", "cimg/mariadb": "mysql",
              "circleci/mariadb": "mysql", "circleci/mongo": "mongodb", "cimg/mongo": "mongodb"}


def image_engine(image: dict | None) -> str | None:
    """The backing service an image runs, when its name says so; templated or variable references
    (`{{ .Values.image }}`, `$DB_IMAGE`) name nothing."""
    if not image or image.get("variable") or image.get("templated"):
        return None
    found = appmodel.image_engine(image)
    if found is not None:
        return found[0]
    name = str(image.get("image") or "").lower().removeprefix("docker.io/")
    return _CI_IMAGES.get(name)


def _side_of_path(path: str) -> str:
    """A deploy descriptor belongs to production unless its path names a development or test
    environment (k8s/overlays/dev/, values-local.yaml)."""
    for part in path.split("/"):
        if _label(part.rsplit(".", 1)[0]) in ("dev", "test"):
            return "dev"
    return "prod"


#: Kubernetes kinds that run a long-lived service (a Job with a postgres image runs a client tool)
_SERVING_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod", "Rollout", "DeploymentConfig"})
#: Helm chart dependencies that install a backing service (their chart version is not the engine's)
_CHART_ENGINES = {"postgresql": "postgresql", "postgresql-ha": "postgresql", "mysql": "mysql", "mariadb": "mysql",
                  "mariadb-galera": "mysql", "redis": "redis", "redis-cluster": "redis", "valkey": "redis",
                  "mongodb": "mongodb", "mongodb-sharded": "mongodb", "rabbitmq": "amqp", "memcached": "memcached",
                  "kafka": "kafka", "elasticsearch": "elasticsearch"}
_PLATFORM_ENGINES = {"postgres": "postgresql", "postgresql": "postgresql", "mysql": "mysql", "redis": "redis",
                     "valkey": "redis", "keyvalue": "redis", "mongodb": "mongodb"}


def _compose_definitions(facts: AppFacts) -> Iterator[Definition]:
    for fact in facts.of("compose.service"):
        image = fact.get("image")
        engine = image_engine(image)
        if engine is None or fact.scope in _SKIP_SCOPES:
            continue
        side = "prod" if _PROD_COMPOSE.search(posixpath.basename(fact.path).rsplit(".", 1)[0]) else "dev"
        yield Definition(engine, _version(image.get("tag")), side, Location(fact.path, fact.line, fact.excerpt), fact.scope,
                         _image_label(image))


def _ci_definitions(facts: AppFacts) -> Iterator[Definition]:
    for job in facts.of("ci.job"):
        for service in job.get("services") or []:
            engine = image_engine(service)
            if engine is not None and job.scope not in _SKIP_SCOPES:
                label = _image_label(service)
                yield Definition(engine, _version(service.get("tag")), "ci",
                                 Location(job.path, service.get("line") or job.line, label), job.scope, label)


def _kubernetes_definitions(facts: AppFacts) -> Iterator[Definition]:
    """Backing services a cluster runs: workload containers, Helm values images, chart dependencies."""
    for fact in facts.of("k8s.workload"):
        if fact.get("kind") not in _SERVING_KINDS or fact.scope in _SKIP_SCOPES:
            continue
        for container in fact.get("containers") or []:
            image = container.get("image")
            engine = None if container.get("init") else image_engine(image)
            if engine is not None:
                label = _image_label(image)
                yield Definition(engine, _version(image.get("tag")), _side_of_path(fact.path),
                                 Location(fact.path, container.get("image_line") or container.get("line") or fact.line, label),
                                 fact.scope, label)
    for fact in facts.of("k8s.helm_values"):
        if fact.scope in _SKIP_SCOPES:
            continue
        for image in fact.get("images") or []:
            engine = image_engine(image)
            if engine is not None:
                label = _image_label(image)
                yield Definition(engine, _version(image.get("tag")), _side_of_path(fact.path),
                                 Location(fact.path, image.get("tag_line") or image.get("line") or fact.line, label),
                                 fact.scope, f"{image.get('path')}: {label}" if image.get("path") else label)
    for fact in facts.of("k8s.helm_chart"):
        for dependency in fact.get("dependencies") or []:
            engine = _CHART_ENGINES.get(str(dependency.get("name") or "").lower())
            if engine is not None and fact.scope not in _SKIP_SCOPES:
                label = f"chart {dependency.get('name')} {dependency.get('version') or ''}".strip()
                yield Definition(engine, None, "prod", Location(fact.path, dependency.get("line") or fact.line, label),
                                 fact.scope, label)


def _platform_definitions(facts: AppFacts) -> Iterator[Definition]:
    for app in facts.of("heroku.app"):
        for addon in app.get("addons") or []:
            engine = next((e for prefix, e in _ADDONS if str(addon).startswith(prefix)), None)
            if engine is not None:
                yield Definition(engine, None, "prod", Location(app.path, app.line, str(addon)), app.scope, str(addon))
    for fact in facts.of("platform.database"):
        engine = _PLATFORM_ENGINES.get(str(fact.get("engine") or "").lower())
        if engine is None or fact.scope in _SKIP_SCOPES:
            continue
        version = _version(str(fact.get("version"))) if fact.get("version") is not None else None
        label = f"{fact.get('platform')} {fact.get('name')}: {display(engine)}{' ' + version if version else ''}"
        yield Definition(engine, version, "prod", Location(fact.path, fact.line, fact.excerpt), fact.scope, label)


_SPRING_LOCATOR = re.compile(r"(^|\.)(url|uri|jdbc-url|addresses)$")


def _configured_definitions(facts: AppFacts) -> Iterator[Definition]:
    """Production environments of framework configuration: Spring `prod` profiles, Rails
    database.yml production blocks (engine only: configuration does not state the server version)."""
    for fact in facts.of("config.assign"):
        if fact.get("framework") != "spring" or fact.scope in _SKIP_SCOPES or not _SPRING_LOCATOR.search(str(fact.get("name"))):
            continue
        engine = value_engine(_value_of(fact))
        if engine is not None and environment_of(fact) == "prod":
            yield Definition(engine, None, "prod", Location(fact.path, fact.line, fact.excerpt), fact.scope,
                             f"{fact.get('name')}, profile {fact.get('profile')}")
    for fact in _rails_databases(facts):
        if fact.get("service") in ENGINE_NAMES and environment_of(fact) == "prod":
            yield Definition(str(fact.get("service")), None, "prod", Location(fact.path, fact.line, fact.excerpt), fact.scope,
                             f"database.yml {fact.get('name')}")


def definitions(facts: AppFacts) -> list[Definition]:
    def compute() -> list[Definition]:
        return [*_compose_definitions(facts), *_ci_definitions(facts), *_kubernetes_definitions(facts),
                *_platform_definitions(facts), *_configured_definitions(facts)]

    return list(facts.derive("f10.definitions", compute))


# --- the engines the code uses ---------------------------------------------------------------------------

_TESTCONTAINERS = re.compile(r"(?i)(^|[/:@.])testcontainers")


def code_engines(facts: AppFacts) -> dict[str, Fact]:
    """Engines the application's code talks to: declared drivers (every ecosystem) first, then
    client calls (every language, Spring and Rails configuration included)."""
    found: dict[str, Fact] = {}
    for fact, engine in appmodel.declared_drivers(facts):
        if engine in _CONCRETE:
            found.setdefault(engine, fact)
    for fact in appmodel.production(facts.of("client")):
        if fact.get("service") in _CONCRETE and environment_of(fact) != "test":
            found.setdefault(fact.get("service"), fact)
    return found


def _code_label(fact: Fact) -> str:
    return str(fact.get("display") or fact.get("name") or fact.get("api") or fact.excerpt)


def _drifts(defs: list[Definition]) -> bool:
    return len({d.major for d in defs if d.major}) > 1


# --- environment-labelled configuration ------------------------------------------------------------

_DB_SETTING = re.compile(r"(?i)DATABASE|SQLALCHEMY|\bDB_|_DB\b|^DB$|DSN|^ENGINE$|_URI$|_URL$|"
                         r"(^|\.)(datasource(\.hikari)?\.(jdbc-)?url|r2dbc\.url)$")


def environment_of(fact: Fact) -> str:
    """Which environment a configuration value belongs to: "dev", "test", "prod" or "default".
    Python settings classes and files, Spring profiles, Rails environments are all read."""
    if fact.scope is Scope.TEST:
        return "test"
    profile = fact.get("profile")
    if profile:  # Spring: application-<profile>.yml or spring.config.activate.on-profile
        return _label(str(profile)) or ("dev" if is_dev_profile(str(profile)) else "default")
    owner = str(fact.get("class") or fact.get("environment") or "")
    if owner:
        return _label(owner) or "default"
    name = posixpath.basename(fact.path).rsplit(".", 1)[0]
    return _label(name) or ("dev" if fact.scope is Scope.DEV else "default")


def _label(name: str) -> str | None:
    """"DevelopmentConfig" -> dev, "settings_prod" -> prod, "TestingConfig" -> test."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
    for label, pattern in (("test", r"tests?|testing"), ("dev", r"dev|develop|development|local"),
                           ("prod", r"prod|production|live|staging|stage")):
        if re.search(rf"(^|[_.-])({pattern})($|[_.-])", words):
            return label
    return None


def value_engine(value: object) -> str | None:
    """The database engine a URL, a JDBC/R2DBC URL or a Django ENGINE names."""
    if not isinstance(value, str):
        return None
    if re.match(r"(?i)\s*(jdbc|r2dbc):", value):
        return jdbc_engine(value)  # jdbc:postgresql://, jdbc:h2:mem:, r2dbc:tc:mysql:///
    engine = appmodel.url_engine(value)
    if engine:
        return engine
    match = re.search(r"\.backends\.(sqlite3|postgresql\w*|postgis|mysql|oracle)$", value)
    if match:
        word = match.group(1)
        return "sqlite" if word == "sqlite3" else "postgresql" if word.startswith("post") else word
    return None


def _value_of(fact: Fact) -> str | None:
    """The literal a setting holds, or the default of the environment variable it reads."""
    if fact.get("source") == "literal":
        value = fact.get("value")
        return value if isinstance(value, str) else None
    if fact.get("source") == "env":
        return fact.get("env_default")
    return fact.get("default") if fact.kind == "env.read" else None


@dataclass(frozen=True, slots=True)
class Setting:
    """A configuration value with the environment it belongs to."""

    fact: Fact
    env: str
    value: str

    def describe(self) -> str:
        return describe(self.fact, str(self.fact.get("path") or self.fact.get("name")))


def settings(facts: AppFacts, name: re.Pattern[str]) -> list[Setting]:
    """Settings whose name matches, from config assignments and environment-read defaults."""
    found: list[Setting] = []
    seen: set[tuple[str, int | None]] = set()
    for fact in facts.of("config.assign") + facts.of("env.read"):
        if fact.scope in _SKIP_SCOPES or (fact.path, fact.line) in seen:
            continue
        key = str(fact.get("name") or "")
        value = _value_of(fact)
        if value is None or not (name.search(key) or name.search(str(fact.get("root") or ""))):
            continue
        seen.add((fact.path, fact.line))
        found.append(Setting(fact, environment_of(fact), value))
    return found


def _production_scope(*facts: Fact | Definition | Server) -> Scope | None:
    """Production when any side of a comparison is production code or a production definition."""
    return Scope.PRODUCTION if any(f.scope is Scope.PRODUCTION for f in facts) else None


# --- continuous deployment ---------------------------------------------------------------------------

_DEPLOY_NAME = re.compile(r"(?i)deploy|\brelease\b|\bproduction\b|\bprod\b")
_DEPLOY_RUN = re.compile(
    r"(?i)\b(kubectl\s+(apply|set\s+image|rollout\s+restart)|helm\s+(upgrade|install)|(flyctl|fly)\s+deploy|"
    r"heroku\s+(container:release|deploy)|git\s+push\s+\S*heroku|gcloud\s+(run|app|functions)\s+deploy|"
    r"aws\s+ecs\s+(update-service|deploy)|aws\s+deploy|cap\s+(\w+\s+)?deploy|eb\s+deploy|(serverless|sls)\s+deploy|"
    r"vercel\b.*--prod|netlify\s+deploy|railway\s+up|az\s+(webapp|containerapp)\s+(deploy|up|update)|"
    r"kamal\s+deploy|argocd\s+app\s+sync|docker\s+stack\s+deploy|dokku)")
_DEPLOY_ACTION = re.compile(
    r"(?i)(heroku-deploy|flyctl-actions|deploy-cloudrun|deploy-appengine|amazon-ecs-deploy|webapps-deploy|k8s-deploy|"
    r"beanstalk-deploy|vercel-action|wrangler-action|digitalocean/app_action|container-apps-deploy|render-deploy|"
    r"railway|kamal)")
_NOT_THE_APP = re.compile(r"(?i)deploy-pages|gh-pages|upload-pages-artifact|pypi-publish|twine\s+upload|npm\s+publish|"
                          r"mkdocs\s+gh-deploy|release-please|semantic-release|action-gh-release|create-release")
_MAIN = ("main", "master")


def _trigger(job: Fact) -> str | None:
    """What makes the job run after a merge or a release, if anything does."""
    triggers = job.get("triggers") or {}
    if job.get("when") == "manual" or "workflow_dispatch" in str(job.get("condition") or "") and \
            "push" not in str(job.get("condition")):
        return None
    if "release" in triggers:
        return "release"
    push = triggers.get("push")
    if push is None:
        return None
    branches = [str(b) for b in push.get("branches") or []]
    ignored = [str(b) for b in push.get("branches-ignore") or []]
    if push.get("tags") or "tags" in branches:
        return "push: tags"
    rules = [str(r) for r in triggers.get("rules") or []]
    if rules:
        hits = [r for r in rules if re.search(r"main|master|CI_DEFAULT_BRANCH|CI_COMMIT_TAG", r)]
        return "rules: " + hits[0] if hits else None
    matched = [b for b in branches if any(fnmatch.fnmatchcase(m, b) for m in _MAIN)]
    if matched:
        return "push: " + matched[0]
    if not branches and not any(fnmatch.fnmatchcase(m, b) for m in _MAIN for b in ignored):
        return "push"
    return None


@dataclass(frozen=True, slots=True)
class Delivery:
    job: Fact
    step: Fact | None
    trigger: str


def continuous_deploys(facts: AppFacts) -> list[Delivery]:
    """CI jobs that deploy automatically when code reaches the main branch or a tag is pushed."""
    found: list[Delivery] = []
    steps = facts.of("ci.step")
    for job in facts.of("ci.job"):
        trigger = _trigger(job)
        if trigger is None or job.scope in _SKIP_SCOPES:
            continue
        mine = [s for s in steps if s.path == job.path and s.get("job") == job.get("job")]
        deploys = next((s for s in mine if _DEPLOY_RUN.search(s.get("run") or "")
                        or _DEPLOY_ACTION.search(s.get("uses") or "")), None)
        named_step = next((s for s in mine if _DEPLOY_NAME.search(s.get("name") or "")), None)
        named = _DEPLOY_NAME.search(f"{job.get('job')} {job.get('environment') or ''}") or named_step
        # a job called "release" that publishes a package or the docs site does not deploy the app
        publishes = any(_NOT_THE_APP.search(f"{s.get('uses') or ''} {s.get('run') or ''}") for s in mine)
        if deploys is not None:
            found.append(Delivery(job, deploys, trigger))
        elif named and not publishes:
            found.append(Delivery(job, named_step, trigger))
    return found


def _usable_manual_deploys(facts: AppFacts) -> list[appmodel.ManualDeploy]:
    return [d for d in appmodel.manual_deploys(facts) if d.fetch.scope not in _SKIP_SCOPES | {Scope.TEST}]


# --- rules: backing services -------------------------------------------------------------------------


@rule("F10-S1", factor=10, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def same_engines(facts: AppFacts) -> Iterator[Hit]:
    defs = definitions(facts)
    used = code_engines(facts)
    for engine in sorted({d.engine for d in defs if d.side == "dev"}):
        mine = [d for d in defs if d.engine == engine and d.side in ("dev", "prod")]
        if _drifts(mine):
            continue  # F10-S9
        dev = next(d for d in mine if d.side == "dev")
        prod = next((d for d in mine if d.side == "prod" and d.major), None)
        params = {"engine": display(engine), "service": f"{display(engine)} {dev.version or ''}".strip(),
                  "dev": describe(dev.where, dev.label)}
        if prod is not None and dev.major:
            yield hit(dev.where, prod.where, scope=Scope.PRODUCTION, matches=describe(prod.where, prod.label), **params)
        elif prod is None and engine in used:
            code = used[engine]
            yield hit(dev.where, code, strength=MODERATE, scope=Scope.PRODUCTION, variant="undeclared",
                      matches=describe(code, _code_label(code)), **params)
        elif prod is None:
            named = next((d for d in mine if d.side == "prod"), None)  # a chart or a profile: engine, no version
            if named is not None:
                yield hit(dev.where, named.where, strength=MODERATE, scope=Scope.PRODUCTION, variant="undeclared",
                          matches=describe(named.where, named.label), **params)


@rule("F10-S2", factor=10, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def ci_runs_real_services(facts: AppFacts) -> Iterator[Hit]:
    defs = definitions(facts)
    used = code_engines(facts)
    for ci in (d for d in defs if d.side == "ci"):
        other = next((d for d in defs if d.engine == ci.engine and d.side != "ci"), None)
        reference = used.get(ci.engine)
        if reference is not None:
            yield hit(ci.where, reference, scope=Scope.PRODUCTION, engine=display(ci.engine), service=ci.label,
                      ci=describe(ci.where), matches=describe(reference, _code_label(reference)))
        elif other is not None:
            yield hit(ci.where, other.where, scope=Scope.PRODUCTION, engine=display(ci.engine), service=ci.label,
                      ci=describe(ci.where), matches=describe(other.where, other.label))


@rule("F10-S3", factor=10, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def dev_builds_production_image(facts: AppFacts) -> Iterator[Hit]:
    dockerfiles = {f.path: f for f in appmodel.production(facts.of("docker.file"))}
    for service in facts.of("compose.service"):
        build = service.get("build")
        if not build or service.scope in _SKIP_SCOPES or re.match(r"^[a-z]+://|^git@", str(build.get("context") or "")):
            continue
        if re.search(r"(?i)dev|debug|test", str(build.get("target") or "")):
            continue  # a development stage of the Dockerfile is a different image
        path = posixpath.normpath(posixpath.join(posixpath.dirname(service.path), str(build.get("context") or "."),
                                                 str(build.get("dockerfile") or "Dockerfile")))
        if path in dockerfiles:
            yield hit(service, dockerfiles[path], scope=Scope.PRODUCTION, service=service.get("name"),
                      compose=service.path, dockerfile=path)


@dataclass(frozen=True, slots=True)
class Server:
    """Evidence that some deploy uses a database server engine."""

    where: Fact | Location
    scope: Scope
    text: str
    engine: str


def _database_servers(facts: AppFacts, database: list[tuple[Setting, str]]) -> list[Server]:
    """Server engines, most telling first: production settings, other settings, drivers, definitions."""
    found = [Server(s.fact, s.fact.scope, s.describe(), e) for s, e in database
             if e in _SERVER_DATABASES and s.env != "test"]
    found.sort(key=lambda server: 0 if isinstance(server.where, Fact) and environment_of(server.where) == "prod" else 1)
    found += [Server(code, code.scope, describe(code, _code_label(code)), e)
              for e, code in sorted(code_engines(facts).items()) if e in _SERVER_DATABASES]
    found += [Server(d.where, d.scope, describe(d.where, d.label), d.engine)
              for d in definitions(facts) if d.engine in _SERVER_DATABASES]
    return found


def _rails_databases(facts: AppFacts) -> list[Fact]:
    """The connection each environment of config/database.yml opens (one `client` fact per block)."""
    return [f for f in facts.of("client") if f.get("api") == "database.yml" and f.scope not in _SKIP_SCOPES]


def _databases(facts: AppFacts) -> list[tuple[Setting, str]]:
    """(setting, engine) for every database a configuration names: settings and URLs of any
    language (Spring datasource URLs included, JDBC ones too), and Rails database.yml blocks."""
    found = [(s, value_engine(s.value)) for s in settings(facts, _DB_SETTING)]
    seen = {(s.fact.path, s.fact.line, s.env) for s, _e in found}
    for block in _rails_databases(facts):
        env = environment_of(block)
        if (block.path, block.line, env) not in seen:  # an ERB `ENV.fetch` default on the same line is read already
            found.append((Setting(block, env, f"adapter: {block.get('adapter') or block.get('service')}"), block.get("service")))
    return [(s, e) for s, e in found if e in _SERVER_DATABASES | EMBEDDED]


_BRANCH_ENGINES = {"postgres": "postgresql", "postgresql": "postgresql", "mysql": "mysql", "sqlite": "sqlite", "sqlite3": "sqlite"}


def _embedded_dependencies(facts: AppFacts) -> list[tuple[Fact, str]]:
    """Embedded databases declared as dependencies (H2, HSQLDB, Derby, SQLite drivers), unless the
    tests run the real engine with Testcontainers."""
    every = [f for f in facts.of("dep.declared") if f.scope in (Scope.PRODUCTION, Scope.DEV)]
    if any(_TESTCONTAINERS.search(str(f.get("name") or "")) for f in every):
        return []
    return [(f, e) for f in sorted(every, key=lambda f: (f.path, f.line or 0)) for e in [appmodel.driver_engine(f)] if e in EMBEDDED]


@rule("F10-S7", factor=10, polarity=AGAINST, strength=STRONG, ecosystems=("py", "rb", "java", "node"))
def different_database_engine(facts: AppFacts) -> Iterator[Hit]:
    database = _databases(facts)
    servers = _database_servers(facts, database)
    reported: set[str] = set()
    if servers:
        server = servers[0]
        done: set[tuple[str, int | None, str]] = set()
        for lite, engine in ((s, e) for s, e in database if e in EMBEDDED):
            key = (lite.fact.path, lite.fact.line, lite.describe())
            if key in done:
                continue
            done.add(key)
            reported.add(lite.fact.path)
            yield hit(lite.fact, server.where, scope=_production_scope(lite.fact, server), lite=lite.describe(),
                      value=lite.value, embedded=display(engine), engine=display(server.engine), other=server.text)
        if not done:
            yield from _embedded_dependency_hits(facts, server)
    for branch in facts.of("env.branch"):
        engines = {_BRANCH_ENGINES.get(str(e).lower(), str(e).lower()) for e in branch.get("engines") or []}
        others = sorted(engines & _SERVER_DATABASES)
        if "sqlite" not in engines or not others or branch.scope in _SKIP_SCOPES or branch.path in reported:
            continue
        value = next((v for v in branch.get("values") or [] if v.lower().startswith("sqlite")), "sqlite")
        yield hit(branch, scope=Scope.PRODUCTION, lite=describe(branch), value=value, embedded=display("sqlite"),
                  engine=display(others[0]), other=describe(branch, branch.get("condition", "")))


def _embedded_dependency_hits(facts: AppFacts, server: Server) -> Iterator[Hit]:
    """No configuration names the embedded database, but the build declares one: development or
    tests can run on it (Spring Boot even swaps it in for slice tests)."""
    for dep, engine in _embedded_dependencies(facts):
        group = dep.get("scope") or dep.get("group") or "main"
        yield hit(dep, server.where, strength=MODERATE, scope=Scope.PRODUCTION, variant="dependency",
                  lite=describe(dep, f"{dep.get('display') or dep.get('name')} ({group})"), value=str(dep.get("name")),
                  embedded=display(engine), engine=display(server.engine), other=server.text)


_CACHE_SETTING = re.compile(r"(?i)^(BACKEND|CACHE_TYPE)$")
_LOCAL_CACHE = re.compile(r"(?i)LocMemCache|DummyCache|^simple(cache)?$|^null(cache)?$")
_SERVER_CACHE = re.compile(r"(?i)redis|memcache|PyLibMC|PyMemcache")
_EAGER = re.compile(r"(?i)^(CELERY_TASK_ALWAYS_EAGER|CELERY_ALWAYS_EAGER|task_always_eager|always_eager)$")
_EMAIL_SETTING = re.compile(r"^(EMAIL_BACKEND|MAIL_BACKEND)$")
_LOCAL_EMAIL = re.compile(r"(?i)console|filebased|locmem|dummy")


def _contrasts(found: list[Setting], local: re.Pattern[str], server: re.Pattern[str]) -> Iterator[tuple[Setting, Setting]]:
    """Pairs (development value, production value) where development swaps in a local stand-in."""
    remote = [s for s in found if server.search(s.value) and s.env in ("prod", "default")]
    for dev in (s for s in found if local.search(s.value) and s.env in ("dev", "default")):
        other = next((s for s in remote if s.fact.path != dev.fact.path or s.fact.line != dev.fact.line), None)
        if other is not None:
            yield dev, other


@rule("F10-S8", factor=10, polarity=AGAINST, strength=MODERATE, ecosystems=("py",))
def different_cache_or_queue(facts: AppFacts) -> Iterator[Hit]:
    caches = [s for s in settings(facts, _CACHE_SETTING) if s.env != "test"
              and (s.fact.get("name") != "BACKEND" or "CACHES" in str(s.fact.get("root") or s.fact.get("path")))]
    for dev, prod in _contrasts(caches, _LOCAL_CACHE, _SERVER_CACHE):
        yield hit(dev.fact, prod.fact, scope=_production_scope(dev.fact, prod.fact), dev=dev.describe(), dev_value=dev.value,
                  prod=prod.describe(), prod_value=prod.value)
    emails = [s for s in settings(facts, _EMAIL_SETTING) if s.env != "test"]
    for dev, prod in _contrasts(emails, _LOCAL_EMAIL, re.compile(r"(?i)smtp")):
        yield hit(dev.fact, prod.fact, strength=WEAK, scope=_production_scope(dev.fact, prod.fact), dev=dev.describe(),
                  dev_value=dev.value, prod=prod.describe(), prod_value=prod.value)
    yield from _eager_tasks(facts)


def _eager_tasks(facts: AppFacts) -> Iterator[Hit]:
    """Celery told to run tasks inline, in the caller, while the app declares a real broker."""
    declared = appmodel.declared(facts)
    broker = declared.get("celery") or next((c for c in facts.of("client") if c.get("service") == "celery"), None)
    if broker is None:
        return
    for fact in facts.of("config.assign"):
        if not _EAGER.match(str(fact.get("name") or "")) or fact.get("source") != "literal" or fact.get("value") is not True:
            continue
        if fact.scope in _SKIP_SCOPES | {Scope.TEST} or environment_of(fact) == "test":
            continue
        yield hit(fact, broker, scope=Scope.PRODUCTION, dev=describe(fact, str(fact.get("path"))),
                  dev_value=f"{fact.get('name')} = True", prod=describe(broker, _code_label(broker)), prod_value="Celery")


@rule("F10-S9", factor=10, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def version_drift(facts: AppFacts) -> Iterator[Hit]:
    defs = [d for d in definitions(facts) if d.version]
    for engine in sorted({d.engine for d in defs}):
        mine = sorted((d for d in defs if d.engine == engine), key=lambda d: (d.where.path, d.where.line or 0))
        versions = sorted({d.version for d in mine if d.version})
        if len(versions) < 2:
            continue
        if _drifts(mine):
            strength = MODERATE
        elif _patch_drift(versions):
            strength = WEAK
        else:
            continue  # "13" and "13.4": one floats within the other
        yield hit(*(d.where for d in mine), strength=strength, scope=Scope.PRODUCTION, engine=display(engine),
                  versions=[describe(d.where, d.label) for d in mine])


def _patch_drift(versions: list[str]) -> bool:
    """Two exact versions of one major that neither contains the other ("13.4" vs "13.7")."""
    for a in versions:
        for b in versions:
            if a < b and not (b.startswith(a + ".") or a.startswith(b + ".")):
                return True
    return False


# --- rules: time and personnel gaps ------------------------------------------------------------------


@rule("F10-S4", factor=10, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def continuous_deployment(facts: AppFacts) -> Iterator[Hit]:
    for delivery in continuous_deploys(facts):
        where = [delivery.job] + ([delivery.step] if delivery.step else [])
        yield hit(*where, workflow=delivery.job.get("workflow"), job=delivery.job.get("job"), trigger=delivery.trigger,
                  path=delivery.job.path)


@rule("F10-S10", factor=10, polarity=AGAINST, strength=MODERATE)
def manual_deployment(facts: AppFacts) -> Iterator[Hit]:
    for deploy in _usable_manual_deploys(facts):
        steps = [f for f in (deploy.fetch, deploy.install, deploy.start) if f is not None]
        # the guide is how production is deployed wherever it is kept (README or docs/)
        yield hit(*steps, scope=Scope.PRODUCTION, doc=deploy.doc, section=deploy.section.rsplit(" / ", 1)[-1],
                  steps=[" ".join(f.get("argv", [])) for f in steps])


_EXTERNAL_DEPLOY = re.compile(r"(?i)gke-deploy|cloud-builders/(kubectl|gcloud)\b.*\b(deploy|apply|rollout)")


def _triggered_elsewhere(facts: AppFacts) -> bool:
    """Pipelines whose triggers live outside the repository (Cloud Build): when they are the only
    CI, or when they deploy, whether merged code is deployed automatically cannot be read here."""
    workflows = appmodel.production(facts.of("ci.workflow"))
    external = [w for w in workflows if "external" in (w.get("triggers") or {})]
    if not external:
        return False
    if all(set(w.get("triggers") or {}) <= {"external"} for w in workflows):
        return True
    paths = {w.path for w in external}
    return any(_DEPLOY_RUN.search(s.get("run") or "") or _EXTERNAL_DEPLOY.search(f"{s.get('uses') or ''} {s.get('run') or ''}")
               for s in facts.of("ci.step") if s.path in paths)


@rule("F10-AP1", factor=10, polarity=AGAINST, strength=MODERATE)
def no_continuous_deployment(facts: AppFacts) -> Iterator[Hit]:
    if continuous_deploys(facts) or _usable_manual_deploys(facts):
        return  # F10-S4 says it is there; F10-S10 already counts the manual process
    if _triggered_elsewhere(facts):
        return
    workflows = appmodel.production(facts.of("ci.workflow"))
    definitions_ = appmodel.production(facts.of("docker.file", "procfile.process", "heroku.app")) + \
        [f for f in facts.of("compose.service") if f.get("build") and f.scope not in _SKIP_SCOPES]
    evidence = workflows or definitions_[:1]
    if evidence:
        yield hit(*evidence, checked=sorted({f.path for f in workflows + definitions_}))
