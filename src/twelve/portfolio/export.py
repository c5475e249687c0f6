"""Exports of the latest matrix (each repository's latest result): CSV, JSON and Markdown.

- CSV: one row per repository, app and factor (a repository never assessed has one row with its
  error), columns named in English for scripts; ``status`` is the status key, ``status_text``
  its wording in the chosen language.
- JSON: ``{"schema": "twelve-portfolio/1", ..., "repositories": [...]}``, each repository with
  its apps and their twelve factors (status, confidence, justification).
- Markdown: an overview (one row per repository, one column per factor), then per repository the
  seed's table ``FACTOR | STATUS | JUSTIFICATION`` (one table per app of a monorepo).

Justifications are in the language the scan ran in (they are stored that way); headings, status
words and the legend follow ``lang``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from collections.abc import Sequence
from typing import Any

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.portfolio.store import Result

FORMATS = ("csv", "json", "markdown")
SCHEMA = "twelve-portfolio/1"
STATUS_KEYS = ("meets", "partial", "does_not_meet", "not_applicable", "inconclusive")
#: one symbol per status: the overview table and the dashboard's cells (colour is never the only cue)
SYMBOLS = {"meets": "✅", "partial": "🟡", "does_not_meet": "❌", "not_applicable": "➖", "inconclusive": "❔"}
CSV_COLUMNS = (
    "repository",
    "location",
    "kind",
    "app",
    "app_path",
    "stacks",
    "commit",
    "assessed_at",
    "tool_version",
    "factor",
    "roman",
    "factor_key",
    "status",
    "status_text",
    "confidence",
    "justification",
    "last_outcome",
    "error",
)


def _when(value: _dt.datetime | None) -> str:
    return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def _status_text(catalog: Catalog, status: str) -> str:
    return catalog.text(f"status.{status}")


def to_csv(results: Sequence[Result], catalog: Catalog) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        head = [r.name, r.location, r.kind]
        tail = [r.last_outcome, r.error or ""]
        if not r.apps:
            writer.writerow(head + ["", "", "", "", "", "", "", "", "", "", "", "", ""] + tail)
            continue
        for app in r.apps:
            for v in app.verdicts:
                info = FACTORS[v.factor - 1]
                writer.writerow(
                    head
                    + [
                        app.name,
                        app.path,
                        " ".join(app.stacks),
                        r.commit or "",
                        _when(r.assessed_at),
                        r.tool_version or "",
                        v.factor,
                        info.roman,
                        info.key,
                        v.status,
                        _status_text(catalog, v.status),
                        v.confidence,
                        v.justification,
                    ]
                    + tail
                )
    return buffer.getvalue()


def _summary(statuses: Sequence[str]) -> dict[str, int]:
    return {key: sum(1 for s in statuses if s == key) for key in STATUS_KEYS}


def document(results: Sequence[Result], catalog: Catalog, *, database: str, tool_version: str) -> dict[str, Any]:
    repositories = []
    for r in results:
        main = r.main
        repositories.append(
            {
                "location": r.location,
                "name": r.name,
                "kind": r.kind,
                "commit": r.commit,
                "assessed_at": _when(r.assessed_at) or None,
                "tool_version": r.tool_version,
                "exit_code": r.exit_code,
                "last_scan": r.last_scan,
                "last_outcome": r.last_outcome,
                "last_at": _when(r.last_at),
                "error_kind": r.error_kind,
                "error": r.error,
                "summary": _summary([v.status for v in main.verdicts]) if main else None,
                "apps": [
                    {
                        "path": app.path,
                        "name": app.name,
                        "stacks": list(app.stacks),
                        "factors": [
                            {
                                "number": v.factor,
                                "roman": FACTORS[v.factor - 1].roman,
                                "key": FACTORS[v.factor - 1].key,
                                "status": v.status,
                                "confidence": v.confidence,
                                "justification": v.justification,
                            }
                            for v in app.verdicts
                        ],
                    }
                    for app in r.apps
                ],
            }
        )
    return {
        "schema": SCHEMA,
        "tool": {"name": "twelve", "version": tool_version},
        "lang": catalog.lang,
        "database": database,
        "generated_at": _when(_dt.datetime.now(_dt.timezone.utc)),
        "repositories": repositories,
    }


def to_json(results: Sequence[Result], catalog: Catalog, *, database: str, tool_version: str) -> str:
    return (
        json.dumps(
            document(results, catalog, database=database, tool_version=tool_version), ensure_ascii=False, indent=2
        )
        + "\n"
    )


def to_markdown(results: Sequence[Result], catalog: Catalog, *, database: str, tool_version: str) -> str:
    from twelve.report.markdown import cell, code, inline

    t = catalog.text
    lines = [
        f"# {t('export.title', count=len(results))}",
        "",
        f"- {t('export.database')}: {code(database)} · {t('report.tool', version=tool_version)}",
        "",
    ]
    lines += [f"## {t('export.overview')}", ""]
    romans = [f.roman for f in FACTORS]
    lines.append(f"| {t('export.repository')} | " + " | ".join(romans) + f" | {t('export.meets')} |")
    lines.append("|---|" + "|".join(":-:" for _ in romans) + "|--:|")
    for r in results:
        main = r.main
        if main is None:
            lines.append(f"| {cell(r.name)} | " + " | ".join("" for _ in romans) + f" | {cell(t('export.failed'))} |")
            continue
        meets = sum(1 for v in main.verdicts if v.status == "meets")
        lines.append(
            f"| {cell(r.name)} | "
            + " | ".join(SYMBOLS.get(v.status, "?") for v in main.verdicts)
            + f" | {meets}/{len(main.verdicts)} |"
        )
    lines += [
        "",
        t("export.legend") + ": " + " · ".join(f"{SYMBOLS[k]} {_status_text(catalog, k)}" for k in STATUS_KEYS),
        "",
    ]
    for r in results:
        lines += [f"## {inline(r.name)}", ""]
        facts = [code(r.location)]
        if r.commit:
            facts.append(f"{t('report.commit')} {code(r.commit[:12])}")
        if r.assessed_at:
            facts.append(t("export.assessed_at", date=_when(r.assessed_at)))
        lines += [" · ".join(facts), ""]
        if r.last_outcome == "failed":
            lines += [f"> {inline(t('export.last_failed', error=r.error or '-'))}", ""]
        multi = len(r.apps) > 1
        for app in r.apps:
            if multi:
                lines += [
                    f"### {t('report.app')}: {inline(app.name)} ({code(app.path)}, {inline(', '.join(app.stacks) or '-')})",
                    "",
                ]
            lines.append(f"| {t('report.factor')} | {t('report.status')} | {t('report.justification')} |")
            lines.append("|-------|--------|---------------|")
            for v in app.verdicts:
                label = f"{FACTORS[v.factor - 1].roman}. {t(f'factor.name.{v.factor}')}"
                lines.append(f"| {cell(label)} | {cell(_status_text(catalog, v.status))} | {cell(v.justification)} |")
            counts = _summary([v.status for v in app.verdicts])
            lines += ["", f"**{t('report.summary')}:** {t('report.summary_line', **counts)}.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render(results: Sequence[Result], fmt: str, catalog: Catalog, *, database: str, tool_version: str) -> str:
    if fmt == "csv":
        return to_csv(results, catalog)
    if fmt == "json":
        return to_json(results, catalog, database=database, tool_version=tool_version)
    return to_markdown(results, catalog, database=database, tool_version=tool_version)


__all__ = ["CSV_COLUMNS", "FORMATS", "SCHEMA", "SYMBOLS", "document", "render", "to_csv", "to_json", "to_markdown"]
