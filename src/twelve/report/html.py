"""The HTML report: one self-contained page (inline CSS, JS and SVG; nothing is fetched when it is
viewed) with a radial chart of the twelve statuses, the seed's table, one section per factor
(justification, evidence with path:line and excerpt, waivers, adjustments), notices, the policy's
outcome, coverage, and the tool version and commit.

Everything that comes from the repository is escaped by jinja2's autoescape. On top of that the
page carries a Content-Security-Policy that allows nothing but its own inline style and script
(by hash): even a mistake in escaping could not load or run anything.
"""

from __future__ import annotations

import base64
import hashlib
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.model import AppAssessment, Assessment, FactorVerdict, Finding, Status
from twelve.report import view
from twelve.report.kind import lines as kind_lines

#: status colours, dark enough for white text (WCAG AA on the labels drawn over them)
COLORS = {
    Status.MEETS: "#1a7f37",
    Status.PARTIAL: "#9a6700",
    Status.DOES_NOT_MEET: "#cf222e",
    Status.NOT_APPLICABLE: "#6e7781",
    Status.INCONCLUSIVE: "#8250df",
}
CHART_SIZE = 240
_OUTER, _INNER, _GAP_DEGREES = 110.0, 62.0, 1.6


def _polar(radius: float, degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees)
    centre = CHART_SIZE / 2
    return round(centre + radius * math.cos(angle), 2), round(centre + radius * math.sin(angle), 2)


def _slice_path(index: int) -> str:
    """The annular sector of factor *index* (0-based): 30 degrees, the first centred at the top."""
    start = -90 - 15 + 30 * index + _GAP_DEGREES / 2
    end = start + 30 - _GAP_DEGREES
    (x1, y1), (x2, y2) = _polar(_OUTER, start), _polar(_OUTER, end)
    (x3, y3), (x4, y4) = _polar(_INNER, end), _polar(_INNER, start)
    return f"M{x1} {y1} A{_OUTER} {_OUTER} 0 0 1 {x2} {y2} L{x3} {y3} A{_INNER} {_INNER} 0 0 0 {x4} {y4} Z"


def _chart(catalog: Catalog, app: AppAssessment, anchor: str) -> dict[str, Any]:
    slices = []
    for index, verdict in enumerate(app.verdicts):
        info = FACTORS[verdict.factor - 1]
        label_x, label_y = _polar((_OUTER + _INNER) / 2, -90 + 30 * index)
        slices.append(
            {
                "d": _slice_path(index),
                "color": COLORS[verdict.status],
                "status": verdict.status.value,
                "roman": info.roman,
                "x": label_x,
                "y": label_y,
                "href": f"#{anchor}{info.number}",
                "tooltip": f"{view.factor_label(catalog, info.number)}: {view.verdict_status_text(catalog, verdict)}",
            }
        )
    meets = sum(1 for v in app.verdicts if v.status is Status.MEETS)
    return {"size": CHART_SIZE, "centre": CHART_SIZE / 2, "slices": slices, "meets": meets, "total": len(app.verdicts)}


def _waiver_text(catalog: Catalog, finding: Finding) -> str | None:
    waiver = finding.waiver
    if waiver is None:
        return None
    source = (
        catalog.text(f"html.waiver_source_{waiver.source}")
        if catalog.has(f"html.waiver_source_{waiver.source}")
        else waiver.source
    )
    text = catalog.text("html.waived_by", source=source, origin=waiver.origin or "-", reason=waiver.reason)
    if waiver.expires:
        text += f" ({catalog.text('html.waived_until', date=waiver.expires)})"
    return text


def _finding(catalog: Catalog, finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "polarity": finding.polarity.value,
        "meta": catalog.text(
            "html.rule_meta",
            polarity=catalog.text(f"polarity.{finding.polarity.value}"),
            strength=catalog.text(f"strength.{finding.strength.value}"),
            basis=catalog.text(f"basis.{finding.basis.value}"),
        ),
        "scope": finding.scope.value,
        "message": view.finding_message(catalog, finding),
        "waiver": _waiver_text(catalog, finding),
        "locations": [{"where": view.location_text(l.path, l.line), "excerpt": l.excerpt} for l in finding.locations],
    }


def _repository(catalog: Catalog, shared: view.Shared) -> list[dict[str, Any]]:
    """The repository-wide findings by factor, each with its number and how many apps report it."""
    sections = []
    for info in FACTORS:
        findings = [
            {
                **_finding(catalog, f),
                "number": shared.number[f],
                "apps": catalog.text("repository.apps", count=shared.apps[f]),
            }
            for f in shared.findings
            if f.factor == info.number
        ]
        if findings:
            sections.append({"label": view.factor_label(catalog, info.number), "findings": findings})
    return sections


def _factor(catalog: Catalog, verdict: FactorVerdict, anchor: str, shared: view.Shared) -> dict[str, Any]:
    info = FACTORS[verdict.factor - 1]
    adjustments = view.grouped_adjustments(catalog, verdict)
    refs = shared.refs(verdict.findings)
    return {
        "id": f"{anchor}{info.number}",
        "number": info.number,
        "roman": info.roman,
        "name": view.factor_name(catalog, info.number),
        "label": view.factor_label(catalog, info.number),
        "title": catalog.text(f"factor.title.{info.number}"),
        "link": info.link(catalog.lang),
        "status": verdict.status.value,
        "status_text": view.verdict_status_text(catalog, verdict),
        "color": COLORS[verdict.status],
        "confidence": catalog.text("html.confidence", level=catalog.text(f"confidence.{verdict.confidence.value}")),
        "justification": view.justification(catalog, verdict),
        "findings": [_finding(catalog, f) for f in view.evidence_order(shared.own(verdict.findings))],
        "refs": view.shared_refs_line(catalog, refs) if refs else None,
        "open": verdict.status is not Status.MEETS or bool(adjustments),
        "adjustments": adjustments,
        "adjustments_label": catalog.text(
            "report.adjustments" if verdict.status is not Status.MEETS else "report.advice"
        ),
        "errors": list(verdict.errors),
    }


def _app(catalog: Catalog, app: AppAssessment, index: int, shared: view.Shared) -> dict[str, Any]:
    anchor = "factor-" if index == 0 else f"app{index}-factor-"
    counts = view.counts(app)
    return {
        "id": f"app-{index}",
        "name": app.name,
        "path": view.app_path_shown(app),
        "stacks": ", ".join(app.stacks) or "-",
        "chart": _chart(catalog, app, anchor),
        "legend": [
            {"status": s.value, "label": view.status_text(catalog, s), "color": COLORS[s], "count": counts[s.value]}
            for s in view.STATUS_ORDER
        ],
        "factors": [_factor(catalog, v, anchor, shared) for v in app.verdicts],
        "summary": view.summary_line(catalog, app),
    }


@lru_cache(maxsize=2)
def _asset(name: str) -> str:
    return resources.files("twelve.report").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def prose(text: str) -> Any:
    """A sentence of the catalogue (which marks code with Markdown backticks) as HTML: escaped,
    with each code span a <code> element instead of literal backticks."""
    from markupsafe import Markup, escape

    from twelve.report.markdown import _outside_code_spans

    if "`" not in text:
        return escape(text)
    parts = []
    for piece, code_span in _outside_code_spans(text):
        if code_span:
            inner = piece.strip("`")
            inner = inner[1:-1] if inner.startswith(" ") and inner.endswith(" ") and inner.strip() else inner
            parts.append(Markup("<code>") + escape(inner) + Markup("</code>"))
        else:
            parts.append(escape(piece))
    return Markup("").join(parts)


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("twelve.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["prose"] = prose
    return env


def render(assessment: Assessment, catalog: Catalog, **_: Any) -> str:
    css, script = _asset("report.css"), _asset("report.js")
    cov = assessment.coverage

    def reason(code: str) -> str:
        return catalog.text(f"reason.{code}") if catalog.has(f"reason.{code}") else code

    policy = assessment.policy
    shared = view.shared_findings(assessment)
    context = {
        "t": catalog.text,
        "lang": catalog.lang,
        "target": assessment.target,
        "version": assessment.tool_version,
        "apps": [_app(catalog, app, i, shared) for i, app in enumerate(assessment.apps)],
        "repository": _repository(catalog, shared),
        "multi": len(assessment.apps) > 1,
        "coverage": view.coverage_line(catalog, assessment),
        "skipped": [{"path": s.path, "reason": reason(s.reason)} for s in cov.skipped[:200]],
        "skipped_more": max(0, len(cov.skipped) - 200),
        "errors": [{"path": s.path, "reason": reason(s.reason), "detail": s.detail} for s in cov.errors],
        "internal_errors": list(assessment.internal_errors),
        "notices": [catalog.render(n) for n in assessment.notices],
        "policy": None
        if policy is None
        else {"passed": policy.passed, "violations": [catalog.render(v.message) for v in policy.violations]},
        "config_file": assessment.config_file,
        "scope": view.selection_lines(catalog, assessment),
        "kind_lines": kind_lines(catalog, assessment),
        "coverage_extras": view.coverage_extras(catalog, assessment),
        "css": css,
        "script": script,
        "csp": f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'",
    }
    return _environment().get_template("report.html.j2").render(**context)
