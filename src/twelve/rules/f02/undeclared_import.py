"""II. Dependencies: Python code imports a package that nothing declares or installs."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import undeclared_imports
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F02-S07", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("py",), replaces=("F02-S7",))
def undeclared_import(facts: AppFacts) -> Iterator[Hit]:
    """A third-party module imported by production Python code that no manifest declares.

    The declaration exists but is incomplete, so the factor is partly met (no manifest at all is
    F02-AP01, the strong violation).

    Why it matters: II. Dependencies — the declaration must be complete: an import that only works
    because something else put the package on the machine breaks on the next clean build.
    Fires on: `import requests` when requirements.txt lists only flask and nothing declared
    depends on requests.
    Near miss: standard-library and local modules, and a module git ignores that each deploy
    writes itself (`import config` with `config.py` in .gitignore, F03-AP03); imports inside
    `try/except ImportError` or `if TYPE_CHECKING`; aliases such as `yaml` for PyYAML or `psycopg2`
    for psycopg2-binary; a module a declared framework brings along (F02-S25); no manifest at all
    (F02-AP01).
    Fix: add the distribution that provides the module to the manifest, with an exact version.
    """
    for found in undeclared_imports(facts):
        if found.status == "missing":
            yield hit(found.fact, module=found.module)
