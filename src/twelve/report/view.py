"""Presentation helpers shared by the formats: rendered sentences, counts, ordering."""

from __future__ import annotations

from collections import Counter

from twelve.factors import factor
from twelve.locale import Catalog
from twelve.model import AppAssessment, Assessment, FactorVerdict, Finding, Message, Status

STATUS_ORDER = (Status.MEETS, Status.PARTIAL, Status.DOES_NOT_MEET, Status.NOT_APPLICABLE, Status.INCONCLUSIVE)


def factor_name(catalog: Catalog, number: int) -> str:
    return catalog.text(f"factor.name.{number}")


def factor_label(catalog: Catalog, number: int) -> str:
    return f"{factor(number).roman}. {factor_name(catalog, number)}"


def status_text(catalog: Catalog, status: Status) -> str:
    return catalog.text(f"status.{status.value}")


def justification(catalog: Catalog, verdict: FactorVerdict) -> str:
    parts = [catalog.render(m, mid_sentence=i > 0).rstrip(".") for i, m in enumerate(verdict.justification)]
    text = "; ".join(p for p in parts if p)
    return text + "." if text else ""


def finding_message(catalog: Catalog, finding: Finding) -> str:
    return catalog.render(finding.message)


def finding_title(catalog: Catalog, finding: Finding) -> str:
    from twelve.verdict import title_of

    return catalog.render(title_of(finding))


def adjustments(catalog: Catalog, verdict: FactorVerdict) -> list[str]:
    """Every adjustment of the verdict, each sentence once (the JSON report: complete)."""
    return list(dict.fromkeys(catalog.render(m) for m in verdict.adjustments))


#: message parameters that name where an action applies rather than what the action is
_PLACE_PARAMS = frozenset({"path", "file", "line", "doc", "where", "location", "source", "first", "files"})


def grouped_adjustments(catalog: Catalog, verdict: FactorVerdict, limit: int = 0) -> list[str]:
    """What a reader acts on: one line per distinct action (the same remediation with the same
    parameters but for the file it names), with the count of places it applies to and the
    first few of them; at most *limit* actions of one kind (one remediation message) when
    *limit* is not 0, then one line saying how many more the JSON report holds."""
    places_of: dict[Message, list[str]] = {}
    for finding in verdict.findings:
        if finding.remediation is None:
            continue
        found = places_of.setdefault(finding.remediation, [])
        where = finding.locations[0].path if finding.locations else ""  # a finding is one place
        if where and where != "." and where not in found:
            found.append(where)
    groups: dict[tuple, tuple[Message, list[str]]] = {}
    for message in verdict.adjustments:
        action = (message.key, tuple((k, v) for k, v in message.params if k not in _PLACE_PARAMS))
        first, places = groups.setdefault(action, (message, []))
        named = places_of.get(message) or [v for k, v in message.params if k in ("path", "file") and v]
        places.extend(p for p in named if p not in places)
    lines: list[str] = []
    seen: set[str] = set()
    per_kind: Counter[str] = Counter()
    hidden = 0
    for (key, _), (first, places) in groups.items():
        text = catalog.render(first)
        if text in seen:
            continue
        seen.add(text)
        per_kind[key] += 1
        if limit > 0 and per_kind[key] > limit:
            hidden += 1
            continue
        if len(places) > 1:
            shown = places[:limit] if limit > 0 else places
            more = len(places) - len(shown)
            listed = ", ".join(shown) + (f", +{more}" if more else "")
            text = f"{text.rstrip()} " + catalog.text("report.adjustment_places", count=len(places), places=listed)
        lines.append(text)
    if hidden:
        lines.append(catalog.text("report.adjustments_more", count=hidden))
    return lines


def counts(app: AppAssessment) -> dict[str, int]:
    found = Counter(v.status for v in app.verdicts)
    return {s.value: found.get(s, 0) for s in STATUS_ORDER}


def summary_line(catalog: Catalog, app: AppAssessment) -> str:
    return catalog.text("report.summary_line", **counts(app))


def coverage_line(catalog: Catalog, assessment: Assessment) -> str:
    cov = assessment.coverage
    return catalog.text(
        "report.coverage_line", seen=cov.files_seen, analyzed=cov.files_analyzed, skipped=len(cov.skipped)
    )


def selection_lines(catalog: Catalog, assessment: Assessment) -> list[str]:
    """The sentences that say what narrowed the run (rules off, paths left out, by whom): every
    format shows them, since the repository's own configuration may be what narrowed it."""
    selection = getattr(assessment, "selection", None)
    if selection is None:
        return []
    return [catalog.render(m) for m in selection.statements]


def coverage_extras(catalog: Catalog, assessment: Assessment) -> list[str]:
    """Sentences of the coverage beyond the counts: files read although ignored (tracked by
    git), and what could not be read in full."""
    cov = assessment.coverage
    lines: list[str] = []
    read = getattr(cov, "tracked_ignored", ())
    if read:
        shown = ", ".join(read[:50]) + (f" (+{len(read) - 50})" if len(read) > 50 else "")
        lines.append(catalog.text("coverage_note.tracked_ignored", count=len(read), paths=shown))
    lines.extend(catalog.render(note) for note in getattr(cov, "notes", ()))
    return lines


def app_path_shown(app: AppAssessment) -> str | None:
    """The app's folder when its name does not already say it (a header reads "backend
    (python)", not "backend backend python")."""
    return None if app.path in (app.name, ".") else app.path


def location_text(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


_POLARITY_ORDER = {"against": 0, "neutral": 1, "for": 2}


#: findings of one rule shown per factor in the terminal and Markdown reports (0: all of them)
EVIDENCE_LIMIT = 5


def capped(findings: list[Finding], limit: int) -> tuple[list[Finding], dict[str, int]]:
    """The first *limit* findings of each rule (all when *limit* is 0), and how many of each rule
    were left out: a terminal shows the pattern, the JSON and SARIF reports keep every finding."""
    if limit <= 0:
        return list(findings), {}
    seen: Counter[str] = Counter()
    shown: list[Finding] = []
    hidden: dict[str, int] = {}
    for finding in findings:
        seen[finding.rule] += 1
        if seen[finding.rule] <= limit:
            shown.append(finding)
        else:
            hidden[finding.rule] = hidden.get(finding.rule, 0) + 1
    return shown, hidden


def evidence_order(findings) -> list[Finding]:
    """Findings as a reader wants them: what stands against the factor first, strongest first;
    a finding repeated word for word at the same places (two facts of one line) shown once."""
    seen: set[tuple] = set()
    distinct = []
    for finding in findings:
        same = (finding.rule, finding.message, finding.locations, finding.waiver)
        if same not in seen:
            seen.add(same)
            distinct.append(finding)
    return sorted(distinct, key=lambda f: (_POLARITY_ORDER[f.polarity.value], -f.strength.rank, f.sort_key()))
