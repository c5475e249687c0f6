"""II. Dependencies: the app declares its dependencies in its ecosystem's manifest."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

from twelve.appmodel.packages import (
    committed,
    gemfile_lock,
    gemfiles,
    go_modules,
    go_sum_for,
    jvm_builds,
    node_locks,
    node_manifests,
    python_manifests,
    vendor_dir,
)
from twelve.facts import AppFacts
from twelve.model import Location, Scope
from twelve.rules.registry import FOR, MODERATE, STRONG, WEAK, Hit, hit, rule


@rule(
    "F02-S01",
    factor=2,
    polarity=FOR,
    strength=STRONG,
    ecosystems=("py", "node", "go", "java", "rb"),
    replaces=("F02-S1", "F02-S3", "F02-S4", "F02-S5", "F02-S6"),
)
def manifest_declared(facts: AppFacts) -> Iterator[Hit]:
    """The dependencies are declared in the manifest of the app's ecosystem.

    One finding per language: Python (plain wording), Node.js (`node`: package.json with its
    committed lock), Go (`go`: go.mod with go.sum, `go_vendored`, `go_nolock`), Java/Kotlin
    (`java`: the POM or Gradle build, plus `java_wrapper` for a committed Maven/Gradle wrapper
    and `java_lock` for Gradle dependency locking) and Ruby (`ruby`: Gemfile with Gemfile.lock,
    `ruby_nolock`).

    Why it matters: II. Dependencies — a twelve-factor app lists every dependency, completely and
    exactly, in a manifest of its language's packaging system, instead of counting on what a host
    happens to have installed.
    Fires on: requirements.txt or a pyproject.toml; package.json next to a committed
    package-lock.json/yarn.lock/pnpm-lock.yaml; go.mod (with go.sum); pom.xml or build.gradle(.kts)
    (and mvnw, gradle.lockfile); a Gemfile (with Gemfile.lock).
    Near miss: an empty requirements.txt; package.json without a committed lock (F02-S08); a manifest
    under `tests/` or `examples/`; source files with no manifest at all (F02-AP01).
    Fix: nothing to fix.
    """
    yield from _python(facts)
    yield from _node(facts)
    yield from _go(facts)
    yield from _jvm(facts)
    yield from _ruby(facts)


def _python(facts: AppFacts) -> Iterator[Hit]:
    manifests = [m for m in python_manifests(facts) if m.data.count or m.data.kind == "pyproject"]
    if manifests:
        names = sorted({m.path for m in manifests})
        yield hit(*manifests, manifests=names, count=sum(m.data.count or 0 for m in manifests))


def _node(facts: AppFacts) -> Iterator[Hit]:
    manifests = node_manifests(facts)
    locks = node_locks(facts)
    if manifests and locks:
        yield hit(
            *manifests[:2],
            *locks[:2],
            variant="node",
            manifest=", ".join(m.path for m in manifests[:3]),
            lock=", ".join(loc.path for loc in locks[:3]),
            count=sum(m.data.count or 0 for m in manifests),
        )


def _go(facts: AppFacts) -> Iterator[Hit]:
    for manifest in go_modules(facts):
        lock = go_sum_for(facts, manifest)
        vendor = vendor_dir(facts, manifest)
        params: dict[str, Any] = {
            "manifest": manifest.path,
            "count": manifest.data.count or 0,
            "module": manifest.data.module or "?",
        }
        if lock is not None and committed(facts, lock.path):
            yield hit(
                manifest, lock, variant="go_vendored" if vendor else "go", lock=lock.path, vendor=vendor or "", **params
            )
        else:
            yield hit(manifest, variant="go_nolock", lock="", vendor=vendor or "", **params)


def _jvm(facts: AppFacts) -> Iterator[Hit]:
    manifests = jvm_builds(facts)
    if not manifests:
        return
    names = sorted({m.path for m in manifests})
    yield hit(*manifests, variant="java", manifests=names, count=sum(m.data.count or 0 for m in manifests))
    wrappers = [f for f in facts.files_of("jvm_wrapper") if f.scope is Scope.PRODUCTION]
    if wrappers:
        yield hit(
            *(Location(w.path) for w in wrappers),
            strength=MODERATE,
            variant="java_wrapper",
            wrapper=sorted(posixpath.basename(w.path) for w in wrappers),
        )
    locks = [f for f in facts.of("dep.lock") if f.data.ecosystem == "java"]
    locking = [m for m in manifests if m.data.locking]
    if locks or locking:
        where = locks + [Location(m.path, m.data.locking or m.line, "dependencyLocking") for m in locking]
        yield hit(
            *where,
            strength=WEAK,
            variant="java_lock",
            lock=sorted({lock.path for lock in locks} | {f"{m.path} (dependencyLocking)" for m in locking}),
        )


def _ruby(facts: AppFacts) -> Iterator[Hit]:
    for manifest in gemfiles(facts):
        lock = gemfile_lock(facts, manifest)
        if lock is not None and committed(facts, lock.path):
            # gems declared in a loop (`%w[...].each { |g| gem g }`) are counted from the lock's DEPENDENCIES
            count = manifest.data.count or len(lock.data.dependencies or [])
            yield hit(manifest, lock, variant="ruby", manifest=manifest.path, count=count, lock=lock.path)
        else:
            yield hit(manifest, variant="ruby_nolock", manifest=manifest.path, count=manifest.data.count or 0, lock="")
