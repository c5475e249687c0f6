"""F12 adjustments speak the app's own stack: Go migration tools for a Go app, not Alembic."""

from __future__ import annotations

from helpers import fired
from stack_apps import GO_APP, python_advice, remediations


def test_ap02_migration_advice_for_a_go_app(tmp_path):
    found = fired(tmp_path, GO_APP, "F12-AP02")
    assert [f.remediation.key for f in found] == ["F12-AP02.remediation_none_go"]
    texts = remediations(found)
    assert python_advice(texts) == []
    assert all("golang-migrate" in text for text in texts)


def test_ap02_sql_dump_advice_for_a_go_app(tmp_path):
    dump = "-- MySQL dump 10.13\nCREATE TABLE `product` (`id` bigint NOT NULL);\nINSERT INTO `product` VALUES (1);\n"
    found = fired(tmp_path, {**GO_APP, "sql/init.sql": dump}, "F12-AP02")
    assert [f.remediation.key for f in found] == ["F12-AP02.remediation_sqldump_go"]
    assert found[0].message.key == "F12-AP02.message_sqldump_go"
    texts = remediations(found)
    assert python_advice(texts) == [] and all("goose" in text for text in texts)
