"""The two sides of a comparison: a revision as issued, or the current text at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from app.drafting.compare import ParagraphState
from app.models import Document, Revision
from app.models.revision import RevisionRef
from app.services.record.rows import id_of
from app.services.revisions import revisions as revisions_service
from app.services.text import documents as documents_service
from app.services.text import numbering as numbering_service


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a revision or the current text, in document order."""

    ref: RevisionRef
    moment: datetime
    is_now: bool
    states: list[ParagraphState]

    @property
    def by_id(self) -> dict[int, ParagraphState]:
        return {s.paragraph_id: s for s in self.states}


def of_revision(session: Session, *, revision: Revision) -> Side:
    """A revision as it was issued."""
    entries = revisions_service.entries_of(session, revision=revision)
    texts = revisions_service.texts_at(
        session, wanted={e.paragraph_id: e.version_number for e in entries}
    )
    placed = [(e.paragraph_id, e.section_id) for e in entries]
    names = numbering_service.labels_of(
        session, document_id=revision.document_id, paragraphs=placed
    )
    states = [
        ParagraphState(
            paragraph_id=e.paragraph_id,
            section_id=e.section_id,
            label=names[e.paragraph_id],
            text=texts[e.paragraph_id],
            version=e.version_number,
        )
        for e in entries
    ]
    ref = RevisionRef(number=revision.number, label=revision.label, created_at=revision.created_at)
    return Side(ref=ref, moment=revision.created_at, is_now=False, states=states)


def of_now(session: Session, *, document: Document, now: datetime) -> Side:
    """The current text, as it stands at `now`."""
    document_id = id_of(document)
    numbers = documents_service.numbering(session, document_id=document_id)
    states = [
        ParagraphState(
            paragraph_id=id_of(p),
            section_id=p.section_id,
            label=numbers[id_of(p)][1],
            text=p.head_text,
            version=p.head_version,
        )
        for p in documents_service.live_paragraphs(session, document_id=document_id)
    ]
    return Side(
        ref=RevisionRef(number=None, label="now", created_at=now),
        moment=now,
        is_now=True,
        states=states,
    )
