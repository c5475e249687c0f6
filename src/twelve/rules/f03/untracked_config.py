"""III. Config: the app loads its configuration from a file git ignores, written by hand for each deploy."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.config import deploy_modules
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, WEAK, Hit, hit, rule


@rule("F03-AP03", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "node", "rb"))
def config_kept_out_of_the_repository(facts: AppFacts) -> Iterator[Hit]:
    """The app's configuration lives in a language-specific file that git ignores and the
    repository lacks: each deploy writes it by hand.

    Weak when every such import is optional (a local override loaded in `try/except ImportError`
    beside the app's other settings).

    Why it matters: III. Config — config files kept out of revision control are a big improvement
    over constants in the code, but they are specific to the language, tend to scatter and are
    not what the platform sets per deploy; environment variables are.
    Fires on: `import config` and `config.token` with `config.py` in .gitignore; `from
    local_settings import *`; `require('./config.json')` with config.json ignored;
    `require_relative 'secrets'` with secrets.rb ignored.
    Near miss: a git-ignored `.env` loaded by dotenv and read through the environment; a tracked
    `config.py` that reads `os.environ`; an ignored module that is generated code (`*_pb2.py`).
    Fix: read each setting from an environment variable (a `.env` file can still feed them in
    development) and document the variables in a `.env.example`.
    """
    found = [m for m in deploy_modules(facts) if m.config]
    if not found:
        return
    optional = all(m.optional for m in found)
    yield hit(
        *(m.fact for m in found[:4]),
        strength=WEAK if optional else None,
        variant="optional" if optional else None,
        files=[m.path for m in found[:4]],
        modules=sorted({m.module for m in found}),
    )
