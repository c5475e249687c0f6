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
