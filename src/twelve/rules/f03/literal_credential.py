"""III. Config: a credential or deploy locator written in the app's code or framework settings."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.config import deployed_environment, framework_secrets, setting_leaf
from twelve.appmodel.packages import committed
from twelve.appmodel.services import url_has_masked_password
from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.facts.model import Fact, Value
from twelve.facts.springconfig import is_dev_profile
from twelve.knowledge.config import GO_SECRET_NAME, NODE_SECRET_NAME, SPRING_SECRET_NAME
from twelve.rules.registry import AGAINST, MODERATE, STRONG, WEAK, Hit, hit, rule

_NODE_LANGS = frozenset({"javascript", "typescript", "prisma"})
_JVM_LANGS = frozenset({"java", "kotlin"})


@rule("F03-S02", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=("py", "node", "go", "java", "rb"),
      replaces=("F03-S2", "F03-S3", "F03-S4", "F03-S5", "F03-S6"))
def literal_credential(facts: AppFacts) -> Iterator[Hit]:
    """A credential (or the locator of a deployed service) written as a literal in the app's code or settings.

    One finding per language: Python settings (plain wording), JavaScript/TypeScript (`node`), Go
    (`go`, `go_constant` for a secret constant), Spring configuration and annotations (`java`,
    `java_default` for the default of a placeholder) and Rails files (`ruby` for database.yml,
    `ruby_secrets` for secrets.yml, `ruby_key` for a committed master key).

    Why it matters: III. Config — credentials and resource handles vary per deploy and must be
    strictly separated from the code: a value written in it is shared by every deploy and readable
    by everyone who can read the repository.
    Fires on: `SECRET_KEY = "s3cr3t…"` or a database URL with a password in settings.py;
    `os.getenv("SECRET_KEY", "real-looking-fallback")`; `new Pool({password: "…"})`, `jwt.sign(x,
    "…")`; `sql.Open("postgres", "postgres://u:pw@…")`, `const jwtKey = "…"`;
    `secret: packageJson.name` (`node_derived`: a signing secret taken from the package's own
    metadata); `spring.datasource.password=…`, `${STRIPE_KEY:sk_test_…}`; `password:` for production in
    database.yml, secrets.yml values, a committed `config/master.key`.
    Near miss: values read from the environment without a real-looking default; settings of a
    `DevelopmentConfig` class or a `dev` Spring profile; `localhost` locators; test code; an ignored
    master.key.
    Fix: read the value from an environment variable (no production fallback in the code), set it
    per deploy, and rotate the credential that was committed.
    """
    yield from _python(facts)
    yield from _node(facts)
    yield from _go(facts)
    yield from _jvm(facts)
    yield from _ruby(facts)


def _python(facts: AppFacts) -> Iterator[Hit]:
    for fact in framework_secrets(facts):
        if fact.kind == "config.assign":
            value = fact.data.value if fact.data.value is not None else Value("none")
            name = fact.data.name or fact.data.path or ""
            shown = value.value if value.source == "literal" else value.env_default
        else:  # an environment read with a real-looking default
            name, shown = fact.data.name or "", fact.data.default
        yield hit(fact, setting=name, value=shown)


def _node_code(facts: AppFacts, kind: str) -> list[Fact]:
    return [f for f in production(facts.of(kind)) if f.data.lang in _NODE_LANGS]


def _node_literal_secret(name: str, value: Value) -> bool:
    """A literal that is a credential (by its name) or a URL carrying a password."""
    if value.source != "literal" or not isinstance(value.value, str):
        return False
    if url_has_masked_password(value.value):
        return True
    return bool(NODE_SECRET_NAME.search(name)) and value.grade is not None


def _node(facts: AppFacts) -> Iterator[Hit]:
    for fact in _node_code(facts, "client"):
        for arg in fact.data.args or []:
            key = str(arg.key)
            if _node_literal_secret(key if not key.isdigit() else "url", arg):
                yield hit(fact, variant="node", what=f"{fact.data.api} ({key if not key.isdigit() else 'URL'})",
                          value=arg.value, path=fact.path)
    for fact in _node_code(facts, "config.assign"):
        value = fact.data.value
        if value is not None and _node_literal_secret(str(fact.data.name), value):
            yield hit(fact, variant="node", what=fact.data.path or fact.data.name, value=value.value, path=fact.path)
        elif value is not None and value.derived and NODE_SECRET_NAME.search(str(fact.data.name)):
            # `secret: packageJson.name`: a constant of the codebase, public and the same in every deploy
            yield hit(fact, variant="node_derived", what=fact.data.path or fact.data.name, value=value.text or "",
                      derived=value.derived, path=fact.path)


def _go_code(facts: AppFacts, kind: str) -> list[Fact]:
    return [f for f in production(facts.of(kind)) if f.data.lang == "go"]


def _go(facts: AppFacts) -> Iterator[Hit]:
    for fact in _go_code(facts, "client"):
        for arg in fact.data.args or []:
            if arg.source != "literal" or arg.grade not in ("secret", "trivial"):
                continue
            yield hit(fact, strength=WEAK if arg.grade == "trivial" else None, variant="go",
                      what=f"{fact.data.api} ({arg.key})", value=arg.value, path=fact.path)
    for fact in _go_code(facts, "config.assign"):
        name, value = str(fact.data.name or ""), fact.data.value
        if value is not None and value.source == "literal" and value.grade == "secret" and GO_SECRET_NAME.search(name):
            declared_as = fact.data.declared_as if fact.data.declared_as is not None else "const"
            yield hit(fact, variant="go_constant", what=f"{declared_as} {name}", value=value.value, path=fact.path)


def _jvm(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("config.assign")):
        data = fact.data
        spring = data.framework == "spring" or data.container == "annotation" and data.lang in _JVM_LANGS
        if not spring or is_dev_profile(data.profile) or not SPRING_SECRET_NAME.search(setting_leaf(str(data.name or ""))):
            continue
        value = data.value if data.value is not None else Value("none")
        if value.source == "literal" and value.grade:
            yield hit(fact, strength=None if value.grade == "secret" else MODERATE, variant="java", setting=data.name,
                      value=value.value, file=fact.path)
        elif value.source == "env" and value.default_grade == "secret":
            yield hit(fact, variant="java_default", setting=data.name, value=value.env_default, variable=value.env_name,
                      file=fact.path)


def _ruby(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("config.assign"):
        data = fact.data
        value = data.value if data.value is not None else Value("none")
        if data.lang != "ruby" or value.source != "literal" or not deployed_environment(fact):
            continue
        file, name, what = data.file, str(data.name), f"{fact.path} {data.path}"
        if file == "database.yml" and name in ("password", "url") and value.grade in ("secret", "trivial"):
            yield hit(fact, variant="ruby", what=what, value=value.value, path=fact.path)
        elif file == "secrets.yml" and value.grade == "secret":
            yield hit(fact, variant="ruby_secrets", what=what, value=value.value, path=fact.path)
    for fact in facts.of("credentials.file"):
        if fact.data.kind == "key" and not fact.data.empty and committed(facts, fact.path):
            yield hit(fact, variant="ruby_key", what=fact.path, value="", path=fact.path)
