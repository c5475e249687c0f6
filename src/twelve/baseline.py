"""``--baseline FILE``: a JSON report of an earlier run, whose findings are accepted as they are.

A finding of this run that the baseline already holds (same rule, same file, same excerpt: the
line may have moved) is marked waived, with the reason "in the baseline FILE", before the
verdicts are decided: the report still shows it, and the gate judges only what is new. A
baseline is a plain JSON report (``twelve check --format json -o baseline.json``), in any
language."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any

from twelve.model import Finding, Polarity, Waiver

#: (rule, path of the first location, excerpt of the first location with blanks collapsed)
Key = tuple[str, str, str]
MAX_BYTES = 256 << 20


class BaselineError(Exception):
    """The file is not a twelve JSON report (or cannot be read): *key* names the problem."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.detail = detail


def key_of(rule: str, path: str, excerpt: str) -> Key:
    return rule, path, " ".join(excerpt.split())


def finding_key(finding: Finding) -> Key:
    first = finding.locations[0] if finding.locations else None
    return key_of(finding.rule, first.path if first else "", first.excerpt if first else "")


def load(path: str) -> tuple[Key, ...]:
    """The keys of every finding against a factor in the JSON report at *path*."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BaselineError("unreadable", exc.strerror or str(exc)) from None
    if len(raw) > MAX_BYTES:
        raise BaselineError("too_large")
    try:
        data = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError as exc:
        raise BaselineError("not_json", str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("apps", data.get("factors")), list):
        raise BaselineError("not_a_report")
    keys: set[Key] = set()
    apps: list[Any] = data["apps"] if isinstance(data.get("apps"), list) else [data]
    repository = data.get("repository")
    shared = repository.get("findings") if isinstance(repository, dict) else None
    lists = [
        factor.get("findings") or []
        for app in apps
        for factor in ((app.get("factors") or []) if isinstance(app, dict) else [])
        if isinstance(factor, dict)
    ]
    lists.append(shared if isinstance(shared, list) else [])  # findings several apps report, listed once
    for findings in lists:
        for finding in findings if isinstance(findings, list) else []:
            if not isinstance(finding, dict) or finding.get("polarity") != Polarity.AGAINST.value:
                continue
            locations = finding.get("locations") or [{}]
            first = locations[0] if isinstance(locations[0], dict) else {}
            keys.add(key_of(str(finding.get("rule", "")), str(first.get("path", "")), str(first.get("excerpt", ""))))
    return tuple(sorted(keys))


def apply(findings: Iterable[Finding], keys: Iterable[Key], shown: str) -> list[Finding]:
    """*findings*, those the baseline holds marked waived (unless a waiver already covers them)."""
    known = set(keys)
    if not known:
        return list(findings)
    waiver = Waiver(f"baseline {shown}", "baseline", origin=shown)  # a name, the same in every language
    return [
        dataclasses.replace(f, waiver=waiver)
        if f.waiver is None and f.polarity is Polarity.AGAINST and finding_key(f) in known
        else f
        for f in findings
    ]
