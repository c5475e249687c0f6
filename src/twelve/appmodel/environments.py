"""The environments the app runs in and what each one attaches: development (compose files, dev
settings, Spring `dev` profiles, Rails `development`), CI (service containers), production (deploy
compose, Kubernetes workloads, Helm values and chart dependencies, platform databases and add-ons,
production profiles and settings); the backing-service engines each defines, the engines the code
itself uses, and the settings that pick an engine per environment.

Unlike the other derivations, development-only files are read here rather than filtered out:
they are one side of every dev/prod comparison.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from twelve.appmodel.deploy import ELSEWHERE
from twelve.appmodel.packages import declared
from twelve.appmodel.services import declared_drivers, driver_engine, url_engine
from twelve.appmodel.services import image_engine as service_image
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.springconfig import is_dev_profile, jdbc_engine
from twelve.knowledge import parity
from twelve.model import Location, Scope


def display(engine: str) -> str:
    """How an engine reads in a message (`postgresql` -> PostgreSQL)."""
    return parity.ENGINE_NAMES.get(engine, engine)


def describe(where: Fact | Location, detail: str = "") -> str:
    """`path:line (detail)`: how one piece of evidence is named inside a message."""
    text = f"{where.path}:{where.line}" if where.line else where.path
    return f"{text} ({detail})" if detail else text


# --- which environment a file, class or profile belongs to ----------------------------------------


def environment_label(name: str) -> str | None:
    """ "DevelopmentConfig" -> dev, "settings_prod" -> prod, "TestingConfig" -> test."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
    for label, pattern in parity.ENVIRONMENT_WORDS:
        if re.search(rf"(^|[_.-])({pattern})($|[_.-])", words):
            return label
    return None


def environment_of(fact: Fact) -> str:
    """Which environment a configuration value belongs to: "dev", "test", "prod" or "default".
    Python settings classes and files, Spring profiles, Rails environments are all read."""
    if fact.scope is Scope.TEST:
        return "test"
    profile = fact.get("profile")
    if profile:  # Spring: application-<profile>.yml or spring.config.activate.on-profile
        return environment_label(str(profile)) or ("dev" if is_dev_profile(str(profile)) else "default")
    owner = str(fact.get("class") or fact.get("environment") or "")
    if owner:
        return environment_label(owner) or "default"
    name = posixpath.basename(fact.path).rsplit(".", 1)[0]
    return environment_label(name) or ("dev" if fact.scope is Scope.DEV else "default")


def side_of_path(path: str) -> str:
    """A deploy descriptor belongs to production unless its path names a development or test
    environment (k8s/overlays/dev/, values-local.yaml)."""
    for part in path.split("/"):
        if environment_label(part.rsplit(".", 1)[0]) in ("dev", "test"):
            return "dev"
    return "prod"


# --- backing-service definitions --------------------------------------------------------------------


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


def image_engine(image: dict | None) -> str | None:
    """The backing service an image runs, when its name says so; templated or variable references
    (`{{ .Values.image }}`, `$DB_IMAGE`) name nothing."""
    if not image or image.get("variable") or image.get("templated"):
        return None
    found = service_image(image)
    if found is not None:
        return found[0]
    name = str(image.get("image") or "").lower().removeprefix("docker.io/")
    return parity.CI_IMAGES.get(name)


def _compose_definitions(facts: AppFacts) -> Iterator[Definition]:
    for fact in facts.of("compose.service"):
        image = fact.data.image
        engine = image_engine(image)
        if engine is None or fact.scope in ELSEWHERE:
            continue
        side = "prod" if parity.PROD_COMPOSE.search(posixpath.basename(fact.path).rsplit(".", 1)[0]) else "dev"
        yield Definition(
            engine,
            _version(image.get("tag")),
            side,
            Location(fact.path, fact.line, fact.excerpt),
            fact.scope,
            _image_label(image),
        )


def _ci_definitions(facts: AppFacts) -> Iterator[Definition]:
    for job in facts.of("ci.job"):
        for service in job.data.services or []:
            engine = image_engine(service)
            if engine is not None and job.scope not in ELSEWHERE:
                label = _image_label(service)
                yield Definition(
                    engine,
                    _version(service.get("tag")),
                    "ci",
                    Location(job.path, service.get("line") or job.line, label),
                    job.scope,
                    label,
                )


def _kubernetes_definitions(facts: AppFacts) -> Iterator[Definition]:
    """Backing services a cluster runs: workload containers, Helm values images, chart dependencies."""
    for fact in facts.of("k8s.workload"):
        if fact.data.kind not in parity.SERVING_KINDS or fact.scope in ELSEWHERE:
            continue
        for container in fact.data.containers or []:
            image = container.get("image")
            engine = None if container.get("init") else image_engine(image)
            if engine is not None:
                label = _image_label(image)
                yield Definition(
                    engine,
                    _version(image.get("tag")),
                    side_of_path(fact.path),
                    Location(fact.path, container.get("image_line") or container.get("line") or fact.line, label),
                    fact.scope,
                    label,
                )
    for fact in facts.of("k8s.helm_values"):
        if fact.scope in ELSEWHERE:
            continue
        for image in fact.data.images or []:
            engine = image_engine(image)
            if engine is not None:
                label = _image_label(image)
                yield Definition(
                    engine,
                    _version(image.get("tag")),
                    side_of_path(fact.path),
                    Location(fact.path, image.get("tag_line") or image.get("line") or fact.line, label),
                    fact.scope,
                    f"{image.get('path')}: {label}" if image.get("path") else label,
                )
    for fact in facts.of("k8s.helm_chart"):
        for dependency in fact.data.dependencies or []:
            engine = parity.CHART_ENGINES.get(str(dependency.get("name") or "").lower())
            if engine is not None and fact.scope not in ELSEWHERE:
                label = f"chart {dependency.get('name')} {dependency.get('version') or ''}".strip()
                yield Definition(
                    engine,
                    None,
                    "prod",
                    Location(fact.path, dependency.get("line") or fact.line, label),
                    fact.scope,
                    label,
                )


def _platform_definitions(facts: AppFacts) -> Iterator[Definition]:
    for app in facts.of("heroku.app"):
        for addon in app.data.addons or []:
            engine = next((e for prefix, e in parity.ADDONS if str(addon).startswith(prefix)), None)
            if engine is not None:
                yield Definition(engine, None, "prod", Location(app.path, app.line, str(addon)), app.scope, str(addon))
    for fact in facts.of("platform.database"):
        engine = parity.PLATFORM_ENGINES.get(str(fact.data.engine or "").lower())
        if engine is None or fact.scope in ELSEWHERE:
            continue
        version = _version(str(fact.data.version)) if fact.data.version is not None else None
        label = f"{fact.data.platform} {fact.data.name}: {display(engine)}{' ' + version if version else ''}"
        yield Definition(engine, version, "prod", Location(fact.path, fact.line, fact.excerpt), fact.scope, label)


def _configured_definitions(facts: AppFacts) -> Iterator[Definition]:
    """Production environments of framework configuration: Spring `prod` profiles, Rails
    database.yml production blocks (engine only: configuration does not state the server version)."""
    for fact in facts.of("config.assign"):
        if (
            fact.data.framework != "spring"
            or fact.scope in ELSEWHERE
            or not parity.SPRING_LOCATOR.search(str(fact.data.name))
        ):
            continue
        engine = value_engine(_value_of(fact))
        if engine is not None and environment_of(fact) == "prod":
            yield Definition(
                engine,
                None,
                "prod",
                Location(fact.path, fact.line, fact.excerpt),
                fact.scope,
                f"{fact.data.name}, profile {fact.data.profile}",
            )
    for fact in rails_databases(facts):
        if fact.data.service in parity.ENGINE_NAMES and environment_of(fact) == "prod":
            yield Definition(
                str(fact.data.service),
                None,
                "prod",
                Location(fact.path, fact.line, fact.excerpt),
                fact.scope,
                f"database.yml {fact.data.name}",
            )


def definitions(facts: AppFacts) -> list[Definition]:
    """Every backing service an environment definition runs, with its engine, version and side."""

    def compute() -> list[Definition]:
        return [
            *_compose_definitions(facts),
            *_ci_definitions(facts),
            *_kubernetes_definitions(facts),
            *_platform_definitions(facts),
            *_configured_definitions(facts),
        ]

    return list(facts.derive("environments.definitions", compute))


def drifts(defs: list[Definition]) -> bool:
    """The definitions name more than one major version."""
    return len({d.major for d in defs if d.major}) > 1


# --- the engines the code uses ----------------------------------------------------------------------


def code_engines(facts: AppFacts) -> dict[str, Fact]:
    """Engines the application's code talks to: declared drivers (every ecosystem) first, then
    client calls (every language, Spring and Rails configuration included)."""

    def compute() -> dict[str, Fact]:
        found: dict[str, Fact] = {}
        for fact, engine in declared_drivers(facts):
            if engine in parity.CONCRETE:
                found.setdefault(engine, fact)
        for fact in facts.of("client"):
            if (
                fact.scope is Scope.PRODUCTION
                and fact.data.service in parity.CONCRETE
                and environment_of(fact) != "test"
            ):
                found.setdefault(fact.data.service, fact)
        return found

    return dict(facts.derive("environments.code_engines", compute))


def code_label(fact: Fact) -> str:
    """How a driver or client reads in a message."""
    return str(fact.get("display") or fact.get("name") or fact.get("api") or fact.excerpt)


# --- settings with the environment they belong to -------------------------------------------------


def value_engine(value: object) -> str | None:
    """The database engine a URL, a JDBC/R2DBC URL or a Django ENGINE names."""
    if not isinstance(value, str):
        return None
    if parity.JDBC_URL.match(value):
        return jdbc_engine(value)  # jdbc:postgresql://, jdbc:h2:mem:, r2dbc:tc:mysql:///
    engine = url_engine(value)
    if engine:
        return engine
    match = parity.DJANGO_BACKEND.search(value)
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
    """Settings whose name matches, from config assignments and environment-read defaults (each
    part of the app's facts read once per run and name pattern: every app of a monorepo holds the
    settings of the files outside every app root)."""
    found: list[Setting] = []
    seen: set[tuple[str, int | None]] = set()

    def named(fact: Fact) -> bool:
        return (
            fact.scope not in ELSEWHERE
            and _value_of(fact) is not None
            and bool(name.search(str(fact.get("name") or "")) or name.search(str(fact.get("root") or "")))
        )

    key = f"environments.settings:{name.flags}:{name.pattern}"
    for fact in facts.facts_where(key, "config.assign", named) + facts.facts_where(key, "env.read", named):
        if (fact.path, fact.line) in seen:
            continue
        value = _value_of(fact)
        if value is None:  # never: named() kept those with a value
            continue
        seen.add((fact.path, fact.line))
        found.append(Setting(fact, environment_of(fact), value))
    return found


def rails_databases(facts: AppFacts) -> list[Fact]:
    """The connection each environment of config/database.yml opens (one `client` fact per block)."""
    return [f for f in facts.of("client") if f.data.api == "database.yml" and f.scope not in ELSEWHERE]


def databases(facts: AppFacts) -> list[tuple[Setting, str]]:
    """(setting, engine) for every database server or embedded database a configuration names:
    settings and URLs of any language (Spring datasource URLs included, JDBC ones too), and Rails
    database.yml blocks."""
    found = [(s, value_engine(s.value)) for s in settings(facts, parity.DB_SETTING)]
    seen = {(s.fact.path, s.fact.line, s.env) for s, _e in found}
    for block in rails_databases(facts):
        env = environment_of(block)
        if (block.path, block.line, env) not in seen:  # an ERB `ENV.fetch` default on the same line is read already
            found.append(
                (Setting(block, env, f"adapter: {block.data.adapter or block.data.service}"), block.data.service)
            )
    return [(s, e) for s, e in found if e in parity.SERVER_DATABASES | parity.EMBEDDED]


@dataclass(frozen=True, slots=True)
class Server:
    """Evidence that some deploy uses a database server engine."""

    where: Fact | Location
    scope: Scope
    text: str
    engine: str


def database_servers(facts: AppFacts, found: list[tuple[Setting, str]]) -> list[Server]:
    """Server engines, most telling first: production settings, other settings (of *found*),
    drivers, definitions."""
    servers = [
        Server(s.fact, s.fact.scope, s.describe(), e)
        for s, e in found
        if e in parity.SERVER_DATABASES and s.env != "test"
    ]
    servers.sort(
        key=lambda server: 0 if isinstance(server.where, Fact) and environment_of(server.where) == "prod" else 1
    )
    servers += [
        Server(code, code.scope, describe(code, code_label(code)), e)
        for e, code in sorted(code_engines(facts).items())
        if e in parity.SERVER_DATABASES
    ]
    servers += [
        Server(d.where, d.scope, describe(d.where, d.label), d.engine)
        for d in definitions(facts)
        if d.engine in parity.SERVER_DATABASES
    ]
    return servers


def embedded_dependencies(facts: AppFacts) -> list[tuple[Fact, str]]:
    """Embedded databases declared as dependencies (H2, HSQLDB, Derby, SQLite drivers), unless the
    tests run the real engine with Testcontainers."""
    every = [f for f in facts.of("dep.declared") if f.scope in (Scope.PRODUCTION, Scope.DEV)]
    if any(parity.TESTCONTAINERS.search(str(f.get("name") or "")) for f in every):
        return []
    return [
        (f, e)
        for f in sorted(every, key=lambda f: (f.path, f.line or 0))
        for e in [driver_engine(f)]
        if e in parity.EMBEDDED
    ]


def celery_broker(facts: AppFacts) -> Fact | None:
    """The evidence that the app runs Celery with a real broker: its declared dependency, or a client."""
    return declared(facts).get("celery") or next((c for c in facts.of("client") if c.data.service == "celery"), None)


def rails_settings(facts: AppFacts, setting: str) -> tuple[list[Fact], list[Fact]]:
    """The literal values Rails environment files give *setting* (`config.cache_store`): those of
    development, and those of deployed environments (not development, test or CI)."""
    found = [
        f
        for f in facts.of("config.assign")
        if f.data.lang == "ruby"
        and f.data.path == setting
        and f.scope not in ELSEWHERE
        and f.get("source") == "literal"
    ]
    dev = [f for f in found if parity.RAILS_DEVELOPMENT.match(str(f.data.environment or ""))]
    prod = [f for f in found if f.data.environment and not parity.RAILS_NOT_DEPLOYED.match(str(f.data.environment))]
    return dev, prod


def rails_cable(facts: AppFacts) -> list[Fact]:
    """The adapter each environment of config/cable.yml uses (one `client` fact per block)."""
    return [f for f in facts.of("client") if f.data.api == "cable.yml" and f.scope not in ELSEWHERE]


def deployed_environment(environment: str | None) -> bool:
    """A Rails environment that is deployed (not development, test or CI)."""
    return not parity.RAILS_NOT_DEPLOYED.match(str(environment))


def development_environment(environment: str | None) -> bool:
    """A Rails environment of development."""
    return bool(parity.RAILS_DEVELOPMENT.match(str(environment)))


@dataclass(frozen=True, slots=True)
class SharedImage:
    """A compose service of development built from the Dockerfile production uses."""

    service: Fact
    dockerfile: Fact
    path: str  # the Dockerfile's path


def production_image_in_development(facts: AppFacts) -> list[SharedImage]:
    """Compose services built (from this repository, not from a development stage) with a
    production Dockerfile."""
    from twelve.appmodel.starts import dev_images

    dev = dev_images(facts)  # a development image that only looks like production's
    dockerfiles = {f.path: f for f in facts.of("docker.file") if f.scope is Scope.PRODUCTION and f.path not in dev}
    found: list[SharedImage] = []
    for service in facts.of("compose.service"):
        build = service.data.build
        if not build or service.scope in ELSEWHERE or parity.REMOTE_CONTEXT.match(str(build.get("context") or "")):
            continue
        if parity.DEV_TARGET.search(str(build.get("target") or "")):
            continue  # a development stage of the Dockerfile is a different image
        path = posixpath.normpath(
            posixpath.join(
                posixpath.dirname(service.path),
                str(build.get("context") or "."),
                str(build.get("dockerfile") or "Dockerfile"),
            )
        )
        if path in dockerfiles:
            found.append(SharedImage(service, dockerfiles[path], path))
    return found
