"""translations: a negotiating language per document, its languages, and translations per
paragraph version

Documents gain `negotiating_language` (default en), `languages` (default en,es,pt) and
`agreed_requires_concordance` (default false). `paragraph_translation` keeps every translation
entered: the paragraph, the language, the version of the negotiating text it translates, its
text and hash, who entered it and when.

Revision ID: 0004_translations
Revises: 0003
Create Date: 2026-12-02 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.models.base

revision: str = "0004_translations"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE … ADD COLUMN, not a batch copy: copying `document` on SQLite means
    # dropping it, which the foreign keys from every other table refuse once there is data.
    op.add_column(
        "document",
        sa.Column(
            "negotiating_language",
            sqlmodel.sql.sqltypes.AutoString(length=8),
            nullable=False,
            server_default="en",
        ),
    )
    op.add_column(
        "document",
        sa.Column(
            "languages",
            sqlmodel.sql.sqltypes.AutoString(length=64),
            nullable=False,
            server_default="en,es,pt",
        ),
    )
    op.add_column(
        "document",
        sa.Column(
            "agreed_requires_concordance",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
        ),
    )
    op.create_table(
        "paragraph_translation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("author_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", app.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_account_id"],
            ["account.id"],
            name=op.f("fk_paragraph_translation_author_account_id_account"),
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_paragraph_translation_paragraph_id_paragraph"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paragraph_translation")),
    )
    op.create_index(
        "ix_paragraph_translation_paragraph_lang",
        "paragraph_translation",
        ["paragraph_id", "lang"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_paragraph_translation_paragraph_lang", table_name="paragraph_translation")
    op.drop_table("paragraph_translation")
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch copy: copying `document` means
    # dropping it, which SQLite's foreign keys from every other table refuse.
    for column in ("agreed_requires_concordance", "languages", "negotiating_language"):
        op.drop_column("document", column)
