"""The append-only event log. Every write calls `record` in its own transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from app.drafting.integrity import event_digest
from app.models import Account, Document, Event
from app.services.accounts.actors import Actor
from app.services.record import marks, rows
from app.services.record.content import Content
from app.services.text import locking

EXCERPT = 200  # characters of a long text (a proposal, a reason) kept in an event's payload


def excerpt(text: str) -> str:
    """The start of a long text, for a payload: the full text is kept in its own row."""
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def chained_fields(event: Event) -> dict[str, Any]:
    """What an event's hash covers. `content` joins only when the event vouches for rows, so
    the hashes of events written before content hashing existed stay valid."""
    fields: dict[str, Any] = {
        "document_id": event.document_id,
        "seq": event.seq,
        "created_at": event.created_at.isoformat(),
        "account_id": event.account_id,
        "delegation_code": event.delegation_code,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "payload": event.payload,
    }
    if event.content:
        fields["content"] = event.content
    return fields


def _digest(prev_hash: str, event: Event) -> str:
    return event_digest(prev_hash, chained_fields(event))


def record(
    session: Session,
    *,
    document_id: int | None,
    actor: Actor | None,
    action: str,
    target_type: str,
    target_id: int | None,
    payload: dict[str, Any] | None = None,
    content: Iterable[Content] = (),
    now: datetime,
) -> Event:
    """Append one event; for a document, advance its counter and extend its hash chain.

    `content` names the rows this write produced with their hashes (`record/content.py`): the
    chain then vouches for what they hold.

    A write that locked its document (`text/locking.document`, as every write does) already
    read where the chain stands under the lock: the event is one Core INSERT, and the database
    moves the document's head with it (a trigger, migration 0011). Without that lock the
    counter's UPDATE takes it here (the document's row lock until commit: sequence numbers
    have no gaps or duplicates and the chain stays linear).
    """
    seq, prev_hash = 0, ""
    if document_id is not None:
        seq, prev_hash = _next(session, document_id)
    event = rows.new(
        Event,
        document_id=document_id,
        seq=seq,
        created_at=now,
        account_id=actor.account_id if actor else None,
        delegation_code=actor.delegation if actor else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        payload=payload or {},
        content=dict(content),
        prev_hash=prev_hash,
    )
    event.hash = _digest(prev_hash, event)
    if session.new or session.dirty or session.deleted:
        session.flush()  # the rows the event vouches for go first
    connection = session.connection()
    connection.execute(_INSERT, _row(event))
    # The Core INSERT leaves no ORM object behind: say what was recorded, for whoever announces
    # the commit (`live/announce.py` wakes this worker's streams with it).
    session.info.setdefault(RECORDED, []).append((document_id, seq))
    if document_id is not None:  # the INSERT moved the document's head (a trigger, migration 0011)
        _moved(session, document_id, _marked(session, document_id, event))
    return event


# session.info key: the (document id, seq) of each event recorded in the open transaction.
RECORDED = "consenso.recorded_events"
COMMITTED_HEADS = locking.COMMITTED_HEADS


def _after_commit(session: OrmSession) -> None:
    # Where the chains stood at this commit, marks included (read under the lock): the answer
    # built after the commit knows from them whether what the server kept still holds.
    session.info[COMMITTED_HEADS] = dict(session.info.get(locking.HEADS, {}))


def _after_rollback(session: OrmSession) -> None:
    session.info.pop(COMMITTED_HEADS, None)


def head(session: Session, document_id: int) -> locking.Head | None:
    """Where the document's chain stands as this session knows it without a statement: under
    its write lock, or as its last commit left it (None: not known here)."""
    locked: locking.Head | None = session.info.get(locking.HEADS, {}).get(document_id)
    if locked is not None:
        return locked
    committed: locking.Head | None = session.info.get(COMMITTED_HEADS, {}).get(document_id)
    return committed


sa.event.listen(OrmSession, "after_commit", _after_commit)
sa.event.listen(OrmSession, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
EVENTS: sa.Table = Event.__table__  # type: ignore[attr-defined]
_DOCUMENTS: sa.Table = Document.__table__  # type: ignore[attr-defined]
_COLUMNS = [c.name for c in EVENTS.columns if c.name != "id"]
# Built once: every write runs it.
_INSERT = sa.insert(EVENTS)


def _row(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in _COLUMNS}


def _next(session: Session, document_id: int) -> tuple[int, str]:
    """(seq, prev_hash) of the document's next event."""
    head = session.info.get(locking.HEADS, {}).get(document_id)
    if head is not None:
        return head.seq + 1, head.hash
    seq, prev_hash = session.exec(
        sa.update(Document)
        .where(col(Document.id) == document_id)
        .values(event_seq=col(Document.event_seq) + 1)
        .returning(col(Document.event_seq), col(Document.event_head))
    ).one()
    return seq, prev_hash


def _marked(session: Session, document_id: int, event: Event) -> locking.Head:
    """The document's head after `event`, with its marks (`record/marks.py`): an event that
    moves one marks the document with itself (one UPDATE, for the few kinds that do)."""
    before = session.info.get(locking.HEADS, {}).get(document_id)
    here = marks.Mark(event.seq, event.hash or "")
    labels = (
        here if marks.moves_labels(event.action) else before.labels if before else marks.UNKNOWN
    )
    rounds = (
        here if marks.moves_rounds(event.action) else before.rounds if before else marks.UNKNOWN
    )
    moved: dict[str, Any] = {}
    if labels is here:
        moved |= {"labels_seq": here.seq, "labels_hash": here.hash}
    if rounds is here:
        moved |= {"rounds_seq": here.seq, "rounds_hash": here.hash}
    if moved:
        session.connection().execute(
            sa.update(_DOCUMENTS).where(_DOCUMENTS.c.id == document_id).values(**moved)
        )
    return locking.Head(here.seq, here.hash, labels, rounds)


def _moved(session: Session, document_id: int, head: locking.Head) -> None:
    """Remember the new head for the next event of this transaction; a loaded `Document`
    shows it too."""
    session.info.setdefault(locking.HEADS, {})[document_id] = head
    loaded = session.identity_map.get(identity_key(Document, document_id))
    if loaded is not None:
        set_committed_value(loaded, "event_seq", head.seq)
        set_committed_value(loaded, "event_head", head.hash)
        for name, mark in (("labels", head.labels), ("rounds", head.rounds)):
            if mark.seq == head.seq:  # this event set the mark
                set_committed_value(loaded, f"{name}_seq", mark.seq)
                set_committed_value(loaded, f"{name}_hash", mark.hash)


def list_after(
    session: Session, *, document_id: int, after: int = 0, limit: int = 500
) -> list[dict[str, Any]]:
    """Events of a document after a sequence number, oldest first, with the actor's username."""
    rows = session.exec(
        select(Event, Account.username)
        .join(Account, col(Account.id) == col(Event.account_id), isouter=True)
        .where(Event.document_id == document_id, Event.seq > after)
        .order_by(col(Event.seq))
        .limit(limit)
    ).all()
    return [
        {
            "seq": e.seq,
            "created_at": e.created_at,
            "actor": username,
            "delegation_code": e.delegation_code,
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "payload": e.payload,
            "hash": e.hash,
        }
        for e, username in rows
    ]
