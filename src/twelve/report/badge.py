"""The README badge: an SVG "12-factor | 9/12" in the usual flat two-part style.

The number is the factors (of the main app; a monorepo's badge names that app) that meet over the factors that apply (a not-applicable factor is left
out of the denominator). The colour follows the worst status: red when a factor does not meet,
amber when one only partially meets, grey when one is inconclusive, green otherwise. Text widths
are estimated from a table of glyph widths (no font is measured, nothing is fetched), and the
badge has a <title> and an aria-label for screen readers.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from twelve.locale import Catalog
from twelve.model import Assessment, Status

COLORS = {"red": "#cf222e", "amber": "#9a6700", "grey": "#6e7781", "green": "#1a7f37"}
LABEL_COLOR = "#555555"
HEIGHT = 20
PADDING = 6
#: approximate advance widths at 11px Verdana/DejaVu Sans, by character class
_NARROW, _WIDE = set("fijlrt1I|!.,:;'() "), set("mwMW@%")


def text_width(text: str) -> int:
    width = 0.0
    for char in text:
        width += 3.6 if char in _NARROW else 9.5 if char in _WIDE else 7.0
    return round(width)


def colour(statuses: list[Status]) -> str:
    if Status.DOES_NOT_MEET in statuses:
        return COLORS["red"]
    if Status.PARTIAL in statuses:
        return COLORS["amber"]
    if Status.INCONCLUSIVE in statuses:
        return COLORS["grey"]
    return COLORS["green"]


def render(assessment: Assessment, catalog: Catalog, **_: Any) -> str:
    app = assessment.main
    statuses = [v.status for v in app.verdicts]
    meets = statuses.count(Status.MEETS)
    applicable = len(statuses) - statuses.count(Status.NOT_APPLICABLE)
    label, value = catalog.text("badge.label"), f"{meets}/{applicable}"
    aria = catalog.text("badge.aria", meets=meets, applicable=applicable)
    if len(assessment.apps) > 1:  # a monorepo: say which of its apps the badge shows
        label = catalog.text("badge.label_app", label=label, app=app.name)
        aria = catalog.text("badge.aria_app", aria=aria, app=app.name, count=len(assessment.apps))
    found = getattr(assessment, "kind", None)
    if found is not None and found.is_library:  # a library's badge says what its fraction counts
        label = catalog.text("kind.badge_label", label=label)
        aria = catalog.text("kind.badge_aria", aria=aria)
    left, right = text_width(label) + 2 * PADDING, text_width(value) + 2 * PADDING
    total = left + right
    fill = colour(statuses)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{HEIGHT}" viewBox="0 0 {total} {HEIGHT}" '
        f'role="img" aria-label={quoteattr(aria)}>\n'
        f"  <title>{escape(aria)}</title>\n"
        f'  <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        f'<stop offset="1" stop-opacity=".1"/></linearGradient>\n'
        f'  <clipPath id="r"><rect width="{total}" height="{HEIGHT}" rx="3" fill="#fff"/></clipPath>\n'
        f'  <g clip-path="url(#r)">\n'
        f'    <rect width="{left}" height="{HEIGHT}" fill="{LABEL_COLOR}"/>\n'
        f'    <rect x="{left}" width="{right}" height="{HEIGHT}" fill="{fill}"/>\n'
        f'    <rect width="{total}" height="{HEIGHT}" fill="url(#s)"/>\n'
        f"  </g>\n"
        f'  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">\n'
        f'    <text x="{left / 2:g}" y="14">{escape(label)}</text>\n'
        f'    <text x="{left + right / 2:g}" y="14" font-weight="bold">{escape(value)}</text>\n'
        f"  </g>\n"
        f"</svg>\n"
    )
