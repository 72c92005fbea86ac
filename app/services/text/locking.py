"""Locks a write takes before it reads what it decides on: the document first, then its rows.

Every write to a document records an event, which takes the document's row lock anyway
(`record/events.py`); taking it first makes the writers of one document queue at the door, so
what each then reads (an amendment's status, a paragraph's head) is what the one before it
committed, and no two writers ever hold rows the other waits for (no deadlock). On SQLite a
writer already holds the database's one write lock from BEGIN IMMEDIATE (the lock clauses are
dropped there; the re-reads remain).
NO KEY UPDATE: rows that merely refer to a locked one (their foreign keys take KEY SHARE) are
not blocked.
"""

from __future__ import annotations

from sqlmodel import Session, select

from app.errors import Conflict
from app.models import Document, Paragraph


def document(session: Session, *, document_id: int) -> None:
    """Take the document's row lock before anything else the write reads."""
    session.exec(
        select(Document.id).where(Document.id == document_id).with_for_update(key_share=True)
    ).one()


def paragraph(session: Session, row: Paragraph) -> Paragraph:
    """Lock the paragraph (after its document) and re-read it: the state a write decides on."""
    document(session, document_id=row.document_id)
    return session.exec(
        select(Paragraph)
        .where(Paragraph.id == row.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).one()


def require_live(row: Paragraph) -> None:
    """409 if the paragraph was deleted (by a write that committed while this one waited)."""
    if row.deleted_at is not None:
        raise Conflict(f"Paragraph {row.id} has been deleted.", deleted=True)
