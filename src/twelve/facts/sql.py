"""SQL files (`*.sql`): how many statements of each sort a file holds, and the dump tool that wrote
it when its header says so.

A file of CREATE TABLE and INSERT statements with a `-- MySQL dump` or `Navicat` header is a
database dump to import by hand; the same statements under `db/migration/V1__init.sql` are a
migration. The file says what it holds (one `sql.script` fact); the app model decides which it is
from where it sits and what else the repository has.
"""

from __future__ import annotations

import re

from twelve.facts.base import Fact, Source

#: headers written by dump tools, in the first lines of the file
_DUMP_HEADERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)navicat"), "navicat"),
    (re.compile(r"(?i)\bMySQL dump\b|\bmysqldump\b|MariaDB dump"), "mysqldump"),
    (re.compile(r"(?i)PostgreSQL database (cluster )?dump|\bpg_dump(all)?\b"), "pg_dump"),
    (re.compile(r"(?i)phpMyAdmin SQL Dump"), "phpmyadmin"),
    (re.compile(r"(?i)HeidiSQL"), "heidisql"),
    (re.compile(r"(?i)DBeaver"), "dbeaver"),
    (re.compile(r"(?i)^\s*PRAGMA foreign_keys\s*=\s*OFF;\s*$"), "sqlite"),
)
_HEADER_LINES = 40
#: comments and string literals, removed before statements are counted
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/|#[^\n]*", re.S)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.|'')*'", re.S)
_STATEMENT = re.compile(
    r"(?im)^\s*(create|alter|drop|insert|replace|update|delete|set|use|lock|unlock|begin|commit|"
    r"start|grant|revoke|copy|comment|select|truncate)\b(\s+(or\s+replace\s+)?(\w+))?"
)
_CREATES = frozenset(
    {
        "table",
        "view",
        "index",
        "unique",
        "sequence",
        "type",
        "function",
        "procedure",
        "trigger",
        "schema",
        "extension",
        "materialized",
        "temporary",
        "temp",
    }
)


def extract(source: Source) -> list[Fact]:
    text = source.text
    dump, line = None, 1
    for number, text_line in enumerate(source.lines[:_HEADER_LINES], start=1):
        dump = next((name for pattern, name in _DUMP_HEADERS if pattern.search(text_line)), None)
        if dump is not None:
            line = number
            break
    body = _COMMENTS.sub(" ", _STRINGS.sub("''", text))
    counts = {"create": 0, "alter": 0, "drop": 0, "insert": 0}
    statements = 0
    for match in _STATEMENT.finditer(body):
        statements += 1
        verb, noun = match.group(1).lower(), (match.group(4) or "").lower()
        if verb == "create" and noun in _CREATES:
            counts["create"] += 1
        elif verb in ("alter", "drop"):
            counts[verb] += 1
        elif verb in ("insert", "replace", "copy"):
            counts["insert"] += 1
    if not statements and dump is None:
        return []
    if dump is None:
        first = _STATEMENT.search(text)
        line = text.count("\n", 0, first.start()) + 1 if first else 1
    return [
        source.fact(
            "sql.script",
            line,
            creates=counts["create"],
            alters=counts["alter"],
            drops=counts["drop"],
            inserts=counts["insert"],
            statements=statements,
            dump=dump,
        )
    ]
