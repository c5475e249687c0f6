"""split_commands keeps its answers for short texts: the same commands as computing them anew,
a list of its own for every caller, long texts never kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from twelve.facts import shellwords

_TEXT = st.lists(
    st.sampled_from(list("ab =-'\"\\#&|;\n\t$") + ["exec ", "env X=1 ", "gunicorn ", "&& "]), max_size=30
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_cached_answers_are_the_computed_ones(text):
    first = shellwords.split_commands(text)
    again = shellwords.split_commands(text)
    assert first == again == list(shellwords._split_commands(text))
    assert first is not again
    again.clear()  # a caller that changes its list changes no other caller's
    assert shellwords.split_commands(text) == first


def test_long_texts_are_not_kept():
    text = "echo hi\n" * (shellwords._CACHED_MAX // 8 + 1)
    shellwords._split_cached.cache_clear()
    assert len(shellwords.split_commands(text)) == shellwords._CACHED_MAX // 8 + 1
    assert shellwords._split_cached.cache_info().currsize == 0
