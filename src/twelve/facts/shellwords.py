"""Splitting shell command text into simple commands (program + arguments), without running it.

Used for Dockerfile RUN/CMD, entrypoint scripts, Procfile lines, compose commands, CI `run:`
steps and commands quoted in documentation. It is deliberately shallow: enough to tell which
programs a line starts and with what flags, never a shell interpreter.
"""

from __future__ import annotations

import functools
import re
import shlex
from dataclasses import dataclass

_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_WRAPPERS = frozenset(
    {
        "exec",
        "sudo",
        "nohup",
        "env",
        "time",
        "command",
        "nice",
        "ionice",
        "setsid",
        "stdbuf",
        "su-exec",
        "gosu",
        "tini",
        "dumb-init",
        "chpst",
        "s6-setuidgid",
    }
)


@dataclass(frozen=True, slots=True)
class Command:
    argv: tuple[str, ...]  # with leading assignments and wrappers removed
    raw: str
    is_exec: bool  # started with `exec`
    background: bool  # ended with `&`
    wrappers: tuple[str, ...] = ()
    assignments: tuple[str, ...] = ()

    @property
    def program(self) -> str:
        return self.argv[0].rsplit("/", 1)[-1] if self.argv else ""

    def has_flag(self, *flags: str) -> bool:
        for arg in self.argv[1:]:
            for flag in flags:
                if arg == flag or (flag.startswith("--") and arg.startswith(flag + "=")):
                    return True
        return False

    def flag_value(self, *flags: str) -> str | None:
        args = self.argv[1:]
        for i, arg in enumerate(args):
            for flag in flags:
                if arg == flag and i + 1 < len(args):
                    return args[i + 1]
                if flag.startswith("--") and arg.startswith(flag + "="):
                    return arg.split("=", 1)[1]
                if not flag.startswith("--") and len(flag) == 2 and arg.startswith(flag) and len(arg) > 2:
                    return arg[2:]
        return None


#: longer command lines are split on whitespace only: shlex is quadratic on pathological input
_SHLEX_MAX = 8192


#: characters that make shlex differ from a plain whitespace split (quotes, escapes, comments)
_SHLEX_SPECIAL = frozenset("'\"\\#")
_SHLEX_BLANKS = re.compile("[ \t\r\n]+")  # shlex's whitespace, not str.split's wider set


def _tokens(text: str) -> list[str]:
    if _SHLEX_SPECIAL.isdisjoint(text):  # the same tokens shlex would give, a hundred times faster
        return [token for token in _SHLEX_BLANKS.split(text) if token]
    if len(text) > _SHLEX_MAX:
        return text.split()
    try:
        lexer = shlex.shlex(text, posix=True, punctuation_chars="")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        return list(lexer)
    except ValueError:  # unbalanced quotes: fall back to whitespace
        return text.split()


def split_commands(text: str) -> list[Command]:
    """Every simple command in *text* (joined continuation lines keep their first line).

    A pure function of *text* whose commands are immutable: the rules of every app of a tree ask
    it about the same scripts and start commands again and again (31,000 calls on spring-boot's
    117 apps), so the answers for short texts are kept (a bounded number of them: a whole script
    read by an extractor is not); each call gets its own list."""
    if len(text) > _CACHED_MAX:
        return list(_split_commands(text))
    return list(_split_cached(text))


#: texts up to this long have their commands kept
_CACHED_MAX = 4096


def _split_commands(text: str) -> tuple[Command, ...]:
    commands: list[Command] = []
    logical: list[tuple[int, str]] = []
    buffer: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines()):
        if not buffer:
            start = number
        stripped = line.rstrip()
        if stripped.endswith("\\"):
            buffer.append(stripped[:-1])
            continue
        buffer.append(stripped)
        logical.append((start, " ".join(buffer)))
        buffer = []
    if buffer:
        logical.append((start, " ".join(buffer)))
    for _start, line in logical:
        code = line.strip()
        if not code or code.startswith("#"):
            continue
        for piece in _split_outside_quotes(code):
            piece = piece.strip()
            if not piece:
                continue
            background = piece.endswith("&") and not piece.endswith("&&")
            if background:
                piece = piece[:-1].rstrip()
            words = _tokens(piece)
            assignments: list[str] = []
            wrappers: list[str] = []
            is_exec = False
            while words and _ASSIGNMENT.match(words[0]):
                assignments.append(words.pop(0))
            while words and words[0] in _WRAPPERS:
                word = words.pop(0)
                wrappers.append(word)
                if word == "exec":
                    is_exec = True
                while (
                    words
                    and (words[0].startswith("-") or _ASSIGNMENT.match(words[0]))
                    and word in ("env", "exec", "nice", "time", "stdbuf", "tini", "dumb-init", "setsid")
                ):
                    if words[0] == "--":
                        words.pop(0)
                        break
                    words.pop(0)
            commands.append(Command(tuple(words), piece, is_exec, background, tuple(wrappers), tuple(assignments)))
    return tuple(commands)


_split_cached = functools.lru_cache(maxsize=2048)(_split_commands)


def _split_outside_quotes(line: str) -> list[str]:
    if len(line) > _SHLEX_MAX:  # no quote tracking on pathological lines: split on separators only
        return [part for part in re.split(r"&&|\|\||[;|&]", line)]
    parts: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            current.append(ch)
            if ch == quote:
                quote = None
            elif ch == "\\" and quote == '"' and i + 1 < len(line):
                current.append(line[i + 1])
                i += 1
            i += 1
            continue
        if ch in "'\"":
            quote = ch
            current.append(ch)
            i += 1
            continue
        two = line[i : i + 2]
        if two in ("&&", "||"):
            parts.append("".join(current))
            current = []
            i += 2
            continue
        if ch == "&" and line[i + 1 : i + 2] != ">" and (i == 0 or line[i - 1] not in "><"):
            current.append("&")
            parts.append("".join(current))
            current = []
            i += 1
            continue
        if ch in ";|":
            parts.append("".join(current))
            current = []
            i += 1
            continue
        if ch == "#" and (i == 0 or line[i - 1].isspace()):
            break
        current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


__all__ = ["Command", "split_commands"]
