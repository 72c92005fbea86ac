"""Documents and their structure: sections, paragraph order and numbering."""

from __future__ import annotations

import re
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, func, select

from app.drafting.labels import paragraph_label
from app.errors import Invalid, NotFound
from app.models import Document, Paragraph, ParagraphVersion, Section
from app.models.document import (
    DocumentCreate,
    DocumentPublic,
    DocumentSummary,
    ParagraphPublic,
    SectionPublic,
)
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import events as events_service
from app.services.text import versions as versions_service


def get_or_raise(session: Session, *, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"There is no document {document_id}.")
    return document


def list(session: Session) -> list[DocumentSummary]:  # noqa: A001
    """Every document with its number of live paragraphs."""
    counts = dict(
        session.exec(
            select(Paragraph.document_id, func.count())
            .where(Paragraph.deleted_at.is_(None))
            .group_by(Paragraph.document_id)
        ).all()
    )
    return [
        DocumentSummary(
            id=d.id,
            title=d.title,
            consensus_mode=d.consensus_mode,
            created_at=d.created_at,
            paragraph_count=counts.get(d.id, 0),
        )
        for d in session.exec(select(Document).order_by(Document.id))
    ]


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:64] or "section"


def create(session: Session, *, actor: Actor, now: datetime, data: DocumentCreate) -> Document:
    """A new, empty document with its sections (chairs and secretariat only)."""
    require_chair_side(actor, "create a document")
    title = data.title.strip()
    if not title:
        raise Invalid("A document needs a title.")
    if data.consensus_mode not in ("silence", "explicit"):
        raise Invalid("consensus_mode must be 'silence' or 'explicit'.")
    document = Document(
        title=title,
        consensus_mode=data.consensus_mode,
        created_by_account_id=actor.account_id,
        created_at=now,
    )
    session.add(document)
    session.flush()
    keys: set[str] = set()
    for position, section_title in enumerate(data.sections, start=1):
        section_title = section_title.strip()
        if not section_title:
            raise Invalid(f"Section {position} has no title.")
        key = _slug(section_title)
        if key in keys:
            raise Invalid(f"Two sections are called {section_title!r}.")
        keys.add(key)
        session.add(
            Section(document_id=document.id, key=key, title=section_title, position=position)
        )
    session.flush()
    events_service.record(
        session,
        document_id=document.id,
        actor=actor,
        action="document.created",
        target_type="document",
        target_id=document.id,
        payload={"title": title, "sections": [s.strip() for s in data.sections]},
        now=now,
    )
    return document


def sections(session: Session, *, document_id: int) -> list[Section]:
    return session.exec(
        select(Section).where(Section.document_id == document_id).order_by(Section.position)
    ).all()


def get_section(session: Session, *, document_id: int, ref: int | str) -> Section:
    """A section by id or key, or 422 naming the valid ones."""
    column = Section.id if isinstance(ref, int) else Section.key
    section = session.exec(
        select(Section).where(Section.document_id == document_id, column == ref)
    ).first()
    if section is None:
        valid = ", ".join(s.key for s in sections(session, document_id=document_id))
        raise Invalid(f"This document has no section {ref!r}. Sections: {valid}.")
    return section


def live_paragraphs(session: Session, *, document_id: int) -> list[Paragraph]:
    """Paragraphs not deleted, in document order (section, then position)."""
    return session.exec(
        select(Paragraph)
        .join(Section, Section.id == Paragraph.section_id)
        .where(Paragraph.document_id == document_id, Paragraph.deleted_at.is_(None))
        .order_by(Section.position, Paragraph.position)
    ).all()


def numbering(session: Session, *, document_id: int) -> dict[int, tuple[int, str]]:
    """paragraph id -> (number within its section, label "section.number") for live paragraphs."""
    result: dict[int, tuple[int, str]] = {}
    section_pos = {s.id: s.position for s in sections(session, document_id=document_id)}
    counters: dict[int, int] = {}
    for paragraph in live_paragraphs(session, document_id=document_id):
        n = counters[paragraph.section_id] = counters.get(paragraph.section_id, 0) + 1
        result[paragraph.id] = (n, paragraph_label(section_pos[paragraph.section_id], n))
    return result


def view(session: Session, *, document: Document, at: datetime | None = None) -> DocumentPublic:
    """The document now, or as it stood at a past moment (`at`)."""
    secs = sections(session, document_id=document.id)
    if at is None:
        paragraphs = [
            (p, p.head_version, p.head_text)
            for p in live_paragraphs(session, document_id=document.id)
        ]
    else:
        paragraphs = _paragraphs_at(session, document_id=document.id, at=at)
    by_section: dict[int, list[ParagraphPublic]] = {s.id: [] for s in secs}
    section_pos = {s.id: s.position for s in secs}
    for paragraph, version, text in paragraphs:
        items = by_section[paragraph.section_id]
        number = len(items) + 1
        items.append(
            ParagraphPublic(
                id=paragraph.id,
                section_id=paragraph.section_id,
                number=number,
                label=paragraph_label(section_pos[paragraph.section_id], number),
                head_version=version,
                text=text,
                frozen=paragraph.frozen,
            )
        )
    return DocumentPublic(
        id=document.id,
        title=document.title,
        consensus_mode=document.consensus_mode,
        created_at=document.created_at,
        sections=[
            SectionPublic(
                id=s.id, key=s.key, title=s.title, position=s.position, paragraphs=by_section[s.id]
            )
            for s in secs
        ],
    )


def _paragraphs_at(session: Session, *, document_id: int, at: datetime):
    """(paragraph, version, text) for paragraphs that existed at `at`, in today's order."""
    rows = session.exec(
        select(Paragraph)
        .join(Section, Section.id == Paragraph.section_id)
        .where(
            Paragraph.document_id == document_id,
            Paragraph.created_at <= at,
            sa.or_(Paragraph.deleted_at.is_(None), Paragraph.deleted_at > at),
        )
        .order_by(Section.position, Paragraph.position)
    ).all()
    latest = dict(
        session.exec(
            select(ParagraphVersion.paragraph_id, func.max(ParagraphVersion.number))
            .where(
                ParagraphVersion.paragraph_id.in_([p.id for p in rows]),
                ParagraphVersion.created_at <= at,
            )
            .group_by(ParagraphVersion.paragraph_id)
        ).all()
    )
    result = []
    for paragraph in rows:
        number = latest.get(paragraph.id)
        if number is None:
            continue
        result.append(
            (
                paragraph,
                number,
                versions_service.text_of(session, paragraph_id=paragraph.id, number=number),
            )
        )
    return result
