"""The one pipeline: repository -> facts -> findings -> verdicts -> Assessment."""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twelve._version import __version__
from twelve.config import Config
from twelve.fileindex import FileIndex, open_index, unchanged_hashes
from twelve.model import AppAssessment, Assessment, Coverage, FactorVerdict, Finding, Selection, Target
from twelve.repository import Repository, open_repository
from twelve.repository.walk import DEFAULT_MAX_FILE_BYTES
from twelve.runcache import RunCache, digest

if TYPE_CHECKING:
    from twelve.factors import FACTORS
    from twelve.facts import Facts, runner
    from twelve.rules import all_rules, run_rules
    from twelve.rules.ids import selection as selected_ids
    from twelve.verdict import decide
    from twelve.waivers import WaiverBook

#: the stages a replay does not need (the extractors and their parsers, the rules, the verdicts):
#: imported on first use (see _stages), so that a replayed run starts in a fraction of the time
_STAGES = ("FACTORS", "runner", "all_rules", "run_rules", "selected_ids", "decide", "WaiverBook")


def _stages() -> None:
    """Import the stages named in _STAGES into this module, once (a name already set, as a test
    replacing it sets it, is left alone)."""
    names = globals()
    if all(name in names for name in _STAGES):
        return
    from twelve.factors import FACTORS
    from twelve.facts import runner
    from twelve.rules import all_rules, run_rules
    from twelve.rules.ids import selection as selected_ids
    from twelve.verdict import decide
    from twelve.waivers import WaiverBook

    found = {
        "FACTORS": FACTORS,
        "runner": runner,
        "all_rules": all_rules,
        "run_rules": run_rules,
        "selected_ids": selected_ids,
        "decide": decide,
        "WaiverBook": WaiverBook,
    }
    for name in _STAGES:
        names.setdefault(name, found[name])


def __getattr__(name: str) -> Any:
    if name in _STAGES:
        _stages()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: the factors a library is assessed on (I Codebase, II Dependencies); the others are not
#: applicable to it (issue 12)
_LOG = logging.getLogger(__name__)
LIBRARY_FACTORS = (1, 2)

#: progress(step, done, total): step is "walk", "facts", "rules" or "done"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Options:
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()  # rule selectors to keep (empty: all; see twelve.rules.ids)
    ignore: tuple[str, ...] = ()  # rule selectors to drop
    profile: str = "canonical"
    jobs: int | None = 1  # extraction processes; None = one per core
    cache_dir: str | None = None  # where facts of unchanged files are kept between runs; None = no cache
    #: a loaded configuration file (twelve.config); its lists add to the options above, its
    #: waivers apply, its policy is used where fail_on / min_meets are not given
    config: Config | None = None
    fail_on: str | None = None  # "does_not_meet" or "partial": the exit-code policy (twelve.policy)
    min_meets: int | None = None
    today: _dt.date | None = None  # the day waiver expiry is judged against (default: today)
    #: with a cache_dir, a run whose every input is unchanged returns the kept assessment
    #: (runcache.py); False always assesses (`--debug`, a remote clone)
    replay: bool = True
    #: the findings of an earlier JSON report (twelve.baseline keys), accepted as they are, and
    #: how to name that file in the reports
    baseline: tuple[tuple[str, str, str], ...] = ()
    baseline_file: str = ""
    #: "auto" (read from the files), "app" or "library" (issue 12); None: the configuration's,
    #: else auto
    kind: str | None = None
    progress: Progress | None = field(default=None, compare=False)
    debug_tracebacks: list[str] = field(default_factory=list, compare=False)

    def effective(self) -> Options:
        """These options with the configuration file's settings merged in. The command line wins:
        a rule selection given there (``--select`` or ``--ignore``) replaces the file's ``select``
        and ``ignore``, an ``--exclude`` replaces the file's ``exclude``, and ``--fail-on`` /
        ``--min-meets`` replace the file's policy."""
        cfg = self.config
        if cfg is None:
            return self
        from dataclasses import replace

        rules_given = bool(self.select or self.ignore)
        return replace(
            self,
            exclude=self.exclude or cfg.exclude,
            select=self.select if rules_given else cfg.select,
            ignore=self.ignore if rules_given else cfg.ignore,
            profile=cfg.profile,
            fail_on=self.fail_on or cfg.fail_on,
            min_meets=self.min_meets if self.min_meets is not None else cfg.min_meets,
            kind=self.kind or cfg.kind,
        )

    def overridden(self) -> tuple[str, ...]:
        """The configuration file's keys that the command line replaced (in the file's order)."""
        cfg = self.config
        if cfg is None:
            return ()
        rules_given = bool(self.select or self.ignore)
        found = []
        if self.exclude and cfg.exclude:
            found.append("exclude")
        if rules_given and cfg.select:
            found.append("select")
        if rules_given and cfg.ignore:
            found.append("ignore")
        if self.fail_on and cfg.fail_on and self.fail_on != cfg.fail_on:
            found.append("fail-on")
        if self.min_meets is not None and cfg.min_meets is not None and self.min_meets != cfg.min_meets:
            found.append("min-meets")
        if self.kind and cfg.kind and self.kind != cfg.kind:
            found.append("kind")
        return tuple(found)


def walk(path: str, options: Options | None = None) -> Repository:
    """Stage 1 alone: the layout of the directory at *path* under *options*."""
    options = (options or Options()).effective()
    return open_repository(
        path, max_file_bytes=options.max_file_bytes, exclude=list(options.exclude), cache_dir=options.cache_dir
    )


@dataclass
class Prepared:
    """What a run knows before it assesses: the layout, the facts cache's index (or the facts
    cache itself, when the caller opened it), the kept runs and, when every input is proved
    unchanged without reading a file, the digest naming them (runcache.py). ``kept`` is set by
    :func:`assess`: the digest its assessment is kept (or was replayed) under, so that the caller
    may keep what it renders from it beside it."""

    repo: Repository
    index: FileIndex | None = None
    runs: RunCache | None = None
    name: str | None = None
    kept: str | None = None


def prepare(
    path: str, options: Options | None = None, *, repo: Repository | None = None, cache: FileIndex | None = None
) -> Prepared:
    """Walk *path* (unless *repo* is given), read the facts cache's index and name the run's
    inputs when they are unchanged: everything a replay needs, without reading a file of the
    target or importing an extractor."""
    given = options or Options()
    options = given.effective()
    if repo is None:
        repo = walk(path, options)
    if cache is None and options.cache_dir:
        cache = open_index(Path(options.cache_dir), repo.root, options.max_file_bytes)
    if cache is None or not options.cache_dir or not options.replay:
        return Prepared(repo, cache)
    runs = RunCache(Path(options.cache_dir), repo.root)
    hashes = unchanged_hashes(repo.files, cache)
    return Prepared(repo, cache, runs, digest(repo, hashes, given) if hashes is not None else None)


def assess(
    path: str,
    options: Options | None = None,
    *,
    repo: Repository | None = None,
    cache: runner.FactCache | None = None,
    prepared: Prepared | None = None,
) -> Assessment:
    """Assess the directory at *path* against the twelve factors (*repo*: its layout, when the
    caller has walked it already; *cache*: the facts cache, when the caller has opened it;
    *prepared*: the layout, the index and the replay's digest, from :func:`prepare`)."""
    given = options or Options()
    options = given.effective()
    progress = options.progress or (lambda step, done, total: None)
    progress("walk", 0, 1)
    if prepared is None:
        prepared = prepare(path, given, repo=repo, cache=cache)
    repo, runs = prepared.repo, prepared.runs
    progress("facts", 0, len(repo.files))
    if runs is not None and prepared.name is not None:  # every input unchanged since a kept run: its assessment
        earlier = runs.get(prepared.name)
        if earlier is not None:
            prepared.kept = prepared.name
            progress("done", 1, 1)
            return replace(earlier, target=replace(earlier.target, path=path))
    _stages()
    from twelve.appmodel import project_kind  # reads manifests: not needed by a replay

    kind = project_kind.resolve(repo, options.kind or "auto", _kind_source(given))
    if kind.is_library:  # one unit, whatever app roots its modules look like
        repo = replace(repo, apps=(project_kind.library_root(repo, kind),), library=True, _roots={}, _owners={})
    index = prepared.index
    if isinstance(index, runner.FactCache):
        cache = index
    elif options.cache_dir:  # the facts cache, on the index already read
        cache = runner.open_cache(Path(options.cache_dir), repo.root, options.max_file_bytes, index=index)
    wanted: frozenset[str] | None = None
    if kind.is_library:  # factors I and II alone: the facts their rules read
        from twelve.rules import needs

        wanted = needs.LIBRARY_FACT_KINDS
    facts = runner.extract(repo, options.max_file_bytes, jobs=options.jobs, cache=cache, wanted=wanted)
    progress("facts", len(repo.files), len(repo.files))
    everything = all_rules()
    chosen = selected_ids(options.select, options.ignore, (r.meta.id for r in everything))
    rules = tuple(r for r in everything if r.meta.id in chosen)
    judged = tuple(r for r in rules if r.meta.factor in LIBRARY_FACTORS) if kind.is_library else rules
    apps, internal, book = _judge(repo, facts, judged, options, progress)
    if facts.missing:  # a rule read a kind the library's run left out: everything, and judge again
        _LOG.debug("kinds of facts read but not extracted: %s", sorted(facts.missing))
        facts = runner.extract(repo, options.max_file_bytes, jobs=options.jobs, cache=cache)
        apps, internal, book = _judge(repo, facts, judged, options, progress)
    if internal and cache is not None and cache.hits:
        # facts read back from the cache made a rule fail: a damaged entry must cost one slower
        # run, never an exit code 3 until someone deletes the cache. Extract again, fresh.
        cache.forget()
        facts = runner.extract(repo, options.max_file_bytes, jobs=options.jobs, cache=cache, wanted=facts.wanted)
        apps, internal, book = _judge(repo, facts, judged, options, progress)
    internal.extend(f"{e.path}: {e.detail}" for e in facts.errors if e.reason == "extractor_error")
    coverage = Coverage(
        repo.seen,
        facts.analyzed,
        facts.skipped,
        facts.errors,
        tracked_ignored=repo.tracked_ignored,
        notes=git_notes(repo.git) + ignore_notes(repo.ignore),
    )
    target = Target(
        path=path,
        name=os.path.basename(os.path.abspath(path)) or path,
        commit=repo.git.head,
        is_repository=repo.git.is_repository,
    )
    progress("done", 1, 1)
    from twelve.policy import evaluate

    selection = selection_of(given, options, rules, book.config_file)
    if selection is not None and selection.not_assessed:
        apps = [_not_assessed(app, selection) for app in apps]
    not_assessed = selection.not_assessed_by_config if selection else ()
    if kind.is_library:
        apps = [_as_library(app) for app in apps]
        not_assessed = tuple(n for n in not_assessed if n in LIBRARY_FACTORS)
    policy = evaluate(
        apps,
        options.fail_on,
        options.min_meets,
        analyzed=coverage.files_analyzed,
        not_assessed=not_assessed,
        deselected=selection.not_assessed if selection else (),
        library=kind.is_library,
    )
    assessment = Assessment(
        __version__,
        target,
        tuple(apps),
        coverage,
        options.profile,
        tuple(internal),
        notices=book.all_notices() + _coverage_notices(coverage),
        policy=policy,
        config_file=book.config_file,
        selection=selection,
        kind=kind,
    )
    kept = runner.read_hashes(repo, cache) if runs is not None and cache is not None else None
    if runs is not None and kept is not None and not internal and not facts.errors:
        # under the inputs it actually read, and the repository as walked (a replay looks it up
        # before the kind of repository turns a library's app roots into one unit)
        name = digest(prepared.repo, kept, given)
        prepared.kept = name if runs.put(name, assessment) else None
    return assessment


def _coverage_notices(coverage: Coverage) -> tuple:
    """A warning when no file was analysed: every verdict then speaks of nothing (an empty
    directory, everything excluded or over --max-file-size), gate or no gate."""
    from twelve.model import Message

    return (
        (Message.of("notice.nothing_analyzed", skipped=len(coverage.skipped)),) if coverage.files_analyzed == 0 else ()
    )


def git_notes(git: object) -> tuple:
    """What the report must say about git metadata read only in part (bounds of issue 11)."""
    from twelve.model import Message

    notes = getattr(git, "notes", ())
    return tuple(Message.of(f"coverage_note.{key}", **dict(params)) for key, params in notes)


def ignore_notes(ignore: object) -> tuple:
    """A coverage note for the ignore patterns not applied because they are over the bounds."""
    from twelve.model import Message

    dropped = getattr(ignore, "dropped", ())
    if not dropped:
        return ()
    shown = ", ".join(f"{where}:{line} ({reason})" for where, line, reason in dropped[:10])
    return (Message.of("coverage_note.ignore_dropped", count=len(dropped), lines=shown),)


def _judge(
    repo: Repository, facts: Facts, rules: tuple, options: Options, progress: Progress
) -> tuple[list[AppAssessment], list[str], WaiverBook]:
    """Stages 3 and 4 for every app: findings (after waivers), then verdicts; and the internal
    errors of the rules."""
    _stages()
    any_scope = frozenset(r.meta.id for r in rules if r.meta.any_scope)
    config = options.config
    book = WaiverBook.build(
        config.waivers if config else (),
        facts.items,
        config_file=config.file if config else None,
        today=options.today or _dt.date.today(),
        known_rules=(r.meta.id for r in all_rules()),
        ran_rules=(r.meta.id for r in rules),
    )
    apps: list[AppAssessment] = []
    internal: list[str] = []
    #: one object per distinct finding across apps: the apps of a monorepo report the findings of
    #: the files they share alike (kept once in memory, pickled once in the run cache)
    pool: dict[Finding, Finding] = {}
    for index, app in enumerate(repo.apps):
        progress("rules", index, len(repo.apps))
        run = run_rules(facts.for_app(app), rules)
        run.findings = book.apply_all(run.findings)
        if options.baseline:
            from twelve import baseline

            run.findings = baseline.apply(run.findings, options.baseline, options.baseline_file)
        options.debug_tracebacks.extend(run.tracebacks)
        verdicts: list[FactorVerdict] = []
        for info in FACTORS:
            verdict = decide(
                info.number, (f for f in run.findings if f.factor == info.number), any_scope, readable=bool(app.stacks)
            )
            errors = tuple(run.errors.get(info.number, ()))
            if errors:
                internal.extend(errors)
                verdict = FactorVerdict(
                    verdict.factor,
                    verdict.status,
                    verdict.confidence,
                    verdict.justification,
                    verdict.findings,
                    verdict.adjustments,
                    errors,
                )
            if len(repo.apps) > 1:
                verdict = replace(verdict, findings=tuple(pool.setdefault(f, f) for f in verdict.findings))
            verdicts.append(verdict)
        name = os.path.basename(repo.root) if app.path == "." else app.path
        apps.append(AppAssessment(app.path, name, app.stacks, tuple(verdicts)))
    return apps, internal, book


def _not_assessed(app: AppAssessment, selection: Selection) -> AppAssessment:
    """*app* with each factor none of whose rules ran said to be not assessed, and by whom: the
    verdict the rubric would give on no evidence ("no version-control information...") would be
    false there, since nothing looked."""
    from twelve.model import Confidence, Message, Status

    verdicts = []
    for verdict in app.verdicts:
        if verdict.factor in selection.not_assessed:
            by = (
                Message.of("verdict.by_config", file=selection.config_file or "")
                if verdict.factor in selection.not_assessed_by_config
                else Message("verdict.by_cli")
            )
            reason = Message("verdict.not_assessed", (("by", by),))  # type: ignore[arg-type]
            verdict = FactorVerdict(
                verdict.factor, Status.INCONCLUSIVE, Confidence.LOW, (reason,), verdict.findings, (), verdict.errors
            )
        verdicts.append(verdict)
    return replace(app, verdicts=tuple(verdicts))


def _kind_source(given: Options) -> str:
    """Who set the kind in force: the command line, the configuration file, or nobody."""
    if given.kind:
        return "cli"
    if given.config is not None and given.config.kind:
        return "config"
    return "detected"


def _as_library(app: AppAssessment) -> AppAssessment:
    """*app*, the one unit of a library, with each factor beyond I and II not applicable: a
    library is not deployed by itself; those factors apply to the apps that use it."""
    from twelve.model import Confidence, Message, Status

    verdicts = tuple(
        verdict
        if verdict.factor in LIBRARY_FACTORS
        else FactorVerdict(
            verdict.factor,
            Status.NOT_APPLICABLE,
            Confidence.HIGH,
            (Message("verdict.library_not_applicable"),),
            (),
            (),
            verdict.errors,
        )
        for verdict in app.verdicts
    )
    return replace(app, verdicts=verdicts)


def _factors_without_rules(selected: tuple) -> tuple[int, ...]:
    _stages()
    covered = {r.meta.factor for r in selected}
    return tuple(info.number for info in FACTORS if info.number not in covered)


def selection_of(given: Options, options: Options, rules: tuple, config_file: str | None) -> Selection | None:
    """What narrowed the run and where each setting came from (None when nothing narrowed it).

    *given*: the options as the caller gave them; *options*: with the configuration merged in;
    *rules*: the rules that ran. A factor counts as left unassessed by the configuration when the
    command line alone would have run some of its rules and the merged options run none."""
    _stages()
    from twelve.factors import factor
    from twelve.model import Message

    cfg = options.config
    overridden = given.overridden()
    if not (options.select or options.ignore or options.exclude or overridden):
        return None
    everything = all_rules()
    ran = {r.meta.id for r in rules}
    not_run = tuple(r.meta.id for r in everything if r.meta.id not in ran)
    not_assessed = _factors_without_rules(rules)
    by_cli_ids = selected_ids(given.select, given.ignore, (r.meta.id for r in everything))
    by_cli = _factors_without_rules(tuple(r for r in everything if r.meta.id in by_cli_ids))
    by_config = tuple(n for n in not_assessed if n not in by_cli) if cfg is not None else ()
    shown_file = config_file or (cfg.file if cfg else None) or ""
    said: list[Message] = []

    def listed(items: tuple[str, ...]) -> str:
        return ", ".join(items)

    for key, _mine, theirs in (
        ("exclude", given.exclude, cfg.exclude if cfg else ()),
        ("select", given.select, cfg.select if cfg else ()),
        ("ignore", given.ignore, cfg.ignore if cfg else ()),
    ):
        in_force = getattr(options, key)
        if not in_force:
            continue
        if theirs and in_force == theirs and key not in overridden:
            said.append(Message.of(f"selection.config_{key}", file=shown_file, items=listed(theirs)))
        else:
            said.append(Message.of(f"selection.cli_{key}", items=listed(in_force)))
    if overridden:
        said.append(Message.of("selection.overridden", file=shown_file, keys=listed(overridden)))
    if not_run:
        said.append(Message.of("selection.rules_not_run", count=len(not_run), total=len(everything)))
    if by_config:
        said.append(
            Message.of(
                "selection.not_assessed_by_config",
                file=shown_file,
                factors=", ".join(factor(n).roman for n in by_config),
            )
        )
    rest = tuple(n for n in not_assessed if n not in by_config)
    if rest:
        said.append(Message.of("selection.not_assessed", factors=", ".join(factor(n).roman for n in rest)))
    return Selection(
        select=options.select,
        ignore=options.ignore,
        exclude=options.exclude,
        config_file=shown_file or None,
        config_select=cfg.select if cfg else (),
        config_ignore=cfg.ignore if cfg else (),
        config_exclude=cfg.exclude if cfg else (),
        overridden=overridden,
        rules_total=len(everything),
        rules_not_run=not_run,
        not_assessed=not_assessed,
        not_assessed_by_config=by_config,
        statements=tuple(said),
    )
