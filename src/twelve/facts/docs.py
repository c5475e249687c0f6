"""Commands that documentation tells people to run (fenced shell blocks in Markdown), with the
section they appear under, so that rules can recognise a documented deploy or admin procedure."""

from __future__ import annotations

import re

from twelve.facts.base import Fact, Source
from twelve.facts.shellwords import split_commands

_FENCE = re.compile(r"^\s*(```+|~~~+)\s*([\w+-]*)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SHELL_LANGS = frozenset({"", "bash", "sh", "shell", "console", "zsh", "shell-session", "terminal", "cmd", "text"})
MAX_COMMANDS = 2_000


def extract(source: Source) -> list[Fact]:
    facts: list[Fact] = []
    headings: list[str] = []
    fence: str | None = None
    lang = ""
    block = 0
    count = 0
    for number, line in enumerate(source.lines, start=1):
        fence_match = _FENCE.match(line)
        if fence is None:
            if fence_match:
                fence = fence_match.group(1)
                lang = fence_match.group(2).lower()
                block += 1
                continue
            heading = _HEADING.match(line)
            if heading:
                level = len(heading.group(1))
                headings = headings[: level - 1] + [heading.group(2)]
                facts.append(source.fact("doc.heading", number, level=level, title=heading.group(2)))
            continue
        if fence_match and line.strip().startswith(fence[:3]) and not fence_match.group(2):
            fence = None
            continue
        if lang not in _SHELL_LANGS:
            continue
        text = line.strip()
        if text.startswith(("$ ", "# ")) and lang in ("console", "shell-session", "terminal"):
            text = text[2:]
        elif text.startswith("$ "):
            text = text[2:]
        if not text or text.startswith("#"):
            continue
        for command in split_commands(text):
            if not command.argv or count >= MAX_COMMANDS:
                continue
            count += 1
            facts.append(source.fact("doc.command", number, program=command.program, argv=list(command.argv),
                                     section=" / ".join(headings), block=block, lang=lang))
    return facts
