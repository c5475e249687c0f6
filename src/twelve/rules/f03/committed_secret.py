"""III. Config: a credential committed in a tracked file."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from twelve.appmodel.config import framework_secret_lines, framework_secret_values
from twelve.facts import AppFacts
from twelve.knowledge.config import TEMPLATE_SUFFIXES
from twelve.model import Scope
from twelve.rules.registry import AGAINST, STRONG, WEAK, Hit, hit, rule


@rule("F03-S01", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=("any",), any_scope=True, replaces=("F03-S1",))
def committed_secret(facts: AppFacts) -> Iterator[Hit]:
    """A real-looking secret (a key format, a password, a token) written in a tracked file.

    It counts in every scope (a leaked key is leaked wherever it sits), weakly in test code; a
    line (or a value) that the rule about the code's own settings reports (F03-S02) is left to
    that rule, so that one secret counts once.

    Why it matters: III. Config — the litmus test of the factor: could the codebase be made public
    right now without exposing a single credential?
    Fires on: `aws_key: AKIAIOSFODNN7EXAMPLE` in a YAML file; a private key block; a GitHub token in
    a test fixture (weak); `password=` with a real-looking value in a .properties file.
    Near miss: `${DB_PASSWORD}`, `changeme` and other placeholders; `.env.example` and other
    templates; `SECRET_KEY = "…"` in settings.py (F03-S02 reports it).
    Fix: remove the value, rotate the credential (it stays in the history) and read it from an
    environment variable set per deploy.
    """
    covered, values = framework_secret_lines(facts), framework_secret_values(facts)
    for fact in facts.of("secret"):
        data = fact.data
        if data.grade != "secret" or (fact.path, fact.line) in covered or (fact.path, data.redacted) in values:
            continue
        if posixpath.basename(fact.path).endswith(TEMPLATE_SUFFIXES):
            continue
        strength = WEAK if fact.scope is Scope.TEST else None
        yield hit(
            fact,
            strength=strength,
            scope=Scope.PRODUCTION if fact.scope is not Scope.TEST else Scope.TEST,
            kind=data.kind,
            name=data.name or data.kind,
            value=data.redacted,
            file=fact.path,
        )
