"""`.env`-style files: which keys they set, and whether each value is a placeholder, a trivial
local credential or something that looks real (values never leave this module unmasked)."""

from __future__ import annotations

import posixpath
import re

from twelve.facts.base import Fact, Source
from twelve.facts.secrets import grade_value, is_placeholder

_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$")
_EXAMPLE = re.compile(r"\.(example|sample|template|dist|defaults|tpl)$|\.env\.example|example\.env$")


def extract(source: Source) -> list[Fact]:
    name = posixpath.basename(source.path)
    facts: list[Fact] = []
    count = 0
    for number, line in enumerate(source.lines, start=1):
        match = _LINE.match(line)
        if not match or line.lstrip().startswith("#"):
            continue
        key, value = match.group(1), match.group(2).strip()
        if value and value[0] in "'\"" and value[-1:] == value[0]:
            value = value[1:-1]
        else:
            value = re.split(r"\s+#", value, maxsplit=1)[0].strip()
        count += 1
        facts.append(
            source.fact(
                "envfile.entry",
                number,
                key=key,
                empty=not value,
                placeholder=bool(value) and is_placeholder(value),
                grade=grade_value(key, value) if value else None,
                secret_name=bool(re.search(r"(?i)pass|secret|token|key|credential", key)),
            )
        )
    facts.append(
        source.fact(
            "envfile.file",
            1 if source.lines else None,
            "",
            name=name,
            example=bool(_EXAMPLE.search(name)),
            entries=count,
        )
    )
    return facts
