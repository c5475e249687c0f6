"""F04-NE: drivers declared, no connection set-up found."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}


def test_ne_fires_when_a_driver_is_declared_but_no_connection_is_seen(tmp_path):
    found = fired(tmp_path, {**REQ, "app.py": "x = 1\n"}, "F04-NE")
    assert found and "psycopg2-binary" in found[0].message.param_dict()["libraries"]


def test_ne_near_miss_a_connection_from_the_environment(tmp_path):
    code = 'import os, psycopg2\nc = psycopg2.connect(os.environ["DATABASE_URL"])\n'
    assert fired(tmp_path, {**REQ, "app.py": code}, "F04-NE") == []


def test_ne_is_silent_beside_a_connection_found_another_way(tmp_path):
    """Issue 12 item 9: never "no connection set-up was found" beside a connection F04-S01 found."""
    from helpers import make_repo, run

    files = {
        "requirements.txt": "django==5.0\npsycopg2-binary==2.9.9\ndj-database-url==2.1.0\n",
        "manage.py": "import os\n",
        "mysite/settings.py": "import dj_database_url\nDATABASES = {'default': dj_database_url.config()}\n",
    }
    assert fired(tmp_path / "ne", files, "F04-NE") == []
    rules = {f.rule for f in run(make_repo(tmp_path / "run", files)).main.verdict(4).findings}
    assert "F04-S01" in rules and "F04-NE" not in rules
