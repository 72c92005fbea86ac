"""What the plenary shows: the reading in progress and its speakers' list; how changes are recorded.

Every change to the plenary is an ordinary event (`plenary.*`) whose payload carries the whole
state as `GET /plenary` answers it, so a screen following the stream applies it in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from app.errors import Conflict, NotFound
from app.models import Account, FloorRequest, FloorStatus, PlenaryReading
from app.models.plenary import FloorRequestPublic, PlenaryPublic, ReadingPublic
from app.services.accounts.actors import Actor
from app.services.record import events as events_service
from app.services.record.content import of_reading, of_request
from app.services.record.rows import id_of
from app.services.text import documents as documents_service

ACTIVE = (FloorStatus.WAITING, FloorStatus.SPEAKING)


def open_reading(session: Session, *, document_id: int) -> PlenaryReading | None:
    """The reading in progress, read afresh (a write calls it after locking the document)."""
    return session.exec(
        select(PlenaryReading)
        .where(PlenaryReading.document_id == document_id, col(PlenaryReading.ended_at).is_(None))
        .execution_options(populate_existing=True)
    ).first()


def open_reading_or_raise(session: Session, *, document_id: int) -> PlenaryReading:
    reading = open_reading(session, document_id=document_id)
    if reading is None:
        raise Conflict("No paragraph is under reading.", code="plenary.no_reading", reading=None)
    return reading


def requests_of(session: Session, reading: PlenaryReading) -> list[FloorRequest]:
    """Every request made on a reading, in the order they were made."""
    return list(
        session.exec(
            select(FloorRequest)
            .where(FloorRequest.reading_id == reading.id)
            .order_by(col(FloorRequest.requested_at), col(FloorRequest.id))
            .execution_options(populate_existing=True)
        )
    )


def request_or_raise(session: Session, *, document_id: int, request_id: int) -> FloorRequest:
    request = session.exec(
        select(FloorRequest)
        .where(FloorRequest.id == request_id)
        .execution_options(populate_existing=True)
    ).first()
    if request is None or request.document_id != document_id:
        raise NotFound(
            f"There is no request for the floor {request_id} in this document.",
            code="floor.request_not_found",
            params={"id": request_id},
        )
    return request


def end_turn(session: Session, request: FloorRequest, *, status: str, now: datetime) -> None:
    """The request leaves the list (spoke, withdrawn, lapsed); flushed at once, so that a new
    speaker or request may take its place under the partial unique indexes."""
    request.status = status
    request.ended_at = now
    session.add(request)
    session.flush()


def _public_request(request: FloorRequest) -> FloorRequestPublic:
    return FloorRequestPublic(
        id=id_of(request),
        participant_code=request.participant_code,
        status=FloorStatus(request.status),
        requested_at=request.requested_at,
        given_at=request.given_at,
        ended_at=request.ended_at,
    )


def _reading_public(session: Session, reading: PlenaryReading) -> ReadingPublic:
    labels = documents_service.numbering(session, document_id=reading.document_id)
    requests = [_public_request(r) for r in requests_of(session, reading)]
    starter = (
        session.get(Account, reading.started_by_account_id)
        if reading.started_by_account_id
        else None
    )
    return ReadingPublic(
        id=id_of(reading),
        paragraph_id=reading.paragraph_id,
        label=labels.get(reading.paragraph_id, (0, "deleted"))[1],
        started_at=reading.started_at,
        started_by=starter.username if starter else None,
        list_open=reading.list_closed_at is None,
        list_closed_at=reading.list_closed_at,
        speaking=next((r for r in requests if r.status == FloorStatus.SPEAKING), None),
        waiting=[r for r in requests if r.status == FloorStatus.WAITING],
        spoke=[r for r in requests if r.status == FloorStatus.SPOKE],
    )


def view(session: Session, *, document_id: int) -> PlenaryPublic:
    """The plenary as the API shows it: the reading in progress (or none) and its list."""
    reading = open_reading(session, document_id=document_id)
    return PlenaryPublic(
        document_id=document_id,
        reading=_reading_public(session, reading) if reading is not None else None,
    )


def record(
    session: Session,
    *,
    document_id: int,
    actor: Actor,
    action: str,
    reading: PlenaryReading,
    requests: Iterable[FloorRequest] = (),
    target: FloorRequest | None = None,
    extra: dict[str, Any] | None = None,
    now: datetime,
) -> PlenaryPublic:
    """Record a plenary change as an event carrying the new state; the state is returned."""
    session.flush()
    state = view(session, document_id=document_id)
    payload: dict[str, Any] = {
        "paragraph_id": reading.paragraph_id,
        "reading_id": id_of(reading),
        **(extra or {}),
        "plenary": state.model_dump(mode="json"),
    }
    if target is not None:
        payload |= {"request_id": id_of(target), "code": target.participant_code}
    events_service.record(
        session,
        document_id=document_id,
        actor=actor,
        action=action,
        target_type="floor_request" if target is not None else "paragraph",
        target_id=id_of(target) if target is not None else reading.paragraph_id,
        payload=payload,
        content=[of_reading(reading), *(of_request(r) for r in requests)],
        now=now,
    )
    return state
