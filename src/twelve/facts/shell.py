"""Shell scripts (entrypoints, start scripts): commands, loops and whether they bound
themselves, traps, and how the script ends (does it `exec` the server, does it run "$@")."""

from __future__ import annotations

import re

from twelve.facts.base import Fact, Source
from twelve.facts.shellwords import split_commands

_LOOP_START = re.compile(r"^\s*(while|until)\b(.*)")
_FOR_START = re.compile(r"^\s*for\b")
_DONE = re.compile(r"(^|[\s;])done\b")
_BOUND = re.compile(
    r"(\$\(\(|-lt\b|-le\b|-gt\b|-ge\b|-eq\b|\bseq\b|\btimeout\b|\bmax|\bretr|\battempt|\btries|\bcount|\blimit|\bbreak\b|\bexit\b|\breturn\b)",
    re.I,
)
_TRAP = re.compile(r"^\s*trap\s+(?P<action>'[^']*'|\"[^\"]*\"|\S+)\s+(?P<signals>.+)$")
_ARGS = re.compile(r"""^exec\s+["']?\$(@|\*|\{@\})["']?\s*$|^exec\s+["']?\$(@|\{@\})["']?""")


def is_shell_script(source: Source) -> bool:
    first = source.lines[0] if source.lines else ""
    return source.kind == "shell" or bool(re.match(r"^#!.*\b(sh|bash|dash|ash|zsh|ksh)\b", first))


def extract(source: Source) -> list[Fact]:
    if not is_shell_script(source):
        return []
    facts: list[Fact] = []
    loops: list[dict] = []  # open loops
    last_command: dict | None = None
    execs_args = False
    trap_signals: list[str] = []
    depth_for = 0
    lines = source.lines
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        loop = _LOOP_START.match(line)
        if loop:
            loops.append(
                {
                    "kind": loop.group(1),
                    "line": number,
                    "condition": loop.group(2).strip(),
                    "bounded": bool(_BOUND.search(loop.group(2))),
                    "programs": [],
                }
            )
        elif _FOR_START.match(line):
            depth_for += 1
        if _ARGS.match(line):
            execs_args = True
        trap = _TRAP.match(line)
        if trap:
            action = trap.group("action").strip("'\"")
            signals = trap.group("signals").split()
            trap_signals.extend(signals)
            facts.append(source.fact("shell.trap", number, action=action, ignore=action == "", signals=signals))
        body = re.sub(r"^(while|until|if|elif)\s+!?\s*", "", line)
        body = re.sub(r";\s*(do|then)\s*$", "", body)
        body = re.sub(r"^(do|then|else|fi|esac|\{|\})(\s+|$)", "", body)
        for command in split_commands(body):
            if not command.argv or command.argv[0] in (
                "done",
                "fi",
                "then",
                "do",
                "else",
                "[",
                "[[",
                "test",
                "echo",
                "printf",
                "set",
                "export",
                "local",
                "shift",
                "true",
                "false",
                ":",
                "cd",
                "return",
                "break",
                "continue",
            ):
                if command.argv and command.argv[0] in ("exit",):
                    pass
                continue
            in_loop = bool(loops)
            data = {
                "argv": list(command.argv),
                "program": command.program,
                "exec": command.is_exec,
                "background": command.background,
                "in_loop": in_loop,
                "loop_bounded": all(l["bounded"] for l in loops) if loops else None,
                "loop_line": loops[-1]["line"] if loops else None,
            }
            facts.append(source.fact("shell.command", number, **data))
            if loops:
                loops[-1]["programs"].append(command.program)
                if _BOUND.search(line):
                    loops[-1]["bounded"] = True
            last_command = {"line": number, **data}
        if (loops and re.search(r"\b(break|exit|return)\b", line)) or (loops and _BOUND.search(line) and not loop):
            loops[-1]["bounded"] = True
        if _DONE.search(line):
            if depth_for:
                depth_for -= 1
            elif loops:
                closed = loops.pop()
                facts.append(
                    source.fact(
                        "shell.loop",
                        closed["line"],
                        kind=closed["kind"],
                        condition=closed["condition"],
                        bounded=closed["bounded"],
                        programs=closed["programs"],
                    )
                )
    facts.append(
        source.fact(
            "shell.script",
            1,
            shebang=lines[0][2:].strip() if lines and lines[0].startswith("#!") else None,
            last_line=last_command["line"] if last_command else None,
            last_program=last_command["program"] if last_command else None,
            last_exec=bool(last_command and last_command["exec"]),
            last_background=bool(last_command and last_command["background"]),
            execs_args=execs_args,
            traps=trap_signals,
        )
    )
    return facts
