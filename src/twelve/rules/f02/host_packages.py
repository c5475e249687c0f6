"""II. Dependencies: the host's Python packages leak into the app."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import host_package_exposures
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F02-S11", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "deploy"))
def host_packages_leak(facts: AppFacts) -> Iterator[Hit]:
    """The app can import packages installed on the host, outside its own environment.

    Why it matters: II. Dependencies — declaration goes with isolation: at run time nothing from the
    surrounding system may seep in, or the app works only where the host happens to carry the
    right packages.
    Fires on: `sys.path.append("/usr/lib/python3/dist-packages")`; `python -m venv
    --system-site-packages` in a Dockerfile or script; `ENV PYTHONPATH=/usr/local/lib/python3.12/site-packages`.
    Near miss: a plain `python -m venv /venv`; `sys.path` pointed at the app's own folder.
    Fix: remove the leak and install everything the app needs from its manifest into its own environment.
    """
    for fact, how in host_package_exposures(facts):
        yield hit(fact, how=how)
