"""Facts from SQL files (facts/sql.py): statement counts and dump headers."""

from __future__ import annotations

from helpers import extract_text, one

MODULE = "twelve.facts.sql"


def test_a_navicat_dump_is_counted_and_named():
    found = extract_text(
        MODULE,
        "sql/shop.sql",
        """
        /*
         Navicat Premium Data Transfer
         Source Server Type    : MySQL
        */
        SET NAMES utf8mb4;
        DROP TABLE IF EXISTS `product`;
        CREATE TABLE `product` (
          `id` bigint NOT NULL AUTO_INCREMENT,
          `name` varchar(120) NOT NULL DEFAULT 'create table x',
          PRIMARY KEY (`id`)
        ) ENGINE=InnoDB;
        INSERT INTO `product` VALUES (1, 'Teapot');
        INSERT INTO `product` VALUES (2, 'Mug');
    """,
    )
    script = one(found, "sql.script")
    assert script.line == 2 and script.get("dump") == "navicat"
    assert (script.get("creates"), script.get("drops"), script.get("inserts")) == (1, 1, 2)


def test_a_migration_has_no_dump_header():
    found = extract_text(
        MODULE,
        "db/migration/V2__status.sql",
        """
        -- adds the order status
        ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
    """,
    )
    script = one(found, "sql.script")
    assert script.line == 2 and script.get("dump") is None and script.get("alters") == 1 and script.get("creates") == 0


def test_a_file_without_statements_makes_no_fact():
    assert extract_text(MODULE, "notes.sql", "-- nothing here yet\n") == []
