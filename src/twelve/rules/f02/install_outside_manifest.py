"""II. Dependencies: the image installs Python packages the manifest does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import declared, python_installs
from twelve.facts import AppFacts
from twelve.knowledge.packages import PACKAGING_TOOLS
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F02-S12", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def installs_outside_manifest(facts: AppFacts) -> Iterator[Hit]:
    """A Dockerfile `pip install`s packages by name that no manifest declares.

    Why it matters: II. Dependencies — a package installed ad hoc during the build is undeclared:
    an environment built from the manifest (a developer's, the next image) does not have it.
    Fires on: `RUN pip install -r requirements.txt && pip install gunicorn` when gunicorn is not
    in requirements.txt; `uv pip install sentry-sdk`.
    Near miss: `pip install --upgrade pip setuptools wheel` (packaging tools); a named package the
    manifest also declares; `pip install .` or `pip install -r requirements.txt`.
    Fix: add the packages to the manifest with exact versions and install everything from it.
    """
    declared_names = set(declared(facts))
    for install in python_installs(facts):
        packages = [
            word for word, name in install.named if name and name not in PACKAGING_TOOLS and name not in declared_names
        ]
        if packages:
            yield hit(install.fact, packages=packages)
