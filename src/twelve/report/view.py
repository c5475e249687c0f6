"""Presentation helpers shared by the formats: rendered sentences, counts, ordering."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from twelve.factors import factor
from twelve.locale import Catalog
from twelve.model import AppAssessment, Assessment, FactorVerdict, Finding, Location, Message, Status

STATUS_ORDER = (Status.MEETS, Status.PARTIAL, Status.DOES_NOT_MEET, Status.NOT_APPLICABLE, Status.INCONCLUSIVE)


def factor_name(catalog: Catalog, number: int) -> str:
    return catalog.text(f"factor.name.{number}")


def factor_label(catalog: Catalog, number: int) -> str:
    return f"{factor(number).roman}. {factor_name(catalog, number)}"


def status_text(catalog: Catalog, status: Status) -> str:
    return catalog.text(f"status.{status.value}")


def verdict_status_text(catalog: Catalog, verdict: FactorVerdict) -> str:
    """The status a reader sees: "Not assessed" for a factor whose rules were all deselected (its
    status stays inconclusive for the gate and in JSON), the status's own name otherwise."""
    if verdict.justification and verdict.justification[0].key == "verdict.not_assessed":
        return catalog.text("status.not_assessed")
    return status_text(catalog, verdict.status)


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


def repeats_merged(catalog: Catalog, findings: list[Finding]) -> list[tuple[Finding, tuple[Location, ...]]]:
    """*findings* in order, each with the places it shows, a run of findings of one rule that say
    the same sentence (the same `console.log` advice in five files) merged into its first, with
    the places of all: the sentence once, then every place it applies to."""
    merged: list[tuple[Finding, tuple[Location, ...]]] = []
    said: tuple | None = None
    for finding in findings:
        same = (finding.rule, finding.polarity, finding.waiver, finding_message(catalog, finding))
        if merged and same == said:
            first, places = merged[-1]
            merged[-1] = (first, places + tuple(l for l in finding.locations if l not in places))
        else:
            merged.append((finding, tuple(finding.locations)))
            said = same
    return merged


# --- findings shared by several apps: reported once, in a repository-wide section ----------------


@dataclass(frozen=True, slots=True)
class Shared:
    """The repository-wide findings of an assessment: the same finding (rule, message, places,
    waiver, in-scope decision) reported by several apps (a root-level file every app reads). Each
    app's verdict still counts it; reports list it once, numbered from 1, and each app's factor
    refers to it by number."""

    findings: tuple[Finding, ...] = ()
    #: each shared finding's number (its place in `findings`, from 1)
    number: dict[Finding, int] = field(default_factory=dict)
    #: how many apps report each shared finding
    apps: dict[Finding, int] = field(default_factory=dict)

    def own(self, findings: Iterable[Finding]) -> list[Finding]:
        """*findings* but the shared ones (all of them when nothing is shared)."""
        if not self.number:
            return list(findings)
        return [f for f in findings if f not in self.number]

    def refs(self, findings: Iterable[Finding]) -> list[int]:
        """The numbers of the shared findings among *findings*, each once, in order."""
        if not self.number:
            return []
        return sorted({self.number[f] for f in findings if f in self.number})


_NOTHING_SHARED = Shared()
#: the last assessment asked about and its answer (every format asks once per report)
_LAST_SHARED: list[tuple[Assessment, Shared]] = []


def shared_findings(assessment: Assessment) -> Shared:
    """The findings reported identically (same rule, message, places, waiver) by two apps or more:
    their evidence lies in files the apps share (outside every app root) or speaks of the apps
    together ("the repository holds 3 apps"). Nothing with one app (its report is as it always
    was). A finding without a location, or placed at the repository's root `.` (an absence: "no
    lock file", "nothing keeps state"), speaks of each app on its own and stays with each app."""
    apps = assessment.apps
    if len(apps) < 2:
        return _NOTHING_SHARED
    if _LAST_SHARED and _LAST_SHARED[0][0] is assessment:
        return _LAST_SHARED[0][1]
    seen: Counter[Finding] = Counter()
    for app in apps:
        mine = {f for verdict in app.verdicts for f in verdict.findings}
        seen.update(f for f in mine if f.locations and all(loc.path not in ("", ".") for loc in f.locations))
    repeated = [f for f, count in seen.items() if count > 1]
    if not repeated:
        answer = _NOTHING_SHARED
    else:
        ordered = sorted(evidence_order(repeated), key=lambda f: f.factor)  # stable: evidence order per factor
        answer = Shared(tuple(ordered), {f: i for i, f in enumerate(ordered, 1)}, {f: seen[f] for f in ordered})
    _LAST_SHARED[:] = [(assessment, answer)]
    return answer


def shared_refs_line(catalog: Catalog, numbers: list[int]) -> str:
    """What a factor of an app says of its repository-wide findings ("2 repository-wide findings
    (see Repository-wide findings): #1, #4")."""
    return catalog.text(
        "repository.refs",
        count=len(numbers),
        section=catalog.text("repository.title"),
        numbers=", ".join(f"#{n}" for n in numbers),
    )
