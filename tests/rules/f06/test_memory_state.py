"""Tests of F06-S08 (rules/f06/memory_state.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\n"}


def params(found, index=0):
    return found[index].message.param_dict()


def test_fires_on_a_module_dict_mutated_in_a_function(tmp_path):
    files = {
        **REQS,
        "app.py": """
        hits = {}
        def count(key):
            hits[key] = hits.get(key, 0) + 1
        """,
    }
    found = fired(tmp_path, files, "F06-S08")
    assert lines(found) == {("app.py", 3)}
    assert params(found)["name"] == "hits"
    assert found[0].strength.value == "weak" and found[0].basis.value == "advice"


def test_near_miss_a_dict_only_read(tmp_path):
    files = {**REQS, "app.py": "names = {}\ndef get(key):\n    return names.get(key)\n"}
    assert fired(tmp_path, files, "F06-S08") == []
