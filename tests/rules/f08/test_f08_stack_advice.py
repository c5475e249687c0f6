"""F08 adjustments speak the app's own stack: no gunicorn workers or Celery beat for Go, Node, Ruby."""

from __future__ import annotations

from helpers import fired
from stack_apps import GO_APP, GO_SHELL_CMD, NODE_APP, NODE_SHELL_CMD, RUBY_APP, python_advice, remediations


def test_ap02_formation_advice_per_stack(tmp_path):
    for name, files in (("go", GO_SHELL_CMD), ("node", NODE_SHELL_CMD), ("ruby", RUBY_APP)):
        found = fired(tmp_path / name, files, "F08-AP02")
        assert [f.remediation.key for f in found] == [f"F08-AP02.remediation_{name}"]
        assert python_advice(remediations(found)) == [], name


def test_ap02_no_start_advice_names_no_python_server(tmp_path):
    found = fired(tmp_path, GO_APP, "F08-AP02")
    assert [f.remediation.key for f in found] == ["F08-AP02.remediation_nostart"]
    assert python_advice(remediations(found)) == []


def test_s07_scheduler_advice_for_node_is_not_celery_beat(tmp_path):
    found = fired(tmp_path, NODE_APP, "F08-S07")
    assert [f.remediation.key for f in found] == ["F08-S07.remediation_node"]
    texts = remediations(found)
    assert python_advice(texts) == []
    assert all("node-cron" in text for text in texts)


def test_s04_daemon_advice_for_pm2_names_no_celery(tmp_path):
    files = {**NODE_APP, "Dockerfile": "FROM node:20\nCOPY . .\nCMD pm2 start server.js && tail -f /dev/null\n"}
    found = fired(tmp_path, files, "F08-S04")
    texts = remediations(found)
    assert texts and all("pm2" in text and "celery" not in text.lower() for text in texts)
