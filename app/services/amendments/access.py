"""Reaching an amendment: find it, lock it for a write, check it is pending, list its sponsors."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app import i18n
from app.errors import Conflict, NotFound
from app.models import Amendment, AmendmentSponsor, AmendmentStatus
from app.services.text import locking


def get_or_raise(session: Session, *, amendment_id: int) -> Amendment:
    amendment = session.get(Amendment, amendment_id)
    if amendment is None:
        raise NotFound(
            f"There is no amendment {amendment_id}.",
            code="amendment.not_found",
            params={"id": amendment_id},
        )
    return amendment


def lock(session: Session, amendment: Amendment) -> Amendment:
    """Lock the amendment (after its document) and re-read it: what a write decides on.

    The locked row is fetched, so `populate_existing` refreshes the object the caller holds:
    of two decisions sent at once, the second sees the first's status and gets a 409.
    """
    locking.document(session, document_id=amendment.document_id)
    return session.exec(
        select(Amendment)
        .where(Amendment.id == amendment.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).one()


def require_pending(amendment: Amendment, what: str) -> None:
    """409 unless the amendment is pending; `what` says why that matters ("only a pending
    amendment can be accepted."), as a `not_pending.*` phrase of the catalogue."""
    if amendment.status != AmendmentStatus.PENDING:
        raise Conflict(
            f"Amendment {amendment.id} is {amendment.status}: {what}",
            code="amendment.not_pending",
            params={
                "id": amendment.id or 0,
                "amendment_status": str(amendment.status),
                "why": i18n.code_of("not_pending.", what),
            },
            amendment_status=amendment.status,
        )


def current_sponsors(session: Session, *, amendment: Amendment) -> list[str]:
    """Codes of the current sponsors, the proposer first."""
    rows = session.exec(
        select(AmendmentSponsor.participant_code)
        .where(
            AmendmentSponsor.amendment_id == amendment.id,
            col(AmendmentSponsor.left_at).is_(None),
        )
        .order_by(col(AmendmentSponsor.joined_at), col(AmendmentSponsor.id))
    ).all()
    return [amendment.proposer_code] + [c for c in rows if c != amendment.proposer_code]
