"""III. Config: a credential or deploy locator written in the app's code or framework settings."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.config import CodeCredential, code_credentials
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, STRONG, WEAK, Hit, hit, rule

_STRENGTHS = {"weak": WEAK, "moderate": MODERATE}


@rule(
    "F03-S02",
    factor=3,
    polarity=AGAINST,
    strength=STRONG,
    ecosystems=("py", "node", "go", "java", "rb"),
    replaces=("F03-S2", "F03-S3", "F03-S4", "F03-S5", "F03-S6"),
)
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
    A service's handle in the base Spring file (`spring.datasource.url:
    jdbc:postgresql://db.prod.internal/app` in application.yml, variant `java_locator`) is the
    default of every deploy, even where the environment could override it.
    Moderate for a web service's http(s) URL in Python settings or in the base Spring file (`BACKEND_URL =
    "https://api.myapp.example"`): a hard-coded per-deploy value beside env-based config, the
    rubric's partial; a datastore's URL or a credential stays strong.
    Near miss: values read from the environment without a real-looking default; settings of a
    `DevelopmentConfig` class or a `dev` Spring profile; `localhost` locators; Django's
    `STATIC_URL = "/static/"` and other paths of the app; a public web API's address
    (`GITHUB_API_URL = "https://api.github.com"`: the same for every deploy); the project's own
    metadata (`DOCS_URL = "https://mytool.readthedocs.io"`, `REPOSITORY_URL`, a homepage on a code
    host or package registry: one address of the tool wherever it runs); test code; an
    ignored master.key.
    Fix: read the value from an environment variable (no production fallback in the code), set it
    per deploy, and rotate the credential that was committed.
    """
    for found in code_credentials(facts):
        yield _hit(found)


def _hit(found: CodeCredential) -> Hit:
    fact, language = found.fact, found.language
    strength = _STRENGTHS.get(found.strength or "")
    if language == "python":
        return hit(fact, strength=strength, setting=found.what, value=found.shown)
    if language in ("java", "java_default", "java_locator"):
        return hit(
            fact,
            strength=strength,
            variant=language,
            setting=found.what,
            value=found.shown,
            variable=found.variable,
            file=fact.path,
        )
    if language == "node_derived":
        return hit(
            fact,
            strength=strength,
            variant=language,
            what=found.what,
            value=found.shown,
            derived=found.derived,
            # the package.json field alone, for languages that name it after the noun ("o campo name do package.json")
            field=(found.derived or "").removeprefix("package.json "),
            path=fact.path,
        )
    return hit(fact, strength=strength, variant=language, what=found.what, value=found.shown, path=fact.path)
