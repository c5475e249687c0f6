"""Stage 5: reports. Each format is a module with `render(assessment, catalog, **options) -> str`;
formats only present what the verdicts decided."""

from __future__ import annotations

import importlib
from typing import Any

from twelve.locale import Catalog
from twelve.model import Assessment

FORMATS: dict[str, str] = {
    "text": "twelve.report.text",
    "markdown": "twelve.report.markdown",
    "json": "twelve.report.json",
    "html": "twelve.report.html",
    "sarif": "twelve.report.sarif",
    "badge": "twelve.report.badge",
}


def render(assessment: Assessment, fmt: str, lang: str, **options: Any) -> str:
    """*assessment* in format *fmt*; every string of it is made showable first (report/safe.py),
    so no format can print a control character, a bidirectional override or a lone surrogate."""
    from twelve.report.safe import showable_assessment

    module = importlib.import_module(FORMATS[fmt])
    return module.render(showable_assessment(assessment), Catalog(lang), **options)
