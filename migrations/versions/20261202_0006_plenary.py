"""plenary: the paragraph under reading and its speakers' list

One open reading per document and, per reading, one active request per delegation and one
speaker at a time, as partial unique indexes.

Revision ID: 0006_plenary
Revises: 0005_live_notify
Create Date: 2026-12-02 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.models.base

revision: str = "0006_plenary"
down_revision: str | None = "0005_live_notify"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_READING = "ended_at IS NULL"
ACTIVE_REQUEST = "status IN ('waiting', 'speaking')"
SPEAKING = "status = 'speaking'"


def _partial(where: str) -> dict[str, sa.TextClause]:
    return {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)}


def upgrade() -> None:
    op.create_table(
        "plenary_reading",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=False),
        sa.Column("started_at", app.models.base.UTCDateTime(), nullable=False),
        sa.Column("started_by_account_id", sa.Integer(), nullable=True),
        sa.Column("list_closed_at", app.models.base.UTCDateTime(), nullable=True),
        sa.Column("ended_at", app.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_plenary_reading_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_plenary_reading_paragraph_id_paragraph"),
        ),
        sa.ForeignKeyConstraint(
            ["started_by_account_id"],
            ["account.id"],
            name=op.f("fk_plenary_reading_started_by_account_id_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plenary_reading")),
    )
    with op.batch_alter_table("plenary_reading", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plenary_reading_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_plenary_reading_paragraph_id"), ["paragraph_id"], unique=False
        )
    op.create_index(
        "uq_plenary_reading_open",
        "plenary_reading",
        ["document_id"],
        unique=True,
        **_partial(OPEN_READING),
    )
    _floor_request()


def _floor_request() -> None:
    op.create_table(
        "floor_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reading_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("participant_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("requested_at", app.models.base.UTCDateTime(), nullable=False),
        sa.Column("given_at", app.models.base.UTCDateTime(), nullable=True),
        sa.Column("ended_at", app.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reading_id"],
            ["plenary_reading.id"],
            name=op.f("fk_floor_request_reading_id_plenary_reading"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_floor_request_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["participant_code"],
            ["participant.code"],
            name=op.f("fk_floor_request_participant_code_participant"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_floor_request_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_floor_request")),
    )
    with op.batch_alter_table("floor_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_floor_request_reading_id"), ["reading_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_floor_request_document_id"), ["document_id"], unique=False
        )
    op.create_index(
        "uq_floor_request_active",
        "floor_request",
        ["reading_id", "participant_code"],
        unique=True,
        **_partial(ACTIVE_REQUEST),
    )
    op.create_index(
        "uq_floor_request_speaking",
        "floor_request",
        ["reading_id"],
        unique=True,
        **_partial(SPEAKING),
    )


def downgrade() -> None:
    op.drop_index("uq_floor_request_speaking", table_name="floor_request")
    op.drop_index("uq_floor_request_active", table_name="floor_request")
    with op.batch_alter_table("floor_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_floor_request_document_id"))
        batch_op.drop_index(batch_op.f("ix_floor_request_reading_id"))
    op.drop_table("floor_request")
    op.drop_index("uq_plenary_reading_open", table_name="plenary_reading")
    with op.batch_alter_table("plenary_reading", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plenary_reading_paragraph_id"))
        batch_op.drop_index(batch_op.f("ix_plenary_reading_document_id"))
    op.drop_table("plenary_reading")
