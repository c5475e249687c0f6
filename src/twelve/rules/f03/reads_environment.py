"""III. Config: configuration is read from environment variables."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.facts.springconfig import is_dev_profile
from twelve.rules.registry import FOR, STRONG, Hit, hit, rule

_JVM_LANGS = frozenset({"java", "kotlin"})


@rule("F03-S15", factor=3, polarity=FOR, strength=STRONG, ecosystems=("any",), replaces=("F03-S18",))
def reads_environment(facts: AppFacts) -> Iterator[Hit]:
    """Deploy settings are read from environment variables.

    Reads in code of any language and settings classes keep the plain wording; Spring
    placeholders in application.yml/properties and `@Value` use the `spring` wording.

    Why it matters: III. Config — a twelve-factor app keeps its config in environment variables,
    which change between deploys without a change to the code.
    Fires on: `os.getenv("DB_HOST")`, `os.environ["SECRET_KEY"]`, `process.env.PORT`,
    `os.Getenv`, `System.getenv`, `ENV.fetch`; a pydantic `BaseSettings` class;
    `url: ${DATABASE_URL}` in application.yml, `@Value("${PAYMENTS_URL}")`.
    Near miss: `System.getProperty` (a system property, F03-S13); placeholders only in a `dev`
    profile; test code.
    Fix: nothing to fix.
    """
    # Java system properties are read through env.read facts too, but are F03-S13's concern
    reads = [r for r in production(facts.of("env.read")) if not r.data.system_property]
    names = sorted({r.data.name for r in reads if r.data.name})
    if names:
        yield hit(*reads[:4], names=names[:8], count=len(names))
    elif reads:  # every name is computed at run time
        yield hit(*reads[:4], variant="unnamed", names="", count=len(reads))
    for fact in production(facts.of("config.settings_class")):
        yield hit(fact, names=fact.data.name, count=1)
    yield from _spring(facts)


def _spring(facts: AppFacts) -> Iterator[Hit]:
    found = []
    for fact in production(facts.of("config.assign")):
        data, value = fact.data, fact.data.value
        if value is None or value.source != "env" or is_dev_profile(data.profile):
            continue
        if data.framework == "spring" or (data.container == "annotation" and data.lang in _JVM_LANGS):
            found.append(fact)
    if found:
        names = sorted({n for f in found for n in (f.data.value.env_names or [f.data.value.env_name]) if n})
        yield hit(*found[:4], variant="spring", names=names[:8], count=len(names))
