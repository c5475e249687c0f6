"""Procfile: one process type per line (`web: gunicorn app:app`)."""

from __future__ import annotations

import re

from twelve.facts.base import Fact, Source
from twelve.facts.shellwords import split_commands
from twelve.facts.waivermark import without_waivers

_LINE = re.compile(r"^([A-Za-z0-9_-]+)\s*:\s*(.+)$")


def extract(source: Source) -> list[Fact]:
    facts: list[Fact] = []
    for number, line in enumerate(source.lines, start=1):
        match = _LINE.match(line.strip())
        if not match or line.lstrip().startswith("#"):
            continue
        name, command = match.group(1), without_waivers(match.group(2)).strip()
        if not command:
            continue
        commands = split_commands(command)
        facts.append(
            source.fact(
                "procfile.process",
                number,
                name=name,
                command=command,
                commands=[{"argv": list(c.argv), "exec": c.is_exec, "background": c.background} for c in commands],
            )
        )
    return facts
