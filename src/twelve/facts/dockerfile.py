"""Dockerfile facts: stages, base images, ENV/ARG, RUN, CMD/ENTRYPOINT (exec or shell form),
EXPOSE, VOLUME, USER, HEALTHCHECK, COPY/ADD, STOPSIGNAL; and, as `log.handler` facts, Java agents
of the final stage that ship the app's log records (`-javaagent:` the Application Insights agent).

dockerfile-parse splits instructions; heredoc bodies (``RUN <<EOF``) are taken out first, because
the library would read their lines as instructions (reference/dependencies.md §3).
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import shlex
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.shellwords import split_commands
from twelve.facts.waivermark import without_waivers
from twelve.knowledge import logs

_HEREDOC = re.compile(r"<<(-?)\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\b")


def _strip_heredocs(text: str) -> tuple[str, dict[int, str]]:
    """The text with heredoc bodies blanked (line count kept), and each body by 0-based start line."""
    lines = text.split("\n")
    bodies: dict[int, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        match = _INSTRUCTION.match(line)
        if match and match.group(1).upper() in ("RUN", "COPY", "ADD") and "<<" in line:
            markers = _HEREDOC.findall(line)
            start = i
            collected: list[str] = []
            for dash, _quote, word in markers:
                i += 1
                while i < len(lines):
                    candidate = lines[i].lstrip("\t") if dash else lines[i]
                    if candidate.strip() == word:
                        lines[i] = ""
                        break
                    collected.append(lines[i])
                    lines[i] = ""
                    i += 1
            if markers:
                bodies[start] = "\n".join(collected)
        i += 1
    return "\n".join(lines), bodies


def parse_image(ref: str) -> dict[str, Any]:
    """registry/name:tag@digest -> parts; a variable reference keeps `variable: True`."""
    ref = ref.strip()
    digest = None
    if "@" in ref:
        ref, digest = ref.split("@", 1)
    tag = None
    name = ref
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        name, tag = ref.rsplit(":", 1)
    return {"image": name, "tag": tag, "digest": digest, "variable": "$" in ref}


def _exec_form(value: str) -> list[str] | None:
    value = value.strip()
    if not value.startswith("["):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    if isinstance(parsed, list) and all(isinstance(x, str) for x in parsed):
        return parsed
    return None


def _env_pairs(value: str) -> list[tuple[str, str]]:
    value = value.strip()
    if not value:
        return []
    first = value.split(None, 1)
    if "=" not in first[0]:  # legacy `ENV KEY value with spaces`
        return [(first[0], first[1] if len(first) > 1 else "")]
    try:
        words = shlex.split(value, posix=True)
    except ValueError:
        words = value.split()
    pairs = []
    for word in words:
        if "=" in word:
            key, val = word.split("=", 1)
            pairs.append((key, val))
    return pairs


def extract(source: Source) -> list[Fact]:
    from dockerfile_parse import DockerfileParser

    text, heredocs = _strip_heredocs(source.text)
    parser = DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8", "replace")), cache_content=True)
    structure = parser.structure
    facts: list[Fact] = []
    stage = -1
    stage_names: list[str] = []
    froms = [s for s in structure if s["instruction"] == "FROM"]
    last_stage = len(froms) - 1
    for item in structure:
        instruction = item["instruction"].upper()
        line = item["startline"] + 1
        # a `#` after an instruction is no comment to Docker: an inline waiver there is read
        # (twelve.facts.inline) and left out of the instruction's arguments
        value = without_waivers(item["value"])
        excerpt = item["content"].strip().replace("\\\n", " ")
        common: dict[str, Any] = {"stage": stage, "final": stage == last_stage}
        if instruction == "FROM":
            stage += 1
            words = value.split()
            words = [w for w in words if not w.startswith("--")]
            ref = words[0] if words else ""
            name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
            stage_names.append(name or str(stage))
            is_stage_ref = ref in stage_names[:-1]
            facts.append(
                source.fact(
                    "docker.from",
                    line,
                    excerpt,
                    stage=stage,
                    final=stage == last_stage,
                    name=name,
                    stage_ref=is_stage_ref,
                    **parse_image(ref),
                )
            )
        elif instruction in ("CMD", "ENTRYPOINT"):
            argv = _exec_form(value)
            data: dict[str, Any] = {"form": "exec" if argv is not None else "shell", **common}
            if argv is not None:
                data["argv"] = argv
            else:
                data["command"] = value
                commands = split_commands(value)
                # the last command of `a && b` is the process that keeps running
                data["argv"] = list(commands[-1].argv) if commands else []
                data["exec"] = bool(commands) and commands[-1].is_exec
            facts.append(source.fact("docker." + instruction.lower(), line, excerpt, **data))
        elif instruction == "RUN":
            body = heredocs.get(item["startline"], "")
            command = value if not body else value + "\n" + body
            argv = _exec_form(value)
            facts.append(
                source.fact(
                    "docker.run",
                    line,
                    excerpt,
                    command=" ".join(argv) if argv else command,
                    heredoc=bool(body),
                    **common,
                )
            )
        elif instruction == "ENV":
            for key, val in _env_pairs(value):
                facts.append(source.fact("docker.env", line, excerpt, key=key, value=val, **common))
        elif instruction == "ARG":
            key, _, default = value.strip().partition("=")
            facts.append(source.fact("docker.arg", line, excerpt, key=key.strip(), default=default or None, **common))
        elif instruction == "EXPOSE":
            facts.append(source.fact("docker.expose", line, excerpt, ports=value.split(), **common))
        elif instruction == "VOLUME":
            paths = _exec_form(value) or value.split()
            facts.append(source.fact("docker.volume", line, excerpt, paths=paths, **common))
        elif instruction == "USER":
            facts.append(source.fact("docker.user", line, excerpt, user=value.strip(), **common))
        elif instruction == "HEALTHCHECK":
            facts.append(
                source.fact("docker.healthcheck", line, excerpt, none=value.strip().upper() == "NONE", **common)
            )
        elif instruction in ("COPY", "ADD"):
            words = [w for w in value.split() if not w.startswith("--")]
            flags = [w for w in value.split() if w.startswith("--")]
            argv = _exec_form(" ".join(words))
            parts = argv if argv is not None else words
            facts.append(
                source.fact(
                    "docker.copy",
                    line,
                    excerpt,
                    instruction=instruction,
                    sources=parts[:-1],
                    dest=parts[-1] if parts else "",
                    from_stage=any(f.startswith("--from") for f in flags),
                    **common,
                )
            )
        elif instruction == "STOPSIGNAL":
            facts.append(source.fact("docker.stopsignal", line, excerpt, signal=value.strip(), **common))
        elif instruction == "WORKDIR":
            facts.append(source.fact("docker.workdir", line, excerpt, path=value.strip(), **common))
    facts.extend(_log_agents(source, facts))
    facts.append(source.fact("docker.file", 1, "", stages=len(froms), names=stage_names))
    return facts


_JAVAAGENT = re.compile(r"-javaagent:([^=\s\"']+)")


def _agent_of(path: str, copies: list[Fact], runs: list[Fact]) -> str | None:
    """The log-shipping agent a `-javaagent:<path>` attaches: by the jar's name, or by the name of
    the file a COPY/ADD puts at that path, or of the file a RUN downloads to it."""

    def known(name: str) -> str | None:
        base = posixpath.basename(name)
        return next((handler for prefix, handler in logs.LOG_SHIPPING_AGENTS.items() if base.startswith(prefix)), None)

    found = known(path)
    if found:
        return found
    for copy in copies:
        dest = str(copy.get("dest") or "")
        target = dest if not dest.endswith("/") else dest + posixpath.basename(path)
        if posixpath.normpath(target) == posixpath.normpath(path) or (
            dest.endswith("/") and posixpath.normpath(dest) == posixpath.dirname(posixpath.normpath(path))
        ):
            found = next((k for k in map(known, copy.get("sources") or ()) if k), None)
            if found:
                return found
    for run in runs:
        command = str(run.get("command") or "")
        if path in command:
            found = next((k for k in map(known, re.findall(r"[\w./:-]+\.jar", command)) if k), None)
            if found:
                return found
    return None


def _log_agents(source: Source, facts: list[Fact]) -> list[Fact]:
    """Java agents of the final stage that capture the app's log records and send them to their
    service (the Application Insights agent), attached with `-javaagent:` on the ENTRYPOINT or CMD
    or in a JVM options variable (`ENV JAVA_TOOL_OPTIONS=-javaagent:...`)."""
    copies = [f for f in facts if f.kind == "docker.copy" and f.get("final")]
    runs = [f for f in facts if f.kind == "docker.run" and f.get("final")]
    found: list[Fact] = []
    for fact in facts:
        if not fact.get("final"):
            continue
        if fact.kind in ("docker.entrypoint", "docker.cmd"):
            text = " ".join(fact.get("argv") or ()) if fact.get("form") == "exec" else str(fact.get("command") or "")
        elif fact.kind == "docker.env" and fact.get("key") in logs.JVM_OPTION_VARIABLES:
            text = str(fact.get("value") or "")
        else:
            continue
        for path in _JAVAAGENT.findall(text):
            agent = _agent_of(path, copies, runs)
            if agent:
                found.append(
                    source.fact(
                        "log.handler",
                        fact.line,
                        fact.excerpt,
                        handler=agent,
                        api=f"-javaagent:{path}",
                        target={"source": "none"},
                        rotation=False,
                        stream="other",
                        family="network",
                        lang="java",
                    )
                )
    return found
