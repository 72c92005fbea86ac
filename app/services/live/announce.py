"""This process announces what it commits: the seam between the write path and the streams.

A SQLAlchemy session listener, registered when this module is imported (by the stream route):
after a flush it notes the document events the transaction added and whether it touched an
account or a sign-in session; after the commit it wakes this worker's hub (a rollback forgets
them). The writers are unchanged: `record` adds the event as before. On SQLite this is the
whole fan-out (one process); on PostgreSQL the trigger of migration 0005 announces every commit
to every worker as well (`live/notify.py`), this one only saves the worker that wrote a round
trip.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session as OrmSession

from app.models import Account, AuthSession, Event
from app.services.live import hub as live_hub

_EVENTS = "consenso.live.events"
_ACCOUNTS = "consenso.live.accounts"


def _after_flush(session: OrmSession, _context: Any) -> None:
    added = session.info.setdefault(_EVENTS, [])
    for obj in session.new:
        if isinstance(obj, Event):
            if obj.document_id is not None:
                added.append((obj.document_id, obj.seq))
            else:
                session.info[_ACCOUNTS] = True  # account events: created, disabled, …
    if any(isinstance(obj, Account | AuthSession) for obj in session.dirty):
        session.info[_ACCOUNTS] = True


def _after_commit(session: OrmSession) -> None:
    added: list[tuple[int, int]] = session.info.pop(_EVENTS, [])
    accounts = session.info.pop(_ACCOUNTS, False)
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
    session.info.pop(_EVENTS, None)
    session.info.pop(_ACCOUNTS, None)


sa.event.listen(OrmSession, "after_flush", _after_flush)
sa.event.listen(OrmSession, "after_commit", _after_commit)
sa.event.listen(OrmSession, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
