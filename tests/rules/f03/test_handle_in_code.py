"""F03-AP01: a backing service's handle written as a constant in the app's code."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.3\nredis==5.0.4\nsqlalchemy==2.0.30\n"}


def test_ap01_fires_for_a_literal_endpoint_in_the_code(tmp_path):
    files = {**REQ, "app.py": 'import redis\nfrom sqlalchemy import create_engine\n\n'
                              'cache = redis.Redis(host="cache.internal", port=6379, db=0)\n'
                              'engine = create_engine("sqlite:///app.db")\n'}
    found = fired(tmp_path, files, "F03-AP01")
    assert lines(found) == {("app.py", 4), ("app.py", 5)}
    assert {f.strength.value for f in found} == {"strong"}
    assert "cache.internal" in {f.message.param_dict()["value"] for f in found}


def test_ap01_near_miss_configured_host_library_default_and_admin_scripts(tmp_path):
    files = {**REQ,
             "app.py": 'import os\nimport redis\n\ncache = redis.Redis(host=os.environ["REDIS_HOST"], port=6379)\n'
                       'local = redis.Redis()\n',
             "scripts/backfill.py": 'import redis\nr = redis.Redis(host="cache.internal")\n',
             "tests/test_app.py": 'import redis\nr = redis.Redis(host="localhost")\n'}
    assert fired(tmp_path, files, "F03-AP01") == []


def test_ap01_near_miss_a_locator_in_a_configuration_file(tmp_path):
    files = {"pom.xml": "<project><artifactId>api</artifactId></project>\n",
             "src/main/resources/application.yml": "spring:\n  redis:\n    host: 10.1.2.3\n"}
    assert fired(tmp_path, files, "F03-AP01") == []
