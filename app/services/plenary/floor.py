"""Delegations ask for the floor on the paragraph under reading, and withdraw their request.

Only member delegations ask (observers read; the chairs and the secretariat run the list).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.errors import Conflict, Forbidden
from app.models import Document, FloorRequest, FloorStatus, PlenaryReading, Role
from app.models.plenary import PlenaryPublic
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.plenary import state as plenary_state
from app.services.record.rows import id_of
from app.services.text import locking


def _active(session: Session, *, reading_id: int, code: str) -> FloorRequest | None:
    return session.exec(
        select(FloorRequest).where(
            FloorRequest.reading_id == reading_id,
            FloorRequest.participant_code == code,
            col(FloorRequest.status).in_(plenary_state.ACTIVE),
        )
    ).first()


def _already(code: str, request: FloorRequest) -> Conflict:
    if request.status == FloorStatus.SPEAKING:
        return Conflict(
            f"{code} has the floor.",
            request_id=request.id,
            code="floor.speaking",
            params={"code": code},
        )
    return Conflict(
        f"{code} is already on the speakers' list.",
        request_id=request.id,
        code="floor.already_listed",
        params={"code": code},
    )


def _closed() -> Conflict:
    return Conflict(
        "The chairs have closed the speakers' list.", list_open=False, code="floor.closed"
    )


def ask(
    session: Session,
    *,
    document: Document,
    paragraph_id: int | None,
    actor: Actor,
    now: datetime,
) -> PlenaryPublic:
    """Put the actor's delegation on the speakers' list.

    `paragraph_id`, when sent, is the paragraph the delegate saw under reading: if the chairs
    have moved on meanwhile, the request is refused rather than made on another paragraph."""
    code = member_code(session, actor, "ask for the floor")
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    reading = plenary_state.open_reading(session, document_id=document_id)
    if reading is None:
        raise Conflict(
            "No paragraph is under reading: there is no floor to ask for.",
            code="floor.no_reading",
        )
    if paragraph_id is not None and paragraph_id != reading.paragraph_id:
        raise Conflict(
            f"Paragraph {paragraph_id} is no longer under reading.",
            paragraph_id=reading.paragraph_id,
            code="floor.moved_on",
            params={"paragraph": paragraph_id},
        )
    if reading.list_closed_at is not None:
        raise _closed()
    existing = _active(session, reading_id=id_of(reading), code=code)
    if existing is not None:
        raise _already(code, existing)
    request = FloorRequest(
        reading_id=id_of(reading),
        document_id=document_id,
        participant_code=code,
        account_id=actor.account_id,
        requested_at=now,
    )
    session.add(request)
    try:
        session.flush()
    except IntegrityError as exc:  # one active request per delegation: a racing click
        raise Conflict(
            f"{code} is already on the speakers' list.",
            code="floor.already_listed",
            params={"code": code},
        ) from exc
    return plenary_state.record(
        session,
        document_id=document_id,
        actor=actor,
        action="plenary.floor_requested",
        reading=reading,
        requests=[request],
        target=request,
        now=now,
    )


def _may_withdraw(session: Session, actor: Actor, request: FloorRequest) -> None:
    """The delegation itself withdraws its request; the chair side may strike one."""
    if actor.is_chair_side:
        return
    if actor.role == Role.OBSERVER:
        raise Forbidden(
            "Observers read the speakers' list; they are not on it.", code="floor.observer"
        )
    code = member_code(session, actor, "withdraw a request for the floor")
    if code != request.participant_code:
        raise Forbidden(
            f"Only {request.participant_code} (or the chairs) can withdraw its request "
            "for the floor.",
            code="floor.not_yours",
            params={"code": request.participant_code},
        )


def withdraw(
    session: Session, *, document: Document, request_id: int, actor: Actor, now: datetime
) -> PlenaryPublic:
    """Take a waiting request off the speakers' list."""
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    request = plenary_state.request_or_raise(
        session, document_id=document_id, request_id=request_id
    )
    _may_withdraw(session, actor, request)
    if request.status != FloorStatus.WAITING:
        raise Conflict(
            f"The request of {request.participant_code} is no longer waiting: only a waiting "
            "request can be withdrawn.",
            status_of_request=request.status,
            code="floor.not_waiting",
            params={"code": request.participant_code},
        )
    # A waiting request is on the reading in progress (a reading that ends lapses its list).
    reading = session.get(PlenaryReading, request.reading_id)
    assert reading is not None
    plenary_state.end_turn(session, request, status=FloorStatus.WITHDRAWN, now=now)
    return plenary_state.record(
        session,
        document_id=document_id,
        actor=actor,
        action="plenary.floor_withdrawn",
        reading=reading,
        requests=[request],
        target=request,
        now=now,
    )
