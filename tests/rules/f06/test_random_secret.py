"""Tests of F06-S14 (rules/f06/random_secret.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

FLASK = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
NODE = {
    "package.json": '{"name": "api", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n'
}
GO_MOD = {"go.mod": "module example.com/app\n\ngo 1.22\n"}


def test_fires_on_a_key_drawn_at_every_start(tmp_path):
    files = {
        **FLASK,
        "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.secret_key = os.urandom(24)\n",
    }
    found = fired(tmp_path, files, "F06-S14")
    assert lines(found) == {("app.py", 4)}
    assert found[0].strength.value == "moderate" and found[0].message.key == "F06-S14.message"
    assert found[0].message.param_dict()["name"] == "secret_key"


def test_fires_on_a_random_fallback_in_node_and_go(tmp_path):
    node = {
        **NODE,
        "server.js": "const crypto = require('crypto');\n"
        "const JWT_SECRET = process.env.JWT_SECRET || crypto.randomBytes(64).toString('hex');\n",
    }
    found = fired(tmp_path / "node", node, "F06-S14")
    assert [f.message.key for f in found] == ["F06-S14.message_fallback"]
    go = {
        **GO_MOD,
        "config/parser.go": """
        package config

        import "crypto/rand"

        func (p *Parser) finish() {
        \tif len(p.options["MEDIA_PROXY_PRIVATE_KEY"].bytes) == 0 {
        \t\tkey := make([]byte, 16)
        \t\trand.Read(key)
        \t\tp.options["MEDIA_PROXY_PRIVATE_KEY"].bytes = key
        \t}
        }
        """,
    }
    found = fired(tmp_path / "go", go, "F06-S14")
    assert (
        lines(found) == {("config/parser.go", 8)} and found[0].message.param_dict()["name"] == "MEDIA_PROXY_PRIVATE_KEY"
    )


def test_near_miss_a_token_made_for_one_user(tmp_path):
    files = {
        **FLASK,
        "app.py": "import secrets\n\ndef reset(user):\n    token = secrets.token_urlsafe(32)\n"
        "    user.reset_secret = secrets.token_hex(16)\n    return token\n",
    }
    assert fired(tmp_path, files, "F06-S14") == []


def test_near_miss_a_key_from_the_environment_and_a_key_script(tmp_path):
    files = {
        **FLASK,
        "app.py": "import os\nSECRET_KEY = os.environ['SECRET_KEY']\n",
        "scripts/new_key.py": "import os\nSECRET_KEY = os.urandom(24)\nprint(SECRET_KEY.hex())\n",
    }
    assert fired(tmp_path, files, "F06-S14") == []
