"""The command line: a thin layer over the pipeline and the report formats.

Exit codes: 0 the assessment ran (whatever the verdicts, unless a policy is set); 1 the policy set
with --fail-on / --min-meets (or the configuration's fail-on / min-meets) is not met; 2 usage
error, unusable PATH or a configuration mistake; 3 the assessment ran but a rule or extractor
failed internally (see --debug), which wins over 1 since the verdicts may then be incomplete;
130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from twelve._version import __version__
from twelve.config import FAIL_ON
from twelve.report import FORMATS as REPORT_FORMATS

if TYPE_CHECKING:
    from datetime import datetime

    from twelve.config import Config
    from twelve.locale import Catalog
    from twelve.model import Assessment
    from twelve.pipeline import Options, Prepared
    from twelve.repository.remote import Clone
    from twelve.runcache import RunCache

EXIT_OK = 0
EXIT_POLICY = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
FORMATS = tuple(REPORT_FORMATS)
LANG_CHOICES = ("en", "pt-BR", "pt_BR", "pt")


def _fail(message: str) -> None:
    from twelve.report.safe import showable

    click.echo(f"twelve: error: {showable(message)}", err=True)
    sys.exit(EXIT_USAGE)


def _lang(value: str | None) -> str:
    from twelve.locale import detect_lang, normalize_lang

    return normalize_lang(value) or detect_lang()


#: the collector's thresholds for a run: a young collection every 50,000 allocations instead of 700
GC_THRESHOLDS = (50_000, 20, 10)


def tune_gc() -> None:
    """Make the cyclic collector run less often. A run allocates hundreds of thousands of objects
    that never form cycles and that it keeps to the end (walk records, file entries, facts,
    parsed documents); with the default thresholds the collector kept re-examining them, some
    tenth of a warm run (a warm run of an 11,000-file tree: about 0.57 s, 0.50 s with these).
    Reference counting still frees everything else at once; only cycles wait longer."""
    gc.set_threshold(*GC_THRESHOLDS)


class _Main(click.Group):
    """The command group; an exception that escapes a command (a bug, never a finding) becomes
    one line and exit code 3, with the traceback only under --debug."""

    def invoke(self, ctx: click.Context) -> object:
        tune_gc()
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            # Ctrl-C is neither "policy not met" (1) nor a bug (3): the shell's own code for it
            catalog = ctx.meta.get("twelve.catalog")
            click.echo(f"twelve: {catalog.text('cli.interrupted') if catalog is not None else 'interrupted'}", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            import traceback

            from twelve.facts.secrets import redact
            from twelve.repository.remote import mask_text

            catalog = ctx.meta.get("twelve.catalog")
            if ctx.meta.get("twelve.debug"):
                click.echo("".join(traceback.format_exception(exc)), err=True, nl=False)
            from twelve.report.safe import showable

            error = showable(redact(mask_text(f"{type(exc).__name__}: {exc}")))
            message = (
                catalog.text("internal.crashed", error=error) if catalog is not None else f"internal error ({error})"
            )
            click.echo(f"twelve: {message}", err=True)
            sys.exit(EXIT_INTERNAL)


def _remember_for_errors(catalog: Catalog, debug: bool) -> None:
    meta = click.get_current_context().meta
    meta["twelve.catalog"] = catalog
    meta["twelve.debug"] = debug


def _open_remote(
    path: str, ref: str | None, allow_local: bool, timeout: float, max_mb: int, max_file_size: int, catalog: Catalog
) -> Clone | None:
    """The clone of PATH when it is a repository URL (or a local clone was asked for), else None;
    a clone that cannot be made is a usage error (exit 2) with a one-line reason."""
    from twelve.repository.remote import RemoteError, cloned, parse_target

    try:
        spec = parse_target(path, allow_local=allow_local, ref=ref)
        if spec is None:
            return None
        return click.get_current_context().with_resource(
            cloned(spec, ref=ref, timeout=timeout, max_bytes=max_mb * 1024 * 1024, max_file_bytes=max_file_size)
        )
    except RemoteError as error:
        _fail(catalog.text(f"remote.{error.key}", **error.params))
    return None  # pragma: no cover - _fail exits


def _extractor_tracebacks(assessment: Assessment, root: str, catalog: Catalog) -> list[str]:
    """Tracebacks of the extractors that failed (they may have run in worker processes, or been
    recorded in a cache): each is run again here, on the same file, to show where it breaks."""
    import importlib
    import traceback

    from twelve.facts import EXTRACTORS, SECRET_SCAN, _decode, _read
    from twelve.facts.base import Source
    from twelve.repository.kinds import kind_of, scope_of

    traces: list[str] = []
    for error in assessment.coverage.errors:
        if error.reason != "extractor_error":
            continue
        short = error.detail.split(":", 1)[0]
        kind = kind_of(error.path)
        specs = EXTRACTORS.get(kind, ()) + (SECRET_SCAN, "twelve.facts.inline", "twelve.facts.pymanifests:setup_py")
        for spec in specs:
            module_name, _, func = spec.partition(":")
            if module_name.rsplit(".", 1)[-1] != short:
                continue
            try:
                text = _decode(_read(os.path.join(root, *error.path.split("/")), 64 << 20)) or ""
                getattr(importlib.import_module(module_name), func or "extract")(
                    Source(error.path, text, kind, scope_of(error.path))
                )
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # ast-grep panics are BaseExceptions
                header = catalog.text("internal.extractor_traceback", module=module_name, path=error.path)
                traces.append(header + "\n" + "".join(traceback.format_exception(exc)))
                break
    return traces


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="twelve", message="%(prog)s %(version)s")
def main() -> None:
    """Assess a repository against the Twelve-Factor App methodology, factor by factor."""


@main.command()
@click.argument("path", required=False, default=".", type=click.Path(file_okay=True, dir_okay=True, path_type=str))
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Report format."
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write the report to this file instead of standard output ('-': standard output). "
    "A symbolic link there is refused, never followed.",
)
@click.option(
    "--lang",
    type=click.Choice(LANG_CHOICES, case_sensitive=False),
    default=None,
    help="Report language (default: from LC_ALL/LC_MESSAGES/LANG; pt* gives pt-BR, anything else en).",
)
@click.option(
    "--color",
    "color_mode",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour the text report: auto colours on a terminal only; NO_COLOR in the environment means never and "
    "FORCE_COLOR always, unless this option is given.",
)
@click.option("--no-color", is_flag=True, help="Same as --color never.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only the report and errors: no progress bar, warnings or notes on stderr "
    "(the exit code still says whether the policy is met).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also say on stderr which configuration file applies, which app roots were "
    "found, and how many files were read or left out, and why.",
)
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=2 * 1024 * 1024,
    show_default=True,
    help="Skip files larger than this many bytes.",
)
@click.option(
    "--exclude", multiple=True, metavar="GLOB", help="Leave out paths matching this .gitignore-style glob (repeatable)."
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULE",
    help="Only run this rule, or the rules whose id starts with RULE (F03, F05-S0); case-insensitive, repeatable.",
)
@click.option(
    "--ignore",
    "ignore_rules",
    multiple=True,
    metavar="RULE",
    help="Skip this rule, or the rules whose id starts with RULE; case-insensitive, repeatable.",
)
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors to standard error.")
@click.option("--ref", default=None, metavar="REF", help="Branch or tag to assess when PATH is a repository URL.")
@click.option(
    "--allow-local-clone",
    is_flag=True,
    help="Also clone file:// URLs and local bare repositories (a local PATH with --ref is cloned too).",
)
@click.option(
    "--clone-timeout",
    type=click.FloatRange(min=1),
    default=120,
    show_default=True,
    metavar="SECONDS",
    help="Give up cloning a repository URL after this long.",
)
@click.option(
    "--clone-max-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    metavar="MB",
    help="Give up cloning a repository URL larger than this.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes (default: one per core; 1 = no process pool).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Keep the facts of unchanged files here between runs (default: the user cache dir, ~/.cache/twelve).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the facts cache.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Read the configuration from this file (.twelve.toml, or a pyproject.toml with [tool.twelve]) "
    "instead of looking for one from PATH upwards.",
)
@click.option("--no-config", is_flag=True, help="Use no configuration file at all.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Exit with code 1 when a factor has this status or a worse one (partial: every factor must be shown "
    "to meet, so inconclusive and does_not_meet fail it too).",
)
@click.option(
    "--min-meets",
    type=click.IntRange(min=0, max=12),
    default=None,
    metavar="N",
    help="Exit with code 1 when fewer than N factors meet.",
)
@click.option(
    "--evidence-limit",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    metavar="N",
    help="Findings of one rule shown per factor in the text and Markdown reports (0: all); "
    "JSON, SARIF and HTML always hold every finding.",
)
@click.option(
    "--no-progress", is_flag=True, help="Never draw the progress bar (it only ever appears on a terminal's stderr)."
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    metavar="FILE",
    help="A JSON report of an earlier run: its findings count as waived (source: baseline), so the gate "
    "judges only new ones.",
)
@click.option(
    "--app",
    "app_name",
    default=None,
    metavar="NAME",
    help="Report (and gate) only this app of a monorepo: its name or folder, as the report lists them.",
)
@click.option(
    "--kind",
    "project_kind",
    type=click.Choice(("auto", "app", "library")),
    default=None,
    help="What the repository is: auto (read from its files, the default), app (deployed: every factor "
    "applies) or library (a library or framework: only factors I and II apply). Replaces the "
    "configuration's kind.",
)
@click.option("--progress-delay", type=float, default=None, hidden=True)
def check(
    path: str,
    fmt: str,
    output: str | None,
    lang: str | None,
    no_color: bool,
    max_file_size: int,
    color_mode: str = "auto",
    quiet: bool = False,
    verbose: bool = False,
    *,
    exclude: tuple[str, ...],
    select: tuple[str, ...],
    ignore_rules: tuple[str, ...],
    debug: bool,
    jobs: int | None,
    cache_dir: str | None,
    no_cache: bool,
    config_file: str | None,
    no_config: bool,
    fail_on: str | None,
    min_meets: int | None,
    no_progress: bool,
    progress_delay: float | None,
    evidence_limit: int = 5,
    ref: str | None = None,
    allow_local_clone: bool = False,
    clone_timeout: float = 120,
    clone_max_size: int = 500,
    app_name: str | None = None,
    baseline_file: str | None = None,
    project_kind: str | None = None,
) -> None:
    """Assess PATH (default: the current directory) and print the twelve verdicts."""
    language = _lang(lang)
    from twelve.locale import Catalog

    catalog = Catalog(language)
    _remember_for_errors(catalog, debug)
    for given, negation, clash in (
        ("--config", "--no-config", config_file is not None and no_config),
        ("--cache-dir", "--no-cache", cache_dir is not None and no_cache),
        ("--quiet", "--verbose", quiet and verbose),
    ):
        if clash:  # which one was meant cannot be guessed: say so instead of ignoring one
            _fail(catalog.text("cli.contradiction", first=given, second=negation))
    if output == "-":
        output = None
    if output is not None:
        _check_output(output, catalog)  # before any work: a bad -o is a usage error, not a lost run
    clone = _open_remote(path, ref, allow_local_clone, clone_timeout, clone_max_size, max_file_size, catalog)
    if clone is not None:  # assess the clone; it is removed when the command ends, however it ends
        path, no_cache = clone.path, True  # a clone's path never recurs: nothing worth caching
    if not os.path.exists(path):
        _fail(catalog.text("cli.path_missing", path=path))
    if not os.path.isdir(path):
        _fail(catalog.text("cli.path_not_dir", path=path))
    if not os.access(path, os.R_OK | os.X_OK):
        _fail(catalog.text("cli.path_unreadable", path=path))

    from twelve.cachefiles import default_cache_dir
    from twelve.pipeline import Options

    for option, values in (("--select", select), ("--ignore", ignore_rules)):
        for value in values:
            from twelve.rules.ids import UnknownRule, resolve  # only then: the rules are no small import

            try:
                resolve(value)
            except UnknownRule:
                _fail(catalog.text("cli.unknown_selector", option=option, value=value))

    cache = None if no_cache else (cache_dir or str(default_cache_dir()))
    config = _config(path, config_file, no_config, catalog)
    if lang is None and config is not None and config.lang:
        language = config.lang
        catalog = Catalog(language)
    baseline: tuple = ()
    if baseline_file is not None:
        from twelve.baseline import BaselineError
        from twelve.baseline import load as load_baseline

        try:
            baseline = load_baseline(baseline_file)
        except BaselineError as error:
            _fail(catalog.text(f"baseline.{error.key}", path=baseline_file, detail=error.detail))
    # an unchanged target replays its kept assessment (never under --debug, which wants the run)
    options = Options(
        max_file_bytes=max_file_size,
        exclude=exclude,
        select=select,
        ignore=ignore_rules,
        jobs=jobs,
        cache_dir=cache,
        config=config,
        fail_on=fail_on,
        min_meets=min_meets,
        replay=clone is None and not debug,
        baseline=baseline,
        baseline_file=os.path.basename(baseline_file) if baseline_file else "",
        kind=project_kind,
    )
    color = fmt == "text" and _colour(color_mode, no_color, output is None and sys.stdout.isatty())
    from twelve.pipeline import prepare
    from twelve.runcache import output_key

    prepared = prepare(path, options)
    # the report is a function of the run and of these alone: an unchanged run writes it as kept
    shown = output_key(fmt=fmt, lang=language, color=color, evidence_limit=evidence_limit, app=app_name, path=path)
    if prepared.runs is not None and prepared.name is not None:
        replayed = _replay_report(prepared.runs, prepared.name, shown, output, catalog)
        if replayed is not None:
            _emit(replayed[1], replayed[0], output, catalog, quiet=quiet, verbose=verbose, color=color)
            return
    from twelve.report import render_pieces

    assessment = _assess_with_progress(path, options, catalog, no_progress or quiet, progress_delay, prepared)
    if clone is not None:
        assessment = clone.retarget(assessment)  # the URL (credentials masked) and the commit
    if app_name is not None:
        assessment = _one_app(assessment, app_name, options, catalog)
    verbose_lines = [f"twelve: {line}" for line in _verbose_lines(assessment, catalog)]
    from twelve.report.safe import showable_assessment

    assessment = showable_assessment(assessment)  # what goes to stderr below is shown safely too
    said = {
        "verbose": verbose_lines,
        "notices": [
            f"twelve: {catalog.text('cli.warning')}: {catalog.render(notice)}" for notice in assessment.notices
        ],
        "policy": [],
        "code": EXIT_INTERNAL if assessment.internal_errors else EXIT_OK,
    }
    policy = assessment.policy
    if policy is not None:
        said["policy"] = [
            f"twelve: {catalog.text('cli.policy')}: {catalog.render(v.message)}" for v in policy.violations
        ]
        if not policy.passed and not assessment.internal_errors:
            said["code"] = EXIT_POLICY
    # in pieces, written as they come (the JSON report of a large tree is 150 MB of text), and
    # kept for a replay as they pass
    text: Iterable[str] = render_pieces(assessment, fmt, language, color=color, evidence_limit=evidence_limit)
    if prepared.runs is not None and prepared.kept is not None:
        text = prepared.runs.keep_output(prepared.kept, shown, said, text)
    traces = (options.debug_tracebacks + _extractor_tracebacks(assessment, path, catalog)) if debug else []
    _emit(text, said, output, catalog, quiet=quiet, verbose=verbose, color=color, traces=traces)


def _replay_report(
    runs: RunCache, name: str, key: str, output: str | None, catalog: Catalog
) -> tuple[dict, str | None] | None:
    """The report kept for run *name* under display options *key*, and what was said beside it:
    for a -o file, written there straight from the cache, chunk by chunk (the text returned is
    then None); for standard output, its text. None, having written nothing, when there is no
    such report or it turns out damaged (then the run is assessed and rendered as usual)."""
    from twelve.cachefiles import DamagedCacheFile

    if output:
        streamed = runs.stream_output(name, key)
        if streamed is None or not _said_shape(streamed[0]):
            return None
        from twelve.outputs import OutputError, write_output

        try:
            write_output(output, streamed[1])
        except DamagedCacheFile:
            return None
        except OutputError as error:
            _fail(catalog.text(f"output.{error.key}", path=output))
        return streamed[0], None
    found = runs.get_output(name, key)
    if found is None or not _said_shape(found[0]):
        return None
    try:
        return found[0], str(found[1], "utf-8")
    except UnicodeDecodeError:
        return None


def _said_shape(said: dict) -> bool:
    """Whether *said* (kept beside a report) is what :func:`_emit` reads: lists of lines and an exit code."""
    return (
        all(
            isinstance(said.get(k), list) and all(isinstance(line, str) for line in said[k])
            for k in ("verbose", "notices", "policy")
        )
        and type(said.get("code")) is int
        and said["code"] in (EXIT_OK, EXIT_POLICY, EXIT_INTERNAL)
    )


def _emit(
    text: str | Iterable[str] | None,
    said: dict,
    output: str | None,
    catalog: Catalog,
    *,
    quiet: bool,
    verbose: bool,
    color: bool,
    traces: list[str] | None = None,
) -> None:
    """Say what a run found (its --verbose lines, its report, its notices and policy on stderr)
    and exit with its code; the same for a fresh run and for one replayed with its report
    (*text* None: the report is written already)."""
    if verbose:
        for line in said["verbose"]:
            click.echo(line, err=True)
    _write_report(text, output, catalog, quiet=quiet, color=color)
    for trace in traces or ():
        click.echo(trace, err=True)
    for message in ([] if quiet else said["notices"]) + said["policy"]:
        click.echo(message, err=True)
    if said["code"] != EXIT_OK:
        sys.exit(said["code"])


def _colour(mode: str, no_color: bool, terminal: bool, environ: dict[str, str] | None = None) -> bool:
    """Whether to colour: --no-color or --color never/always decide; under auto, NO_COLOR (any
    non-empty value) means never, FORCE_COLOR (non-empty, not 0) always, else only on a terminal."""
    env = os.environ if environ is None else environ
    if no_color or mode == "never":
        return False
    if mode == "always":
        return True
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return terminal


def _one_app(assessment: Assessment, name: str, options: Options, catalog: Catalog) -> Assessment:
    """The assessment narrowed to the app named *name* (its name or its folder), with the policy
    judged again on that app alone; an unknown name is a usage error listing the apps."""
    from dataclasses import replace

    from twelve.policy import evaluate

    apps = assessment.apps
    chosen = [a for a in apps if name in (a.name, a.path)] or [
        a for a in apps if name.strip("/").lower() in (a.name.lower(), a.path.lower())
    ]
    if not chosen:
        _fail(catalog.text("cli.unknown_app", app=name, apps=", ".join(a.name for a in apps)))
    effective = options.effective()
    selection = assessment.selection
    policy = evaluate(
        chosen[:1],
        effective.fail_on,
        effective.min_meets,
        analyzed=assessment.coverage.files_analyzed,
        not_assessed=selection.not_assessed_by_config if selection else (),
        deselected=selection.not_assessed if selection else (),
    )
    return replace(assessment, apps=tuple(chosen[:1]), policy=policy)


def _verbose_lines(assessment: Assessment, catalog: Catalog) -> list[str]:
    """What --verbose says on stderr: the configuration file, the app roots, and the files read
    or left out (by reason)."""
    from collections import Counter

    t = catalog.text
    lines = [t("verbose.config", file=assessment.config_file) if assessment.config_file else t("verbose.no_config")]
    for app in assessment.apps:
        lines.append(t("verbose.app", app=app.name, path=app.path, stacks=", ".join(app.stacks) or "-"))
    cov = assessment.coverage
    lines.append(t("verbose.files", seen=cov.files_seen, analyzed=cov.files_analyzed, skipped=len(cov.skipped)))
    for reason, count in sorted(Counter(s.reason for s in cov.skipped).items()):
        shown = t(f"reason.{reason}") if catalog.has(f"reason.{reason}") else reason
        lines.append(t("verbose.skipped", count=count, reason=shown))
    return lines


def _check_output(output: str, catalog: Catalog) -> None:
    """Exit 2 (one line) unless *output* can be written as a report: its directory exists and is
    writable, and the name is free or a regular file (never a symbolic link, FIFO or directory)."""
    from twelve.outputs import OutputError, check_output

    try:
        check_output(output)
    except OutputError as error:
        _fail(catalog.text(f"output.{error.key}", path=output))


def _write_report(
    text: str | Iterable[str] | None, output: str | None, catalog: Catalog, quiet: bool = False, color: bool = False
) -> None:
    """The report (whole or in pieces) to the -o file (saying so on stderr) or to standard output
    (*text* None: it is written already, only said so). The file is written beside its final name
    and renamed over it; a symbolic link at that name is refused (exit 2)."""
    if output:
        from twelve.outputs import OutputError, write_output

        try:
            if text is not None:
                write_output(output, text)
        except OutputError as error:
            _fail(catalog.text(f"output.{error.key}", path=output))
        if not quiet:
            click.echo(catalog.text("cli.written", path=output), err=True)
    elif text is not None:
        for piece in (text,) if isinstance(text, str) else text:  # click strips colours off a pipe unless told
            click.echo(piece, nl=False, color=True if color else None)


def _config(path: str, explicit: str | None, disabled: bool, catalog: Catalog) -> Config | None:
    """The configuration that applies (None when there is none); a mistake in it is a usage error."""
    from twelve.config import ConfigError, discover, load, shown_path

    if disabled:
        return None
    found = explicit or discover(path)
    if found is None:
        return None
    try:
        return load(found, explicit=explicit is not None, shown=explicit or shown_path(found, path))
    except ConfigError as error:
        _fail(catalog.render(error.message))
    return None  # pragma: no cover - _fail exits


def _assess_with_progress(
    path: str, options: Options, catalog: Catalog, disabled: bool, delay: float | None, prepared: Prepared | None = None
) -> Assessment:
    """Run the assessment, with a progress bar on stderr when stderr is a terminal."""
    from dataclasses import replace

    from twelve.pipeline import assess

    if disabled or not sys.stderr.isatty():
        return assess(path, options, prepared=prepared)
    from twelve.progress import DEFAULT_DELAY, TerminalProgress

    with TerminalProgress(catalog, delay=DEFAULT_DELAY if delay is None else delay) as bar:
        return assess(path, replace(options, progress=bar), prepared=prepared)


@main.command("waive")
@click.argument("path", required=False, default=".", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--reason", required=True, help="Why these findings are accepted (written into every waiver).")
@click.option(
    "--rule",
    "rules",
    multiple=True,
    metavar="RULE",
    help="Only the findings of this rule, or of the rules whose id starts with RULE (repeatable).",
)
@click.option(
    "--expires",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="The last day the waivers apply; after it the findings count again.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Write into this file (default: the configuration file twelve finds for PATH, else PATH/.twelve.toml).",
)
@click.option("--dry-run", is_flag=True, help="Print the waivers instead of writing them.")
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None)
def waive_command(
    path: str,
    reason: str,
    rules: tuple[str, ...],
    expires: datetime | None,
    config_file: str | None,
    dry_run: bool,
    lang: str | None,
) -> None:
    """Write today's findings of PATH as waivers with a reason, so that a gate judges only new
    ones (each waiver is reviewable, and can expire)."""
    from twelve import waive
    from twelve.config import PYPROJECT, discover
    from twelve.locale import Catalog
    from twelve.pipeline import Options, assess
    from twelve.rules.ids import UnknownRule, resolve

    catalog = Catalog(_lang(lang))
    if not reason.strip():
        _fail(catalog.text("waive.no_reason"))
    for value in rules:
        try:
            resolve(value)
        except UnknownRule:
            _fail(catalog.text("cli.unknown_selector", option="--rule", value=value))
    target = config_file or discover(path) or os.path.join(path, ".twelve.toml")
    config = _config(path, target if os.path.exists(target) else None, not os.path.exists(target), catalog)
    assessment = assess(path, Options(select=rules, config=config, jobs=None))
    items = waive.entries(assessment)
    table = "tool.twelve.waivers" if os.path.basename(target) == PYPROJECT else "waivers"
    text = waive.toml_text(items, reason.strip(), expires.date() if expires else None, table)
    if dry_run:
        click.echo(text, nl=False)
        return
    if not items:
        click.echo(f"twelve: {catalog.text('waive.nothing')}", err=True)
        return
    try:
        waive.write(target, text)
    except waive.WaiveError as error:
        params = dict(error.params)
        if "error" in params:
            params["error"] = catalog.render(params["error"].message)  # type: ignore[attr-defined]
        _fail(catalog.text(f"waive.{error.key}", **params))
    click.echo(f"twelve: {catalog.text('waive.written', count=len(items), path=target)}", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report."""
    from importlib import resources

    click.echo(resources.files("twelve.schema").joinpath("report-v1.schema.json").read_text(encoding="utf-8"), nl=False)


@main.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None)
@click.option(
    "--factor",
    "factor_token",
    default=None,
    metavar="FACTOR",
    help="Only the rules of this factor (1-12, I-XII or a key such as config).",
)
def rules_command(fmt: str, lang: str | None, factor_token: str | None) -> None:
    """List the rule catalogue: id, factor, polarity, strength, basis and what each checks."""
    import json

    from twelve.explain import rule_rows, rules_table
    from twelve.factors import lookup
    from twelve.locale import Catalog

    catalog = Catalog(_lang(lang))
    factor = None
    if factor_token is not None:
        factor = lookup(factor_token)
        if factor is None:
            _fail(catalog.text("cli.unknown_topic", topic=factor_token))
    rows = rule_rows(catalog, factor)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(rules_table(catalog, rows), nl=False)


@main.command("explain")
@click.argument("topic")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None)
def explain_command(topic: str, fmt: str, lang: str | None) -> None:
    """Explain a factor (3, III, config) or a rule (F03-S2): what the factor requires, its
    anti-patterns, and for a rule its motivation and remediation."""
    import json
    import shutil

    from twelve import explain
    from twelve.locale import Catalog

    catalog = Catalog(_lang(lang))
    info, meta = explain.resolve(topic)
    if info is None:
        _fail(catalog.text("cli.unknown_topic", topic=topic))
    if fmt == "json":
        click.echo(json.dumps(explain.data(catalog, info, meta), ensure_ascii=False, indent=2))  # type: ignore[arg-type]
        return
    width = min(100, max(40, shutil.get_terminal_size((88, 24)).columns - 1))
    click.echo(explain.text(catalog, info, meta, width=width), nl=False)  # type: ignore[arg-type]


# --- many repositories: twelve scan, export, dashboard, history (twelve.portfolio; docs/scan.md) --

_DB_HELP = (
    "The portfolio database: a SQLAlchemy URL (postgresql://user@host/db, sqlite:///file.db) or a "
    "SQLite file (default ./twelve-scan.db; also TWELVE_DB)."
)


@main.command("scan")
@click.argument("sources", nargs=-1, required=True, metavar="LIST_OR_FOLDER...")
@click.option("--db", envvar="TWELVE_DB", default=None, metavar="URL", help=_DB_HELP)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Local worker processes (default: one per core; 1 = in this process).",
)
@click.option(
    "--cluster",
    default=None,
    metavar="ADDRESS",
    help="Run the tasks on this Dask distributed scheduler (tcp://host:8786); needs twelve[cluster].",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("csv", "json", "markdown")),
    default=None,
    help="After the scan, export the latest matrix in this format (standard output or -o).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=str),
    default=None,
    help="Write the export to this file.",
)
@click.option(
    "--lang",
    type=click.Choice(LANG_CHOICES, case_sensitive=False),
    default=None,
    help="Language of the stored reports and of the output.",
)
@click.option("--max-file-size", type=click.IntRange(min=1), default=2 * 1024 * 1024, show_default=True)
@click.option(
    "--exclude", multiple=True, metavar="GLOB", help="Leave out paths matching this glob in every repository."
)
@click.option("--select", multiple=True, metavar="RULE", help="Only run rules whose id starts with RULE.")
@click.option("--ignore", "ignore_rules", multiple=True, metavar="RULE", help="Skip rules whose id starts with RULE.")
@click.option("--no-config", is_flag=True, help="Ignore the repositories' own configuration files.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="The facts cache of local checkouts (default: the user cache dir).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the facts cache.")
@click.option("--allow-local-clone", is_flag=True, help="Also clone file:// URLs and local bare repositories.")
@click.option("--clone-timeout", type=click.FloatRange(min=1), default=120, show_default=True, metavar="SECONDS")
@click.option("--clone-max-size", type=click.IntRange(min=1), default=500, show_default=True, metavar="MB")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary, not one line per repository.")
@click.option(
    "--no-progress", is_flag=True, help="Never draw the progress bar (it only ever appears on a terminal's stderr)."
)
@click.option("--progress-delay", type=float, default=0.5, hidden=True)
@click.option("--cluster-timeout", type=click.FloatRange(min=0.1), default=30, hidden=True)
def scan_command(
    sources: tuple[str, ...],
    db: str | None,
    workers: int | None,
    cluster: str | None,
    fmt: str | None,
    output: str | None,
    lang: str | None,
    max_file_size: int,
    exclude: tuple[str, ...],
    select: tuple[str, ...],
    ignore_rules: tuple[str, ...],
    no_config: bool,
    cache_dir: str | None,
    no_cache: bool,
    allow_local_clone: bool,
    clone_timeout: float,
    clone_max_size: int,
    quiet: bool,
    no_progress: bool,
    progress_delay: float,
    cluster_timeout: float,
) -> None:
    """Assess many repositories into a database: list files (one path or URL per line, # comments)
    or folders of checkouts. Unchanged repositories reuse their stored result."""
    from twelve.cachefiles import default_cache_dir
    from twelve.portfolio import commands
    from twelve.portfolio.task import Settings

    language = _lang(lang)
    settings = Settings(
        lang=language,
        max_file_bytes=max_file_size,
        exclude=exclude,
        select=select,
        ignore=ignore_rules,
        use_config=not no_config,
        cache_dir=None if no_cache else (cache_dir or str(default_cache_dir())),
        clone_timeout=clone_timeout,
        clone_max_mb=clone_max_size,
        allow_local_clone=allow_local_clone,
    )
    sys.exit(
        commands.scan(
            commands.ScanRequest(
                sources,
                db,
                workers,
                cluster,
                fmt,
                output,
                language,
                quiet,
                no_progress,
                progress_delay,
                settings,
                cluster_timeout,
            )
        )
    )


@main.command("export")
@click.option("--db", envvar="TWELVE_DB", default=None, metavar="URL", help=_DB_HELP)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(("csv", "json", "markdown")), default="markdown", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=str), default=None)
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None)
def export_command(db: str | None, fmt: str, output: str | None, lang: str | None) -> None:
    """Export the latest matrix of a portfolio database (each repository's latest result)."""
    from twelve.portfolio import commands

    sys.exit(commands.export(db, fmt, output, _lang(lang)))


@main.command("dashboard")
@click.option("--db", envvar="TWELVE_DB", default=None, metavar="URL", help=_DB_HELP)
@click.option(
    "-o",
    "--output",
    default="twelve-dashboard",
    show_default=True,
    metavar="DIR_OR_FILE",
    help="A folder (the page is DIR/index.html) or an .html file.",
)
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None)
@click.option("--title", default=None, help="The page's title.")
def dashboard_command(db: str | None, output: str, lang: str | None, title: str | None) -> None:
    """Write a static dashboard of a portfolio database: one self-contained HTML page."""
    from twelve.portfolio import commands

    sys.exit(commands.dashboard(db, output, _lang(lang), title))


@main.command("history")
@click.argument("repository")
@click.option("--db", envvar="TWELVE_DB", default=None, metavar="URL", help=_DB_HELP)
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None)
def history_command(repository: str, db: str | None, fmt: str, lang: str | None) -> None:
    """How one repository's verdicts changed from scan to scan (REPOSITORY: its path, URL or name)."""
    from twelve.portfolio import commands

    sys.exit(commands.history(db, repository, fmt, _lang(lang)))


if __name__ == "__main__":  # pragma: no cover
    main()
