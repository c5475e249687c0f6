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


NODE = {
    "package.json": '{"name": "todo", "private": true, "scripts": {"start": "node src/server.js"}, "dependencies": {"express": "4.19.2"}}\n',
    "src/server.js": "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT);\n",
}
TODO_SCRIPT = """
let todos = [];
function addTodo(item) {
  todos.push(item);
}
"""


def test_near_miss_a_browser_script_the_app_serves_as_a_static_asset(tmp_path):
    # src/public/js/ is shipped to the visitor's browser: its module-level array is the page's, not the process's
    files = {**NODE, "src/public/js/todo-client.js": TODO_SCRIPT}
    assert fired(tmp_path, files, "F06-S08") == []


def test_fires_on_the_same_array_in_the_servers_own_module(tmp_path):
    files = {**NODE, "src/todos.js": TODO_SCRIPT}
    assert lines(fired(tmp_path, files, "F06-S08")) == {("src/todos.js", 3)}
