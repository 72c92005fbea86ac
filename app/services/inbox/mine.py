"""Inbox items about the delegation's own amendments (those it proposed or co-sponsors):

- `decided`: accepted, partly accepted, rejected or superseded within the last RECENT days. The
  item needs no action: it disappears once the delegation marks it seen (`seen.dismiss`), or once
  the delegation has taken a position on the version the decision produced (it has acted there).
- `conflict`: still pending but no longer applying cleanly to the paragraph's head (or its
  paragraph was deleted). It disappears once the delegation revises the amendment so that it
  applies, withdraws it, or marks it seen; a newer head version raises it again (a new key).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, or_, select

from app.drafting import rebase as rebase_core
from app.models import Amendment, AmendmentSponsor, AmendmentStatus, Paragraph, Position
from app.models.calendar import InboxItem
from app.services.amendments.rebasing import BaseTexts, rebase_status
from app.services.positions.silence import as_utc
from app.services.record.rows import id_of

RECENT = timedelta(days=30)  # a decision older than this is no longer news
DECIDED = (
    AmendmentStatus.ACCEPTED,
    AmendmentStatus.PARTLY_ACCEPTED,
    AmendmentStatus.REJECTED,
    AmendmentStatus.SUPERSEDED,
)


def _mine(session: Session, code: str, document_id: int) -> list[Amendment]:
    sponsored = select(AmendmentSponsor.amendment_id).where(
        AmendmentSponsor.participant_code == code, col(AmendmentSponsor.left_at).is_(None)
    )
    return list(
        session.exec(
            select(Amendment)
            .where(
                Amendment.document_id == document_id,
                or_(Amendment.proposer_code == code, col(Amendment.id).in_(sponsored)),
            )
            .order_by(col(Amendment.id))
        ).all()
    )


def _positioned(session: Session, code: str, document_id: int) -> set[tuple[int, int]]:
    """(paragraph, version) pairs the delegation holds a current position on."""
    rows = session.exec(
        select(Position.paragraph_id, Position.version_number).where(
            Position.document_id == document_id,
            Position.participant_code == code,
            col(Position.current).is_(True),
            col(Position.paragraph_id).is_not(None),
        )
    ).all()
    return {(p, v) for p, v in rows if p is not None and v is not None}


def items(session: Session, *, code: str, document_id: int, now: datetime) -> list[InboxItem]:
    """The decided and the conflicting amendments of the delegation (dismissals not applied)."""
    mine = _mine(session, code, document_id)
    positioned = _positioned(session, code, document_id)
    found: list[InboxItem] = []
    bases = BaseTexts(session)
    for a in mine:
        if a.status in DECIDED and a.decided_at and as_utc(a.decided_at) >= now - RECENT:
            if a.result_version is None or (a.paragraph_id, a.result_version) not in positioned:
                found.append(_decided(a))
        elif a.status == AmendmentStatus.PENDING and a.paragraph_id is not None:
            paragraph = session.get(Paragraph, a.paragraph_id)
            status = rebase_status(a, paragraph, bases)
            if status.status not in (rebase_core.APPLIES_CLEANLY, rebase_core.ALREADY_APPLIED):
                found.append(_conflict(a, status.head_version, status.reason))
    return found


def _decided(a: Amendment) -> InboxItem:
    return InboxItem(
        kind="decided",
        key=f"decided/{id_of(a)}/{a.status}",
        document_id=a.document_id,
        paragraph_id=a.paragraph_id,
        amendment_id=a.id,
        version=a.result_version,
        status=a.status,
        dismissible=True,
        text=f"Your amendment {a.id} was {a.status.replace('_', ' ')}.",
    )


def _conflict(a: Amendment, head: int, reason: str) -> InboxItem:
    return InboxItem(
        kind="conflict",
        key=f"conflict/{id_of(a)}/{a.revision}/{head}",
        document_id=a.document_id,
        paragraph_id=a.paragraph_id,
        amendment_id=a.id,
        version=head,
        dismissible=True,
        text=f"Your amendment {a.id} no longer applies cleanly to version {head}. {reason}".strip(),
    )
