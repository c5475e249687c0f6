"""F04 adjustments speak the app's own stack: no `create_engine(os.environ[...])` for Go, no Ruby
and Node code for a Spring app."""

from __future__ import annotations

from pathlib import Path

from helpers import FIXTURES, fired
from stack_apps import python_advice, remediations


def _fixture(name: str) -> dict[str, str]:
    root = FIXTURES / name
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in Path(root).rglob("*") if p.is_file()}


def test_ne_advice_for_a_go_driver_without_connection(tmp_path):
    files = {
        "go.mod": "module example.com/orders\n\ngo 1.21\n\nrequire github.com/lib/pq v1.10.9\n",
        "main.go": 'package main\n\nimport _ "github.com/lib/pq"\n\nfunc main() {}\n',
    }
    found = fired(tmp_path, files, "F04-NE")
    assert [f.remediation.key for f in found] == ["F04-NE.remediation_go"]
    texts = remediations(found)
    assert python_advice(texts) == []
    assert all('os.Getenv("DATABASE_URL")' in text for text in texts)


def test_s10_advice_for_a_spring_app_is_a_spring_placeholder(tmp_path):
    found = fired(tmp_path, _fixture("jvm-violations"), "F04-S10")
    assert found and {f.remediation.key for f in found} == {"F04-S10.remediation_java"}
    for text in remediations(found):
        assert "spring.datasource.url=${DATABASE_URL}" in text
        assert "ENV.fetch" not in text and "process.env" not in text
