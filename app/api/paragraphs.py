from __future__ import annotations

from fastapi import APIRouter, Query

from app.api.deps import (
    MAX_INT,
    AnyParagraphDep,
    ClockDep,
    CurrentActor,
    ParagraphDep,
    VersionNumber,
)
from app.db import SessionDep
from app.models.document import (
    DiffPublic,
    ParagraphMove,
    ParagraphPublic,
    ParagraphUpdate,
    VersionPublic,
    VersionSummary,
)
from app.services.record.rows import id_of
from app.services.text import paragraphs as paragraphs_service
from app.services.text import versions as versions_service

router = APIRouter(tags=["paragraphs"])


@router.get("/paragraphs/{paragraph_id}", response_model=ParagraphPublic)
def get_paragraph(paragraph: ParagraphDep, session: SessionDep) -> ParagraphPublic:
    return paragraphs_service.public(session, paragraph=paragraph)


@router.patch("/paragraphs/{paragraph_id}", response_model=ParagraphPublic)
def edit_paragraph(
    data: ParagraphUpdate,
    paragraph: ParagraphDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> ParagraphPublic:
    paragraphs_service.edit(
        session,
        paragraph=paragraph,
        text=data.text,
        expected_version=data.expected_version,
        note=data.note,
        actor=actor,
        now=clock(),
    )
    return paragraphs_service.public(session, paragraph=paragraph)


@router.post("/paragraphs/{paragraph_id}/move", response_model=ParagraphPublic)
def move_paragraph(
    data: ParagraphMove,
    paragraph: ParagraphDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> ParagraphPublic:
    paragraphs_service.move(session, paragraph=paragraph, data=data, actor=actor, now=clock())
    return paragraphs_service.public(session, paragraph=paragraph)


@router.delete("/paragraphs/{paragraph_id}", status_code=204)
def delete_paragraph(
    paragraph: ParagraphDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> None:
    paragraphs_service.remove(session, paragraph=paragraph, actor=actor, now=clock())


@router.get("/paragraphs/{paragraph_id}/versions", response_model=list[VersionSummary])
def list_versions(paragraph: AnyParagraphDep, session: SessionDep) -> list[VersionSummary]:
    return versions_service.list(session, paragraph_id=id_of(paragraph))


@router.get("/paragraphs/{paragraph_id}/versions/{n}", response_model=VersionPublic)
def get_version(n: VersionNumber, paragraph: AnyParagraphDep, session: SessionDep) -> VersionPublic:
    return versions_service.get(session, paragraph_id=id_of(paragraph), number=n)


@router.get("/paragraphs/{paragraph_id}/diff", response_model=DiffPublic)
def diff(
    paragraph: AnyParagraphDep,
    session: SessionDep,
    from_: int = Query(..., alias="from", ge=1, le=MAX_INT),
    to: int | None = Query(None, ge=1, le=MAX_INT, description="Defaults to the head version"),
) -> DiffPublic:
    return versions_service.diff(
        session, paragraph=paragraph, from_version=from_, to_version=to or paragraph.head_version
    )
