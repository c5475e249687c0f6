"""Platform descriptors: fly.toml, render.yaml.

Placeholder: the extractor for this source kind is being written (issue 3)."""

from __future__ import annotations

from twelve.facts.base import Fact, Source


def extract(source: Source) -> list[Fact]:
    return []
