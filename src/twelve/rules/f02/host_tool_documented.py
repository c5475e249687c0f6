"""II. Dependencies: a host tool the app runs is installed only by hand, following the README."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import unprovisioned_tools
from twelve.facts import AppFacts
from twelve.knowledge.tools import TOOL_PACKAGES
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F02-S24", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("any",))
def tool_only_documented(facts: AppFacts) -> Iterator[Hit]:
    """The README tells people to install a host tool the app runs; the build does not install it.

    Why it matters: II. Dependencies — a tool described in the documentation but not vendored into
    the artifact is still an implicit dependency on the host, installed by hand on each machine.
    Fires on: `subprocess.run(["convert", ...])` and a README block with `sudo apt-get install
    imagemagick` (or `brew install`, `apk add`), with no install in the Dockerfile or an Aptfile.
    Near miss: the image installs the tool too (F02-S23); no README mention (F02-S22).
    Fix: move the installation from the README into the build (a Dockerfile RUN line or an Aptfile).
    """
    for missing in unprovisioned_tools(facts):
        if missing.documented is not None:
            yield hit(
                missing.fact,
                missing.documented,
                tool=missing.tool,
                doc=missing.documented.path,
                package=TOOL_PACKAGES.get(missing.tool, (missing.tool,))[0],
            )
