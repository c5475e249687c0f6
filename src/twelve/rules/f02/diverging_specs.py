"""II. Dependencies: production installs one pin of a package while another requirements file pins another."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from twelve.appmodel.packages import python_installs
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F02-S13", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "deploy"))
def diverging_specs(facts: AppFacts) -> Iterator[Hit]:
    """Two requirements files pin one package at different versions, and the image installs one of them.

    Why it matters: II. Dependencies — the same dependency declaration applies to development and
    production alike; two unrelated pin lists let the environments drift apart.
    Fires on: the Dockerfile installs `requirements-prod.txt` (`flask==2.2.0`) while
    `requirements.txt` pins `flask==3.0.0`.
    Near miss: `requirements-dev.txt` that includes `-r requirements.txt`; the same pin in both
    files; no Dockerfile install from a requirements file.
    Fix: generate both files from one source (a lock file, or `-r` of the production file) so that
    every package has one version.
    """
    installed_files = {name for install in python_installs(facts) for name in install.requirement_files}
    if not installed_files:
        return
    pins: dict[str, dict[str, Fact]] = {}
    for fact in facts.of("dep.declared"):
        data = fact.data
        if data.ecosystem == "python" and data.pinned and (data.manifest or "").endswith(".txt"):
            pins.setdefault(data.name, {})[data.manifest] = fact
    includes = {(f.path, posixpath.basename(f.data.target or "")) for f in facts.of("dep.include")}
    for name, by_file in sorted(pins.items()):
        used = [f for m, f in by_file.items() if posixpath.basename(m) in installed_files]
        others = [f for m, f in by_file.items() if posixpath.basename(m) not in installed_files]
        for prod in used:
            for other in others:
                linked = (prod.path, posixpath.basename(other.path)) in includes or (
                    other.path,
                    posixpath.basename(prod.path),
                ) in includes
                if not linked and prod.data.spec != other.data.spec:
                    yield hit(
                        prod,
                        other,
                        package=prod.data.display or name,
                        prod_spec=prod.data.spec,
                        prod_file=prod.path,
                        other_spec=other.data.spec,
                        other_file=other.path,
                    )
