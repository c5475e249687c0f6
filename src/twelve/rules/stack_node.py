"""Rules specific to Node.js / TypeScript: the catalogue's per-ecosystem signals (`node`), all factors.

II (F02-S3, F02-S17): package.json with a committed lock, installs that respect the lock.
III (F03-S3): connection strings and keys written in JavaScript/TypeScript code.

Everything here reads the generic fact kinds (docs/facts.md) restricted to `lang` javascript or
typescript, plus the Node manifests (`ecosystem` node).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.model import Value
from twelve.facts.shellwords import Command, split_commands
from twelve.model import Location, Scope
from twelve import appmodel
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

_LANGS = frozenset({"javascript", "typescript", "prisma"})
LOCK_NAMES = ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb")
#: a URL whose password the facts stage masked (it masks real-looking passwords, not placeholders)
_MASKED_URL_PASSWORD = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@\s:]+:[^@]*…\[\d+ chars, #[0-9a-f]+\]@", re.IGNORECASE)
_SECRET_NAME = re.compile(r"(?i)(pass(word|wd)?|pwd|secret\w*|token|api_?key|private_?key|access_?key\w*|credentials?|"
                          r"signing_?key|encryption_?key)$")


def _code(facts: AppFacts, kind: str) -> list[Fact]:
    """Production facts of *kind* extracted from JavaScript/TypeScript."""
    return [f for f in appmodel.production(facts.of(kind)) if f.get("lang") in _LANGS]


# --- II. Dependencies ----------------------------------------------------------------------------------


def _manifests(facts: AppFacts) -> list[Fact]:
    return [f for f in facts.of("dep.manifest") if f.get("ecosystem") == "node" and f.scope is Scope.PRODUCTION]


def _committed(facts: AppFacts, path: str) -> bool:
    """Whether a lock file is part of the codebase: not ignored, and in the index when there is one."""
    if facts.ignored(posixpath.basename(path)):
        return False
    tracked = facts.git.tracked
    return not tracked or path in tracked


def _locks(facts: AppFacts) -> list[Location]:
    """Node lock files of the app: read ones, unreadable ones (bun.lockb) and those too large to read."""
    found: dict[str, Location] = {}
    for fact in facts.of("dep.lock"):
        if fact.get("ecosystem") == "node" and fact.scope is Scope.PRODUCTION:
            found.setdefault(fact.path, Location(fact.path, fact.line, fact.excerpt))
    for entry in facts.files_of("node_lock"):
        if entry.scope is Scope.PRODUCTION:
            found.setdefault(entry.path, Location(entry.path))
    repo = facts.all.repo
    for skipped in facts.all.skipped:
        owner = repo.owner(skipped.path)
        if posixpath.basename(skipped.path) in LOCK_NAMES and (owner is None or owner == facts.app):
            found.setdefault(skipped.path, Location(skipped.path))
    return [loc for path, loc in sorted(found.items()) if _committed(facts, path)]


@rule("F02-S3", factor=2, polarity=FOR, strength=STRONG, ecosystems=("node",))
def package_json_with_lock(facts: AppFacts) -> Iterator[Hit]:
    manifests = _manifests(facts)
    locks = _locks(facts)
    if manifests and locks:
        yield hit(*manifests[:2], *locks[:2], manifest=", ".join(m.path for m in manifests[:3]),
                  lock=", ".join(loc.path for loc in locks[:3]), count=sum(m.get("count", 0) for m in manifests))


@rule("F02-S3b", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("node",))
def package_json_without_lock(facts: AppFacts) -> Iterator[Hit]:
    manifests = [m for m in _manifests(facts) if m.get("count", 0)]
    if not manifests or _locks(facts):
        return
    loose = [d for d in facts.of("dep.declared") if d.get("ecosystem") == "node" and d.scope is Scope.PRODUCTION
             and d.get("group") in ("main", "optional") and not d.get("pinned")]
    names = [d.get("display") or d.get("name") for d in loose]
    shown = ", ".join(f"{d.get('display')}@{d.get('spec')}" for d in loose[:5]) + ("…" if len(loose) > 5 else "")
    ignored = [name for name in LOCK_NAMES if facts.ignored(name)]
    yield hit(manifests[0], *loose[:3], manifest=manifests[0].path, ranges=shown or "—", count=len(names),
              ignored=", ".join(ignored) if ignored else "—")


def _install(command: Command) -> str | None:
    """"frozen" for installs that must follow the lock, "loose" for installs that may rewrite it."""
    argv, program = command.argv, command.program
    words = [w for w in argv[1:] if not w.startswith("-")]
    verb = words[0] if words else ""
    if program == "npm":
        if verb in ("ci", "clean-install", "install-clean", "cit", "isntall-clean"):
            return "frozen"
        if verb in ("install", "i", "add") and len(words) == 1 and not command.has_flag("-g", "--global"):
            return "loose"
    elif program in ("yarn", "pnpm", "bun"):
        if verb not in ("", "install", "i"):
            return None
        if command.has_flag("--frozen-lockfile", "--immutable", "--frozen-lock-file"):
            return "frozen"
        if len(words) <= 1 and not command.has_flag("-g", "--global"):
            return "loose"
    return None


def _install_steps(facts: AppFacts) -> Iterator[tuple[Fact, Command, str]]:
    for fact in appmodel.production(facts.of("docker.run")):
        for command in split_commands(fact.get("command", "")):
            how = _install(command)
            if how:
                yield fact, command, how
    for step in facts.of("ci.step"):
        for command in split_commands(step.get("run") or ""):
            how = _install(command)
            if how:
                yield step, command, how
    for fact in appmodel.production(facts.of("shell.command")):
        command = Command(tuple(fact.get("argv") or ()), " ".join(fact.get("argv") or ()), 0, False, False)
        how = _install(command)
        if how:
            yield fact, command, how


@rule("F02-S17", factor=2, polarity=FOR, strength=MODERATE, ecosystems=("node",))
def lock_respecting_install(facts: AppFacts) -> Iterator[Hit]:
    seen: set[str] = set()
    for fact, command, how in _install_steps(facts):
        if how == "frozen" and fact.path not in seen:
            seen.add(fact.path)
            yield hit(fact, command=" ".join(command.argv[:4]), file=fact.path)


@rule("F02-S17b", factor=2, polarity=AGAINST, strength=WEAK, ecosystems=("node",))
def lock_rewriting_install(facts: AppFacts) -> Iterator[Hit]:
    if not _locks(facts):
        return  # without a lock F02-S3b says it
    for fact, command, how in _install_steps(facts):
        if how == "loose" and fact.kind == "docker.run":
            yield hit(fact, command=" ".join(command.argv[:4]), file=fact.path,
                      frozen="npm ci" if command.program == "npm" else f"{command.program} install --frozen-lockfile")


# --- III. Config ---------------------------------------------------------------------------------------


def _literal_secret(name: str, value: dict | Value) -> bool:
    """A literal that is a credential (by its name) or a URL carrying a password."""
    if value.get("source") != "literal" or not isinstance(value.get("value"), str):
        return False
    if _MASKED_URL_PASSWORD.match(value["value"]):
        return True
    return bool(_SECRET_NAME.search(name)) and value.get("grade") is not None


@rule("F03-S3", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=("node",))
def literal_credentials_in_code(facts: AppFacts) -> Iterator[Hit]:
    for fact in _code(facts, "client"):
        for arg in fact.get("args") or []:
            key = str(arg.get("key"))
            if _literal_secret(key if not key.isdigit() else "url", arg):
                yield hit(fact, what=f"{fact.get('api')} ({key if not key.isdigit() else 'URL'})", value=arg.get("value"),
                          path=fact.path)
    for fact in _code(facts, "config.assign"):
        if fact.data.value is not None and _literal_secret(str(fact.get("name")), fact.data.value):
            yield hit(fact, what=fact.get("path") or fact.get("name"), value=fact.get("value"), path=fact.path)


