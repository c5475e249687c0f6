"""Waivers: a finding the team has decided to accept stays in every report, marked waived with
its reason, and stops counting towards its factor's verdict (``Finding.counts``).

Two sources:

* the configuration (``waivers = [{rule, path?, reason, expires?}]``): a waiver covers a finding
  of its rule when it names no path, or when *every* location of the finding matches its
  .gitignore-style glob (a glob written far from the code never hides evidence it was not
  written for); after its ``expires`` date it no longer applies and a notice says so;
* inline comments (``# twelve: ignore[F03-S2] reason``, ``// …``, ``<!-- … -->``; facts of
  kind ``waiver.inline``): a comment covers a finding of a rule it names when one of the
  finding's locations is the line it covers. A comment without a reason, or naming an unknown
  rule, waives nothing and a notice says so.

Waivers that match nothing are reported too (like ruff's unused ``noqa``), so they do not pile up.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from twelve.config import WaiverRule
from twelve.facts.base import Fact
from twelve.facts.inline import KIND as INLINE_KIND
from twelve.model import Finding, Message, Scope, Waiver
from twelve.rules.ids import canonical

#: inline comments in these scopes often *show* the syntax (docs, examples, test data): they
#: still waive what they cover, but one that cannot apply or matches nothing is not worth a notice
_QUIET_SCOPES = frozenset({Scope.DOCS, Scope.EXAMPLE, Scope.TEST})


@dataclass(frozen=True, slots=True)
class InlineWaiver:
    path: str
    line: int
    covers: int | None
    rules: tuple[str, ...]
    reason: str
    scope: Scope

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(slots=True)
class WaiverBook:
    """The waivers of one assessment and what became of each (shared by all its apps)."""

    config: tuple[WaiverRule, ...]
    inline: tuple[InlineWaiver, ...]
    config_file: str | None
    today: _dt.date
    known_rules: frozenset[str]
    ran_rules: frozenset[str]
    notices: list[Message] = field(default_factory=list)
    _used_config: set[int] = field(default_factory=set)
    _used_inline: set[int] = field(default_factory=set)
    _specs: dict[str, object] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        config: Iterable[WaiverRule],
        facts: Iterable[Fact],
        *,
        config_file: str | None,
        today: _dt.date,
        known_rules: Iterable[str],
        ran_rules: Iterable[str],
    ) -> WaiverBook:
        known = frozenset(known_rules)
        book = cls(tuple(config), (), config_file, today, known, frozenset(ran_rules))
        inline: list[InlineWaiver] = []
        for fact in facts:
            if fact.kind != INLINE_KIND:
                continue
            where = f"{fact.path}:{fact.line}"
            rules = tuple(fact.get("rules") or ())
            reason = str(fact.get("reason") or "").strip()
            tell = book.notices.append if fact.scope not in _QUIET_SCOPES else (lambda _message: None)
            if not rules:
                tell(Message.of("notice.inline_no_rule", where=where))
                continue
            if not reason:
                tell(Message.of("notice.inline_no_reason", where=where, rules=", ".join(rules)))
                continue
            # ids are written as in the catalogue, in any case, current or replaced (twelve.rules.ids)
            resolved = {r: canonical(r) for r in rules}
            unknown = [r for r, found in resolved.items() if found is None or found not in known]
            if unknown:
                tell(Message.of("notice.inline_unknown_rule", where=where, rules=", ".join(unknown)))
            valid = tuple(found for found in resolved.values() if found is not None and found in known)
            if valid:
                inline.append(InlineWaiver(fact.path, fact.line or 0, fact.get("covers"), valid, reason, fact.scope))
        book.inline = tuple(inline)
        for rule in book.config:
            if rule.expired(today):
                book.notices.append(
                    Message.of(
                        "notice.waiver_expired",
                        rule=rule.rule,
                        entry=rule.key,
                        file=config_file or "",
                        expires=rule.expires.isoformat() if rule.expires else "",
                    )
                )
        return book

    # -- matching ----------------------------------------------------------------------------------

    def _matches_path(self, glob: str, path: str) -> bool:
        import pathspec

        spec = self._specs.get(glob)
        if spec is None:
            spec = self._specs[glob] = pathspec.GitIgnoreSpec.from_lines([glob])
        return spec.match_file(path)  # type: ignore[attr-defined]

    def _config_waiver(self, finding: Finding) -> Waiver | None:
        for index, rule in enumerate(self.config):
            if rule.rule != finding.rule or rule.expired(self.today):
                continue
            if rule.path is not None and not (
                finding.locations and all(self._matches_path(rule.path, loc.path) for loc in finding.locations)
            ):
                continue
            self._used_config.add(index)
            return Waiver(
                rule.reason, "config", rule.expires.isoformat() if rule.expires else None, origin=self.config_file or ""
            )
        return None

    def _inline_waiver(self, finding: Finding) -> Waiver | None:
        lines = {(loc.path, loc.line) for loc in finding.locations if loc.line}
        for index, waiver in enumerate(self.inline):
            if finding.rule in waiver.rules and (waiver.path, waiver.covers) in lines:
                self._used_inline.add(index)
                return Waiver(waiver.reason, "inline", None, origin=waiver.where)
        return None

    def apply(self, finding: Finding) -> Finding:
        """*finding*, marked waived when a waiver covers it (inline comments first: they sit
        next to the evidence)."""
        if finding.waiver is not None:
            return finding
        waiver = self._inline_waiver(finding) or self._config_waiver(finding)
        return finding if waiver is None else dataclasses.replace(finding, waiver=waiver)

    def apply_all(self, findings: Iterable[Finding]) -> list[Finding]:
        if not self.config and not self.inline:
            return list(findings)
        return [self.apply(f) for f in findings]

    # -- what to tell the user ---------------------------------------------------------------------

    def all_notices(self) -> tuple[Message, ...]:
        out = list(self.notices)
        for index, rule in enumerate(self.config):
            if index not in self._used_config and not rule.expired(self.today) and rule.rule in self.ran_rules:
                out.append(
                    Message.of("notice.waiver_unused", rule=rule.rule, entry=rule.key, file=self.config_file or "")
                )
        for index, waiver in enumerate(self.inline):
            if index in self._used_inline or waiver.scope in _QUIET_SCOPES:
                continue
            if any(r in self.ran_rules for r in waiver.rules):
                out.append(Message.of("notice.inline_unused", where=waiver.where, rules=", ".join(waiver.rules)))
        return tuple(out)
