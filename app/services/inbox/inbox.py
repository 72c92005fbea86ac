"""The "For my delegation" inbox: what waits for the signed-in delegation, each item linking to
its place (its document, paragraph and amendment). Items are computed from the record, so each
one disappears once it is done: an invitation answered, a position taken on the head version, a
silence procedure over (or broken by the delegation), a conflicting amendment revised. Items that
need no action (a decision on the delegation's amendment, a reply to its comment, an amendment
that no longer applies) are `dismissible` and also disappear once marked seen (`seen.py`); see
`mine.py` and `replies.py` for when each counts as done.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from app.models import (
    Amendment,
    AmendmentSponsor,
    AmendmentStatus,
    Document,
    Position,
    SilenceProcedure,
)
from app.models.calendar import InboxItem, InboxPublic
from app.services.accounts.actors import Actor
from app.services.amendments import invitations as invitations_service
from app.services.calendar import rounds as rounds_service
from app.services.calendar import zones
from app.services.inbox import mine, replies, seen
from app.services.record.rows import id_of
from app.services.text import documents as documents_service

SOON = timedelta(days=14)  # a deadline this close is announced


def inbox(session: Session, *, actor: Actor, now: datetime) -> InboxPublic:
    """Every item waiting for the actor's delegation, the most urgent first."""
    code = actor.participant_code if actor.is_member_delegate else None
    items: list[InboxItem] = []
    if code:
        pending = invitations_service.pending_for(session, code=code)
        paragraph_of = _paragraphs_of(session, [i.amendment_id for i in pending])
        items += [
            InboxItem(
                kind="invitation",
                key=f"invitation/{i.id}",
                document_id=i.document_id,
                amendment_id=i.amendment_id,
                paragraph_id=paragraph_of.get(i.amendment_id),
                invitation_id=i.id,
                text=f"{i.invited_by_code} invites you to co-sponsor amendment {i.amendment_id}.",
            )
            for i in pending
        ]
    for document in session.exec(select(Document).order_by(col(Document.id))).all():
        items += _silences(session, id_of(document), now)
        items += _deadlines(session, id_of(document), now)
        if code:
            items += _positions_needed(session, id_of(document), code)
            items += _proposals_needing_position(session, id_of(document), code)
            items += mine.items(session, code=code, document_id=id_of(document), now=now)
            items += replies.items(session, code=code, document_id=id_of(document))
    if code:
        done = seen.dismissed(session, code=code)
        items = [i for i in items if not (i.dismissible and i.key in done)]
    items.sort(key=lambda i: (i.deadline is None, i.deadline or now))
    return InboxPublic(count=len(items), items=items)


def _paragraphs_of(session: Session, amendment_ids: list[int]) -> dict[int, int]:
    """amendment id -> the paragraph it amends (or follows, for a new paragraph)."""
    if not amendment_ids:
        return {}
    rows = session.exec(
        select(Amendment.id, Amendment.paragraph_id, Amendment.after_paragraph_id).where(
            col(Amendment.id).in_(amendment_ids)
        )
    ).all()
    found: dict[int, int] = {}
    for amendment_id, paragraph_id, after in rows:
        place = paragraph_id or after
        if amendment_id is not None and place is not None:
            found[amendment_id] = place
    return found


def _silences(session: Session, document_id: int, now: datetime) -> list[InboxItem]:
    running = session.exec(
        select(SilenceProcedure).where(
            SilenceProcedure.document_id == document_id,
            col(SilenceProcedure.cancelled_at).is_(None),
            col(SilenceProcedure.broken_at).is_(None),
            col(SilenceProcedure.deadline) > now,
        )
    ).all()
    return [
        InboxItem(
            kind="silence",
            key=f"silence/{p.id}",
            document_id=document_id,
            paragraph_id=p.paragraph_id,
            silence_id=p.id,
            version=p.version_number,
            deadline=p.deadline,
            timezone=p.timezone,
            text="Under silence until " + zones.local(p.deadline, p.timezone) + ".",
        )
        for p in running
    ]


def _deadlines(session: Session, document_id: int, now: datetime) -> list[InboxItem]:
    rounds = rounds_service.list_rounds(session, document_id=document_id)
    upcoming = rounds_service.next_deadline(rounds, now)
    if upcoming is None or upcoming.at - now > SOON:
        return []
    what = "Amendments due" if upcoming.kind == "amendments" else "Next revision due"
    return [
        InboxItem(
            kind="deadline",
            key=f"deadline/{upcoming.round_id}/{upcoming.kind}",
            document_id=document_id,
            deadline=upcoming.at,
            text=f"{what}: {upcoming.local}.",
        )
    ]


def _positions_needed(session: Session, document_id: int, code: str) -> list[InboxItem]:
    taken = set(
        session.exec(
            select(Position.paragraph_id, Position.version_number).where(
                Position.document_id == document_id,
                Position.participant_code == code,
                col(Position.current).is_(True),
                col(Position.paragraph_id).is_not(None),
            )
        ).all()
    )
    return [
        InboxItem(
            kind="position",
            key=f"position/{p.id}/{p.head_version}",
            document_id=document_id,
            paragraph_id=p.id,
            version=p.head_version,
            text=f"No position of yours on version {p.head_version} of this paragraph.",
        )
        for p in documents_service.live_paragraphs(session, document_id=document_id)
        if (p.id, p.head_version) not in taken
    ]


def _proposals_needing_position(session: Session, document_id: int, code: str) -> list[InboxItem]:
    """Pending proposals of other delegations on which this one has no position yet (a
    sponsor's position is its sponsorship); each leaves once a position is taken or the
    delegation co-sponsors it."""
    taken = select(Position.amendment_id).where(
        Position.participant_code == code,
        col(Position.current).is_(True),
        col(Position.amendment_id).is_not(None),
    )
    sponsoring = select(AmendmentSponsor.amendment_id).where(
        AmendmentSponsor.participant_code == code, col(AmendmentSponsor.left_at).is_(None)
    )
    waiting = session.exec(
        select(Amendment)
        .where(
            Amendment.document_id == document_id,
            Amendment.status == AmendmentStatus.PENDING,
            Amendment.proposer_code != code,
            col(Amendment.id).not_in(taken),
            col(Amendment.id).not_in(sponsoring),
        )
        .order_by(col(Amendment.id))
    ).all()
    return [
        InboxItem(
            kind="proposal",
            key=f"proposal/{id_of(a)}",
            document_id=document_id,
            amendment_id=a.id,
            paragraph_id=a.paragraph_id or a.after_paragraph_id,
            text=f"No position of yours on amendment {a.id} by {a.proposer_code}.",
        )
        for a in waiting
    ]
