"""export jobs: large exports built in the background, their files kept as a bounded cache

New table `export_job`: one row per export built in the background (status, stage, progress,
the finished file), found again by `key`, the SHA-256 of what the file shows, so a second
request for the same state is served from it. Any worker answers for a job: its row and file
are in the database.

Revision ID: 0009_export_jobs
Revises: 0008_document_settings
Create Date: 2026-12-02 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.models.base import UTCDateTime

revision: str = "0009_export_jobs"
down_revision: str | None = "0008_document_settings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "export_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", _TEXT(length=64), nullable=False),
        sa.Column("format", _TEXT(length=8), nullable=False),
        sa.Column("variant", _TEXT(length=16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("lang", _TEXT(length=8), nullable=True),
        sa.Column("parallel", sa.Boolean(), nullable=False),
        sa.Column("status", _TEXT(length=16), nullable=False),
        sa.Column("stage", _TEXT(length=16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("filename", _TEXT(length=200), nullable=False),
        sa.Column("media_type", _TEXT(length=100), nullable=False),
        sa.Column("language", _TEXT(length=8), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("created_by_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_export_job_document_id", "export_job", ["document_id"])
    op.create_index("ix_export_job_key", "export_job", ["key"])


def downgrade() -> None:
    op.drop_index("ix_export_job_key", table_name="export_job")
    op.drop_index("ix_export_job_document_id", table_name="export_job")
    op.drop_table("export_job")
