"""F04-S08: a local resource standing in for a backing service."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}


def test_s08_fires_for_sqlite_in_production_code(tmp_path):
    found = fired(tmp_path, {**REQ, "db.py": 'import sqlite3\nconn = sqlite3.connect("data/app.db")\n'}, "F04-S08")
    assert found[0].message.param_dict()["what"] == "SQLite"


def test_s08_near_miss_sqlite_in_tests(tmp_path):
    assert (
        fired(tmp_path, {**REQ, "tests/test_db.py": 'import sqlite3\nsqlite3.connect(":memory:")\n'}, "F04-S08") == []
    )


GO_MOD = {"go.mod": "module example.com/notes\n\ngo 1.22\n\nrequire (\n\tgithub.com/jinzhu/gorm v1.9.16\n)\n"}


def test_s08_strong_when_an_embedded_store_is_the_only_datastore(tmp_path):
    found = fired(
        tmp_path,
        {
            **GO_MOD,
            "main.go": (
                'package main\n\nimport "github.com/jinzhu/gorm"\n\nfunc main() {\n'
                '\tdb, _ := gorm.Open("sqlite3", "./app.db")\n\tdefer db.Close()\n}\n'
            ),
        },
        "F04-S08",
    )
    assert [(f.strength.value, f.message.key) for f in found] == [("strong", "F04-S08.message_sole")]


def test_s08_file_store_beside_a_networked_database_is_moderate(tmp_path):
    found = fired(
        tmp_path,
        {
            "requirements.txt": "asyncpg==0.29.0\n",
            "app/db.py": (
                "import os\nimport asyncpg\n\nasync def pool():\n    return await asyncpg.create_pool(os.environ['DATABASE_URL'])\n"
            ),
            "app/prefs.py": (
                "import json, os\n\nclass Prefs:\n    def __init__(self, path='data/prefs.json'):\n        self.path = path\n"
                "        with open(path) as fh:\n            self.data = json.load(fh)\n\n    def save(self):\n"
                "        with open(self.path, 'w') as fh:\n            json.dump(self.data, fh)\n"
            ),
        },
        "F04-S08",
    )
    assert [(f.strength.value, f.locations[0].path) for f in found] == [("moderate", "app/prefs.py")]
    assert "Prefs" in found[0].message.param_dict()["what"]


def test_s08_near_miss_sqlite_only_as_the_default_of_an_env_variable(tmp_path):
    files = {
        "requirements.txt": "flask-sqlalchemy==3.1.1\n",
        "app.py": (
            "import os\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\n"
            "app.config['SQLALCHEMY_DATABASE_URI'] = os.getenv('DATABASE_URL', 'sqlite:///dev.db')\ndb = SQLAlchemy(app)\n"
        ),
    }
    assert fired(tmp_path, files, "F04-S08") == []


def test_s08_near_miss_in_memory_sqlite(tmp_path):
    assert fired(tmp_path, {**REQ, "cache.py": 'import sqlite3\nconn = sqlite3.connect(":memory:")\n'}, "F04-S08") == []


def test_s08_an_embedded_database_library_as_the_only_store_is_strong(tmp_path):
    found = fired(
        tmp_path,
        {
            "package.json": '{"name": "notes", "dependencies": {"express": "4.19.2", "nedb": "1.8.0"}}',
            "server.js": "const express = require('express');\nconst Datastore = require('nedb');\n"
            "const notes = new Datastore({ filename: 'data/notes.db', autoload: true });\n"
            "express().listen(process.env.PORT || 3000);\n",
        },
        "F04-S08",
    )
    assert [(f.strength.value, f.message.param_dict()["what"]) for f in found] == [
        ("strong", "a NeDB database file ('data/notes.db')")
    ]


def test_s08_near_miss_a_data_file_of_a_one_off_script(tmp_path):
    script = (
        "import json\n\nclass Index:\n    def __init__(self, path):\n        self.path = path\n"
        "        with open(path) as fh:\n            self.data = json.load(fh)\n\n    def save(self):\n"
        "        with open(self.path, 'w') as fh:\n            json.dump(self.data, fh)\n"
    )
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
        "scripts/rebuild_index.py": script,
    }
    assert fired(tmp_path, files, "F04-S08") == []
