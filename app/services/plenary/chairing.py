"""The co-chairs run the reading: take a paragraph up, give the floor, close the list, move on.

The secretariat runs the room's screen on the chairs' instruction, as it edits the text, so the
chair side may do each of these (`require_chair_side`). Every write locks the document first:
of two chairs acting at once, the second sees what the first did.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from app.errors import Conflict, Invalid
from app.models import Document, FloorRequest, FloorStatus, Paragraph, PlenaryReading
from app.models.plenary import PlenaryPublic
from app.services.accounts.actors import Actor, require_chair_side
from app.services.plenary import state as plenary_state
from app.services.record.rows import id_of
from app.services.text import documents as documents_service
from app.services.text import locking


def _label(session: Session, *, document_id: int, paragraph_id: int) -> str:
    numbers = documents_service.numbering(session, document_id=document_id)
    return numbers.get(paragraph_id, (0, str(paragraph_id)))[1]


def _finish(session: Session, reading: PlenaryReading, *, now: datetime) -> list[FloorRequest]:
    """End a reading: the speaker has spoken, those still waiting lapse. The rows changed."""
    changed = []
    for request in plenary_state.requests_of(session, reading):
        if request.status == FloorStatus.SPEAKING:
            plenary_state.end_turn(session, request, status=FloorStatus.SPOKE, now=now)
        elif request.status == FloorStatus.WAITING:
            plenary_state.end_turn(session, request, status=FloorStatus.LAPSED, now=now)
        else:
            continue
        changed.append(request)
    reading.ended_at = now
    session.add(reading)
    session.flush()
    return changed


def _paragraph(session: Session, *, document_id: int, paragraph_id: int) -> Paragraph:
    paragraph = session.exec(
        select(Paragraph)
        .where(Paragraph.id == paragraph_id)
        .execution_options(populate_existing=True)
    ).first()
    if paragraph is None or paragraph.document_id != document_id:
        raise Invalid(
            f"There is no paragraph {paragraph_id} in this document.",
            code="plenary.no_paragraph",
            params={"paragraph": paragraph_id},
        )
    locking.require_live(paragraph)
    return paragraph


def take_up(
    session: Session, *, document: Document, paragraph_id: int, actor: Actor, now: datetime
) -> PlenaryPublic:
    """Take a paragraph up for reading; the reading in progress, if any, ends (moving on)."""
    require_chair_side(actor, "take up a paragraph for reading")
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    _paragraph(session, document_id=document_id, paragraph_id=paragraph_id)
    current = plenary_state.open_reading(session, document_id=document_id)
    previous: int | None = None
    if current is not None:
        if current.paragraph_id == paragraph_id:
            label = _label(session, document_id=document_id, paragraph_id=paragraph_id)
            raise Conflict(
                f"Paragraph {label} is already under reading.",
                code="plenary.already_reading",
                params={"label": label},
                reading=current.id,
            )
        previous = current.paragraph_id
        _finish(session, current, now=now)
    reading = PlenaryReading(
        document_id=document_id,
        paragraph_id=paragraph_id,
        started_at=now,
        started_by_account_id=actor.account_id,
    )
    session.add(reading)
    return plenary_state.record(
        session,
        document_id=document_id,
        actor=actor,
        action="plenary.taken_up",
        reading=reading,
        extra={"previous_paragraph_id": previous},
        now=now,
    )


def end(session: Session, *, document: Document, actor: Actor, now: datetime) -> PlenaryPublic:
    """End the reading in progress: nobody has the floor, those still waiting lapse."""
    require_chair_side(actor, "end the reading")
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    reading = plenary_state.open_reading_or_raise(session, document_id=document_id)
    changed = _finish(session, reading, now=now)
    return plenary_state.record(
        session,
        document_id=document_id,
        actor=actor,
        action="plenary.reading_ended",
        reading=reading,
        requests=changed,
        now=now,
    )


def _speak(session: Session, request: FloorRequest, *, now: datetime) -> None:
    request.status = FloorStatus.SPEAKING
    request.given_at = now
    session.add(request)
    session.flush()


def give(
    session: Session, *, document: Document, request_id: int, actor: Actor, now: datetime
) -> PlenaryPublic:
    """Give the floor to a delegation on the list (in order or not: the chairs decide);
    whoever was speaking has spoken."""
    require_chair_side(actor, "give the floor")
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    reading = plenary_state.open_reading_or_raise(session, document_id=document_id)
    request = plenary_state.request_or_raise(
        session, document_id=document_id, request_id=request_id
    )
    if request.reading_id != reading.id:
        raise Conflict(
            f"{request.participant_code} asked for the floor on an earlier reading.",
            code="floor.earlier_reading",
            params={"code": request.participant_code},
            status_of_request=request.status,
        )
    if request.status != FloorStatus.WAITING:
        raise Conflict(
            f"{request.participant_code} is not waiting for the floor ({request.status}).",
            code="floor.not_waiting_for_it",
            params={"code": request.participant_code, "floor_status": str(request.status)},
            status_of_request=request.status,
        )
    changed = _end_current_turn(session, reading, now=now)
    _speak(session, request, now=now)
    return plenary_state.record(
        session,
        document_id=document_id,
        actor=actor,
        action="plenary.floor_given",
        reading=reading,
        requests=[*changed, request],
        target=request,
        now=now,
    )


def _speaking(session: Session, reading: PlenaryReading) -> FloorRequest | None:
    return session.exec(
        select(FloorRequest)
        .where(FloorRequest.reading_id == reading.id, FloorRequest.status == FloorStatus.SPEAKING)
        .execution_options(populate_existing=True)
    ).first()


def _end_current_turn(
    session: Session, reading: PlenaryReading, *, now: datetime
) -> list[FloorRequest]:
    speaking = _speaking(session, reading)
    if speaking is None:
        return []
    plenary_state.end_turn(session, speaking, status=FloorStatus.SPOKE, now=now)
    return [speaking]


def next_speaker(
    session: Session,
    *,
    document: Document,
    expected_speaker: int | None = None,
    actor: Actor,
    now: datetime,
) -> PlenaryPublic:
    """The speaker has spoken; the first delegation waiting (if any) has the floor.

    `expected_speaker` is the request the chair saw with the floor (0: nobody): if another
    chair moved the list on meanwhile, this is a 409 rather than a delegation skipped."""
    require_chair_side(actor, "call the next speaker")
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    reading = plenary_state.open_reading_or_raise(session, document_id=document_id)
    speaking = _speaking(session, reading)
    if expected_speaker is not None and expected_speaker != (speaking.id if speaking else 0):
        raise Conflict(
            "The floor has changed hands since you looked: see who is speaking now.",
            code="floor.changed_hands",
            speaking=speaking.id if speaking else None,
        )
    changed = _end_current_turn(session, reading, now=now)
    first = session.exec(
        select(FloorRequest)
        .where(FloorRequest.reading_id == reading.id, FloorRequest.status == FloorStatus.WAITING)
        .order_by(col(FloorRequest.requested_at), col(FloorRequest.id))
        .execution_options(populate_existing=True)
    ).first()
    if first is None and not changed:
        raise Conflict("Nobody has the floor and nobody is waiting for it.", code="floor.nobody")
    if first is not None:
        _speak(session, first, now=now)
        changed.append(first)
    return plenary_state.record(
        session,
        document_id=document_id,
        actor=actor,
        action="plenary.floor_given" if first is not None else "plenary.turn_ended",
        reading=reading,
        requests=changed,
        target=first if first is not None else changed[0],
        now=now,
    )


def set_list_open(
    session: Session, *, document: Document, open_: bool, actor: Actor, now: datetime
) -> PlenaryPublic:
    """Close the speakers' list (no new requests; those on it still speak) or reopen it."""
    require_chair_side(actor, "reopen the speakers' list" if open_ else "close the speakers' list")
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    reading = plenary_state.open_reading_or_raise(session, document_id=document_id)
    if (reading.list_closed_at is None) == open_:
        if open_:
            raise Conflict(
                "The speakers' list is already open.", code="floor.list_open", list_open=open_
            )
        raise Conflict(
            "The speakers' list is already closed.", code="floor.list_closed", list_open=open_
        )
    reading.list_closed_at = None if open_ else now
    session.add(reading)
    return plenary_state.record(
        session,
        document_id=document_id,
        actor=actor,
        action="plenary.list_reopened" if open_ else "plenary.list_closed",
        reading=reading,
        now=now,
    )
