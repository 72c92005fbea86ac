"""the event moves its document's head: one statement records an event

A trigger after each INSERT into `event` sets the document's `event_seq` and `event_head` to
the new event's `seq` and `hash`, so recording an event is one statement instead of an INSERT
and an UPDATE (a round trip less per write on PostgreSQL), and the head can never be left
behind the chain by a write that forgot to move it. The write still takes the document's row
lock first (`app/services/text/locking.py`): the trigger's UPDATE runs under it.

Revision ID: 0011_event_moves_head
Revises: 0010_decision_code
Create Date: 2026-12-04 19:05:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_event_moves_head"
down_revision: str | None = "0010_decision_code"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE = """
CREATE TRIGGER event_moves_head AFTER INSERT ON event
FOR EACH ROW WHEN NEW.document_id IS NOT NULL
BEGIN
    UPDATE document SET event_seq = NEW.seq, event_head = NEW.hash WHERE id = NEW.document_id;
END
"""
POSTGRESQL_FUNCTION = """
CREATE FUNCTION event_moves_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE document SET event_seq = NEW.seq, event_head = NEW.hash WHERE id = NEW.document_id;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGER = """
CREATE TRIGGER event_moves_head AFTER INSERT ON event
FOR EACH ROW WHEN (NEW.document_id IS NOT NULL) EXECUTE FUNCTION event_moves_head()
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE)
    else:
        op.execute(POSTGRESQL_FUNCTION)
        op.execute(POSTGRESQL_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS event_moves_head")
    else:
        op.execute("DROP TRIGGER IF EXISTS event_moves_head ON event")
        op.execute("DROP FUNCTION IF EXISTS event_moves_head()")
