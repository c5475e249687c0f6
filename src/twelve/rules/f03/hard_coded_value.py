"""III. Config: a value that varies per deploy is fixed in the code."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.config import code_settings, in_dev_class, web_url
from twelve.appmodel.services import is_local_host, url_host
from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.knowledge.config import PROJECT_URL_SETTING
from twelve.rules.registry import AGAINST, MODERATE, WEAK, Hit, hit, rule


@rule("F03-S09", factor=3, polarity=AGAINST, strength=WEAK, ecosystems=("py",), replaces=("F03-S9",))
def hard_coded_deploy_value(facts: AppFacts) -> Iterator[Hit]:
    """A deploy-specific switch or service URL fixed in Python code.

    Why it matters: III. Config — whatever changes between deploys (debug mode, the address of a
    service) is config and is read from the environment, not decided in the code.
    Fires on: `DEBUG = True` in settings (moderate); `os.getenv("API_URL",
    "https://api.internal.example.com")` (moderate; weak for a localhost default); `app.run(debug=True)`.
    Near miss: `DEBUG = os.getenv("DEBUG") == "1"`; `DEBUG = True` in a `DevelopmentConfig` class;
    a default that is not a URL; the project's own docs or homepage (`os.getenv("DOCS_URL",
    "https://docs.acme.dev")`).
    Fix: read the value from the environment, with no production value in the code (a localhost
    default for development is acceptable).
    """
    for fact in code_settings(facts):
        if in_dev_class(fact):
            continue
        data, value = fact.data, fact.data.value
        if (
            data.name in ("DEBUG", "debug")
            and value is not None
            and value.source == "literal"
            and value.value is True
            and data.container in ("module", "config", "attribute", "class")
        ):
            yield hit(fact, strength=MODERATE, setting=data.name, value="True")
    for fact in production(facts.of("env.read")):
        default = fact.data.default
        if not isinstance(default, str) or "://" not in default:
            continue
        if PROJECT_URL_SETTING.search(fact.data.name or "") and web_url(default):
            continue  # the project's own homepage or docs: one constant address of the tool
        host = url_host(default)
        if host is None:
            continue
        yield hit(fact, strength=WEAK if is_local_host(host) else MODERATE, setting=fact.data.name, value=default)
    for fact in production(facts.of("server.run")):
        debug = fact.data.debug
        if debug is not None and debug.source == "literal" and debug.value is True:
            yield hit(fact, setting="debug", value="True")
