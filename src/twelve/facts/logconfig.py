"""logback / log4j2 configuration files.

Placeholder: the extractor for this source kind is being written (issue 3)."""

from __future__ import annotations

from twelve.facts.base import Fact, Source


def extract(source: Source) -> list[Fact]:
    return []
