"""F02-S07: an import nothing declares or installs."""

from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "import flask\napp = flask.Flask(__name__)\n"


def test_s07_fires_for_an_undeclared_import(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "import flask\nimport requests\n"}
    found = fired(tmp_path, files, "F02-S07")
    assert [f.message.param_dict()["module"] for f in found] == ["requests"]
    assert lines(found) == {("app.py", 2)}


def test_s07_ignores_stdlib_local_modules_optional_imports_and_aliases(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nPyYAML==6.0.1\n",
        "app.py": "import os, json\nimport psycopg2\nimport yaml\nfrom helpers import x\nfrom . import y\n"
        "try:\n    import ujson\nexcept ImportError:\n    ujson = None\n",
        "helpers.py": "x = 1\n",
    }
    assert fired(tmp_path, files, "F02-S07") == []


def test_s07_ignores_imports_of_other_languages(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": FLASK_APP,
        "static/app.js": "import lodash from 'lodash';\n",
    }
    assert fired(tmp_path, files, "F02-S07") == []


def test_s07_is_moderate_a_declaration_that_is_incomplete(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "import flask\nimport requests\n"}
    assert [f.strength.value for f in fired(tmp_path, files, "F02-S07")] == ["moderate"]


def test_s07_leaves_out_a_config_module_each_deploy_writes(tmp_path):
    # `config.py` is git-ignored and absent: the README tells each deploy to write it
    files = {
        "requirements.txt": "discord.py==2.3.2\n",
        ".gitignore": "config.py\n",
        "bot.py": "import discord\nimport config\nimport asyncpg\n",
    }
    found = fired(tmp_path, files, "F02-S07")
    assert [f.message.param_dict()["module"] for f in found] == ["asyncpg"]


def test_s07_still_reports_an_ignored_name_that_is_no_file_of_the_app(tmp_path):
    # near miss: .gitignore ignores `config.py` in another folder only; `import requests` is a package
    files = {
        "requirements.txt": "flask==3.0.0\n",
        ".gitignore": "tools/config.py\n",
        "app.py": "import flask\nimport config\n",
    }
    assert [f.message.param_dict()["module"] for f in fired(tmp_path, files, "F02-S07")] == ["config"]


def test_s07_leaves_out_the_build_script_setup_py(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": FLASK_APP,
        "setup.py": "from setuptools import setup, find_packages\nsetup(name='app', packages=find_packages())\n",
    }
    assert fired(tmp_path, files, "F02-S07") == []
