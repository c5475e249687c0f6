"""III. Config: required settings fail fast when the environment lacks them."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.knowledge.config import STRICT_READS
from twelve.rules.registry import ADVICE, FOR, MODERATE, Hit, hit, rule


@rule("F03-S20", factor=3, polarity=FOR, strength=MODERATE, basis=ADVICE, ecosystems=("py",))
def fails_fast_on_missing_config(facts: AppFacts) -> Iterator[Hit]:
    """Settings read from the environment without a default, so a missing one stops the start.

    Why it matters: III. Config (advice) — failing at start-up when a variable is missing makes the
    contract between the app and each deploy's environment explicit, instead of running misconfigured.
    Fires on: `os.environ["SECRET_KEY"]`, Ruby `ENV.fetch("X")` without a default, NestJS
    `config.getOrThrow("X")`.
    Near miss: `os.getenv("SECRET_KEY")`; `os.environ.get("X", "default")`.
    Fix: nothing to fix.
    """
    strict = [
        r
        for r in production(facts.of("env.read"))
        if not r.data.has_default and str(r.data.api if r.data.api is not None else "").endswith(STRICT_READS)
    ]
    if strict:
        # a read whose name is computed at run time has no name to show
        names = sorted({r.data.name for r in strict if r.data.name})
        if names:
            yield hit(*strict[:3], names=names, count=len(names))
        else:
            yield hit(*strict[:3], variant="unnamed", names="", count=len(strict))
