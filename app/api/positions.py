"""Positions, silence procedures, freezing and the consensus board."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlmodel import Session

from app import db, i18n
from app.api import answers
from app.api.deps import (
    MAX_INT,
    AmendmentDep,
    AnyParagraphDep,
    ClockDep,
    CurrentActor,
    DocumentDep,
    ParagraphDep,
    ParagraphId,
    RevisionNumber,
    SettingsDep,
    signed_in_actor,
    signs_in_itself,
)
from app.db import SessionDep
from app.i18n import board as i18n_board
from app.models.document import ParagraphPublic
from app.models.position import (
    AmendmentPositions,
    AmendmentPositionTake,
    ConsensusBoard,
    ParagraphPositions,
    PositionPublic,
    PositionTake,
    RevisionSilencePublic,
    RevisionSilenceStart,
    SilenceCancel,
    SilencePublic,
    SilenceStart,
)
from app.services.consensus import board as board_service
from app.services.consensus import encoding as board_json
from app.services.positions import cancelling as cancelling_service
from app.services.positions import freezing as freezing_service
from app.services.positions import reading as reading_service
from app.services.positions import silence as silence_service
from app.services.positions import silence_views
from app.services.positions import taking as taking_service
from app.services.text import paragraphs as paragraphs_service
from app.services.translations import concordance as concordance_service

router = APIRouter(tags=["positions"])


@router.put("/paragraphs/{paragraph_id}/positions/mine", response_model=PositionPublic)
@signs_in_itself
async def take_position(
    data: PositionTake,
    paragraph_id: ParagraphId,
    request: Request,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    """Take or change your delegation's position on the head version (409 on any other)."""

    def work(session: Session) -> Response:
        actor = signed_in_actor(request, session, settings, clock)
        paragraph = paragraphs_service.get_or_raise(session, paragraph_id=paragraph_id)
        row = taking_service.take_on_paragraph(
            session,
            paragraph=paragraph,
            version=data.version,
            stance=data.stance,
            note=data.note,
            actor=actor,
            now=clock(),
        )
        db.commit(session)
        return answers.written(reading_service.public_row(session, row, author=actor.username))

    return await db.in_one_thread(request, work)


@router.delete("/paragraphs/{paragraph_id}/positions/mine", status_code=204)
def withdraw_position(
    paragraph: ParagraphDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> None:
    """Withdraw your delegation's position on the head version (it then has none)."""
    taking_service.withdraw_on_paragraph(session, paragraph=paragraph, actor=actor, now=clock())


@router.get("/paragraphs/{paragraph_id}/positions", response_model=ParagraphPositions)
def list_positions(paragraph: AnyParagraphDep, session: SessionDep) -> ParagraphPositions:
    """Positions on the head version with tallies, and the full history on every version."""
    return reading_service.for_paragraph(session, paragraph=paragraph)


@router.put("/amendments/{amendment_id}/positions/mine", response_model=PositionPublic)
def take_amendment_position(
    data: AmendmentPositionTake,
    amendment: AmendmentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> PositionPublic:
    """Take or change your delegation's position on a pending amendment."""
    row = taking_service.take_on_amendment(
        session, amendment=amendment, stance=data.stance, note=data.note, actor=actor, now=clock()
    )
    db.commit(session)
    return reading_service.public_row(session, row, author=actor.username)


@router.delete("/amendments/{amendment_id}/positions/mine", status_code=204)
def withdraw_amendment_position(
    amendment: AmendmentDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> None:
    taking_service.withdraw_on_amendment(session, amendment=amendment, actor=actor, now=clock())


@router.get("/amendments/{amendment_id}/positions", response_model=AmendmentPositions)
def list_amendment_positions(amendment: AmendmentDep, session: SessionDep) -> AmendmentPositions:
    return reading_service.for_amendment(session, amendment=amendment)


@router.post("/paragraphs/{paragraph_id}/silence", response_model=SilencePublic, status_code=201)
def start_silence(
    data: SilenceStart,
    paragraph: ParagraphDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> SilencePublic:
    """A co-chair puts the head version under silence until the deadline."""
    now = clock()
    procedure = silence_service.start_on_paragraph(
        session,
        paragraph=paragraph,
        version=data.version,
        deadline=data.deadline,
        actor=actor,
        now=now,
        timezone=data.timezone,
    )
    return silence_views.publics(session, [procedure], now=now)[0]


@router.get("/paragraphs/{paragraph_id}/silence", response_model=list[SilencePublic])
def list_silence(
    paragraph: AnyParagraphDep, session: SessionDep, clock: ClockDep
) -> list[SilencePublic]:
    """Every silence procedure run on the paragraph, with its phase now."""
    return silence_views.list_for_paragraph(session, paragraph=paragraph, now=clock())


@router.post(
    "/documents/{document_id}/revisions/{n}/silence",
    response_model=RevisionSilencePublic,
    status_code=201,
)
def start_revision_silence(
    n: RevisionNumber,
    data: RevisionSilenceStart,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> RevisionSilencePublic:
    """One silence procedure per paragraph of revision n still at the revision's version."""
    now = clock()
    started, skipped = silence_service.start_on_revision(
        session, document=document, number=n, deadline=data.deadline, actor=actor, now=now
    )
    return silence_views.revision_public(
        session, number=n, deadline=data.deadline, started=started, skipped=skipped, now=now
    )


SilenceId = Annotated[
    int, Path(ge=1, le=MAX_INT, description="The silence procedure's id", examples=[1])
]


@router.post("/silence/{procedure_id}/cancel", response_model=SilencePublic)
def cancel_silence(
    procedure_id: SilenceId,
    data: SilenceCancel,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> SilencePublic:
    """A co-chair cancels a running silence procedure, with the reason everyone reads."""
    now = clock()
    procedure = cancelling_service.get_or_raise(session, procedure_id=procedure_id)
    cancelling_service.cancel(
        session, procedure=procedure, reason=data.reason, actor=actor, now=now
    )
    return silence_views.publics(session, [procedure], now=now)[0]


@router.post("/paragraphs/{paragraph_id}/freeze", response_model=ParagraphPublic)
def freeze(
    paragraph: ParagraphDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> ParagraphPublic:
    """No new amendments to this paragraph until it is unfrozen."""
    freezing_service.set_frozen(session, paragraph=paragraph, frozen=True, actor=actor, now=clock())
    return paragraphs_service.public(session, paragraph=paragraph)


@router.post("/paragraphs/{paragraph_id}/unfreeze", response_model=ParagraphPublic)
def unfreeze(
    paragraph: ParagraphDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> ParagraphPublic:
    freezing_service.set_frozen(
        session, paragraph=paragraph, frozen=False, actor=actor, now=clock()
    )
    return paragraphs_service.public(session, paragraph=paragraph)


@router.get(
    "/documents/{document_id}/consensus",
    response_model=None,
    responses={200: {"model": ConsensusBoard, "description": "The board"}},
)
def consensus_board(
    request: Request,
    document: DocumentDep,
    session: SessionDep,
    clock: ClockDep,
    lang: str | None = Query(None, pattern="^[a-z]{2}$", description="en, es or pt"),
) -> Response:
    """Every paragraph's status, positions, holdouts, amendments and silence; counts; timeline.
    The reasons come in the reader's language (`lang`, else Accept-Language), and as codes."""
    # ConsensusBoard documents the shape; the service builds it as typed rows written by a
    # serializer made once (tested against the model), so 500 paragraphs x 23 delegations are
    # not validated again on every request, and each row's JSON is kept until its paragraph
    # changes (consensus/encoding.py).
    board = board_service.board(session, document=document, now=clock())
    board = concordance_service.applied(session, document=document, board=board)
    chosen = i18n.negotiate(request.headers.get("accept-language"), lang)
    body = board_json.to_json(board, lang=chosen, localize=i18n_board.localizer(chosen))
    return Response(body, media_type="application/json", headers={"Content-Language": chosen})
