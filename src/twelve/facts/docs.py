"""Commands that documentation tells people to run (fenced shell blocks in Markdown, indented code
blocks, and inline code spans that start with a known program: "This is `pip install -r
requirements.txt`", with `lang` "inline"), with the section they appear under, so that rules can
recognise a documented deploy or admin procedure."""

from __future__ import annotations

import re

from twelve.facts.base import Fact, Source
from twelve.facts.shellwords import split_commands

_FENCE = re.compile(r"^\s*(```+|~~~+)\s*([\w+-]*)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SHELL_LANGS = frozenset({"", "bash", "sh", "shell", "console", "zsh", "shell-session", "terminal", "cmd", "text"})
#: an indented code block's line (four spaces or a tab), and a list item (whose indented lines
#: continue the item rather than open a code block)
_INDENTS = ("    ", "\t")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
MAX_COMMANDS = 2_000
#: an inline code span of prose (`` `pip install -r requirements.txt` ``)
_INLINE = re.compile(r"(?<!`)`([^`\n]{3,200})`(?!`)")
#: programs an inline span may start with to count as a command: package managers,
#: interpreters, servers, git, remote shells and deploy tools
_INLINE_PROGRAMS = frozenset(
    {
        "pip",
        "pip3",
        "pipx",
        "poetry",
        "pipenv",
        "uv",
        "npm",
        "npx",
        "yarn",
        "pnpm",
        "bundle",
        "gem",
        "composer",
        "go",
        "mvn",
        "mvnw",
        "gradle",
        "gradlew",
        "cargo",
        "dotnet",
        "mix",
        "git",
        "ssh",
        "scp",
        "rsync",
        "node",
        "deno",
        "bun",
        "ruby",
        "rails",
        "rake",
        "java",
        "php",
        "docker",
        "docker-compose",
        "podman",
        "kubectl",
        "helm",
        "make",
        "systemctl",
        "pm2",
        "flask",
        "django-admin",
        "alembic",
        "gunicorn",
        "uvicorn",
        "hypercorn",
        "daphne",
        "waitress-serve",
        "puma",
        "unicorn",
        "passenger",
        "forever",
        "nohup",
        "sudo",
        "heroku",
        "fly",
        "flyctl",
    }
)
_INLINE_PYTHON = re.compile(r"^python(\d(\.\d+)?)?$")


def extract(source: Source) -> list[Fact]:
    facts: list[Fact] = []
    headings: list[tuple[int, str]] = []  # the open headings, outermost first, with their levels
    fence: str | None = None
    lang = ""
    block = 0
    count = 0
    blank_before = True  # an indented code block cannot interrupt a paragraph
    in_list = False
    indented = False  # inside an indented code block

    def commands(number: int, text: str, language: str) -> None:
        nonlocal count
        if (text.startswith(("$ ", "# ")) and language in ("console", "shell-session", "terminal")) or text.startswith(
            "$ "
        ):
            text = text[2:]
        if not text or text.startswith("#"):
            return
        for command in split_commands(text):
            if not command.argv or count >= MAX_COMMANDS:
                continue
            count += 1
            facts.append(
                source.fact(
                    "doc.command",
                    number,
                    program=command.program,
                    argv=list(command.argv),
                    section=" / ".join(t for _l, t in headings),
                    block=block,
                    lang=language,
                )
            )

    def _inline(line: str, number: int) -> None:
        for span in _INLINE.findall(line):
            text = span.strip()
            program = text.split(None, 1)[0].rsplit("/", 1)[-1] if text else ""
            if program in _INLINE_PROGRAMS or _INLINE_PYTHON.match(program):
                commands(number, text, "inline")

    for number, line in enumerate(source.lines, start=1):
        # C-speed tests first: a fence holds ``` or ~~~, a heading starts with #, an indented
        # line with four spaces or a tab (most lines of a long document are none of them)
        fence_match = _FENCE.match(line) if "```" in line or "~~~" in line else None
        if fence is None:
            if not line.strip():
                blank_before = True
                continue
            if line.startswith(_INDENTS) and (indented or (blank_before and not in_list)):
                if not indented:
                    indented = True
                    block += 1
                commands(number, line.strip(), "")
                continue
            indented = False
            was_blank, blank_before = blank_before, False
            if fence_match:
                fence = fence_match.group(1)
                lang = fence_match.group(2).lower()
                block += 1
                continue
            if _LIST_ITEM.match(line):
                in_list = True
                continue
            if not line.startswith(_INDENTS) and (was_blank or not in_list):
                in_list = False  # a paragraph or heading at the margin ends the list
            heading = _HEADING.match(line) if line.startswith("#") else None
            if not heading and "`" in line:
                _inline(line, number)
            if heading:
                level = len(heading.group(1))
                # a heading closes every open one of its level or deeper (a file may start at ##)
                headings = [h for h in headings if h[0] < level] + [(level, heading.group(2))]
                facts.append(source.fact("doc.heading", number, level=level, title=heading.group(2)))
            continue
        if fence_match and line.strip().startswith(fence[:3]) and not fence_match.group(2):
            fence = None
            blank_before = True
            continue
        if lang not in _SHELL_LANGS:
            continue
        commands(number, line.strip(), lang)
    return facts
