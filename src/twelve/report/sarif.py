"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF consumers.

One ``result`` per location of every finding *against* a factor that counts (production scope, or
a rule that counts anywhere), with ``ruleId``, a ``level`` from the finding's strength (advice is
capped at ``warning``), the message and its concrete remediation, a relative ``artifactLocation``
and ``region.startLine``. One ``rule`` per rule id used, whose ``helpUri`` is the factor's page on
12factor.net and whose Markdown help carries the motivation and the remediation (placeholders shown
as ‹name›). Waived findings are kept as results with a ``suppressions`` entry (``inSource`` for an
inline comment, ``external`` for the configuration), so code scanning shows them as dismissed.
A finding several apps report from a file outside every app root is one result whose properties
give its number in the JSON report's ``repository`` section and how many apps report it (instead
of the one ``app``).

``partialFingerprints["twelve/v1"]`` identifies a result across runs without its line number (so
that code moving down a file keeps its alert): the rule, the path, the whitespace-collapsed excerpt
and the result's rank among identical ones in that file.
"""

from __future__ import annotations

import hashlib
import json as _json
from typing import Any
from urllib.parse import quote

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.model import Assessment, Basis, Finding, Location, Polarity, Strength
from twelve.report import kind, view

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "twelve/v1"
LEVELS = {Strength.STRONG: "error", Strength.MODERATE: "warning", Strength.WEAK: "note"}


class _Placeholders(dict):
    """Shows each message parameter by its name, for the rule-level (parameter-free) texts."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def __missing__(self, key: str) -> str:
        return self.catalog.text("sarif.placeholder", name=key)


def generic(catalog: Catalog, key: str) -> str:
    """The sentence of *key* with its parameters shown as ‹name›."""
    template = catalog.template(key)
    return catalog.fill(template, _Placeholders(catalog)) if "{" in template else template


def level_of(finding: Finding) -> str:
    level = LEVELS[finding.strength]
    return "warning" if finding.basis is Basis.ADVICE and level == "error" else level


def _rule(catalog: Catalog, finding: Finding, rule_id: str) -> dict[str, Any]:
    info = FACTORS[finding.factor - 1]
    link = info.link(catalog.lang)
    factor = catalog.text("sarif.factor", roman=info.roman, name=view.factor_name(catalog, info.number))
    title = generic(catalog, f"{rule_id}.title")
    motivation = generic(catalog, f"{rule_id}.motivation")
    remediation = generic(catalog, f"{rule_id}.remediation") if catalog.has(f"{rule_id}.remediation") else ""
    why, fix = catalog.text("sarif.why"), catalog.text("sarif.fix")
    text = (
        f"{factor}. {why}: {motivation}"
        + (f" {fix}: {remediation}" if remediation else "")
        + f" {catalog.text('sarif.methodology', link=link)}"
    )
    markdown = f"**{factor}** ([12factor.net]({link}))\n\n**{why}.** {motivation}\n"
    if remediation:
        markdown += f"\n**{fix}.** {remediation}\n"
    return {
        "id": rule_id,
        "name": f"{info.key}/{rule_id}",
        "shortDescription": {"text": title},
        "fullDescription": {"text": motivation},
        "helpUri": link,
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": level_of(finding)},
        "properties": {
            "tags": ["twelve-factor", f"factor-{info.roman}", info.key],
            "factor": info.number,
            "polarity": finding.polarity.value,
            "basis": finding.basis.value,
            "precision": "high" if finding.strength is Strength.STRONG else "medium",
        },
    }


def _physical(location: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(location.path, safe="/"), "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": location.line or 1},
    }
    if location.excerpt:
        physical["region"]["snippet"] = {"text": location.excerpt}
    return physical


def _fingerprint(rule: str, location: Location, rank: int) -> str:
    excerpt = " ".join(location.excerpt.split())
    return hashlib.sha256(f"{rule}\0{location.path}\0{excerpt}\0{rank}".encode()).hexdigest()[:32]


def document(assessment: Assessment, catalog: Catalog) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    seen: set[tuple[str, str, int | None, str]] = set()
    ranks: dict[tuple[str, str, str], int] = {}
    fix_label = catalog.text("sarif.fix")
    shared = view.shared_findings(assessment)
    for app in assessment.apps:
        for verdict in app.verdicts:
            for finding in verdict.findings:
                if finding.polarity is not Polarity.AGAINST or not finding.in_scope:
                    continue  # what the verdict stage decided does not concern the app; waived ones stay, suppressed
                if finding.rule not in rules:
                    rules[finding.rule] = _rule(catalog, finding, finding.rule)
                message = view.finding_message(catalog, finding)
                if finding.remediation is not None:
                    message += f"\n\n{fix_label}: {catalog.render(finding.remediation)}"
                # in a fixed order (the order of a finding's locations may follow a set's), so
                # that deduplication and ranks, hence fingerprints, are the same in every process
                ordered = sorted(finding.locations, key=lambda l: (l.path, l.line or 0, l.excerpt))
                for location in ordered or (None,):
                    key = (
                        finding.rule,
                        location.path if location else "",
                        location.line if location else None,
                        message,
                    )
                    if key in seen:  # a file shared by several apps gives the same finding once per app
                        continue
                    seen.add(key)
                    result: dict[str, Any] = {
                        "ruleId": finding.rule,
                        "ruleIndex": list(rules).index(finding.rule),
                        "level": level_of(finding),
                        "message": {"text": message},
                    }
                    if location is not None:
                        same = (finding.rule, location.path, " ".join(location.excerpt.split()))
                        ranks[same] = ranks.get(same, -1) + 1
                        result["locations"] = [{"physicalLocation": _physical(location)}]
                        result["partialFingerprints"] = {
                            FINGERPRINT_KEY: _fingerprint(finding.rule, location, ranks[same])
                        }
                    if finding.waiver is not None:
                        result["suppressions"] = [
                            {
                                "kind": "inSource" if finding.waiver.source == "inline" else "external",
                                "status": "accepted",
                                "justification": finding.waiver.reason,
                            }
                        ]
                    result["properties"] = {
                        "factor": finding.factor,
                        "strength": finding.strength.value,
                        **(
                            {"repository_finding": shared.number[finding], "apps": shared.apps[finding]}
                            if finding in shared.number  # several apps report it: the repository's
                            else {"app": app.path}
                        ),
                    }
                    results.append(result)
    notifications = [{"level": "error", "message": {"text": error}} for error in assessment.internal_errors]
    notifications += [{"level": "warning", "message": {"text": catalog.render(n)}} for n in assessment.notices]
    notifications += [
        {"level": "warning", "descriptor": {"id": "twelve/selection"}, "message": {"text": line}}
        for line in view.selection_lines(catalog, assessment)
    ]
    notifications += [
        {"level": "note", "descriptor": {"id": "twelve/kind"}, "message": {"text": line}}
        for line in kind.lines(catalog, assessment)
    ]
    notifications += [
        {"level": "note", "descriptor": {"id": "twelve/coverage"}, "message": {"text": line}}
        for line in view.coverage_extras(catalog, assessment)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not assessment.internal_errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "twelve",
                "version": assessment.tool_version,
                "semanticVersion": assessment.tool_version,
                "rules": list(rules.values()),
            }
        },
        "invocations": [invocation],
        "language": "pt-BR" if catalog.lang == "pt-BR" else "en-US",
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "target": assessment.target.name,
            "commit": assessment.target.commit,
            "summary": view.counts(assessment.main),
        },
    }
    if kind.shown(kind.kind_of(assessment)):
        run["properties"]["kind"] = kind.data(catalog, assessment)
    if assessment.selection is not None:
        from twelve.report.json import selection_data

        run["properties"]["selection"] = selection_data(assessment.selection, catalog)
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(assessment: Assessment, catalog: Catalog, **_: Any) -> str:
    return _json.dumps(document(assessment, catalog), ensure_ascii=False, indent=2) + "\n"
