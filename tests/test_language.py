"""Issue 12, item 11: every sentence twelve writes uses real plural forms and, in Portuguese, no
English word the glossary (docs/glossary.md) rules out. One test scans every catalogue entry of
both languages, another a rendered report in each language."""

from __future__ import annotations

import re

import pytest

from twelve.locale import Catalog, _load, placeholders, plural_category
from twelve.model import Message

#: a hand-made plural: a word followed by "(s)", "(es)", "(ns)", "(is)", "(ões)"...
HAND_MADE_PLURAL = re.compile(r"\w\((?:s|es|ies|ns|is|ões|a|as|o|os)\)")
#: English words left in Portuguese sentences, and terms the glossary rules out (outside `code` and {placeholders})
UNTRANSLATED = (
    "tracked",
    "untracked",
    "embedded",
    "undocumented",
    "database",
    "twelve-factor",
    "is tracked",
    "Codebase",
    "Dependencies",
    "Backing Services",
    "Port Binding",
    "Disposability",
    "Dev/Prod Parity",
    "Admin Processes",
    "achado",
    "achados",
)


#: terms the Portuguese glossary rejects for a concept it names otherwise: "implantação" and the
#: verb "implantar" in every form (the glossary says "deploy", "fazer o deploy"); the adjective
#: "implantável" (deployable) has no short form with "deploy" and stays
REJECTED_PT = re.compile(r"(?i)(?<![\w-])implant(?!áve)\w*(?:-l[oa]s?)?")


def _prose(text: str) -> str:
    """*text* without code spans and placeholders: what a reader reads as words."""
    text = re.sub(r"`[^`]*`", "", text)
    return re.sub(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}", "", text)


def _untranslated(text: str) -> list[str]:
    prose = _prose(text)
    found = [w for w in UNTRANSLATED if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", prose)]
    return found + REJECTED_PT.findall(prose)


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_no_catalogue_entry_has_a_hand_made_plural_or_an_untranslated_word(lang):
    problems = []
    for key, text in _load(lang).items():
        if HAND_MADE_PLURAL.search(text):
            problems.append(f"{key}: hand-made plural: {text[:90]}")
        if lang == "pt-BR" and not key.startswith("value."):
            problems += [f"{key}: English or rejected word “{w}”: {text[:90]}" for w in _untranslated(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_every_plural_spec_is_well_formed_and_has_an_other_form(lang):
    spec = re.compile(r"\{(\w+):plural:([^{}]*)\}")
    for key, text in _load(lang).items():
        for name, forms in spec.findall(text):
            categories = {
                part[1:].partition("=")[0] if part.startswith("=") else part.partition("=")[0]: part
                for part in forms.split("|")
            }
            assert "other" in categories, (key, forms)
            exact = {c for c in categories if categories[c].startswith("=")}
            assert all(c.isdigit() for c in exact), (key, forms)
            assert set(categories) - exact <= {"zero", "one", "two", "few", "many", "other"}, (key, forms)
            assert name in placeholders(text)


def test_the_rejected_portuguese_terms_are_caught():
    caught = "Implantação contínua: o job implanta, implantá-lo, implantado, implantações; um app implantável"
    assert REJECTED_PT.findall(caught) == ["Implantação", "implanta", "implantá-lo", "implantado", "implantações"]
    assert _untranslated("cada deploy, fazer o deploy, aplicações implantáveis") == []


def test_portuguese_zero_is_plural_where_the_catalogue_says_so():
    """CLDR files 0 under "one" in Portuguese; the summary and coverage lines ask for =0."""
    catalog = Catalog("pt-BR")
    zeros = dict(meets=0, partial=0, does_not_meet=0, not_applicable=0, inconclusive=0)
    assert catalog.text("report.summary_line", **zeros).startswith("0 atendem, 0 atendem parcialmente, 0 não atendem")
    assert (
        catalog.text("report.coverage_line", seen=0, analyzed=0, skipped=0)
        == "0 arquivos vistos, 0 analisados, 0 ignorados"
    )


def test_the_plural_rules_come_from_cldr():
    assert [plural_category("en", n) for n in (0, 1, 2)] == ["other", "one", "other"]
    assert [plural_category("pt-BR", n) for n in (0, 1, 2)] == ["one", "one", "other"]


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "1 meets, 1 partially meets, 1 does not meet", "2 meet, 2 partially meet, 2 do not meet"),
        ("pt-BR", "1 atende, 1 atende parcialmente, 1 não atende", "2 atendem, 2 atendem parcialmente, 2 não atendem"),
    ],
)
def test_counts_agree_with_their_words(lang, one, two):
    catalog = Catalog(lang)
    counts = dict(meets=1, partial=1, does_not_meet=1, not_applicable=1, inconclusive=1)
    assert catalog.text("report.summary_line", **counts).startswith(one)
    assert catalog.text("report.summary_line", **{k: 2 for k in counts}).startswith(two)
    commits = catalog.render(Message.of("F01-S01.message", vcs="git", commits=1, head="abc"))
    assert "1 commit," in commits and "(s)" not in commits


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_a_rendered_report_has_no_hand_made_plural_or_untranslated_word(lang, tmp_path):
    """The example app's report (every format a reader reads), in each language."""
    from click.testing import CliRunner

    from helpers import make_repo
    from twelve.cli import main

    repo = make_repo(
        tmp_path,
        {
            "requirements.txt": "flask==3.0.0\n",
            "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nX = os.getenv('X')\n",
            ".env": "SECRET_KEY=abc123abc123xyz\nDEBUG=1\n",
            "Procfile": "web: flask run\n",
        },
    )
    for fmt in ("text", "markdown"):
        result = CliRunner().invoke(
            main,
            ["check", str(repo), "--no-progress", "--no-cache", "--no-config", "--lang", lang, "--format", fmt],
            env={"COLUMNS": "300"},
        )
        assert result.exit_code == 0, result.output
        text = result.stdout.replace(str(repo), "")
        assert not HAND_MADE_PLURAL.search(_prose(text)), fmt
        if lang == "pt-BR":
            assert not _untranslated(text), (fmt, _untranslated(text))


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_templates_without_a_plural_are_filled_as_the_plural_aware_formatter_fills_them(lang):
    """Catalog.fill hands a template without a plural spec to str.format_map (C); every such
    template of the catalogue, filled with values of several types, reads as string.Formatter
    (what the plural-aware formatter builds on) makes it."""
    import string

    from twelve.locale import _Params

    catalog = Catalog(lang)
    checked = 0
    for key, template in _load(lang).items():
        if ":plural:" in template or "{" not in template:
            continue
        for sample in ("x", 3, "a {b} c", 2.5):
            params = _Params({name: sample for name in placeholders(template)})
            missing = _Params()  # every field left as {name}
            for filled in (params, missing):
                assert catalog.fill(template, filled) == string.Formatter().vformat(template, (), filled), key
        checked += 1
    assert checked > 300  # the comparison covers the catalogue
