"""This process announces what it commits: the seam between the write path and the streams.

A SQLAlchemy session listener, registered when this module is imported (by the stream route):
`record` notes each event it writes in the session (`events.RECORDED`: its INSERT is a Core
statement, so no ORM object shows it), and after a flush this notes whether the transaction
touched an account or a sign-in session; after the commit it wakes this worker's hub (a
rollback forgets them). On SQLite this is the
whole fan-out (one process); on PostgreSQL the trigger of migration 0005 announces every commit
to every worker as well (`live/notify.py`), this one only saves the worker that wrote a round
trip.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session as OrmSession

from app.models import Account, AuthSession
from app.services.live import hub as live_hub
from app.services.record import events

_ACCOUNTS = "consenso.live.accounts"


def _after_flush(session: OrmSession, _context: Any) -> None:
    if any(isinstance(obj, Account | AuthSession) for obj in session.dirty):
        session.info[_ACCOUNTS] = True


def _after_commit(session: OrmSession) -> None:
    recorded: list[tuple[int | None, int]] = session.info.pop(events.RECORDED, [])
    added = [(document_id, seq) for document_id, seq in recorded if document_id is not None]
    # account events (created, disabled, …) belong to no document
    accounts = session.info.pop(_ACCOUNTS, False) or len(added) < len(recorded)
    if not added and not accounts:
        return
    bind = session.get_bind()
    engine = bind if isinstance(bind, sa.Engine) else bind.engine
    for hub in live_hub.existing(engine):  # none until a stream opens in this process
        for document_id, seq in added:
            hub.announce_threadsafe(document_id, seq)
        if accounts:
            hub.recheck_sessions_threadsafe()


def _after_rollback(session: OrmSession) -> None:
    session.info.pop(events.RECORDED, None)
    session.info.pop(_ACCOUNTS, None)


sa.event.listen(OrmSession, "after_flush", _after_flush)
sa.event.listen(OrmSession, "after_commit", _after_commit)
sa.event.listen(OrmSession, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
