"""The JSON report: a versioned contract (schema/report-v1.schema.json, `twelve schema`)."""

from __future__ import annotations

import codecs
import json as _json
from collections.abc import Iterator
from typing import Any

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.model import AppAssessment, Assessment, FactorVerdict, Finding, Selection
from twelve.report import kind, view

SCHEMA_VERSION = "1"
#: pieces of the encoded document joined at a time
_BATCH = 65536


def _finding(catalog: Catalog, finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule,
        "polarity": finding.polarity.value,
        "strength": finding.strength.value,
        "basis": finding.basis.value,
        "scope": finding.scope.value,
        "title": view.finding_title(catalog, finding),
        "message": view.finding_message(catalog, finding),
        "locations": [{"path": l.path, "line": l.line, "excerpt": l.excerpt} for l in finding.locations],
        "remediation": catalog.render(finding.remediation) if finding.remediation else None,
    }
    if finding.effect.value != "none":
        data["effect"] = finding.effect.value
    data["waived"] = finding.waiver is not None
    data["counted"] = finding.counted  # the verdict stage's decision: in scope and not waived
    if finding.waiver is not None:
        data["waiver"] = {
            "reason": finding.waiver.reason,
            "source": finding.waiver.source,
            "expires": finding.waiver.expires,
        }
        if finding.waiver.origin:
            data["waiver"]["origin"] = finding.waiver.origin
    return data


def _factor(catalog: Catalog, verdict: FactorVerdict, lang: str, shared: view.Shared) -> dict[str, Any]:
    info = FACTORS[verdict.factor - 1]
    refs = shared.refs(verdict.findings)
    data = {
        "number": info.number,
        "roman": info.roman,
        "key": info.key,
        "name": view.factor_name(catalog, info.number),
        "link": info.link(lang),
        "status": verdict.status.value,
        "confidence": verdict.confidence.value,
        "justification": view.justification(catalog, verdict),
        "findings": [_finding(catalog, f) for f in shared.own(verdict.findings)],
        "adjustments": view.adjustments(catalog, verdict),
        "errors": list(verdict.errors),
    }
    if refs:  # findings of files outside every app root, listed once under "repository"
        data["repository_findings"] = refs
    return data


def _app(catalog: Catalog, app: AppAssessment, lang: str, shared: view.Shared) -> dict[str, Any]:
    return {
        "path": app.path,
        "name": app.name,
        "stacks": list(app.stacks),
        "factors": [_factor(catalog, v, lang, shared) for v in app.verdicts],
        "summary": view.counts(app),
    }


def document(assessment: Assessment, catalog: Catalog) -> dict[str, Any]:
    lang = catalog.lang
    shared = view.shared_findings(assessment)
    main = _app(catalog, assessment.main, lang, shared)
    cov = assessment.coverage
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "twelve", "version": assessment.tool_version},
        "lang": lang,
        "profile": assessment.profile,
        "target": {
            "path": assessment.target.path,
            "name": assessment.target.name,
            "commit": assessment.target.commit,
            "is_repository": assessment.target.is_repository,
        },
        "factors": main["factors"],
        "summary": {**main["summary"], "total": len(main["factors"])},
        "apps": [main if a is assessment.main else _app(catalog, a, lang, shared) for a in assessment.apps],
        "coverage": {
            "files_seen": cov.files_seen,
            "files_analyzed": cov.files_analyzed,
            "skipped": [
                {"path": s.path, "reason": s.reason, **({"detail": s.detail} if s.detail else {})} for s in cov.skipped
            ],
            "errors": [{"path": s.path, "reason": s.reason, "detail": s.detail} for s in cov.errors],
            **({"tracked_ignored": list(cov.tracked_ignored)} if cov.tracked_ignored else {}),
            **(
                {"notes": [{"code": n.key.split(".", 1)[-1], "message": catalog.render(n)} for n in cov.notes]}
                if cov.notes
                else {}
            ),
        },
        "internal_errors": list(assessment.internal_errors),
        **_repository(shared, catalog),
        **_extras(assessment, catalog),
    }


def _repository(shared: view.Shared, catalog: Catalog) -> dict[str, Any]:
    """The findings several apps report from files outside every app root, each once: the
    factors of those apps list their numbers in `repository_findings` (absent when none)."""
    if not shared.findings:
        return {}
    return {
        "repository": {
            "findings": [
                {"id": shared.number[f], "factor": f.factor, "apps": shared.apps[f], **_finding(catalog, f)}
                for f in shared.findings
            ]
        }
    }


def _extras(assessment: Assessment, catalog: Catalog) -> dict[str, Any]:
    """Optional fields (contract version 1 allows additions): present only when they say something,
    so that a plain run's report is unchanged."""
    extra: dict[str, Any] = {}
    if assessment.config_file:
        extra["config_file"] = assessment.config_file
    if assessment.notices:
        extra["notices"] = [{"code": n.key.split(".", 1)[-1], "message": catalog.render(n)} for n in assessment.notices]
    found = kind.data(catalog, assessment)
    if found is not None:
        extra["kind"] = found
    if assessment.selection is not None:
        extra["selection"] = selection_data(assessment.selection, catalog)
    if assessment.policy is not None:
        policy = assessment.policy
        extra["policy"] = {
            "fail_on": policy.fail_on,
            "min_meets": policy.min_meets,
            "passed": policy.passed,
            "violations": [
                {"kind": v.kind, "app": v.app, "factor": v.factor, "message": catalog.render(v.message)}
                for v in policy.violations
            ],
        }
    return extra


def selection_data(selection: Selection, catalog: Catalog) -> dict[str, Any]:
    """What narrowed the run, where each setting came from, and what it left out."""
    config = None
    if selection.config_file is not None:
        config = {
            "file": selection.config_file,
            "select": list(selection.config_select),
            "ignore": list(selection.config_ignore),
            "exclude": list(selection.config_exclude),
        }
    return {
        "select": list(selection.select),
        "ignore": list(selection.ignore),
        "exclude": list(selection.exclude),
        "config": config,
        "overridden": list(selection.overridden),
        "rules_total": selection.rules_total,
        "rules_not_run": list(selection.rules_not_run),
        "not_assessed": list(selection.not_assessed),
        "not_assessed_by_config": list(selection.not_assessed_by_config),
        "statements": [catalog.render(m) for m in selection.statements],
    }


def pieces(assessment: Assessment, catalog: Catalog, **_: Any) -> Iterator[str]:
    """The document as `json.dumps(..., ensure_ascii=False, indent=2)` writes it, in batches of
    its pieces: `dumps` with an indent first lists every piece (millions of small strings on a
    large report: 550 MB of memory for the 83 MB report of a tree with 117 apps), and the whole
    text at once costs twice its size while it is joined (2 bytes a character as soon as one is
    not Latin-1: 150 MB for that report). The command line writes the batches as they come.

    orjson writes the same text (every number of the document is an integer, report-v1's schema)
    some ten times faster than json's pure-Python indenting encoder: its UTF-8 bytes (one byte
    a character of an ASCII report) are decoded a slice at a time. json writes what orjson
    refuses (a string that is not valid UTF-8)."""
    data = document(assessment, catalog)
    fast = _fast(data)
    if fast is not None:
        yield from fast
        return
    batch: list[str] = []
    for piece in _json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        batch.append(piece)
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch.clear()
    batch.append("\n")
    yield "".join(batch)


#: bytes of orjson's text decoded at a time
_SLICE = 1 << 20


def _fast(data: Any) -> Iterator[str] | None:
    """The pieces of *data* as orjson writes it with an indent of 2 (the text of
    ``json.dumps(data, ensure_ascii=False, indent=2)`` without floats) and a final newline; None
    when orjson cannot write it."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - a dependency; json writes the same text
        return None
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except (TypeError, orjson.JSONEncodeError):
        return None

    def slices() -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        view = memoryview(text)
        for start in range(0, len(text), _SLICE):
            yield decoder.decode(view[start : start + _SLICE])
        yield decoder.decode(b"", final=True) + "\n"

    return slices()


def render(assessment: Assessment, catalog: Catalog, **_: Any) -> str:
    """The whole document (see pieces)."""
    return "".join(pieces(assessment, catalog))
