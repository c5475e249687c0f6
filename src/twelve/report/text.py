"""The terminal report: the twelve-row table, then evidence and adjustments for every factor
that does not meet. Built from rich Text objects, so that nothing from the repository is ever
read as console markup; colours only on a terminal, and never with --no-color or NO_COLOR."""

from __future__ import annotations

import io
import os
import re
from typing import Any

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.model import Assessment, Finding, Polarity, Status
from twelve.report import view
from twelve.report.kind import lines as kind_lines

STYLES = {
    Status.MEETS: "bold green",
    Status.PARTIAL: "bold yellow",
    Status.DOES_NOT_MEET: "bold red",
    Status.NOT_APPLICABLE: "dim",
    Status.INCONCLUSIVE: "bold magenta",
}


_HANG = re.compile(r"^ *(?:[-+?→!] )?")


def _hanging(console: Any, text: Any) -> None:
    """Print *text* so that its wrapped lines start under its first word, not at column 0: the
    leading indent and mark ("   - ", "   → ") form a column of their own."""
    from rich.table import Table

    hang = _HANG.match(text.plain).end()  # type: ignore[union-attr]
    if hang == 0 or len(text.plain) + 1 < console.width:
        console.print(text)
        return
    grid = Table.grid(padding=0)
    grid.add_column(width=hang, no_wrap=True)
    grid.add_column()
    grid.add_row(text[:hang], text[hang:])
    console.print(grid)


def _evidence(
    console: Any, catalog: Catalog, shown: list[Finding], hidden: dict[str, int], shared: view.Shared | None = None
) -> None:
    """The evidence lines: mark, rule, message (and waiver), then each location; with *shared*
    (the repository-wide section), each finding's number and how many apps report it."""
    from rich.text import Text

    groups = [(f, tuple(f.locations)) for f in shown] if shared is not None else view.repeats_merged(catalog, shown)
    for finding, places in groups:
        mark = {"for": "+", "against": "-", "neutral": "?"}[finding.polarity.value]
        line = Text(f"   {mark} ")
        if shared is not None:
            line.append(f"#{shared.number[finding]} ", style="bold")
        line.append(f"[{finding.rule}] ", style="cyan")
        line.append(view.finding_message(catalog, finding))
        if finding.waiver is not None:
            line.append(f" ({catalog.text('report.waived_by', reason=finding.waiver.reason)})", style="dim")
        if shared is not None:
            line.append(f" ({catalog.text('repository.apps', count=shared.apps[finding])})", style="dim")
        _hanging(console, line)
        for loc in places:
            where = Text(f"       {view.location_text(loc.path, loc.line)}", style="bold")
            if loc.excerpt:
                where.append(f"  {loc.excerpt}", style="dim")
            _hanging(console, where)
    for rule, count in hidden.items():
        _hanging(console, Text(f"   {catalog.text('report.evidence_more', count=count, rule=rule)}", style="dim"))


def _repository(console: Any, catalog: Catalog, shared: view.Shared, evidence_limit: int) -> None:
    """The findings several apps report from files outside every app root, each once, by factor."""
    from rich.text import Text

    console.print()
    console.print(Text(catalog.text("repository.title"), style="bold"))
    _hanging(console, Text(f"  {catalog.text('repository.intro')}.", style="dim"))
    for info in FACTORS:
        findings = [f for f in shared.findings if f.factor == info.number]
        if not findings:
            continue
        console.print()
        console.print(Text(f"{info.roman}. {view.factor_name(catalog, info.number)}", style="bold"))
        shown, hidden = view.capped(findings, evidence_limit)
        _evidence(console, catalog, shown, hidden, shared)


def render(
    assessment: Assessment,
    catalog: Catalog,
    *,
    color: bool = False,
    width: int | None = None,
    evidence_limit: int = view.EVIDENCE_LIMIT,
    **_: Any,
) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    if width is None:
        try:
            width = int(os.environ.get("COLUMNS", "")) or 110
        except ValueError:
            width = 110
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    target = assessment.target
    header = Text(catalog.text("report.title", name=target.name), style="bold")
    console.print(header)
    meta = (
        f"{catalog.text('report.commit')}: {target.commit[:12]}"
        if target.commit
        else catalog.text("report.not_a_repository")
    )
    console.print(Text(f"{meta} · {catalog.text('report.tool', version=assessment.tool_version)}", style="dim"))
    scope = view.selection_lines(catalog, assessment)
    if scope:
        console.print(Text(f"{catalog.text('selection.title')}:", style="bold yellow"))
        for sentence in scope:
            _hanging(console, Text(f"  ! {sentence}.", style="yellow"))
    said = kind_lines(catalog, assessment)
    if said:
        console.print(Text(f"{catalog.text('kind.title')}:", style="bold yellow"))
        for sentence in said:
            _hanging(console, Text(f"  ! {sentence}.", style="yellow"))
    shared = view.shared_findings(assessment)
    for app in assessment.apps:
        if len(assessment.apps) > 1:
            console.print()
            folder = view.app_path_shown(app)
            stacks = ", ".join(app.stacks) or "-"
            console.print(
                Text(
                    f"{catalog.text('report.app')}: {app.name} ({f'{folder}; ' if folder else ''}{stacks})",
                    style="bold",
                )
            )
        table = Table(show_lines=False, expand=True, header_style="bold")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column(catalog.text("report.factor"), no_wrap=True)
        table.add_column(catalog.text("report.status"), no_wrap=True)
        table.add_column(catalog.text("report.justification"), ratio=1)
        for verdict in app.verdicts:
            info = FACTORS[verdict.factor - 1]
            table.add_row(
                Text(info.roman),
                Text(view.factor_name(catalog, info.number)),
                Text(view.verdict_status_text(catalog, verdict), style=STYLES[verdict.status]),
                Text(view.justification(catalog, verdict)),
            )
        console.print(table)
        console.print(Text(f"{catalog.text('report.summary')}: {view.summary_line(catalog, app)}."))
        for verdict in app.verdicts:
            shown, hidden = view.capped(
                [
                    f
                    for f in view.evidence_order(shared.own(verdict.findings))
                    if f.polarity is not Polarity.FOR or verdict.status is not Status.MEETS
                ],
                evidence_limit,
            )
            refs = shared.refs(
                f for f in verdict.findings if f.polarity is not Polarity.FOR or verdict.status is not Status.MEETS
            )
            adjustments = view.grouped_adjustments(catalog, verdict, evidence_limit)
            if not (shown or refs or verdict.errors or adjustments):
                continue  # nothing beyond the table's row (a waived finding is shown: it is evidence)
            info = FACTORS[verdict.factor - 1]
            console.print()
            title = Text(f"{info.roman}. {view.factor_name(catalog, info.number)} — ", style="bold")
            title.append(view.verdict_status_text(catalog, verdict), style=STYLES[verdict.status])
            title.append(
                f" ({catalog.text('report.confidence').lower()}: {catalog.text('confidence.' + verdict.confidence.value)})",
                style="dim",
            )
            console.print(title)
            if shown or refs:
                console.print(Text(f"  {catalog.text('report.evidence')}:", style="bold"))
                _evidence(console, catalog, shown, hidden)
            if refs:
                _hanging(console, Text(f"   … {view.shared_refs_line(catalog, refs)}", style="dim"))
            for error in verdict.errors:
                _hanging(console, Text(f"   ! {error}", style="red"))
            if adjustments:
                label = "report.adjustments" if verdict.status is not Status.MEETS else "report.advice"
                console.print(Text(f"  {catalog.text(label)}:", style="bold"))
                for item in adjustments:
                    _hanging(console, Text(f"   → {item}"))
    if shared.findings:
        _repository(console, catalog, shared, evidence_limit)
    console.print()
    cov = assessment.coverage
    line = Text(f"{catalog.text('report.coverage')}: {view.coverage_line(catalog, assessment)}", style="dim")
    if cov.errors:
        line.append(f"; {catalog.text('report.coverage_errors', count=len(cov.errors))}", style="yellow")
    _hanging(console, line)
    if cov.skipped:  # which files were left out, and why (the JSON and HTML reports list them all)
        console.print(Text(f"  {catalog.text('html.skipped', count=len(cov.skipped))}:", style="dim"))
        limit = max(evidence_limit, 10) if evidence_limit > 0 else len(cov.skipped)
        for left in cov.skipped[:limit]:
            reason = catalog.text(f"reason.{left.reason}") if catalog.has(f"reason.{left.reason}") else left.reason
            _hanging(console, Text(f"   {left.path}: {reason}", style="dim"))
        if len(cov.skipped) > limit:
            _hanging(
                console, Text(f"   {catalog.text('report.skipped_more', count=len(cov.skipped) - limit)}", style="dim")
            )
    for sentence in view.coverage_extras(catalog, assessment):
        _hanging(console, Text(f"  {sentence}.", style="dim"))
    if assessment.internal_errors:
        console.print(Text(catalog.text("report.internal_errors"), style="bold red"))
        for error in assessment.internal_errors:
            _hanging(console, Text(f"  {error}", style="red"))
    out = buffer.getvalue()
    return out if color else "\n".join(line.rstrip(" ") for line in out.split("\n"))  # no padding after wrapped text
