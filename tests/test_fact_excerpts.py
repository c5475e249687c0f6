"""A fact's excerpt: the line, masked then clipped; a line many facts quote is masked once."""

from __future__ import annotations

from twelve.facts import base
from twelve.model import Scope


def test_a_line_quoted_by_many_facts_is_masked_once(monkeypatch):
    calls: list[str] = []
    real = base.conceal

    def counting(text, *args):
        calls.append(text)
        return real(text, *args)

    monkeypatch.setattr(base, "conceal", counting)
    line = "process.env.A;" * 2000
    source = base.Source("a.js", line + "\nconsole.log(1)\n", "javascript", Scope.PRODUCTION)
    facts = [source.fact("env.read", 1, name="A") for _ in range(2000)]
    assert len(calls) == 1
    assert {f.excerpt for f in facts} == {base.clip(line)}
    assert source.fact("env.read", 2, name="B").excerpt == "console.log(1)"
    assert len(calls) == 2


def test_a_secret_on_a_shared_line_stays_masked_in_every_fact():
    key = "AKIA" + "Q3EGRJ7XNK2PLM4T"
    source = base.Source("a.py", f'K = "{key}"; os.getenv("A"); os.getenv("B")\n', "python", Scope.PRODUCTION)
    facts = [source.fact("env.read", 1, name=n) for n in "AB"]
    assert all(key[4:12] not in f.excerpt for f in facts)


def test_equal_fact_data_is_one_instance_and_unhashable_data_is_left_alone():
    from twelve.facts.model import data_for

    first = data_for("env.read", {"name": "SETTING_1", "has_default": True, "default": "x", "lang": "python"})
    again = data_for("env.read", {"name": "SETTING_1", "has_default": True, "default": "x", "lang": "python"})
    other = data_for("env.read", {"name": "SETTING_2", "has_default": True, "default": "x", "lang": "python"})
    assert first is again and first == again
    assert other is not first and other.name == "SETTING_2"
    # data holding a list cannot be a dictionary key: built anew each time, still equal
    one = data_for("shell.command", {"argv": ["gunicorn", "app:app"], "program": "gunicorn"})
    two = data_for("shell.command", {"argv": ["gunicorn", "app:app"], "program": "gunicorn"})
    assert one == two and one is not two
