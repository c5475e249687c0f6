"""Rules specific to Go: the catalogue's per-ecosystem signals, all factors.

The Go facts (facts/golang.py, facts/gomanifests.py) use the shared kinds, so the generic rules
already read most of them (env reads, clients, schedulers, process spawns, signal handlers and
shutdown hooks). The rules here are the Go rows of the catalogue: go.mod/go.sum (F02-S4), static
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.model import Location, Scope
from twelve.appmodel import production
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

GO = ("go",)
_SECRET = re.compile(r"(?i)(secret|passw(or)?d|passwd|pwd|token|key|credentials?|signing_?key|"
                     r"auth_?key|dsn|database_?url|db_?url)$")


def _go(facts: AppFacts, kind: str) -> list[Fact]:
    return [f for f in production(facts.of(kind)) if f.get("lang") == "go"]


def _go_mods(facts: AppFacts) -> list[Fact]:
    return [f for f in facts.of("dep.manifest") if f.get("ecosystem") == "go" and f.get("kind") == "go.mod"
            and f.scope in (Scope.PRODUCTION, Scope.DEV)]


def _go_sums(facts: AppFacts) -> list[Fact]:
    return [f for f in facts.of("dep.lock") if f.get("ecosystem") == "go"]


def _committed(facts: AppFacts, path: str) -> bool:
    """Whether a file is part of the codebase: tracked by git (or present, when there is no git)."""
    if facts.git.vcs == "git" and facts.git.head:
        return facts.tracked(path)
    return not facts.ignored(posixpath.basename(path))


def _vendor_dir(facts: AppFacts, manifest: Fact) -> str | None:
    folder = posixpath.dirname(manifest.path)
    wanted = posixpath.join(folder, "vendor") if folder else "vendor"
    return wanted if wanted in facts.all.repo.vendored_dirs else None


def _sum_for(facts: AppFacts, manifest: Fact) -> Fact | None:
    folder = posixpath.dirname(manifest.path)
    return next((s for s in _go_sums(facts) if posixpath.dirname(s.path) == folder), None)


# --- II. Dependencies -------------------------------------------------------------------------------


@rule("F02-S4", factor=2, polarity=FOR, strength=STRONG, ecosystems=GO)
def go_modules_declared(facts: AppFacts) -> Iterator[Hit]:
    for manifest in _go_mods(facts):
        lock = _sum_for(facts, manifest)
        vendor = _vendor_dir(facts, manifest)
        params = {"manifest": manifest.path, "count": manifest.get("count", 0), "module": manifest.get("module") or "?"}
        if lock is not None and _committed(facts, lock.path):
            yield hit(manifest, lock, variant="vendored" if vendor else None, lock=lock.path, vendor=vendor or "", **params)
        else:
            yield hit(manifest, variant="nolock", lock="", vendor=vendor or "", **params)


@rule("F02-S4b", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=GO)
def go_sum_missing(facts: AppFacts) -> Iterator[Hit]:
    for manifest in _go_mods(facts):
        if not manifest.get("count"):
            continue  # a module without requirements has nothing to checksum
        lock = _sum_for(facts, manifest)
        expected = posixpath.join(posixpath.dirname(manifest.path), "go.sum")
        if lock is None:
            variant = "ignored" if facts.ignored("go.sum") else None
            yield hit(manifest, variant=variant, manifest=manifest.path, count=manifest.get("count"), lock=expected)
        elif not _committed(facts, lock.path):
            yield hit(manifest, lock, variant="ignored", manifest=manifest.path, count=manifest.get("count"), lock=lock.path)


@rule("F02-S4c", factor=2, polarity=AGAINST, strength=STRONG, ecosystems=GO)
def go_without_module(facts: AppFacts) -> Iterator[Hit]:
    code = [f for f in facts.files if f.kind == "go" and f.scope is Scope.PRODUCTION]
    if code and not _go_mods(facts) and not any(f.kind == "go_mod" for f in facts.files):
        yield hit(Location(code[0].path), files=len(code), first=code[0].path)


def _static_build(facts: AppFacts) -> list[tuple[Fact, str]]:
    found: list[tuple[Fact, str]] = []
    for fact in production(facts.of("docker.env", "docker.arg")):
        value = fact.get("value") if fact.kind == "docker.env" else fact.get("default")
        if fact.get("key") == "CGO_ENABLED" and str(value).strip("\"'") == "0":
            found.append((fact, "CGO_ENABLED=0"))
        if fact.get("key") == "GOFLAGS" and re.search(r"-mod=(vendor|readonly)", str(value)):
            found.append((fact, f"GOFLAGS={value}"))
    for fact in production(facts.of("docker.run")):
        command = str(fact.get("command", ""))
        if "CGO_ENABLED=0" in command:
            found.append((fact, "CGO_ENABLED=0"))
        mode = re.search(r"\bgo\s+(build|install)\b[^&;|]*?(-mod=(vendor|readonly))", command)
        if mode:
            found.append((fact, f"go build {mode.group(2)}"))
    for fact in production(facts.of("docker.from")):
        image = str(fact.get("image") or "")
        if fact.get("final") and not fact.get("stage_ref") and (image == "scratch" or image.startswith(
                ("gcr.io/distroless/", "cgr.dev/chainguard/static"))):
            found.append((fact, f"FROM {image}" + (f":{fact.get('tag')}" if fact.get("tag") else "")))
    return found


@rule("F02-S18", factor=2, polarity=FOR, strength=MODERATE, ecosystems=GO)
def static_go_build(facts: AppFacts) -> Iterator[Hit]:
    if not _go_mods(facts):
        return
    found = _static_build(facts)
    if found:
        seen: dict[str, Fact] = {}
        for fact, how in found:
            seen.setdefault(how, fact)
        yield hit(*list(seen.values())[:4], how=list(seen))


# --- III. Config -------------------------------------------------------------------------------------


@rule("F03-S4", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=GO)
def literal_credentials_in_go(facts: AppFacts) -> Iterator[Hit]:
    for fact in _go(facts, "client"):
        for arg in fact.get("args", []):
            grade = arg.get("grade")
            if arg.get("source") != "literal" or grade not in ("secret", "trivial"):
                continue
            yield hit(fact, strength=WEAK if grade == "trivial" else None, what=f"{fact.get('api')} ({arg.get('key')})",
                      value=arg.get("value"), path=fact.path)
    for fact in _go(facts, "config.assign"):
        name = str(fact.get("name") or "")
        if fact.get("source") == "literal" and fact.get("grade") == "secret" and _SECRET.search(name):
            yield hit(fact, variant="constant", what=f"{fact.get('declared_as', 'const')} {name}", value=fact.get("value"),
                      path=fact.path)


