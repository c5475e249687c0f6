"""Where the app's configuration lives: its settings in code and framework files, the secrets
written among them, what its image, compose files and deploy manifests carry, and what its
deploys inject. Facts say which value each line gives; this module says which of them are
deploy configuration (a credential, a locator of a backing service) written where it should
not be, and which arrive from the environment.

Computed once per app; the rules of factor III read these answers and the facts, and never
parse a command line or a value themselves.
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from twelve.appmodel.admin import admin_code
from twelve.appmodel.deploy import deployed
from twelve.appmodel.locators import client_locators, endpoint_host
from twelve.appmodel.services import is_local_host, url_has_credentials, url_has_masked_password, url_host
from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.facts.kubernetes import SECRET_NAME as MANIFEST_SECRET_NAME
from twelve.facts.model import Fact, Value
from twelve.facts.secrets import grade_value, is_masked
from twelve.facts.springconfig import is_dev_profile
from twelve.knowledge.config import (
    APP_URL_SETTING,
    BARE_HOST,
    CONFIG_MODULE_NAME,
    DATASTORE_SCHEME,
    DEPLOY_ENV_FILES,
    DEV_CLASS,
    GO_SECRET_NAME,
    IMPORTING_LANGS,
    JAVA_OPTIONS_VARIABLES,
    JVM_PROPERTIES,
    LOCAL_ENVIRONMENT,
    NODE_SECRET_NAME,
    NOT_CONFIG_VARIABLES,
    PRODUCTION_CONFIG_PATH,
    PROJECT_URL_SETTING,
    PUBLIC_API_HOST,
    SPRING_SECRET_NAME,
    is_secret_name,
)
from twelve.knowledge.locators import ENDPOINT_ARG, LOCATOR_ARG
from twelve.knowledge.services import LOCATOR_NAME
from twelve.model import Scope
from twelve.repository.kinds import CODE_KINDS

# --- settings written in the code -----------------------------------------------------------------


def code_settings(facts: AppFacts) -> list[Fact]:
    """Settings assigned in the production Python code (`SECRET_KEY = ...`, `app.config[...] = ...`)."""
    return [f for f in production(facts.of("config.assign")) if f.path.endswith(".py")]


def in_dev_class(fact: Fact) -> bool:
    """Whether a setting belongs to a development or test settings class (`class DevConfig:`)."""
    return bool(fact.data.class_) and bool(DEV_CLASS.search(fact.data.class_ or ""))


def _value(fact: Fact) -> Value:
    return fact.data.value if fact.data.value is not None else Value("none")


def deploy_literal(fact: Fact, name: str | None = None) -> bool:
    """A setting whose literal value varies per deploy: a credential under a credential's name
    (graded secret or trivial), or the locator of a backing service that is not the developer's
    machine (or carries credentials). *name* replaces the fact's (a dotted property's leaf)."""
    value = _value(fact)
    name, literal = name if name is not None else fact.data.name or "", value.value
    if value.source != "literal" or not isinstance(literal, str) or not literal:
        return False
    if is_secret_name(name):
        return value.grade is not None
    if PROJECT_URL_SETTING.search(name) and web_url(literal):
        return False  # the project's own homepage, docs or repository: one constant address of the tool
    if LOCATOR_NAME.search(name) and not APP_URL_SETTING.search(name):
        # a service's URL or a bare host; a path (`/static/`) or a file name is no locator
        host = url_host(literal) if "://" in literal else literal if BARE_HOST.match(literal) else None
        if host and (web_url(literal) or "://" not in literal) and PUBLIC_API_HOST.search(host):
            return False  # a public web API or mail service (`https://api.github.com`): the same for every deploy
        return bool(host) and (not is_local_host(host) or url_has_credentials(literal))
    return False


def web_url(value: object) -> bool:
    """An http(s) URL without credentials: a web service's address, not a datastore's handle."""
    return (
        isinstance(value, str)
        and value.lower().startswith(("http://", "https://"))
        and not url_has_credentials(value)
        and not DATASTORE_SCHEME.match(value)
    )


def framework_secrets(facts: AppFacts) -> list[Fact]:
    """Settings of production Python code that hold a deploy value (a literal credential or
    locator, or a real-looking secret as the default of an environment read), one per line."""
    return facts.derive("config.framework_secrets", lambda: _framework_secrets(facts))


def _framework_secrets(facts: AppFacts) -> list[Fact]:
    found: list[Fact] = []
    for fact in code_settings(facts):
        if in_dev_class(fact) or fact.data.container == "function":
            continue
        value = _value(fact)
        if (value.source == "literal" and deploy_literal(fact)) or (
            value.source == "env" and is_secret_name(fact.data.name or "") and value.default_grade == "secret"
        ):
            found.append(fact)
    for fact in production(facts.of("env.read")):
        if is_secret_name(fact.data.name or "") and fact.data.default_grade == "secret":
            found.append(fact)
    unique: dict[tuple[str, int | None], Fact] = {}
    for fact in found:
        unique.setdefault((fact.path, fact.line), fact)
    return list(unique.values())


@dataclass(frozen=True, slots=True)
class CodeCredential:
    """A credential (or the locator of a deployed service) written as a literal in the app's code
    or framework settings, as F03-S02 reports it."""

    fact: Fact
    #: the wording: "python" (settings), "node", "node_derived" (taken from package.json), "go",
    #: "go_constant", "java", "java_default" (a placeholder's default), "java_locator" (a service's
    #: handle in the base Spring file), "ruby" (database.yml),
    #: "ruby_secrets", "ruby_key" (a committed master key)
    language: str
    what: str  # the setting, option, constant or file
    shown: Any  # the value as a report may show it (masked when it is a secret)
    strength: str | None = None  # "weak" or "moderate" when weaker than a committed secret
    variable: str | None = None  # the variable a placeholder reads (java_default)
    derived: str | None = None  # what an expression stands for (node_derived)


_NODE_LANGS = frozenset({"javascript", "typescript", "prisma"})
_JVM_LANGS = frozenset({"java", "kotlin"})


def code_credentials(facts: AppFacts) -> list[CodeCredential]:
    """Every credential written in the app's code or framework settings, in each language: Python
    settings (and real-looking defaults of environment reads), JavaScript/TypeScript settings and
    client options, Go client arguments and secret constants, Spring properties and annotations,
    Rails database.yml, secrets.yml and a committed master key."""
    return list(
        facts.derive(
            "config.code_credentials",
            lambda: [
                *_python_credentials(facts),
                *_node_credentials(facts),
                *_go_credentials(facts),
                *_jvm_credentials(facts),
                *_ruby_credentials(facts),
            ],
        )
    )


def _python_credentials(facts: AppFacts) -> Iterator[CodeCredential]:
    for fact in framework_secrets(facts):
        if fact.kind == "config.assign":
            value = _value(fact)
            name = fact.data.name or fact.data.path or ""
            shown = value.value if value.source == "literal" else value.env_default
        else:  # an environment read with a real-looking default
            name, shown = fact.data.name or "", fact.data.default
        # a web service's URL written beside env-based config is a hard-coded per-deploy value (the
        # rubric's partial); a datastore's handle or a credential is not
        weaker = fact.kind == "config.assign" and not is_secret_name(name) and web_url(shown)
        yield CodeCredential(fact, "python", name, shown, strength="moderate" if weaker else None)


def _node_literal_secret(name: str, value: Value) -> bool:
    """A literal that is a credential (by its name) or a URL carrying a password."""
    if value.source != "literal" or not isinstance(value.value, str):
        return False
    if url_has_masked_password(value.value):
        return True
    return bool(NODE_SECRET_NAME.search(name)) and value.grade is not None


def _node_credentials(facts: AppFacts) -> Iterator[CodeCredential]:
    for fact in production(facts.of("client")):
        if fact.data.lang not in _NODE_LANGS:
            continue
        for arg in fact.data.args or []:
            key = str(arg.key)
            if _node_literal_secret(key if not key.isdigit() else "url", arg):
                yield CodeCredential(
                    fact, "node", f"{fact.data.api} ({key if not key.isdigit() else 'URL'})", arg.value
                )
    for fact in production(facts.of("config.assign")):
        value = fact.data.value
        if fact.data.lang not in _NODE_LANGS or value is None:
            continue
        what = fact.data.path or fact.data.name or ""
        if _node_literal_secret(str(fact.data.name), value):
            yield CodeCredential(fact, "node", what, value.value)
        elif value.derived and NODE_SECRET_NAME.search(str(fact.data.name)):
            # `secret: packageJson.name`: a constant of the codebase, public and the same in every deploy
            yield CodeCredential(fact, "node_derived", what, value.text or "", derived=value.derived)


def _go_credentials(facts: AppFacts) -> Iterator[CodeCredential]:
    for fact in production(facts.of("client")):
        if fact.data.lang != "go":
            continue
        for arg in fact.data.args or []:
            if arg.source == "literal" and arg.grade in ("secret", "trivial"):
                yield CodeCredential(
                    fact,
                    "go",
                    f"{fact.data.api} ({arg.key})",
                    arg.value,
                    strength="weak" if arg.grade == "trivial" else None,
                )
    for fact in production(facts.of("config.assign")):
        name, value = str(fact.data.name or ""), fact.data.value
        if fact.data.lang != "go" or value is None or value.source != "literal" or value.grade != "secret":
            continue
        if GO_SECRET_NAME.search(name):
            declared_as = fact.data.declared_as if fact.data.declared_as is not None else "const"
            yield CodeCredential(fact, "go_constant", f"{declared_as} {name}", value.value)


def _jvm_credentials(facts: AppFacts) -> Iterator[CodeCredential]:
    for fact in production(facts.of("config.assign")):
        data = fact.data
        spring = data.framework == "spring" or (data.container == "annotation" and data.lang in _JVM_LANGS)
        if not spring or is_dev_profile(data.profile):
            continue
        leaf = setting_leaf(str(data.name or ""))
        if not SPRING_SECRET_NAME.search(leaf):
            value = _value(fact).value
            if (
                not data.profile
                and data.framework == "spring"
                and deploy_literal(fact, leaf.replace("-", "_"))
                and not is_masked(str(value))
                and not url_has_credentials(str(value))
            ):
                # a service's handle in the base file, the default of every deploy (a profile's is
                # F03-S10's; a URL carrying a password is F03-S01's committed credential)
                yield CodeCredential(
                    fact, "java_locator", str(data.name), value, strength="moderate" if web_url(value) else None
                )
            continue
        value = _value(fact)
        if value.source == "literal" and value.grade:
            yield CodeCredential(
                fact, "java", str(data.name), value.value, strength=None if value.grade == "secret" else "moderate"
            )
        elif value.source == "env" and value.default_grade == "secret":
            yield CodeCredential(fact, "java_default", str(data.name), value.env_default, variable=value.env_name)


def _ruby_credentials(facts: AppFacts) -> Iterator[CodeCredential]:
    from twelve.appmodel.packages import committed  # packages reads this module's deploy_modules

    for fact in facts.of("config.assign"):
        data = fact.data
        value = _value(fact)
        if data.lang != "ruby" or value.source != "literal" or not deployed_environment(fact):
            continue
        file, name, what = data.file, str(data.name), f"{fact.path} {data.path}"
        if file == "database.yml" and name in ("password", "url") and value.grade in ("secret", "trivial"):
            yield CodeCredential(fact, "ruby", what, value.value)
        elif file == "secrets.yml" and value.grade == "secret":
            yield CodeCredential(fact, "ruby_secrets", what, value.value)
    for fact in facts.of("credentials.file"):
        if fact.data.kind == "key" and not fact.data.empty and committed(facts, fact.path):
            yield CodeCredential(fact, "ruby_key", fact.path, "")


def framework_secret_lines(facts: AppFacts) -> set[tuple[str, int | None]]:
    """(path, line) of every credential F03-S02 reports (see :func:`code_credentials`) and of the
    Rails credential files: a generic secret scan leaves these lines to that rule."""
    return facts.derive("config.framework_secret_lines", lambda: _framework_secret_lines(facts))


def _framework_secret_lines(facts: AppFacts) -> set[tuple[str, int | None]]:
    covered = {(c.fact.path, c.fact.line) for c in code_credentials(facts)}
    for fact in facts.of("credentials.file"):
        covered.add((fact.path, fact.line))
    return covered


def framework_secret_values(facts: AppFacts) -> set[tuple[str, str]]:
    """(path, masked value) of every masked value F03-S02 reports: the same value found by a
    generic scan on another line of that file (a default read over several lines) is the same
    finding."""
    return facts.derive(
        "config.framework_secret_values",
        lambda: {
            (c.fact.path, c.shown) for c in code_credentials(facts) if isinstance(c.shown, str) and is_masked(c.shown)
        },
    )


def setting_leaf(name: str) -> str:
    """The last segment of a dotted or indexed setting name (`spring.datasource.password` → `password`)."""
    return re.split(r"[.\[\]]", name.rstrip("]"))[-1] or name


def deployed_environment(fact: Fact) -> bool:
    """Whether a Rails setting applies to a deployed environment (production, staging...), not
    to development or test."""
    env = fact.data.environment
    return fact.scope is Scope.PRODUCTION and not (env and LOCAL_ENVIRONMENT.match(str(env)))


# --- deploy values grouped per named environment in framework files ------------------------------------


#: Rails' per-environment files (`config/environments/production.rb`): configuration, not the app's code
RAILS_ENVIRONMENT_FILE = re.compile(r"(^|/)config/environments/([\w-]+)\.rb$")


@dataclass(frozen=True, slots=True)
class EnvironmentGroup:
    """Deploy values a framework file keeps for one named deployed environment: a Spring profile
    (`application-prod.yml`) or a Rails environment (`config/environments/production.rb`, the
    production block of database.yml)."""

    framework: str  # "spring" or "rails"
    environment: str  # the profile or environment name
    file: str
    facts: tuple[Fact, ...]
    names: tuple[str, ...]  # the settings, as the file names them


def environment_groups(facts: AppFacts) -> list[EnvironmentGroup]:
    """Spring profiles and Rails environments of a deployed (not development or test) environment
    that hold deploy values: a locator of a service off the developer's machine or a credential
    (see :func:`deploy_literal`), or a client built on a literal endpoint in a Rails environment
    file. Credentials F03-S02 reports are left to it: each value counts once."""
    return list(facts.derive("config.environment_groups", lambda: _environment_groups(facts)))


def _environment_groups(facts: AppFacts) -> list[EnvironmentGroup]:
    reported = framework_secret_lines(facts)
    groups: dict[tuple[str, str, str], list[tuple[Fact, str]]] = {}
    for fact in production(facts.of("config.assign")):
        data = fact.data
        if (fact.path, fact.line) in reported:
            continue
        if data.framework == "spring" and data.profile and not is_dev_profile(data.profile):
            # `spring.data.redis.host`, `spring.datasource.jdbc-url`: judged by the leaf
            if not deploy_literal(fact, setting_leaf(str(data.name or "")).replace("-", "_")):
                continue
            key = ("spring", str(data.profile), fact.path)
        elif data.lang == "ruby" and data.environment and deployed_environment(fact) and deploy_literal(fact):
            key = ("rails", str(data.environment), fact.path)
        else:
            continue
        groups.setdefault(key, []).append((fact, str(data.path or data.name)))
    for handle in _rails_environment_handles(facts):
        match = RAILS_ENVIRONMENT_FILE.search(handle.fact.path)
        if match and (handle.fact.path, handle.fact.line) not in reported:
            groups.setdefault(("rails", match.group(2), handle.fact.path), []).append(
                (handle.fact, str(handle.fact.data.api))
            )
    out = []
    for (framework, environment, file), found in sorted(groups.items()):
        found.sort(key=lambda pair: pair[0].line or 0)
        names = tuple(dict.fromkeys(name for _, name in found))
        out.append(EnvironmentGroup(framework, environment, file, tuple(f for f, _ in found), names))
    return out


def _rails_environment_handles(facts: AppFacts) -> list[CodeHandle]:
    out = []
    for handle in _code_handles(facts, rails_environments=True):
        match = RAILS_ENVIRONMENT_FILE.search(handle.fact.path)
        if (
            match
            and not LOCAL_ENVIRONMENT.match(match.group(2))
            and any((host := endpoint_host(v)) and not is_local_host(host) for v in handle.literals)
        ):
            out.append(handle)
    return out


# --- resource handles written in the code ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeHandle:
    """A client of a backing service that the app's code builds on a literal endpoint (a host, a
    URL, a database file), with no configuration read for it."""

    fact: Fact  # the client
    literals: tuple[str, ...]  # the literal endpoint arguments, as facts show them


def code_handles(facts: AppFacts) -> list[CodeHandle]:
    """Clients of the app's production code whose endpoint is written in it: the locating
    arguments are literals (`redis.Redis(host="cache.internal")`, `create_engine("sqlite:///app.db")`)
    and none comes from the environment. Configuration files (Spring properties, database.yml),
    admin scripts and migrations are not the app's code."""
    return list(facts.derive("config.code_handles", lambda: _code_handles(facts)))


#: an embedded database that lives in memory: no file, nothing to locate
_IN_MEMORY = re.compile(r"(?i)^(?:sqlite3?:/+)?(?::memory:)?(?:\?.*)?$|mode=memory")


def _code_handles(facts: AppFacts, rails_environments: bool = False) -> list[CodeHandle]:
    """Clients built on literal endpoints in the app's code; with *rails_environments*, those of
    Rails' per-environment files only (configuration, grouped per environment)."""
    # the kind of each file of the repository (the facts asked about are the app's: the same answer
    # as from the app's files, built once per run instead of once per app)
    kinds = facts.derive_repository("files_by_path", lambda: {entry.path: entry.kind for entry in facts.all.repo.files})
    admin = {found.where.path for found in admin_code(facts) if found.where.line is None}
    out: list[CodeHandle] = []
    for found in client_locators(facts):
        fact = found.fact
        if found.source != "literal" or kinds.get(fact.path) not in CODE_KINDS or fact.path in admin:
            continue
        if bool(RAILS_ENVIRONMENT_FILE.search(fact.path)) != rails_environments:
            continue
        # the endpoint; for an embedded database, the file it opens (`sqlite3.connect(database="app.db")`),
        # not an in-memory one (`":memory:"`, `sqlite://`), which locates nothing
        embedded = fact.data.service == "sqlite"
        literals = tuple(
            str(a.value)
            for a in found.args
            if a.source == "literal"
            and isinstance(a.value, str)
            and a.value
            and (
                LOCATOR_ARG.match(str(a.key or "")) and not _IN_MEMORY.search(str(a.value))
                if embedded
                else ENDPOINT_ARG.match(str(a.key or ""))
            )
        )
        if literals and not all(_public_service(v) for v in literals):
            out.append(CodeHandle(fact, literals))
    return out


def _public_service(value: str) -> bool:
    """A public web API or mail service (`smtp.gmail.com`): the same endpoint for every deploy."""
    host = endpoint_host(value)
    return bool(host) and (web_url(value) or "://" not in value) and bool(PUBLIC_API_HOST.search(str(host)))


# --- config files each deploy writes itself ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeployModule:
    """A module or file the production code imports that git ignores and the codebase lacks: each
    deploy writes its own (`import config` with `config.py` in .gitignore)."""

    fact: Fact  # the import
    module: str  # as the code names it
    path: str  # the path it resolves to, relative to the repository
    optional: bool  # imported inside `try/except ImportError` (a local override beside other config)
    config: bool  # named like configuration (config, settings, secrets...), not generated code


def deploy_modules(facts: AppFacts) -> list[DeployModule]:
    """The modules and files of every import of the production code (Python, JavaScript/TypeScript,
    Ruby) that resolve to a path git ignores and the codebase does not hold, one per path."""
    return list(facts.derive("config.deploy_modules", lambda: _deploy_modules(facts)))


def _deploy_modules(facts: AppFacts) -> list[DeployModule]:
    found: dict[str, DeployModule] = {}
    # by (importing folder, language, module, relative): a folder's files import the same modules
    resolved: dict[tuple[str, str, str, bool], str | None] = {}
    for fact in production(facts.of("import")):
        data = fact.data
        lang = data.lang or "python"
        for module in data.modules or []:
            if not module or (lang == "python" and not data.relative and module.split(".")[0] in _STDLIB):
                continue
            key = (posixpath.dirname(fact.path), lang, module, bool(data.relative))
            if key in resolved:
                path = resolved[key]
            else:
                path = resolved[key] = _left_to_deploy(facts, fact.path, lang, module, bool(data.relative))
            if path is not None and path not in found:
                name = posixpath.basename(path).split(".", 1)[0]
                found[path] = DeployModule(
                    fact, module, path, bool(data.optional), bool(CONFIG_MODULE_NAME.search(name))
                )
    return list(found.values())


_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"__future__"}


def _left_to_deploy(facts: AppFacts, importer: str, lang: str, module: str, relative: bool) -> str | None:
    """The git-ignored path the import of *module* from *importer* resolves to, if the codebase lacks it."""
    here = posixpath.dirname(importer)
    if lang == "python":
        stem = module.split(".")[0] if not relative else module.replace(".", "/")
        bases = [here] if relative else list(dict.fromkeys([here, "" if facts.app.path == "." else facts.app.path]))
        candidates = [(posixpath.join(base, stem) + ".py", False) for base in bases] + [
            (posixpath.join(base, stem), True) for base in bases
        ]
    elif lang in IMPORTING_LANGS and relative and not module.startswith("/"):
        target = posixpath.normpath(posixpath.join(here, module))
        if target.startswith(".."):
            return None
        suffixes = IMPORTING_LANGS[lang]
        candidates = [(target, False)] + [(target + suffix, False) for suffix in suffixes] + [(target, True)]
    else:
        return None
    for path, is_dir in candidates:
        if facts.left_to_deploy(path, is_dir):
            return path
    return None


# --- the image ------------------------------------------------------------------------------------------

_VARIABLE = re.compile(r"\$\{?\w+\}?|")


def baked_config(facts: AppFacts) -> list[tuple[Fact, str]]:
    """(instruction, what) for deploy configuration a production Dockerfile puts into the image:
    `ENV` of a credential or of a URL with a password, `ARG` of a credential, `COPY` of a deploy's
    env file or of a production settings folder."""
    found: list[tuple[Fact, str]] = []
    for fact in production(facts.of("docker.env")):
        key, value = fact.data.key or "", fact.data.value or ""
        if NOT_CONFIG_VARIABLES.match(key) or not value or value.startswith("$"):
            continue
        if (is_secret_name(key) and not _VARIABLE.fullmatch(value)) or url_has_credentials(value):
            found.append((fact, f"ENV {key}"))
    for fact in production(facts.of("docker.arg")):
        if is_secret_name(fact.data.key or ""):
            found.append((fact, f"ARG {fact.data.key}"))
    for fact in production(facts.of("docker.copy")):
        for source in fact.data.sources or []:
            if posixpath.basename(source) in DEPLOY_ENV_FILES or PRODUCTION_CONFIG_PATH.search(source):
                found.append((fact, f"COPY {source}"))
    return found


_D_FLAG = re.compile(r"^-D([\w.\-]+)=(.+)$")


def _system_property_flags(words: list[str]) -> list[str]:
    found = []
    for word in words:
        match = _D_FLAG.match(word)
        if match and not JVM_PROPERTIES.search(match.group(1)) and "$" not in match.group(2):
            found.append(word)
    return found


def system_property_flags(facts: AppFacts) -> list[tuple[Fact, tuple[str, ...]]]:
    """(instruction, `-Dname=value` flags) for the app's own system properties set in a production
    image: in the final stage's CMD or ENTRYPOINT, or in a JVM options variable (JAVA_OPTS...)."""
    found: list[tuple[Fact, tuple[str, ...]]] = []
    for fact in production(facts.of("docker.cmd", "docker.entrypoint")):
        words = list(fact.data.argv or [])
        if fact.data.form == "shell":
            words = str(fact.data.command or "").split()
        flags = _system_property_flags(words)
        if fact.data.final and flags:
            found.append((fact, tuple(flags)))
    for fact in production(facts.of("docker.env")):
        flags = _system_property_flags(str(fact.data.value or "").split())
        if fact.data.key in JAVA_OPTIONS_VARIABLES and flags:
            found.append((fact, tuple(flags)))
    return found


# --- compose files and deploy manifests ---------------------------------------------------------------


def compose_credentials(facts: AppFacts) -> list[tuple[Fact, dict[str, Any], str]]:
    """(service, environment entry, grade) for every compose `environment:` entry that gives a
    credential's name a literal value graded `secret` or `trivial`."""
    found: list[tuple[Fact, dict[str, Any], str]] = []
    for fact in facts.of("compose.service"):
        for entry in fact.data.environment or []:
            key, value = entry.get("key", ""), entry.get("value")
            if not is_secret_name(key) or value is None:
                continue
            grade = grade_value(key, value)
            if grade is not None:
                found.append((fact, entry, grade))
    return found


def _manifest_credential(key: str, grade: str | None) -> bool:
    """A value of a Secret or secret generator that is a credential: any real-looking value, or a
    trivial one under a credential's name (a user name such as `app` is not a leaked credential)."""
    return grade == "secret" or (grade == "trivial" and bool(MANIFEST_SECRET_NAME.search(key)))


def _label(fact: Fact) -> str:
    return f"{fact.get('kind')} {fact.get('name')}".strip()


def manifest_credentials(facts: AppFacts) -> list[tuple[Fact, str, list[tuple[str, int | None, str]]]]:
    """(manifest fact, where, [(key, line, grade)]) for credentials written as literal values in
    the deploy manifests of the app: Kubernetes container env and Secrets, Helm values, Kustomize
    secret generators, platform services."""
    return list(_manifest_credentials(facts))


def _manifest_credentials(facts: AppFacts) -> Iterator[tuple[Fact, str, list[tuple[str, int | None, str]]]]:
    for workload in deployed(facts, "k8s.workload"):
        for container in workload.get("containers") or []:
            found = [
                (e["name"], e.get("value_line") or e.get("line"), e["grade"])
                for e in container.get("env") or []
                if e.get("source") == "literal"
                and e.get("grade")
                and (e.get("secret_name") or e.get("credentials_url"))
            ]
            if found:
                yield workload, f"{_label(workload)} env ({container.get('name')})", found
    for secret in deployed(facts, "k8s.secret"):
        found = [
            (v["key"], v.get("line"), v["grade"])
            for v in secret.get("values") or []
            if _manifest_credential(v["key"], v.get("grade"))
        ]
        if found:
            fields = sorted({v.get("field") for v in secret.get("values") or [] if v.get("grade")})
            yield secret, f"Secret {secret.get('name')} {'/'.join(fields)}", found
    for values in deployed(facts, "k8s.helm_values"):
        found = [(c["path"], c.get("line"), c["grade"]) for c in values.get("credentials") or []]
        found += [
            (e["name"], e.get("line"), e["grade"])
            for e in values.get("env") or []
            if e.get("source") == "literal" and e.get("grade") and not any(e.get("line") == f[1] for f in found)
        ]
        if found:
            yield values, "Helm values", found
    for kustomization in deployed(facts, "k8s.kustomization"):
        for generator in kustomization.get("secret_generators") or []:
            found = [
                (lit["key"], lit.get("line"), lit["grade"])
                for lit in generator.get("literals") or []
                if _manifest_credential(lit["key"], lit.get("grade"))
            ]
            if found:
                yield kustomization, f"secretGenerator {generator.get('name')}", found
    for service in deployed(facts, "platform.service"):
        found = [
            (e["key"], e.get("line"), e["grade"])
            for e in service.get("env") or []
            if e.get("source") == "literal" and e.get("grade") and e.get("secret_name")
        ]
        if found:
            yield service, f"{service.get('platform')} {service.get('name')} env", found


# --- config injected per deploy ---------------------------------------------------------------------


def ci_secret_step(facts: AppFacts) -> Fact | None:
    """The first CI step that hands the deploy a secret of the CI's store (`${{ secrets.X }}`)."""
    for fact in facts.of("ci.step"):
        text = (fact.data.run or "") + " ".join((fact.data.with_ or {}).values())
        if "secrets." in text:
            return fact
    return None


def manifest_injections(facts: AppFacts) -> list[tuple[Fact, int | None, str]]:
    """(manifest fact, line, how) for every value the deploy manifests inject from the
    orchestrator's or platform's own stores: `envFrom`, `secretKeyRef`/`configMapKeyRef`, managed
    Secrets (Sealed, External), Helm `existingSecret`, platform-generated or linked variables."""
    return list(_manifest_injections(facts))


def _manifest_injections(facts: AppFacts) -> Iterator[tuple[Fact, int | None, str]]:
    for workload in deployed(facts, "k8s.workload"):
        for container in workload.get("containers") or []:
            for entry in container.get("env_from") or []:
                yield workload, entry.get("line"), f"envFrom {entry.get('source')}Ref {entry.get('name')}"
            for entry in container.get("env") or []:
                if entry.get("source") in ("secret", "configmap"):
                    key = "secretKeyRef" if entry["source"] == "secret" else "configMapKeyRef"
                    yield workload, entry.get("line"), f"{entry.get('name')} from {key} {entry.get('ref')}"
    for secret in deployed(facts, "k8s.secret"):
        if secret.get("managed"):
            yield secret, secret.line, f"{secret.get('kind')} {secret.get('name')}"
    for values in deployed(facts, "k8s.helm_values"):
        for ref in values.get("secret_refs") or []:
            yield values, ref.get("line"), f"{ref.get('path')}: {ref.get('value')}"
    for service in deployed(facts, "platform.service"):
        for entry in service.get("env") or []:
            if entry.get("source") in ("database", "service", "generated", "unsynced", "group"):
                yield service, entry.get("line"), f"{entry.get('key')} ({entry.get('source')})"


__all__ = [
    "CodeCredential",
    "CodeHandle",
    "DeployModule",
    "code_credentials",
    "code_handles",
    "framework_secret_values",
    "baked_config",
    "ci_secret_step",
    "code_settings",
    "compose_credentials",
    "deploy_literal",
    "deploy_modules",
    "deployed_environment",
    "framework_secret_lines",
    "framework_secrets",
    "in_dev_class",
    "manifest_credentials",
    "manifest_injections",
    "setting_leaf",
    "system_property_flags",
]
