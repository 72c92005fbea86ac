"""Amendments: propose, co-sponsor, revise, withdraw, discuss; the chairs accept, reject, merge."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlmodel import Session

from app import db
from app.api import answers
from app.api.deps import (
    AmendmentDep,
    AnyParagraphDep,
    ClockDep,
    CurrentActor,
    DocumentDep,
    ParagraphDep,
    ParagraphId,
    SettingsDep,
    signed_in_actor,
    signs_in_itself,
)
from app.db import SessionDep
from app.models import AmendmentStatus
from app.models.amendment import (
    AcceptRequest,
    AmendmentCreate,
    AmendmentPublic,
    AmendmentRevise,
    CommentCreate,
    CommentPublic,
    MergePublic,
    MergeRequest,
    OverlapReport,
    PreviewPublic,
    RejectRequest,
    SponsorJoin,
    StructuralAmendmentCreate,
    UndoablePublic,
    UndoPublic,
    UndoRequest,
    WithdrawRequest,
)
from app.services.amendments import decisions as decisions_service
from app.services.amendments import discussion as discussion_service
from app.services.amendments import merging as merging_service
from app.services.amendments import preview as preview_service
from app.services.amendments import proposals as amendments_service
from app.services.amendments import rows as amendment_rows
from app.services.amendments import sponsors as sponsors_service
from app.services.amendments import undo as undo_service
from app.services.amendments import undoable as undoable_service
from app.services.amendments import views as views_service
from app.services.record.rows import id_of
from app.services.text import paragraphs as paragraphs_service

router = APIRouter(tags=["amendments"])


@router.post(
    "/paragraphs/{paragraph_id}/amendments", response_model=AmendmentPublic, status_code=201
)
@signs_in_itself
async def propose(
    data: AmendmentCreate,
    paragraph_id: ParagraphId,
    request: Request,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    def work(session: Session) -> Response:
        actor = signed_in_actor(request, session, settings, clock)
        paragraph = paragraphs_service.get_or_raise(session, paragraph_id=paragraph_id)
        amendment = amendments_service.propose(
            session, paragraph=paragraph, data=data, actor=actor, now=clock()
        )
        written = amendment_rows.written(amendment, paragraph=paragraph, actor=actor)
        db.commit(session)
        answer = views_service.public(session, amendment=amendment, written=written)
        return answers.written(answer, status_code=201)

    return await db.in_one_thread(request, work)


@router.post("/documents/{document_id}/amendments", response_model=AmendmentPublic, status_code=201)
def propose_structural(
    data: StructuralAmendmentCreate,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> AmendmentPublic:
    amendment = amendments_service.propose_structural(
        session, document=document, data=data, actor=actor, now=clock()
    )
    db.commit(session)
    return views_service.public(session, amendment=amendment)


@router.get("/documents/{document_id}/amendments", response_model=list[AmendmentPublic])
def list_document_amendments(
    document: DocumentDep, session: SessionDep, status: AmendmentStatus | None = None
) -> list[AmendmentPublic]:
    return views_service.list_for_document(session, document_id=id_of(document), status=status)


@router.get("/paragraphs/{paragraph_id}/amendments", response_model=list[AmendmentPublic])
def list_paragraph_amendments(
    paragraph: AnyParagraphDep,
    session: SessionDep,
    status: AmendmentStatus | None = None,
) -> list[AmendmentPublic]:
    return views_service.list_for_paragraph(session, paragraph=paragraph, status=status)


@router.get("/paragraphs/{paragraph_id}/amendments/overlaps", response_model=OverlapReport)
def overlaps(paragraph: ParagraphDep, session: SessionDep) -> OverlapReport:
    return views_service.overlaps(session, paragraph=paragraph)


@router.get("/amendments/{amendment_id}", response_model=AmendmentPublic)
def get_amendment(amendment: AmendmentDep, session: SessionDep) -> AmendmentPublic:
    return views_service.public(session, amendment=amendment)


@router.get("/amendments/{amendment_id}/preview", response_model=PreviewPublic)
def preview(amendment: AmendmentDep, session: SessionDep) -> PreviewPublic:
    """The exact text accepting the amendment now would write, and its redline on the head."""
    return preview_service.preview(session, amendment=amendment)


@router.put("/amendments/{amendment_id}", response_model=AmendmentPublic)
def revise(
    data: AmendmentRevise,
    amendment: AmendmentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> AmendmentPublic:
    amendments_service.revise(session, amendment=amendment, data=data, actor=actor, now=clock())
    db.commit(session)
    return views_service.public(session, amendment=amendment)


@router.post("/amendments/{amendment_id}/withdraw", response_model=AmendmentPublic)
def withdraw(
    amendment: AmendmentDep,
    session: SessionDep,
    actor: CurrentActor,
    data: WithdrawRequest | None = None,
    *,
    clock: ClockDep,
) -> AmendmentPublic:
    reason = data.reason if data else ""
    amendments_service.withdraw(
        session, amendment=amendment, reason=reason, actor=actor, now=clock()
    )
    return views_service.public(session, amendment=amendment)


@router.post("/amendments/{amendment_id}/sponsors", response_model=AmendmentPublic, status_code=201)
def join(
    amendment: AmendmentDep,
    session: SessionDep,
    actor: CurrentActor,
    data: SponsorJoin | None = None,
    *,
    clock: ClockDep,
) -> AmendmentPublic:
    code = data.code if data else None
    sponsors_service.join(session, amendment=amendment, code=code, actor=actor, now=clock())
    return views_service.public(session, amendment=amendment)


@router.delete("/amendments/{amendment_id}/sponsors/{code}", response_model=AmendmentPublic)
def leave(
    code: str, amendment: AmendmentDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> AmendmentPublic:
    sponsors_service.leave(session, amendment=amendment, code=code, actor=actor, now=clock())
    return views_service.public(session, amendment=amendment)


@router.post("/amendments/{amendment_id}/accept", response_model=AmendmentPublic)
def accept(
    data: AcceptRequest,
    amendment: AmendmentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> AmendmentPublic:
    decisions_service.accept(
        session,
        amendment=amendment,
        expected_version=data.expected_version,
        note=data.note,
        actor=actor,
        now=clock(),
    )
    db.commit(session)
    return views_service.public(session, amendment=amendment)


@router.post("/amendments/{amendment_id}/reject", response_model=AmendmentPublic)
def reject(
    data: RejectRequest,
    amendment: AmendmentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> AmendmentPublic:
    decisions_service.reject(
        session, amendment=amendment, reason=data.reason, actor=actor, now=clock()
    )
    return views_service.public(session, amendment=amendment)


@router.post("/paragraphs/{paragraph_id}/merge", response_model=MergePublic)
def merge(
    data: MergeRequest,
    paragraph: ParagraphDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> MergePublic:
    version, sources = merging_service.merge(
        session,
        paragraph=paragraph,
        amendment_ids=data.amendment_ids,
        text=data.text,
        expected_version=data.expected_version,
        note=data.note,
        actor=actor,
        now=clock(),
    )
    return MergePublic(
        paragraph_id=id_of(paragraph),
        version=version.number,
        text=paragraph.head_text,
        amendments=views_service.public_many(session, sources),
    )


@router.post("/paragraphs/{paragraph_id}/undo", response_model=UndoPublic)
def undo(
    data: UndoRequest,
    paragraph: AnyParagraphDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> UndoPublic:
    """Undo the last decision on the paragraph (same round): a new version, never a deletion."""
    version, undone, restored = undo_service.undo(
        session,
        paragraph=paragraph,
        expected_version=data.expected_version,
        note=data.note,
        actor=actor,
        now=clock(),
    )
    return UndoPublic(
        paragraph_id=id_of(paragraph),
        version=version,
        text=paragraph.head_text,
        undone=undone,
        amendment_ids=[id_of(a) for a in restored],
    )


@router.get("/documents/{document_id}/undoable", response_model=list[UndoablePublic])
def undoable(
    document: DocumentDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> list[UndoablePublic]:
    """The paragraphs whose last decision the chairs can undo now (co-chairs and secretariat)."""
    return undoable_service.for_document(
        session, document_id=id_of(document), actor=actor, now=clock()
    )


@router.post("/amendments/{amendment_id}/comments", response_model=CommentPublic, status_code=201)
def add_comment(
    data: CommentCreate,
    amendment: AmendmentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> CommentPublic:
    return discussion_service.comment(
        session, amendment=amendment, body=data.body, actor=actor, now=clock()
    )


@router.get("/amendments/{amendment_id}/comments", response_model=list[CommentPublic])
def list_comments(amendment: AmendmentDep, session: SessionDep) -> list[CommentPublic]:
    return discussion_service.comments(session, amendment=amendment)
