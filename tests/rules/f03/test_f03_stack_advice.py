"""F03's Spring advice names a placeholder that fits the setting, not `${REDIS_HOST}` for a datasource."""

from __future__ import annotations

from pathlib import Path

from helpers import FIXTURES, fired
from stack_apps import remediations


def test_s10_spring_profile_advice_names_a_datasource_placeholder(tmp_path):
    root = FIXTURES / "jvm-violations"
    files = {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in Path(root).rglob("*") if p.is_file()}
    found = fired(tmp_path, files, "F03-S10")
    texts = remediations(found)
    assert texts and all("spring.datasource.url=${DATABASE_URL}" in text for text in texts)
