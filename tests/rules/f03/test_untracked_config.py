"""F03-AP03: configuration kept in a language-specific file git ignores."""

from __future__ import annotations

from helpers import fired, lines

BOT = "import discord\nimport config\n\nclient = discord.Client()\nclient.run(config.token)\n"


def test_ap03_fires_for_an_ignored_config_module(tmp_path):
    files = {
        "requirements.txt": "discord.py==2.3.2\n",
        ".gitignore": "config.py\n",
        "bot.py": BOT,
        "README.md": "Create `config.py` with `token = '...'`.\n",
    }
    found = fired(tmp_path, files, "F03-AP03")
    assert [f.strength.value for f in found] == ["moderate"]
    assert found[0].message.param_dict()["files"] == "config.py"
    assert lines(found) == {("bot.py", 2)}


def test_ap03_reads_node_and_ruby_relative_imports(tmp_path):
    node = {
        "package.json": '{"dependencies": {"express": "4.19.2"}}\n',
        ".gitignore": "config.json\n",
        "server.js": "const config = require('./config.json')\nrequire('express')().listen(config.port)\n",
    }
    assert [f.message.param_dict()["files"] for f in fired(tmp_path, node, "F03-AP03")] == ["config.json"]
    ruby = {
        "Gemfile": "gem 'sinatra'\n",
        ".gitignore": "secrets.rb\n",
        "app.rb": "require_relative 'secrets'\n",
        "lib/x.rb": "X = 1\n",
    }
    assert [f.message.param_dict()["files"] for f in fired(tmp_path / "rb", ruby, "F03-AP03")] == ["secrets.rb"]


def test_ap03_is_weak_for_an_optional_local_override(tmp_path):
    files = {
        ".gitignore": "local_settings.py\n",
        "settings.py": "import os\nSECRET_KEY = os.environ['SECRET_KEY']\ntry:\n    from local_settings import *\n"
        "except ImportError:\n    pass\n",
    }
    assert [(f.strength.value, f.message.key) for f in fired(tmp_path, files, "F03-AP03")] == [
        ("weak", "F03-AP03.message_optional")
    ]


def test_ap03_near_miss_dotenv_tracked_config_and_generated_code(tmp_path):
    files = {
        ".gitignore": ".env\n*_pb2.py\n",
        "config.py": "import os\ntoken = os.environ['TOKEN']\n",
        "bot.py": "from dotenv import load_dotenv\nimport config\nimport service_pb2\nload_dotenv()\n",
    }
    assert fired(tmp_path, files, "F03-AP03") == []
