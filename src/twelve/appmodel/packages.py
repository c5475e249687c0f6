"""What the app depends on: its declared packages, and the OS packages its image installs."""

from __future__ import annotations

from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.shellwords import split_commands
from twelve.knowledge.tools import TOOL_PACKAGES
from twelve.model import Scope


def declared(facts: AppFacts, ecosystem: str = "python") -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    for fact in facts.of("dep.declared"):
        if fact.get("ecosystem") == ecosystem and fact.scope in (Scope.PRODUCTION, Scope.DEV):
            out.setdefault(fact.get("name"), fact)
    return out


def installed_os_packages(facts: AppFacts) -> dict[str, Fact]:
    """OS packages installed by Dockerfile RUN lines (apt-get/apt/apk/dnf/yum/microdnf) and Aptfiles."""
    out: dict[str, Fact] = {}
    for fact in production(facts.of("docker.run")):
        for command in split_commands(fact.get("command", "")):
            if command.program in ("apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper") and \
                    any(word in ("install", "add") for word in command.argv[1:3]):
                for word in command.argv[2:]:
                    if not word.startswith("-") and word not in ("install", "add"):
                        out.setdefault(word.split("=", 1)[0], fact)
    for fact in facts.of("aptfile.package"):
        out.setdefault(fact.get("name"), fact)
    return out


def tool_provider(tool: str, packages: dict[str, Fact]) -> tuple[str, Fact] | None:
    for package in TOOL_PACKAGES.get(tool, (tool,)):
        if package in packages:
            return package, packages[package]
    if tool in packages:
        return tool, packages[tool]
    return None
