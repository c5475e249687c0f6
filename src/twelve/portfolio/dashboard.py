"""``twelve dashboard``: one self-contained HTML page built from the portfolio database.

The page holds its data as JSON blocks and a script that draws the matrix (repositories ×
factors, in the status colours of the single HTML report), the filters (status, factor, stack,
text), sorting by any column, the per-factor summary of what is shown, and a drawer with each
repository's own verdicts, evidence and adjustments (trimmed from the stored JSON report). The
trend of each factor across scans is drawn here, as inline SVG. Nothing is fetched: no server,
no CDN; a Content-Security-Policy allows only the page's own style and script (by hash), so it
works from file:// and nothing in a repository's text can run.

The drawers' content (verdicts, evidence, adjustments of every repository) is kept gzip-compressed
(base64) and unpacked by the browser's DecompressionStream only when a drawer is first opened:
the page of 2,000 repositories stays a few megabytes and loads as fast as its matrix.
"""

from __future__ import annotations

import base64
import datetime as _dt
import gzip
import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.model import Status
from twelve.report.html import COLORS

#: one letter per status in the page's data
CODES = {"meets": "M", "partial": "P", "does_not_meet": "D", "not_applicable": "N", "inconclusive": "I"}
STATUS_ORDER = ("meets", "partial", "does_not_meet", "not_applicable", "inconclusive")
SYMBOLS = {"meets": "✓", "partial": "◐", "does_not_meet": "✗", "not_applicable": "–", "inconclusive": "?"}
FINDINGS_PER_FACTOR = 5
LOCATIONS_PER_FINDING = 3
EXCERPT_CHARS = 140
_POLARITY_ORDER = {"against": 0, "neutral": 1, "for": 2}
TREND_WIDTH, TREND_HEIGHT, TREND_PAD = 200, 44, 4


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("twelve.portfolio").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _json_block(data: Any) -> str:
    """JSON that can sit inside <script type="application/json">: no "<", ">" or "&" at all."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _packed(data: Any) -> str:
    """*data* as gzip-compressed JSON in base64 (letters, digits, "+", "/" and "=" only)."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def _colors_css() -> str:
    """The status colours of the single HTML report, as CSS variables."""
    return ":root{" + "".join(f"--{status.value}:{COLORS[status]};" for status in Status) + "}\n"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finding(finding: dict[str, Any]) -> list[Any]:
    locations = finding.get("locations") or []
    shown = []
    for loc in locations[:LOCATIONS_PER_FINDING]:
        where = loc["path"] + (f":{loc['line']}" if loc.get("line") else "")
        excerpt = _clip(loc.get("excerpt") or "", EXCERPT_CHARS)
        shown.append([where, excerpt])
    return [
        finding["rule"],
        finding["polarity"],
        finding.get("title") or finding.get("message") or "",
        shown,
        max(0, len(locations) - LOCATIONS_PER_FINDING),
        bool(finding.get("waived")),
    ]


def _details(report: str | None) -> dict[str, Any] | None:
    """What the drawer shows of one stored JSON report."""
    if not report:
        return None
    document = json.loads(report)
    # findings several apps report are listed once in the report; each app's drawer shows them
    shared = {f["id"]: f for f in (document.get("repository") or {}).get("findings", [])}
    apps = []
    for app in document.get("apps", []):
        factors = []
        for factor in app["factors"]:
            mine = factor.get("findings", []) + [
                shared[n] for n in factor.get("repository_findings", []) if n in shared
            ]
            findings = sorted(mine, key=lambda f: _POLARITY_ORDER.get(f["polarity"], 3))
            factors.append(
                {
                    "s": CODES.get(factor["status"], "I"),
                    "c": factor["confidence"],
                    "j": factor["justification"],
                    "a": factor.get("adjustments", []),
                    "f": [_finding(f) for f in findings[:FINDINGS_PER_FACTOR]],
                    "m": max(0, len(findings) - FINDINGS_PER_FACTOR),
                    "e": factor.get("errors", []),
                }
            )
        apps.append({"p": app["path"], "n": app["name"], "st": app.get("stacks", []), "f": factors})
    coverage = document.get("coverage", {})
    return {
        "apps": apps,
        "cov": [coverage.get("files_seen", 0), coverage.get("files_analyzed", 0), len(coverage.get("skipped", []))],
        "ie": len(document.get("internal_errors", [])),
    }


def _day(value: _dt.datetime | None) -> str:
    return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%d") if value else ""


def _trend_svgs(trend: list[tuple[Any, dict[int, dict[str, int]], int]], catalog: Catalog) -> list[str]:
    """Per factor, an inline SVG of the share of repositories that meet it (and that do not meet
    it) after each scan."""
    from markupsafe import escape

    out = []
    count = len(trend)
    inner_w, inner_h = TREND_WIDTH - 2 * TREND_PAD, TREND_HEIGHT - 2 * TREND_PAD

    def x(i: int) -> float:
        return round(TREND_PAD + (inner_w * i / (count - 1) if count > 1 else inner_w / 2), 1)

    def y(share: float) -> float:
        return round(TREND_PAD + inner_h * (1 - share), 1)

    for info in FACTORS:
        lines = []
        for status in ("does_not_meet", "meets"):
            points = []
            dots = []
            for i, (scan, counts, total) in enumerate(trend):
                value = counts[info.number].get(status, 0)
                share = value / total if total else 0.0
                points.append(f"{x(i)},{y(share)}")
                tip = catalog.text(
                    "dashboard.trend_point",
                    scan=scan.id,
                    date=_day(scan.finished_at or scan.started_at),
                    count=value,
                    total=total,
                    status=catalog.text(f"status.{status}"),
                )
                dots.append(
                    f'<circle cx="{x(i)}" cy="{y(share)}" r="2.5" fill="{COLORS[Status(status)]}">'
                    f"<title>{escape(tip)}</title></circle>"
                )
            color = COLORS[Status(status)]
            if len(points) > 1:
                lines.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{color}" stroke-width="2"/>')
            lines.extend(dots)
        label = catalog.text(
            "dashboard.trend_label", factor=f"{info.roman}. {catalog.text(f'factor.name.{info.number}')}", scans=count
        )
        out.append(
            f'<svg class="trend" viewBox="0 0 {TREND_WIDTH} {TREND_HEIGHT}" role="img" '
            f'aria-label="{escape(label)}"><line x1="{TREND_PAD}" y1="{y(0)}" x2="{TREND_WIDTH - TREND_PAD}" '
            f'y2="{y(0)}" class="axis"/><line x1="{TREND_PAD}" y1="{y(1)}" x2="{TREND_WIDTH - TREND_PAD}" '
            f'y2="{y(1)}" class="axis"/>' + "".join(lines) + "</svg>"
        )
    return out


def data(store: Any, catalog: Catalog) -> tuple[dict[str, Any], list[Any], list[str], dict[str, Any]]:
    """(matrix data, details, trend SVGs, page facts) of the page."""
    results = store.latest()
    reports = store.reports([r.assessment_id for r in results if r.assessment_id is not None])
    rows, details = [], []
    stacks: set[str] = set()
    for r in results:
        main = r.main
        statuses = "".join(CODES.get(v.status, "I") for v in main.verdicts) if main else ""
        stacks.update(r.stacks)
        rows.append(
            {
                "n": r.name,
                "l": r.location,
                "k": r.kind,
                "c": (r.commit or "")[:12],
                "d": _day(r.assessed_at),
                "v": r.tool_version or "",
                "st": list(r.stacks),
                "s": statuses,
                "m": statuses.count("M"),
                "a": len(r.apps),
                "o": r.last_outcome,
                "e": r.error or "",
                "x": r.exit_code or 0,
            }
        )
        details.append(_details(reports.get(r.assessment_id)) if r.assessment_id is not None else None)
    scans = store.scans()
    trend = store.trend()
    facts = {
        "repositories": len(results),
        "scans": len(scans),
        "last": _day(scans[-1].finished_at or scans[-1].started_at) if scans else "",
        "versions": sorted({r.tool_version for r in results if r.tool_version}),
    }
    matrix = {"rows": rows, "stacks": sorted(stacks)}
    return matrix, details, _trend_svgs(trend, catalog), facts


def _labels(catalog: Catalog) -> dict[str, Any]:
    t = catalog.text
    keys = (
        "shown",
        "meet",
        "commit",
        "assessed",
        "tool",
        "apps",
        "stacks",
        "evidence",
        "adjustments",
        "no_adjustments",
        "more_findings",
        "more_locations",
        "not_assessed",
        "last_failed",
        "close",
        "coverage",
        "internal_errors",
        "confidence",
        "waived",
        "no_match",
        "app",
        "location",
        "none",
    )
    labels: dict[str, Any] = {key: catalog.template(f"dashboard.{key}") for key in keys}
    labels["coverage_line"] = catalog.template("report.coverage_line")
    labels["status"] = {CODES[s]: t(f"status.{s}") for s in STATUS_ORDER}
    labels["confidence_levels"] = {c: t(f"confidence.{c}") for c in ("high", "medium", "low")}
    labels["polarity"] = {p: t(f"polarity.{p}") for p in ("for", "against", "neutral")}
    labels["factors"] = [f"{f.roman}. {t(f'factor.name.{f.number}')}" for f in FACTORS]
    return labels


def build(store: Any, catalog: Catalog, *, title: str | None = None) -> tuple[str, int]:
    """The page, and how many repositories it shows."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from twelve._version import __version__

    matrix, details, trends, facts = data(store, catalog)
    css = _colors_css() + _asset("dashboard.css")
    script = _asset("dashboard.js")
    environment = Environment(
        loader=PackageLoader("twelve.portfolio", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from markupsafe import Markup

    t = catalog.text
    context = {
        "t": t,
        "lang": catalog.lang,
        "title": title or t("dashboard.title"),
        "database": store.shown,
        "version": __version__,
        "generated": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "facts": facts,
        "factors": [
            {
                "number": f.number,
                "roman": f.roman,
                "name": t(f"factor.name.{f.number}"),
                "link": f.link(catalog.lang),
                "trend": Markup(trends[f.number - 1]),
            }
            for f in FACTORS
        ],
        "statuses": [
            {"code": CODES[s], "key": s, "label": t(f"status.{s}"), "symbol": SYMBOLS[s]} for s in STATUS_ORDER
        ],
        "stacks": matrix["stacks"],
        "matrix_json": Markup(
            _json_block(
                {
                    "rows": matrix["rows"],
                    "labels": _labels(catalog),
                    "symbols": {CODES[s]: SYMBOLS[s] for s in STATUS_ORDER},
                }
            )
        ),
        "details_gz": _packed(details),
        "css": Markup(css),
        "script": Markup(script),
        "csp": f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; img-src data:; "
        "base-uri 'none'; form-action 'none'",
    }
    page = environment.get_template("dashboard.html.j2").render(**context)
    return page, len(matrix["rows"])


__all__ = ["CODES", "SYMBOLS", "build", "data"]
