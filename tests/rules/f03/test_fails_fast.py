"""F03-S20: required settings without a default."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s20_fires_for_a_strict_read(tmp_path):
    found = fired(tmp_path, {**REQ, "app.py": 'import os\nKEY = os.environ["SECRET_KEY"]\n'}, "F03-S20")
    assert [f.message.param_dict()["names"] for f in found] == ["SECRET_KEY"]


def test_s20_is_silent_for_a_lenient_read(tmp_path):
    assert fired(tmp_path, {**REQ, "app.py": 'import os\nKEY = os.getenv("SECRET_KEY")\n'}, "F03-S20") == []


def test_s20_names_no_question_mark_for_a_computed_name(tmp_path):
    code = 'import os\nDEBUG = os.environ["FLASK_DEBUG"]\nfor name in ("A", "B"):\n    os.environ[name]\n'
    found = fired(tmp_path, {**REQ, "app.py": code}, "F03-S20")
    assert [f.message.param_dict()["names"] for f in found] == ["FLASK_DEBUG"]


def test_s20_counts_reads_whose_names_are_all_computed(tmp_path):
    from twelve.locale import Catalog

    code = 'import os\nfor name in ("A", "B"):\n    os.environ[name]\n'
    found = fired(tmp_path, {**REQ, "app.py": code}, "F03-S20")
    assert [f.message.key for f in found] == ["F03-S20.message_unnamed"]
    for lang in ("en", "pt-BR"):
        title = Catalog(lang).text("F03-S20.title_unnamed", **found[0].message.param_dict())
        assert "?" not in title and "1" in title


def test_s20_agrees_with_the_number_of_names(tmp_path):
    """Issue 12 item 11: "STRIPE_KEY are read … forgets them" for one name."""
    from twelve.locale import Catalog

    one = fired(tmp_path / "one", {**REQ, "app.py": 'import os\nKEY = os.environ["STRIPE_KEY"]\n'}, "F03-S20")
    two = fired(
        tmp_path / "two",
        {**REQ, "app.py": 'import os\nKEY = os.environ["STRIPE_KEY"]\nURL = os.environ["DATABASE_URL"]\n'},
        "F03-S20",
    )
    en, pt = Catalog("en"), Catalog("pt-BR")
    assert en.render(one[0].message).startswith("STRIPE_KEY is read without a default, so a deploy that forgets it ")
    assert en.render(two[0].message).startswith("DATABASE_URL, STRIPE_KEY are read without a default")
    assert "forgets them" in en.render(two[0].message)
    assert pt.render(one[0].message).startswith("STRIPE_KEY é lida sem valor padrão, então um deploy que a esquece")
    assert pt.render(two[0].message).startswith("DATABASE_URL, STRIPE_KEY são lidas sem valor padrão")
