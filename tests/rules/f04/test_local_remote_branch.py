"""F04-S07: code that branches between a local and a remote resource."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nredis==5.0.0\n"}


def test_s07_fires_for_local_or_remote_branches(tmp_path):
    code = 'import os\nif os.getenv("USE_S3"):\n    storage = "s3"\nelse:\n    storage = "local"\n'
    found = fired(tmp_path, {**REQ, "storage.py": code}, "F04-S07")
    assert lines(found) == {("storage.py", 2)}


def test_s07_near_miss_a_branch_on_something_else(tmp_path):
    plain = 'import os\nif os.getenv("DEBUG"):\n    level = "debug"\n'
    assert fired(tmp_path, {**REQ, "storage.py": plain}, "F04-S07") == []
