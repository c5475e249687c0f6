"""Tests of state.random_secret (facts/randomsecret.py), in the four languages that read it."""

from __future__ import annotations

import pytest

from helpers import extract_text

CASES = [
    ("python", "app.py", "import os\napp.secret_key = os.urandom(24)\n", [(2, "secret_key", "os.urandom", False)]),
    (
        "python",
        "settings.py",
        "SECRET_KEY = os.getenv('SECRET_KEY', secrets.token_hex(32))\n",
        [(1, "SECRET_KEY", "secrets.token_hex", True)],
    ),
    (
        "python",
        "factory.py",
        "def create_app():\n    app.config['SECRET_KEY'] = os.urandom(24)\n",
        [(2, "SECRET_KEY", "os.urandom", False)],
    ),
    (
        "python",
        "views.py",
        "def reset(user):\n    secret = secrets.token_urlsafe(32)\n    user.api_secret = secrets.token_hex()\n",
        [],
    ),
    (
        "javascript",
        "server.js",
        "app.use(session({\n  secret: crypto.randomBytes(32).toString('hex'),\n}));\n"
        "const JWT_SECRET = process.env.JWT_SECRET || crypto.randomBytes(64).toString('hex');\n",
        [(2, "secret", "crypto.randomBytes", False), (4, "JWT_SECRET", "crypto.randomBytes", True)],
    ),
    (
        "javascript",
        "clients.js",
        "function create() {\n  const secret = crypto.randomBytes(16);\n  return { apiSecret: crypto.randomBytes(8) };\n}\n",
        [],
    ),
    (
        "golang",
        "main.go",
        "package main\nvar store = sessions.NewCookieStore(securecookie.GenerateRandomKey(32))\n",
        [(2, "cookie store key", "securecookie.GenerateRandomKey", False)],
    ),
    (
        "golang",
        "session.go",
        "package model\nfunc New() string {\n\tsecret := rand.Text()\n\ts.Secret = rand.Text()\n\treturn secret\n}\n",
        [],
    ),
    (
        "ruby",
        "app.rb",
        "require 'sinatra'\nset :session_secret, SecureRandom.hex(64)\ndef x\n  secret = SecureRandom.hex\nend\n",
        [(2, "session_secret", "SecureRandom.hex", False)],
    ),
]


@pytest.mark.parametrize(("lang", "path", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_random_secrets(lang, path, text, expected):
    facts = [f for f in extract_text(f"twelve.facts.{lang}", path, text) if f.kind == "state.random_secret"]
    assert [(f.line, f.get("name"), f.get("api"), f.get("fallback")) for f in facts] == expected
