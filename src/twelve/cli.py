"""The command line: a thin layer over the pipeline and the report formats.

Exit codes: 0 the assessment ran (whatever the verdicts); 2 usage error or unusable PATH;
3 the assessment ran but a rule or extractor failed internally (see --debug).
"""

from __future__ import annotations

import os
import sys

import click

from twelve._version import __version__

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERNAL = 3
FORMATS = ("text", "markdown", "json")
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
def check(path: str, fmt: str, output: str | None, lang: str | None, no_color: bool, max_file_size: int,
          exclude: tuple[str, ...], select: tuple[str, ...], ignore_rules: tuple[str, ...], debug: bool) -> None:
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

    from twelve.pipeline import Options, assess
    from twelve.report import render

    options = Options(max_file_bytes=max_file_size, exclude=exclude, select=select, ignore=ignore_rules)
    assessment = assess(path, options)
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
    if assessment.internal_errors:
        sys.exit(EXIT_INTERNAL)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report."""
    from importlib import resources

    click.echo(resources.files("twelve.schema").joinpath("report-v1.schema.json").read_text(encoding="utf-8"), nl=False)


@main.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None)
def rules_command(fmt: str, lang: str | None) -> None:
    """List the rule catalogue: id, factor, polarity, strength, basis and what each checks."""
    import json

    from twelve.locale import Catalog
    from twelve.rules import all_rules

    catalog = Catalog(_lang(lang))
    rows = []
    for rule in all_rules():
        meta = rule.meta
        rows.append({"id": meta.id, "factor": meta.factor, "polarity": meta.polarity.value, "strength": meta.strength.value,
                     "basis": meta.basis.value, "ecosystems": list(meta.ecosystems),
                     "summary": catalog.text(f"{meta.id}.motivation")})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['id']:<10} {row['factor']:>2}  {row['polarity']:<8} {row['strength']:<9} {row['basis']:<9} {row['summary']}")


if __name__ == "__main__":  # pragma: no cover
    main()
