"""A rule's list parameter reads as a person writes a list (issue 12: `(, 1a31ce…`)."""

from __future__ import annotations

from twelve.rules.registry import _param


def test_a_list_parameter_drops_empty_and_repeated_items():
    assert _param(["", "1a31ce", "1a31ce", " ", "v1.0"]) == "1a31ce, v1.0"
    assert _param(("a", "b")) == "a, b"
    assert _param([]) == ""
