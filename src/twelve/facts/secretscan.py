"""Secrets in any text file (the factor-III litmus test applies to every tracked file).

The scan runs before the file's other extractors (:func:`prepare`): the values it finds, with
those any extractor masks while it reads the file, are hidden from every fact of the file (see
:class:`twelve.facts.secrets.FileSecrets`). Each hit is graded twice: by its value alone (what is
masked) and in its context (what is reported): a real-looking value in a test, an example, the
documentation or a local compose database is masked but reported as trivial, never as a
committed secret; known provider key formats stay secrets wherever they are. A made-up password
(`Summer2024!`) graded trivial for its shape is a secret in the shipped code and in production
deploy files.
"""

from __future__ import annotations

import bisect
import itertools
import posixpath
import re
from dataclasses import dataclass, field

from twelve.facts.base import Fact, Source
from twelve.facts.secrets import (
    KEYWORD_NEEDLES,
    KEYWORD_RE,
    LONG_LINE,
    PROVIDER_KINDS,
    FileSecrets,
    LineScan,
    SecretHit,
    active,
    chosen_password,
    key_formats_in,
    key_formats_in_lines,
    looks_random,
    mask,
    scan_line,
    scan_long_line,
    worth_hiding,
)
from twelve.model import Scope
from twelve.repository.kinds import CODE_KINDS

_SKIP_NAMES = frozenset(
    {
        "poetry.lock",
        "uv.lock",
        "Pipfile.lock",
        "pdm.lock",
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "go.sum",
        "Gemfile.lock",
        "composer.lock",
        "Cargo.lock",
    }
)
#: secret facts reported per file (every hit is still masked)
MAX_HITS_PER_FILE = 50
#: hits remembered per file for masking; a file with more is a data dump, its lines are still
#: masked one by one when a fact quotes them
MAX_SCANNED_HITS = 20_000
#: lines of a private key's body read after its armour
_PEM_LINES = 200
#: `- name: DB_PASSWORD` alone on its line; the value follows on the next one
_NAME_LINE = re.compile(
    r"^\s*(?:-\s*)?[\"']?name[\"']?\s*[:=]\s*[\"']?(?P<name>[\w.-]{1,128})[\"']?\s*,?\s*$", re.IGNORECASE
)
_VALUE_LINE = re.compile(r"^\s*[\"']?value[\"']?\s*[:=]\s*", re.IGNORECASE)
#: scopes whose values are not production's: a real-looking value there is a throwaway
_NOT_PRODUCTION = frozenset({Scope.TEST, Scope.DEV, Scope.EXAMPLE, Scope.DOCS})
#: file kinds that document rather than configure
_DOC_KINDS = frozenset({"markdown", "text"})
_DOC_SUFFIX = re.compile(r"\.(?:md|markdown|rst|txt|adoc|asciidoc|html?|ipynb|org|tex|pod)$", re.IGNORECASE)
#: translation catalogues: their values are UI strings
_I18N = re.compile(
    r"(^|/)(locales?|i18n|l10n|translations?|lang|langs)/|\.(po|pot|xlf|xliff|strings|arb)$|(^|/)messages(_\w+)?\.properties$"
)
#: compose variables that set a database container's own credentials (a local container's, unless
#: the file's name says it deploys)
_DB_BOOTSTRAP = re.compile(
    r"(?i)^(?:POSTGRES|PG|MYSQL|MARIADB|MONGO(?:_INITDB_ROOT)?|MONGODB(?:_ROOT)?|RABBITMQ(?:_DEFAULT)?|REDIS|MINIO(?:_ROOT)?"
    r"|ELASTIC|KEYCLOAK(?:_ADMIN)?|KC_DB|KC_BOOTSTRAP_ADMIN|PGADMIN_DEFAULT|MSSQL_SA|SA|ORACLE|NEO4J|INFLUXDB(?:_ADMIN)?"
    r"|DOCKER_INFLUXDB_INIT|CLICKHOUSE|COUCHDB|ARANGO_ROOT|GF_SECURITY_ADMIN|DB|DATABASE)_?(?:ROOT_|ADMIN_|USER_)?PASS(?:WORD)?$"
)
_EXPLICIT_DEPLOY = re.compile(r"(?i)[._-](prod|production|deploy|release|staging|live)\.ya?ml$")
_URL_HOST = re.compile(r"@([^/:?#\s'\"]*)")
#: style sheets: `.fa-user-secret:before{…}` names no secret (only key formats are searched there)
_STYLESHEET = re.compile(r"\.(?:css|scss|sass|less|styl)$", re.IGNORECASE)


@dataclass(slots=True)
class FileScan:
    """The hits of one file (line number, hit), and the values of multi-line secrets."""

    path: str
    text_id: int
    hits: list[tuple[int, SecretHit]] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    #: the scans of its lines longer than LONG_LINE, by line number (a fact quoting one reuses it)
    long: dict[int, LineScan] = field(default_factory=dict)

    def long_line(self, source: Source, number: int | None) -> LineScan | None:
        """The scan of line *number* of *source*, when it is a long line this scan read."""
        if number is None or not self.long or self.path != source.path or self.text_id != id(source.text):
            return None
        return self.long.get(number)


def _candidates(source: Source, lower: str) -> list[int]:
    """Line numbers holding a keyword of some secret pattern (a C-speed search per such line)."""
    candidates: list[int] = []
    text = source.text
    if len(lower) != len(text):  # lower-casing changed offsets (`İ` becomes two characters)
        return [number for number, line in enumerate(source.lines, 1) if KEYWORD_RE.search(line.lower())]
    if source.newline_only:  # lines are split by \n alone: one pass finds them
        return KEYWORD_NEEDLES.lines(lower)
    match = KEYWORD_RE.search(lower)
    # line start offsets, with the same line breaks as Source.lines
    starts = [0, *itertools.accumulate(len(part) for part in text.splitlines(True))]
    while match is not None:
        line = bisect.bisect_right(starts, match.start())
        candidates.append(line)
        if line >= len(starts):
            break
        match = KEYWORD_RE.search(lower, starts[line])
    return candidates


def scan(source: Source) -> FileScan:
    """Every hit of the file, long lines included (each line is scanned in linear time)."""
    found = FileScan(source.path, id(source.text))
    if posixpath.basename(source.path) in _SKIP_NAMES:
        return found
    lower = source.text.lower()
    candidates = _candidates(source, lower)
    if not candidates:
        return found
    code = source.kind in CODE_KINDS
    lines = source.lines
    # the formats whose needles the file holds, read from its candidate lines only (a needle is a
    # keyword: the lines without one hold none)
    formats = (
        key_formats_in_lines(lines[number - 1] for number in candidates)
        if candidates[-1] <= len(lines)
        else key_formats_in(lower, True)
    )
    kind = "stylesheet" if _STYLESHEET.search(source.path) else source.kind
    paired = "apiversion:" not in lower  # Kubernetes env pairs are the manifest reader's
    for number in candidates:
        if number > len(lines):
            continue
        line = lines[number - 1]
        if len(line) > LONG_LINE:
            line_hits, found.long[number] = scan_long_line(line, code, formats, kind)
        else:
            line_hits = scan_line(line, code, formats, kind)
        for hit in line_hits:
            found.hits.append((number, hit))
            if hit.kind == "private_key" and hit.end == len(line) and not code:
                found.values.extend(_private_key_body(lines, number))
        if paired and number < len(lines):
            pair = _pair(line, lines[number], code, kind)
            if pair is not None:
                found.hits.append((number + 1, pair))
        if len(found.hits) >= MAX_SCANNED_HITS:
            break
    return found


def _private_key_body(lines: list[str], begin: int) -> list[str]:
    """The lines of a private key's body after its armour's line (up to the end armour)."""
    body: list[str] = []
    for line in lines[begin : begin + _PEM_LINES]:
        if "-----END" in line:
            break
        body.append(line.strip().strip("\"',"))
    return [b for b in body if len(b) >= 8]


def _pair(line: str, following: str, code: bool, kind: str) -> SecretHit | None:
    """`name: DB_PASSWORD` on *line* and `value: …` on the *following* one."""
    named = _NAME_LINE.match(line)
    if named is None:
        return None
    value_line = _VALUE_LINE.match(following)
    if value_line is None:
        return None
    name = named.group("name")
    for hit in scan_line(f"{name}: {following[value_line.end() :]}", code, None, kind):
        if hit.name == name:
            offset = value_line.end() - len(name) - 2
            return SecretHit(hit.kind, name, hit.start + offset, hit.end + offset, hit.grade, hit.redacted, hit.value)
    return None


def prepare(source: Source) -> FileSecrets:
    """The secret values of *source*, known before its extractors run; never raises (a failing
    scan is reported by :func:`extract`, which the extractor loop runs and contains)."""
    secrets = FileSecrets()
    try:
        found = scan(source)
    except Exception:
        return secrets
    for _number, hit in found.hits:
        if worth_hiding(hit.value) or (hit.kind in PROVIDER_KINDS or hit.kind == "jwt" or hit.kind == "private_key"):
            secrets.add(hit.value)
    for value in found.values:
        secrets.add(value)
    secrets.scan = found
    return secrets


def _context_grade(hit: SecretHit, source: Source, number: int) -> str | None:
    """The grade reported for *hit*: its value's grade, lowered where the value cannot be one
    production uses."""
    grade = hit.grade
    if (
        grade == "trivial"
        and hit.kind == "assignment"
        and source.scope is Scope.PRODUCTION
        and chosen_password(hit.value)
        and (source.kind in CODE_KINDS or _EXPLICIT_DEPLOY.search(source.path))
    ):
        return "secret"  # a made-up password (`Summer2024!`) in the shipped code or a production deploy file
    if grade != "secret" or hit.kind in PROVIDER_KINDS:
        return grade
    if source.scope in _NOT_PRODUCTION:
        return "trivial"  # dev/test-only values, examples, documentation
    if (source.kind in _DOC_KINDS or _DOC_SUFFIX.search(source.path)) and not (
        looks_random(hit.value) and len(hit.value) >= 16
    ):
        return "trivial"  # a documentation example (`"PASSWORD": "veryPriv@ate"`)
    if _I18N.search(source.path) and not looks_random(hit.value):
        return None
    if source.kind == "compose" and not _EXPLICIT_DEPLOY.search(source.path):
        if _DB_BOOTSTRAP.match(hit.name):
            return "trivial"  # the password of a local database container
        if hit.kind == "url_credentials":
            host = _URL_HOST.search(source.line_text(number), hit.end)
            if host and "." not in host.group(1):
                return "trivial"  # a URL to another service of the same compose file (`db`, `localhost`)
    return grade


def extract(source: Source) -> list[Fact]:
    collector = active()
    found = getattr(collector, "scan", None)
    if not isinstance(found, FileScan) or found.path != source.path or found.text_id != id(source.text):
        found = scan(source)
    facts: list[Fact] = []
    for number, hit in found.hits:
        grade = _context_grade(hit, source, number)
        if grade is None:
            continue
        facts.append(
            source.fact(
                "secret",
                number,
                kind=hit.kind,
                name=hit.name,
                grade=grade,
                redacted=hit.redacted,
                file_kind=source.kind,
            )
        )
        if len(facts) >= MAX_HITS_PER_FILE:
            break
    return facts


__all__ = ["FileScan", "MAX_HITS_PER_FILE", "extract", "mask", "prepare", "scan"]
