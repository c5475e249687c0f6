"""The schema, as SQLAlchemy Core tables (the migrations in ``migrations/versions`` create the
same; a test compares them).

- ``twelve_repositories``: one row per repository, known by its *location*: the absolute path
  of a checkout, or the URL with any credentials masked;
- ``twelve_scans``: one row per ``twelve scan`` run (tool version, language, state, counts);
- ``twelve_assessments``: one assessment of one repository: commit, input digest (the reuse
  key), tool version and digest, exit code, the full JSON report;
- ``twelve_apps`` and ``twelve_verdicts``: per app of an assessment, its twelve statuses,
  confidences and justifications (the first app, index 0, is the main one);
- ``twelve_scan_items``: what a scan did with each repository: assessed, reused (an earlier
  assessment with the same input digest) or failed (with the error).
"""

from __future__ import annotations

import sqlalchemy as sa

METADATA = sa.MetaData()
VERSION_TABLE = "twelve_alembic_version"

repositories = sa.Table(
    "twelve_repositories",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("location", sa.String(2048), nullable=False, unique=True),
    sa.Column("name", sa.String(512), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),  # "path" or "url"
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

scans = sa.Table(
    "twelve_scans",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("state", sa.String(16), nullable=False),  # running, finished, interrupted, crashed
    sa.Column("tool_version", sa.String(64), nullable=False),
    sa.Column("tool_digest", sa.String(64), nullable=False),
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("source", sa.Text, nullable=False),  # the list files or folders, as given
    sa.Column("executor", sa.String(255), nullable=False),  # "this process", "processes:4", "dask:tcp://…"
    sa.Column("total", sa.Integer, nullable=False),
    sa.Column("assessed", sa.Integer, nullable=False, server_default="0"),
    sa.Column("reused", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
)

assessments = sa.Table(
    "twelve_assessments",
    METADATA,
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
    sa.Column("exit_code", sa.Integer, nullable=False),  # 0, or 3 when a rule or extractor failed
    sa.Column("files_seen", sa.Integer, nullable=False),
    sa.Column("files_analyzed", sa.Integer, nullable=False),
    sa.Column("report", sa.Text, nullable=False),  # the JSON report, exactly as `--format json` writes it
    sa.Index("ix_twelve_assessments_reuse", "repository_id", "input_digest"),
)

apps = sa.Table(
    "twelve_apps",
    METADATA,
    sa.Column(
        "assessment_id", sa.Integer, sa.ForeignKey("twelve_assessments.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("app_index", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("path", sa.String(2048), nullable=False),
    sa.Column("name", sa.String(512), nullable=False),
    sa.Column("stacks", sa.String(255), nullable=False),  # comma-separated, sorted
)

verdicts = sa.Table(
    "twelve_verdicts",
    METADATA,
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

scan_items = sa.Table(
    "twelve_scan_items",
    METADATA,
    sa.Column("scan_id", sa.Integer, sa.ForeignKey("twelve_scans.id"), primary_key=True),
    sa.Column("repository_id", sa.Integer, sa.ForeignKey("twelve_repositories.id"), primary_key=True),
    sa.Column("outcome", sa.String(10), nullable=False),  # assessed, reused, failed
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey("twelve_assessments.id"), nullable=True),
    sa.Column(
        "error_kind", sa.String(16), nullable=True
    ),  # missing, not_directory, unreadable, clone, config, internal
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("duration_s", sa.Float, nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_twelve_scan_items_repository", "repository_id"),
)
