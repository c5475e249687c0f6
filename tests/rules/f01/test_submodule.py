"""F01-S07: a Git submodule that brings another codebase's source into the app."""

from __future__ import annotations

from helpers import fired

APP = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def test_s07_fires_for_an_app_submodule(tmp_path):
    app_sub = {
        **APP,
        ".gitmodules": '[submodule "billing"]\n\tpath = billing\n\turl = https://example.com/billing.git\n',
    }
    found = fired(tmp_path, app_sub, "F01-S07")
    assert [f.message.param_dict()["path"] for f in found] == ["billing"]


def test_s07_is_silent_for_a_docs_theme(tmp_path):
    docs_sub = {
        **APP,
        ".gitmodules": '[submodule "docs/theme"]\n\tpath = docs/theme\n\turl = https://example.com/theme.git\n',
    }
    assert fired(tmp_path, docs_sub, "F01-S07") == []
