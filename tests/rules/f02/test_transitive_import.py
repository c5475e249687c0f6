"""F02-S25: an import that arrives only through another dependency."""

from __future__ import annotations

from helpers import fired


def test_s25_reports_transitive_imports_weakly(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "import flask\nimport click\n"}
    found = fired(tmp_path, files, "F02-S25")
    assert found[0].message.param_dict() == {"module": "click", "via": "flask"}
    assert found[0].strength.value == "weak"


def test_s25_is_silent_when_the_import_is_declared(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\nclick==8.1.7\n", "app.py": "import click\n"}
    assert fired(tmp_path, files, "F02-S25") == []


def test_the_old_id_selects_it():
    from twelve.rules.ids import canonical

    assert canonical("F02-S7b") == "F02-S25"
