"""``twelve waive``: write today's findings as configuration waivers, each with the reason given.

A team adopting twelve on an existing repository accepts what is there, in the open: every
finding that counts against a factor today becomes a ``[[waivers]]`` entry (rule, path, reason,
optional expiry) appended to ``.twelve.toml`` (or ``[[tool.twelve.waivers]]`` in the
``pyproject.toml`` that holds the configuration), where review sees it and an expiry brings it
back. The file is checked after the write; a file that cannot take the entries is left as it
was."""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections.abc import Iterable

from twelve.model import Assessment, Polarity


class WaiveError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def entries(assessment: Assessment) -> list[tuple[str, str]]:
    """(rule, path) of every finding that counts against a factor, once each, in report order."""
    seen: dict[tuple[str, str], None] = {}
    for app in assessment.apps:
        for verdict in app.verdicts:
            for finding in verdict.findings:
                if finding.polarity is not Polarity.AGAINST or not finding.counted:
                    continue
                path = finding.locations[0].path if finding.locations else ""
                seen.setdefault((finding.rule, "" if path == "." else path), None)
    return list(seen)


def toml_text(items: Iterable[tuple[str, str]], reason: str, expires: _dt.date | None, table: str) -> str:
    """The entries as TOML array-of-tables blocks (strings written as JSON strings, which TOML
    reads the same way)."""
    blocks = []
    for rule, path in items:
        lines = [f"[[{table}]]", f"rule = {json.dumps(rule)}"]
        if path:
            lines.append(f"path = {json.dumps(path, ensure_ascii=False)}")
        lines.append(f"reason = {json.dumps(reason, ensure_ascii=False)}")
        if expires is not None:
            lines.append(f"expires = {expires.isoformat()}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def write(config_path: str, text: str) -> None:
    """Append *text* to *config_path* (created if missing), keeping the file valid or unchanged."""
    from twelve.config import ConfigError, load

    if os.path.islink(config_path):
        raise WaiveError("symlink", path=config_path)
    before = None
    if os.path.exists(config_path):
        with open(config_path, encoding="utf-8") as handle:
            before = handle.read()
    joined = before or ""
    if joined and not joined.endswith("\n"):
        joined += "\n"
    joined += ("\n" if joined else "") + text
    with open(config_path, "w", encoding="utf-8") as handle:
        handle.write(joined)
    try:
        load(config_path, explicit=True)
    except ConfigError as error:
        if before is None:
            os.unlink(config_path)
        else:
            with open(config_path, "w", encoding="utf-8") as handle:
                handle.write(before)
        raise WaiveError("rejected", path=config_path, error=error) from None
