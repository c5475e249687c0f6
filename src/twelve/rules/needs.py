"""The kinds of facts the rules of a library's factors read.

A library or framework is assessed on factors I and II alone (issue 12): its run extracts only
the facts those rules read, and leaves out the rest of the work (most of a parse's queries, the
secret scan of files left without a fact). A rule that reads a kind this list misses makes the
run extract everything and judge again (``Facts.missing``): the list costs time when wrong, never
a verdict. ``tests/test_library_needs.py`` checks it against what the rules read on every
fixture repository.
"""

from __future__ import annotations

LIBRARY_FACT_KINDS: frozenset[str] = frozenset(
    {
        # factor I: the codebase (submodules, copies of an app, what deploys it)
        "vcs.submodule",
        "web.app",
        # factor II: declarations, locks and installs
        "dep.declared",
        "dep.include",
        "dep.lock",
        "dep.manifest",
        "go.mod",
        "import",
        "syspath.modify",
        "process.spawn",
        "aptfile.package",
        "node.script",
        "shell.command",
        "shell.script",
        "doc.command",
        "ci.step",
        # what builds and starts it: images, services, processes
        "docker.arg",
        "docker.cmd",
        "docker.copy",
        "docker.entrypoint",
        "docker.env",
        "docker.from",
        "docker.run",
        "compose.service",
        "k8s.workload",
        "platform.service",
        "procfile.process",
        # inline waivers apply to every rule
        "waiver.inline",
    }
)
