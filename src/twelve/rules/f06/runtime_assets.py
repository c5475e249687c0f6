"""F06-S09: assets compiled at run time into the process's own filesystem."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, WEAK, Hit, hit, rule


@rule("F06-S09", factor=6, polarity=AGAINST, strength=WEAK, ecosystems=("rb",), replaces=("F06-S9",))
def runtime_assets(facts: AppFacts) -> Iterator[Hit]:
    """Rails compiles assets on demand in a deployed environment.

    Why it matters: VI. Processes — the methodology names run-time asset compilation into a
    filesystem cache as a pattern to avoid: each process fills its own disk, and the build stage
    is where assets belong.
    Fires on: `config.assets.compile = true` in config/environments/production.rb (or staging.rb).
    Near miss: the same setting in development.rb or test.rb; `config.assets.compile = false`.
    Fix: set `config.assets.compile = false` and precompile assets in the image build.
    """
    for fact in state.runtime_asset_compilation(facts):
        yield hit(fact, environment=fact.data.environment or "?", path=fact.path)
