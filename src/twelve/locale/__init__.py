"""Message catalogues: every user-facing sentence, in Brazilian Portuguese and English.

Catalogues are TOML files under ``locale/<lang>/``; a table per rule id (``[F03-S2]`` with
``title``, ``message``, ``remediation``, ``motivation``) plus shared tables (``[verdict]``,
``[status]``, ``[report]``...). Keys are ``<table>.<field>``.

Plurals are real plural forms, chosen by the language's CLDR plural rules (Babel), never a
hand-made "(s)": a template writes ``{count} {count:plural:one=commit|other=commits}``; the
categories a language uses are CLDR's (English: one, other; Portuguese: one, many, other), a
category the entry does not give falls back to ``other``, and an exact value wins over its
category, as in ICU (``=0`` for Portuguese's plural zero: CLDR files 0 under ``one``). The glossary of each language is
docs/glossary.md.
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from twelve.model import Message

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef,unused-ignore]

LANGUAGES = ("en", "pt-BR")
_DIRS = {"en": "en", "pt-BR": "pt_BR"}


def normalize_lang(value: str | None) -> str | None:
    if not value:
        return None
    low = value.strip().lower().replace("_", "-")
    if low.startswith("pt"):
        return "pt-BR"
    if low.startswith("en"):
        return "en"
    return None


def detect_lang(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "pt-BR" if value.lower().startswith("pt") else "en"
    return "en"


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(value, name, out)
        else:
            out[name] = str(value)


#: the file of each catalogue holding the messages of the command line itself (`Report written
#: to ...`) and every word a rule passes as a value, read alone when a run needs no other message
#: (a replayed run writing to a file)
_COMMON = "common.toml"


def _folder(lang: str) -> Any:
    here = os.path.join(os.path.dirname(__file__), _DIRS[lang])
    if os.path.isdir(here):  # an installed or checked-out package: no importlib.resources to import
        from pathlib import Path

        return Path(here)
    from importlib import resources

    return resources.files("twelve.locale").joinpath(_DIRS[lang])


@lru_cache(maxsize=64)
def _load_file(lang: str, name: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    _flatten(tomllib.loads(_folder(lang).joinpath(name).read_text(encoding="utf-8")), "", flat)
    return flat


@lru_cache(maxsize=4)
def _load(lang: str) -> dict[str, str]:
    """Every message of *lang*'s catalogue (its files hold no key twice: tested)."""
    merged: dict[str, str] = {}
    for entry in sorted(_folder(lang).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            merged.update(_load_file(lang, entry.name))
    return merged


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Catalog:
    lang: str
    #: the sentence of each message already rendered by this catalogue (a report of a hundred apps
    #: renders the same findings a hundred times); a message with an unhashable parameter is not kept
    _rendered: dict[tuple[Message, bool], str] = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def entries(self) -> dict[str, str]:
        return _load(self.lang)

    def has(self, key: str) -> bool:
        return key in self.entries

    def template(self, key: str) -> str:
        """The template for *key*; `x.field_variant` falls back to `x.field`, then to English."""
        if key.startswith("cli."):  # no key is in two files: found in the small file, it is the one
            common = _load_file(self.lang, _COMMON)
            if key in common:
                return common[key]
        for lang in (self.lang, "en"):
            entries = _load(lang)
            if key in entries:
                return entries[key]
            head, _, field = key.rpartition(".")
            if "_" in field and f"{head}.{field.split('_', 1)[0]}" in entries:
                return entries[f"{head}.{field.split('_', 1)[0]}"]
        return key

    def text(self, key: str, **params: Any) -> str:
        return self.render(Message(key, tuple(params.items())))

    def render(self, message: Message, mid_sentence: bool = False) -> str:
        """The sentence for *message*; *mid_sentence* lower-cases its first word when it is an
        ordinary word of the template (never a parameter, never a proper noun)."""
        try:
            return self._rendered[(message, mid_sentence)]
        except KeyError:
            sentence = self._rendered[(message, mid_sentence)] = self._render(message, mid_sentence)
            return sentence
        except TypeError:  # an unhashable parameter
            return self._render(message, mid_sentence)

    def _render(self, message: Message, mid_sentence: bool) -> str:
        template = self.template(message.key)
        if mid_sentence:
            template = _mid_sentence(template)
        params = _Params()
        for key, value in message.params:
            params[key] = (
                self.render(value, mid_sentence=True) if isinstance(value, Message) else self.value(key, value)
            )
        if "{" not in template:
            return template
        return self.fill(template, params)

    def value(self, param: str, value: Any) -> Any:
        """A parameter's value in this language: a word a rule passes as a value (``state`` =
        ``tracked``, ``how`` = ``embedded``) is looked up as ``value.<param>.<value>`` in this
        language's catalogue, and kept as is when it is not there (names, paths, code)."""
        if isinstance(value, str) and value and len(value) < 40:  # every value.* key is in common.toml (tested)
            return _load_file(self.lang, _COMMON).get(f"value.{param}.{value}", value)
        return value

    def fill(self, template: str, params: dict[str, Any]) -> str:
        """*template* with *params* filled in (plural forms chosen for this language). A template
        without a plural spec is filled by str.format_map (in C; string.Formatter, in Python,
        took half the time of a report of a hundred apps): the same fields, conversions and
        specs."""
        if ":plural:" not in template:
            return template.format_map(params)
        return _Formatter(self.lang).vformat(template, (), params)

    def plural(self, count: object) -> str:
        """The CLDR plural category of *count* in this language (one, few, many, other...)."""
        return plural_category(self.lang, count)


@lru_cache(maxsize=4)
def _plural_rule(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(lang.replace("-", "_")).plural_form


def plural_category(lang: str, count: object) -> str:
    try:
        number = int(str(count).replace(",", "").replace(".", "").strip())
    except ValueError:
        return "other"
    return str(_plural_rule(lang)(number))


def plural_choice(lang: str, count: object, spec: str) -> str:
    """The form of ``one=...|other=...`` (a plural spec) for *count* in *lang*."""
    forms = {}
    for part in spec.split("|"):
        exact_value = part.startswith("=")
        name, sep, word = part[1:].partition("=") if exact_value else part.partition("=")
        if sep:
            forms[("=" if exact_value else "") + name] = word
    exact = forms.get(f"={str(count).strip()}") if any(k.startswith("=") for k in forms) else None
    return exact if exact is not None else forms.get(plural_category(lang, count), forms.get("other", ""))


_PLURAL_SPEC = re.compile(r"\{\w+:plural:([^{}]*)\}")


def without_plural_specs(template: str) -> str:
    """*template* with each plural spec written as its ``other`` form, for pages that show
    templates themselves (``{count} {count:plural:one=value|other=values}`` -> ``{count} values``)."""
    return _PLURAL_SPEC.sub(lambda m: plural_choice("en", "other", m.group(1)), template)


class _Formatter(string.Formatter):
    """str.format, plus ``{n:plural:one=...|other=...}``: the plural form of the word for n."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            return plural_choice(self.lang, value, format_spec[len("plural:") :])
        return str(format(value, format_spec))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


_KEEP_CAPITALS = frozenset(
    {
        "Git",
        "Python",
        "Docker",
        "Dockerfile",
        "Procfile",
        "Flask",
        "Django",
        "GitHub",
        "GitLab",
        "Kubernetes",
        "Celery",
        "PostgreSQL",
        "Redis",
        "SQLite",
        "MySQL",
        "Heroku",
        "Alembic",
        "I",
    }
)


def _mid_sentence(template: str) -> str:
    first = template.split(" ", 1)[0]
    if (
        first
        and first[0].isupper()
        and (len(first) == 1 or first[1:].islower())
        and first.strip(",.:;") not in _KEEP_CAPITALS
    ):
        return template[0].lower() + template[1:]
    return template
