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
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "negotiating_language",
                sqlmodel.sql.sqltypes.AutoString(length=8),
                nullable=False,
                server_default="en",
            )
        )
        batch_op.add_column(
            sa.Column(
                "languages",
                sqlmodel.sql.sqltypes.AutoString(length=64),
                nullable=False,
                server_default="en,es,pt",
            )
        )
        batch_op.add_column(
            sa.Column(
                "agreed_requires_concordance",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
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
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("agreed_requires_concordance")
        batch_op.drop_column("languages")
        batch_op.drop_column("negotiating_language")
