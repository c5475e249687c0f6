"""II. Dependencies: jars committed to the repository and referenced by path."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import committed_jars, local_jar_references
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F02-S10", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("java",))
def vendored_jars(facts: AppFacts) -> Iterator[Hit]:
    """The JVM build reads jars committed to the repository, by path, without coordinates.

    Why it matters: II. Dependencies — vendored jars are isolated but not declared: with no group,
    artifact or version nobody can tell which version of a library the app runs.
    Fires on: Gradle `implementation files("lib/legacy.jar")` or `fileTree("lib")`, a `flatDir` of
    `lib/`, a Maven systemPath under `${project.basedir}`, when matching jars are committed.
    Near miss: the Gradle or Maven wrapper jar; committed jars no build file refers to.
    Fix: publish the jars to a repository, declare them with coordinates and a version, and delete them.
    """
    jars = committed_jars(facts)
    if not jars:
        return
    for evidence, path, how in local_jar_references(facts):
        path = path.removeprefix("./")
        matched = [j for j in jars if j == path or j.startswith(path.rstrip("/") + "/")]
        if matched:
            shown = ", ".join(matched[:4]) + ("…" if len(matched) > 4 else "")
            yield hit(evidence, how=how, jars=shown, count=len(matched), manifest=evidence.path)
