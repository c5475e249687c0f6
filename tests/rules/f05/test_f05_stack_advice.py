"""F05's development-server advice speaks the app's own stack: no gunicorn for nodemon."""

from __future__ import annotations

from helpers import fired
from stack_apps import NODE_APP, python_advice, remediations


def test_s09_advice_for_nodemon_in_production_is_node(tmp_path):
    files = {**NODE_APP, "Dockerfile": 'FROM node:20\nCOPY . .\nRUN npm ci\nCMD ["npx", "nodemon", "server.js"]\n'}
    found = fired(tmp_path, files, "F05-S09")
    assert [f.remediation.key for f in found] == ["F05-S09.remediation_node"]
    texts = remediations(found)
    assert python_advice(texts) == [] and all("node server.js" in text for text in texts)
