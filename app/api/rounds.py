"""The negotiation calendar: rounds, their deadlines, and the iCalendar feed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from app.api.deps import MAX_INT, ClockDep, CurrentActor, DocumentDep
from app.db import SessionDep
from app.models import Round
from app.models.calendar import CalendarPublic, RoundCreate, RoundPublic, RoundUpdate
from app.services.calendar import ics as ics_service
from app.services.calendar import rounds as rounds_service
from app.services.record.rows import id_of

router = APIRouter(tags=["calendar"])

RoundId = Annotated[int, Path(ge=1, le=MAX_INT, description="The round's id", examples=[1])]


def valid_round(round_id: RoundId, session: SessionDep, _actor: CurrentActor) -> Round:
    return rounds_service.get_or_raise(session, round_id=round_id)


RoundDep = Annotated[Round, Depends(valid_round)]


@router.get("/documents/{document_id}/rounds", response_model=CalendarPublic)
def list_rounds(document: DocumentDep, session: SessionDep, clock: ClockDep) -> CalendarPublic:
    """The rounds by date, the round in force (meeting now, or next) and the next deadline."""
    return rounds_service.calendar(session, document=document, now=clock())


@router.post("/documents/{document_id}/rounds", response_model=RoundPublic, status_code=201)
def create_round(
    data: RoundCreate,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> RoundPublic:
    """A co-chair adds a round (meeting) with its place, time zone and deadlines."""
    now = clock()
    row = rounds_service.create(session, document=document, data=data, actor=actor, now=now)
    return rounds_service.public(row, now=now)


@router.patch("/rounds/{round_id}", response_model=RoundPublic)
def update_round(
    data: RoundUpdate, row: RoundDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> RoundPublic:
    """A co-chair changes a round; only the fields sent change."""
    now = clock()
    sent = data.model_dump(exclude_unset=True)
    rounds_service.update(session, row=row, data=sent, actor=actor, now=now)
    return rounds_service.public(row, now=now)


@router.get(
    "/documents/{document_id}/calendar.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "RFC 5545 calendar"}},
)
def calendar_ics(document: DocumentDep, session: SessionDep, clock: ClockDep) -> Response:
    """The calendar to subscribe to: meeting days and deadlines."""
    rounds = rounds_service.list_rounds(session, document_id=id_of(document))
    body = ics_service.render(document, rounds, now=clock())
    return Response(
        body,
        media_type="text/calendar",
        headers={"Content-Disposition": f'inline; filename="consenso-{document.id}.ics"'},
    )
