"""The live room: PostgreSQL announces each committed event (LISTEN/NOTIFY).

A trigger on the event table sends `pg_notify('consenso_event', '<document id>:<seq>')` for
every document event. NOTIFY is transactional: the announcement is delivered when the
transaction commits, never for one rolled back. The payload is only the event's place; every
worker reads the event itself back from the table (app/services/live/notify.py). SQLite has
no such thing: there the process that commits announces it (app/services/live/announce.py).

Revision ID: 0005_live_notify
Revises: 0004_translations
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_live_notify"
down_revision: str | None = "0004_translations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "consenso_event"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION consenso_event_notify() RETURNS trigger AS $$
        BEGIN
          IF NEW.document_id IS NOT NULL THEN
            PERFORM pg_notify('{CHANNEL}', NEW.document_id::text || ':' || NEW.seq::text);
          END IF;
          RETURN NULL;
        END
        $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        "CREATE TRIGGER event_notify AFTER INSERT ON event "
        "FOR EACH ROW EXECUTE FUNCTION consenso_event_notify()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS event_notify ON event")
    op.execute("DROP FUNCTION IF EXISTS consenso_event_notify()")
