"""Plenary mode: the paragraph under reading and its speakers' list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import MAX_INT, ClockDep, CurrentActor, DocumentDep
from app.db import SessionDep
from app.models.plenary import FloorAsk, FloorNext, PlenaryPublic, PlenaryTakeUp
from app.services.plenary import chairing as chairing_service
from app.services.plenary import floor as floor_service
from app.services.plenary import state as plenary_state
from app.services.record.rows import id_of

router = APIRouter(tags=["plenary"])

PLENARY = "/documents/{document_id}/plenary"
RequestId = Annotated[
    int, Path(ge=1, le=MAX_INT, description="The request for the floor's id", examples=[1])
]


@router.get(PLENARY, response_model=PlenaryPublic)
def get_plenary(document: DocumentDep, session: SessionDep) -> PlenaryPublic:
    """The paragraph under reading (if any), who has the floor and the speakers' list."""
    return plenary_state.view(session, document_id=id_of(document))


@router.put(PLENARY, response_model=PlenaryPublic)
def take_up(
    data: PlenaryTakeUp,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> PlenaryPublic:
    """The chairs take a paragraph up for reading (the reading in progress ends)."""
    return chairing_service.take_up(
        session, document=document, paragraph_id=data.paragraph_id, actor=actor, now=clock()
    )


@router.delete(PLENARY, response_model=PlenaryPublic)
def end_reading(
    document: DocumentDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> PlenaryPublic:
    """The chairs end the reading: nobody has the floor; those still waiting lapse."""
    return chairing_service.end(session, document=document, actor=actor, now=clock())


@router.post(f"{PLENARY}/floor", response_model=PlenaryPublic, status_code=201)
def ask_for_the_floor(
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
    data: FloorAsk | None = None,
) -> PlenaryPublic:
    """Your delegation asks for the floor on the paragraph under reading."""
    return floor_service.ask(
        session,
        document=document,
        paragraph_id=data.paragraph_id if data else None,
        actor=actor,
        now=clock(),
    )


@router.delete(f"{PLENARY}/floor/{{request_id}}", response_model=PlenaryPublic)
def withdraw_request(
    request_id: RequestId,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> PlenaryPublic:
    """Withdraw your delegation's waiting request (the chairs may strike any)."""
    return floor_service.withdraw(
        session, document=document, request_id=request_id, actor=actor, now=clock()
    )


@router.post(f"{PLENARY}/floor/{{request_id}}/give", response_model=PlenaryPublic)
def give_the_floor(
    request_id: RequestId,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> PlenaryPublic:
    """The chairs give the floor to a delegation on the list; the speaker before has spoken."""
    return chairing_service.give(
        session, document=document, request_id=request_id, actor=actor, now=clock()
    )


@router.post(f"{PLENARY}/next", response_model=PlenaryPublic)
def next_speaker(
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
    data: FloorNext | None = None,
) -> PlenaryPublic:
    """The speaker has spoken; the first delegation waiting has the floor."""
    return chairing_service.next_speaker(
        session,
        document=document,
        expected_speaker=data.expected_speaker if data else None,
        actor=actor,
        now=clock(),
    )


@router.post(f"{PLENARY}/close", response_model=PlenaryPublic)
def close_list(
    document: DocumentDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> PlenaryPublic:
    """The chairs close the speakers' list: no new requests; those on it still speak."""
    return chairing_service.set_list_open(
        session, document=document, open_=False, actor=actor, now=clock()
    )


@router.post(f"{PLENARY}/reopen", response_model=PlenaryPublic)
def reopen_list(
    document: DocumentDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> PlenaryPublic:
    """The chairs reopen the speakers' list."""
    return chairing_service.set_list_open(
        session, document=document, open_=True, actor=actor, now=clock()
    )
