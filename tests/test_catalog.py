"""Both message catalogues are complete and consistent with the rules."""

from __future__ import annotations

import re

import pytest

from twelve.locale import Catalog, placeholders
from twelve.model import Polarity
from twelve.rules import all_rules

LANGS = ("en", "pt-BR")


def test_both_catalogues_have_the_same_keys():
    en, pt = Catalog("en").entries, Catalog("pt-BR").entries
    assert sorted(set(en) - set(pt)) == []
    assert sorted(set(pt) - set(en)) == []


def test_placeholders_match_between_languages():
    en, pt = Catalog("en").entries, Catalog("pt-BR").entries
    mismatched = [k for k in en if placeholders(en[k]) != placeholders(pt[k])]
    assert mismatched == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_has_its_sentences(lang):
    catalog = Catalog(lang)
    missing = []
    for rule in all_rules():
        fields = ["title", "message", "motivation"]
        if rule.meta.polarity is not Polarity.FOR:
            fields.append("remediation")
        missing += [f"{rule.meta.id}.{f}" for f in fields if not catalog.has(f"{rule.meta.id}.{f}")]
    assert missing == []


def test_no_catalogue_entry_is_orphaned():
    ids = {r.meta.id for r in all_rules()}
    keys = {k.rsplit(".", 1)[0] for k in Catalog("en").entries if re.match(r"^F\d\d-", k)}
    assert sorted(keys - ids) == []


def test_rule_ids_follow_the_catalogue_convention():
    for rule in all_rules():
        assert re.fullmatch(r"F(0[1-9]|1[0-2])-(S\d+[a-z]?|AP\d+|NA|NE)", rule.meta.id), rule.meta.id
        assert int(rule.meta.id[1:3]) == rule.meta.factor


def test_portuguese_is_written_with_accents():
    pt = Catalog("pt-BR").entries
    text = " ".join(pt.values())
    for word in ("não", "variáveis", "código", "aplicação", "configuração"):
        assert word in text


def test_catalogues_render_every_status_and_factor():
    for lang in LANGS:
        catalog = Catalog(lang)
        for status in ("meets", "partial", "does_not_meet", "not_applicable", "inconclusive"):
            assert catalog.has(f"status.{status}")
        for number in range(1, 13):
            assert catalog.has(f"factor.name.{number}") and catalog.has(f"factor.title.{number}")
            assert catalog.has(f"verdict.no_evidence.F{number:02d}")
    assert Catalog("pt-BR").text("status.does_not_meet") == "Não atende"
    assert Catalog("pt-BR").text("status.partial") == "Atende parcialmente"
    assert Catalog("en").text("status.partial") == "Partially meets"


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_no_key_is_in_two_files_of_a_catalogue(lang):
    """What lets a command-line message be read from its small file alone."""
    from twelve.locale import _folder, _load_file

    seen: dict[str, str] = {}
    for entry in sorted(p.name for p in _folder(lang).iterdir() if p.name.endswith(".toml")):
        for key in _load_file(lang, entry):
            assert key not in seen, f"{key} in {seen.get(key)} and {entry}"
            seen[key] = entry
    assert any(key.startswith("cli.") for key, name in seen.items() if name == "common.toml")
    assert all(name == "common.toml" for key, name in seen.items() if key.startswith("value."))


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_a_command_line_message_is_read_without_the_whole_catalogue(lang, monkeypatch):
    import twelve.locale as locale

    locale._load.cache_clear()
    try:
        written = Catalog(lang).text("cli.written", path="r.json")
        assert "r.json" in written
        assert locale._load.cache_info().currsize == 0  # only common.toml was read
        assert Catalog(lang).text("cli.written", path="r.json") == written
        # the same sentence as the whole catalogue's
        assert locale._load(lang)["cli.written"].replace("{path}", "r.json") == written
    finally:
        locale._load.cache_clear()


def test_the_catalogue_is_found_through_importlib_when_not_a_directory(monkeypatch):
    import twelve.locale as locale

    locale._load.cache_clear()
    locale._load_file.cache_clear()
    monkeypatch.setattr(locale.os.path, "isdir", lambda path: False)
    try:
        assert locale._load("en")["cli.written"] and locale._folder("en").joinpath("common.toml").is_file()
    finally:
        locale._load.cache_clear()
        locale._load_file.cache_clear()
