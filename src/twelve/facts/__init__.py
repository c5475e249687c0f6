"""Stage 2: what the files say.

Each analyzed file is read once (bounded, never through a symlink), decoded with replacement, and
handed to the extractors registered for its kind; the secret scan sees every text file. An
extractor that fails on a file turns into a coverage entry, never into a failed run.
"""

from __future__ import annotations

import codecs
import configparser
import errno
import hashlib
import importlib
import itertools
import logging
import operator
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from twelve.facts import secretscan
from twelve.facts.base import Fact, Source
from twelve.facts.secrets import FileSecrets, conceal, conceal_fact
from twelve.model import Skipped
from twelve.repository import AppRoot, FileEntry, Repository
from twelve.repository.git import GitInfo
from twelve.repository.walk import SpecialFileError, read_regular

#: file kind -> extractor modules (each has `extract(source) -> list[Fact]`)
EXTRACTORS: dict[str, tuple[str, ...]] = {
    "python": ("twelve.facts.python", "twelve.facts.vcs"),
    "requirements": ("twelve.facts.pymanifests",),
    "pyproject": ("twelve.facts.pymanifests",),
    "pipfile": ("twelve.facts.pymanifests",),
    "setup_cfg": ("twelve.facts.pymanifests",),
    "lock": ("twelve.facts.pymanifests",),
    "dockerfile": ("twelve.facts.dockerfile",),
    "compose": ("twelve.facts.compose",),
    "procfile": ("twelve.facts.procfile",),
    "shell": ("twelve.facts.shell",),
    "script": ("twelve.facts.shell",),
    "env": ("twelve.facts.envfile",),
    "markdown": ("twelve.facts.docs",),
    "github_workflow": ("twelve.facts.ci",),
    "gitlab_ci": ("twelve.facts.ci",),
    "gitmodules": ("twelve.facts.misc",),
    "dockerignore": ("twelve.facts.misc",),
    "app_json": ("twelve.facts.misc",),
    "aptfile": ("twelve.facts.misc",),
    "ini": ("twelve.facts.misc",),
    "sql": ("twelve.facts.sql",),
    # JavaScript / TypeScript (Node.js)
    "javascript": ("twelve.facts.javascript", "twelve.facts.vcs"),
    "typescript": ("twelve.facts.javascript", "twelve.facts.vcs"),
    "package_json": ("twelve.facts.nodemanifests",),
    "node_lock": ("twelve.facts.nodemanifests",),
    "pm2_config": ("twelve.facts.javascript", "twelve.facts.nodemanifests"),
    "prisma_schema": ("twelve.facts.nodemanifests",),
    # Go
    "go": ("twelve.facts.golang", "twelve.facts.vcs"),
    "go_mod": ("twelve.facts.gomanifests",),
    "go_sum": ("twelve.facts.gomanifests",),
    # Java / Kotlin
    "java": ("twelve.facts.jvm", "twelve.facts.vcs"),
    "kotlin": ("twelve.facts.jvm", "twelve.facts.vcs"),
    "maven_pom": ("twelve.facts.jvmmanifests",),
    "gradle_build": ("twelve.facts.jvmmanifests",),
    "gradle_lock": ("twelve.facts.jvmmanifests",),
    "spring_config": ("twelve.facts.springconfig",),
    "log_config_xml": ("twelve.facts.logconfig",),
    "log_config_properties": ("twelve.facts.logconfig",),
    "log_agent_config": ("twelve.facts.logconfig",),
    "java_webxml": ("twelve.facts.jvmmanifests",),
    # Ruby / Rails
    "ruby": ("twelve.facts.ruby", "twelve.facts.vcs"),
    "gemfile": ("twelve.facts.rubymanifests",),
    "gemfile_lock": ("twelve.facts.rubymanifests",),
    "rails_config_yaml": ("twelve.facts.railsconfig",),
    "rails_credentials": ("twelve.facts.railsconfig",),
    # deploy descriptors
    "yaml": ("twelve.facts.kubernetes",),
    "helm_chart": ("twelve.facts.kubernetes",),
    "helm_values": ("twelve.facts.kubernetes",),
    "helm_template": ("twelve.facts.kubernetes",),
    "kustomization": ("twelve.facts.kubernetes",),
    "fly_toml": ("twelve.facts.platforms",),
    "render_yaml": ("twelve.facts.platforms",),
    "jenkinsfile": ("twelve.facts.ci",),
    "circleci": ("twelve.facts.ci",),
    "ci_other": ("twelve.facts.ci",),
}
SECRET_SCAN = "twelve.facts.secretscan"
_NO_SECRET_SCAN = frozenset({"lock", "binary"})
_BINARY_PROBE = 8192
_LOG = logging.getLogger("twelve.facts")
_PARSE_ERRORS = (ValueError, SyntaxError, UnicodeError, configparser.Error, RecursionError)
#: names of files whose being ignored by git (or not) matters to the rules
IGNORE_PROBES = (
    ".env",
    ".env.local",
    ".env.production",
    "poetry.lock",
    "uv.lock",
    "Pipfile.lock",
    "pdm.lock",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "Gemfile.lock",
    "go.sum",
)


@dataclass(slots=True)
class FileResult:
    facts: list[Fact] = field(default_factory=list)
    skipped: Skipped | None = None
    errors: list[Skipped] = field(default_factory=list)
    analyzed: bool = False
    #: SHA-256 of the bytes read (None when nothing could be read): the cache's key for the file
    sha: str | None = None


def _read(
    path: str, limit: int, identity: tuple[int, int] = (0, 0), *, root: str | None = None, relpath: str | None = None
) -> bytes:
    """At most *limit* + 1 bytes of a regular file: O_NOFOLLOW|O_NONBLOCK, then fstat must say
    "regular file" (and the file the walk listed) before a single byte is read; see
    :func:`twelve.repository.walk.read_regular`."""
    return read_regular(path, limit, identity, root=root, relpath=relpath)


#: byte-order marks of the encodings that contain NUL bytes (UTF-32 first: its LE mark starts
#: with UTF-16's)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: characters that must never reach a report (terminal escapes, NULs, line separators other
#: than \n and \r that would shift line numbers, bidirectional overrides); tab, newline,
#: carriage return and form feed stay
_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: the ASCII characters _UNSHOWABLE lets through, as bytes: deleting them from an ASCII text's
#: bytes (C speed) leaves what it would find (a character-class regex reads some 250 MB/s)
_SHOWABLE_ASCII = b"\t\n\x0c\r" + bytes(range(0x20, 0x7F))


def _decode(raw: bytes) -> str | None:
    """The text of *raw*, decoded with replacement; None for a binary file (NUL bytes without a
    UTF-16/32 byte-order mark)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, "replace")
            break
    else:
        if b"\x00" in raw[:_BINARY_PROBE]:
            return None
        text = raw.decode("utf-8", "replace")
        if text.isascii():  # the bytes are the text: what is left once the showable are deleted
            return text if not raw.translate(None, _SHOWABLE_ASCII) else _UNSHOWABLE.sub("\ufffd", text)
        if text.startswith("\ufeff"):
            text = text[1:]
    if _UNSHOWABLE.search(text):
        text = _UNSHOWABLE.sub("\ufffd", text)
    return text


def modules_for(entry: FileEntry) -> tuple[str, ...]:
    modules = EXTRACTORS.get(entry.kind, ())
    if posixpath.basename(entry.path) == "setup.py":
        modules = modules + ("twelve.facts.pymanifests:setup_py",)
    if entry.kind not in _NO_SECRET_SCAN:
        modules = modules + (SECRET_SCAN, "twelve.facts.inline")  # inline waivers: `# twelve: ignore[ID] reason`
    return modules


_MODULES: dict[str, Any] = {}


def _extractor(spec: str) -> Callable[[Source], list[Fact]]:
    """The function named by *spec* (`module` or `module:function`); the module is imported on
    first use, the function looked up on every call (so that it can be replaced, as tests do)."""
    module_name, _, func = spec.partition(":")
    module = _MODULES.get(module_name)
    if module is None:
        module = _MODULES[module_name] = importlib.import_module(module_name)
    return getattr(module, func or "extract")


def preload(specs: Iterable[str]) -> None:
    """Import the extractors named by *specs* now (before a pool's workers are forked)."""
    for spec in sorted(specs):
        _extractor(spec)


def extract_file(root: str, entry: FileEntry, max_bytes: int, wanted: frozenset[str] | None = None) -> FileResult:
    """Read one file and run its extractors (pure with respect to the rest of the run).

    *wanted*: the only kinds of facts the run needs (a library's run: twelve.facts.needs); the
    extractors leave out the work that states none of them, the file's facts are those kinds
    alone. Its secret scan, which only conceals them then, runs when some remain; a file with a
    secret value to hide (found by the scan or masked by an extractor) is extracted again the full
    way, scan first and every row, then kept to those kinds: its excerpts are masked before they
    are clipped, as in a full run, and every value any row masks is hidden."""
    result = FileResult()
    modules = modules_for(entry)
    if not modules:
        return result
    try:
        raw = _read(
            os.path.join(root, *entry.path.split("/")), max_bytes, entry.identity, root=root, relpath=entry.path
        )
    except SpecialFileError:  # swapped for a FIFO or device after the walk: never read it
        result.skipped = Skipped(entry.path, "special_file")
        return result
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # swapped for a symbolic link after the walk
            result.skipped = Skipped(entry.path, "symlink")
        else:
            result.skipped = Skipped(entry.path, "unreadable", exc.strerror or type(exc).__name__)
        return result
    result.sha = hashlib.sha256(raw).hexdigest()
    if len(raw) > max_bytes:
        result.skipped = Skipped(entry.path, "too_large", str(len(raw)))
        return result
    text = _decode(raw)
    if text is None:
        result.skipped = Skipped(entry.path, "binary")
        return result
    result.analyzed = True
    scanned: FileSecrets | None = None
    if wanted is not None:
        # the wanted rows alone, without the scan; the scan when facts remain, to conceal them
        source = Source(entry.path, text, entry.kind, entry.scope, wanted=wanted)
        masked = FileSecrets()
        with masked.collecting():
            _run_extractors(tuple(m for m in modules if m != SECRET_SCAN), source, result, masked)
        result.facts = [fact for fact in result.facts if fact.kind in wanted]
        if not (result.facts or result.errors):
            return result
        scanned = secretscan.prepare(source) if SECRET_SCAN in modules else FileSecrets()
        if not (masked or scanned):
            return result  # no value to hide: what the full way gives, kept to the wanted kinds
        result.facts, result.errors = [], []  # a value to hide: the full way, then the wanted kinds
    # the secret scan first: its values, and those any extractor masks, are hidden from every fact
    # (a library's file to redo reuses its scan: it reads the same text)
    source = Source(entry.path, text, entry.kind, entry.scope)
    found = scanned if scanned is not None else secretscan.prepare(source) if SECRET_SCAN in modules else FileSecrets()
    with found.collecting():
        _run_extractors(modules, source, result, found)
    if found:
        result.facts = [conceal_fact(fact, found) for fact in result.facts]
    if wanted is not None:
        result.facts = [fact for fact in result.facts if fact.kind in wanted]
    return result


def _run_extractors(modules: Iterable[str], source: Source, result: FileResult, found: FileSecrets) -> None:
    """Run each extractor of *modules* on *source*, its facts and failures added to *result* (a
    failure's message concealed by *found*)."""
    for spec in modules:
        module_name = spec.partition(":")[0]
        try:
            result.facts.extend(_extractor(spec)(source))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # ast-grep raises PanicException, a BaseException
            reason = "parse_error" if isinstance(exc, _PARSE_ERRORS) else "extractor_error"
            if reason == "extractor_error":  # a bug: `twelve check --debug` prints this traceback
                _LOG.debug("extractor %s failed on %s", module_name, source.path, exc_info=exc)
            # the message may quote the file: keep it short, showable and without secrets
            detail = " ".join(
                _UNSHOWABLE.sub(
                    "\ufffd",
                    conceal(f"{module_name.rsplit('.', 1)[-1]}: {type(exc).__name__}: {str(exc)[:200]}", found),
                ).split()
            )
            result.errors.append(Skipped(source.path, reason, detail))


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one target: the repository's layout plus the facts of its files."""

    repo: Repository
    items: tuple[Fact, ...]
    analyzed: int
    skipped: tuple[Skipped, ...]
    errors: tuple[Skipped, ...]
    ignored_probes: dict[str, bool]
    #: facts and files by owning app root, computed on first use (see _partition)
    partition: dict[str | None, _Part] = field(default_factory=dict, compare=False, repr=False)
    #: the whole as one part, when there is at most one app root (see _whole)
    whole: list[_Part] = field(default_factory=list, compare=False, repr=False)
    #: values derived from the whole repository (every app root, every file), computed once per
    #: run however many apps read them (see AppFacts.derive_repository)
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: the only kinds extracted (a library's run, twelve.facts.needs); None: every kind
    wanted: frozenset[str] | None = None
    #: kinds a rule asked for that were not extracted: the run must extract everything and judge
    #: again (a rule that reads a kind twelve.facts.needs does not list must cost time, never truth)
    missing: set[str] = field(default_factory=set, compare=False, repr=False)

    def asked(self, kinds: Iterable[str]) -> None:
        """Note that a rule reads facts of *kinds*."""
        if self.wanted is not None:
            self.missing.update(kind for kind in kinds if kind not in self.wanted)

    def every(self, kind: str) -> list[Fact]:
        """Every fact of *kind* in the repository, whatever app owns it."""
        self.asked((kind,))
        return [fact for fact in self.items if fact.kind == kind]

    @property
    def git(self) -> GitInfo:
        return self.repo.git

    def for_app(self, app: AppRoot) -> AppFacts:
        """The files owned by *app* (deepest app root wins) plus those outside every app root.

        What does not depend on the app (the shared files and facts, their index by kind and by
        file name) is computed once per run, not once per app: an app's own part is merged with
        it by the walk's and the facts' order (C-speed sorts of two ordered runs)."""
        if len(self.repo.apps) <= 1:
            part = self._whole()
            return AppFacts(
                app, self, self.repo.files, self.items, dict(part.index), names=(part.names,), parts=(part,)
            )
        parts = self._partition()
        own, shared = parts.get(app.path, _EMPTY_PART), parts.get(None, _EMPTY_PART)
        if not own.files and not own.items:
            return AppFacts(
                app, self, shared.file_values, shared.items, dict(shared.index), names=(shared.names,), parts=(shared,)
            )
        files = _merged(own.files, shared.files, own.file_values, shared.file_values)
        items = _merged_facts(own.items, shared.items)
        index = dict(shared.index)
        for kind, facts in own.index.items():
            other = shared.index.get(kind)
            index[kind] = facts if other is None else sorted([*facts, *other], key=_path)
        return AppFacts(app, self, files, items, index, names=(own.names, shared.names), parts=(own, shared))

    def _whole(self) -> _Part:
        """All the facts and files as one part (the one-app case), computed once."""
        if not self.whole:
            self.whole.append(_Part.build(self.items, list(enumerate(self.repo.files))))
        return self.whole[0]

    def _partition(self) -> dict[str | None, _Part]:
        """Facts and files by the path of the app root that owns them (None: no app root), in
        one pass over each, each path's owner found once (repository-wide work is not repeated
        per app); files numbered by their place in the walk (the order merges keep)."""
        if not self.partition:
            items: dict[str | None, list[Fact]] = {}
            files: dict[str | None, list[tuple[int, FileEntry]]] = {}
            owners: dict[str, str | None] = {}

            def owner_of(path: str) -> str | None:
                if path not in owners:
                    found = self.repo.owner(path)
                    owners[path] = found.path if found is not None else None
                return owners[path]

            for fact in self.items:  # in _fact_order: each part keeps it
                items.setdefault(owner_of(fact.path), []).append(fact)
            for number, entry in enumerate(self.repo.files):  # numbered: the walk's order is kept
                files.setdefault(owner_of(entry.path), []).append((number, entry))
            for key in set(items) | set(files):
                self.partition[key] = _Part.build(tuple(items.pop(key, ())), files.get(key, []))
        return self.partition


_first = operator.itemgetter(0)
_second = operator.itemgetter(1)
_path = operator.attrgetter("path")


def _merged(
    own: tuple[tuple[int, Any], ...],
    shared: tuple[tuple[int, Any], ...],
    own_values: tuple[Any, ...],
    shared_values: tuple[Any, ...],
) -> tuple[Any, ...]:
    """The values of two parts' (number, value) pairs in their order in the whole (numbers are
    unique: values are never compared; timsort merges the two ordered runs in C)."""
    if not own:
        return shared_values
    if not shared:
        return own_values
    return tuple(map(_second, sorted(own + shared)))


def _merged_facts(own: tuple[Fact, ...], shared: tuple[Fact, ...]) -> tuple[Fact, ...]:
    """The facts of two parts in their order in the whole (_fact_order). Two parts never hold
    facts of the same path (a path has one owner), so a stable sort by path alone is that order:
    facts of one path keep their order within their part. No number is kept per fact (a large
    tree has millions of them); timsort merges the two ordered runs in C."""
    if not shared:
        return own
    if not own:
        return shared
    return tuple(sorted(own + shared, key=_path))


@dataclass(frozen=True, slots=True)
class _Part:
    """The facts and files owned by one app root (or by none): the facts in _fact_order, the
    files numbered by their place in the walk; their index by kind and the first file of each
    name, computed once."""

    items: tuple[Fact, ...]
    files: tuple[tuple[int, FileEntry], ...]
    #: kind -> its facts, in order
    index: dict[str, list[Fact]]
    #: file name -> (number, entry) of the first file of that name
    names: dict[str, tuple[int, FileEntry]]
    #: the files alone
    file_values: tuple[FileEntry, ...]
    #: the filters already run over this part's files and facts, by key (see AppFacts.files_where
    #: and AppFacts.facts_where): the part outside every app root is filtered once per run
    memo: dict[str, tuple] = field(default_factory=dict, compare=False, repr=False)

    def kept_files(self, key: str, keep: Callable[[FileEntry], bool]) -> tuple[tuple[int, FileEntry], ...]:
        """(number, entry) of this part's files *keep* accepts, in the walk's order."""
        if not self.files:
            return ()
        found = self.memo.get("files:" + key)
        if found is None:
            found = self.memo["files:" + key] = tuple(pair for pair in self.files if keep(pair[1]))
        return found

    def kept_facts(self, key: str, kind: str, keep: Callable[[Fact], bool]) -> tuple[Fact, ...]:
        """This part's facts of *kind* that *keep* accepts, in their order."""
        facts = self.index.get(kind)
        if not facts:
            return ()
        name = f"facts:{kind}:{key}"
        found = self.memo.get(name)
        if found is None:
            found = self.memo[name] = tuple(fact for fact in facts if keep(fact))
        return found

    @classmethod
    def build(cls, items: tuple[Fact, ...], files: list[tuple[int, FileEntry]]) -> _Part:
        index: dict[str, list[Fact]] = {}
        for fact in items:
            found = index.get(fact.kind)
            if found is None:
                index[fact.kind] = [fact]
            else:
                found.append(fact)
        names: dict[str, tuple[int, FileEntry]] = {}
        for file_pair in files:
            path = file_pair[1].path
            names.setdefault(path[path.rfind("/") + 1 :], file_pair)  # posixpath.basename
        return cls(items, tuple(files), index, names, tuple(map(_second, files)))


_EMPTY_PART = _Part((), (), {}, {}, ())


def _fact_order(fact: Fact) -> tuple:
    return (fact.path, fact.line or 0, fact.kind)


@dataclass(frozen=True, slots=True)
class AppFacts:
    """The facts an app's rules may look at: its own files and the repository-level ones."""

    app: AppRoot
    all: Facts
    files: tuple[FileEntry, ...]
    items: tuple[Fact, ...]
    index: dict[str, list[Fact]]
    #: values derived from these facts, computed once per app and shared by the rules that need
    #: them (start commands, admin code...): a pure function of the facts, so caching is safe
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: file name -> (number in the walk, entry) of its first file, per part of the app's files
    #: (its own, the shared ones), computed once per run
    names: tuple[dict[str, tuple[int, FileEntry]], ...] = field(default=(), compare=False, repr=False)
    #: the parts the app's files and facts were merged from (its own, those outside every app
    #: root), each keeping the filters already run over it (files_where, facts_where)
    parts: tuple[_Part, ...] = field(default=(), compare=False, repr=False)

    def derive(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def derive_repository(self, key: str, compute: Callable[[], Any]) -> Any:
        """Like derive, for a value that depends on the whole repository only (not on which app
        is assessed): computed once per run, shared by every app (a monorepo of a hundred apps
        must not pay a hundred times)."""
        shared = self.all.derived
        if key not in shared:
            shared[key] = compute()
        return shared[key]

    @property
    def git(self) -> GitInfo:
        return self.all.git

    @property
    def apps(self) -> tuple[AppRoot, ...]:
        return self.all.repo.apps

    def of(self, *kinds: str) -> list[Fact]:
        if self.all.wanted is not None:
            self.all.asked(kinds)
        if len(kinds) == 1:
            return list(self.index.get(kinds[0], ()))
        out = [f for kind in kinds for f in self.index.get(kind, ())]
        out.sort(key=lambda f: (f.path, f.line or 0))
        return out

    def files_of(self, *kinds: str) -> list[FileEntry]:
        return self.files_where("kind:" + ",".join(kinds), lambda entry: entry.kind in kinds)

    def files_where(self, key: str, keep: Callable[[FileEntry], bool]) -> list[FileEntry]:
        """The app's files that *keep* accepts, in the walk's order. *keep* depends on the entry
        alone and *key* names it: each part of the app's files (its own, those outside every app
        root, which every app of a monorepo holds) is filtered once per run under *key*."""
        if not self.parts:
            return [entry for entry in self.files if keep(entry)]
        found = [part.kept_files(key, keep) for part in self.parts]
        pairs = (
            found[0] if len(found) == 1 or not found[1] else found[1] if not found[0] else sorted(found[0] + found[1])
        )
        return list(map(_second, pairs))  # numbers are unique: a sort never compares two entries

    def facts_where(self, key: str, kind: str, keep: Callable[[Fact], bool]) -> list[Fact]:
        """``of(kind)`` but the facts *keep* rejects, in the same order. *keep* depends on the fact
        alone and *key* names it: each part (the app's own facts, those of the files outside every
        app root) is filtered once per run under *key*."""
        if self.all.wanted is not None:
            self.all.asked((kind,))
        if not self.parts:
            return [fact for fact in self.index.get(kind, ()) if keep(fact)]
        found = [part.kept_facts(key, kind, keep) for part in self.parts]
        if len(found) == 1 or not found[1]:
            return list(found[0])
        if not found[0]:
            return list(found[1])
        return sorted([*found[0], *found[1]], key=_path)  # as for_app merges them: two parts never share a path

    def has_file(self, name: str) -> FileEntry | None:
        """The first file (in the walk's order) named *name* among this app's files."""
        if not self.names:  # made without its parts: the first of the files, named so
            return next((e for e in self.files if posixpath.basename(e.path) == name), None)
        found = [pair for names in self.names if (pair := names.get(name)) is not None]
        return min(found, key=_first)[1] if found else None

    def ignored(self, name: str) -> bool:
        return self.all.ignored_probes.get(name, False)

    def tracked(self, path: str) -> bool:
        return path in self.all.git.tracked

    def left_to_deploy(self, path: str, is_dir: bool = False) -> bool:
        """Whether git ignores *path* (relative to the repository's root) and the codebase does not
        hold it: neither tracked nor read by the walk. Such a file is each deploy's own (a
        `config.py` the README says to create), whether or not this checkout has one on disk."""
        answers: dict[tuple[str, bool], bool] = self.derive_repository("left_to_deploy", dict)
        key = (path, is_dir)
        answer = answers.get(key)
        if answer is None:  # asked again by every app that sees the importing file: answered once
            held = self.derive_repository("held_paths", self._held_paths)
            answer = answers[key] = path not in held and self.all.repo.ignore.ignored(path, is_dir)
        return answer

    def _held_paths(self) -> frozenset[str]:
        """The paths of the codebase's files and of the folders that hold them."""
        held: set[str] = set()
        for path in [*self.all.git.tracked, *(entry.path for entry in self.all.repo.files)]:
            while path and path not in held:
                held.add(path)
                path = path.rpartition("/")[0]
        return frozenset(held)


def iter_results(repo: Repository, max_bytes: int) -> Iterator[tuple[FileEntry, FileResult]]:
    for entry in repo.files:
        yield entry, extract_file(repo.root, entry, max_bytes)


def collect(
    repo: Repository, results: Iterable[tuple[FileEntry, FileResult]], wanted: frozenset[str] | None = None
) -> Facts:
    """The facts of every result, in _fact_order (path, line, kind; ties in the order of
    *results*), and the files skipped or failed. Each result's facts are sorted on their own and
    the files put in order by path: the order of one sort of all of them, without a key tuple
    per fact at once (a large tree has millions of facts)."""
    by_path: dict[str, list[Fact]] = {}
    skipped: list[Skipped] = list(repo.skipped)
    errors: list[Skipped] = []
    analyzed = 0
    for _entry, result in results:
        if result.facts:
            for path, facts in _by_path(sorted(result.facts, key=_fact_order)):
                found = by_path.get(path)
                # the same path from two results (never from the walk): both, in one stable sort
                by_path[path] = facts if found is None else sorted(found + facts, key=_fact_order)
        if result.skipped:
            skipped.append(result.skipped)
        errors.extend(result.errors)
        analyzed += result.analyzed
    probes = {name: repo.ignore.ignored(name) for name in IGNORE_PROBES}
    items = tuple(itertools.chain.from_iterable(map(by_path.pop, sorted(by_path))))  # each list let go once copied
    return Facts(
        repo,
        items,
        analyzed,
        tuple(sorted(skipped, key=lambda s: s.path)),
        tuple(sorted(errors, key=lambda s: (s.path, s.detail))),
        probes,
        wanted=wanted,
    )


def _by_path(ordered: list[Fact]) -> Iterator[tuple[str, list[Fact]]]:
    """The runs of facts of one path in *ordered* (sorted by path); one run in the common case."""
    if ordered[0].path == ordered[-1].path:
        yield ordered[0].path, ordered
        return
    start = 0
    for end in range(1, len(ordered) + 1):
        if end == len(ordered) or ordered[end].path != ordered[start].path:
            yield ordered[start].path, ordered[start:end]
            start = end


def extract_all(repo: Repository, max_bytes: int) -> Facts:
    return collect(repo, iter_results(repo, max_bytes))


__all__ = ["AppFacts", "Fact", "Facts", "Source", "collect", "extract_all", "extract_file"]
