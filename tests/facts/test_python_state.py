"""Facts from Python source (facts/python.py) about where the app keeps state: embedded stores and
files read back and rewritten (`state.embedded_store`)."""

from __future__ import annotations

from helpers import extract_text, of

MODULE = "twelve.facts.python"


def stores(text: str, path: str = "app/store.py"):
    return {f.line: f for f in of(extract_text(MODULE, path, text), "state.embedded_store")}


def test_a_json_file_loaded_and_replaced_through_a_temporary_file():
    found = stores("""
        import json, os, uuid

        class Config:
            def __init__(self, name):
                self.name = name
                with open(self.name, "r") as f:
                    self._db = json.load(f)

            def _dump(self):
                temp = f"{uuid.uuid4()}-{self.name}.tmp"
                with open(temp, "w") as tmp:
                    json.dump(self._db, tmp)
                os.replace(temp, self.name)
    """)
    assert list(found) == [13]
    fact = found[13]
    assert (fact.get("library"), fact.get("api"), fact.get("read_line"), fact.get("renamed")) == (
        "file",
        "os.replace",
        6,
        True,
    )


def test_a_module_constant_read_and_written_with_pathlib():
    found = stores("""
        import json
        from pathlib import Path
        STATE = Path("state.json")
        data = json.loads(STATE.read_text())
        def save():
            STATE.write_text(json.dumps(data))
    """)
    assert [(line, f.get("api"), f.get("read_line")) for line, f in found.items()] == [(6, "write_text", 4)]


def test_near_miss_reads_and_writes_of_different_files():
    assert (
        stores("""
        import json
        def convert(src, dst):
            with open(src) as f:
                rows = json.load(f)
            with open(dst, "w") as f:
                json.dump(rows, f)
    """)
        == {}
    )


def test_embedded_database_libraries():
    found = stores("""
        import shelve
        from tinydb import TinyDB
        from tinydb.storages import MemoryStorage
        USERS = shelve.open("data/users")
        DB = TinyDB("db.json")
        MEM = TinyDB(storage=MemoryStorage)
    """)
    assert {line: f.get("library") for line, f in found.items()} == {4: "shelve", 5: "tinydb"}
