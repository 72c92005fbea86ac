"""one winner: sponsorships as history, one current position, one running silence

Sponsorships become append-only: the unique (amendment, delegation) row gives way to a partial
unique index over current rows (left_at IS NULL), and each row says which revision it joined
(existing rows: the latest revision at or before their joining). Positions get one current row
per delegation and target, and silence procedures one running procedure per paragraph version,
as partial unique indexes. Duplicates a race may have left are retired first: the newest
position stays current; of two running procedures on a version, the later is marked cancelled
when it started (it never should have begun).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CURRENT_SPONSOR = "left_at IS NULL"
RUNNING = "cancelled_at IS NULL AND broken_at IS NULL"


def _partial(where: str) -> dict[str, sa.TextClause]:
    return {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)}


def upgrade() -> None:
    _sponsors()
    _retire_duplicate_positions()
    _cancel_duplicate_silences()
    op.create_index(
        "uq_position_paragraph_current",
        "position",
        ["paragraph_id", "version_number", "participant_code"],
        unique=True,
        **_partial("current"),
    )
    op.create_index(
        "uq_position_amendment_current",
        "position",
        ["amendment_id", "participant_code"],
        unique=True,
        **_partial("current"),
    )
    op.create_index(
        "uq_silence_procedure_running",
        "silence_procedure",
        ["paragraph_id", "version_number"],
        unique=True,
        **_partial(RUNNING),
    )


def _sponsors() -> None:
    with op.batch_alter_table("amendment_sponsor", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("joined_revision", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.drop_constraint(
            "uq_amendment_sponsor_amendment_id_participant_code", type_="unique"
        )
    op.execute(
        "UPDATE amendment_sponsor SET joined_revision = COALESCE(("
        " SELECT MAX(v.number) FROM amendment_version v"
        " WHERE v.amendment_id = amendment_sponsor.amendment_id"
        " AND v.created_at <= amendment_sponsor.joined_at), 1)"
    )
    op.create_index(
        "uq_amendment_sponsor_current",
        "amendment_sponsor",
        ["amendment_id", "participant_code"],
        unique=True,
        **_partial(CURRENT_SPONSOR),
    )


def _retire_duplicate_positions() -> None:
    for target in (
        "o.paragraph_id = position.paragraph_id AND o.version_number = position.version_number",
        "o.amendment_id = position.amendment_id AND o.paragraph_id IS NULL",
    ):
        op.execute(
            "UPDATE position SET current = false WHERE current AND EXISTS ("
            " SELECT 1 FROM position o WHERE o.current AND o.id > position.id"
            f" AND o.participant_code = position.participant_code AND {target})"
        )


def _cancel_duplicate_silences() -> None:
    op.execute(
        "UPDATE silence_procedure SET cancelled_at = started_at"
        f" WHERE {RUNNING} AND EXISTS ("
        " SELECT 1 FROM silence_procedure o"
        " WHERE o.cancelled_at IS NULL AND o.broken_at IS NULL AND o.id < silence_procedure.id"
        " AND o.paragraph_id = silence_procedure.paragraph_id"
        " AND o.version_number = silence_procedure.version_number)"
    )


def downgrade() -> None:
    op.drop_index("uq_silence_procedure_running", table_name="silence_procedure")
    op.drop_index("uq_position_amendment_current", table_name="position")
    op.drop_index("uq_position_paragraph_current", table_name="position")
    op.drop_index("uq_amendment_sponsor_current", table_name="amendment_sponsor")
    # Going back to one row per delegation: keep each delegation's latest sponsorship.
    op.execute(
        "DELETE FROM amendment_sponsor WHERE EXISTS ("
        " SELECT 1 FROM amendment_sponsor o WHERE o.id > amendment_sponsor.id"
        " AND o.amendment_id = amendment_sponsor.amendment_id"
        " AND o.participant_code = amendment_sponsor.participant_code)"
    )
    with op.batch_alter_table("amendment_sponsor", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_amendment_sponsor_amendment_id_participant_code",
            ["amendment_id", "participant_code"],
        )
        batch_op.drop_column("joined_revision")
