"""Secrets the code generates at random when a process starts (`state.random_secret`).

A signing or encryption key that each process draws from a random generator (`SECRET_KEY =
os.urandom(24)`, `secret: crypto.randomBytes(32)`, `process.env.JWT_SECRET ||
crypto.randomBytes(...)`, Go's `if len(key) == 0 { rand.Read(key) }`, Ruby's `set
:session_secret, SecureRandom.hex(64)`) differs from one process to the next and from one start to
the next: cookies, tokens and signed URLs made by one process are rejected by another. Read line
by line, for Python, JavaScript/TypeScript, Go and Ruby; the secret must be named as one (secret,
a signing, private, session, cookie, JWT, encryption, HMAC or master key) and be the app's
setting, not a value a function makes for one user (`token = secrets.token_urlsafe()` in a
handler is not one).
"""

from __future__ import annotations

import re

from twelve.facts.base import Source
from twelve.facts.code import AnyGate, CaselessWordsGate, WordsGate
from twelve.facts.model import Fact

#: what a per-app secret is called (`SECRET_KEY`, `session_secret`, `jwtSecret`, `MEDIA_PROXY_PRIVATE_KEY`)
_NAME = re.compile(
    r"(?i)[\w$]*(secret|(private|signing|session|cookie|jwt|encryption|crypt|hmac|master)[_-]?key)[\w$]*"
)
#: the core of a name (what `_NAME` must hold), searched first: `_NAME`'s leading `[\w$]*` makes it
#: try every position of a text (a whole file takes seconds); its match starts where the run of
#: name characters before the first core does
_NAME_CORE = re.compile(r"(?i)secret|(private|signing|session|cookie|jwt|encryption|crypt|hmac|master)[_-]?key")
#: is there a name at all in a file (the truth of `_NAME.search`, on lowered text when it is ASCII)
_NAME_GATE = AnyGate(
    CaselessWordsGate(("secret",), ""),
    CaselessWordsGate(
        ("private", "signing", "session", "cookie", "jwt", "encryption", "crypt", "hmac", "master"), "[_-]?key"
    ),
)
_NAME_CHARS = re.compile(r"[\w$]")
#: random generators, by language
_RANDOM = {
    "python": re.compile(
        r"\b(os\.urandom|(secrets\.)?token_(hex|bytes|urlsafe)|get_random_secret_key|Fernet\.generate_key|"
        r"get_random_string|uuid\.uuid4|uuid4)\s*\("
    ),
    "javascript": re.compile(r"\b((crypto\.)?(randomBytes|randomUUID)|getRandomValues|uuid(v4)?|nanoid)\s*\("),
    "go": re.compile(r"\b(rand\.Read|(securecookie\.)?GenerateRandomKey|rand\.Text)\s*\("),
    "ruby": re.compile(r"\bSecureRandom\.(hex|base64|urlsafe_base64|random_bytes|uuid|alphanumeric)\b"),
}
#: whether a text holds a generator's call (the truth of `_RANDOM[family].search`): its words
#: found in one pass, the boundary before each and what follows tested there (the regexes'
#: leading `\b` and alternation read a whole file at regex speed)
_RANDOM_GATE = {
    "python": WordsGate(
        (
            "os.urandom",
            "token_hex",
            "token_bytes",
            "token_urlsafe",
            "get_random_secret_key",
            "Fernet.generate_key",
            "get_random_string",
            "uuid.uuid4",
            "uuid4",
        ),
        r"\s*\(",
        word_start=True,
    ),
    "javascript": WordsGate(
        ("randomBytes", "randomUUID", "getRandomValues", "uuid", "uuidv4", "nanoid"), r"\s*\(", word_start=True
    ),
    "go": WordsGate(("rand.Read", "GenerateRandomKey", "rand.Text"), r"\s*\(", word_start=True),
    "ruby": WordsGate(
        tuple(
            f"SecureRandom.{name}"
            for name in ("hex", "base64", "urlsafe_base64", "random_bytes", "uuid", "alphanumeric")
        ),
        r"\b",
        word_start=True,
    ),
}
#: the configured value is read on the same line: the random one is its fallback
_READS_CONFIG = re.compile(r"getenv|environ|process\.env|\bENV\b|os\.Getenv|LookupEnv|\.get\(|fetch\(", re.I)
#: a local variable of a function (`token = ...` indented, `const secret = ...` in a block): a
#: value made for one call, unless it reads the configured value first
_LOCAL = {
    "python": re.compile(r"^\s+[a-z_][a-z0-9_]*\s*(:\s*[\w\[\], ]+)?=[^=]"),
    "javascript": re.compile(r"^\s+((const|let|var)\s+)?[a-z_$][\w$]*\s*=[^=>]"),
    "go": re.compile(r"^\s+[a-z_]\w*\s*:?=[^=]"),
    "ruby": re.compile(r"^\s+[a-z_]\w*\s*=[^=~]"),
}
#: Go: an emptiness test of a key (`if len(opts["X_KEY"].value) == 0 {`, `if key == "" {`)
_GO_EMPTY = re.compile(r"^\s*if\s+(len\((?P<a>.+)\)\s*==\s*0|(?P<b>.+?)\s*==\s*(\"\"|nil))\s*\{\s*$")
#: a cookie store keyed by a random key at start (`sessions.NewCookieStore(securecookie.GenerateRandomKey(32))`)
_GO_STORE = re.compile(r"New(Cookie|Filesystem)Store\(")
#: Python and Ruby: an indented line that sets the app's own settings (`app.secret_key =`,
#: `app.config["SECRET_KEY"] =`, a config class's `SECRET_KEY =`, Sinatra's `set :session_secret`)
_APP_SETTING = re.compile(
    r"(app|application|flask_app|server|config|settings|self\.config|self\.app)\b[.\[]|[A-Z][A-Z0-9_]*\s*=|set\s+:|"
    r"config\."
)
#: JavaScript option keys that are the app's own secret (`secret:` of express-session, `jwtSecret`)
_APP_KEY = re.compile(r"(?i)^(secret|(session|jwt|cookie|signing|app|token)_?(secret|key))$")
#: substrings one of which every match of the family's generator holds: a C-speed test of a
#: whole file before the generator's regex (whose leading `\b` lets it skip nothing) runs on it
_RANDOM_NEEDLES = {
    "python": ("urandom", "token_", "get_random_s", "generate_key", "uuid4"),
    "javascript": ("randomBytes", "randomUUID", "getRandomValues", "uuid", "nanoid"),
    "go": ("rand.Read", "GenerateRandomKey", "rand.Text"),
    "ruby": ("SecureRandom.",),
}
_COMMENT = {"python": "#", "javascript": "//", "go": "//", "ruby": "#"}


def _name(text: str) -> str | None:
    """What `_NAME.search(text)` matches: it starts where the run of name characters ending at
    the first core begins (no match can start before), so it is searched from there."""
    core = _NAME_CORE.search(text)
    if core is None:
        return None
    start = core.start()
    while start > 0 and _NAME_CHARS.match(text, start - 1):
        start -= 1
    match = _NAME.search(text, start)
    return match.group(0) if match else None


def random_secrets(source: Source, lang: str) -> list[Fact]:
    """The `state.random_secret` facts of one source file in *lang* (python, javascript, go, ruby;
    typescript reads as javascript)."""
    family = "javascript" if lang == "typescript" else lang
    generator = _RANDOM.get(family)
    text = source.text
    if (
        generator is None
        or not any(needle in text for needle in _RANDOM_NEEDLES[family])
        or not _RANDOM_GATE[family].search(text)
        or not (_NAME_GATE.search(text) or (family == "go" and _GO_STORE.search(text)))
    ):
        return []
    lines = source.lines
    facts: list[Fact] = []
    seen: set[int] = set()
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped or stripped.startswith(_COMMENT[family]):
            continue
        if family == "go":
            empty = _GO_EMPTY.match(line)
            if empty and _name(empty.group("a") or empty.group("b") or ""):
                indent = len(line) - len(stripped)
                for offset, inner in enumerate(lines[index + 1 : index + 7], start=index + 2):
                    if inner.strip() == "}" and len(inner) - len(inner.lstrip()) <= indent:
                        break
                    found = generator.search(inner)
                    if found and offset not in seen:
                        seen.add(offset)
                        facts.append(
                            source.fact(
                                "state.random_secret",
                                offset,
                                name=_name(empty.group("a") or empty.group("b")),
                                api=found.group(0).rstrip("( "),
                                fallback=True,
                                lang=lang,
                            )
                        )
                        break
                continue
        found = generator.search(line)
        if found is None or index + 1 in seen:
            continue
        before = line[: found.start()]
        name = _name(before)
        if family == "go" and name is None and _GO_STORE.search(before):
            name = "cookie store key"
        if name is None or not re.search(r"[:=,(]", before[before.find(name) :]):
            continue
        fallback = bool(_READS_CONFIG.search(before))
        if family in ("python", "ruby") and line[:1].isspace() and not fallback and not _APP_SETTING.match(stripped):
            continue  # inside a function or block, on something that is not the app's settings (`user.secret = ...`)
        if line[:1].isspace() and not fallback:
            # inside a function or block: a value made for one call or one object (`secret := rand.Text()`,
            # `user.apiSecret = randomBytes(16)`), unless it is the app's own key (an upper-case constant,
            # a session or JWT secret of JavaScript options, a cookie store of Go)
            if (
                _LOCAL[family].match(line)
                or (family == "go" and not _GO_STORE.search(before))
                or (family == "javascript" and not (name.isupper() or _APP_KEY.match(name)))
            ):
                continue
        seen.add(index + 1)
        facts.append(
            source.fact(
                "state.random_secret",
                index + 1,
                name=name,
                api=found.group(0).rstrip("( "),
                fallback=fallback,
                lang=lang,
            )
        )
    return facts


__all__ = ["random_secrets"]
