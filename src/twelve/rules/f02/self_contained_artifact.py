"""II. Dependencies: the build produces an artifact that carries its own dependencies."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import (
    fat_artifact,
    go_modules,
    go_static_build,
    jvm_builds,
    jvm_image_build,
    python_installs,
    python_manifests,
)
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.model import Location
from twelve.rules.registry import FOR, MODERATE, STRONG, Hit, hit, rule


@rule(
    "F02-S14",
    factor=2,
    polarity=FOR,
    strength=STRONG,
    ecosystems=("deploy", "go", "java"),
    replaces=("F02-S18", "F02-S19"),
)
def self_contained_artifact(facts: AppFacts) -> Iterator[Hit]:
    """The build isolates the app: its artifact carries exactly the declared dependencies.

    One finding per language: Python (plain wording: the image installs from the manifest, or a
    Procfile platform builds from it), Go (`go`: a static build on a minimal runtime image,
    moderate) and Java/Kotlin (`java`: an executable jar, a runtime image or a container image
    built by the build tool, moderate).

    Why it matters: II. Dependencies — declaration needs isolation: the app must run with what its
    manifest declares and nothing it finds on the host, which a self-contained artifact guarantees.
    Fires on: `RUN pip install -r requirements.txt` (or `uv sync`, `poetry install`, `pip install .`);
    a Procfile next to a Python manifest; `CGO_ENABLED=0`, `-mod=vendor|readonly`, `FROM scratch` or
    distroless for Go; spring-boot-maven-plugin, Shadow, Jib, jlink, `bootBuildImage` for the JVM.
    Near miss: `RUN pip install flask` (by name, F02-S12); a plain `golang` image running `go run`;
    a thin jar with `skip` on the Spring Boot plugin.
    Fix: nothing to fix.
    """
    yield from _python(facts)
    yield from _go(facts)
    yield from _jvm(facts)


def _python(facts: AppFacts) -> Iterator[Hit]:
    for install in python_installs(facts):
        if install.from_manifest:
            yield hit(install.fact, how="Dockerfile", command=install.text)
            return
    procfile = facts.of("procfile.process")
    manifests = python_manifests(facts)
    if procfile and manifests:
        yield hit(procfile[0], how="Procfile", command=manifests[0].path)


def _go(facts: AppFacts) -> Iterator[Hit]:
    if not go_modules(facts):
        return
    found = go_static_build(facts)
    if found:
        seen: dict[str, Fact] = {}
        for fact, how in found:
            seen.setdefault(how, fact)
        yield hit(*list(seen.values())[:4], strength=MODERATE, variant="go", how=list(seen))


def _jvm(facts: AppFacts) -> Iterator[Hit]:
    for manifest in jvm_builds(facts):
        found = fat_artifact(manifest)
        if found:
            how, line = found
            yield hit(
                Location(manifest.path, line or manifest.line, how),
                strength=MODERATE,
                variant="java",
                how=how,
                manifest=manifest.path,
            )
            return
    image = jvm_image_build(facts)
    if image is not None:
        step, how = image
        yield hit(step, strength=MODERATE, variant="java", how=how, manifest=step.path)
