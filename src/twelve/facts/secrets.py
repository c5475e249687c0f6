"""Secret detection, grading and redaction: our own regular expressions with placeholder,
randomness and key-versus-value guards (detect-secrets is ~30x slower and missed planted secrets,
see reference/dependencies.md §2).

Three layers, each usable alone:

- :func:`scan_line` finds secret-looking values on one line (known key formats, URL passwords,
  `name = value` assignments of secret names in every syntax twelve reads, environment defaults,
  `Authorization` headers, command-line passwords), with each value's span and grade;
- :func:`grade_value` grades one value whatever its context: ``"secret"`` (real-looking),
  ``"trivial"`` (a throwaway local value: ``postgres``, ``password123``) or ``None`` (not a secret at
  all: a placeholder, a template variable, a reference, a UI label);
- :class:`FileSecrets` holds the secret values of one file and :func:`conceal` replaces every one
  of them, wherever it appears, in any string; :func:`conceal_value` does so in any nested value
  (dicts, lists, dataclasses), so that the facts of a file carry no detected secret whole in their
  excerpt or their data, whichever extractor made them.

Masked values keep their length, a short hash and, for long values only, their first characters:
``AKIA…[20 chars, #1f2e3d4c]``.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import collections
import contextlib
import contextvars
import dataclasses
import functools
import hashlib
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from twelve.facts.keywords import Needles, trie_regex

# --- known key formats ----------------------------------------------------------------------------

#: Key formats that are secrets whatever name they are assigned to: (kind, pattern with the
#: value in group 1, needles one of which the line must contain, in lower case).
_FORMATS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "aws_access_key_id",
        r"\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ABIA|ACCA)[0-9A-Z]{16})\b",
        ("akia", "asia", "agpa", "aida", "aroa", "anpa", "abia", "acca"),
    ),
    (
        "github_token",
        r"\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    ),
    (
        "gitlab_token",
        r"\b(gl(?:pat|dt|rt|ptt|ft|soat)-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])",
        ("glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glsoat-"),
    ),
    ("slack_token", r"\b(xox[abeprs]-[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])", ("xox",)),
    (
        "slack_webhook",
        r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,160})",
        ("hooks.slack.com",),
    ),
    (
        "stripe_key",
        r"\b((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,247})\b",
        ("sk_live_", "rk_live_", "sk_test_", "rk_test_"),
    ),
    ("google_api_key", r"\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])", ("aiza",)),
    ("google_oauth_secret", r"\b(GOCSPX-[0-9A-Za-z_-]{28})(?![0-9A-Za-z_-])", ("gocspx-",)),
    ("sendgrid_key", r"\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])", ("sg.",)),
    ("twilio_api_key", r"\b(SK[0-9a-fA-F]{32})\b", ("sk",)),
    ("npm_token", r"\b(npm_[A-Za-z0-9]{36})\b", ("npm_",)),
    ("pypi_token", r"\b(pypi-AgE[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])", ("pypi-",)),
    (
        "openai_key",
        r"\b(sk-(?:proj-|ant-(?:api|admin)\d\d-|svcacct-|admin-)?[A-Za-z0-9_-]{32,250})(?![A-Za-z0-9_-])",
        ("sk-",),
    ),
    ("huggingface_token", r"\b(hf_[A-Za-z0-9]{34,40})\b", ("hf_",)),
    ("digitalocean_token", r"\b(do[opr]_v1_[a-f0-9]{64})\b", ("_v1_",)),
    ("shopify_token", r"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b", ("shp",)),
    ("mailgun_key", r"\b(key-[0-9a-f]{32})\b", ("key-",)),
    ("telegram_bot_token", r"(?<![0-9A-Za-z])(\d{8,10}:AA[0-9A-Za-z_-]{33})(?![0-9A-Za-z_-])", (":aa",)),
    ("age_secret_key", r"\b(AGE-SECRET-KEY-1[0-9A-Z]{58})\b", ("age-secret-key-",)),
    # Azure connection strings: a storage account key (64 bytes) and a Service Bus / Event Hubs /
    # IoT Hub shared access key (32 bytes), base64 (`AccountKey=…;`, `SharedAccessKey=…`)
    ("azure_storage_key", r"(?i:\bAccountKey)\s*=\s*([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])", ("accountkey",)),
    (
        "azure_shared_access_key",
        r"(?i:\bSharedAccessKey)\s*=\s*([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])",
        ("sharedaccesskey",),
    ),
    (
        "jwt",
        r"\b(eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{10,4096})(?![A-Za-z0-9_-])",
        ("eyj",),
    ),
)
_KEY_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(p)) for kind, p, _n in _FORMATS)
_KEY_NEEDLES: dict[str, tuple[str, ...]] = {kind: needles for kind, _p, needles in _FORMATS}
#: one pass over a lower-case text finds the needles of the formats it may hold (formats with a
#: needle too short to search a whole text for are always tried: their lines are checked one by one)
_FORMAT_NEEDLE = re.compile(trie_regex({n for _k, _p, needles in _FORMATS for n in needles if len(n) >= 3}))
_ALWAYS_TRIED = frozenset(kind for kind, _p, needles in _FORMATS if any(len(n) < 3 for n in needles))

#: formats of test or sandbox keys: masked, never reported as secrets (the last one is the
#: storage emulator's published development key, Azurite's `devstoreaccount1`)
_TEST_KEY = re.compile(
    r"^(?:sk|rk)_test_|^(?:access|public|link)-sandbox-|^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2U"
)
#: a private key's armours (its body follows on the same line in one-line JSON/.env forms with
#: `\n` escapes, else on the next lines)
PRIVATE_KEY_BEGIN = re.compile(r"-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----|-----BEGIN PRIVATE KEY-----")
_PRIVATE_KEY_END = re.compile(r"-----END[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----|-----END PRIVATE KEY-----")
#: pieces of a private key's body (split on real and escaped line breaks and spaces)
_PEM_CHUNK = re.compile(r"[A-Za-z0-9+/=]{16,}")

#: kinds of hit that are credentials of a provider wherever they sit (a test file included)
PROVIDER_KINDS = frozenset(kind for kind, _p, _n in _FORMATS if kind != "jwt") | {"private_key"}

# --- names ---------------------------------------------------------------------------------------

#: the word a secret's name ends with (DB_PASSWORD, aws_secret_access_key, api-token, dbPass)
_SECRET_WORD = (
    r"(?:password|passwd|passphrase|secret(?:[_-]?(?:access[_-]?)?key(?:[_-]?base)?)?|token|api[_-]?key|apikey"
    r"|private[_-]?key|client[_-]?secret|access[_-]?key|auth[_-]?key|account[_-]?key|master[_-]?key|credentials?"
    r"|signing[_-]?key|encryption[_-]?key|(?<![A-Za-z0-9])(?:pass|pwd)|(?<=[_.-])pw|(?<=[a-z0-9])(?-i:Pass|Pwd|PW)"
    r"|(?<=[_.-])key|(?<=[a-z0-9])(?-i:Key))"
)
#: <secret word> = "value" / : value / =value / ['<secret word>'] = "value" / "<word>", "default"
#: (env files, YAML, code, properties, dictionaries such as Flask's app.config, environment
#: reads with a default). The value itself is read by :func:`_value_at` (quoted strings with
#: escapes, unquoted values to their end); the rest of the name (DB_, my.app.) is found by
#: scanning back from the word: a lazy `[\w.-]*?` prefix in the pattern made the search cubic.
_ASSIGNMENT = re.compile(
    r"(?P<word>" + _SECRET_WORD + r")(?P<kq>[\"'`])?\]?"
    r"(?:\s*(?P<op>:=|=>|=(?![=~])|:(?![:/]))|(?P<sep>\)?\s*(?:,\s*(?:default\s*[=:]\s*)?|\|\||\?\?|\bor\b)))[ \t]*",
    re.IGNORECASE,
)
#: the first letters of every secret word: _ASSIGNMENT can only match where one starts (found by
#: one trie search, C-speed, instead of trying every alternative at every character)
_WORD_STEM = re.compile(
    trie_regex(
        (
            "pass",
            "pwd",
            "pw",
            "secret",
            "token",
            "api",
            "private",
            "client",
            "access",
            "auth",
            "account",
            "master",
            "credential",
            "signing",
            "encryption",
            "key",
        )
    )
)
#: XML elements: <password>value</password>
_XML_ELEMENT = re.compile(
    r"<(?P<name>[\w.:-]*?(?P<word>" + _SECRET_WORD + r"))>(?P<value>[^<\n]{1,4096})</", re.IGNORECASE
)
#: `ENV NAME value` / `ARG NAME value` (Dockerfile's space form)
_DOCKER_SPACE = re.compile(
    r"^\s*(?:ENV|ARG)\s+(?P<name>[\w.-]*?(?P<word>" + _SECRET_WORD + r"))\s+(?=[^\s=])", re.IGNORECASE
)
#: `"name": "DB_PASSWORD", "value": "..."` on one line (ECS task definitions, k8s flow style)
_NAME_VALUE = re.compile(
    r"\bname[\"']?\s*[:=]\s*[\"']?(?P<name>[\w.-]*?(?P<word>" + _SECRET_WORD + r"))[\"']?\s*[,;]?\s*"
    r"[\"']?value[\"']?\s*[:=]\s*",
    re.IGNORECASE,
)
#: Authorization: Bearer <token> / Basic <base64>
_AUTH_HEADER = re.compile(
    r"(?i)\b(?:proxy-)?authorization[\"']?\s*[:=,]\s*[\"']?(?:bearer|basic|token|bot|apikey|digest)\s+"
    r"(?P<value>[A-Za-z0-9._~+/=-]{8,4096})"
)
#: passwords on command lines: mysql -p<pw>, --password <pw>, curl -u user:<pw>, sshpass -p <pw>
_CLI = re.compile(
    r"(?i)(?:\b(?:mysql(?:dump|admin|import|sh|check)?|mariadb(?:-dump)?)\b[^\n|;&]{0,200}?\s-p(?=[^\s-])"
    r"|\s--(?P<flag>password|passwd|pass|token|api-?key|secret|client-secret|access-key|secret-key|auth-token|private-key)[ \t]+(?=[^\s-])"
    r"|\bsshpass\s+-p\s+|\bredis-cli\b[^\n|;&]{0,200}?\s-a\s+|\bsqlcmd\b[^\n|;&]{0,200}?\s-P\s+"
    r"|\bcurl\b[^\n|;&]{0,300}?\s(?:-u|--user)\s+[\"']?[^\s:\"']{1,64}:)"
)
_CLI_NEEDLES = (
    "mysql",
    "mariadb",
    "--pass",
    "--token",
    "--api",
    "--secret",
    "--client-secret",
    "--access-key",
    "--auth-token",
    "--private-key",
    "sshpass",
    "redis-cli",
    "sqlcmd",
    "curl",
)
_CLI_NEEDLE = re.compile(trie_regex(_CLI_NEEDLES))
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_NAME_MAX = 128
#: longest value read (quoted or not): longer ones are cut there, their start still masked
VALUE_MAX = 4096
#: a line with more hits than this is not scanned further; :func:`redact` then hides its rest
MAX_HITS_PER_LINE = 1_000
#: scheme://user:password@host (the password may hold `@` and `/`: it ends at the last `@`
#: followed by a host)
_URL_CREDENTIALS = re.compile(
    r"\b[a-z][a-z0-9+.-]{1,20}://(?P<user>[^\s/:@'\"`<>]{0,64}):(?P<value>[^\s'\"`<>]{1,256})@(?=[\w\[.%-])",
    re.IGNORECASE,
)
#: Go's MySQL DSN: user:password@tcp(host:port)/db
_DSN_CREDENTIALS = re.compile(r"(?P<user>[\w.-]{1,64}):(?P<value>[^\s'\"`]{1,128})@(?:tcp|unix|udp)\(")
#: version ranges and tags are never secrets ("jsonwebtoken": "^9.0.2", token: 1.2.3)
_VERSION = re.compile(r"^[\^~<>=!v]*\d+(?:\.[\w*+-]+)+(?:\s*(?:,|\|\||-)?\s*[\^~<>=!]*\d+(?:\.[\w*+-]+)*)*$")

# --- values --------------------------------------------------------------------------------------

#: a template or environment expression standing for the value (filled in at deploy time)
_TEMPLATE = re.compile(
    r"""^(?:\{\{.*\}\}|\{%.*%\}|<%.*%>|\$\{\{.*\}\}|#\{.*\}|%\{.*\}|\$\(.*\)|\(\(.*\)\)|\[\[.*\]\]|%[\w.()-]+%|@[\w.-]+@
        |__[A-Z0-9_]+__|\{[\w.-]*\}|<[^<>]{1,80}>|\[[^\[\]]{1,80}\]|\([^()]{1,80}\)|%\([^)]*\)[sdr]|%[sdr]|\$\d|\$[A-Za-z_]\w*|\$\{[^}]*\})$""",
    re.VERBOSE | re.DOTALL,
)
#: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:=default}, ${NAME:default} (Spring),
#: ${NAME:?message} (required)
_ENV_EXPANSION = re.compile(r"^\$\{(?P<name>[A-Za-z_][\w.-]*)(?:(?P<op>:?[-=+?]|:)(?P<rest>.*))?\}$", re.DOTALL)
#: words that make a value a placeholder wherever they stand
_PLACEHOLDER_WORDS = re.compile(
    r"(?i)change[_-]?me|change[_-]?this|changeit|replace[_-]?(?:me|this|with)|fill[_-]?me|insert[_-]?(?:here|your)"
    r"|your[_-]?[a-z]|<your|^my[_-]?(?:secret|password|token|key|api)|placeholder|redacted|^todo$|^tbd$|^fixme$"
    r"|not[_-]?(?:set|a[_-]?(?:real|secret))|^(?:x{3,}|X{3,}|\*{3,}|•{3,}|\.{3,}|…+|_{3,}|#{3,}|0{6,})$|(?-i:EXAMPLE)"
)
#: words that make a value a placeholder when the value is made of them (`example-key`,
#: `dummy_secret`, `test123`) but not when something random follows (`test_9f8e7d6c5b4a3928`)
_MARKER_WORDS = frozenset(
    {
        "example",
        "sample",
        "dummy",
        "fake",
        "test",
        "testing",
        "placeholder",
        "foo",
        "bar",
        "baz",
        "qux",
        "none",
        "null",
        "nil",
        "undefined",
        "empty",
        "unset",
        "required",
        "env",
        "mock",
        "stub",
        "demo",
        "default",
        "xxx",
        "abc",
        "sandbox",
        "fixme",
        "todo",
        "tbd",
        "here",
        "value",
        "some",
        "any",
        "put",
        "enter",
        "insert",
        "generate",
        "generated",
        "random",
        "string",
        "secret",
        "password",
        "token",
        "key",
        "api",
        "my",
        "the",
        "a",
        "your",
        "replace",
        "this",
        "with",
        "real",
        "actual",
        "goes",
        "dev",
        "local",
        "changeme",
    }
)
_PLACEHOLDER_ANCHORS = frozenset(
    {
        "example",
        "sample",
        "dummy",
        "fake",
        "test",
        "testing",
        "placeholder",
        "mock",
        "stub",
        "demo",
        "xxx",
        "sandbox",
        "changeme",
        "your",
        "replace",
        "insert",
        "enter",
        "here",
        "none",
        "null",
        "nil",
        "undefined",
        "empty",
        "unset",
        "required",
        "foo",
        "bar",
        "baz",
        "qux",
        "todo",
        "tbd",
        "fixme",
        "generated",
        "generate",
    }
)
_TRIVIAL = frozenset(
    {
        "password",
        "postgres",
        "postgresql",
        "root",
        "admin",
        "administrator",
        "pass",
        "passwd",
        "user",
        "secret",
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "1234567890",
        "qwerty",
        "guest",
        "mysql",
        "redis",
        "mongo",
        "mongodb",
        "rabbitmq",
        "dev",
        "development",
        "local",
        "docker",
        "app",
        "toor",
        "letmein",
        "default",
        "test",
        "example",
        "demo",
        "changeit",
        "welcome",
        "master",
        "superuser",
        "sa",
        "oracle",
        "tiger",
        "scott",
        "minio",
        "minioadmin",
        "minio123",
        "elastic",
        "keycloak",
        "postgres123",
        "admin123",
        "root123",
        "password1",
        "password123",
        "p@ssw0rd",
        "passw0rd",
        "pa55word",
        "s3cr3t",
        "s3cret",
        "secret123",
        "qwerty123",
        "abc123",
        "abcd1234",
        "iloveyou",
    }
)
#: values that reference code or variables rather than holding a literal
_REFERENCE = re.compile(
    r"^(?:os\.|process\.env|import\.meta\.env|ENV\[|ENV\.fetch|System\.getenv|getenv|env\(|environ|settings\.|config\.|"
    r"self\.|this\.|request\.|req\.|params|args\.|kwargs|document\.|window\.|Cookies\.|localStorage|sessionStorage|"
    r"props\.|ctx\.|context\.|@[A-Za-z_]|[A-Za-z_][A-Za-z0-9_]*(?:\(|\[)|[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_.]*$|\$|"
    r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*(?:\([^()]*\))?)+$|"
    r"!(?:Ref|Sub|GetAtt|ImportValue|secret|vault)|vault:|secretsmanager:|arn:aws:secretsmanager|ssm:|sm://|gcp:|"
    r"op://|keyvault:|awssm:|file:|/run/secrets/|/var/run/secrets/|:[A-Za-z_]\w*$|/[\w.-]+(?:/[\w.-]+)*/?$)"
)
#: one-way password hashes (a hash is not the password)
_PASSWORD_HASH = re.compile(
    r"^(?:pbkdf2_\w+\$|argon2|\$2[abxy]?\$\d\d\$|\$argon2|\$[156]\$|\{S?SHA\d*\}|sha\d+\$|md5\$|bcrypt\$|scrypt:)"
)
_REPEATED = re.compile(r"([A-Za-z0-9])\1{5,}")
_MASKED = re.compile(r"…\[\d+ chars, #[0-9a-f]{8}\]")
_WORDY = re.compile(r"^(?:[A-Za-z][a-z]*|[A-Z]+)(?:[A-Z][a-z]*)?\d{0,6}[!@#$%^&*?.+_-]{0,2}$|^\d{1,6}[A-Za-z]{2,12}$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9]*(?:[_.:/-]+[A-Za-z0-9]+)*[_-]?$")
#: words of the names of credentials: a value made of them names a credential (`_password_reset_token`)
_NAMING_WORDS = frozenset(
    {
        "password",
        "passwd",
        "pass",
        "pwd",
        "reset",
        "token",
        "tokens",
        "session",
        "secret",
        "key",
        "api",
        "access",
        "refresh",
        "auth",
        "csrf",
        "xsrf",
        "id",
        "name",
        "field",
        "header",
        "cookie",
        "internal",
        "bearer",
        "jwt",
        "user",
        "client",
        "private",
        "public",
        "signing",
        "confirm",
        "confirmation",
        "new",
        "old",
        "current",
        "hash",
        "salt",
        "oauth",
        "verify",
        "verification",
        "invite",
        "invitation",
        "code",
        "otp",
        "credentials",
        "credential",
        "param",
        "query",
        "form",
        "database",
        "db",
        "system",
        "app",
        "application",
        "service",
        "admin",
        "root",
        "default",
        "master",
        "main",
        "primary",
        "mail",
        "smtp",
        "redis",
        "postgres",
        "mysql",
        "mongo",
        "aws",
        "github",
        "gitlab",
        "slack",
        "stripe",
        "google",
        "azure",
        "gcp",
        "env",
        "environment",
        "value",
        "my",
        "your",
        "the",
        "prod",
        "production",
        "dev",
        "test",
        "staging",
        "local",
        "shared",
        "common",
        "instance",
        "output",
        "input",
        "string",
        "connection",
        "url",
        "uri",
        "host",
        "server",
        "account",
        "bot",
        "webhook",
        "encryption",
        "encrypted",
        "web",
        "site",
    }
)
#: a word of the naming vocabulary (or of the throwaway values) split off the front of a run of
#: letters: `postgrespassword` is `postgres` + `password`
_VOCABULARY = tuple(sorted({w for w in _NAMING_WORDS | _TRIVIAL if w.isalpha() and len(w) >= 2}, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class SecretHit:
    kind: str  # a key format name, "assignment", "url_credentials", "private_key", "authorization", "command_line"
    name: str  # the variable/key name when there is one
    start: int  # span of the value within the line
    end: int
    grade: str  # "secret" (a real-looking credential) or "trivial" (postgres/postgres-like)
    redacted: str
    value: str = ""


def entropy(value: str) -> float:
    if not value:
        return 0.0
    total = len(value)
    return -sum(c / total * math.log2(c / total) for c in collections.Counter(value).values())


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:8]


def mask(value: str) -> str:
    """The printable form of a secret: its length, a short hash and, for values of 20 characters
    or more, their first 4 characters (2 from 14): never more than a fifth of the value."""
    _note(value)
    size = len(value)
    head = value[:4] if size >= 20 else value[:2] if size >= 14 else ""
    return f"{head}…[{size} chars, #{fingerprint(value)}]"


def is_masked(value: str) -> bool:
    """Whether *value* holds a value masked by :func:`mask`."""
    return "…[" in value and bool(_MASKED.search(value))


# --- grading -------------------------------------------------------------------------------------


#: a switch from lower case to upper case or a digit, from upper case to a digit, from a digit to
#: a letter (upper to lower case starts a capitalised word: not a switch)
_SWITCH = re.compile(r"[a-z](?=[A-Z0-9])|[A-Z](?=[0-9])|[0-9](?=[A-Za-z])")


def switches(value: str) -> int:
    """How often a value switches between lower case, upper case and digits other than at the
    start of a capitalised word: 0-2 for words and identifiers (`password123`, `SecurePass1`),
    many for random strings (`Xk9#mQ2vLp7WzR4t`)."""
    return len(_SWITCH.findall(value))


def looks_random(value: str) -> bool:
    """A string a generator made rather than a person: many case/digit switches, or a long hex
    or base64 run with digits."""
    if switches(value) >= 3:
        return True
    core = re.sub(r"[\W_]", "", value)
    return len(core) >= 20 and switches(value) >= 1 and entropy(core) >= 3.5


def _words(value: str) -> list[str]:
    """Lower-case words of a value: split on separators, camel case and digit runs."""
    parts = re.split(r"[\W_]+", value)
    out: list[str] = []
    for part in parts:
        out.extend(w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", part))
    return [w for w in out if w]


def is_placeholder(value: str) -> bool:
    """A stand-in for a value: a template or environment expression without a literal default,
    a masked or elided value, or a value made of placeholder words (`changeme`,
    `your-secret-here`, `example`, `dummy_key`) with nothing random in it."""
    v = value.strip()
    if not v:
        return True
    expansion = _ENV_EXPANSION.match(v)
    if expansion:
        rest = expansion.group("rest")
        return not rest or expansion.group("op").endswith("?") or is_placeholder(rest)
    if _TEMPLATE.match(v) or is_masked(v) or "EXAMPLE" in v:  # AKIAIOSFODNN7EXAMPLE: the documentation's keys
        return True
    if _PLACEHOLDER_WORDS.search(v):
        return not any(
            looks_random(tok) and len(tok) >= 8 and not _PLACEHOLDER_WORDS.search(tok)
            for tok in re.split(r"[\s_.:/-]+", v)
        )
    words = _words(v)
    if not words or not any(w in _PLACEHOLDER_ANCHORS for w in words):
        return False
    # made of placeholder words and at most a short number: `example-key`, `test123`, `dummy_secret_1`
    return all(w in _MARKER_WORDS or (w.isdigit() and len(w) <= 4) for w in words)


def env_default(value: str) -> str | None:
    """The literal default of an environment expression (`${DB_PASSWORD:-s3cret}`,
    `${DB_PASSWORD:s3cret}`), if the value is one and has one."""
    match = _ENV_EXPANSION.match(value.strip())
    if match and match.group("rest") and not match.group("op").endswith("?"):
        return match.group("rest")
    return None


def _is_prose(value: str) -> bool:
    """A sentence or a label (`Invalid email or password.`, `Notion Token`, `كلمة مرور`); two
    lower-case words (`keyboard cat`) are a passphrase, not prose."""
    words = value.split()
    letters = [c for c in value if c.isalpha()]
    if letters and sum(1 for c in letters if ord(c) > 127) * 2 >= len(letters):
        return True  # mostly non-Latin letters: text in a human language
    if len(words) < 2:
        return False
    alpha = sum(1 for w in words if re.fullmatch(r"[\W_]{0,2}[^\W\d_]+(?:['’.-][^\W\d_]+)*[\W_]{0,2}", w))
    if not (alpha >= 2 and alpha * 4 >= len(words) * 3 and not any(re.search(r"[^\w\s]{3,}", w) for w in words)):
        return False
    return len(words) >= 3 or value.rstrip()[-1] in ".!?:)" or all(w[0].isupper() for w in words if w[0].isalpha())


@functools.lru_cache(maxsize=4096)
def _vocabulary_words(word: str) -> bool:
    """Whether a run of letters is made of words of the vocabulary (`postgrespassword`)."""
    if not word:
        return True
    return any(word.startswith(w) and _vocabulary_words(word[len(w) :]) for w in _VOCABULARY if len(w) <= len(word))


def _names_a_credential(value: str) -> bool:
    """A value that is the name of a credential or a setting (`SYSTEM_CLIENT_SECRET`,
    `database_password`, `_password_reset_token`), not its value."""
    words = _words(value)
    return bool(words) and all(
        w in _NAMING_WORDS or (w.isalpha() and len(w) <= 40 and _vocabulary_words(w)) or (w.isdigit() and len(w) <= 4)
        for w in words
    )


#: a template expression inside a longer value (`user={{ x }} password={{ y }}`, `#{token}`)
_EMBEDDED = re.compile(
    r"\{\{[^{}]{0,200}\}\}|\{%[^%]{0,200}%\}|<%[^%]{0,200}%>|\$\{[^{}]{0,200}\}|#\{[^{}]{0,200}\}"
    r"|\$\([^()]{0,200}\)|%\([^()]{0,80}\)[sdr]|%[sd]\b"
)
_BASE64 = re.compile(r"^[A-Za-z0-9+/]{8,}={0,2}$")
#: `Key=value;` connection strings: the value of a credential key
_CONNECTION_SECRET = re.compile(
    r"(?i)(?:^|;)\s*(?:password|pwd|accountkey|sharedaccesskey|sharedsecret|secret)\s*=\s*([^;]*)"
)


def grade_value(name: str, value: str) -> str | None:
    """'secret', 'trivial' or None (placeholder/reference/label: not a secret at all)."""
    v = value.strip().strip("\"'`")
    if not v:
        return None
    if is_masked(v):
        return "secret"  # masked by an extractor that judged it a secret
    default = env_default(v)
    if default is not None:
        return grade_value(name, default)
    if is_placeholder(v) or _REFERENCE.match(v) or _VERSION.match(v):
        return None
    if _EMBEDDED.search(v):  # a template: what is left around its expressions is a format, not a value
        rest = _EMBEDDED.sub(" ", v)
        if not any(looks_random(tok) for tok in re.split(r"[\s=;&,]+", rest) if len(tok) >= 8):
            return None
    if ";" in v and "=" in v and _CONNECTION_SECRET.search(v) is None and re.search(r"(?i)(?:^|;)\s*\w+\s*=", v):
        return None  # a connection string without a password (`InstrumentationKey=…;IngestionEndpoint=…`)
    if _is_prose(v):
        return None
    if _BASE64.match(v) and len(v) % 4 == 0:
        decoded = _printable_base64(v)
        if decoded is not None and decoded != v:
            return grade_value(name, decoded)  # a base64-encoded text (Kubernetes Secret data)
    low = v.lower()
    if name and re.sub(r"[\W_]", "", low) == re.sub(r"[\W_]", "", name.lower()):
        return None  # a label that spells its own key (RESET_PASSWORD: "resetPassword")
    if v[0] == "{" and v[-1] == "}" and not looks_random(v):
        return None  # a format string or an object (`{min: 8}`)
    if low in _TRIVIAL or _PASSWORD_HASH.match(v):
        return "trivial"
    if len(v) < 8 or v.isdigit() or re.fullmatch(r"[a-z]+(?: [a-z]+){1,3}", v):
        return "trivial"  # short, a number, a phrase (`keyboard cat`)
    if (len(v) < 12 and entropy(v) < 2.5) or entropy(v) < 2.0:
        return "trivial"  # too few distinct characters (`aaaaaaaa1`, `00000000000#`)
    if any(c.isspace() for c in v):
        # a passphrase or a phrase: a secret only with a random-looking part (`Strong!!@##$!@#$`)
        tokens = v.split()
        return (
            "secret"
            if any(looks_random(t) or any(len(set(run)) >= 2 for run in re.findall(r"[^\w\s]{3,}", t)) for t in tokens)
            else "trivial"
        )
    if looks_random(v):
        return "secret"
    if _IDENTIFIER.match(v) and (len(v) < 16 or _names_a_credential(v)):
        return "trivial"  # a word, an identifier or a name (`my_name_1`, `weatherKey`, `_password_reset_token`)
    if _WORDY.match(v) and len(v) <= 16:
        return "trivial"  # a word and a number (`password123`, `SecurePass123!`, `1234qwer`): see chosen_password
    common = re.match(r"[A-Za-z]{4,}", v)
    if common and common.group(0).lower() in _TRIVIAL and len(v) - len(common.group(0)) <= 6:
        return "trivial"  # a common password and a few more characters (`tiger^5HHH`)
    if _names_a_credential(v):
        return "trivial"  # `SYSTEM_CLIENT_SECRET`, `database_password`
    return "secret"


def chosen_password(value: str) -> bool:
    """A password a person made up (`Summer2024!`, `1234qwer`): graded trivial for its shape (a
    word and a number), yet no well-known throwaway value (`password123`, `admin2024`,
    `SecurePass1!`, `changeit`). Where production takes its values from (the shipped code, a
    production deploy file) it is a real credential."""
    v = value.strip().strip("\"'`")
    if grade_value("", v) != "trivial" or not (_WORDY.match(v) and 8 <= len(v) <= 16):
        return False
    if v.isdigit() or entropy(v) < 2.5 or (_IDENTIFIER.match(v) and (len(v) < 16 or _names_a_credential(v))):
        return False  # trivial for another reason (a number, repeated characters, an identifier)
    throwaway = _TRIVIAL | _MARKER_WORDS | _NAMING_WORDS
    return not any(
        w in throwaway or any(w.startswith(t) for t in _TRIVIAL if len(t) >= 4) for w in _words(v) if w.isalpha()
    )


def _printable_base64(value: str) -> str | None:
    """The text *value* encodes in base64, if it is printable ASCII."""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) >= 4 and all(32 <= b < 127 for b in raw):
        return raw.decode("ascii")
    return None


def worth_hiding(value: str) -> bool:
    """Whether *value*, once detected, is hidden wherever it appears in a file's facts: real-looking
    secrets, and throwaway passwords that are not also ordinary words or identifiers (`postgres`
    is an image name too)."""
    v = value.strip()
    if len(v) < 6 or is_masked(v):
        return False
    grade = grade_value("", v)
    if grade == "secret":
        return True
    return (
        grade == "trivial"
        and len(v) >= 8
        and v.lower() not in _TRIVIAL
        and not _IDENTIFIER.match(v)
        and not _PASSWORD_HASH.match(v)
        and not v.isdigit()
    )


# --- scanning ------------------------------------------------------------------------------------


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


class _Quotes:
    """Which quote a position of a line falls inside, counted incrementally (positions asked in
    increasing order cost O(line) in all)."""

    __slots__ = ("counts", "line", "pos")

    def __init__(self, line: str) -> None:
        self.line, self.pos, self.counts = line, 0, {'"': 0, "'": 0, "`": 0}

    def inside(self, position: int) -> str | None:
        if position < self.pos:
            self.pos, self.counts = 0, {'"': 0, "'": 0, "`": 0}
        for q in self.counts:
            self.counts[q] += self.line.count(q, self.pos, position)
        self.pos = position
        for q, n in self.counts.items():
            if n % 2:
                return q
        return None


def _name_before(line: str, end: int, word_start: int) -> str:
    """The variable name that ends with the secret word at *word_start*..*end*."""
    start = word_start
    while start > 0 and word_start - start < _NAME_MAX and line[start - 1] in _NAME_CHARS:
        start -= 1
    while start < word_start and line[start] in ".-":
        start += 1
    return line[start:end]


_QUOTED = {q: re.compile(q + r"((?:[^" + q + r"\\\n]|\\.){1," + str(VALUE_MAX) + r"})" + q) for q in "\"'`"}
#: YAML, properties, INI, TOML: an unquoted value runs to the end of the line (or a comment)
_LINE_VALUE_KINDS = frozenset(
    {
        "yaml",
        "compose",
        "helm_values",
        "helm_template",
        "helm_chart",
        "kustomization",
        "github_workflow",
        "gitlab_ci",
        "circleci",
        "ci_other",
        "spring_config",
        "rails_config_yaml",
        "render_yaml",
        "ini",
        "toml",
        "setup_cfg",
        "log_config_properties",
        "fly_toml",
        "pyproject",
    }
)
_OPENERS = {"{{": "}}", "${": "}", "<%": "%>", "$(": ")", "#{": "}", "%{": "}"}


def _unquoted_end(line: str, start: int, kind: str | None, quote: str | None) -> int:
    """The end of an unquoted value starting at *start*: at whitespace (shell, .env), or at the end
    of the line or a comment (YAML, properties); a `,` `;` `)` `}` `]` it did not open ends it too,
    and so does *quote* (the value sits inside a string quoted with it). Template expressions
    (`{{ x }}`, `${X:-y}`) are read whole."""
    limit = min(len(line), start + VALUE_MAX)
    to_eol = kind in _LINE_VALUE_KINDS
    depth = 0
    i = start
    unclosed: set[str] = set()  # closers not found up to the limit: never searched again
    while i < limit:
        ch = line[i]
        opener = line[i : i + 2]
        if opener in _OPENERS and _OPENERS[opener] not in unclosed:
            close = line.find(_OPENERS[opener], i + 2, limit)
            if close >= 0:
                i = close + len(_OPENERS[opener])
                continue
            unclosed.add(_OPENERS[opener])
        if ch == quote:
            break
        if ch in " \t":
            if not to_eol or line.startswith("#", i + 1) or line.startswith("//", i + 1) or line.startswith(";", i + 1):
                break
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch in ",;" and depth == 0 and (i + 1 >= len(line) or line[i + 1] in " \t\"'"):
            break
        i += 1
    while i > start and line[i - 1] in " \t,;":
        i -= 1
    return i


def _value_at(
    line: str, pos: int, kind: str | None, code: bool, quotes: _Quotes, quoted_only: bool
) -> tuple[int, int] | None:
    """The span of the value that starts at *pos*: a quoted string (escapes allowed, quotes of
    the other kinds inside) or, where unquoted values are literals, an unquoted one."""
    if pos >= len(line):
        return None
    ch = line[pos]
    if ch in _QUOTED:
        if line.startswith(ch, pos + 1):
            return None  # an empty string
        m = _QUOTED[ch].match(line, pos)
        if m:
            after = m.end()
            if not code and after < len(line) and line[after] not in " \t,;:)}]#":
                # `'Xk9"mQ2v'Lp7W`: a shell word goes on after its quotes (.env, scripts)
                return m.start(1), max(m.end(1), _unquoted_end(line, after, "shell", None))
            return m.span(1)
        if line.find(ch, pos + 1) >= 0 and line.find(ch, pos + 1) - pos <= VALUE_MAX:
            return None  # a string that spans no value (`"".join(…)`)
        # an unterminated or overlong string: mask what the line holds of it
        end = min(len(line), pos + 1 + VALUE_MAX)
        return (pos + 1, end) if end - pos > 4 else None
    if quoted_only:
        return None
    inside = quotes.inside(pos)
    if code and inside is None:
        return None  # an expression in code; but `password=x` inside a quoted DSN is a literal
    end = _unquoted_end(line, pos, kind, inside)
    return (pos, end) if end > pos else None


def key_formats_in(text: str, lowered: bool = False) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The key formats whose needles occur somewhere in *text* (those that can match a line of it;
    *lowered*: the text is already in lower case)."""
    return _formats_of(set(_FORMAT_NEEDLE.findall(text if lowered else text.lower())))


def key_formats_in_lines(lines: Iterable[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """:func:`key_formats_in` of a text, from those of its lines that hold a keyword (`KEYWORD_RE`:
    every needle of three or more characters is one): no needle spans a line break, so the
    needles found in the whole text are those found line by line, and lines without a keyword
    hold none."""
    found: set[str] = set()
    for line in lines:
        found.update(_FORMAT_NEEDLE.findall(line.lower()))
    return _formats_of(found)


def _formats_of(found: set[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (kind, pattern)
        for kind, pattern in _KEY_FORMATS
        if kind in _ALWAYS_TRIED or not found.isdisjoint(_KEY_NEEDLES[kind])
    )


def _scan(
    line: str, code: bool, formats: tuple[tuple[str, re.Pattern[str]], ...] | None = None, kind: str | None = None
) -> tuple[list[SecretHit], bool]:
    """The hits of *line*, and whether the scan covered the whole line (see MAX_HITS_PER_LINE).
    *formats*: the key formats worth trying (those whose needles occur in the line's file)."""
    hits: list[SecretHit] = []
    taken = _Spans()
    low = line.lower()
    m: re.Match[str] | None  # the match at hand (the loops below bind it to one, the searches to one or None)
    grade: str | None

    def add(hit_kind: str, name: str, a: int, b: int, grade: str | None) -> bool:
        """Record a hit if its span is free; False when the line has too many."""
        if grade is None or b <= a or not taken.free(a, b):
            return True
        value = line[a:b]
        taken.take(a, b)
        hits.append(SecretHit(hit_kind, name, a, b, grade, mask(value), value))
        return len(hits) < MAX_HITS_PER_LINE

    def done(complete: bool) -> tuple[list[SecretHit], bool]:
        hits.sort(key=lambda h: h.start)
        return hits, complete

    if "-----begin" in low:
        end: re.Match[str] | None = None
        ends = True  # whether an end armour may follow (searched once per stretch: linear time)
        for m in PRIVATE_KEY_BEGIN.finditer(line):
            if not taken.free(m.start(), m.end()):
                continue  # inside the key before
            if ends and (end is None or end.start() < m.start()):
                end = _PRIVATE_KEY_END.search(line, m.end())
                ends = end is not None
            # up to the end armour on this line (one-line forms), else to the end of the line
            # (the body is on the next lines: see secretscan)
            if not add("private_key", "", m.start(), end.end() if ends and end else len(line), "secret"):
                return done(False)
    for fmt, pattern in key_formats_in(low, True) if formats is None else formats:
        if formats is not None and not any(n in low for n in _KEY_NEEDLES[fmt]):  # ~100x cheaper than a regex pass
            continue
        for m in pattern.finditer(line):
            value = m.group(1)
            if (_PLACEHOLDER_WORDS.search(value) and fmt != "jwt") or _REPEATED.search(value):
                continue  # AKIAIOSFODNN7EXAMPLE, hooks.slack.com/services/T00000000/B00000000/XXXXXXXX
            grade = "trivial" if _TEST_KEY.match(value) else "secret"
            if not add(fmt, "", *m.span(1), grade):
                return done(False)
    if "://" in line:
        for m in _URL_CREDENTIALS.finditer(line):
            if not add("url_credentials", m.group("user"), *m.span("value"), grade_value("password", m.group("value"))):
                return done(False)
    if "@tcp(" in line or "@unix(" in line or "@udp(" in line:
        for m in _DSN_CREDENTIALS.finditer(line):
            if not add("url_credentials", m.group("user"), *m.span("value"), grade_value("password", m.group("value"))):
                return done(False)
    if "authorization" in low:
        for m in _AUTH_HEADER.finditer(line):
            if not add("authorization", "Authorization", *m.span("value"), grade_value("token", m.group("value"))):
                return done(False)
    if kind == "stylesheet":
        return done(True)
    quotes = _Quotes(line)
    if _CLI_NEEDLE.search(low):
        pos = 0
        while True:
            m = _CLI.search(line, pos)
            if m is None:
                break
            span = _value_at(line, m.end(), "shell", False, quotes, False)
            pos = max(m.end(), span[1] if span else 0)
            if span is None:
                continue
            value = line[span[0] : span[1]]
            flag = (m.group("flag") or "password").lower()
            grade = grade_value("password", value)
            if flag not in ("password", "passwd", "pass") and grade == "secret" and not looks_random(value):
                grade = None  # `--secret prisons-rds-output` names a secret
            if not add("command_line", flag, *span, grade):
                return done(False)
    if not any(w in low for w in _WORD_NEEDLES):
        return done(True)
    if "<" in line:
        for m in _XML_ELEMENT.finditer(line):
            value = m.group("value")
            if not add("assignment", m.group("name"), *m.span("value"), grade_value(m.group("word"), value)):
                return done(False)
    if kind in (None, "dockerfile", "markdown", "text", "other", "shell", "script") and ("env" in low or "arg" in low):
        m = _DOCKER_SPACE.match(line)
        if m:
            span = _value_at(line, m.end(), "shell", False, quotes, False)
            if span and not add(
                "assignment", m.group("name"), *span, _grade_named(m.group("name"), line[span[0] : span[1]])
            ):
                return done(False)
    if "name" in low and "value" in low:
        for m in _NAME_VALUE.finditer(line):
            span = _value_at(line, m.end(), kind, code, quotes, code)
            if span and not add(
                "assignment", m.group("name"), *span, _grade_named(m.group("name"), line[span[0] : span[1]])
            ):
                return done(False)
    pos = 0
    same = len(low) == len(line)  # lower-casing kept offsets: the stems are found in C
    while True:
        if same:
            stem = _WORD_STEM.search(low, pos)
            if stem is None:
                break
            m = _ASSIGNMENT.match(line, stem.start())
            if m is None:
                pos = stem.start() + 1
                continue
        else:
            m = _ASSIGNMENT.search(line, pos)
            if m is None:
                break
        pos = m.end()
        sep = m.group("sep")
        if sep is not None and sep.strip(") \t").startswith(",") and m.group("kq") is None:
            continue  # `f(token, "x")`: a variable and another argument, not a name and its default
        quoted_only = sep is not None  # `"SECRET_KEY", "value"`: only a string literal
        if m.group("kq") is not None and code and not quoted_only:
            # a quoted key (`"token": value`): the value is a literal only if quoted
            quoted_only = True
        if code and m.group("kq") is None and m.end() < len(line):
            inside = quotes.inside(m.start("word"))
            if inside is not None and line[m.end()] == inside:
                continue  # `"&token=" + variable`: the quote after the word closes its string
        start_of_line = _starts_line(line, _name_start(line, m.start("word")))
        span = _value_at(line, m.end(), kind if start_of_line else "shell", code, quotes, quoted_only)
        if span is None:
            continue
        a, b = span
        pos = max(pos, b)
        raw = line[a:b]
        name = _name_before(line, m.end("word"), m.start("word"))
        a, b, raw = _default_span(a, b, raw)
        grade = _grade_named(name, raw)
        if m.group("sep") is not None and grade != "secret":
            continue  # `["password", "token"]` is a list of names, not a name and its default
        if not add("assignment", name, a, b, grade):
            return done(False)
    return done(True)


def _starts_line(line: str, start: int) -> bool:
    """Whether only indentation, a list dash or a quote come before *start* (a YAML or INI key)."""
    i = start
    while i > 0 and line[i - 1] in " \t-\"'":
        i -= 1
    return i == 0


def _name_start(line: str, word_start: int) -> int:
    start = word_start
    while start > 0 and word_start - start < _NAME_MAX and line[start - 1] in _NAME_CHARS:
        start -= 1
    return start


def _default_span(a: int, b: int, raw: str) -> tuple[int, int, str]:
    """For `${NAME:-default}` the span of the default alone (the name stays readable)."""
    if raw.startswith("${"):
        match = _ENV_EXPANSION.match(raw)
        if match and match.group("rest") and not match.group("op").endswith("?"):
            start = a + match.start("rest")
            return start, start + len(match.group("rest")), match.group("rest")
    return a, b, raw


#: last name segments of labels and messages rather than values (`form.label.password`)
_LABEL_NAME = re.compile(
    r"(?i)(^|[._-])(label|placeholder|title|message|msg|error|errors|hint|help|tooltip|caption|description|prompt|"
    r"text|aria|invalid|missing|wrong|bad|expired|forgot|reset|confirm|confirmation|new|unable|required|field|input|"
    r"header|heading|button|link)([._-]|$)"
)


#: names that end with `key` without saying it is a secret one (`REMEMBER_ME_KEY`, `cacheKey`)
_STRONG_KEY = re.compile(r"(?i)(?:api|secret|private|access|auth|account|master|signing|encryption)[_-]?key$")
_PUBLIC_KEY = re.compile(
    r"(?i)public|publishable|pub[_-]?key|site[_-]?key|anon|cache|sort|primary|foreign|partition"
    r"|idempoten|storage|i18n|translation|lookup|hash[_-]?key|map[_-]?key|license[_-]?key_?id"
)


def _grade_named(name: str, value: str) -> str | None:
    """The grade of *value* assigned to *name*: labels and messages are never secrets, and a name
    that only ends with `key` needs a random-looking value of 16 characters or more."""
    grade = grade_value(name.rsplit(".", 1)[-1], value)
    if grade == "secret" and _LABEL_NAME.search(name) and not looks_random(value):
        return None
    if name.lower().endswith("key") and not _STRONG_KEY.search(name):
        if _PUBLIC_KEY.search(name) or not (looks_random(value) and len(value.strip()) >= 16):
            return None
    return grade


#: lower-case substrings one of which every secret word contains
_WORD_NEEDLES = ("pass", "pwd", "pw", "secret", "token", "key", "credential")


def scan_line(
    line: str,
    code: bool = False,
    formats: tuple[tuple[str, re.Pattern[str]], ...] | None = None,
    kind: str | None = None,
) -> list[SecretHit]:
    """Every secret-looking value on one line, non-overlapping, leftmost first.

    In source code (*code*), an unquoted value is an expression (a variable, a call), never a
    literal: only quoted values, URL credentials and known key formats count there. *formats*
    (see :func:`key_formats_in`) narrows the key formats tried, for the lines of one file;
    *kind* (the file's kind) says where an unquoted value ends."""
    return _scan(line, code, formats, kind)[0]


#: a line longer than this is redacted once however many facts quote it (see redact), and the
#: file's secret scan keeps its scan of it (LineScan)
LONG_LINE = 4096
#: long lines whose redaction is kept (the last ones redacted)
_LONG_KEPT = 16


@dataclass(frozen=True, slots=True)
class LineScan:
    """The secret scan's reading of one long line of a file: the line, how it was scanned (*code*,
    *kind*, the key formats tried), and what :func:`_scan` gave (its hits, whether complete). A
    fact quoting the line reuses it when redacting the line would scan it the same way (see
    :meth:`result_for`), instead of scanning a minified bundle's megabyte again."""

    line: str
    code: bool
    kind: str | None
    formats: tuple[tuple[str, re.Pattern[str]], ...]
    hits: tuple[SecretHit, ...]
    complete: bool

    def result_for(self, line: str, code: bool, kind: str | None) -> tuple[list[SecretHit], bool] | None:
        """What ``_scan(line, code, None, kind)`` returns, when this scan was that very scan: the
        same line, *code* and *kind*, and the same key formats tried (with none given, _scan
        tries those whose needles the line holds by `_FORMAT_NEEDLE`, and every one of
        _ALWAYS_TRIED); None otherwise."""
        if line is not self.line or code != self.code or kind != self.kind:
            return None
        if key_formats_in(line.lower(), True) != self.formats:
            return None
        return list(self.hits), self.complete


def scan_long_line(
    line: str, code: bool, formats: tuple[tuple[str, re.Pattern[str]], ...], kind: str | None
) -> tuple[list[SecretHit], LineScan]:
    """:func:`scan_line` of a line longer than LONG_LINE, with its :class:`LineScan`."""
    hits, complete = _scan(line, code, formats, kind)
    low = line.lower()
    tried = tuple((fmt, pattern) for fmt, pattern in formats if any(n in low for n in _KEY_NEEDLES[fmt]))
    return hits, LineScan(line, code, kind, tried, tuple(hits), complete)


def redact(line: str, code: bool = False, kind: str | None = None, scanned: LineScan | None = None) -> str:
    """*line* with every secret-looking value replaced by its masked form (*code*, *kind*: see
    :func:`scan_line`; *scanned*: the file's scan of this line, when it is a long one)."""
    if len(line) > LONG_LINE:  # facts quote their whole line: a long minified line is redacted once
        return _redact_long(line, code, kind, scanned)
    return _redact(line, code, kind)


#: (line, code, kind) -> the redacted line, least recently used first
_LONG_REDACTED: collections.OrderedDict[tuple[str, bool, str | None], str] = collections.OrderedDict()


def _redact_long(line: str, code: bool, kind: str | None, scanned: LineScan | None) -> str:
    # a least-recently-used cache of _LONG_KEPT lines (a hit notes no value again, as before)
    key = (line, code, kind)
    done = _LONG_REDACTED.get(key)
    if done is not None:
        _LONG_REDACTED.move_to_end(key)
        return done
    result = scanned.result_for(line, code, kind) if scanned is not None else None
    done = _redacted(line, *(result if result is not None else _scan(line, code, None, kind)))
    _LONG_REDACTED[key] = done
    if len(_LONG_REDACTED) > _LONG_KEPT:
        _LONG_REDACTED.popitem(last=False)
    return done


def _redact(line: str, code: bool, kind: str | None = None) -> str:
    return _redacted(line, *_scan(line, code, None, kind))


def _redacted(line: str, hits: list[SecretHit], complete: bool) -> str:
    """*line* with the spans of *hits* masked (found by :func:`_scan`, complete or not)."""
    if not hits:
        return line
    for hit in hits:
        _note(hit.value)
    if not complete:  # too many secrets to list: hide everything after the first one
        return line[: hits[0].start] + hits[0].redacted + "…"
    out: list[str] = []
    pos = 0
    for hit in hits:
        out.append(line[pos : hit.start])
        out.append(hit.redacted)
        pos = hit.end
    out.append(line[pos:])
    return "".join(out)


# --- the secrets of one file, and their concealment -------------------------------------------------

#: fewer characters than this of a secret may remain at the cut end of a clipped string
_PARTIAL_MIN = 3
#: runs of a secret this long are masked wherever they appear (a cut or unquoted form of it)
_PIECE = 8
#: at most this many pieces are indexed per file (a file with more secrets is a data dump)
_PIECES_MAX = 50_000


class FileSecrets:
    """The secret values found in one file (by the scan, and by any extractor that masked a value
    while this set was collecting), and the concealment of all of them in any text: each whole
    value, and any run of 8 characters or more of one (a value an extractor cut, unquoted or
    split still leaves such runs), plus the start of one at the cut end of a clipped text."""

    __slots__ = ("_pattern", "_pieces", "scan", "values")

    def __init__(self, values: set[str] | None = None) -> None:
        self.values: set[str] = set()
        #: the scan that found the values (secretscan.FileScan), reused by the secret scan's facts
        self.scan: Any = None
        self._pattern: re.Pattern[str] | None = None
        self._pieces: tuple[Needles, dict[str, list[tuple[str, int]]]] | None = None
        for value in values or ():
            self.add(value)

    def __bool__(self) -> bool:
        return bool(self.values)

    def add(self, value: str) -> None:
        """Remember *value* (and the forms it takes once a JSON/YAML string is decoded or encoded)."""
        forms = {value, value.strip()}
        if "\\" in value:
            forms.add(_unescape(value))
        if any(c in value for c in '"\\\n'):
            forms.add(value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n"))
        if PRIVATE_KEY_BEGIN.search(value) or (len(value) > 100 and "\\n" in value):
            forms.update(_PEM_CHUNK.findall(value.replace("\\n", "\n")))  # the body, line by line
        for form in forms:
            if len(form) >= 6 and form not in self.values:
                self.values.add(form)
                self._pattern = self._pieces = None

    def merge(self, other: FileSecrets) -> None:
        """Add the values of *other*: their forms are made value by value, so the union is the set
        that adding the values of both to one set would have made."""
        if not other.values <= self.values:
            self.values |= other.values
            self._pattern = self._pieces = None

    def collecting(self) -> contextlib.AbstractContextManager[FileSecrets]:
        """Within the block, values masked by :func:`mask` or :func:`redact` are added to this set."""
        return _collecting(self)

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            ordered = sorted(self.values, key=lambda v: (-len(v), v))
            # short values only as whole tokens: `s3cr3t` must not eat into `s3cr3tive_name`
            parts = [
                re.escape(v) if len(v) >= 12 else r"(?<![A-Za-z0-9])" + re.escape(v) + r"(?![A-Za-z0-9])"
                for v in ordered
            ]
            self._pattern = re.compile("|".join(parts))
        return self._pattern

    def _piece_index(self) -> tuple[Needles, dict[str, list[tuple[str, int]]]]:
        """The 8-character runs of the values that no ordinary word holds (letters and digits, or
        case switches inside a word), searched together, and where each occurs."""
        if self._pieces is None:
            where: dict[str, list[tuple[str, int]]] = {}
            for value in sorted(self.values):
                for i in range(len(value) - _PIECE + 1):
                    piece = value[i : i + _PIECE]
                    if switches(piece) >= 2 or (any(c.isdigit() for c in piece) and any(c.isalpha() for c in piece)):
                        where.setdefault(piece, []).append((value, i))
                if len(where) > _PIECES_MAX:
                    break
            self._pieces = (Needles(where), where)
        return self._pieces

    def conceal(self, text: str) -> str:
        """*text* with every known secret value masked, including runs of 8 characters or more of
        one and the start of one cut off by clipping at the end of *text*."""
        if not self.values or not text:
            return text
        pattern = self._compiled()
        if pattern.search(text):
            text = pattern.sub(lambda m: mask(m.group(0)), text)
        pieces, where = self._piece_index()
        if where:
            text = self._conceal_runs(text, pieces, where)
        if len(text) >= 100 or text.endswith("…"):
            text = self._conceal_cut(text)
        return text

    @staticmethod
    def _conceal_runs(text: str, pieces: Needles, where: dict[str, list[tuple[str, int]]]) -> str:
        """Mask the longest run of a value around each 8-character piece of it found in *text*
        (a piece starting inside a run already masked is passed over)."""
        out: list[str] = []
        pos = 0
        for start, end in pieces.spans(text):  # all pieces have one length: in order of start
            if start < pos:
                continue
            piece = text[start:end]
            best = (start, end, where[piece][0][0])
            for value, offset in where[piece]:
                a, j = start, offset
                while a > pos and j > 0 and text[a - 1] == value[j - 1]:
                    a, j = a - 1, j - 1
                b, k = end, offset + _PIECE
                while b < len(text) and k < len(value) and text[b] == value[k]:
                    b, k = b + 1, k + 1
                if b - a > best[1] - best[0]:
                    best = (a, b, value)
            out.append(text[pos : best[0]])
            out.append(mask(best[2]))
            pos = best[1]
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    def _conceal_cut(self, text: str) -> str:
        """A clipped string ending with the first characters of a secret: mask those too (from
        3 characters after a clip mark `…`, from 6 at the end of a long string)."""
        clipped = text.endswith("…")
        body = text[:-1] if clipped else text
        least = _PARTIAL_MIN if clipped else 6
        best = -1
        found = ""
        # longest first (then by text): of two values cut at the same place, the longer is masked,
        # whatever the order of the set (which changes with the hash seed)
        for value in sorted(self.values, key=lambda v: (-len(v), v)):
            i = body.find(value[0], max(0, len(body) - len(value) + 1))
            while i != -1 and len(body) - i >= least:
                if value.startswith(body[i:]) and (
                    clipped or i == 0 or not (body[i - 1].isalnum() and value[0].isalnum())
                ):
                    if best == -1 or i < best:
                        best, found = i, value
                    break
                i = body.find(value[0], i + 1)
        if best == -1:
            return text
        return body[:best] + mask(found) + ("…" if clipped else "")


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), value)


_COLLECTOR: contextvars.ContextVar[FileSecrets | None] = contextvars.ContextVar("twelve_secrets", default=None)


@contextlib.contextmanager
def _collecting(secrets: FileSecrets) -> Iterator[FileSecrets]:
    token = _COLLECTOR.set(secrets)
    try:
        yield secrets
    finally:
        _COLLECTOR.reset(token)


def _note(value: str) -> None:
    """A value some code masked: the file being read hides it everywhere (see FileSecrets)."""
    collector = _COLLECTOR.get()
    if collector is not None and worth_hiding(value):
        collector.add(value)


def active() -> FileSecrets | None:
    """The secrets of the file being read, when extract_file is reading one."""
    return _COLLECTOR.get()


def conceal(
    text: str,
    secrets: FileSecrets | None = None,
    code: bool = False,
    kind: str | None = None,
    scanned: LineScan | None = None,
) -> str:
    """*text* with the secrets of its file masked: whatever the line scan finds in it (*code*,
    *kind*: see :func:`scan_line`; *scanned*: see :func:`redact`) and the values known to be
    secrets (*secrets*, by default those of the file being read)."""
    if KEYWORD_RE.search(text.lower()):  # most lines cannot hold a secret: skip the full scan
        text = redact(text, code, kind, scanned)
    secrets = secrets if secrets is not None else _COLLECTOR.get()
    return secrets.conceal(text) if secrets else text


def conceal_value(value: Any, secrets: FileSecrets, skip: frozenset[str] = frozenset()) -> Any:
    """*value* with every string inside it (dict keys and values, list items, dataclass fields but
    those named in *skip*) passed through :meth:`FileSecrets.conceal`; the same object when
    nothing changed."""
    if isinstance(value, str):
        return secrets.conceal(value)
    if isinstance(value, dict):
        changed = False
        out = {}
        for k, v in value.items():
            new_k, new_v = conceal_value(k, secrets), conceal_value(v, secrets)
            changed = changed or new_k is not k or new_v is not v
            out[new_k] = new_v
        return out if changed else value
    if isinstance(value, (list, tuple)):
        items = [conceal_value(v, secrets) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return value
        return type(value)(items) if isinstance(value, list) else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.name in skip or not f.init:
                continue
            old = getattr(value, f.name)
            new = conceal_value(old, secrets)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


#: fields of a fact that name it rather than quote the file
FACT_IDENTITY = frozenset({"kind", "path", "line", "scope"})


def conceal_fact(fact: Any, secrets: FileSecrets) -> Any:
    """*fact* with the secrets of its file masked in its excerpt and every string of its data."""
    if not secrets:
        return fact
    return conceal_value(fact, secrets, FACT_IDENTITY)


#: lower-case substrings, one of which every secret pattern needs: a C-speed test before any regex
_KEYWORDS = tuple(
    sorted(
        {
            "pass",
            "pwd",
            "pw",
            "secret",
            "token",
            "key",
            "private",
            "credential",
            "signing",
            "encryption",
            "://",
            "authorization",
            "-----begin",
            *_CLI_NEEDLES,
            *(n for _k, _p, needles in _FORMATS for n in needles if len(n) > 2),
        }
    )
)
KEYWORD_RE = re.compile(trie_regex(_KEYWORDS))
KEYWORD_NEEDLES = Needles(_KEYWORDS)
