"""Documents and their structure: sections, paragraph order and numbering."""

from __future__ import annotations

import builtins
import re
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from app.errors import Invalid, NotFound
from app.models import Document, Paragraph, ParagraphVersion, Section
from app.models.document import (
    DocumentCreate,
    DocumentPublic,
    DocumentSummary,
    DocumentUpdate,
    ParagraphPublic,
    SectionPublic,
)
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import settings as settings_service
from app.services.text import versions as versions_service
from app.services.text.cleaning import line_text
from app.services.text.numbering import labels_of

MAX_SECTIONS = 50
TITLE_CHARS = 300  # the columns' length


def get_or_raise(session: Session, *, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(
            f"There is no document {document_id}.",
            code="document.not_found",
            params={"id": document_id},
        )
    return document


def list(session: Session) -> builtins.list[DocumentSummary]:  # noqa: A001
    """Every document with its number of live paragraphs."""
    counts = dict(
        session.exec(
            select(Paragraph.document_id, func.count())
            .where(col(Paragraph.deleted_at).is_(None))
            .group_by(col(Paragraph.document_id))
        ).all()
    )
    return [
        DocumentSummary(
            id=id_of(d),
            created_at=d.created_at,
            **settings_of(d),
            paragraph_count=counts.get(id_of(d), 0),
        )
        for d in session.exec(select(Document).order_by(col(Document.id)))
    ]


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:64] or "section"


def _add_sections(session: Session, document_id: int, section_titles: builtins.list[str]) -> None:
    """The new document's sections, in order; 422 for one without a title or a title twice."""
    keys: set[str] = set()
    for position, section_title in enumerate(section_titles, start=1):
        if not section_title:
            raise Invalid(
                f"Section {position} has no title.",
                code="document.section_untitled",
                params={"position": position},
            )
        key = _slug(section_title)
        if key in keys:
            raise Invalid(
                f"Two sections are called {section_title!r}.",
                code="document.section_twice",
                params={"title": repr(section_title)},
            )
        keys.add(key)
        session.add(
            Section(document_id=document_id, key=key, title=section_title, position=position)
        )
    session.flush()


def create(session: Session, *, actor: Actor, now: datetime, data: DocumentCreate) -> Document:
    """A new, empty document with its sections (chairs and secretariat only)."""
    require_chair_side(actor, "create a document")
    title = line_text(data.title, limit=TITLE_CHARS, what="The title")
    if not title:
        raise Invalid("A document needs a title.", code="document.title_missing")
    if data.consensus_mode not in ("silence", "explicit"):
        raise Invalid(
            "consensus_mode must be 'silence' or 'explicit'.", code="document.consensus_mode"
        )
    if len(data.sections) > MAX_SECTIONS:
        raise Invalid(
            f"A document has at most {MAX_SECTIONS} sections; this one would have "
            f"{len(data.sections)}.",
            code="document.too_many_sections",
            params={"max": MAX_SECTIONS, "count": len(data.sections)},
        )
    section_titles = [
        line_text(t, limit=TITLE_CHARS, what=f"The title of section {n}")
        for n, t in enumerate(data.sections, start=1)
    ]
    settings = settings_service.checked(
        DocumentUpdate(
            numbering=data.numbering,
            symbol=data.symbol,
            distribution=data.distribution,
            original_language=data.original_language,
        )
    )
    document = Document(
        title=title,
        consensus_mode=data.consensus_mode,
        created_by_account_id=actor.account_id,
        created_at=now,
    )
    document.sqlmodel_update(settings)
    session.add(document)
    session.flush()
    document_id = id_of(document)
    _add_sections(session, document_id, section_titles)
    events_service.record(
        session,
        document_id=document_id,
        actor=actor,
        action="document.created",
        target_type="document",
        target_id=document_id,
        payload={"title": title, "sections": section_titles},
        now=now,
    )
    return document


def sections(session: Session, *, document_id: int) -> builtins.list[Section]:
    return builtins.list(
        session.exec(
            select(Section)
            .where(Section.document_id == document_id)
            .order_by(col(Section.position))
        ).all()
    )


def get_section(session: Session, *, document_id: int, ref: int | str) -> Section:
    """A section by id or key, or 422 naming the valid ones."""
    column = Section.id if isinstance(ref, int) else Section.key
    section = session.exec(
        select(Section).where(Section.document_id == document_id, column == ref)
    ).first()
    if section is None:
        valid = ", ".join(s.key for s in sections(session, document_id=document_id))
        raise Invalid(
            f"This document has no section {ref!r}. Sections: {valid}.",
            code="document.no_section",
            params={"section": repr(ref), "valid": valid},
        )
    return section


def live_paragraphs(session: Session, *, document_id: int) -> builtins.list[Paragraph]:
    """Paragraphs not deleted, in document order (section, then position)."""
    return builtins.list(
        session.exec(
            select(Paragraph)
            .join(Section, col(Section.id) == col(Paragraph.section_id))
            .where(Paragraph.document_id == document_id, col(Paragraph.deleted_at).is_(None))
            .order_by(col(Section.position), col(Paragraph.position))
        ).all()
    )


def numbering(session: Session, *, document_id: int) -> dict[int, tuple[int, str]]:
    """paragraph id -> (number within its section, label) for live paragraphs."""
    live = [(id_of(p), p.section_id) for p in live_paragraphs(session, document_id=document_id)]
    names = labels_of(session, document_id=document_id, paragraphs=live)
    result: dict[int, tuple[int, str]] = {}
    counters: dict[int, int] = {}
    for paragraph_id, section_id in live:
        n = counters[section_id] = counters.get(section_id, 0) + 1
        result[paragraph_id] = (n, names[paragraph_id])
    return result


def settings_of(document: Document) -> dict[str, str]:
    """The document's settings as its schemas carry them."""
    return {
        "title": document.title,
        "consensus_mode": document.consensus_mode,
        "numbering": document.numbering,
        "symbol": document.symbol,
        "distribution": document.distribution,
        "original_language": document.original_language,
    }


def section_public(section: Section, paragraphs: builtins.list[ParagraphPublic]) -> SectionPublic:
    return SectionPublic(
        id=id_of(section),
        key=section.key,
        title=section.title,
        position=section.position,
        kind=section.kind,
        paragraphs=paragraphs,
    )


def view(session: Session, *, document: Document, at: datetime | None = None) -> DocumentPublic:
    """The document now, or as it stood at a past moment (`at`)."""
    document_id = id_of(document)
    secs = sections(session, document_id=document_id)
    if at is None:
        paragraphs = [
            (p, p.head_version, p.head_text)
            for p in live_paragraphs(session, document_id=document_id)
        ]
    else:
        paragraphs = _paragraphs_at(session, document_id=document_id, at=at)
    by_section: dict[int, builtins.list[ParagraphPublic]] = {id_of(s): [] for s in secs}
    names = labels_of(
        session,
        document_id=document_id,
        paragraphs=[(id_of(p), p.section_id) for p, _version, _text in paragraphs],
    )
    for paragraph, version, text in paragraphs:
        items = by_section[paragraph.section_id]
        items.append(
            ParagraphPublic(
                id=id_of(paragraph),
                section_id=paragraph.section_id,
                number=len(items) + 1,
                label=names[id_of(paragraph)],
                head_version=version,
                text=text,
                frozen=paragraph.frozen,
            )
        )
    return DocumentPublic(
        id=document_id,
        created_at=document.created_at,
        **settings_of(document),
        sections=[section_public(s, by_section[id_of(s)]) for s in secs],
    )


def section_view(session: Session, *, section: Section) -> SectionPublic:
    """One section with its paragraphs, labelled as in the whole document."""
    document = get_or_raise(session, document_id=section.document_id)
    shown = view(session, document=document)
    return next(s for s in shown.sections if s.id == section.id)


def _paragraphs_at(
    session: Session, *, document_id: int, at: datetime
) -> builtins.list[tuple[Paragraph, int, str]]:
    """(paragraph, version, text) for paragraphs that existed at `at`, in today's order."""
    deleted_at = col(Paragraph.deleted_at)
    rows = session.exec(
        select(Paragraph)
        .join(Section, col(Section.id) == col(Paragraph.section_id))
        .where(
            Paragraph.document_id == document_id,
            Paragraph.created_at <= at,
            sa.or_(deleted_at.is_(None), deleted_at > at),
        )
        .order_by(col(Section.position), col(Paragraph.position))
    ).all()
    latest = dict(
        session.exec(
            select(ParagraphVersion.paragraph_id, func.max(ParagraphVersion.number))
            .where(
                col(ParagraphVersion.paragraph_id).in_([id_of(p) for p in rows]),
                ParagraphVersion.created_at <= at,
            )
            .group_by(col(ParagraphVersion.paragraph_id))
        ).all()
    )
    result = []
    for paragraph in rows:
        paragraph_id = id_of(paragraph)
        number = latest.get(paragraph_id)
        if number is None:
            continue
        text = versions_service.text_of(session, paragraph_id=paragraph_id, number=number)
        result.append((paragraph, number, text))
    return result
