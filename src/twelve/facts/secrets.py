"""Secret detection and redaction: our own regular expressions with placeholder, entropy and
key-versus-value guards (detect-secrets is ~30x slower and missed planted secrets, see
reference/dependencies.md §2).

Every excerpt that leaves the facts stage goes through :func:`redact`, so no report format can
print a detected secret in full.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

#: Key formats that are secrets whatever name they are assigned to.
_KEY_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aws_access_key_id", re.compile(r"\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16})\b")),
    ("github_token", re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b")),
    ("gitlab_token", re.compile(r"\b(glpat-[A-Za-z0-9_-]{20,})\b")),
    ("slack_token", re.compile(r"\b(xox[baprs]-[A-Za-z0-9-]{10,})\b")),
    ("stripe_live_key", re.compile(r"\b((?:sk|rk)_live_[0-9A-Za-z]{16,})\b")),
    ("google_api_key", re.compile(r"\b(AIza[0-9A-Za-z_-]{35})\b")),
    ("sendgrid_key", re.compile(r"\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})\b")),
    ("npm_token", re.compile(r"\b(npm_[A-Za-z0-9]{36})\b")),
    ("openai_key", re.compile(r"\b(sk-(?:proj-)?[A-Za-z0-9_-]{32,})\b")),
    ("private_key", re.compile(r"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)")),
)

_SECRET_NAME = (
    r"(?:[A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret(?:[_-]?(?:access[_-]?)?key)?|token|api[_-]?key|apikey|private[_-]?key"
    r"|client[_-]?secret|access[_-]?key|auth[_-]?key|credentials?|signing[_-]?key|encryption[_-]?key))"
)
#: name = "value" / name: value / name=value (env files, YAML, code, properties)
_ASSIGNMENT = re.compile(
    r"""(?P<name>\b""" + _SECRET_NAME + r""")["']?\s*(?::=|=>|=(?!=)|:)\s*"""
    r"""(?:(?P<q>["'`])(?P<qvalue>[^"'`\n]{4,256})(?P=q)|(?P<uvalue>[^\s"'`,;#)}\]]{4,256}))""",
    re.IGNORECASE,
)
#: scheme://user:password@host
_URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]{1,20}://(?P<user>[^\s/:@'\"]{1,64}):(?P<value>[^\s@'\"/]{1,128})@[^\s'\"]+", re.IGNORECASE)

_PLACEHOLDER = re.compile(
    r"""^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-=?][^}]*)?\}?|\{\{.*\}\}|<[^>]*>|%\([^)]*\)s|%[sd]|\*+|x+|\.\.\.|
        changeme|change[_-]?me|change[_-]?this|replace[_-]?me|todo|tbd|fixme|null|none|nil|undefined|empty|
        your[_-].*|my[_-]?(?:secret|password|token|key)|example.*|sample.*|dummy.*|fake.*|test.*|placeholder.*|
        redacted|xxx+.*|not[_-]?set|unset|required|env|\[?redacted\]?|true|false)$""",
    re.IGNORECASE | re.VERBOSE,
)
_TRIVIAL = frozenset({"password", "postgres", "root", "admin", "pass", "user", "secret", "123456", "12345678",
                      "qwerty", "guest", "mysql", "redis", "dev", "development", "local", "docker", "app",
                      "toor", "letmein", "default", "test", "example", "demo"})
#: values that reference code or variables rather than holding a literal
_REFERENCE = re.compile(
    r"^(?:os\.|process\.env|ENV\[|ENV\.fetch|System\.getenv|getenv|env\(|environ|settings\.|config\.|self\.|this\.|"
    r"request\.|params|args\.|kwargs|[A-Za-z_][A-Za-z0-9_]*\(|[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_.]*$|\$)"
)


@dataclass(frozen=True, slots=True)
class SecretHit:
    kind: str  # a key format name, "assignment" or "url_credentials"
    name: str  # the variable/key name when there is one
    start: int  # span of the value within the line
    end: int
    grade: str  # "secret" (a real-looking credential) or "trivial" (postgres/postgres-like)
    redacted: str


def entropy(value: str) -> float:
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    total = len(value)
    return -sum(c / total * math.log2(c / total) for c in counts.values())


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:8]


def mask(value: str) -> str:
    """The printable form of a secret: its first 4 characters, its length and a short hash."""
    head = value[:4] if len(value) > 8 else value[:2]
    return f"{head}…[{len(value)} chars, #{fingerprint(value)}]"


def is_placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.match(value.strip()))


def grade_value(name: str, value: str) -> str | None:
    """'secret', 'trivial' or None (placeholder/reference: not a secret at all)."""
    v = value.strip().strip("\"'`")
    if not v or is_placeholder(v) or _REFERENCE.match(v):
        return None
    low = v.lower()
    if low in _TRIVIAL or (name and low == name.lower()):
        return "trivial"
    if re.fullmatch(r"[a-z]+(?:[_-][a-z]+)*", v) and len(v) < 24:
        # a lower-case word or identifier ("password1_field", "my-app"): only trivial at most
        return "trivial"
    if len(v) < 6:
        return "trivial"
    if len(v) < 12 and entropy(v) < 2.5:
        return "trivial"
    return "secret"


def scan_line(line: str, code: bool = False) -> list[SecretHit]:
    """Every secret-looking value on one line, non-overlapping, leftmost first.

    In source code (*code*), an unquoted value is an expression (a variable, a call), never a
    literal: only quoted values, URL credentials and known key formats count there."""
    hits: list[SecretHit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for kind, pattern in _KEY_FORMATS:
        for m in pattern.finditer(line):
            a, b = m.span(1)
            if free(a, b):
                taken.append((a, b))
                hits.append(SecretHit(kind, "", a, b, "secret", mask(m.group(1))))
    for m in _URL_CREDENTIALS.finditer(line):
        a, b = m.span("value")
        value = m.group("value")
        grade = grade_value("password", value)
        if grade and free(a, b):
            taken.append((a, b))
            hits.append(SecretHit("url_credentials", m.group("user"), a, b, grade, mask(value)))
    for m in _ASSIGNMENT.finditer(line):
        group = "qvalue" if m.group("qvalue") is not None else "uvalue"
        if code and group == "uvalue":
            continue
        a, b = m.span(group)
        value = m.group(group)
        name = m.group("name")
        grade = grade_value(name.rsplit(".", 1)[-1], value)
        if grade and free(a, b):
            taken.append((a, b))
            hits.append(SecretHit("assignment", name, a, b, grade, mask(value)))
    hits.sort(key=lambda h: h.start)
    return hits


def redact(line: str, code: bool = False) -> str:
    """*line* with every secret-looking value replaced by its masked form."""
    hits = scan_line(line, code)
    if not hits:
        return line
    out: list[str] = []
    pos = 0
    for hit in hits:
        out.append(line[pos:hit.start])
        out.append(hit.redacted)
        pos = hit.end
    out.append(line[pos:])
    return "".join(out)


#: cheap prefilter: a file without any of these substrings cannot hold a hit
PREFILTER = re.compile(
    r"(?i)password|passwd|pwd|secret|token|api[_-]?key|apikey|private|credential|access[_-]?key|auth[_-]?key"
    r"|signing|encryption|://[^/\s]*:[^/\s]*@|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[baprs]-|_live_|AIza|SG\.|npm_|sk-"
)


#: file kinds whose text is program source (unquoted values there are expressions)
CODE_KINDS = frozenset({"python", "javascript", "typescript", "go", "java", "kotlin", "ruby", "php", "csharp", "rust"})
