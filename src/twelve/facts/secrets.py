"""Secret detection and redaction: our own regular expressions with placeholder, entropy and
key-versus-value guards (detect-secrets is ~30x slower and missed planted secrets, see
reference/dependencies.md §2).

Every excerpt that leaves the facts stage goes through :func:`redact`, so no report format can
print a detected secret in full.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import math
import re
from dataclasses import dataclass

from twelve.facts.keywords import trie_regex

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

#: substrings a key format cannot match without (a format missing here is always searched)
_KEY_NEEDLES: dict[str, tuple[str, ...]] = {
    "aws_access_key_id": ("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA"), "github_token": ("gh", "github_pat_"),
    "gitlab_token": ("glpat-",), "slack_token": ("xox",), "stripe_live_key": ("_live_",), "google_api_key": ("AIza",),
    "sendgrid_key": ("SG.",), "npm_token": ("npm_",), "openai_key": ("sk-",), "private_key": ("-----BEGIN ",),
}
#: lower-case substrings one of which every secret word contains
_WORD_NEEDLES = ("pass", "pwd", "secret", "token", "key", "credential")
#: the word a secret's name ends with (DB_PASSWORD, aws_secret_access_key, api-token)
_SECRET_WORD = (
    r"(?:password|passwd|pwd|secret(?:[_-]?(?:access[_-]?)?key(?:[_-]?base)?)?|token|api[_-]?key|apikey|private[_-]?key"
    r"|client[_-]?secret|access[_-]?key|auth[_-]?key|credentials?|signing[_-]?key|encryption[_-]?key)"
)
#: <secret word> = "value" / : value / =value / ['<secret word>'] = "value" (env files, YAML, code,
#: properties, dictionaries such as Flask's app.config). The rest of the
#: name (DB_, my.app.) is found by scanning back from the word: a lazy `[\w.-]*?` prefix in the
#: pattern itself made the search cubic on long `a-a-a-...` lines.
_ASSIGNMENT = re.compile(
    r"""(?P<word>""" + _SECRET_WORD + r""")["']?\]?\s*(?::=|=>|=(?!=)|:)\s*"""
    r"""(?:(?P<q>["'`])(?P<qvalue>[^"'`\n]{4,256})(?P=q)|(?P<uvalue>[^\s"'`,;#)}\]]{4,256}))""",
    re.IGNORECASE,
)
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_NAME_MAX = 128
#: a line with more hits than this is not scanned further; :func:`redact` then hides its rest
MAX_HITS_PER_LINE = 1_000
#: scheme://user:password@host
_URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]{1,20}://(?P<user>[^\s/:@'\"]{0,64}):(?P<value>[^\s@'\"/]{1,128})@[^\s'\"]+", re.IGNORECASE)
#: Go's MySQL DSN: user:password@tcp(host:port)/db
_DSN_CREDENTIALS = re.compile(r"(?P<user>[\w.-]{1,64}):(?P<value>[^\s@'\"/:]{1,128})@(?:tcp|unix|udp)\(")
#: version ranges and tags are never secrets ("jsonwebtoken": "^9.0.2", token: 1.2.3)
_VERSION = re.compile(r"^[\^~<>=!v]*\d+(?:\.[\w*+-]+)+(?:\s*(?:,|\|\||-)?\s*[\^~<>=!]*\d+(?:\.[\w*+-]+)*)*$")

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
    if _VERSION.match(v):
        return None
    low = v.lower()
    if name and re.sub(r"[\W_]", "", low) == re.sub(r"[\W_]", "", name.lower()):
        return None  # a label that spells its own key (RESET_PASSWORD: "resetPassword")
    if low in _TRIVIAL:
        return "trivial"
    if re.fullmatch(r"[a-z]+(?:[_-][a-z]+)*", v) and len(v) < 24:
        # a lower-case word or identifier ("password1_field", "my-app"): only trivial at most
        return "trivial"
    if len(v) < 6:
        return "trivial"
    if len(v) < 12 and entropy(v) < 2.5:
        return "trivial"
    return "secret"


class _Spans:
    """Non-overlapping spans taken so far, sorted: O(log n) overlap checks on long lines."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.starts, a)
        if i > 0 and self.ends[i - 1] > a:
            return False
        return not (i < len(self.starts) and self.starts[i] < b)

    def take(self, a: int, b: int) -> None:
        i = bisect.bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def _name_before(line: str, end: int, word_start: int) -> str:
    """The variable name that ends with the secret word at *word_start*..*end*."""
    start = word_start
    while start > 0 and word_start - start < _NAME_MAX and line[start - 1] in _NAME_CHARS:
        start -= 1
    while start < word_start and line[start] in ".-":
        start += 1
    return line[start:end]


def key_formats_in(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The key formats whose needles occur somewhere in *text* (those that can match a line of it)."""
    return tuple((kind, pattern) for kind, pattern in _KEY_FORMATS
                 if not _KEY_NEEDLES.get(kind) or any(n in text for n in _KEY_NEEDLES[kind]))


def _scan(line: str, code: bool,
          formats: tuple[tuple[str, re.Pattern[str]], ...] | None = None) -> tuple[list[SecretHit], bool]:
    """The hits of *line*, and whether the scan covered the whole line (see MAX_HITS_PER_LINE).
    *formats*: the key formats worth trying (those whose needles occur in the line's file)."""
    hits: list[SecretHit] = []
    taken = _Spans()

    def add(hit: SecretHit) -> bool:
        taken.take(hit.start, hit.end)
        hits.append(hit)
        return len(hits) < MAX_HITS_PER_LINE

    for kind, pattern in _KEY_FORMATS if formats is None else formats:
        needles = _KEY_NEEDLES.get(kind)
        if needles and not any(n in line for n in needles):  # ~100x cheaper than a regex pass
            continue
        for m in pattern.finditer(line):
            a, b = m.span(1)
            if taken.free(a, b) and not add(SecretHit(kind, "", a, b, "secret", mask(m.group(1)))):
                return sorted(hits, key=lambda h: h.start), False
    for m in (_URL_CREDENTIALS.finditer(line) if "://" in line else ()):
        a, b = m.span("value")
        value = m.group("value")
        grade = grade_value("password", value)
        if grade and taken.free(a, b) and not add(SecretHit("url_credentials", m.group("user"), a, b, grade, mask(value))):
            return sorted(hits, key=lambda h: h.start), False
    for m in (_DSN_CREDENTIALS.finditer(line) if "@tcp(" in line or "@unix(" in line or "@udp(" in line else ()):
        a, b = m.span("value")
        value = m.group("value")
        grade = grade_value("password", value)
        if grade and taken.free(a, b) and not add(SecretHit("url_credentials", m.group("user"), a, b, grade, mask(value))):
            return sorted(hits, key=lambda h: h.start), False
    low = line.lower()
    for m in (_ASSIGNMENT.finditer(line) if any(n in low for n in _WORD_NEEDLES) else ()):
        group = "qvalue" if m.group("qvalue") is not None else "uvalue"
        if code and group == "uvalue" and not _inside_string(line, m.start("word")):
            continue  # an expression in code; but `password=x` inside a quoted DSN is a literal
        a, b = m.span(group)
        value = m.group(group)
        name = _name_before(line, m.end("word"), m.start("word"))
        grade = grade_value(name.rsplit(".", 1)[-1], value)
        if grade and taken.free(a, b) and not add(SecretHit("assignment", name, a, b, grade, mask(value))):
            return sorted(hits, key=lambda h: h.start), False
    hits.sort(key=lambda h: h.start)
    return hits, True


def _inside_string(line: str, position: int) -> bool:
    """Whether *position* falls inside a quoted string literal of a code line (counting quotes)."""
    before = line[:position]
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1 or before.count("`") % 2 == 1


def scan_line(line: str, code: bool = False,
              formats: tuple[tuple[str, re.Pattern[str]], ...] | None = None) -> list[SecretHit]:
    """Every secret-looking value on one line, non-overlapping, leftmost first.

    In source code (*code*), an unquoted value is an expression (a variable, a call), never a
    literal: only quoted values, URL credentials and known key formats count there. *formats*
    (see :func:`key_formats_in`) narrows the key formats tried, for the lines of one file."""
    return _scan(line, code, formats)[0]


def redact(line: str, code: bool = False) -> str:
    """*line* with every secret-looking value replaced by its masked form."""
    if len(line) > 4096:  # facts quote their whole line: a long minified line is redacted once
        return _redact_long(line, code)
    return _redact(line, code)


@functools.lru_cache(maxsize=16)
def _redact_long(line: str, code: bool) -> str:
    return _redact(line, code)


def _redact(line: str, code: bool) -> str:
    hits, complete = _scan(line, code)
    if not hits:
        return line
    out: list[str] = []
    pos = 0
    for hit in hits:
        out.append(line[pos:hit.start])
        out.append(hit.redacted)
        pos = hit.end
    if not complete:  # too many secrets to list: hide everything after the first one
        return line[:hits[0].start] + hits[0].redacted + "…"
    out.append(line[pos:])
    return "".join(out)


#: cheap prefilter: a file without any of these substrings cannot hold a hit
PREFILTER = re.compile(
    r"(?i)password|passwd|pwd|secret|token|api[_-]?key|apikey|private|credential|access[_-]?key|auth[_-]?key"
    r"|signing|encryption|://[^/\s:@]{0,64}:[^/\s@]{1,128}@|@tcp\(|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[baprs]-|_live_|AIza|SG\.|npm_|sk-"
)


#: file kinds whose text is program source (unquoted values there are expressions)
CODE_KINDS = frozenset({"python", "javascript", "typescript", "go", "java", "kotlin", "ruby", "php", "csharp", "rust"})

#: lower-case substrings, one of which every secret pattern needs: a C-speed test before any regex
_KEYWORDS = ("pass", "pwd", "secret", "token", "key", "private", "credential", "signing", "encryption", "://",
             "akia", "asia", "agpa", "aida", "aroa", "anpa", "gh", "github_pat", "glpat", "xox", "_live_", "aiza", "sg.",
             "npm_", "sk-")
KEYWORD_RE = re.compile(trie_regex(_KEYWORDS))
