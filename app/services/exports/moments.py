"""The moment of the record an export shows: one event of the document's log (its sequence
number and hash), and which paragraph versions made up the text then.

* **now**: the document's counter and head, as committed (`read_latest`);
* **at revision N**: the event that issued it (else the last event up to its moment);
* **at a past moment** (checking a current-text export made then): the paragraphs that existed
  at that moment, each at its latest version by then, numbered in today's order. A paragraph
  moved since breaks that order, and `moved_since` names it: the order it had is not on record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.models import Document, Event, Paragraph, ParagraphVersion, Revision, Section
from app.services.consensus.queries import saved_id

MOVED = "paragraph.moved"


@dataclass(frozen=True)
class Moment:
    seq: int
    head: str | None  # None before the first event


def read_latest(session: Session, *, document_id: int) -> Moment:
    """The document's last event as committed now (not as a loaded row remembers it)."""
    seq, head = session.execute(
        sa.select(col(Document.event_seq), col(Document.event_head)).where(
            col(Document.id) == document_id
        )
    ).one()
    return Moment(seq, head or None)


def of_revision(session: Session, *, document: Document, revision: Revision) -> Moment:
    """The event that issued the revision, else the last event up to its moment."""
    document_id = saved_id(document)
    issued = session.execute(
        sa.select(col(Event.seq), col(Event.hash)).where(
            col(Event.document_id) == document_id,
            col(Event.action) == "revision.issued",
            col(Event.target_id) == revision.id,
        )
    ).first()
    if issued is None:
        issued = session.execute(
            sa.select(col(Event.seq), col(Event.hash))
            .where(
                col(Event.document_id) == document_id,
                col(Event.created_at) <= revision.created_at,
            )
            .order_by(col(Event.seq).desc())
            .limit(1)
        ).first()
    return Moment(issued[0], issued[1] or None) if issued is not None else Moment(0, None)


def event_at(session: Session, *, document_id: int, seq: int) -> Event | None:
    return session.exec(
        select(Event).where(Event.document_id == document_id, Event.seq == seq)
    ).first()


@dataclass(frozen=True)
class PinnedAt:
    """A paragraph at the version it had at a past moment, numbered within its section."""

    paragraph_id: int
    section_id: int
    number: int
    version_number: int
    section_position: int = 0


def paragraphs_at(session: Session, *, document: Document, t: datetime) -> list[PinnedAt]:
    """The paragraphs that existed at `t`, each at its latest version by then, in today's order."""
    document_id = saved_id(document)
    deleted_at = col(Paragraph.deleted_at)
    rows = session.execute(
        sa.select(col(Paragraph.id), col(Paragraph.section_id), col(Section.position))
        .join(Section, col(Section.id) == col(Paragraph.section_id))
        .where(
            col(Paragraph.document_id) == document_id,
            col(Paragraph.created_at) <= t,
            sa.or_(deleted_at.is_(None), deleted_at > t),
        )
        .order_by(col(Section.position), col(Paragraph.position))
    ).all()
    latest = dict(
        session.execute(
            sa.select(col(ParagraphVersion.paragraph_id), sa.func.max(ParagraphVersion.number))
            .where(
                col(ParagraphVersion.paragraph_id).in_([row[0] for row in rows]),
                col(ParagraphVersion.created_at) <= t,
            )
            .group_by(col(ParagraphVersion.paragraph_id))
        ).all()
    )
    pinned: list[PinnedAt] = []
    counters: dict[int, int] = {}
    for paragraph_id, section_id, section_position in rows:
        version = latest.get(paragraph_id)
        if version is None:
            continue
        n = counters[section_id] = counters.get(section_id, 0) + 1
        pinned.append(PinnedAt(paragraph_id, section_id, n, version, section_position))
    return pinned


def moved_since(session: Session, *, document_id: int, seq: int) -> int | None:
    """The first paragraph moved after event `seq`, if any."""
    moved: int | None = session.scalar(
        sa.select(col(Event.target_id))
        .where(
            col(Event.document_id) == document_id, col(Event.seq) > seq, col(Event.action) == MOVED
        )
        .order_by(col(Event.seq))
        .limit(1)
    )
    return moved
