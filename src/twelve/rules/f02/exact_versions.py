"""II. Dependencies: the declared versions resolve exactly (F02-S02) or not (F02-S08)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from twelve.appmodel.packages import (
    committed,
    committed_python_locks,
    gemfile_lock,
    gemfiles,
    go_modules,
    go_sum_for,
    jvm_dependencies,
    main_requirements,
    node_locks,
    node_manifests,
)
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.knowledge.packages import NODE_LOCK_NAMES, PYTHON_LOCK_NAMES
from twelve.model import Scope
from twelve.rules.registry import AGAINST, FOR, MODERATE, Hit, hit, rule


def _requirements_txt(requirements: list[Fact]) -> list[Fact]:
    return [d for d in requirements if (d.data.manifest or "").endswith((".txt", ".in"))]


@rule("F02-S02", factor=2, polarity=FOR, strength=MODERATE, ecosystems=("py",), replaces=("F02-S2",))
def exact_resolution(facts: AppFacts) -> Iterator[Hit]:
    """Python dependencies resolve to exact versions: a committed lock file, or every requirement pinned.

    Why it matters: II. Dependencies — the declaration must be exact as well as complete, so that
    every build of one commit installs the same set of packages.
    Fires on: a committed uv.lock, poetry.lock, Pipfile.lock or pdm.lock; a requirements.txt whose
    every main requirement is `name==x.y.z` (with or without `--hash`).
    Near miss: `flask>=3` in requirements.txt with no lock (F02-S08); a lock file listed in .gitignore.
    Fix: nothing to fix.
    """
    locks = committed_python_locks(facts)
    if locks:
        yield hit(
            *locks,
            how=", ".join(sorted(posixpath.basename(lock.path) for lock in locks)),
            count=sum(lock.data.count or 0 for lock in locks),
        )
        return
    requirements = _requirements_txt(main_requirements(facts))
    if requirements and all(d.data.pinned for d in requirements):
        hashed = all(d.data.hashed for d in requirements)
        files = sorted({d.data.manifest for d in requirements})
        yield hit(*requirements[:1], how=", ".join(files), count=len(requirements), hashes="yes" if hashed else "no")


@rule(
    "F02-S08",
    factor=2,
    polarity=AGAINST,
    strength=MODERATE,
    ecosystems=("py", "node", "go", "rb", "java"),
    replaces=("F02-S8", "F02-S3b", "F02-S4b", "F02-S6b"),
)
def inexact_resolution(facts: AppFacts) -> Iterator[Hit]:
    """The declared versions are not locked: open ranges and no committed lock file.

    One finding per language: Python (plain wording: unpinned requirements, no lock), Node.js
    (`node`: package.json without a committed lock), Go (`go`, `go_ignored`: go.sum missing or
    ignored by git), Ruby (`ruby`, `ruby_ignored`: Gemfile.lock missing or ignored) and the JVM
    (`jvm`: a dynamic version in Maven or Gradle, with no gradle.lockfile).

    Why it matters: II. Dependencies — declaring exactly means two builds of the same commit get the
    same versions; without a lock (or pins) ranges and transitive dependencies resolve to whatever
    the registry serves that day.
    Fires on: `flask` or `gunicorn>=20` in requirements.txt with no lock; package.json with `^`
    ranges and no package-lock.json/yarn.lock/pnpm-lock.yaml; go.mod with requirements and no go.sum
    (or go.sum in .gitignore); a Gemfile with gems and no Gemfile.lock (or it is ignored);
    `implementation 'com.google.guava:guava:33.+'`, `latest.release`, a Maven range `[1.0,2.0)`.
    Near miss: every requirement pinned with `==`; a committed lock; a go.mod without requirements;
    a gem library (gemspec) that leaves its lock out on purpose; a JVM dependency without a
    version (the parent or a BOM manages it) or with an unresolved `${property}`.
    Fix: commit the lock file of the package manager (uv.lock, poetry.lock, package-lock.json,
    go.sum, Gemfile.lock), take it out of .gitignore, and install from it.
    """
    yield from _python(facts)
    yield from _node(facts)
    yield from _go(facts)
    yield from _ruby(facts)
    yield from _jvm(facts)


def _python(facts: AppFacts) -> Iterator[Hit]:
    if committed_python_locks(facts):
        return
    ignored = [name for name in PYTHON_LOCK_NAMES if facts.ignored(name)]
    requirements = main_requirements(facts)
    txt = _requirements_txt(requirements)
    if txt and all(d.data.pinned for d in txt):
        return
    loose = [d for d in (txt or requirements) if not d.data.pinned]
    if loose:
        names = [d.data.display or d.data.name for d in loose]
        shown = ", ".join(names[:6]) + ("…" if len(names) > 6 else "")
        if ignored:
            shown += f" ({', '.join(ignored)} in .gitignore)"
        yield hit(*loose[:3], what=shown, names=shown, manifest=loose[0].data.manifest)


def _node(facts: AppFacts) -> Iterator[Hit]:
    manifests = [m for m in node_manifests(facts) if m.data.count]
    if not manifests or node_locks(facts):
        return
    loose = [
        d
        for d in facts.of("dep.declared")
        if d.data.ecosystem == "node"
        and d.scope is Scope.PRODUCTION
        and d.data.group in ("main", "optional")
        and not d.data.pinned
    ]
    shown = ", ".join(f"{d.data.display}@{d.data.spec}" for d in loose[:5]) + ("…" if len(loose) > 5 else "")
    ignored = [name for name in NODE_LOCK_NAMES if facts.ignored(name)]
    yield hit(
        manifests[0],
        *loose[:3],
        variant="node",
        manifest=manifests[0].path,
        ranges=shown or "—",
        count=len(loose),
        ignored=", ".join(ignored) if ignored else "—",
    )


def _go(facts: AppFacts) -> Iterator[Hit]:
    for manifest in go_modules(facts):
        if not manifest.data.count:
            continue  # a module without requirements has nothing to checksum
        lock = go_sum_for(facts, manifest)
        expected = posixpath.join(posixpath.dirname(manifest.path), "go.sum")
        if lock is None:
            variant = "go_ignored" if facts.ignored("go.sum") else "go"
            yield hit(manifest, variant=variant, manifest=manifest.path, count=manifest.data.count, lock=expected)
        elif not committed(facts, lock.path):
            yield hit(
                manifest, lock, variant="go_ignored", manifest=manifest.path, count=manifest.data.count, lock=lock.path
            )


def _ruby(facts: AppFacts) -> Iterator[Hit]:
    for manifest in gemfiles(facts):
        if not manifest.data.count or manifest.data.gemspec:
            continue  # a gem library may leave its lock out; an application may not
        lock = gemfile_lock(facts, manifest)
        expected = posixpath.join(posixpath.dirname(manifest.path), "Gemfile.lock")
        if lock is None:
            yield hit(
                manifest,
                variant="ruby_ignored" if facts.ignored("Gemfile.lock") else "ruby",
                manifest=manifest.path,
                count=manifest.data.count,
                lock=expected,
            )
        elif not committed(facts, lock.path):
            yield hit(
                manifest,
                lock,
                variant="ruby_ignored",
                manifest=manifest.path,
                count=manifest.data.count,
                lock=lock.path,
            )


def _dynamic_jvm_version(spec: str | None) -> bool:
    """A Maven/Gradle version that moves: a range, a `+` prefix, `latest.*`, LATEST or RELEASE."""
    if not spec or "${" in spec or "$" in spec:
        return False  # managed by the parent or a BOM, or a property resolved elsewhere
    return spec[:1] in "[(" or spec.endswith("+") or spec.upper() in ("LATEST", "RELEASE") or spec.startswith("latest.")


def _jvm(facts: AppFacts) -> Iterator[Hit]:
    if any(lock.data.ecosystem == "java" for lock in facts.of("dep.lock")):
        return
    moving = [d for d in jvm_dependencies(facts) if d.data.group != "test" and _dynamic_jvm_version(d.data.spec)]
    if moving:
        shown = ", ".join(f"{d.data.display or d.data.name}:{d.data.spec}" for d in moving[:5]) + (
            "…" if len(moving) > 5 else ""
        )
        yield hit(*moving[:3], variant="jvm", manifest=moving[0].data.manifest, ranges=shown, count=len(moving))
