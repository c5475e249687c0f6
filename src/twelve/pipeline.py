"""The one pipeline: repository -> facts -> findings -> verdicts -> Assessment."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable
from pathlib import Path
from dataclasses import dataclass, field

from twelve._version import __version__
from twelve.config import Config, merge_lists
from twelve.facts import runner
from twelve.factors import FACTORS
from twelve.model import AppAssessment, Assessment, Coverage, FactorVerdict, Target
from twelve.repository import Repository, open_repository
from twelve.repository.walk import DEFAULT_MAX_FILE_BYTES
from twelve.rules import all_rules, run_rules
from twelve.rules.ids import selection
from twelve.verdict import decide
from twelve.waivers import WaiverBook

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
    progress: Progress | None = field(default=None, compare=False)
    debug_tracebacks: list[str] = field(default_factory=list, compare=False)

    def effective(self) -> Options:
        """These options with the configuration file's settings merged in (command line first)."""
        cfg = self.config
        if cfg is None:
            return self
        from dataclasses import replace

        return replace(self, exclude=merge_lists(cfg.exclude, self.exclude), select=self.select or cfg.select,
                       ignore=merge_lists(cfg.ignore, self.ignore), profile=cfg.profile,
                       fail_on=self.fail_on or cfg.fail_on,
                       min_meets=self.min_meets if self.min_meets is not None else cfg.min_meets)


def walk(path: str, options: Options | None = None) -> Repository:
    """Stage 1 alone: the layout of the directory at *path* under *options*."""
    options = (options or Options()).effective()
    return open_repository(path, max_file_bytes=options.max_file_bytes, exclude=list(options.exclude),
                           cache_dir=options.cache_dir)


def assess(path: str, options: Options | None = None, *, repo: Repository | None = None,
           cache: runner.FactCache | None = None) -> Assessment:
    """Assess the directory at *path* against the twelve factors (*repo*: its layout, when the
    caller has walked it already; *cache*: the facts cache, when the caller has opened it)."""
    options = (options or Options()).effective()
    progress = options.progress or (lambda step, done, total: None)
    progress("walk", 0, 1)
    if repo is None:
        repo = walk(path, options)
    progress("facts", 0, len(repo.files))
    facts = runner.extract(repo, options.max_file_bytes, jobs=options.jobs, cache=cache,
                           cache_dir=Path(options.cache_dir) if options.cache_dir and cache is None else None)
    progress("facts", len(repo.files), len(repo.files))
    everything = all_rules()
    chosen = selection(options.select, options.ignore, (r.meta.id for r in everything))
    rules = tuple(r for r in everything if r.meta.id in chosen)
    any_scope = frozenset(r.meta.id for r in rules if r.meta.any_scope)
    config = options.config
    book = WaiverBook.build(config.waivers if config else (), facts.items,
                            config_file=config.file if config else None,
                            today=options.today or _dt.date.today(), known_rules=(r.meta.id for r in all_rules()),
                            ran_rules=(r.meta.id for r in rules))
    apps: list[AppAssessment] = []
    internal: list[str] = []
    for index, app in enumerate(repo.apps):
        progress("rules", index, len(repo.apps))
        run = run_rules(facts.for_app(app), rules)
        run.findings = book.apply_all(run.findings)
        options.debug_tracebacks.extend(run.tracebacks)
        verdicts: list[FactorVerdict] = []
        for info in FACTORS:
            verdict = decide(info.number, (f for f in run.findings if f.factor == info.number), any_scope,
                             readable=bool(app.stacks))
            errors = tuple(run.errors.get(info.number, ()))
            if errors:
                internal.extend(errors)
                verdict = FactorVerdict(verdict.factor, verdict.status, verdict.confidence, verdict.justification,
                                        verdict.findings, verdict.adjustments, errors)
            verdicts.append(verdict)
        name = os.path.basename(repo.root) if app.path == "." else app.path
        apps.append(AppAssessment(app.path, name, app.stacks, tuple(verdicts)))
    internal.extend(f"{e.path}: {e.detail}" for e in facts.errors if e.reason == "extractor_error")
    coverage = Coverage(repo.seen, facts.analyzed, facts.skipped, facts.errors)
    target = Target(path=path, name=os.path.basename(os.path.abspath(path)) or path,
                    commit=repo.git.head, is_repository=repo.git.is_repository)
    progress("done", 1, 1)
    from twelve.policy import evaluate

    return Assessment(__version__, target, tuple(apps), coverage, options.profile, tuple(internal),
                      notices=book.all_notices(), policy=evaluate(apps, options.fail_on, options.min_meets),
                      config_file=book.config_file)
