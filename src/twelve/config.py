"""Configuration: ``[tool.twelve]`` in ``pyproject.toml``, or a ``.twelve.toml`` file.

    [tool.twelve]                      # in .twelve.toml the same keys sit at the top level
    exclude = ["legacy/**"]            # .gitignore-style globs left out of the assessment
    select = ["F03", "F05"]            # rule-id prefixes to run (default: all)
    ignore = ["F05-S6"]                # rule-id prefixes to skip
    lang = "pt-BR"                     # report language (en or pt-BR)
    profile = "canonical"              # criteria profile (only "canonical" for now)
    fail-on = "does_not_meet"          # exit code 1 when a factor is at or below this status
    min-meets = 9                      # exit code 1 when fewer factors meet
    kind = "library"                   # auto (default), app or library: what the repository is
    waivers = [
      {rule = "F07-S3", path = "Dockerfile", reason = "the platform maps 5000 to $PORT", expires = 2026-06-30},
    ]

The file is found by walking up from the target directory: in each directory ``.twelve.toml``
wins over ``pyproject.toml``, and a ``pyproject.toml`` without a ``[tool.twelve]`` table is passed
over. The walk stops at the first directory that holds ``.git`` (the repository's root); a
target in no repository only has its own directory looked at. A configuration never leaks in
from outside the repository. A list given on the command line (``--select``/``--ignore``,
``--exclude``) replaces the file's, and whatever the file narrows is stated in every report. Files found this way belong to the
analyzed repository, which is hostile input: they are read bounded, never through a symbolic
link, and only if they are regular files.

Every mistake (an unknown key, a value of the wrong type, an unknown rule id, a waiver without a
reason) is a :class:`ConfigError` naming the file and the key; the command line turns it into
exit code 2.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import stat
from dataclasses import dataclass
from typing import Any

from twelve.model import Message

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef,unused-ignore]

CONFIG_FILE = ".twelve.toml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1024 * 1024
PROFILES = ("canonical",)
FAIL_ON = ("does_not_meet", "partial")
KEYS = ("exclude", "select", "ignore", "lang", "profile", "fail-on", "min-meets", "kind", "waivers")
KINDS = ("auto", "app", "library")
WAIVER_KEYS = ("rule", "path", "reason", "expires")


class ConfigError(Exception):
    """A configuration mistake: *file* and *key* say where, *problem* (a catalogue message) what."""

    def __init__(self, file: str, key: str, problem: Message) -> None:
        super().__init__(f"{file}: {key}: {problem.key}")
        self.file = file
        self.key = key
        self.problem = problem

    @property
    def message(self) -> Message:
        if self.key in ("", "-"):  # the whole file (unreadable, not TOML): no key to name
            return Message("config.error_file", (("file", self.file), ("problem", self.problem)))  # type: ignore[arg-type]
        return Message("config.error", (("file", self.file), ("key", self.key), ("problem", self.problem)))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class WaiverRule:
    """A waiver written in the configuration: findings of *rule* (under *path*, when given) do
    not count, for *reason*, until *expires* (inclusive)."""

    rule: str
    reason: str
    path: str | None = None
    expires: _dt.date | None = None
    key: str = ""  # where it is written, e.g. ``tool.twelve.waivers[0]``

    def expired(self, today: _dt.date) -> bool:
        return self.expires is not None and self.expires < today


@dataclass(frozen=True, slots=True)
class Config:
    file: str | None = None  # the file read, as the user named it or as found
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    profile: str = "canonical"
    fail_on: str | None = None
    min_meets: int | None = None
    waivers: tuple[WaiverRule, ...] = ()
    #: "auto", "app" or "library" (issue 12); None when the file does not say
    kind: str | None = None


# -- finding the file ------------------------------------------------------------------------------


def _read_bounded(path: str, follow: bool) -> str:
    """The text of the regular file at *path*, at most MAX_CONFIG_BYTES, never through a symlink
    unless *follow* (a file the user named explicitly)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    finally:
        os.close(fd)
    if len(raw) > MAX_CONFIG_BYTES:
        raise OSError(f"larger than {MAX_CONFIG_BYTES} bytes")
    return raw.decode("utf-8", "replace")


def _mentions_table(path: str) -> bool:
    """Whether the pyproject.toml at *path* has a [tool.twelve] table (cheap text test first, so
    that a broken pyproject.toml of the analyzed project is only an error when it concerns us)."""
    try:
        text = _read_bounded(path, follow=False)
    except OSError:
        return False
    if "tool.twelve" not in text and "[tool]" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "tool.twelve" in text
    return isinstance(data.get("tool"), dict) and "twelve" in data["tool"]


def _repository_root(start: str) -> str | None:
    """The nearest directory at or above *start* that holds ``.git`` (the repository's root)."""
    here = start
    while True:
        if os.path.lexists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def discover(target: str) -> str | None:
    """The configuration file that applies to *target*, or None.

    Inside a git repository the lookup walks up from *target* to the repository's root and no
    further; a target that is in no repository only has its own directory looked at, so that a
    ``.twelve.toml`` left in a shared parent (``/tmp``, a home directory) never applies."""
    here = os.path.abspath(target)
    top = _repository_root(here) or here
    while True:
        dotfile = os.path.join(here, CONFIG_FILE)
        if os.path.lexists(dotfile):
            return dotfile
        pyproject = os.path.join(here, PYPROJECT)
        if os.path.isfile(pyproject) and not os.path.islink(pyproject) and _mentions_table(pyproject):
            return pyproject
        parent = os.path.dirname(here)
        if here == top or parent == here:
            return None
        here = parent


def shown_path(path: str, target: str) -> str:
    """*path* relative to the target when it lies inside it (reports must not leak home paths)."""
    full, root = os.path.abspath(path), os.path.abspath(target)
    try:
        rel = os.path.relpath(full, root)
    except ValueError:  # pragma: no cover - other drive on Windows
        return full
    return full if rel.startswith("..") else rel.replace(os.sep, "/")


# -- reading and checking it -----------------------------------------------------------------------


def load(path: str, *, explicit: bool = False, shown: str | None = None) -> Config:
    """Read and check the configuration file at *path*; *shown* is how errors name it."""
    name = shown or path
    try:
        text = _read_bounded(path, follow=explicit)
    except OSError as exc:
        raise ConfigError(name, "", Message.of("config.unreadable", detail=exc.strerror or str(exc))) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(name, "", Message.of("config.invalid_toml", detail=str(exc))) from None
    prefix = ""
    if os.path.basename(path) == PYPROJECT:
        tool = data.get("tool")
        if not isinstance(tool, dict) or "twelve" not in tool:
            raise ConfigError(name, "tool.twelve", Message.of("config.no_table"))
        data, prefix = tool["twelve"], "tool.twelve."
        if not isinstance(data, dict):
            raise ConfigError(name, "tool.twelve", Message.of("config.expected_table"))
    return _parse(data, name, prefix)


def _parse(data: dict[str, Any], name: str, prefix: str) -> Config:
    from twelve.locale import normalize_lang

    for key in data:
        if key not in KEYS:
            raise ConfigError(name, prefix + key, Message.of("config.unknown_key", allowed=", ".join(KEYS)))
    checker = _Checker(name, prefix)
    lang = None
    if "lang" in data:
        raw = checker.string(data["lang"], "lang")
        lang = normalize_lang(raw)
        if lang is None:
            raise checker.error("lang", "config.bad_lang", value=raw)
    profile = "canonical"
    if "profile" in data:
        profile = checker.string(data["profile"], "profile")
        if profile not in PROFILES:
            raise checker.error("profile", "config.bad_profile", value=profile)
    fail_on = None
    if "fail-on" in data:
        fail_on = checker.string(data["fail-on"], "fail-on").replace("-", "_")
        if fail_on not in FAIL_ON:
            raise checker.error("fail-on", "config.bad_fail_on", value=data["fail-on"])
    min_meets = None
    if "min-meets" in data:
        value = data["min-meets"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 12:
            raise checker.error("min-meets", "config.bad_min_meets", value=_shown(value))
        min_meets = value
    kind = None
    if "kind" in data:
        kind = checker.string(data["kind"], "kind")
        if kind not in KINDS:
            raise checker.error("kind", "config.bad_kind", value=kind)
    return Config(
        file=name,
        exclude=tuple(checker.strings(data.get("exclude", []), "exclude")),
        select=tuple(
            checker.rule_prefix(v, f"select[{i}]")
            for i, v in enumerate(checker.strings(data.get("select", []), "select"))
        ),
        ignore=tuple(
            checker.rule_prefix(v, f"ignore[{i}]")
            for i, v in enumerate(checker.strings(data.get("ignore", []), "ignore"))
        ),
        lang=lang,
        profile=profile,
        fail_on=fail_on,
        min_meets=min_meets,
        waivers=tuple(checker.waivers(data.get("waivers", []))),
        kind=kind,
    )


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:79] + "…"


class _Checker:
    """Type and value checks that raise a ConfigError naming the file and the full key."""

    def __init__(self, name: str, prefix: str) -> None:
        self.name = name
        self.prefix = prefix

    def error(self, key: str, problem: str, **params: Any) -> ConfigError:
        return ConfigError(self.name, self.prefix + key, Message.of(problem, **params))

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.error(key, "config.expected_string", value=_shown(value))
        if not value.strip():
            raise self.error(key, "config.empty_string")
        return value.strip()

    def strings(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list):
            raise self.error(key, "config.expected_list", value=_shown(value))
        return [self.string(item, f"{key}[{i}]") for i, item in enumerate(value)]

    def rule_prefix(self, value: str, key: str) -> str:
        """A rule selector (``F03``, ``F05-S09``, an old id such as ``F05-S9``) that selects at least
        one rule (see twelve.rules.ids)."""
        from twelve.rules.ids import UnknownRule, canonical, resolve

        try:
            resolve(value)
        except UnknownRule:
            raise self.error(key, "config.unknown_rule", value=value) from None
        return canonical(value) or value.strip().upper()

    def rule_id(self, value: str, key: str) -> str:
        """The current id of rule *value* (a current or old id, in any case)."""
        from twelve.rules.ids import canonical

        found = canonical(value)
        if found is None:
            raise self.error(key, "config.unknown_rule_id", value=value)
        return found

    def date(self, value: Any, key: str) -> _dt.date:
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.error(key, "config.bad_date", value=_shown(value))

    def waivers(self, value: Any) -> list[WaiverRule]:
        if not isinstance(value, list):
            raise self.error("waivers", "config.expected_list_of_tables", value=_shown(value))
        out: list[WaiverRule] = []
        for index, item in enumerate(value):
            key = f"waivers[{index}]"
            if not isinstance(item, dict):
                raise self.error(key, "config.expected_table")
            for field in item:
                if field not in WAIVER_KEYS:
                    raise self.error(f"{key}.{field}", "config.unknown_key", allowed=", ".join(WAIVER_KEYS))
            if "rule" not in item:
                raise self.error(f"{key}.rule", "config.missing_rule")
            if "reason" not in item or (isinstance(item["reason"], str) and not item["reason"].strip()):
                raise self.error(f"{key}.reason", "config.missing_reason")
            rule = self.rule_id(self.string(item["rule"], f"{key}.rule"), f"{key}.rule")
            reason = self.string(item["reason"], f"{key}.reason")
            path = self.string(item["path"], f"{key}.path") if "path" in item else None
            expires = self.date(item["expires"], f"{key}.expires") if "expires" in item else None
            out.append(WaiverRule(rule, reason, path, expires, self.prefix + key))
        return out
