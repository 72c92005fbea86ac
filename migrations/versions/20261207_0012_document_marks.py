"""document marks: the last event that may have moved the labels, and the last on the rounds

Four columns on `document`: `labels_seq`/`labels_hash` name the last event that may have moved
a paragraph's label (any event outside the neutral kinds, app/services/record/marks.py), and
`rounds_seq`/`rounds_hash` the last that created or changed a round. The server keeps the
labels and the rounds between requests while the document's mark is the one they were read at,
so a hot write's answer reads neither again nor the events since. Existing documents are marked
at their head: whatever was kept before is read again once.

Revision ID: 0012_document_marks
Revises: 0011_event_moves_head
Create Date: 2026-12-07 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_document_marks"
down_revision: str | None = "0011_event_moves_head"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("labels_seq", "labels_hash", "rounds_seq", "rounds_hash")


def upgrade() -> None:
    # Plain ADD COLUMN (never a table copy): other tables reference document.
    for name in COLUMNS:
        if name.endswith("_seq"):
            column = sa.Column(name, sa.Integer(), nullable=False, server_default="0")
        else:
            column = sa.Column(name, sa.String(length=64), nullable=False, server_default="")
        op.add_column("document", column)
    op.execute(
        "UPDATE document SET labels_seq = event_seq, labels_hash = event_head, "
        "rounds_seq = event_seq, rounds_hash = event_head"
    )


def downgrade() -> None:
    for name in reversed(COLUMNS):
        op.drop_column("document", name)
