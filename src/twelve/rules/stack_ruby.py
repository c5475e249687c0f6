"""Rules specific to Ruby (Rails, Sinatra, Puma, Sidekiq): the catalogue's per-ecosystem signals, all factors.

The Ruby facts use the shared kinds (env reads, clients, schedulers, signal traps, rake tasks), so
the generic rules read them; the rules here need Bundler, Rails or Puma knowledge: the Gemfile and
its lock (F02-S6), `bundle exec` (F02-S16), credentials in Rails files (F03-S6, F03-S14),
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.model import Scope
from twelve import appmodel
from twelve.appmodel import production
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, WEAK, Hit, hit, rule

RB = ("rb",)
_DEV_ENV = re.compile(r"(?i)^(dev|development|local|test|testing|ci)$")
_SKIP_SCOPES = frozenset({Scope.EXAMPLE, Scope.VENDORED, Scope.GENERATED})


def _rb(facts: AppFacts, kind: str) -> list[Fact]:
    return [f for f in production(facts.of(kind)) if f.get("lang") == "ruby"]


def _gemfiles(facts: AppFacts) -> list[Fact]:
    return [f for f in facts.of("dep.manifest") if f.get("ecosystem") == "ruby" and f.scope in (Scope.PRODUCTION, Scope.DEV)]


def _lock_for(facts: AppFacts, manifest: Fact) -> Fact | None:
    folder = posixpath.dirname(manifest.path)
    return next((f for f in facts.of("dep.lock") if f.get("ecosystem") == "ruby" and posixpath.dirname(f.path) == folder), None)


def _committed(facts: AppFacts, path: str) -> bool:
    if facts.git.vcs == "git" and facts.git.head:
        return facts.tracked(path)
    return not facts.ignored(posixpath.basename(path))


def _gems(facts: AppFacts) -> dict[str, Fact]:
    """Gems of the main group (what production bundles)."""
    return {name: fact for name, fact in appmodel.declared(facts, "ruby").items() if fact.get("group") != "dev"}


def _production_env(fact: Fact) -> bool:
    """A setting that applies to a deployed environment (production, staging...), not development or test."""
    env = fact.get("environment")
    return fact.scope is Scope.PRODUCTION and not (env and _DEV_ENV.match(str(env)))


def _settings(facts: AppFacts, path: str) -> list[Fact]:
    return [f for f in facts.of("config.assign") if f.get("lang") == "ruby" and f.get("path") == path and f.scope not in _SKIP_SCOPES]


# --- II. Dependencies -------------------------------------------------------------------------------


@rule("F02-S6", factor=2, polarity=FOR, strength=STRONG, ecosystems=RB)
def gemfile_declared(facts: AppFacts) -> Iterator[Hit]:
    for manifest in _gemfiles(facts):
        lock = _lock_for(facts, manifest)
        if lock is not None and _committed(facts, lock.path):
            yield hit(manifest, lock, manifest=manifest.path, count=manifest.get("count", 0), lock=lock.path)
        else:
            yield hit(manifest, variant="nolock", manifest=manifest.path, count=manifest.get("count", 0), lock="")


@rule("F02-S6b", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=RB)
def gemfile_lock_missing(facts: AppFacts) -> Iterator[Hit]:
    for manifest in _gemfiles(facts):
        if not manifest.get("count") or manifest.get("gemspec"):
            continue  # a gem library may leave its lock out; an application may not
        lock = _lock_for(facts, manifest)
        expected = posixpath.join(posixpath.dirname(manifest.path), "Gemfile.lock")
        if lock is None:
            yield hit(manifest, variant="ignored" if facts.ignored("Gemfile.lock") else None, manifest=manifest.path,
                      count=manifest.get("count"), lock=expected)
        elif not _committed(facts, lock.path):
            yield hit(manifest, lock, variant="ignored", manifest=manifest.path, count=manifest.get("count"), lock=lock.path)


def _bundle_exec(argv: tuple[str, ...] | list[str]) -> bool:
    words = [w.rsplit("/", 1)[-1] for w in argv]
    return any(words[i] == "bundle" and words[i + 1] == "exec" for i in range(len(words) - 1))


@rule("F02-S16", factor=2, polarity=FOR, strength=MODERATE, ecosystems=RB)
def bundler_isolation(facts: AppFacts) -> Iterator[Hit]:
    if not _gemfiles(facts):
        return
    found: dict[str, Fact] = {}
    for start in appmodel.start_commands(facts):
        if _bundle_exec(appmodel.effective(start).argv) or _bundle_exec(start.argv):
            found.setdefault("bundle exec", start.fact)
    for fact in production(facts.of("shell.command")):
        if _bundle_exec(fact.get("argv") or []):
            found.setdefault("bundle exec", fact)
    for fact in production(facts.of("docker.env")):
        if fact.get("key") in ("BUNDLE_DEPLOYMENT", "BUNDLE_FROZEN") and str(fact.get("value")).strip("\"'").lower() in ("1", "true", "yes"):
            found.setdefault(f"{fact.get('key')}={fact.get('value')}", fact)
    for fact in production(facts.of("docker.run")):
        command = str(fact.get("command", ""))
        mode = re.search(r"bundle\s+config\s+(?:set\s+)?(?:--local\s+|--global\s+)?(deployment|frozen)\s+['\"]?(true|1)", command) \
            or re.search(r"bundle\s+install\b[^&;|]*(--deployment|--frozen)", command)
        if mode:
            found.setdefault(mode.group(0).strip(), fact)
    if found:
        yield hit(*list(found.values())[:4], how=list(found))


# --- III. Config -------------------------------------------------------------------------------------


@rule("F03-S6", factor=3, polarity=AGAINST, strength=STRONG, ecosystems=RB)
def rails_credentials_in_files(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("config.assign"):
        if fact.get("lang") != "ruby" or fact.get("source") != "literal" or not _production_env(fact):
            continue
        file, name = fact.get("file"), str(fact.get("name"))
        if file == "database.yml" and name == "password" and fact.get("grade") in ("secret", "trivial"):
            yield hit(fact, what=f"{fact.path} {fact.get('path')}", value=fact.get("value"), path=fact.path)
        elif file == "database.yml" and name == "url" and fact.get("grade") in ("secret", "trivial"):
            yield hit(fact, what=f"{fact.path} {fact.get('path')}", value=fact.get("value"), path=fact.path)
        elif file == "secrets.yml" and fact.get("grade") == "secret":
            yield hit(fact, variant="secrets", what=f"{fact.path} {fact.get('path')}", value=fact.get("value"), path=fact.path)
    for fact in facts.of("credentials.file"):
        if fact.get("kind") == "key" and not fact.get("empty") and _committed(facts, fact.path):
            yield hit(fact, variant="key", what=fact.path, value="", path=fact.path)


@rule("F03-S14", factor=3, polarity=AGAINST, strength=WEAK, ecosystems=RB)
def rails_encrypted_credentials(facts: AppFacts) -> Iterator[Hit]:
    files = [f for f in facts.of("credentials.file") if f.get("kind") == "encrypted"]
    if not files:
        return
    environments = sorted({str(f.get("environment")) for f in files if f.get("environment")})
    yield hit(*files, variant="per_env" if environments else None, files=[f.path for f in files],
              environments=environments or "")




