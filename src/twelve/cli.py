"""The command line: a thin layer over the pipeline and the report formats.

Exit codes: 0 the assessment ran (whatever the verdicts, unless a policy is set); 1 the policy set
with --fail-on / --min-meets (or the configuration's fail-on / min-meets) is not met; 2 usage
error, unusable PATH or a configuration mistake; 3 the assessment ran but a rule or extractor
failed internally (see --debug), which wins over 1 since the verdicts may then be incomplete.
"""

from __future__ import annotations

import os
import sys

import click

from twelve._version import __version__

EXIT_OK = 0
EXIT_POLICY = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
FORMATS = ("text", "markdown", "json", "html", "sarif", "badge")
FAIL_ON = ("does_not_meet", "partial")
LANG_CHOICES = ("en", "pt-BR", "pt_BR", "pt")


def _fail(message: str) -> None:
    click.echo(f"twelve: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _lang(value: str | None) -> str:
    from twelve.locale import detect_lang, normalize_lang

    return normalize_lang(value) or detect_lang()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="twelve", message="%(prog)s %(version)s")
def main() -> None:
    """Assess a repository against the Twelve-Factor App methodology, factor by factor."""


@main.command()
@click.argument("path", required=False, default=".", type=click.Path(file_okay=True, dir_okay=True, path_type=str))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=str),
              help="Write the report to this file instead of standard output.")
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None,
              help="Report language (default: from LC_ALL/LC_MESSAGES/LANG; pt* gives pt-BR, anything else en).")
@click.option("--no-color", is_flag=True, help="Never colour the terminal report (NO_COLOR is honoured too).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=2 * 1024 * 1024, show_default=True,
              help="Skip files larger than this many bytes.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Leave out paths matching this .gitignore-style glob (repeatable).")
@click.option("--select", multiple=True, metavar="RULE", help="Only run rules whose id starts with RULE (repeatable).")
@click.option("--ignore", "ignore_rules", multiple=True, metavar="RULE", help="Skip rules whose id starts with RULE (repeatable).")
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors to standard error.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: one per core; 1 = no process pool).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Keep the facts of unchanged files here between runs (default: the user cache dir, ~/.cache/twelve).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the facts cache.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Read the configuration from this file (.twelve.toml, or a pyproject.toml with [tool.twelve]) "
                   "instead of looking for one from PATH upwards.")
@click.option("--no-config", is_flag=True, help="Use no configuration file at all.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit with code 1 when a factor has this status or a worse one (partial includes does_not_meet).")
@click.option("--min-meets", type=click.IntRange(min=0, max=12), default=None, metavar="N",
              help="Exit with code 1 when fewer than N factors meet.")
@click.option("--no-progress", is_flag=True, help="Never draw the progress bar (it only ever appears on a terminal's stderr).")
@click.option("--progress-delay", type=float, default=None, hidden=True)
def check(path: str, fmt: str, output: str | None, lang: str | None, no_color: bool, max_file_size: int,
          exclude: tuple[str, ...], select: tuple[str, ...], ignore_rules: tuple[str, ...], debug: bool,
          jobs: int | None, cache_dir: str | None, no_cache: bool, config_file: str | None, no_config: bool,
          fail_on: str | None, min_meets: int | None, no_progress: bool, progress_delay: float | None) -> None:
    """Assess PATH (default: the current directory) and print the twelve verdicts."""
    language = _lang(lang)
    from twelve.locale import Catalog

    catalog = Catalog(language)
    if not os.path.exists(path):
        _fail(catalog.text("cli.path_missing", path=path))
    if not os.path.isdir(path):
        _fail(catalog.text("cli.path_not_dir", path=path))
    if not os.access(path, os.R_OK | os.X_OK):
        _fail(catalog.text("cli.path_unreadable", path=path))

    from twelve.pipeline import Options
    from twelve.report import render

    from twelve.facts.runner import default_cache_dir

    cache = None if no_cache else (cache_dir or str(default_cache_dir()))
    config = _config(path, config_file, no_config, catalog)
    if lang is None and config is not None and config.lang:
        language = config.lang
        catalog = Catalog(language)
    options = Options(max_file_bytes=max_file_size, exclude=exclude, select=select, ignore=ignore_rules,
                      jobs=jobs, cache_dir=cache, config=config, fail_on=fail_on, min_meets=min_meets)
    assessment = _assess_with_progress(path, options, catalog, no_progress, progress_delay)
    color = (fmt == "text" and output is None and not no_color and "NO_COLOR" not in os.environ
             and sys.stdout.isatty())
    text = render(assessment, fmt, language, color=color)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        click.echo(catalog.text("cli.written", path=output), err=True)
    else:
        click.echo(text, nl=False)
    if debug:
        for trace in options.debug_tracebacks:
            click.echo(trace, err=True)
    for notice in assessment.notices:
        click.echo(f"twelve: {catalog.text('cli.warning')}: {catalog.render(notice)}", err=True)
    policy = assessment.policy
    if policy is not None:
        for violation in policy.violations:
            click.echo(f"twelve: {catalog.text('cli.policy')}: {catalog.render(violation.message)}", err=True)
    if assessment.internal_errors:
        sys.exit(EXIT_INTERNAL)
    if policy is not None and not policy.passed:
        sys.exit(EXIT_POLICY)


def _config(path: str, explicit: str | None, disabled: bool, catalog: object) -> object:
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
        _fail(catalog.render(error.message))  # type: ignore[attr-defined]
    return None  # pragma: no cover - _fail exits


def _assess_with_progress(path: str, options: object, catalog: object, disabled: bool, delay: float | None) -> object:
    """Run the assessment, with a progress bar on stderr when stderr is a terminal."""
    from dataclasses import replace

    from twelve.pipeline import assess

    if disabled or not sys.stderr.isatty():
        return assess(path, options)  # type: ignore[arg-type]
    from twelve.progress import DEFAULT_DELAY, TerminalProgress

    with TerminalProgress(catalog, delay=DEFAULT_DELAY if delay is None else delay) as bar:  # type: ignore[arg-type]
        return assess(path, replace(options, progress=bar))  # type: ignore[type-var]


@main.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report."""
    from importlib import resources

    click.echo(resources.files("twelve.schema").joinpath("report-v1.schema.json").read_text(encoding="utf-8"), nl=False)


@main.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None)
@click.option("--factor", "factor_token", default=None, metavar="FACTOR",
              help="Only the rules of this factor (1-12, I-XII or a key such as config).")
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


if __name__ == "__main__":  # pragma: no cover
    main()
