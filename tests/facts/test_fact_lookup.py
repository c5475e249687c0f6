"""Fact.get / Data.lookup answer every name of every kind as the definition does (the fast path
of a kind's plain names is a table computed once per kind)."""

from __future__ import annotations

import dataclasses

import pytest

from twelve.facts.model import _ANY_KIND_FIELDS, _VALUE_FIELDS, KINDS, Fact, Value


def _reference(data, key):
    """Data.lookup as it was written before its table."""
    name = data.ALIASES.get(key, key)
    if name in data.FIELDS:
        found = getattr(data, name)
        if data.FLAT_VALUE and name == "value":
            return None if found is None else found.value
        return found
    if data.FLAT_VALUE and key in _VALUE_FIELDS:
        value = data.value
        return None if value is None else getattr(value, key)
    if key in _ANY_KIND_FIELDS():
        return None
    raise KeyError(key)


def _filled(cls):
    """An instance of *cls* with every field set to a value of its own (a Value where one goes)."""
    values = {}
    for number, f in enumerate(dataclasses.fields(cls)):
        if f.name in cls.VALUE_FIELDS:
            values[f.name] = Value("literal", value=f"v{number}")
        elif f.name in cls.VALUE_LIST_FIELDS:
            values[f.name] = [Value("literal", value=f"v{number}")]
        else:
            values[f.name] = f"field{number}"
    return cls(**values)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_lookup_is_its_definition_for_every_name(kind):
    cls = KINDS[kind]
    names = sorted(_ANY_KIND_FIELDS() | cls.FIELDS | set(cls.ALIASES)) + ["no_such_field_anywhere"]
    for data in (cls(), _filled(cls)):
        fact = Fact(kind, "a.py", 1, "", data)
        for key in names:
            try:
                want = _reference(data, key)
            except KeyError:
                with pytest.raises(KeyError):
                    data.lookup(key)
                with pytest.raises(KeyError):
                    fact.get(key)
                continue
            assert data.lookup(key) == want, (kind, key)
            # Fact.get answers the common case itself (no call of lookup): the same, None as the default
            assert fact.get(key) == want and fact.get(key, "dflt") == ("dflt" if want is None else want), (kind, key)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_plain_form_round_trip_and_unknown_keys(kind):
    """from_plain (built directly for kinds whose plain form is their fields) gives back the data
    of its plain form, and names the kind and the key it does not know."""
    cls = KINDS[kind]
    for data in (cls(), _filled(cls)):
        assert cls.from_plain(data.plain()) == data
        with pytest.raises(TypeError, match=f"fact kind {kind!r} has no field 'no_such_field'"):
            cls.from_plain({**data.plain(), "no_such_field": 1})


def test_equal_data_is_shared_and_data_holding_a_list_is_built_without_a_lookup(monkeypatch):
    """Frozen data is shared by value (a large tree repeats reads and settings); data holding a
    list (an import's modules) is told by its list fields and never looked up (the lookup would
    raise): the same values, and data of that kind without a list is still shared."""
    from twelve.facts import model
    from twelve.facts.model import data_for

    assert model.KINDS["import"].LIST_FIELDS == ("modules",)
    assert model.KINDS["env.read"].LIST_FIELDS == ()
    first = data_for("env.read", {"name": "PORT", "lang": "python"})
    assert data_for("env.read", {"name": "PORT", "lang": "python"}) is first
    looked: list[object] = []
    real = model._SHARED

    class Watched(dict):  # type: ignore[type-arg]
        def get(self, key, default=None):
            looked.append(key)
            return super().get(key, default)

    monkeypatch.setattr(model, "_SHARED", Watched(real))
    one = data_for("import", {"modules": ["os", "flask"], "lang": "python"})
    two = data_for("import", {"modules": ["os", "flask"], "lang": "python"})
    assert one == two and one is not two and two.modules == ["os", "flask"] and looked == []
    bare = data_for("import", {"modules": None, "lang": "go"})
    assert data_for("import", {"modules": None, "lang": "go"}) is bare and len(looked) == 2
