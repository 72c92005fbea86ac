from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from app.api.deps import MAX_INT, ClockDep, CurrentActor, DocumentDep
from app.db import SessionDep
from app.models.document import (
    DocumentCreate,
    DocumentPublic,
    DocumentSummary,
    DocumentUpdate,
    ParagraphCreate,
    ParagraphPublic,
    SectionPublic,
    SectionUpdate,
)
from app.models.event import EventPublic
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import documents as documents_service
from app.services.text import paragraphs as paragraphs_service
from app.services.text import settings as settings_service

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=list[DocumentSummary])
def list_documents(session: SessionDep, _actor: CurrentActor) -> list[DocumentSummary]:
    return documents_service.list(session)


@router.post("/documents", response_model=DocumentPublic, status_code=201)
def create_document(
    data: DocumentCreate, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> DocumentPublic:
    document = documents_service.create(session, actor=actor, data=data, now=clock())
    return documents_service.view(session, document=document)


@router.get("/documents/{document_id}", response_model=DocumentPublic)
def get_document(
    document: DocumentDep,
    session: SessionDep,
    at: datetime | None = Query(
        None, description="Show the text as it stood at this moment (ISO 8601)"
    ),
) -> DocumentPublic:
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=UTC)  # a moment without a zone is read as UTC
    return documents_service.view(session, document=document, at=at)


@router.patch("/documents/{document_id}", response_model=DocumentPublic)
def update_document(
    data: DocumentUpdate,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> DocumentPublic:
    """Change the document's settings (chairs and secretariat): the numbering scheme
    (`consecutive` 1, 2, 3 …; `pp_op` PP1 …, OP1 …; `section` 2.3), and the exports' header
    (symbol, distribution `general` | `restricted`, original language). Only the fields sent
    change."""
    settings_service.update(session, document=document, actor=actor, now=clock(), data=data)
    return documents_service.view(session, document=document)


@router.patch("/sections/{section_id}", response_model=SectionPublic)
def update_section(
    section_id: Annotated[int, Path(ge=1, le=MAX_INT)],
    data: SectionUpdate,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> SectionPublic:
    """Mark a section `preambular` or `operative` (null: unmarked, counted as operative), which
    the `pp_op` numbering counts apart (chairs and secretariat)."""
    section = settings_service.get_section_or_raise(session, section_id=section_id)
    settings_service.update_section(session, section=section, actor=actor, now=clock(), data=data)
    return documents_service.section_view(session, section=section)


@router.post("/documents/{document_id}/paragraphs", response_model=ParagraphPublic, status_code=201)
def create_paragraph(
    data: ParagraphCreate,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> ParagraphPublic:
    paragraph = paragraphs_service.create(
        session, document=document, data=data, actor=actor, now=clock()
    )
    return paragraphs_service.public(session, paragraph=paragraph)


@router.get("/documents/{document_id}/events", response_model=list[EventPublic])
def list_events(
    document: DocumentDep,
    session: SessionDep,
    after: int = Query(0, ge=0, le=MAX_INT, description="Only events after this sequence number"),
    limit: int = Query(500, ge=1, le=1000),
) -> list[dict[str, Any]]:
    """The document's event log (what changed, by whom), oldest first: poll with `after`."""
    return events_service.list_after(session, document_id=id_of(document), after=after, limit=limit)
