"""Undoing the chairs' last decision on a paragraph, within the same round.

Nothing is deleted: an accept (or merge, or the adoption of the chairs' text) is undone by a new
version restoring the text before it, and the amendments it decided go back to pending; a
rejection is undone by making the amendment pending again; an accepted new paragraph leaves the
text again (the row and its version stay, marked deleted, readable in the history) and is a
proposed new paragraph once more; an accepted deletion brings the paragraph back, with the
amendments its deletion superseded pending again. Each is recorded (`decision.undone`) in the
history and the audit trail. Only the last decision can be undone, and only while the paragraph
has not moved on and the round in force is the one it was taken in.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from app.errors import Conflict
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Paragraph,
    ParagraphVersion,
    VersionAmendment,
)
from app.services.accounts.actors import Actor, require_chair_side
from app.services.amendments import deciding
from app.services.calendar import rounds as rounds_service
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import limits, locking
from app.services.text import versions as versions_service
from app.services.text.cleaning import note_text

DECIDED = (AmendmentStatus.ACCEPTED, AmendmentStatus.PARTLY_ACCEPTED, AmendmentStatus.REJECTED)


def _last_decided(session: Session, paragraph: Paragraph) -> Amendment:
    last = session.exec(
        select(Amendment)
        .where(Amendment.paragraph_id == paragraph.id, col(Amendment.status).in_(DECIDED))
        .order_by(col(Amendment.decided_at).desc(), col(Amendment.id).desc())
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).first()
    if last is None or last.decided_at is None:
        raise Conflict(
            f"Paragraph {paragraph.id} has no decision to undo.",
            code="undo.nothing",
            params={"paragraph": id_of(paragraph)},
        )
    return last


def _same_round(
    session: Session, paragraph: Paragraph, decided_at: datetime, now: datetime
) -> None:
    rounds = rounds_service.list_rounds(session, document_id=paragraph.document_id)
    then, current = (
        rounds_service.in_force(rounds, decided_at),
        rounds_service.in_force(rounds, now),
    )
    if (then.id if then else None) != (current.id if current else None):
        raise Conflict(
            f"The last decision on paragraph {paragraph.id} was taken in an earlier round; "
            "only a decision of the current round can be undone.",
            code="undo.earlier_round",
            params={"paragraph": id_of(paragraph)},
        )


def _wrote_head(session: Session, paragraph: Paragraph) -> tuple[ParagraphVersion, list[int]]:
    head = session.exec(
        select(ParagraphVersion).where(
            ParagraphVersion.paragraph_id == paragraph.id,
            ParagraphVersion.number == paragraph.head_version,
        )
    ).one()
    ids = session.exec(
        select(VersionAmendment.amendment_id).where(VersionAmendment.version_id == head.id)
    ).all()
    return head, sorted(ids)


def _unaccept(
    session: Session, paragraph: Paragraph, last: Amendment, note: str, actor: Actor, now: datetime
) -> tuple[list[Amendment], ParagraphVersion | None]:
    """Restore the text before the accept (or merge) that wrote the head, if it wrote it."""
    if last.result_version != paragraph.head_version:
        raise Conflict(
            f"Paragraph {paragraph.id} has moved on since amendment {last.id} was decided; "
            "only the last decision can be undone.",
            code="undo.moved_on",
            params={"paragraph": id_of(paragraph), "id": id_of(last)},
        )
    _, sources = _wrote_head(session, paragraph)
    if last.kind == AmendmentKind.INSERT_PARAGRAPH:
        return _uninsert(session, paragraph, last, now), None
    if id_of(last) not in sources or paragraph.head_version == 1:
        return [last], None  # it wrote nothing (its words were already there)
    restored = list(session.exec(select(Amendment).where(col(Amendment.id).in_(sources))).all())
    text = versions_service.text_of(
        session, paragraph_id=id_of(paragraph), number=paragraph.head_version - 1
    )
    wrote = versions_service.append(
        session,
        paragraph=paragraph,
        text=text,
        expected_version=paragraph.head_version,
        actor=actor,
        now=now,
        source="undo",
        note=note or f"Undoing the decision on amendment {last.id}",
    )
    return restored, wrote


def _uninsert(
    session: Session, paragraph: Paragraph, last: Amendment, now: datetime
) -> list[Amendment]:
    """The accepted new paragraph leaves the text; its amendment is a proposed insertion again."""
    others = session.exec(
        select(Amendment.id).where(
            Amendment.paragraph_id == paragraph.id,
            Amendment.status == AmendmentStatus.PENDING,
        )
    ).all()
    if others:
        ids = ", ".join(map(str, sorted(i for i in others if i is not None)))
        raise Conflict(
            f"Amendments are pending on paragraph {paragraph.id} ({ids}); "
            "decide them before undoing its insertion.",
            code="undo.pending_on_insert",
            params={"paragraph": id_of(paragraph), "ids": ids},
        )
    paragraph.deleted_at = now
    session.add(paragraph)
    last.paragraph_id = None
    return [last]


def _undelete(session: Session, paragraph: Paragraph, last: Amendment) -> list[Amendment]:
    """The paragraph its accepted deletion removed is back, with what that deletion superseded."""
    if last.kind != AmendmentKind.DELETE_PARAGRAPH or last.status != AmendmentStatus.ACCEPTED:
        locking.require_live(paragraph)  # deleted directly by the chairs: not a decision here
    superseded = session.exec(
        select(Amendment)
        .where(
            Amendment.paragraph_id == paragraph.id,
            Amendment.status == AmendmentStatus.SUPERSEDED,
            col(Amendment.decided_at) >= last.decided_at,
        )
        .order_by(col(Amendment.id))
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).all()
    paragraph.deleted_at = None
    session.add(paragraph)
    return [last, *superseded]


def undo(
    session: Session,
    *,
    paragraph: Paragraph,
    expected_version: int,
    note: str = "",
    actor: Actor,
    now: datetime,
) -> tuple[int, str, list[Amendment]]:
    """Undo the last decision: (head version after, the action undone, amendments restored)."""
    require_chair_side(actor, "undo decisions")
    note = note_text(note, limits=limits.of(session), what="The note")
    paragraph = locking.paragraph(session, paragraph)
    deleted = paragraph.deleted_at is not None
    deciding.expect_head(paragraph, expected_version)
    last = _last_decided(session, paragraph)
    _same_round(session, paragraph, last.decided_at or now, now)
    restored: list[Amendment] = [last]
    undone, wrote = "amendment.rejected", None
    if deleted:
        undone, restored = "amendment.accepted", _undelete(session, paragraph, last)
    elif last.status != AmendmentStatus.REJECTED:
        undone = "amendment.accepted"
        restored, wrote = _unaccept(session, paragraph, last, note, actor, now)
    for amendment in restored:
        amendment.status = AmendmentStatus.PENDING
        amendment.decided_at = amendment.decided_by_account_id = amendment.result_version = None
        amendment.decision_reason, amendment.decision_code, amendment.updated_at = "", None, now
        session.add(amendment)
    session.flush()
    events_service.record(
        session,
        document_id=paragraph.document_id,
        actor=actor,
        action="decision.undone",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={
            "undone": undone,
            "amendment_ids": [a.id for a in restored],
            "version": wrote.number if wrote else None,
            "paragraph_restored": deleted,
            "paragraph_removed": paragraph.deleted_at is not None,
        },
        content=[content_service.of_amendment(a) for a in restored]
        + ([content_service.of_version(wrote)] if wrote else []),
        now=now,
    )
    return paragraph.head_version, undone, restored
