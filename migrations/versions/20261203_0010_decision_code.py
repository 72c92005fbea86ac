"""decision codes: the reason the server gives for a decision, kept as a message

New nullable column `amendment.decision_code` (JSON: {code, params}) beside `decision_reason`
(its English), so "superseded: paragraph 4 was deleted by accepting amendment 12" or "replaced
by the chairs' proposal" reads in the reader's language. Reasons the chairs typed stay text
(NULL here); rows decided before this migration keep their English reason.

Revision ID: 0010_decision_code
Revises: 0009_export_jobs
Create Date: 2026-12-03 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_decision_code"
down_revision: str | None = "0009_export_jobs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (never a table copy): other tables reference amendment.
    op.add_column("amendment", sa.Column("decision_code", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("amendment", "decision_code")
