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
