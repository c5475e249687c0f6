"""Stage 5: reports. Formats only present what the verdicts decided.

Every format is a :class:`Format`: a name, the options it understands, and a module whose
``render(assessment, catalog, **options) -> str`` writes it (and may write it in pieces:
``pieces(...) -> Iterator[str]``, which the command line writes as they come). A new format is one module and one
row of ``FORMATS``; the CLI's ``--format`` choices come from that table.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from twelve.locale import Catalog
from twelve.model import Assessment


@dataclass(frozen=True, slots=True)
class Format:
    """One report format: its name, the render options it reads, and where its renderer lives."""

    name: str
    module: str
    options: tuple[str, ...] = ()  # e.g. colour and width for the terminal, the evidence limit

    def render(self, assessment: Assessment, catalog: Catalog, **options: Any) -> str:
        """The report; options this format does not read are not passed on."""
        renderer = importlib.import_module(self.module).render
        return str(renderer(assessment, catalog, **{k: v for k, v in options.items() if k in self.options}))

    def pieces(self, assessment: Assessment, catalog: Catalog, **options: Any) -> Iterator[str]:
        """The report in pieces, when its module writes it so (``pieces``, the JSON report of a
        large tree), else whole: what is written need not be held at once."""
        module = importlib.import_module(self.module)
        made = getattr(module, "pieces", None)
        if made is None:
            yield self.render(assessment, catalog, **options)
            return
        yield from made(assessment, catalog, **{k: v for k, v in options.items() if k in self.options})


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "twelve.report.text", ("color", "width", "evidence_limit")),
        Format("markdown", "twelve.report.markdown", ("evidence_limit",)),
        Format("json", "twelve.report.json"),
        Format("html", "twelve.report.html"),
        Format("sarif", "twelve.report.sarif"),
        Format("badge", "twelve.report.badge"),
        Format("github", "twelve.report.github"),
        Format("junit", "twelve.report.junit"),
    )
}


def render(assessment: Assessment, fmt: str, lang: str, **options: Any) -> str:
    """*assessment* in format *fmt*; every string of it is made showable first (report/safe.py),
    so no format can print a control character, a bidirectional override or a lone surrogate."""
    from twelve.report.safe import showable_assessment

    return FORMATS[fmt].render(showable_assessment(assessment), Catalog(lang), **options)


def render_pieces(assessment: Assessment, fmt: str, lang: str, **options: Any) -> Iterator[str]:
    """What :func:`render` returns, in pieces whose concatenation is that text."""
    from twelve.report.safe import showable_assessment

    return FORMATS[fmt].pieces(showable_assessment(assessment), Catalog(lang), **options)
