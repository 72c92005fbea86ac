"""calendar: rounds and deadlines, co-sponsor invitations, the chairs' proposals, inbox

New tables `round`, `invitation` and `inbox_dismissal`. Amendments say whether they were filed
late and whether they are the chairs' compromise text (with the amendments it would replace).
Silence procedures keep the zone their deadline was set in and a co-chair's cancellation (who,
why). The two co-chairs become participants of kind `chair`, so their proposals have a proposer.

Revision ID: 0007_calendar
Revises: 0006_plenary
Create Date: 2026-12-02 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.models.base import UTCDateTime

revision: str = "0007_calendar"
down_revision: str | None = "0006_plenary"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = "status = 'pending'"
CHAIRS = [  # as app/models/participant.py names them today
    ("PPT-RCM", "Co-chair (RCM PPT)", "Copresidencia (PPT CRM)", "Copresidência (PPT CRM)"),
    ("PPT-SACM", "Co-chair (SACM PPT)", "Copresidencia (PPT CSM)", "Copresidência (PPT CSM)"),
]


_ADDED = [
    ("silence_procedure", "timezone"),
    ("silence_procedure", "cancel_reason"),
    ("silence_procedure", "cancelled_by_code"),
    ("amendment", "replaces"),
    ("amendment", "chairs_text"),
    ("amendment", "late"),
]


class _adding:  # noqa: N801 - used as `with _adding(table) as batch`
    """Columns added in place (ALTER TABLE ADD COLUMN), never by copying the table."""

    def __init__(self, table: str) -> None:
        self.table = table

    def __enter__(self) -> "_adding":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_column(self, column: sa.Column) -> None:  # type: ignore[type-arg]
        op.add_column(self.table, column)


def upgrade() -> None:
    _rounds()
    _invitations()
    op.create_table(
        "inbox_dismissal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("dismissed_at", UTCDateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["participant_code"], ["participant.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_code", "key"),
    )
    with _adding("amendment") as batch:
        batch.add_column(sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(
            sa.Column("chairs_text", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("replaces", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with _adding("silence_procedure") as batch:
        batch.add_column(sa.Column("cancelled_by_code", sqlmodel.sql.sqltypes.AutoString(length=8)))
        batch.add_column(sa.Column("cancel_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column(
                "timezone",
                sqlmodel.sql.sqltypes.AutoString(length=64),
                nullable=False,
                server_default="UTC",
            )
        )
    if op.get_bind().dialect.name == "postgresql":
        # A new enum value is usable only once committed: add it outside the transaction.
        with op.get_context().autocommit_block():
            op.execute("ALTER TYPE participantkind ADD VALUE IF NOT EXISTS 'CHAIR'")
    participant = sa.table(
        "participant",
        sa.column("code"),
        sa.column("kind"),
        sa.column("bloc"),
        sa.column("name_en"),
        sa.column("name_es"),
        sa.column("name_pt"),
    )
    op.bulk_insert(
        participant,
        [
            {"code": c, "kind": "CHAIR", "bloc": None, "name_en": en, "name_es": es, "name_pt": pt}
            for c, en, es, pt in CHAIRS
        ],
    )


def _rounds() -> None:
    op.create_table(
        "round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("room", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("days", sa.JSON(), nullable=False),
        sa.Column("amendment_deadline", UTCDateTime(), nullable=True),
        sa.Column("revision_due", UTCDateTime(), nullable=True),
        sa.Column("late_allowed", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by_account_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_round_document_id", "round", ["document_id"])


def _invitations() -> None:
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("amendment_id", sa.Integer(), nullable=False),
        sa.Column("participant_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("invited_by_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("invited_by_account_id", sa.Integer(), nullable=False),
        sa.Column("invited_at", UTCDateTime(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("answered_by_account_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["amendment_id"], ["amendment.id"]),
        sa.ForeignKeyConstraint(["answered_by_account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"]),
        sa.ForeignKeyConstraint(["invited_by_account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["invited_by_code"], ["participant.code"]),
        sa.ForeignKeyConstraint(["participant_code"], ["participant.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_invitation_amendment_id", "invitation", ["amendment_id"])
    op.create_index("ix_invitation_document_id", "invitation", ["document_id"])
    op.create_index("ix_invitation_participant_code", "invitation", ["participant_code"])
    op.create_index(
        "uq_invitation_pending",
        "invitation",
        ["amendment_id", "participant_code"],
        unique=True,
        sqlite_where=sa.text(PENDING),
        postgresql_where=sa.text(PENDING),
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM participant WHERE kind = 'CHAIR'"))
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+ too): a batch copy of `amendment` would
    # drop a table that other rows refer to.
    for table, column in _ADDED:
        op.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {column}"))
    op.drop_table("inbox_dismissal")
    op.drop_index("uq_invitation_pending", table_name="invitation")
    op.drop_table("invitation")
    op.drop_index("ix_round_document_id", table_name="round")
    op.drop_table("round")
