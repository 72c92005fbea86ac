"""The append-only event log. Every write calls `record` in its own transaction."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.models import Account, Document, Event
from app.services.accounts.actors import Actor

EXCERPT = 200  # characters of a long text (a proposal, a reason) kept in an event's payload


def excerpt(text: str) -> str:
    """The start of a long text, for a payload: the full text is kept in its own row."""
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _digest(prev_hash: str, event: Event) -> str:
    body = json.dumps(
        {
            "document_id": event.document_id,
            "seq": event.seq,
            "created_at": event.created_at.isoformat(),
            "account_id": event.account_id,
            "delegation_code": event.delegation_code,
            "action": event.action,
            "target_type": event.target_type,
            "target_id": event.target_id,
            "payload": event.payload,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def record(
    session: Session,
    *,
    document_id: int | None,
    actor: Actor | None,
    action: str,
    target_type: str,
    target_id: int | None,
    payload: dict[str, Any] | None = None,
    now: datetime,
) -> Event:
    """Append one event; for a document, bump its counter (row lock) and extend its hash chain."""
    seq, prev_hash = 0, ""
    if document_id is not None:
        # The UPDATE takes the document's row lock until commit: writers to one document queue
        # here, so sequence numbers have no gaps or duplicates and the chain stays linear.
        seq, prev_hash = session.exec(
            sa.update(Document)
            .where(col(Document.id) == document_id)
            .values(event_seq=col(Document.event_seq) + 1)
            .returning(col(Document.event_seq), col(Document.event_head))
        ).one()
    event = Event(
        document_id=document_id,
        seq=seq,
        created_at=now,
        account_id=actor.account_id if actor else None,
        delegation_code=actor.delegation if actor else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        payload=payload or {},
        prev_hash=prev_hash,
    )
    event.hash = _digest(prev_hash, event)
    session.add(event)
    if document_id is not None:
        session.exec(
            sa.update(Document).where(col(Document.id) == document_id).values(event_head=event.hash)
        )
    session.flush()
    return event


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


def verify_chain(session: Session, *, document_id: int) -> tuple[bool, int, str]:
    """Recompute the hash chain: (intact, events checked, head hash)."""
    prev = ""
    count = 0
    for event in session.exec(
        select(Event).where(Event.document_id == document_id).order_by(col(Event.seq))
    ):
        if event.prev_hash != prev or _digest(prev, event) != event.hash:
            return False, count, prev
        prev = event.hash
        count += 1
    return True, count, prev
