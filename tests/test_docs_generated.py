"""The generated reference pages (docs/rules/*.md, docs/facts.md) match the code."""

from __future__ import annotations

from helpers import ROOT
from twelve.docgen import pages, parse_doc


def test_generated_pages_are_up_to_date():
    stale = [
        rel
        for rel, text in pages(ROOT).items()
        if not (ROOT / rel).exists() or (ROOT / rel).read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"run `python scripts/gen_docs.py` to refresh: {stale}"


def test_a_docstring_is_read_into_its_sections():
    doc = """Logs written to a file by the app.

    More detail on the second paragraph.

    Why it matters: XI. Logs: the app never writes or manages log files.
    Fires on: `logging.FileHandler("app.log")`;
        winston `transports.File`.
    Near miss: a `StreamHandler` on stdout.
    Fix: log to stdout.
    """
    parsed = parse_doc(doc)
    assert parsed["summary"] == "Logs written to a file by the app."
    assert parsed["detail"] == "More detail on the second paragraph."
    assert parsed["Why it matters"] == "XI. Logs: the app never writes or manages log files."
    assert parsed["Fires on"] == '`logging.FileHandler("app.log")`;\nwinston `transports.File`.'
    assert parsed["Near miss"] == "a `StreamHandler` on stdout." and parsed["Fix"] == "log to stdout."
