"""``twelve history REPO``: what every scan found for one repository, and what changed."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from typing import Any

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.portfolio.export import SYMBOLS
from twelve.portfolio.store import HistoryEntry


def _when(value: _dt.datetime | None) -> str:
    return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M") if value else "-"


def changes(entries: Sequence[HistoryEntry]) -> list[tuple[HistoryEntry, int, str, str]]:
    """(entry, factor, before, after) for every status that changed from one result to the next."""
    out = []
    previous: tuple[str, ...] | None = None
    for entry in entries:
        if entry.statuses is None:
            continue
        if previous is not None:
            for number, (before, after) in enumerate(zip(previous, entry.statuses), start=1):
                if before != after:
                    out.append((entry, number, before, after))
        previous = entry.statuses
    return out


def to_text(location: str, entries: Sequence[HistoryEntry], catalog: Catalog) -> str:
    t = catalog.text
    romans = [f.roman for f in FACTORS]
    header = [t("history.scan"), t("history.date"), t("history.commit"), t("history.outcome")] + romans
    rows = []
    for e in entries:
        cells = [
            str(e.scan.id),
            _when(e.scan.finished_at or e.scan.started_at),
            (e.commit or "-")[:12],
            t(f"history.outcome_{e.outcome}"),
        ]
        cells += [SYMBOLS.get(s, "?") for s in e.statuses] if e.statuses else [""] * 12
        rows.append(cells)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = [t("history.title", location=location, count=len(entries)), ""]
    for r in [header, *rows]:
        # the status symbols are two columns wide, the roman numerals up to four
        statuses = (
            " ".join(c.ljust(4) for c in r[4:]) if r is header else " ".join(f"{c}  " if c else "    " for c in r[4:])
        )
        lines.append(("  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + statuses).rstrip())
    failures = [e for e in entries if e.outcome == "failed"]
    for e in failures:
        lines.append(t("history.failed", scan=e.scan.id, error=e.error or "-"))
    found = changes(entries)
    lines += ["", t("history.changes") + ":" if found else t("history.no_changes")]
    for entry, number, before, after in found:
        lines.append(
            "  "
            + t(
                "history.change",
                scan=entry.scan.id,
                date=_when(entry.scan.finished_at or entry.scan.started_at),
                factor=f"{FACTORS[number - 1].roman}. {t(f'factor.name.{number}')}",
                before=t(f"status.{before}"),
                after=t(f"status.{after}"),
            )
        )
    lines.append("")
    lines.append(t("history.legend") + ": " + " · ".join(f"{SYMBOLS[k]} {t(f'status.{k}')}" for k in SYMBOLS))
    return "\n".join(lines) + "\n"


def to_json(location: str, entries: Sequence[HistoryEntry]) -> str:
    data: dict[str, Any] = {
        "location": location,
        "scans": [
            {
                "scan": e.scan.id,
                "finished_at": _when(e.scan.finished_at),
                "tool_version": e.scan.tool_version,
                "outcome": e.outcome,
                "commit": e.commit,
                "error": e.error,
                "statuses": dict(zip((f.roman for f in FACTORS), e.statuses)) if e.statuses else None,
            }
            for e in entries
        ],
        "changes": [
            {"scan": e.scan.id, "factor": FACTORS[n - 1].roman, "before": b, "after": a}
            for e, n, b, a in changes(entries)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


__all__ = ["changes", "to_json", "to_text"]
