"""One repository of a scan, assessed wherever the task runs (this process, a process of the local
pool, a Dask worker): plain data in (:class:`Task`), plain data out (:class:`Outcome`); the task
never touches the database, so a cluster's workers need no access to it.

The reuse key is the *input digest*: a hash of everything an assessment depends on: the tool
(its version and a digest of its code and parsers' versions), the report language, the options
and the configuration file (and which of its waivers have expired), the git metadata (commit,
tags, branches, tracked files), the layout the walk found (every file's path, kind, scope and
size, skipped entries, app roots) and the content hash of every file an extractor reads. A
repository whose digest is already stored (the parent passes the known digests along) is not
assessed again: the stored result is reused. So a clean checkout at an unchanged commit is
reused, and so is a folder without version control whose files did not change; a checkout with
uncommitted changes is assessed again when the files it reads changed. Hashing needs no parse:
where the facts cache knows a file's hash from its stamps the file is not even read.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from twelve.portfolio.targets import Target


@dataclass(frozen=True, slots=True)
class Settings:
    lang: str = "en"
    max_file_bytes: int = 2 * 1024 * 1024
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    use_config: bool = True
    cache_dir: str | None = None  # the facts cache of local checkouts (None: no cache)
    clone_timeout: float = 120.0
    clone_max_mb: int = 500
    allow_local_clone: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    target: Target
    known: tuple[str, ...]  # input digests whose result is stored and may be reused
    settings: Settings


@dataclass(frozen=True, slots=True)
class VerdictRow:
    factor: int
    status: str
    confidence: str
    justification: str


@dataclass(frozen=True, slots=True)
class AppRow:
    index: int
    path: str
    name: str
    stacks: tuple[str, ...]
    verdicts: tuple[VerdictRow, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    location: str
    name: str
    kind: str
    outcome: str  # assessed, reused or failed
    duration: float
    digest: str | None = None
    commit: str | None = None
    is_repository: bool = False
    tool_version: str = ""
    tool_digest: str = ""
    lang: str = "en"
    exit_code: int = 0
    files_seen: int = 0
    files_analyzed: int = 0
    report: str = ""  # the JSON report
    apps: tuple[AppRow, ...] = ()
    error_kind: str | None = None  # missing, not_directory, unreadable, clone, config, internal
    error: str | None = None

    @property
    def meets(self) -> int:
        return sum(1 for v in self.apps[0].verdicts if v.status == "meets") if self.apps else 0


_TOOL_SUFFIXES = (".py", ".toml", ".j2", ".json", ".css", ".js")
#: the distributions whose behaviour shapes the facts
_PARSERS = ("ast-grep-py", "PyYAML", "pathspec", "dulwich", "dockerfile-parse", "Jinja2", "packaging", "tomli")


@functools.lru_cache(maxsize=1)
def tool_identity() -> tuple[str, str]:
    """(version, digest): the digest hashes the content of every file of the package that can
    change an assessment (not this portfolio package) and the versions of the parsers; it is the
    same on every machine with the same installation, so a cluster's workers agree on it."""
    from importlib import metadata

    import twelve
    from twelve._version import __version__

    package = Path(twelve.__file__).resolve().parent
    digest = hashlib.sha256(f"twelve {__version__}\0".encode())
    files = sorted(
        p
        for p in package.rglob("*")
        if p.suffix in _TOOL_SUFFIXES
        and "__pycache__" not in p.parts
        and "portfolio" not in p.relative_to(package).parts
    )
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"?")
    for name in _PARSERS:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}=={version}\0".encode())
    return __version__, digest.hexdigest()[:32]


def _file_hashes(repo: Any, cache: Any, max_bytes: int) -> dict[str, str]:
    """The content hash of every file an extractor reads: from the facts cache where it proves
    the file unchanged, else by reading the bytes the extractors would read."""
    from twelve.facts import modules_for
    from twelve.repository.walk import read_regular

    hashes: dict[str, str] = {}
    for entry in repo.files:
        if not modules_for(entry):
            continue
        sha = cache.known_sha(entry) if cache is not None else None
        if sha is None:
            try:
                sha = hashlib.sha256(read_regular(repo.abspath(entry.path), max_bytes, entry.identity)).hexdigest()
            except OSError as exc:
                sha = f"unreadable:{exc.errno}"
        hashes[entry.path] = sha
    return hashes


def _config_digest(config: Any, today: _dt.date) -> Any:
    if config is None:
        return None
    try:
        with open(config.file, "rb") as handle:
            content = hashlib.sha256(handle.read(1 << 20)).hexdigest()
    except (OSError, TypeError):
        content = "?"
    return [content, [w.expired(today) for w in config.waivers]]


def input_digest(
    repo: Any, hashes: dict[str, str], options: Any, lang: str, tool: tuple[str, str], today: _dt.date | None = None
) -> str:
    """The reuse key of an assessment (see the module's documentation); nothing in it depends on
    where the repository lies, so a fresh clone of an unchanged commit has the same digest."""
    git = repo.git
    parts = {
        "tool": list(tool),
        "lang": lang,
        "options": [
            options.max_file_bytes,
            list(options.exclude),
            list(options.select),
            list(options.ignore),
            options.profile,
            options.fail_on,
            options.min_meets,
            options.kind,  # the configuration's kind (issue 12): app or library changes every verdict
        ],
        "config": _config_digest(options.config, today or _dt.date.today()),
        "git": [
            git.vcs,
            git.head,
            git.commits,
            git.commits_capped,
            list(git.tags),
            list(git.version_tags),
            list(git.tags_at_head),
            list(git.branches),
            git.shallow,
            sorted(git.tracked),
            git.error is not None,
        ],
        "seen": repo.seen,
        "skipped": [[s.path, s.reason, s.detail] for s in repo.skipped],
        "vendored": list(repo.vendored_dirs),
        "apps": [[a.path, list(a.stacks), list(a.manifests), list(a.entrypoints)] for a in repo.apps],
        "files": [[f.path, f.kind, f.scope.value, f.size, hashes.get(f.path, "")] for f in repo.files],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _rows(document: dict[str, Any]) -> tuple[AppRow, ...]:
    return tuple(
        AppRow(
            index,
            app["path"],
            app["name"],
            tuple(app["stacks"]),
            tuple(VerdictRow(f["number"], f["status"], f["confidence"], f["justification"]) for f in app["factors"]),
        )
        for index, app in enumerate(document["apps"])
    )


def _failed(task: Task, started: float, kind: str, message: str) -> Outcome:
    from twelve.facts.secrets import redact
    from twelve.repository.remote import mask_text

    target = task.target
    return Outcome(
        target.location,
        target.name,
        target.kind,
        "failed",
        time.monotonic() - started,
        lang=task.settings.lang,
        error_kind=kind,
        error=redact(mask_text(message)),
    )


def run(task: Task) -> Outcome:
    """Assess the repository of *task* (or find its stored result still valid); every failure is
    an outcome, never an exception (but KeyboardInterrupt and SystemExit)."""
    from twelve.config import ConfigError
    from twelve.locale import Catalog
    from twelve.repository.remote import RemoteError, cloned, parse_target

    started = time.monotonic()
    settings = task.settings
    catalog = Catalog(settings.lang)
    source = task.target.source
    try:
        spec = parse_target(source, allow_local=settings.allow_local_clone)
        if spec is None:
            if not os.path.exists(source):
                return _failed(task, started, "missing", catalog.text("cli.path_missing", path=source))
            if not os.path.isdir(source):
                return _failed(task, started, "not_directory", catalog.text("cli.path_not_dir", path=source))
            if not os.access(source, os.R_OK | os.X_OK):
                return _failed(task, started, "unreadable", catalog.text("cli.path_unreadable", path=source))
            return _assess(task, source, None, started)
        with cloned(
            spec,
            timeout=settings.clone_timeout,
            max_bytes=settings.clone_max_mb * 1024 * 1024,
            max_file_bytes=settings.max_file_bytes,
        ) as clone:
            return _assess(task, clone.path, clone, started)
    except RemoteError as error:
        return _failed(task, started, "clone", catalog.text(f"remote.{error.key}", **error.params))
    except ConfigError as error:
        return _failed(task, started, "config", catalog.render(error.message))
    except Exception as exc:  # a bug of twelve on this repository: recorded, the scan goes on
        return _failed(
            task, started, "internal", catalog.text("internal.crashed", error=f"{type(exc).__name__}: {exc}")
        )


def _assess(task: Task, path: str, clone: Any, started: float) -> Outcome:
    from twelve import pipeline
    from twelve.config import discover, load, shown_path
    from twelve.facts import runner
    from twelve.report import render

    settings = task.settings
    target = task.target
    config = None
    if settings.use_config:
        found = discover(path)
        if found is not None:
            config = load(found, shown=shown_path(found, path))
    cache_dir = settings.cache_dir if clone is None else None  # a clone's path never recurs
    options = pipeline.Options(
        max_file_bytes=settings.max_file_bytes,
        exclude=settings.exclude,
        select=settings.select,
        ignore=settings.ignore,
        jobs=1,
        cache_dir=cache_dir,
        config=config,
    ).effective()
    repo = pipeline.walk(path, options)
    cache = runner.open_cache(Path(cache_dir), repo.root, options.max_file_bytes) if cache_dir else None
    tool = tool_identity()
    digest = input_digest(repo, _file_hashes(repo, cache, options.max_file_bytes), options, settings.lang, tool)
    common: dict[str, Any] = {
        "digest": digest,
        "commit": clone.commit if clone is not None else repo.git.head,
        "is_repository": clone is not None or repo.git.is_repository,
        "tool_version": tool[0],
        "tool_digest": tool[1],
        "lang": settings.lang,
    }
    if digest in task.known:
        return Outcome(target.location, target.name, target.kind, "reused", time.monotonic() - started, **common)
    # the target the report names: the location (a URL with credentials masked, or the absolute path)
    assessment = pipeline.assess(path, options, repo=repo, cache=cache)
    if clone is not None:
        assessment = clone.retarget(assessment)
    else:
        assessment = replace(assessment, target=replace(assessment.target, path=target.location))
    report = render(assessment, "json", settings.lang)
    document = json.loads(report)
    return Outcome(
        target.location,
        target.name,
        target.kind,
        "assessed",
        time.monotonic() - started,
        exit_code=3 if assessment.internal_errors else 0,
        files_seen=assessment.coverage.files_seen,
        files_analyzed=assessment.coverage.files_analyzed,
        report=report,
        apps=_rows(document),
        **common,
    )


__all__ = ["AppRow", "Outcome", "Settings", "Task", "VerdictRow", "input_digest", "run", "tool_identity"]
