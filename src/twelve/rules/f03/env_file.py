"""III. Config: an env file with values is part of the repository."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.model import Scope
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule

#: scopes whose env files configure something other than the app (a test, an example, a guide)
_NOT_THE_APP = frozenset({Scope.TEST, Scope.EXAMPLE, Scope.DOCS, Scope.VENDORED, Scope.GENERATED})


@rule("F03-S12", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("any",))
def committed_env_file(facts: AppFacts) -> Iterator[Hit]:
    """A `.env` file with values sits in the repository, tracked or merely not ignored.

    It is strong when a value under a credential's name looks like a real secret. An env file of
    the tests, an example, the docs or vendored code is reported in its own scope and does not count
    against the app (a real secret in it is still F03-S01, which counts everywhere).

    Why it matters: III. Config — an env file with values is config checked into the codebase;
    only a template listing the variable names belongs there.
    Fires on: a committed `.env` with `SECRET_KEY=…`; a `.env.production` that .gitignore does not list.
    Near miss: `.env.example` (a template); `tests/fixtures/.env` (a test's config, not the app's); a `.env` that .gitignore ignores; an env file whose
    values are all empty or placeholders.
    Fix: remove the file from the repository (`git rm --cached .env`), ignore it, and commit a
    `.env.example` with the names only.
    """
    entries: dict[str, list[Fact]] = {}
    for fact in facts.of("envfile.entry"):
        entries.setdefault(fact.path, []).append(fact)
    for fact in facts.of("envfile.file"):
        if fact.data.example:
            continue
        values = [e for e in entries.get(fact.path, []) if not e.data.empty and not e.data.placeholder]
        if not values:
            continue
        tracked = facts.tracked(fact.path)
        secret = any(e.data.grade == "secret" and e.data.secret_name for e in values)
        yield hit(
            *([fact] + values[:2]),
            strength=STRONG if secret else None,
            scope=fact.scope if fact.scope in _NOT_THE_APP else Scope.PRODUCTION,
            file=fact.path,
            count=len(values),
            state="tracked" if tracked else "untracked",
        )
