"""Which paragraphs' last decision the chairs can undo now, by the rules `undo` applies.

The chairs' screen shows an Undo button only where the server would carry it out: the list is
worked out from the same rules (the last decision on the paragraph, taken in the round in force,
the paragraph not moved on since, an accepted deletion the only decision on a deleted
paragraph, an insertion only with nothing pending on it), read for the whole document at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from app.models import Amendment, AmendmentKind, AmendmentStatus, Paragraph
from app.models.amendment import UndoablePublic
from app.services.accounts.actors import Actor, require_chair_side
from app.services.amendments.undo import DECIDED
from app.services.calendar import rounds as rounds_service
from app.services.record.rows import id_of


def _last_per_paragraph(session: Session, document_id: int) -> dict[int, Amendment]:
    decided = session.exec(
        select(Amendment)
        .where(
            Amendment.document_id == document_id,
            col(Amendment.status).in_(DECIDED),
            col(Amendment.paragraph_id).is_not(None),
        )
        .order_by(col(Amendment.decided_at).desc(), col(Amendment.id).desc())
    ).all()
    last: dict[int, Amendment] = {}
    for amendment in decided:
        if amendment.paragraph_id is not None and amendment.decided_at is not None:
            last.setdefault(amendment.paragraph_id, amendment)
    return last


def _with_pending(session: Session, document_id: int) -> set[int]:
    rows = session.exec(
        select(Amendment.paragraph_id).where(
            Amendment.document_id == document_id,
            Amendment.status == AmendmentStatus.PENDING,
            col(Amendment.paragraph_id).is_not(None),
        )
    ).all()
    return {p for p in rows if p is not None}


def _can_undo(paragraph: Paragraph, last: Amendment, pending: set[int]) -> bool:
    if paragraph.deleted_at is not None:
        return (
            last.kind == AmendmentKind.DELETE_PARAGRAPH and last.status == AmendmentStatus.ACCEPTED
        )
    if last.status == AmendmentStatus.REJECTED:
        return True
    if last.result_version != paragraph.head_version:
        return False  # moved on since
    return last.kind != AmendmentKind.INSERT_PARAGRAPH or id_of(paragraph) not in pending


def for_document(
    session: Session, *, document_id: int, actor: Actor, now: datetime
) -> list[UndoablePublic]:
    """The paragraphs (deleted ones too) whose last decision `undo` would undo now."""
    require_chair_side(actor, "undo decisions")
    last = _last_per_paragraph(session, document_id)
    if not last:
        return []
    rounds = rounds_service.list_rounds(session, document_id=document_id)
    current = rounds_service.in_force(rounds, now)
    pending = _with_pending(session, document_id)
    paragraphs = session.exec(select(Paragraph).where(col(Paragraph.id).in_(list(last)))).all()
    undoable: list[UndoablePublic] = []
    for paragraph in sorted(paragraphs, key=id_of):
        amendment = last[id_of(paragraph)]
        decided_at = amendment.decided_at or now
        if rounds_service.in_force(rounds, decided_at) is not current:
            continue  # taken in an earlier round
        if _can_undo(paragraph, amendment, pending):
            undoable.append(
                UndoablePublic(
                    paragraph_id=id_of(paragraph),
                    expected_version=paragraph.head_version,
                    amendment_id=id_of(amendment),
                    status=amendment.status,
                    kind=amendment.kind,
                    decided_at=decided_at,
                    paragraph_deleted=paragraph.deleted_at is not None,
                )
            )
    return undoable
