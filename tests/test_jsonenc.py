"""The JSON report's encoder writes the text `json.dumps(obj, ensure_ascii=False, indent=N)`
writes, for every JSON value (and the values dumps also accepts: tuples, non-string keys,
non-finite floats), and raises where dumps raises."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twelve.report import jsonenc

_KEYS = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.floats(allow_nan=False, width=32), st.booleans(), st.none())
_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.sampled_from(["\u2028", "é\"\\\n\t\x00\x1f\x7f", "\ud800"]))
_VALUES = st.recursive(_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(_KEYS, inner, max_size=5)), max_leaves=40)


@settings(max_examples=400, deadline=None)
@given(value=_VALUES, indent=st.sampled_from([0, 1, 2, 4]), batch=st.sampled_from([1, 3, 65536]))
def test_the_same_text_as_dumps(value, indent, batch):
    old = jsonenc.BATCH
    jsonenc.BATCH = batch
    try:
        assert jsonenc.dumps(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)
    finally:
        jsonenc.BATCH = old


@pytest.mark.parametrize("bad", [{"a": {1, 2}}, [object()], {(1, 2): 3}, b"bytes"])
def test_raises_where_dumps_raises(bad):
    with pytest.raises(TypeError):
        json.dumps(bad, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        jsonenc.dumps(bad)


def test_a_cycle_raises():
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError):
        jsonenc.dumps(loop)
