"""III. Config: the variables a deploy must set are documented without values."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F03-S21", factor=3, polarity=FOR, strength=MODERATE, ecosystems=("any",))
def documented_variables(facts: AppFacts) -> Iterator[Hit]:
    """The expected environment variables are documented, without their values.

    Why it matters: III. Config — listing the variable names (never the values) tells every deploy
    what it has to provide.
    Fires on: `.env.example`, `.env.sample`, `.env.template`; the `env` section of Heroku's app.json.
    Near miss: a `.env` with values (F03-S12); an app.json without `env`.
    Fix: nothing to fix.
    """
    for fact in facts.of("envfile.file"):
        if fact.data.example:
            yield hit(fact, where=fact.path)
    for fact in facts.of("heroku.app"):
        if fact.data.env:
            yield hit(fact, where=fact.path)
