"""II. Dependencies: a Maven dependency the host must provide (system scope)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import inside_project, jvm_dependencies
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.model import Location
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F02-S09", factor=2, polarity=AGAINST, strength=STRONG, ecosystems=("java",), replaces=("F02-S9",))
def system_scope_dependency(facts: AppFacts) -> Iterator[Hit]:
    """A Maven dependency with `<scope>system</scope>` whose jar lives on the build machine.

    Why it matters: II. Dependencies — a system-scoped jar is a package the host must provide,
    outside the declaration: the build works only on machines that have that file at that path.
    Fires on: `<systemPath>/opt/oracle/ojdbc8.jar</systemPath>`, `${java.home}/lib/tools.jar`, a
    system-scoped dependency with no systemPath.
    Near miss: `<systemPath>${project.basedir}/lib/x.jar</systemPath>` (a jar inside the project,
    F02-S10); an ordinary dependency resolved from a repository.
    Fix: publish the jar to a Maven repository and declare it with coordinates and a version.
    """
    for dep in jvm_dependencies(facts):
        data = dep.data
        if data.scope != "system":
            continue
        path = str(data.system_path_resolved or data.system_path or "")
        if path and inside_project(path):
            continue  # a jar committed with the project: F02-S10
        where: Fact | Location = (
            Location(dep.path, data.system_path_line, f"<systemPath>{path}</systemPath>") if path else dep
        )
        yield hit(where, dependency=data.name, path=path or "(no systemPath)", manifest=dep.path)
