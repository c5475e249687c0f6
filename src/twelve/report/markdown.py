"""The Markdown report: the seed's `FATOR | STATUS | JUSTIFICATIVA` table, then one section per
factor with its evidence (path:line and excerpt) and recommended adjustments."""

from __future__ import annotations

import re
from typing import Any

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.model import Assessment, Finding, Location, Polarity
from twelve.report import view
from twelve.report.kind import lines as kind_lines

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_BACKTICKS = re.compile(r"`+")


def _outside_code_spans(text: str) -> list[tuple[str, bool]]:
    """*text* cut into (piece, is_code_span), as CommonMark reads code spans: a run of n
    backticks opens one only if a later run of exactly n backticks closes it. Linear: the next
    run of each length is found by one pass from the right."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if not runs:
        return [(text, False)]
    following: list[int | None] = [None] * len(runs)
    nearest: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = nearest.get(length)
        nearest[length] = index
    pieces: list[tuple[str, bool]] = []
    position = 0
    index = 0
    while index < len(runs):
        start, _end = runs[index]
        closer = following[index]
        if closer is None:
            index += 1
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start : runs[closer][1]], True))
        position = runs[closer][1]
        index = closer + 1
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped, no raw HTML, no link."""
    return inline(text).replace("|", "\\|")


def inline(text: str) -> str:
    """Prose that may carry repository content: one line, no raw HTML tag can open, and no link
    or image can form (``<`` before a letter and square brackets outside code spans are escaped;
    inside a code span, where CommonMark reads no markup, they are shown as they are)."""
    text = " ".join(text.split())
    if "<" not in text and "[" not in text and "]" not in text:
        return text
    # inside a code span nothing is markup (CommonMark shows `<server>` as typed): escape outside only
    return "".join(
        piece if code_span else _TAG_START.sub("&lt;", piece).replace("[", "\\[").replace("]", "\\]")
        for piece, code_span in _outside_code_spans(text)
    )


def code(text: str) -> str:
    """An inline code span that survives backticks in *text*."""
    text = " ".join(text.split())
    if not text:
        return ""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("twelve.report", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cell=cell, inline=inline, code=code)
    return env


def _finding_view(catalog: Catalog, finding: Finding, places: tuple[Location, ...] | None = None) -> dict[str, Any]:
    """A finding as the template shows it; *places*: its locations and those of the findings
    merged into it (the same sentence at several places), its own by default."""
    return {
        "rule": finding.rule,
        "polarity": catalog.text(f"polarity.{finding.polarity.value}"),
        "against": finding.polarity is Polarity.AGAINST,
        "strength": catalog.text(f"strength.{finding.strength.value}"),
        "basis": catalog.text(f"basis.{finding.basis.value}"),
        "message": view.finding_message(catalog, finding),
        "locations": [
            {"where": view.location_text(l.path, l.line), "excerpt": l.excerpt}
            for l in (finding.locations if places is None else places)
        ],
        "waiver": catalog.text("report.waived_by", reason=finding.waiver.reason) if finding.waiver else None,
        "number": None,
        "apps": None,
    }


def _repository(catalog: Catalog, shared: view.Shared, evidence_limit: int) -> list[dict[str, Any]]:
    """The repository-wide findings by factor, each numbered, with how many apps report it."""
    sections = []
    for info in FACTORS:
        findings = [f for f in shared.findings if f.factor == info.number]
        if not findings:
            continue
        shown, hidden = view.capped(findings, evidence_limit)
        views = []
        for finding in shown:
            data = _finding_view(catalog, finding)
            data["number"] = shared.number[finding]
            data["apps"] = catalog.text("repository.apps", count=shared.apps[finding])
            views.append(data)
        sections.append(
            {
                "label": view.factor_label(catalog, info.number),
                "findings": views,
                "hidden": [
                    catalog.text("report.evidence_more", count=count, rule=rule) for rule, count in hidden.items()
                ],
            }
        )
    return sections


def render(assessment: Assessment, catalog: Catalog, *, evidence_limit: int = view.EVIDENCE_LIMIT, **_: Any) -> str:
    apps = []
    shared = view.shared_findings(assessment)
    for app in assessment.apps:
        factors = []
        for verdict in app.verdicts:
            info = FACTORS[verdict.factor - 1]
            shown, hidden = view.capped(view.evidence_order(shared.own(verdict.findings)), evidence_limit)
            refs = shared.refs(verdict.findings)
            factors.append(
                {
                    "label": view.factor_label(catalog, info.number),
                    "title": catalog.text(f"factor.title.{info.number}"),
                    "link": info.link(catalog.lang),
                    "status": view.verdict_status_text(catalog, verdict),
                    "confidence": catalog.text(f"confidence.{verdict.confidence.value}"),
                    "justification": view.justification(catalog, verdict),
                    "findings": [
                        _finding_view(catalog, f, places) for f, places in view.repeats_merged(catalog, shown)
                    ],
                    "hidden": [
                        catalog.text("report.evidence_more", count=count, rule=rule) for rule, count in hidden.items()
                    ],
                    "refs": view.shared_refs_line(catalog, refs) if refs else None,
                    "adjustments": view.grouped_adjustments(catalog, verdict, evidence_limit),
                    "errors": list(verdict.errors),
                }
            )
        apps.append(
            {
                "path": view.app_path_shown(app),
                "name": app.name,
                "stacks": ", ".join(app.stacks) or "-",
                "factors": factors,
                "summary": view.summary_line(catalog, app),
            }
        )
    cov = assessment.coverage
    skipped = [
        {
            "path": s.path,
            "reason": catalog.text(f"reason.{s.reason}") if catalog.has(f"reason.{s.reason}") else s.reason,
        }
        for s in cov.skipped
    ]
    errors = [
        {
            "path": s.path,
            "reason": catalog.text(f"reason.{s.reason}") if catalog.has(f"reason.{s.reason}") else s.reason,
            "detail": s.detail,
        }
        for s in cov.errors
    ]
    context = {
        "t": catalog.text,
        "target": assessment.target,
        "version": assessment.tool_version,
        "apps": apps,
        "multi": len(apps) > 1,
        "coverage": view.coverage_line(catalog, assessment),
        "skipped": skipped[:50],
        "skipped_more": max(0, len(skipped) - 50),
        "errors": errors,
        "internal_errors": list(assessment.internal_errors),
        "scope": view.selection_lines(catalog, assessment),
        "kind_lines": kind_lines(catalog, assessment),
        "coverage_extras": view.coverage_extras(catalog, assessment),
        "repository": _repository(catalog, shared, evidence_limit) if shared.findings else [],
    }
    return _environment().get_template("report.md.j2").render(**context)
