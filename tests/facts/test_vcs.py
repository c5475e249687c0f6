"""vcs.update: git commands in source code that change the checkout's code."""

from __future__ import annotations

from helpers import extract_text

MODULE = "twelve.facts.vcs"


def updates(path, text):
    return [(f.line, f.get("command"), f.get("form")) for f in extract_text(MODULE, path, text)]


def test_a_command_string_in_python():
    text = "async def update(self):\n    out = await self.run_process('git pull')\n"
    assert updates("cogs/admin.py", text) == [(2, "git pull", "string")]


def test_argv_forms_in_go_and_javascript():
    assert updates("main.go", 'cmd := exec.Command("git", "fetch", "origin")\n') == [(1, "git fetch", "argv")]
    assert updates("update.js", "spawn('git', ['pull'], {cwd: root});\n") == [(1, "git pull", "argv")]


def test_a_git_library():
    assert updates("app/update.py", "repo.remotes.origin.pull()\n") == [(1, "git pull", "library")]


def test_comments_and_other_git_commands_are_not_updates():
    text = "# run `git pull` first\nsubprocess.run(['git', 'rev-parse', 'HEAD'])\nprint('git status')\n"
    assert updates("app.py", text) == []
