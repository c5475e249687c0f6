"""Connection-string passwords in the excerpts of code facts (Go, Ruby): the shared redaction
reads only quoted assignments in code, so `"host=db password=s3cret"`, a URL's `user:pass@`
or a MySQL `user:pass@tcp(...)` inside a string would otherwise reach a report. Each reader
masks them in its facts' excerpts, and only when its file may hold one."""

from __future__ import annotations

import re

from twelve.facts.base import Fact
from twelve.facts.code import caseless
from twelve.facts.secrets import grade_value, mask

_EXCERPT_SECRETS = (
    re.compile(r"(?i)\b(?:password|passwd|pwd)\s*=\s*'?([^\s'\"`;]+)"),  # libpq key=value DSN
    re.compile(r"[a-z][a-z0-9+.-]*://[^/@\s:'\"`]*:([^@\s'\"`]+)@", re.I),  # URL, also with an empty user
    re.compile(r"[\"'`][\w.-]+:([^@\s'\"`]+)@(?:tcp|unix)\("),  # go-sql-driver/mysql DSN
)


def may_hold_password(text: str) -> bool:
    """``re.search(r"(?i)passw|pwd|@", text)`` in C-speed substring tests (that regex has no
    literal to look for, and reads a whole file at a few MB/s)."""
    if "@" in text:
        return True
    lower = caseless(text)
    return "passw" in lower or "pwd" in lower


def scrub(text: str) -> str:
    """*text* with connection-string passwords masked."""
    if "://" not in text and "@tcp(" not in text and "@unix(" not in text:
        lower = caseless(text)
        if "passw" not in lower and "pwd" not in lower:
            return text  # what each pattern needs is absent: a password word, a URL, a MySQL address
    for pattern in _EXCERPT_SECRETS:
        for match in reversed(list(pattern.finditer(text))):
            value = match.group(1)
            if "…[" in value or grade_value("password", value) != "secret":
                continue
            text = text[: match.start(1)] + mask(value) + text[match.end(1) :]
    return text


def scrubbed(facts: list[Fact], text: str) -> list[Fact]:
    """*facts* of a file whose text is *text*, each with its excerpt scrubbed (the same objects
    when the file cannot hold a password, or an excerpt needs no change)."""
    if not may_hold_password(text):
        return facts
    out = []
    for fact in facts:
        cleaned = scrub(fact.excerpt)
        out.append(
            fact if cleaned == fact.excerpt else Fact(fact.kind, fact.path, fact.line, cleaned, fact.data, fact.scope)
        )
    return out


__all__ = ["may_hold_password", "scrub", "scrubbed"]
