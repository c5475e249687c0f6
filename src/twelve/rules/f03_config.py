"""III. Config: store config in the environment."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.model import Value
from twelve.facts.secrets import grade_value
from twelve.knowledge.services import LOCATOR_NAME
from twelve.model import Location, Scope
from twelve.appmodel import is_local_host, production, url_host
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

SECRET_NAME = re.compile(
    r"(?i)(^|_|\b)(secret(_?key)?|password|passwd|pwd|token|api_?key|private_?key|access_?key(_id)?|secret_access_key|"
    r"client_secret|signing_key|encryption_key|credentials?|auth_?key|jwt_?secret)$"
)
_DEV_CLASS = re.compile(r"(?i)(dev|development|test|testing|local|debug)")
_ENV_CLASS = re.compile(r"(?i)^(prod|production|staging|stage|dev|development|test|testing|local|qa|uat|preprod)\w*(config|settings)$|"
                        r"(config|settings)(prod|production|staging|dev|development|test|local)$")
_ENV_SETTINGS_FILE = re.compile(r"(^|/)settings[/_.-](prod|production|staging|stage|qa|uat)\w*\.py$|(^|/)(prod|production|staging)_?settings\.py$")
#: environment reads that fail when the variable is missing (Python os.environ[...], Ruby
#: ENV.fetch without a default, NestJS ConfigService.getOrThrow)
_STRICT_READS = ("environ", "ENV.fetch", "getOrThrow")
_NOT_SECRET_KEYS = re.compile(r"(?i)^(PORT|PYTHON\w*|NODE_ENV|RAILS_ENV|\w*_ENV|PATH|HOME|LANG|LC_\w+|TZ|DEBIAN_FRONTEND|PIP_\w+|POETRY_\w+|UV_\w+)$")


def _is_secret_name(name: str) -> bool:
    return bool(SECRET_NAME.search(name or ""))


def _url_with_credentials(value: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://[^/@\s]+:[^/@\s]+@", value or "", re.I))


def _deploy_literal(fact: Fact) -> bool:
    """A config value that varies per deploy and is written in the code."""
    name, value = fact.get("name", ""), fact.get("value")
    if fact.get("source") != "literal" or not isinstance(value, str) or not value:
        return False
    if _is_secret_name(name):
        return fact.get("grade") is not None
    if LOCATOR_NAME.search(name):
        host = url_host(value) if "://" in value else value
        return bool(host) and (not is_local_host(host) or _url_with_credentials(value))
    return False


def _in_dev_class(fact: Fact) -> bool:
    return bool(fact.get("class")) and bool(_DEV_CLASS.search(fact.get("class", "")))


def _code_settings(facts: AppFacts) -> list[Fact]:
    return [f for f in production(facts.of("config.assign")) if f.path.endswith(".py")]


def _framework_secret_lines(facts: AppFacts) -> set[tuple[str, int | None]]:
    """Lines whose secret a more specific rule already reports: F03-S2 (Python settings) and the
    stack rules F03-S3/S4/S5/S6, which judge literal settings and client arguments of the other
    languages from the same facts."""
    covered = {(f.path, f.line) for f in _framework_secrets(facts)}
    for fact in facts.of("config.assign", "client"):
        if fact.get("lang") in (None, "python"):
            continue
        values = [v for v in [fact.data.value if fact.kind == "config.assign" else None, *fact.get("args", [])]
                  if isinstance(v, Value)]
        if any(v.get("source") == "literal" and (v.get("grade") == "secret" or "@" in str(v.get("value", "")))
               for v in values):
            covered.add((fact.path, fact.line))
    for fact in facts.of("credentials.file"):
        covered.add((fact.path, fact.line))
    return covered


def _framework_secrets(facts: AppFacts) -> list[Fact]:
    found: list[Fact] = []
    for fact in _code_settings(facts):
        if _in_dev_class(fact) or fact.get("container") == "function":
            continue
        name = fact.get("name", "")
        if fact.get("source") == "literal" and _deploy_literal(fact):
            found.append(fact)
        elif fact.get("source") == "env" and _is_secret_name(name) and fact.get("default_grade") == "secret":
            found.append(fact)
    for fact in production(facts.of("env.read")):
        if _is_secret_name(fact.get("name") or "") and fact.get("default_grade") == "secret":
            found.append(fact)
    unique: dict[tuple[str, int | None], Fact] = {}
    for fact in found:
        unique.setdefault((fact.path, fact.line), fact)
    return list(unique.values())


@rule("F03-S1", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=("any",), any_scope=True)
def committed_secret(facts: AppFacts) -> Iterator[Hit]:
    covered = _framework_secret_lines(facts)
    for fact in facts.of("secret"):
        if fact.get("grade") != "secret" or (fact.path, fact.line) in covered:
            continue
        if posixpath.basename(fact.path).endswith((".example", ".sample", ".template", ".dist")):
            continue
        strength = WEAK if fact.scope is Scope.TEST else None
        yield hit(fact, strength=strength, scope=Scope.PRODUCTION if fact.scope is not Scope.TEST else Scope.TEST,
                  kind=fact.get("kind"), name=fact.get("name") or fact.get("kind"), value=fact.get("redacted"))


@rule("F03-S2", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=("py",))
def literal_in_settings(facts: AppFacts) -> Iterator[Hit]:
    for fact in _framework_secrets(facts):
        name = fact.get("name") or fact.get("path") or ""
        shown = fact.get("value") if fact.get("source") == "literal" else fact.get("env_default") or fact.get("default")
        yield hit(fact, setting=name, value=shown)


@rule("F03-S7", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def config_baked_into_image(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("docker.env")):
        key, value = fact.get("key", ""), fact.get("value", "")
        if _NOT_SECRET_KEYS.match(key) or not value or value.startswith("$"):
            continue
        if (_is_secret_name(key) and not re.fullmatch(r"\$\{?\w+\}?|", value)) or _url_with_credentials(value):
            yield hit(fact, what=f"ENV {key}", file=fact.path)
    for fact in production(facts.of("docker.arg")):
        if _is_secret_name(fact.get("key", "")):
            yield hit(fact, what=f"ARG {fact.get('key')}", file=fact.path)
    for fact in production(facts.of("docker.copy")):
        for source in fact.get("sources", []):
            base = posixpath.basename(source)
            if base in (".env", ".env.production", ".env.local") or re.search(r"(^|/)(config|settings)/(prod|production)", source):
                yield hit(fact, what=f"COPY {source}", file=fact.path)


@rule("F03-S8", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def literal_secret_in_compose(facts: AppFacts) -> Iterator[Hit]:
    local: dict[str, list[tuple[Fact, dict]]] = {}
    for fact in facts.of("compose.service"):
        for entry in fact.get("environment", []):
            key, value = entry.get("key", ""), entry.get("value")
            if not _is_secret_name(key) or value is None:
                continue
            grade = grade_value(key, value)
            if grade is None:
                continue
            if fact.get("role") == "deploy" and grade == "secret":
                yield hit(Location(fact.path, entry.get("line"), f"{key}=…"), scope=fact.scope,
                          keys=key, file=fact.path, role=fact.get("role"))
            else:
                local.setdefault(fact.path, []).append((fact, entry))
    for path, entries in sorted(local.items()):
        fact = entries[0][0]
        keys = sorted({entry.get("key") for _f, entry in entries})
        yield hit(*(Location(path, entry.get("line"), f"{entry.get('key')}=…") for _f, entry in entries),
                  strength=WEAK, scope=fact.scope, keys=keys, file=path, role=fact.get("role"))


@rule("F03-S9", factor=3, polarity=AGAINST, strength=WEAK, ecosystems=("py",))
def hard_coded_deploy_value(facts: AppFacts) -> Iterator[Hit]:
    for fact in _code_settings(facts):
        if _in_dev_class(fact):
            continue
        if fact.get("name") in ("DEBUG", "debug") and fact.get("source") == "literal" and fact.get("value") is True \
                and fact.get("container") in ("module", "config", "attribute", "class"):
            yield hit(fact, strength=MODERATE, setting=fact.get("name"), value="True")
    for fact in production(facts.of("env.read")):
        default = fact.get("default")
        if not isinstance(default, str) or "://" not in default:
            continue
        host = url_host(default)
        if host is None:
            continue
        local = is_local_host(host)
        yield hit(fact, strength=WEAK if local else MODERATE, setting=fact.get("name"), value=default)
    for fact in production(facts.of("server.run")):
        debug = fact.get("debug") or {}
        if debug.get("source") == "literal" and debug.get("value") is True:
            yield hit(fact, setting="debug", value="True")


def _env_classes(facts: AppFacts) -> dict[str, list[Fact]]:
    classes: dict[str, list[Fact]] = {}
    for fact in facts.of("config.assign"):
        cls = fact.get("class") or ""
        if cls and _ENV_CLASS.search(cls) and _deploy_literal(fact):
            classes.setdefault(cls, []).append(fact)
    return classes


@rule("F03-S10", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("py",))
def environment_grouped_config(facts: AppFacts) -> Iterator[Hit]:
    classes = _env_classes(facts)
    for cls, values in sorted(classes.items()):
        names = sorted({v.get("name") for v in values})
        yield hit(*values[:3], scope=Scope.PRODUCTION, group=cls, names=names, file=values[0].path)
    for fact in facts.of("config.select"):
        target = fact.get("value") if fact.get("source") == "literal" else None
        if isinstance(target, str) and _ENV_CLASS.search(target.rsplit(".", 1)[-1]):
            yield hit(fact, scope=Scope.PRODUCTION, group=target, names="from_object", file=fact.path)
    by_file: dict[str, list[Fact]] = {}
    for fact in facts.of("config.assign"):
        if _ENV_SETTINGS_FILE.search(fact.path) and _deploy_literal(fact):
            by_file.setdefault(fact.path, []).append(fact)
    for path, values in sorted(by_file.items()):
        yield hit(*values[:3], scope=Scope.PRODUCTION, group=path, names=sorted({v.get("name") for v in values}), file=path)


@rule("F03-S11", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("py",))
def handles_chosen_by_environment_name(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("env.branch")):
        if fact.get("values") or len(fact.get("engines", [])) > 0:
            yield hit(fact, condition=fact.get("condition"), values=fact.get("values") or fact.get("engines"))


@rule("F03-S12", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("any",), any_scope=True)
def committed_env_file(facts: AppFacts) -> Iterator[Hit]:
    entries: dict[str, list[Fact]] = {}
    for fact in facts.of("envfile.entry"):
        entries.setdefault(fact.path, []).append(fact)
    for fact in facts.of("envfile.file"):
        if fact.get("example"):
            continue
        values = [e for e in entries.get(fact.path, []) if not e.get("empty") and not e.get("placeholder")]
        if not values:
            continue
        tracked = facts.tracked(fact.path)
        secret = any(e.get("grade") == "secret" and e.get("secret_name") for e in values)
        yield hit(*([fact] + values[:2]), strength=STRONG if secret else None, scope=Scope.PRODUCTION,
                  file=fact.path, count=len(values), state="tracked" if tracked else "untracked")


@rule("F03-S15", factor=3, polarity=FOR, strength=STRONG, ecosystems=("any",))
def reads_environment(facts: AppFacts) -> Iterator[Hit]:
    # Java system properties are read through env.read facts too, but are F03-S13's concern
    reads = [r for r in production(facts.of("env.read")) if not r.get("system_property")]
    names = sorted({r.get("name") for r in reads if r.get("name")})
    if reads:
        yield hit(*reads[:4], names=names[:8] if names else "?", count=len(names) or len(reads))
    for fact in production(facts.of("config.settings_class")):
        yield hit(fact, names=fact.get("name"), count=1)


@rule("F03-S20", factor=3, polarity=FOR, strength=MODERATE, basis=ADVICE, ecosystems=("py",))
def fails_fast_on_missing_config(facts: AppFacts) -> Iterator[Hit]:
    strict = [r for r in production(facts.of("env.read"))
              if not r.get("has_default") and str(r.get("api", "")).endswith(_STRICT_READS)]
    if strict:
        yield hit(*strict[:3], names=sorted({r.get("name") or "?" for r in strict}))


@rule("F03-S21", factor=3, polarity=FOR, strength=MODERATE, ecosystems=("any",))
def documented_variables(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("envfile.file"):
        if fact.get("example"):
            yield hit(fact, where=fact.path)
    for fact in facts.of("heroku.app"):
        if fact.get("env"):
            yield hit(fact, where=fact.path)


@rule("F03-S22", factor=3, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def injected_per_deploy(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("compose.service"):
        for env_file in fact.get("env_file", []):
            if facts.ignored(posixpath.basename(env_file)):
                yield hit(fact, where=f"{fact.path} (env_file {env_file})")
    for fact in facts.of("ci.step"):
        text = (fact.get("run") or "") + " ".join(fact.get("with_", {}).values())
        if "secrets." in text:
            yield hit(fact, where=fact.path)
            break
