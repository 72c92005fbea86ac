"""document settings: numbering scheme, symbol, distribution, original language; section kinds

`document` gains `numbering` (section | consecutive | pp_op, app/drafting/labels.py), `symbol`,
`distribution` (general | restricted) and `original_language` ("" = the negotiating language),
which the exports' headers print. `section` gains `kind` (preambular | operative | NULL), which
the pp_op numbering counts apart. Existing documents keep today's section.paragraph labels.

Revision ID: 0008_document_settings
Revises: 0007_calendar
Create Date: 2026-12-02 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008_document_settings"
down_revision: str | None = "0007_calendar"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_DOCUMENT = [
    ("numbering", 16, "section"),
    ("symbol", 64, ""),
    ("distribution", 16, "general"),
    ("original_language", 8, ""),
]


def upgrade() -> None:
    # Plain ADD COLUMN (never a table copy): other tables reference document and section.
    for name, length, default in _DOCUMENT:
        op.add_column(
            "document",
            sa.Column(name, _TEXT(length=length), nullable=False, server_default=default),
        )
    op.add_column("section", sa.Column("kind", _TEXT(length=16), nullable=True))


def downgrade() -> None:
    op.drop_column("section", "kind")
    for name, _length, _default in reversed(_DOCUMENT):
        op.drop_column("document", name)
