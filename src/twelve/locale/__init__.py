"""Message catalogues: every user-facing sentence, in Brazilian Portuguese and English.

Catalogues are TOML files under ``locale/<lang>/``; a table per rule id (``[F03-S2]`` with
``title``, ``message``, ``remediation``, ``motivation``) plus shared tables (``[verdict]``,
``[status]``, ``[report]``...). Keys are ``<table>.<field>``.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from twelve.model import Message

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

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


@lru_cache(maxsize=4)
def _load(lang: str) -> dict[str, str]:
    folder = resources.files("twelve.locale").joinpath(_DIRS[lang])
    merged: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            _flatten(tomllib.loads(entry.read_text(encoding="utf-8")), "", merged)
    return merged


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Catalog:
    lang: str

    @property
    def entries(self) -> dict[str, str]:
        return _load(self.lang)

    def has(self, key: str) -> bool:
        return key in self.entries

    def text(self, key: str, **params: Any) -> str:
        return self.render(Message(key, tuple(params.items())))

    def render(self, message: Message) -> str:
        template = self.entries.get(message.key)
        if template is None:
            template = _load("en").get(message.key, message.key)
        params = _Params()
        for key, value in message.params:
            params[key] = self.render(value) if isinstance(value, Message) else value
        return string.Formatter().vformat(template, (), params) if "{" in template else template


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
