"""II. Dependencies: a host tool the app runs is missing from (F02-S22) or provided by (F02-S23) the image."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import installed_os_packages, tool_provider, tools_needed, unprovisioned_tools
from twelve.facts import AppFacts
from twelve.knowledge.tools import TOOL_PACKAGES
from twelve.rules.registry import AGAINST, FOR, STRONG, Hit, hit, rule


@rule("F02-S22", factor=2, polarity=AGAINST, strength=STRONG, ecosystems=("py", "deploy"))
def unprovisioned_tool(facts: AppFacts) -> Iterator[Hit]:
    """The app runs a host program that nothing in its build installs.

    Why it matters: II. Dependencies — a twelve-factor app never relies on system tools being there
    (the text names ImageMagick and curl); a tool the app shells out to is a dependency too, and
    must come with the artifact.
    Fires on: `subprocess.run(["convert", ...])`, `import pdf2image` (which runs pdftoppm),
    `require("fluent-ffmpeg")`, `ffmpeg` in the image's entrypoint script, with no `apt-get install`
    (or Aptfile line) that provides it.
    Near miss: the Dockerfile installs imagemagick (F02-S23); the README is the only place that
    installs it (F02-S24).
    Fix: install the tool's package in the image (`apt-get install -y --no-install-recommends …`) or
    replace it by a library declared in the manifest.
    """
    for missing in unprovisioned_tools(facts):
        if missing.documented is None:  # documented-only is F02-S24
            yield hit(
                missing.fact,
                tool=missing.tool,
                where=missing.fact.path,
                package=TOOL_PACKAGES.get(missing.tool, (missing.tool,))[0],
            )


@rule("F02-S23", factor=2, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def provisioned_tool(facts: AppFacts) -> Iterator[Hit]:
    """A host program the app runs is installed by its image.

    Why it matters: II. Dependencies — tools the app shells out to are provided by the build
    artifact, not assumed on the host.
    Fires on: `subprocess.run(["convert", ...])` with `RUN apt-get install -y imagemagick`; an
    Aptfile listing the package.
    Near miss: a tool no build step installs (F02-S22); no tool used at all.
    Fix: nothing to fix.
    """
    packages = installed_os_packages(facts)
    for use in tools_needed(facts):
        provider = tool_provider(use.tool, packages)
        if provider:
            package, where = provider
            yield hit(where, use.fact, tool=use.tool, package=package)
