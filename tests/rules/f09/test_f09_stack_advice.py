"""F09 adjustments speak the app's own stack: no gunicorn or Python signal code for Go, Node, Ruby."""

from __future__ import annotations

from helpers import fired
from stack_apps import GO_APP, GO_SHELL_CMD, NODE_APP, NODE_SHELL_CMD, RUBY_APP, python_advice, remediations


def test_s07_shell_form_advice_names_the_go_binary_not_gunicorn(tmp_path):
    found = fired(tmp_path, GO_SHELL_CMD, "F09-S07")
    assert [f.remediation.key for f in found] == ["F09-S07.remediation_go"]
    texts = remediations(found)
    assert python_advice(texts) == []
    assert all('CMD ["/app/server"]' in text for text in texts)


def test_s07_shell_form_advice_for_node_and_ruby(tmp_path):
    node = fired(tmp_path / "node", NODE_SHELL_CMD, "F09-S07")
    ruby = fired(tmp_path / "ruby", RUBY_APP, "F09-S07")
    assert [f.remediation.key for f in node + ruby] == ["F09-S07.remediation_node", "F09-S07.remediation_ruby"]
    assert python_advice(remediations(node + ruby)) == []


def test_ne_advice_for_a_go_app_without_start_command(tmp_path):
    found = fired(tmp_path, GO_APP, "F09-NE")
    assert [f.remediation.key for f in found] == ["F09-NE.remediation_go"]
    assert python_advice(remediations(found)) == []


def test_ap02_node_advice_closes_mongoose_too(tmp_path):
    found = fired(tmp_path, NODE_APP, "F09-AP02")
    texts = remediations(found)
    assert texts and all("mongoose.disconnect()" in text for text in texts)
