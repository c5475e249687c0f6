"""The portfolio: repositories, scans, assessments with their apps and verdicts, scan items.

Revision ID: 0001
Revises:
Create Date: 2025-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "twelve_repositories",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("location", sa.String(2048), nullable=False, unique=True),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "twelve_scans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("tool_version", sa.String(64), nullable=False),
        sa.Column("tool_digest", sa.String(64), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("executor", sa.String(255), nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("assessed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("reused", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "twelve_assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("repository_id", sa.Integer, sa.ForeignKey("twelve_repositories.id"), nullable=False),
        sa.Column("input_digest", sa.String(64), nullable=False),
        sa.Column("commit", sa.String(64), nullable=True),
        sa.Column("is_repository", sa.Boolean, nullable=False),
        sa.Column("tool_version", sa.String(64), nullable=False),
        sa.Column("tool_digest", sa.String(64), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_s", sa.Float, nullable=False),
        sa.Column("exit_code", sa.Integer, nullable=False),
        sa.Column("files_seen", sa.Integer, nullable=False),
        sa.Column("files_analyzed", sa.Integer, nullable=False),
        sa.Column("report", sa.Text, nullable=False),
    )
    op.create_index("ix_twelve_assessments_reuse", "twelve_assessments", ["repository_id", "input_digest"])
    op.create_table(
        "twelve_apps",
        sa.Column(
            "assessment_id", sa.Integer, sa.ForeignKey("twelve_assessments.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("app_index", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("path", sa.String(2048), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("stacks", sa.String(255), nullable=False),
    )
    op.create_table(
        "twelve_verdicts",
        sa.Column("assessment_id", sa.Integer, primary_key=True),
        sa.Column("app_index", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("factor", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("confidence", sa.String(8), nullable=False),
        sa.Column("justification", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id", "app_index"], ["twelve_apps.assessment_id", "twelve_apps.app_index"], ondelete="CASCADE"
        ),
    )
    op.create_table(
        "twelve_scan_items",
        sa.Column("scan_id", sa.Integer, sa.ForeignKey("twelve_scans.id"), primary_key=True),
        sa.Column("repository_id", sa.Integer, sa.ForeignKey("twelve_repositories.id"), primary_key=True),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("assessment_id", sa.Integer, sa.ForeignKey("twelve_assessments.id"), nullable=True),
        sa.Column("error_kind", sa.String(16), nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("duration_s", sa.Float, nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_twelve_scan_items_repository", "twelve_scan_items", ["repository_id"])


def downgrade() -> None:
    op.drop_index("ix_twelve_scan_items_repository", "twelve_scan_items")
    op.drop_table("twelve_scan_items")
    op.drop_table("twelve_verdicts")
    op.drop_table("twelve_apps")
    op.drop_index("ix_twelve_assessments_reuse", "twelve_assessments")
    op.drop_table("twelve_assessments")
    op.drop_table("twelve_scans")
    op.drop_table("twelve_repositories")
