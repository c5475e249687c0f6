"""III. Config: Java system properties used as the app's configuration channel."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.config import system_property_flags
from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.knowledge.config import JVM_PROPERTIES
from twelve.rules.registry import AGAINST, WEAK, Hit, hit, rule

_JVM_LANGS = frozenset({"java", "kotlin"})


@rule("F03-S13", factor=3, polarity=AGAINST, strength=WEAK, ecosystems=("java", "deploy"))
def system_properties_as_config(facts: AppFacts) -> Iterator[Hit]:
    """The app's own settings travel as Java system properties.

    Why it matters: III. Config — the methodology names Java system properties as an example of
    language-specific config; environment variables are agnostic of language and operating system
    and are set per deploy without touching the start command.
    Fires on: `System.getProperty("db.url")` in Java or Kotlin code; `-Ddb.url=…` in the final
    stage's CMD or ENTRYPOINT; `ENV JAVA_OPTS="-Dapp.mode=…"`.
    Near miss: JVM and library properties (`-Dfile.encoding`, `-Djava.security.egd`,
    `-Dlogback.configurationFile`); `-Dx=${X}` (filled from the environment); `System.getenv`.
    Fix: read the value from an environment variable (`System.getenv`, or a `${VARIABLE}`
    placeholder in application.yml); Spring Boot binds SPRING_* variables to its properties.
    """
    for fact in production(facts.of("env.read")):
        data = fact.data
        name = str(data.name or "")
        if data.system_property and data.lang in _JVM_LANGS and not JVM_PROPERTIES.search(name):
            yield hit(fact, what=f'{data.api}("{name or "…"}")', file=fact.path)
    for fact, flags in system_property_flags(facts):
        shown = " ".join(flags[:3])
        yield hit(fact, what=f"{fact.data.key}={shown}" if fact.kind == "docker.env" else shown, file=fact.path)
