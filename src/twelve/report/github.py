"""GitHub Actions workflow commands: one annotation per finding that counts against a factor
(``::error file=…,line=…,title=…::message``), shown on the pull request's diff and the run's
summary, then one notice with the summary line of each app. A finding several apps report from a
file outside every app root (a repository-wide finding) is annotated once. Levels follow SARIF's: a strong
finding is an error, a moderate one a warning, a weak one a notice."""

from __future__ import annotations

from typing import Any

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.model import Assessment, Basis, Polarity, Strength
from twelve.report import view
from twelve.report.kind import lines as kind_lines

LEVELS = {Strength.STRONG: "error", Strength.MODERATE: "warning", Strength.WEAK: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(assessment: Assessment, catalog: Catalog, **_: Any) -> str:
    lines: list[str] = []
    said = kind_lines(catalog, assessment)
    if said:
        lines.append(f"::notice title={_property(catalog.text('kind.title'))}::{_data('. '.join(said) + '.')}")
    shared = view.shared_findings(assessment)
    annotated: set[int] = set()  # the repository-wide findings annotated already: each once
    for app in assessment.apps:
        for verdict in app.verdicts:
            info = FACTORS[verdict.factor - 1]
            for finding in verdict.findings:
                if finding.polarity is not Polarity.AGAINST or not finding.counted:
                    continue
                number = shared.number.get(finding)
                if number is not None:
                    if number in annotated:
                        continue
                    annotated.add(number)
                level = LEVELS[finding.strength]
                if finding.basis is Basis.ADVICE and level == "error":
                    level = "warning"
                props = []
                where = finding.locations[0] if finding.locations else None
                if where is not None and where.path and where.path != ".":
                    props.append(f"file={_property(where.path)}")
                    if where.line:
                        props.append(f"line={where.line}")
                props.append(
                    "title="
                    + _property(f"twelve {finding.rule} ({info.roman}. {view.factor_name(catalog, info.number)})")
                )
                message = view.finding_message(catalog, finding)
                if finding.remediation is not None:
                    message += "\n" + catalog.render(finding.remediation)
                lines.append(f"::{level} {','.join(props)}::{_data(message)}")
        label = f"{app.name}: " if len(assessment.apps) > 1 else ""
        lines.append(f"::notice title=twelve::{_data(label + view.summary_line(catalog, app))}")
    return "\n".join(lines) + "\n"
